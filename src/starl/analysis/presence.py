"""Is each component in the answer at all? A second, answer-level model decides.

The CRF labels units one by one, so a one-clause Task or a closing Lesson lives or dies
by a few transition weights. This model looks at each component as a whole: how much
path score it is worth, how probable the CRF finds it anywhere, how much of the answer
it would cover and where, and how long, how spoken and how hypothetical the answer is.
A transcript cuts into fewer, longer units than typed text, so the same CRF evidence
means something else there: every feature also enters multiplied by `spoken`, which
gives spoken answers weights of their own.
Its weights are a logistic regression fitted by `make train` on the CRF's out-of-fold
output, with one threshold per component chosen for missing-component F1 there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from starl.analysis.lexicon import has_quantity, hypothetical_share
from starl.analysis.units import Unit, looks_like_transcript

if TYPE_CHECKING:  # model.py imports this module
    from starl.analysis.model import ComponentModel

# What the model sees of one component in one answer, in this order.
FEATURES = (
    "gap",  # best path score with the component minus the best without it
    "absent_probability",  # CRF probability that no unit carries it
    "top_marginal",  # highest probability of any one unit carrying it
    "expected_units",  # expected number of units carrying it
    "expected_share",  # the same over the number of units
    "units",
    "log_words",
    "spoken",
    "span_share",  # share of the words it takes in the best path that has it
    "span_units",
    "span_position",  # where that span starts, 0 (first unit) to 1 (last)
    "span_quantity",  # that span states a quantity
    "emission_lead",  # most any unit prefers it over every other tag, before transitions
    "hypothetical",  # share of "I would" framings: an approach, not a story, has no Situation
)
_SPOKEN = FEATURES.index("spoken")
_BY_SPOKEN = [i for i in range(len(FEATURES)) if i != _SPOKEN]
# The columns of a feature row: FEATURES, then each of them (but `spoken`) times `spoken`.
COLUMNS = FEATURES + tuple(f"{FEATURES[i]}*spoken" for i in _BY_SPOKEN)
_GAP_CLIP = 30.0
# Names of the arrays in components.npz, in the constructor's order.
_ARRAYS = (
    "presence_weights",
    "presence_intercepts",
    "presence_means",
    "presence_scales",
    "presence_thresholds",
)


@dataclass(frozen=True)
class AnswerShape:
    """What the presence model knows about the answer beyond the CRF's scores."""

    unit_words: tuple[int, ...]
    unit_quantity: tuple[bool, ...]
    spoken: bool
    hypothetical: float = 0.0

    @classmethod
    def of(cls, units: Sequence[Unit], text: str) -> AnswerShape:
        return cls(
            tuple(len(u.words) for u in units),
            tuple(has_quantity(u.text) for u in units),
            looks_like_transcript(text),
            hypothetical_share(text),
        )


def presence_features(
    model: ComponentModel,
    emit: np.ndarray,
    shape: AnswerShape,
    best_path: tuple[float, list[int]] | None = None,
) -> np.ndarray:
    """One row of COLUMNS per component, from the emissions of the answer's units (and
    their best path, if the caller has it already)."""
    n = len(emit)
    best, path = best_path or model.viterbi(emit)
    on_path = set(model.tag_label[path].tolist())
    marginals, log_z = model.marginals(emit)
    words = np.asarray(shape.unit_words, dtype=np.float64)
    total_words = max(words.sum(), 1.0)
    rows = np.zeros((len(model.groups), len(FEATURES)))
    best_without, log_z_without = model.without_each(emit)
    for c, group in enumerate(model.groups):
        others = np.delete(emit, group, axis=1)
        if c in on_path:
            with_score, with_path = best, path
        else:
            with_score, with_path = model.viterbi(emit, require=(c,))
        gap = np.clip(with_score - best_without[c], -_GAP_CLIP, _GAP_CLIP)
        carried = marginals[:, group].sum(axis=1)
        span = [i for i, tag in enumerate(with_path) if model.tag_label[tag] == c]
        rows[c] = (
            gap,
            np.exp(min(0.0, log_z_without[c] - log_z)),
            carried.max(),
            carried.sum(),
            carried.sum() / n,
            n,
            np.log(total_words),
            float(shape.spoken),
            words[span].sum() / total_words if span else 0.0,
            len(span),
            span[0] / max(n - 1, 1) if span else 0.5,
            float(any(shape.unit_quantity[i] for i in span)),
            float(np.max(emit[:, group].max(axis=1) - others.max(axis=1))),
            shape.hypothetical,
        )
    return np.concatenate([rows, rows[:, _BY_SPOKEN] * float(shape.spoken)], axis=1)


class PresenceModel:
    """Logistic regression per component on standardised COLUMNS, with thresholds."""

    def __init__(
        self,
        weights: np.ndarray,
        intercepts: np.ndarray,
        means: np.ndarray,
        scales: np.ndarray,
        thresholds: np.ndarray,
    ) -> None:
        self.weights = np.asarray(weights, dtype=np.float64)  # (components, features)
        self.intercepts = np.asarray(intercepts, dtype=np.float64)
        self.means = np.asarray(means, dtype=np.float64)
        self.scales = np.asarray(scales, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)

    def absent_probabilities(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.means) / self.scales * self.weights).sum(axis=1) + self.intercepts
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays that `ComponentModel.save` writes, by name."""
        values = (self.weights, self.intercepts, self.means, self.scales, self.thresholds)
        return dict(zip(_ARRAYS, values, strict=True))

    @classmethod
    def from_arrays(cls, data: Mapping[str, np.ndarray]) -> PresenceModel | None:
        """The model saved among `data`, or None if a file has none."""
        if _ARRAYS[0] not in data:
            return None
        weights, intercepts, means, scales, thresholds = (data[name] for name in _ARRAYS)
        return cls(weights, intercepts, means, scales, thresholds)
