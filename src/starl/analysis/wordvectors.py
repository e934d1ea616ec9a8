"""Static word vectors distilled from MiniLM (see training/build_word_vectors.py)."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

from starl.analysis.modelfiles import model_path, pack_strings, unpack_strings

DIMENSIONS = 24
FILE = "wordvectors.npz"


class WordVectors:
    def __init__(self, words: list[str], vectors: np.ndarray) -> None:
        self.index = {w: i for i, w in enumerate(words)}
        self.vectors = vectors.astype(np.float32)

    def mean(self, words: Iterable[str]) -> np.ndarray | None:
        """The average vector of the known words, or None when none is known."""
        rows = [self.index[w] for w in words if w in self.index]
        if not rows:
            return None
        # What `.mean(0)` gives (a float32 sum over rows, then a division), without its
        # Python-level overhead: this runs twice per unit.
        mean: np.ndarray = np.add.reduce(self.vectors[rows], axis=0) / len(rows)
        return mean

    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
            words=pack_strings(self.index),
            vectors=self.vectors.astype(np.float16),
        )

    @classmethod
    def load(cls, path: str) -> WordVectors:
        with np.load(path) as data:
            return cls(unpack_strings(data["words"]), data["vectors"])


@functools.cache
def load_word_vectors() -> WordVectors:
    """The shipped vectors, loaded once per process."""
    return WordVectors.load(str(model_path(FILE)))
