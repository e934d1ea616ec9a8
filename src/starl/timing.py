"""Speaking time: words to seconds, and how each STARL component sits against its budget."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

Status = Literal["missing", "short", "ok", "long"]

# A spoken word runs from its first letter or digit to the next space, so each
# whitespace-separated token with a letter or digit in it is found once.
_WORD = re.compile(r"[^\W_]\S*")


@functools.lru_cache(maxsize=4096)
def count_words(text: str) -> int:
    """Spoken words: whitespace-separated tokens with a letter or digit ("0.85", "$50K").

    Cached: a page of stories counts the same unchanged parts on every view."""
    return len(_WORD.findall(text))


def estimate_seconds(words: int, wpm: int = 150) -> float:
    """Seconds it takes to say `words` words at `wpm` words a minute."""
    if wpm <= 0:
        raise ValueError("words per minute must be positive")
    return round(words * 60.0 / wpm, 1)


def timing_status(
    seconds: float, target_seconds: float, short_ratio: float = 0.5, long_ratio: float = 1.5
) -> Status:
    """`missing` for nothing said, `short` or `long` outside the ratios of the target, else `ok`."""
    if seconds <= 0:
        return "missing"
    if seconds < target_seconds * short_ratio:
        return "short"
    if seconds > target_seconds * long_ratio:
        return "long"
    return "ok"


@dataclass(frozen=True)
class ComponentTiming:
    """How long one component runs against its target."""

    component: str
    words: int
    seconds: float
    target_seconds: int
    status: Status

    @property
    def present(self) -> bool:
        return self.words > 0
