"""Every way people answer: the right words land in the right component.

The answers in tests/answers/ were written for these tests and are not in the corpus.
"""

from __future__ import annotations

import starl


def component_of(analysis: starl.Analysis, phrase: str) -> str | None:
    """The component of the segment holding `phrase` (None when it is in no segment)."""
    at = analysis.text.index(phrase)
    return next((s.component for s in analysis.segments if s.start <= at < s.end), None)


def test_prose_in_order(answer_text) -> None:
    analysis = starl.analyze(answer_text("prose"))
    assert component_of(analysis, "claims adjusters were drowning") == "situation"
    assert component_of(analysis, "I was the ML engineer asked to replace") == "task"
    assert component_of(analysis, "I trained a gradient boosted classifier") == "action"
    assert component_of(analysis, "The alert volume dropped by 64 percent") == "result"
    assert component_of(analysis, "What I took from it") == "lesson"


def test_content_wins_over_a_wrong_marker(answer_text) -> None:
    analysis = starl.analyze(answer_text("markers_wrong"))
    assert component_of(analysis, "Action: I compared the offline evaluation set") == "action"
    assert component_of(analysis, "Session length recovered by 4 minutes") == "result"
    assert component_of(analysis, "Lesson: Since then I refresh") == "lesson"


def test_terse_bullets(answer_text) -> None:
    analysis = starl.analyze(answer_text("bullets"))
    assert component_of(analysis, "fintech startup, card fraud model") == "situation"
    assert component_of(analysis, "me: only MLE, owned retraining") == "task"
    assert component_of(analysis, "rebuilt training set with matured labels") == "action"
    assert component_of(analysis, "fraud losses down 38%") == "result"
    assert component_of(analysis, "lesson: always check label maturity") == "lesson"


def test_speech_transcript_without_punctuation(answer_text) -> None:
    analysis = starl.analyze(answer_text("transcript"))
    assert len({s.component for s in analysis.segments}) >= 4
    assert component_of(analysis, "i rebuilt the feature pipeline for those depots") == "action"
    assert component_of(analysis, "the late rate went down to eleven percent") == "result"
    assert component_of(analysis, "i now check upstream system changes") == "lesson"


def test_result_stated_first(answer_text) -> None:
    analysis = starl.analyze(answer_text("result_first"))
    assert (
        component_of(analysis, "I distilled the model") == "action"
        or component_of(analysis, "so I distilled the model") == "action"
    )
    assert component_of(analysis, "The lesson I keep") == "lesson"
    assert analysis.segments[-1].component == "lesson"


def test_preamble_belongs_to_no_component(answer_text) -> None:
    analysis = starl.analyze(answer_text("framework"))
    assert component_of(analysis, "Sure.") is None
    assert component_of(analysis, "I would first list every project") == "action"


def test_lesson_in_the_middle(answer_text) -> None:
    analysis = starl.analyze(answer_text("lesson_middle"))
    assert component_of(analysis, "I started with the obvious features") == "action"
    assert component_of(analysis, "that day taught me the most useful thing") == "lesson"
    assert component_of(analysis, "Since then I spend my first week") == "lesson"
    assert component_of(analysis, "late handoffs fell by 30 percent") == "result"
    assert "missing_lesson" not in analysis.flag_codes()


def test_action_resumes_after_a_lesson_in_the_middle(answer_text) -> None:
    analysis = starl.analyze(answer_text("lesson_middle"))
    assert component_of(analysis, "I added driver pickup times") == "action"


def test_run_on_transcript_with_few_markers(answer_text) -> None:
    analysis = starl.analyze(answer_text("transcript_runon"))
    assert component_of(analysis, "click through had been sliding") == "situation"
    assert component_of(analysis, "it was on me to find the cause") == "task"
    assert component_of(analysis, "i patched the join") == "action"
    assert component_of(analysis, "the campaign launched on time") == "result"
    assert component_of(analysis, "now every model i own") == "lesson"
    assert not [f for f in analysis.flag_codes() if f.startswith("missing_")]


def test_run_on_result_starts_where_the_figure_does(answer_text) -> None:
    analysis = starl.analyze(answer_text("transcript_runon"))
    assert component_of(analysis, "came back up by eleven percent") == "result"
