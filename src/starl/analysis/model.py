"""The trained component model: a linear-chain CRF over units, applied with numpy.

Weights are trained by `make train` (training/train_components.py) and shipped as
`starl/data/model/components.npz`: one row of tag weights per feature name and a
tag-to-tag transition matrix. Each component has two tags, one for the unit where it
starts and one for the units that continue it, so the model learns what a component's
first clause looks like ("My job was...") apart from what follows it. Decoding is
Viterbi, so the order the corpus taught (Situation, Task, Action, Result, Lesson) is
preferred without being imposed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from starl.analysis.modelfiles import model_path, pack_strings, unpack_strings

LABELS = ("situation", "task", "action", "result", "lesson", "none")
# The states the CRF walks through: each component has a B- tag for the unit where it
# starts and an I- tag for the units that continue it, so the model learns where a
# component begins as well as what it is about.
TAGS = (*(f"{p}-{c}" for c in LABELS[:5] for p in ("B", "I")), "none")
MODEL_FILE = "components.npz"


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
        presence_margins: Sequence[float] | None = None,
        label_bias: Sequence[float] | None = None,
    ) -> None:
        self.labels = LABELS
        self.tags = tuple(tags)
        # tag index -> label index, and for each component the tags that carry it
        self.tag_label = np.asarray([LABELS.index(label_of(t)) for t in self.tags])
        self.groups = [np.flatnonzero(self.tag_label == c) for c in range(len(LABELS) - 1)]
        self.index = {name: i for i, name in enumerate(feature_names)}
        self.weights = weights.astype(np.float64)
        self.transitions = transitions.astype(np.float64)
        # How much path score the decoder may give up to keep a component that the best
        # path drops: real answers nearly always have all five (fitted by `make train`).
        margins = presence_margins if presence_margins is not None else [0.0] * 5
        self.presence_margins = np.asarray(margins, dtype=np.float64)
        # A constant added to each label's score, fitted with the margins: the likelihood
        # the CRF maximises under-predicts short, rare components such as the Task.
        bias = label_bias if label_bias is not None else [0.0] * len(LABELS)
        self.label_bias = np.asarray(bias, dtype=np.float64)

    # -- persistence ---------------------------------------------------------------
    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
            names=pack_strings(sorted(self.index, key=self.index.__getitem__)),
            weights=self.weights.astype(np.float32),
            transitions=self.transitions.astype(np.float32),
            tags=pack_strings(self.tags),
            presence_margins=self.presence_margins,
            label_bias=self.label_bias,
        )

    @classmethod
    def load(cls, path: str) -> ComponentModel:
        with np.load(path) as data:
            names = unpack_strings(data["names"])
            tags = unpack_strings(data["tags"])
            margins = data.get("presence_margins", None)
            bias = data.get("label_bias", None)
            return cls(names, data["weights"], data["transitions"], tags, margins, bias)

    # -- inference -----------------------------------------------------------------
    def emissions(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        scores = np.zeros((len(features), len(self.tags)))
        index = self.index
        for row, feats in enumerate(features):
            rows = [(index[name], value) for name, value in feats.items() if name in index]
            if rows:
                ids, values = zip(*rows, strict=True)
                scores[row] = np.asarray(values) @ self.weights[list(ids)]
        return scores

    def viterbi(self, emit: np.ndarray, require: int | None = None) -> tuple[float, list[int]]:
        """Best tag path and its score; with `require` (a component index), the best path
        with at least one tag of that component.

        The constrained search runs over (label, seen-yet) states, so it is exact.
        """
        n, k = emit.shape
        trans = self.transitions
        if require is None:
            score = emit[0].copy()
            back = np.zeros((n, k), dtype=np.int64)
            for t in range(1, n):
                total = score[:, None] + trans
                back[t] = total.argmax(axis=0)
                score = total.max(axis=0) + emit[t]
            path = [int(score.argmax())]
            for t in range(n - 1, 0, -1):
                path.append(int(back[t, path[-1]]))
            return float(score.max()), path[::-1]
        # state s = label + k * seen, seen in {0, 1}
        neg = -1e18
        wanted = set(self.groups[require].tolist())
        big = np.full((2 * k, 2 * k), neg)
        for seen in (0, 1):
            for dst in range(k):
                dst_seen = 1 if (seen or dst in wanted) else 0
                big[seen * k : seen * k + k, dst_seen * k + dst] = trans[:, dst]
        score = np.full(2 * k, neg)
        for label in range(k):
            score[(1 if label in wanted else 0) * k + label] = emit[0, label]
        back = np.zeros((n, 2 * k), dtype=np.int64)
        wide = np.concatenate([emit, emit], axis=1)
        for t in range(1, n):
            total = score[:, None] + big
            back[t] = total.argmax(axis=0)
            score = total.max(axis=0) + wide[t]
        best = int(score[k:].argmax()) + k
        if score[best] <= neg / 2:
            return float("-inf"), []
        path = [best]
        for t in range(n - 1, 0, -1):
            path.append(int(back[t, path[-1]]))
        return float(score[best]), [s % k for s in path[::-1]]

    def decode_indices(self, emit: np.ndarray) -> list[int]:
        """Label indexes: Viterbi over tags, then bring back any component the best path
        dropped, at a small cost."""
        emit = emit + self.label_bias[self.tag_label]
        best, path = self.viterbi(emit)
        for _ in range(len(self.presence_margins)):
            seen = set(self.tag_label[path].tolist())
            missing = [c for c in range(len(self.presence_margins)) if c not in seen]
            options = []
            for c in missing:
                score, alt = self.viterbi(emit, require=c)
                if alt and best - score <= self.presence_margins[c]:
                    options.append((best - score, alt))
            if not options:
                break
            _, path = min(options, key=lambda o: o[0])
            best = best - min(o[0] for o in options)
        return self.tag_label[path].tolist()

    def decode(self, features: Sequence[dict[str, float]]) -> list[str]:
        """The label sequence for the units these features describe."""
        if not features:
            return []
        return [self.labels[i] for i in self.decode_indices(self.emissions(features))]


@functools.cache
def load_component_model() -> ComponentModel:
    """The shipped model, loaded once per process."""
    return ComponentModel.load(str(model_path(MODEL_FILE)))
