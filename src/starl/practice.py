"""The practice engine: which questions to ask next, the STARL phase clock, score trends.

Questions are chosen the way a coach would: first those probing the company values no
story covers yet, then questions whose last attempt scored weakly, then questions due
again under spaced repetition (the better the last score, the longer until it is due),
and new questions last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from starl.store.models import Attempt, Story

WEAK_SCORE = 70
# Days until a question is due again after an attempt with at least this score.
INTERVALS = ((90, 14), (80, 7), (70, 3), (0, 1))
PHASES = (  # (component, starts at second, ends at second): 15/15/60/15/15
    ("situation", 0, 15),
    ("task", 15, 30),
    ("action", 30, 90),
    ("result", 90, 105),
    ("lesson", 105, 120),
)
ANSWER_SECONDS = PHASES[-1][2]
SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Pick:
    question_id: str
    reason: str


def phase_at(elapsed: float) -> tuple[str, float]:
    """The STARL component to be in `elapsed` seconds into an answer, and seconds left in it
    (past two minutes: 'over', with the seconds over)."""
    for component, start, end in PHASES:
        if start <= elapsed < end:
            return component, end - elapsed
    return "over", elapsed - ANSWER_SECONDS


def interval_days(score: int) -> int:
    return next(days for floor, days in INTERVALS if score >= floor)


def choose_questions(
    stories: Sequence[Story],
    attempts: Sequence[Attempt],
    *,
    company: str | None = None,
    count: int = 3,
    now: datetime,
) -> list[Pick]:
    """The next `count` questions to practise, each with why it was chosen."""
    from starl.coverage import coverage
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    pool = [
        q
        for q in kb.questions.values()
        if q.kind == "story" and (company is None or any(c == company for c, _ in q.company_values))
    ]
    last: dict[str, Attempt] = {}
    for attempt in attempts:
        if attempt.question_id:
            last[attempt.question_id] = attempt  # attempts come oldest first
    picks: list[Pick] = []
    chosen: set[str] = set()

    def take(question_id: str, reason: str) -> None:
        if question_id not in chosen and len(picks) < count:
            chosen.add(question_id)
            picks.append(Pick(question_id, reason))

    companies = [company] if company else []
    for company_id in companies:
        for row in coverage(company_id, stories).gaps:
            for q in kb.questions_for_value(company_id, row.value_id):
                if q.kind == "story" and q.id not in last:
                    take(q.id, f"no story yet shows {company_id}:{row.value_id}")
                    break
    weak = sorted(
        (
            a
            for a in last.values()
            if a.score < WEAK_SCORE and a.question_id in {q.id for q in pool}
        ),
        key=lambda a: (a.score, a.created_at),
    )
    for attempt in weak:
        take(str(attempt.question_id), f"last score {attempt.score}, below {WEAK_SCORE}")
    due = sorted(
        (
            (a.created_at + timedelta(days=interval_days(a.score)), a)
            for a in last.values()
            if a.question_id in {q.id for q in pool}
        ),
        key=lambda pair: pair[0],
    )
    for when, attempt in due:
        if when <= now:
            take(str(attempt.question_id), f"due again (last score {attempt.score})")
    fresh = [q for q in pool if q.id not in last]
    fresh.sort(key=lambda q: (q.source != "reference", q.id))
    for q in fresh:
        take(q.id, "not practised yet")
    for _when, attempt in due:  # everything practised recently: the longest-rested first
        take(str(attempt.question_id), f"practised recently (score {attempt.score})")
    return picks


def sparkline(scores: Sequence[int]) -> str:
    """Scores 0 to 100 as a row of block characters, one per attempt."""
    return "".join(SPARK[min(int(s) * len(SPARK) // 101, len(SPARK) - 1)] for s in scores)


def trend(scores: Sequence[int]) -> int | None:
    """Change from the first to the latest score (None for fewer than two)."""
    return scores[-1] - scores[0] if len(scores) >= 2 else None
