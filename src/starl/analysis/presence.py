"""Is each component in the answer at all? A second, answer-level model decides.

The CRF labels units one by one, so a one-clause Task or a closing Lesson lives or dies
by a few transition weights. This model looks at each component as a whole: how much
path score it is worth, how probable the CRF finds it anywhere, how much of the answer
it would cover and where, and how long, how spoken and how hypothetical the answer is.
A transcript cuts into fewer, longer units than typed text, so the same CRF evidence
means something else there: every feature also enters multiplied by `spoken`, which
gives spoken answers weights of their own. Whether one component is there also depends on
the others (a Situation that takes half the answer may have swallowed the Task), so each
component's row ends with every component's features.
Two models read the rows, and the chance that a component is absent is their mean: a
logistic regression and a small ensemble of gradient-boosted trees, which finds the
thresholds and interactions a linear model cannot. `make train` fits both on the CRF's
out-of-fold output and chooses one threshold per component for missing-component F1 there.
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
# The components, in the order of the CRF's labels (model.LABELS).
COMPONENTS = ("situation", "task", "action", "result", "lesson")
# The columns of a feature row: FEATURES, then each of them (but `spoken`) times `spoken`,
# then the FEATURES of every component, the row's own included.
COLUMNS = (
    FEATURES
    + tuple(f"{FEATURES[i]}*spoken" for i in _BY_SPOKEN)
    + tuple(f"{c}:{f}" for c in COMPONENTS for f in FEATURES)
)
_GAP_CLIP = 30.0
# Names of the arrays in components.npz, in the constructor's order.
_ARRAYS = (
    "presence_weights",
    "presence_intercepts",
    "presence_means",
    "presence_scales",
    "presence_thresholds",
)
_TREE_ARRAYS = (
    "presence_tree_feature",
    "presence_tree_threshold",
    "presence_tree_missing_left",
    "presence_tree_left",
    "presence_tree_right",
    "presence_tree_value",
    "presence_tree_roots",
    "presence_tree_baselines",
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
    every = np.broadcast_to(rows.reshape(-1), (len(rows), rows.size))
    return np.concatenate([rows, rows[:, _BY_SPOKEN] * float(shape.spoken), every], axis=1)


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted regression trees, one ensemble per component, as flat node arrays.

    Node `i` sends a row left when its `feature[i]` column is at most `threshold[i]` (or is
    NaN and `missing_left[i]`), else right. A leaf is its own left and right child with an
    infinite threshold, so every row can take the same number of steps. An ensemble's
    log-odds is its baseline plus the `value` of the leaf each of its trees ends in.
    """

    feature: np.ndarray  # (nodes,) column index
    threshold: np.ndarray  # (nodes,)
    missing_left: np.ndarray  # (nodes,) bool
    left: np.ndarray  # (nodes,) node index
    right: np.ndarray  # (nodes,)
    value: np.ndarray  # (nodes,) leaf value; 0 for inner nodes
    roots: np.ndarray  # (components, trees) node index of each tree's root
    baselines: np.ndarray  # (components,)

    def log_odds(self, features: np.ndarray) -> np.ndarray:
        """One log-odds per component; `features` has one row per component."""
        nodes = self.roots
        rows = np.arange(len(nodes))[:, None]
        while True:
            x = features[rows, self.feature[nodes]]
            below = np.where(np.isnan(x), self.missing_left[nodes], x <= self.threshold[nodes])
            following = np.where(below, self.left[nodes], self.right[nodes])
            if np.array_equal(following, nodes):
                break
            nodes = following
        return np.asarray(self.baselines + self.value[nodes].sum(axis=1))

    def arrays(self) -> dict[str, np.ndarray]:
        values = (
            self.feature,
            self.threshold,
            self.missing_left,
            self.left,
            self.right,
            self.value,
            self.roots,
            self.baselines,
        )
        return dict(zip(_TREE_ARRAYS, values, strict=True))

    @classmethod
    def from_arrays(cls, data: Mapping[str, np.ndarray]) -> TreeEnsemble | None:
        if _TREE_ARRAYS[0] not in data:
            return None
        return cls(*(np.asarray(data[name]) for name in _TREE_ARRAYS))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


class PresenceModel:
    """Logistic regression per component on standardised COLUMNS, averaged with a tree
    ensemble when there is one, and a threshold per component on the result."""

    def __init__(
        self,
        weights: np.ndarray,
        intercepts: np.ndarray,
        means: np.ndarray,
        scales: np.ndarray,
        thresholds: np.ndarray,
        trees: TreeEnsemble | None = None,
    ) -> None:
        self.weights = np.asarray(weights, dtype=np.float64)  # (components, features)
        self.intercepts = np.asarray(intercepts, dtype=np.float64)
        self.means = np.asarray(means, dtype=np.float64)
        self.scales = np.asarray(scales, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        self.trees = trees

    def linear_probabilities(self, features: np.ndarray) -> np.ndarray:
        """The logistic regression's chance that each component is absent."""
        z = ((features - self.means) / self.scales * self.weights).sum(axis=1) + self.intercepts
        return _sigmoid(z)

    def absent_probabilities(self, features: np.ndarray) -> np.ndarray:
        linear = self.linear_probabilities(features)
        if self.trees is None:
            return linear
        return np.asarray((linear + _sigmoid(self.trees.log_odds(features))) / 2)

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays that `ComponentModel.save` writes, by name."""
        values = (self.weights, self.intercepts, self.means, self.scales, self.thresholds)
        trees = self.trees.arrays() if self.trees else {}
        return dict(zip(_ARRAYS, values, strict=True)) | trees

    @classmethod
    def from_arrays(cls, data: Mapping[str, np.ndarray]) -> PresenceModel | None:
        """The model saved among `data`, or None if a file has none."""
        if _ARRAYS[0] not in data:
            return None
        weights, intercepts, means, scales, thresholds = (data[name] for name in _ARRAYS)
        return cls(weights, intercepts, means, scales, thresholds, TreeEnsemble.from_arrays(data))
