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
