"""Train the transcript boundary model (src/starl/data/model/boundaries.npz).

Every typed answer is cut into its sentences and clauses (`split_units`, which has the
punctuation to go by) and then spoken the way `corpus.derive_transcript` speaks it:
lower case, no punctuation, fillers and repeated words. The gap before the first spoken
word of each clause is a boundary; every other gap is not. A logistic regression over
the words around each gap learns to put the punctuation back. `make train` runs this
before the component model, whose transcript units it cuts.

Deterministic: fixed seeds for the speech, L-BFGS from zero weights.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starl.analysis.boundaries import BoundaryModel, dense_features, gap_features  # noqa: E402
from training.corpus import TYPED, Answer, fold_of, load_splits, spoken_with_cuts  # noqa: E402
from training.metrics import detection_f1  # noqa: E402

OUT = ROOT / "src" / "starl" / "data" / "model" / "boundaries.npz"
SEEDS = (11, 12)
PRUNE_BELOW = 0.1
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def examples(answers: list[Answer]) -> tuple[list[dict[str, int]], np.ndarray, list[int]]:
    rows, dense, targets = [], [], []
    for answer in answers:
        if answer.derived_from or answer.style not in TYPED:
            continue
        for seed in SEEDS:
            words, cuts = spoken_with_cuts(answer, seed)
            dense.append(dense_features(words)[1:])
            for i in range(1, len(words)):
                rows.append(dict.fromkeys(gap_features(words, i), 1))
                targets.append(int(i in cuts))
    return rows, np.concatenate(dense), targets


def fit(answers: list[Answer], threshold: float = 0.5) -> BoundaryModel:
    rows, dense, targets = examples(answers)
    vectorizer = DictVectorizer()
    matrix = sparse.hstack([vectorizer.fit_transform(rows), sparse.csr_matrix(dense)]).tocsr()
    clf = LogisticRegression(C=0.5, max_iter=1000)
    clf.fit(matrix, targets)
    names = vectorizer.get_feature_names_out()
    weights, dense_weights = clf.coef_[0][: len(names)], clf.coef_[0][len(names) :]
    keep = np.abs(weights) >= PRUNE_BELOW
    return BoundaryModel(
        list(names[keep]), weights[keep], float(clf.intercept_[0]), threshold, dense_weights
    )


def cut_pairs(
    model: BoundaryModel, answers: list[Answer], threshold: float
) -> list[tuple[set[int], set[int]]]:
    """(true cuts, predicted cuts) for each typed answer, spoken with a held-out seed."""
    pairs = []
    for answer in answers:
        if not answer.derived_from and answer.style in TYPED:
            words, cuts = spoken_with_cuts(answer, 99)
            pairs.append((cuts, set(model.cuts(words, threshold))))
    return pairs


def choose_threshold(answers: list[Answer], folds: int = 3) -> float:
    """The threshold with the best boundary F1 pooled over cross-validation folds of
    `answers`: steadier than one dev split, where thresholds a step apart differ by
    less than the noise."""
    pairs: dict[float, list[tuple[set[int], set[int]]]] = {th: [] for th in THRESHOLDS}
    for k in range(folds):
        model = fit([a for a in answers if fold_of(a.story, folds) != k])
        held_out = [a for a in answers if fold_of(a.story, folds) == k]
        for th in THRESHOLDS:
            pairs[th] += cut_pairs(model, held_out, th)
    scores = {th: detection_f1(found)[2] for th, found in pairs.items()}
    for th, score in scores.items():
        print(f"threshold {th:.2f}: cross-validated boundary F1 {score:.4f}")
    return max(scores, key=scores.__getitem__)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    splits = load_splits()
    pool = splits["train"] + splits["dev"]
    threshold = choose_threshold(pool)
    model = fit(pool, threshold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    print(f"wrote {args.out}: {len(model.weights)} features, threshold {threshold}")


if __name__ == "__main__":
    main()
