"""Follow-up questions quote the answer's own figures and name what it leaves out."""

from __future__ import annotations

import pytest

import starl
from starl.analysis.followups import suggest_followups

ALL = dict.fromkeys(("situation", "task", "action", "result", "lesson"), True)


@pytest.mark.parametrize(
    ("result", "quoted"),
    [
        ("AUC 0.79, retention campaign saved ~$1.2M first quarter", "AUC 0.79"),
        ("Recall 0.91 on the held-out set.", "recall 0.91"),
        ("Churn fell 18% across the enterprise segment.", "18%"),
        ("It cut p95 latency to 40 ms per request, and the team adopted it.", "40 ms per request"),
        ("We saved $2.4M a year.", "$2.4M"),
        ("It served 1,200 stores.", "1,200 stores"),
        ("the model reached 92.5% accuracy on launch", "92.5% accuracy"),
    ],
)
def test_a_figure_with_no_baseline_is_quoted_as_written(result: str, quoted: str) -> None:
    first = suggest_followups({"result": result, "action": "I built it."}, ALL)[0]
    assert first == (
        f"You mentioned {quoted}: compared with what baseline, and how did you measure it?"
    )


def test_a_figure_with_its_baseline_is_not_asked_about() -> None:
    asked = suggest_followups({"result": "Recall went from 0.61 to 0.88.", "action": ""}, ALL)
    assert not any(q.startswith("You mentioned") for q in asked)


def test_what_the_answer_skips_is_probed() -> None:
    parts = {
        "action": "We retrained the XGBoost model and we tuned it with our team.",
        "result": "It worked well.",
    }
    asked = suggest_followups(parts, {**ALL, "lesson": False})
    assert asked[0].startswith("Why xgboost?")
    assert "“we”" in asked[1]
    assert asked[2] == "Can you put a number on the outcome?"
    assert len(suggest_followups(parts, {**ALL, "lesson": False})) == 3


def test_a_missing_result_and_lesson_are_asked_for() -> None:
    parts = {"action": "I rebuilt the pipeline myself over two weekends.", "result": ""}
    asked = suggest_followups(parts, {**ALL, "result": False, "lesson": False})
    assert asked == [
        "How did you know it worked? What changed afterwards, in numbers?",
        "Looking back, what would you do differently, and what have you changed since?",
    ]


def test_an_analysis_carries_two_or_three_followups(answer_text) -> None:
    for name in ("prose", "bullets", "transcript", "framework"):
        assert 2 <= len(starl.analyze(answer_text(name)).followups) <= 3, name
