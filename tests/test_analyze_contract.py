"""The shape of `starl.analyze` output: what every caller (CLI, web, scripts) relies on."""

from __future__ import annotations

import pytest

import starl
from starl.analysis.flags import FLAG_CODES
from starl.knowledge.base import REFERENCE_QUESTION_IDS

COMPONENTS = ("situation", "task", "action", "result", "lesson")


@pytest.mark.parametrize(
    "name",
    ["prose", "markers_wrong", "bullets", "transcript", "result_first", "framework"],
)
def test_contract_holds_for_every_style(answer_text, name: str) -> None:
    text = answer_text(name)
    data = starl.analyze(text).to_dict()
    assert set(data["components"]) == set(COMPONENTS)
    previous_end = 0
    for segment in data["segments"]:
        assert segment["component"] in COMPONENTS
        assert previous_end <= segment["start"] < segment["end"] <= len(text)
        assert text[segment["start"] : segment["end"]] == segment["text"]
        previous_end = segment["end"]
    for report in data["components"].values():
        assert report["status"] in {"missing", "short", "ok", "long"}
        assert report["present"] == (report["words"] > 0)
        assert report["present"] == (report["status"] != "missing")
    assert sorted(m["question_id"] for m in data["matches"]) == sorted(REFERENCE_QUESTION_IDS)
    assert [m["score"] for m in data["matches"]] == sorted(
        (m["score"] for m in data["matches"]), reverse=True
    )
    assert data["related_questions"]
    assert all(m["question_id"] not in REFERENCE_QUESTION_IDS for m in data["related_questions"])
    assert {f["code"] for f in data["flags"]} <= set(FLAG_CODES)
    assert all(f["message"] and f["suggestion"] for f in data["flags"])
    assert 2 <= len(data["followups"]) <= 3
    assert 0 <= data["score"] <= 100
    assert set(data["subscores"]) == {"structure", "timing", "ownership", "impact", "lesson"}
    assert data["wpm"] == 150
    assert data["total_seconds"] == pytest.approx(data["words"] * 0.4, abs=0.1)


def test_seconds_follow_the_speaking_rate(answer_text) -> None:
    text = answer_text("prose")
    slow = starl.analyze(text, wpm=100).to_dict()
    fast = starl.analyze(text, wpm=200).to_dict()
    assert slow["total_seconds"] == pytest.approx(2 * fast["total_seconds"], rel=0.01)
    action = slow["components"]["action"]
    assert action["seconds"] == pytest.approx(action["words"] * 0.6, abs=0.1)


def test_the_given_question_is_reported_but_does_not_decide_the_match(answer_text) -> None:
    text = answer_text("prose")
    plain = starl.analyze(text)
    asked = starl.analyze(text, question="mentored-someone")
    assert asked.question == "mentored-someone"
    assert [m.question_id for m in asked.matches] == [m.question_id for m in plain.matches]


def test_unknown_question_is_a_user_error(answer_text) -> None:
    with pytest.raises(starl.UnknownIdError, match="closest: tight-deadline"):
        starl.analyze(answer_text("prose"), question="tight-deadlin")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("abc\x00def" * 10, "binary"),
        ("word " * 20_000, "characters"),
        ("... --- !!!", "no words"),
    ],
)
def test_bad_text_is_refused_with_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(starl.AnswerError, match=message):
        starl.analyze(text)


def test_timed_words_make_the_timing_measured() -> None:
    text = "At a bank our fraud model missed a new attack. I owned the fix. I retrained it."
    words = text.replace(".", "").split()
    timed = [{"text": w, "start": i * 0.5, "end": i * 0.5 + 0.4} for i, w in enumerate(words)]
    result = starl.analyze(text, words=timed)
    assert result.timed
    assert result.total_seconds == pytest.approx((len(words) - 1) * 0.5 + 0.4, abs=0.05)
    assert result.wpm == pytest.approx(len(words) * 60 / result.total_seconds, abs=0.2)
    measured = sum(c.seconds for c in result.components.values())
    assert measured == pytest.approx(result.total_seconds, abs=0.6)


def test_malformed_timed_words_are_refused() -> None:
    with pytest.raises(starl.AnswerError, match="timed word 0"):
        starl.analyze("I trained a model.", words=[{"text": "I"}])
