"""Where a speech transcript's sentences and clauses end: a learned boundary model.

A recogniser writes no punctuation, so a transcript is one long run of words. The
discourse-marker cuts in `units` find the clauses a speaker opens with "so" or "and
then", but a sentence that simply stops ("...a churn model for the app my job was to...")
leaves a Situation and a Task in one unit. This model scores every gap between two
words: the chance that a typed version of the answer would start a sentence or clause
there. It is a logistic regression over the words around the gap and the static word
vectors of the words either side of it (so "payments it was" can count like "logs it
was" even when the corpus never said it), trained by `make train`
(training/train_boundaries.py) on typed answers spoken aloud, and shipped as
`starl/data/model/boundaries.npz`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

import numpy as np

from starl.analysis.modelfiles import model_path, pack_strings, unpack_strings
from starl.analysis.wordvectors import DIMENSIONS, load_word_vectors

MODEL_FILE = "boundaries.npz"
# The boundary chance above which a gap is cut (fitted by `make train`, stored with the weights).
DEFAULT_THRESHOLD = 0.5


def gap_features(words: Sequence[str], i: int) -> list[str]:
    """Names of the features of the gap before `words[i]` (words are lower case, bare)."""

    def at(j: int) -> str:
        return words[j] if 0 <= j < len(words) else "<edge>"

    prev2, prev, cur, nxt, nxt2 = at(i - 2), at(i - 1), at(i), at(i + 1), at(i + 2)
    return [
        f"c:{cur}",
        f"p:{prev}",
        f"n:{nxt}",
        f"pp:{prev2}",
        f"pc:{prev}_{cur}",
        f"cn:{cur}_{nxt}",
        f"cnn:{cur}_{nxt}_{nxt2}",
        f"ppp:{prev2}_{prev}",
        f"pcn:{prev}_{cur}_{nxt}",
    ]


def dense_features(words: Sequence[str]) -> np.ndarray:
    """Row i: the word vectors of words[i - 1] and words[i] (zeros for unknown words)."""
    vectors = load_word_vectors()
    table = np.zeros((len(words) + 1, DIMENSIONS), dtype=np.float32)
    for i, word in enumerate(words):
        row = vectors.index.get(word)
        if row is not None:
            table[i + 1] = vectors.vectors[row]
    return np.concatenate([table[:-1], table[1:]], axis=1)


class BoundaryModel:
    def __init__(
        self,
        names: Sequence[str],
        weights: Sequence[float],
        bias: float,
        threshold: float,
        dense: Sequence[float] | None = None,
    ) -> None:
        self.weights = dict(zip(names, (float(w) for w in weights), strict=True))
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.dense = np.zeros(2 * DIMENSIONS) if dense is None else np.asarray(dense, float)

    def save(self, path: str) -> None:
        names = sorted(self.weights)
        np.savez_compressed(
            path,
            names=pack_strings(names),
            weights=np.asarray([self.weights[n] for n in names], dtype=np.float32),
            bias=np.float64(self.bias),
            threshold=np.float64(self.threshold),
            dense=self.dense,
        )

    @classmethod
    def load(cls, path: str) -> BoundaryModel:
        with np.load(path) as data:
            return cls(
                unpack_strings(data["names"]),
                data["weights"],
                float(data["bias"]),
                float(data["threshold"]),
                data["dense"],
            )

    def probabilities(self, words: Sequence[str]) -> list[float]:
        """The boundary chance of the gap before each word (the first is always 1)."""
        if not words:
            return []
        weight = self.weights.get
        sparse = [
            sum(map(weight, gap_features(words, i), itertools.repeat(0.0)))
            for i in range(1, len(words))
        ]
        scores = self.bias + (dense_features(words) @ self.dense)[1:] + np.asarray(sparse)
        chances = 1.0 / (1.0 + np.exp(-np.clip(scores, -30.0, 30.0)))
        return [1.0, *chances.tolist()]

    def cuts(self, words: Sequence[str], threshold: float | None = None) -> list[int]:
        """Indexes of the words a new sentence or clause most likely starts with."""
        return self.cuts_at(self.probabilities(words), threshold)

    def cuts_at(self, chances: Sequence[float], threshold: float | None = None) -> list[int]:
        """`cuts`, from chances the caller has already computed."""
        limit = self.threshold if threshold is None else threshold
        return [i for i, p in enumerate(chances) if i and p >= limit]


@functools.cache
def load_boundary_model() -> BoundaryModel:
    """The shipped model, loaded once per process."""
    return BoundaryModel.load(str(model_path(MODEL_FILE)))
