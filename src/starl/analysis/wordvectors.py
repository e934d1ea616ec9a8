"""Static word vectors distilled from MiniLM (see training/build_word_vectors.py)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

import numpy as np

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
        mean: np.ndarray = self.vectors[rows].mean(0)
        return mean

    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
            words=np.frombuffer("\n".join(self.index).encode(), dtype=np.uint8),
            vectors=self.vectors.astype(np.float16),
        )

    @classmethod
    def load(cls, path: str) -> WordVectors:
        with np.load(path) as data:
            return cls(bytes(data["words"]).decode().split("\n"), data["vectors"])


@functools.cache
def load_word_vectors() -> WordVectors | None:
    """The shipped vectors, or None in a checkout where they were never built."""
    path = resources.files("starl").joinpath("data", "model", FILE)
    if not path.is_file():
        return None
    with resources.as_file(path) as real:
        return WordVectors.load(str(real))
