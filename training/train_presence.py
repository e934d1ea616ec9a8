"""Fit the presence model (starl.analysis.presence) on the CRF's out-of-fold output.

`train_components.py` calls it with out-of-fold cases: every answer is scored by a CRF
that did not train on its story, as answers are at analysis time. Run alone, it refits
the presence model of the shipped components.npz on cases that `train_components.py
--save-cases` pickled, and leaves the CRF as it is:

    python training/train_presence.py --cases /tmp/cases.pkl
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starl.analysis.model import ComponentModel  # noqa: E402
from starl.analysis.presence import (  # noqa: E402
    AnswerShape,
    PresenceModel,
    TreeEnsemble,
    presence_features,
)
from starl.analysis.units import Unit  # noqa: E402
from training.corpus import Answer, fold_of  # noqa: E402
from training.metrics import COMPONENTS  # noqa: E402

Case = tuple[Answer, list[Unit], np.ndarray, ComponentModel]
THRESHOLDS = tuple(float(t) for t in np.linspace(0.05, 0.95, 91))
FOLDS = 3
# Inverse L2 strength of the logistic regression on standardised features. Nested
# cross-validation (batches 1-49) scored missing F1 0.803 / 0.807 / 0.805 at C = 0.1 / 1 / 10;
# with the spoken columns (batches 1-59), 0.835 / 0.841 / 0.848 / 0.845 at C = 0.1 / 0.3 / 1 / 3.
# With every component's columns and the trees beside it (all 4,435 train+dev answers, the
# CRF of 19dd7fe), 0.8950 / 0.8960 / 0.8944 at C = 0.03 / 0.1 / 0.3.
REGULARISATION = 0.1
# The trees. Same measurement, each beside the regression at C = 0.1: depth 2 / 3 / 4 scored
# 0.8907 / 0.8960 / 0.8919; depth 3 with min_samples_leaf 40 and l2 1.0, 0.8944. Alone,
# the trees scored 0.8855 and the regression 0.8867 (0.8786 without the other components'
# columns, as shipped before).
TREES = {"max_iter": 200, "learning_rate": 0.05, "max_depth": 3, "early_stopping": False}
# Tried and not kept (CRF of f0abd52, the mean over four story-fold assignments, 0.8885 as
# shipped): each component's features again over the transcript cut into runs of at most
# 6 / 8 / 10 / 12 / 16 words scored 0.8893 / 0.8926 / 0.8897 / 0.8895 / 0.8907, a gain of
# about one fold-to-fold standard deviation that made a 300-word transcript 2.5 times slower
# to analyze. With the 8-word columns, C = 0.03 / 0.3 scored 0.8939 / 0.8900 and trees of
# depth 4 or 300 iterations 0.8921 / 0.8910, against 0.8926. Without them, thresholds
# chosen apart for spoken and written answers scored 0.8849 (they fit their folds).
# A whole-answer TF-IDF logistic regression per component (out of fold by story), its
# log-odds added as columns, lowered held-out missing F1 on the CRF's folds from 0.8917 to
# 0.8878: a bag of the answer's words cannot tell a one-clause Task from a Situation.


def presence_rows(cases: list[Case]) -> tuple[np.ndarray, np.ndarray]:
    """Features (answers, components, features) and which components each answer lacks."""
    features, absent = [], []
    for answer, units, emit, model in cases:
        shape = AnswerShape.of(units, answer.text)
        features.append(presence_features(model, emit, shape))
        gold = set(answer.word_labels())
        absent.append([c not in gold for c in COMPONENTS])
    return np.asarray(features), np.asarray(absent, dtype=bool)


def story_folds(cases: list[Case]) -> np.ndarray:
    """The fold of each case's story: the folds the CRF was cross-validated on."""
    return np.array([fold_of(answer.story, FOLDS) for answer, *_ in cases])


def _f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    tp = int((gold & predicted).sum())
    return 2 * tp / max(int(gold.sum() + predicted.sum()), 1)


def _export(fits: list[HistGradientBoostingClassifier]) -> TreeEnsemble:
    """The fitted trees (one classifier per component) as flat node arrays.

    sklearn keeps its trees in private attributes (`_predictors`, `_baseline_prediction`;
    read here as sklearn 1.4 to 1.9 lay them out). `_fit` checks the arrays against the
    classifier's own `decision_function`, so a change in their meaning stops the training
    instead of shipping wrong trees."""
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("f", "t", "m", "l", "r", "v")}
    roots, offset = [], 0
    for fit in fits:
        component_roots = []
        for (predictor,) in fit._predictors:  # one tree per iteration for two classes
            nodes = predictor.nodes
            leaf = nodes["is_leaf"].astype(bool)
            own = np.arange(len(nodes)) + offset
            parts["f"].append(np.where(leaf, 0, nodes["feature_idx"]).astype(np.int32))
            parts["t"].append(np.where(leaf, np.inf, nodes["num_threshold"]))
            parts["m"].append(leaf | nodes["missing_go_to_left"].astype(bool))
            parts["l"].append(np.where(leaf, own, nodes["left"] + offset).astype(np.int32))
            parts["r"].append(np.where(leaf, own, nodes["right"] + offset).astype(np.int32))
            parts["v"].append(np.where(leaf, nodes["value"], 0.0))
            component_roots.append(offset)
            offset += len(nodes)
        roots.append(component_roots)
    f, t, m, left, right, v = (np.concatenate(parts[k]) for k in ("f", "t", "m", "l", "r", "v"))
    baselines = np.array([float(np.ravel(fit._baseline_prediction)[0]) for fit in fits])
    return TreeEnsemble(f, t, m, left, right, v, np.array(roots, dtype=np.int32), baselines)


def _fit(features: np.ndarray, absent: np.ndarray) -> PresenceModel:
    """Both models, per component, with every threshold at 0.5."""
    count = len(COMPONENTS)
    weights = np.zeros((count, features.shape[2]))
    intercepts, means, scales = np.zeros(count), np.zeros_like(weights), np.ones_like(weights)
    trees = []
    for c in range(count):
        x = features[:, c]
        means[c], scales[c] = x.mean(axis=0), x.std(axis=0) + 1e-9
        fit = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(
            (x - means[c]) / scales[c], absent[:, c]
        )
        weights[c], intercepts[c] = fit.coef_[0], fit.intercept_[0]
        trees.append(HistGradientBoostingClassifier(random_state=0, **TREES).fit(x, absent[:, c]))
    ensemble = _export(trees)
    # The exported arrays must say what the classifiers say.
    for c, tree in enumerate(trees):
        mine = np.array([ensemble.log_odds(row)[c] for row in features[:300]])
        if not np.allclose(mine, tree.decision_function(features[:300, c]), atol=1e-9):
            raise RuntimeError("the exported trees disagree with the fitted classifier")
    return PresenceModel(weights, intercepts, means, scales, np.full(count, 0.5), ensemble)


def _probabilities(model: PresenceModel, features: np.ndarray) -> np.ndarray:
    return np.stack([model.absent_probabilities(f) for f in features])


def _thresholds(probabilities: np.ndarray, absent: np.ndarray) -> np.ndarray:
    """One threshold per component, by coordinate ascent on missing-component F1 over all
    components together."""
    thresholds = np.full(len(COMPONENTS), 0.5)
    best = _f1(absent, probabilities >= thresholds)
    for _ in range(2):
        for c in range(len(COMPONENTS)):
            for value in THRESHOLDS:
                trial = thresholds.copy()
                trial[c] = value
                score = _f1(absent, probabilities >= trial)
                if score > best + 1e-9:
                    best, thresholds = score, trial
    return thresholds


def fit_presence(
    features: np.ndarray, absent: np.ndarray, folds: np.ndarray
) -> tuple[PresenceModel, float]:
    """The presence model fitted on all answers, with thresholds chosen on out-of-fold
    probabilities (the trees fit their own training answers too well for thresholds
    chosen there to carry over); and the missing-component F1 of those out-of-fold
    probabilities, each fold cut at thresholds chosen on the other folds."""
    held_out = np.zeros(absent.shape)
    for k in np.unique(folds):
        inside = folds != k
        held_out[~inside] = _probabilities(
            _fit(features[inside], absent[inside]), features[~inside]
        )
    predicted = np.zeros_like(absent)
    for k in np.unique(folds):
        inside = folds != k
        cut = _thresholds(held_out[inside], absent[inside])
        predicted[~inside] = held_out[~inside] >= cut
    model = _fit(features, absent)
    model.thresholds = _thresholds(held_out, absent)
    return model, _f1(absent, predicted)


def main() -> None:
    from training.train_components import OUT, report

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, required=True, help="pickled out-of-fold cases")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with args.cases.open("rb") as fh:
        cases = pickle.load(fh)
    presence, held_out = fit_presence(*presence_rows(cases), story_folds(cases))
    print(f"presence model, held out by story fold: missing F1 {held_out:.4f}")
    print(f"with the presence model (fitted on these answers): {report(cases, presence)}")
    print(f"presence thresholds {dict(zip(COMPONENTS, presence.thresholds.round(2), strict=True))}")
    model = ComponentModel.load(str(args.out))
    model.presence = presence
    model.save(str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
