"""The practice engine and `starl practice` / `starl history` with piped answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from starl.practice import choose_questions, phase_at, sparkline
from starl.store.models import Attempt


def test_phase_clock_follows_the_starl_budget() -> None:
    assert phase_at(0) == ("situation", 15)
    assert phase_at(20)[0] == "task"
    assert phase_at(30)[0] == "action"
    assert phase_at(89.5)[0] == "action"
    assert phase_at(100)[0] == "result"
    assert phase_at(119)[0] == "lesson"
    assert phase_at(130) == ("over", 10)


def test_sparkline_rises_with_the_scores() -> None:
    line = sparkline([10, 50, 100])
    assert len(line) == 3 and line[0] < line[1] < line[2]


def _attempt(question_id: str, score: int, days_ago: float, now: datetime) -> Attempt:
    return Attempt(
        id=0, question_id=question_id, question_text="", company=None, answer="", analysis={},
        score=score, seconds_taken=None, created_at=now - timedelta(days=days_ago),
    )  # fmt: skip


def test_uncovered_values_come_first_then_weak_scores_then_due_questions() -> None:
    now = datetime(2026, 11, 29, tzinfo=UTC)
    attempts = [
        _attempt("tight-deadline", 45, 0.1, now),  # weak
        _attempt("ml-project-failed", 95, 1, now),  # strong, not due for two weeks
        _attempt("disagreed-model-choice", 85, 9, now),  # due (7 days for 80+)
    ]
    picks = choose_questions([], attempts, company="amazon", count=200, now=now)
    reasons = [p.reason for p in picks]
    ids = [p.question_id for p in picks]
    assert len(set(ids)) == len(ids)
    assert reasons[0].startswith("no story yet shows amazon:")
    weak, due = ids.index("tight-deadline"), ids.index("disagreed-model-choice")
    assert all(r.startswith("no story yet") for r in reasons[:weak])
    assert reasons[weak] == "last score 45, below 70"
    assert weak < due and reasons[due].startswith("due again")
    assert reasons[due + 1] == "not practised yet"
    assert ids[-1] == "ml-project-failed"  # practised well yesterday: last of all


def test_practice_with_piped_answers_stores_attempts_and_history(cli, answer_text) -> None:
    answer = answer_text("prose")
    piped = f"{answer}\n.\n\n.\n{answer}\n.\n"
    result = cli("practice", "-n", "3", "--company", "amazon", input=piped)
    assert result.exit_code == 0, result.output
    assert "Question 1 of 3" in result.stdout and "skipped" in result.stdout
    history = json.loads(cli("history", "--json").stdout)
    assert len(history["attempts"]) == 2
    assert all(a["score"] > 0 for a in history["attempts"])
    assert all(a["company"] == "amazon" for a in history["attempts"])
    table = cli("history").stdout
    assert "Practice history" in table


def test_practice_one_question_and_its_trend(cli, answer_text) -> None:
    weak = "I think I would probably look at the data and fix the model.\n.\n"
    strong = answer_text("prose") + "\n.\n"
    cli("practice", "--question", "ml-project-failed", input=weak)
    cli("practice", "--question", "ml-project-failed", input=strong)
    history = json.loads(cli("history", "--question", "ml-project-failed", "--json").stdout)
    scores = [a["score"] for a in history["attempts"]]
    assert len(scores) == 2 and scores[1] > scores[0]
    assert history["questions"][0]["trend"] == scores[1] - scores[0]


def test_history_and_practice_errors(cli) -> None:
    empty = cli("history")
    assert "no practice attempts yet" in empty.output
    bad = cli("practice", "--question", "nope")
    assert bad.exit_code == 2 and "unknown question 'nope'" in bad.output
    bad = cli("practice", "--company", "amazn")
    assert bad.exit_code == 2 and "closest: amazon" in bad.output
