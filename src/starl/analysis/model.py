"""The trained component model: a linear-chain CRF over units, applied with numpy.

Weights are trained by `make train` (training/train_components.py) and shipped as
`starl/data/model/components.npz`: one row of tag weights per feature name and a
tag-to-tag transition matrix. Each component has two tags, one for the unit where it
starts and one for the units that continue it, so the model learns what a component's
first clause looks like ("My job was...") apart from what follows it. Decoding is
Viterbi, so the order the corpus taught (Situation, Task, Action, Result, Lesson) is
preferred without being imposed. Which components the answer has at all is decided
answer by answer by the presence model (presence.py), whose weights ship in the same file.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from starl.analysis.features import FeatureRows
from starl.analysis.modelfiles import model_path, pack_strings, unpack_strings
from starl.analysis.presence import AnswerShape, PresenceModel, presence_features
from starl.analysis.units import Unit

LABELS = ("situation", "task", "action", "result", "lesson", "none")
# The states the CRF walks through: each component has a B- tag for the unit where it
# starts and an I- tag for the units that continue it, so the model learns where a
# component begins as well as what it is about.
TAGS = (*(f"{p}-{c}" for c in LABELS[:5] for p in ("B", "I")), "none")
MODEL_FILE = "components.npz"
# A score no path can afford: what a forbidden tag or state costs.
_NEG = -1e9


def _logsumexp(values: np.ndarray, axis: int) -> np.ndarray:
    top = values.max(axis=axis, keepdims=True)
    return np.asarray(np.squeeze(top, axis=axis) + np.log(np.exp(values - top).sum(axis=axis)))


def label_of(tag: str) -> str:
    """The component a tag belongs to: `B-task` and `I-task` are both `task`."""
    return tag.split("-", 1)[-1]


def tags_of(labels: Sequence[str]) -> list[str]:
    """Unit labels as tags: B- where a component starts, I- where it goes on."""
    tags = []
    for i, label in enumerate(labels):
        if label == "none":
            tags.append(label)
        else:
            tags.append(f"{'I' if i and labels[i - 1] == label else 'B'}-{label}")
    return tags


class ComponentModel:
    def __init__(
        self,
        feature_names: Sequence[str],
        weights: np.ndarray,
        transitions: np.ndarray,
        tags: Sequence[str] = TAGS,
        presence: PresenceModel | None = None,
    ) -> None:
        self.labels = LABELS
        self.tags = tuple(tags)
        # tag index -> label index, and for each component the tags that carry it
        self.tag_label = np.asarray([LABELS.index(label_of(t)) for t in self.tags])
        self.groups = [np.flatnonzero(self.tag_label == c) for c in range(len(LABELS) - 1)]
        self.index = dict(zip(feature_names, range(len(feature_names)), strict=True))
        self.weights = weights.astype(np.float64)
        self.transitions = transitions.astype(np.float64)
        # The answer-level model that decides which components are there at all.
        self.presence = presence
        self._rows: FeatureRows | None = None  # built on first use

    # -- persistence ---------------------------------------------------------------
    def save(self, path: str) -> None:
        arrays: dict[str, Any] = {
            "names": pack_strings(sorted(self.index, key=self.index.__getitem__)),
            "weights": self.weights.astype(np.float32),
            "transitions": self.transitions.astype(np.float32),
            "tags": pack_strings(self.tags),
            **(self.presence.arrays() if self.presence else {}),
        }
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str) -> ComponentModel:
        with np.load(path) as data:
            names = unpack_strings(data["names"])
            tags = unpack_strings(data["tags"])
            presence = PresenceModel.from_arrays(data)
            return cls(names, data["weights"], data["transitions"], tags, presence)

    # -- inference -----------------------------------------------------------------
    def emissions(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """Each unit's score for each tag: the sum of its known features' weights, times
        their values, gathered for all units at once."""
        sizes = [len(feats) for feats in features]
        total = sum(sizes)
        names = itertools.chain.from_iterable(features)
        ids = np.fromiter(map(self.index.get, names, itertools.repeat(-1)), np.int64, total)
        values = np.fromiter(
            itertools.chain.from_iterable(feats.values() for feats in features), np.float64, total
        )
        units = np.repeat(np.arange(len(features)), sizes)
        known = ids >= 0
        return self._emit(units[known], ids[known], values[known], len(features))

    def unit_emissions(self, units: Sequence[Unit], text: str) -> np.ndarray:
        """`emissions(unit_features(units, text))`, to the last bit, at a fraction of the
        cost: the features arrive as the model's rows (see FeatureRows)."""
        if self._rows is None:
            self._rows = FeatureRows(self.index)
        ids, values, sizes = self._rows.of(units, text)
        return self._emit(
            np.repeat(np.arange(len(units)), sizes),
            np.asarray(ids, dtype=np.int64),
            np.asarray(values, dtype=np.float64),
            len(units),
        )

    def _emit(self, units: np.ndarray, ids: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
        weighted = self.weights[ids].T * values
        # Per tag, each unit's sum in feature order: what `np.add.at` gives, at a third of its cost.
        return np.stack([np.bincount(units, tag, minlength=n) for tag in weighted], axis=1)

    def viterbi(self, emit: np.ndarray, require: Iterable[int] = ()) -> tuple[float, list[int]]:
        """Best tag path and its score; with `require` (component indexes), the best path
        with at least one tag of each of those components (empty if there is none).

        The constrained search runs over (tag, components-seen-so-far) states, so it is
        exact; with nothing required it is plain Viterbi.
        """
        required = sorted(set(require))
        n, k = emit.shape
        # bit j of a state's mask: required component j has been seen on the way here
        tag_bits = np.zeros(k, dtype=np.int64)
        for j, component in enumerate(required):
            tag_bits[self.groups[component]] = 1 << j
        states = 1 << len(required)
        masks = np.arange(states)
        step = np.full((states * k, states * k), _NEG)
        rows = masks[:, None, None] * k + np.arange(k)[None, :, None]
        cols = (masks[:, None] | tag_bits[None, :])[:, None, :] * k + np.arange(k)[None, None, :]
        step[rows, cols] = self.transitions[None, :, :]
        score = np.full(states * k, _NEG)
        score[tag_bits * k + np.arange(k)] = emit[0]
        back = np.zeros((n, states * k), dtype=np.int64)
        for t in range(1, n):
            total = score[:, None] + step
            back[t] = total.argmax(axis=0)
            score = total.max(axis=0) + np.tile(emit[t], states)
        final = (states - 1) * k
        best = int(score[final:].argmax()) + final
        if score[best] <= _NEG / 2:
            return float("-inf"), []
        path = [best]
        for t in range(n - 1, 0, -1):
            path.append(int(back[t, path[-1]]))
        return float(score[best]), [s % k for s in path[::-1]]

    def log_alphas(self, emit: np.ndarray) -> np.ndarray:
        """Forward log scores: row t sums, over all paths to tag j at unit t, exp(score)."""
        alphas = np.empty_like(emit)
        alphas[0] = emit[0]
        for t in range(1, len(emit)):
            alphas[t] = _logsumexp(alphas[t - 1][:, None] + self.transitions, axis=0) + emit[t]
        return alphas

    def marginals(self, emit: np.ndarray) -> tuple[np.ndarray, float]:
        """Each unit's tag probabilities (forward-backward) and the log partition."""
        alphas = self.log_alphas(emit)
        betas = np.zeros_like(emit)
        for t in range(len(emit) - 2, -1, -1):
            betas[t] = _logsumexp(self.transitions + (emit[t + 1] + betas[t + 1])[None, :], axis=1)
        log_z = float(_logsumexp(alphas[-1], axis=0))
        return np.exp(alphas + betas - log_z), log_z

    def without_each(self, emit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each component, the best path score and the log partition when no unit
        may carry it (all components at once, in one pass)."""
        masked = np.stack([self.without(emit, (c,)) for c in range(len(self.groups))])
        best, log_alpha = masked[:, 0], masked[:, 0]
        for t in range(1, len(emit)):
            best = (best[:, :, None] + self.transitions).max(axis=1) + masked[:, t]
            log_alpha = _logsumexp(log_alpha[:, :, None] + self.transitions, axis=1) + masked[:, t]
        return best.max(axis=1), _logsumexp(log_alpha, axis=1)

    def without(self, emit: np.ndarray, components: Iterable[int]) -> np.ndarray:
        """Emissions under which no unit can carry any of these components."""
        masked = emit.copy()
        for component in components:
            masked[:, self.groups[component]] = _NEG
        return masked

    def decode_indices(self, emit: np.ndarray, shape: AnswerShape | None = None) -> list[int]:
        """Label indexes: Viterbi over tags; then, given the answer's shape, the components
        the presence model finds are kept or brought back and those it rules out go."""
        if self.presence is None or shape is None:
            return self._labels(self.viterbi(emit)[1])
        return self._decode_with_presence(emit, shape)

    def _decode_with_presence(self, emit: np.ndarray, shape: AnswerShape) -> list[int]:
        assert self.presence is not None
        best, path = self.viterbi(emit)
        features = presence_features(self, emit, shape, (best, path))
        probabilities = self.presence.absent_probabilities(features)
        absent = probabilities >= self.presence.thresholds
        if absent.all():  # an answer is never nothing at all: keep the likeliest part
            absent[int(probabilities.argmin())] = False
        on_path = set(self.tag_label[path].tolist())
        if all((c in on_path) != absent[c] for c in range(len(self.groups))):
            return self._labels(path)
        masked = self.without(emit, np.flatnonzero(absent).tolist())
        # The components found, likeliest first; with fewer units than that, those that fit.
        wanted = sorted(np.flatnonzero(~absent).tolist(), key=lambda c: probabilities[c])
        _, constrained = self.viterbi(masked, require=wanted[: len(emit)])
        return self._labels(constrained or path)

    def _labels(self, path: list[int]) -> list[int]:
        return [int(self.tag_label[tag]) for tag in path]

    def decode(
        self, features: Sequence[dict[str, float]], shape: AnswerShape | None = None
    ) -> list[str]:
        """The label sequence for the units these features describe."""
        if not features:
            return []
        return [self.labels[i] for i in self.decode_indices(self.emissions(features), shape)]

    def decode_units(self, units: Sequence[Unit], text: str) -> list[str]:
        """The label sequence for these units of `text`: what `decode` gives for their
        `unit_features` and shape, computed the fast way."""
        if not units:
            return []
        emit = self.unit_emissions(units, text)
        return [self.labels[i] for i in self.decode_indices(emit, AnswerShape.of(units, text))]


@functools.cache
def load_component_model() -> ComponentModel:
    """The shipped model, loaded once per process."""
    return ComponentModel.load(str(model_path(MODEL_FILE)))
