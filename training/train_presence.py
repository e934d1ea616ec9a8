"""Fit the presence model (starl.analysis.presence) on the CRF's out-of-fold output.

`train_components.py` calls it with out-of-fold cases: every answer is scored by a CRF
that did not train on its story, as answers are at analysis time.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from starl.analysis.model import ComponentModel
from starl.analysis.presence import AnswerShape, PresenceModel, presence_features
from starl.analysis.units import Unit
from training.corpus import Answer
from training.metrics import COMPONENTS

Case = tuple[Answer, list[Unit], np.ndarray, ComponentModel]
THRESHOLDS = tuple(float(t) for t in np.linspace(0.05, 0.95, 91))
# Inverse L2 strength of the logistic regression on standardised features. Nested
# cross-validation (batches 1-49) scored missing F1 0.803 / 0.807 / 0.805 at C = 0.1 / 1 / 10;
# with the spoken columns (batches 1-59), 0.835 / 0.841 / 0.848 / 0.845 at C = 0.1 / 0.3 / 1 / 3.
REGULARISATION = 1.0


def presence_rows(cases: list[Case]) -> tuple[np.ndarray, np.ndarray]:
    """Features (answers, components, features) and which components each answer lacks."""
    features, absent = [], []
    for answer, units, emit, model in cases:
        shape = AnswerShape.of(units, answer.text)
        features.append(presence_features(model, emit, shape))
        gold = set(answer.word_labels())
        absent.append([c not in gold for c in COMPONENTS])
    return np.asarray(features), np.asarray(absent, dtype=bool)


def _f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    tp = int((gold & predicted).sum())
    return 2 * tp / max(int(gold.sum() + predicted.sum()), 1)


def fit_presence(features: np.ndarray, absent: np.ndarray) -> PresenceModel:
    """Logistic regression per component; then one threshold per component, by
    coordinate ascent on missing-component F1 over all components together."""
    count = len(COMPONENTS)
    weights = np.zeros((count, features.shape[2]))
    intercepts, means, scales = np.zeros(count), np.zeros_like(weights), np.ones_like(weights)
    for c in range(count):
        x = features[:, c]
        means[c], scales[c] = x.mean(axis=0), x.std(axis=0) + 1e-9
        fit = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(
            (x - means[c]) / scales[c], absent[:, c]
        )
        weights[c], intercepts[c] = fit.coef_[0], fit.intercept_[0]
    model = PresenceModel(weights, intercepts, means, scales, np.full(count, 0.5))
    probabilities = np.stack([model.absent_probabilities(f) for f in features])
    thresholds = np.full(count, 0.5)
    best = _f1(absent, probabilities >= thresholds)
    for _ in range(2):
        for c in range(count):
            for value in THRESHOLDS:
                trial = thresholds.copy()
                trial[c] = value
                score = _f1(absent, probabilities >= trial)
                if score > best + 1e-9:
                    best, thresholds = score, trial
    model.thresholds = thresholds
    return model
