from __future__ import annotations

import pytest

from starl import count_words, estimate_seconds, timing_status


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n ", 0),
        ("It reached 0.85 AUC on the holdout set.", 8),
        ("We lost $50K an hour - e.g. in the U.S. alone.", 10),
        ("- churn model, 3 yrs data\n- AUC .81 -> .88", 8),
        ("total_purchases leaked", 2),
    ],
)
def test_count_words_counts_spoken_tokens(text: str, words: int) -> None:
    assert count_words(text) == words


def test_estimate_seconds_uses_words_per_minute() -> None:
    assert estimate_seconds(150) == 60.0
    assert estimate_seconds(37) == 14.8
    assert estimate_seconds(100, wpm=120) == 50.0
    with pytest.raises(ValueError):
        estimate_seconds(10, wpm=0)


@pytest.mark.parametrize(
    ("seconds", "status"),
    [(0, "missing"), (5, "short"), (7.5, "ok"), (15, "ok"), (22.5, "ok"), (23, "long")],
)
def test_timing_status_against_a_15_second_target(seconds: float, status: str) -> None:
    assert timing_status(seconds, 15) == status
