"""The built-in content: complete, consistent, within budget, and written afresh."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from starl import COMPONENT_IDS, KnowledgeBase, Question, Segment
from starl.knowledge.base import REFERENCE_QUESTION_IDS, check_references


def test_reference_questions_come_first_in_order(kb) -> None:
    assert [q.id for q in kb.reference_questions] == list(REFERENCE_QUESTION_IDS)
    assert list(kb.questions)[:10] == list(REFERENCE_QUESTION_IDS)


def test_question_bank_is_wide_enough(kb) -> None:
    bank = [q for q in kb.questions.values() if q.source == "bank"]
    assert len(bank) >= 80
    assert len(kb.questions) >= 90
    assert sum(q.ml for q in kb.questions.values()) * 2 >= len(kb.questions)


def test_every_cross_reference_resolves(kb) -> None:
    assert check_references(kb) == []


def test_question_texts_are_distinct(kb) -> None:
    texts = Counter(q.text.lower() for q in kb.questions.values())
    assert [t for t, n in texts.items() if n > 1] == []


def test_amazon_has_sixteen_principles_and_five_focus(kb) -> None:
    amazon = kb.company("amazon")
    assert len(amazon.values) == 16
    assert amazon.stories_per_value == 2
    assert amazon.stories_to_prepare == 32
    assert set(amazon.focus) == {
        "customer-obsession",
        "dive-deep",
        "bias-for-action",
        "earn-trust",
        "deliver-results",
    }


@pytest.mark.parametrize(
    ("company_id", "values"),
    [("google", 5), ("meta", 5), ("microsoft", 4), ("apple", 4)],
)
def test_other_companies_ask_one_story_per_value(kb, company_id: str, values: int) -> None:
    company = kb.company(company_id)
    assert len(company.values) == values
    assert company.stories_per_value == 1


def test_every_company_value_has_its_questions(kb) -> None:
    thin = []
    for company in kb.companies.values():
        needed = 3 if company.id == "amazon" else 2
        for value in company.values:
            asked = len(kb.questions_for_value(company.id, value.id))
            if asked < needed:
                thin.append(f"{company.id}:{value.id} has {asked}")
    assert thin == []


def test_model_answers_are_labelled_and_fit_the_budget(kb) -> None:
    framework = kb.framework
    for question in kb.reference_questions:
        assert question.model_answer, question.id
        assert {s.component for s in question.model_answer} <= set(COMPONENT_IDS)
        timings = framework.time_segments(question.model_answer)
        total = sum(t.seconds for t in timings)
        assert total <= framework.too_long_seconds, (question.id, total)
        if question.kind == "story":
            missing = [t.component for t in timings if not t.present]
            assert missing == [], (question.id, missing)
            over = [
                t.component
                for t in timings
                if t.seconds > t.target_seconds * framework.over_budget_ratio
            ]
            assert over == [], (question.id, over)
        else:
            # approach and reflection answers still carry a short labelled example
            assert len({s.component for s in question.model_answer}) >= 3, question.id


def test_approach_and_reflection_questions_are_marked(kb) -> None:
    assert kb.question("prioritize-projects").kind == "approach"
    assert kb.question("biggest-lesson").kind == "reflection"
    stories = [q for q in kb.reference_questions if q.kind == "story"]
    assert len(stories) == 8


@pytest.mark.parametrize(
    ("question_id", "facts"),
    [
        ("ml-project-failed", ["0.85", "total_purchases", "0.72", "22"]),
        ("disagreed-model-choice", ["5,000", "91", "87", "150", "15"]),
        ("discovered-bias", ["15", "2"]),
        ("tight-deadline", ["$50K", "$200K", "$2.4M", "95"]),
        ("convinced-new-approach", ["MLflow", "60", "99"]),
    ],
)
def test_model_answers_keep_the_reference_facts(kb, question_id: str, facts: list[str]) -> None:
    text = " ".join(s.text for s in kb.question(question_id).model_answer)
    assert [f for f in facts if f not in text] == []


def test_every_question_says_what_interviewers_evaluate(kb) -> None:
    for question in kb.reference_questions:
        assert len(question.evaluates) == 3, question.id


def test_a_wrong_label_is_rejected_by_the_schema() -> None:
    with pytest.raises(ValueError):
        Segment.model_validate({"component": "conclusion", "text": "It worked."})
    with pytest.raises(ValueError):
        Question.model_validate({"id": "Bad Id", "text": "x", "ml": True, "themes": ["failure"]})


def test_broken_references_are_reported(kb) -> None:
    bad = Question.model_validate(
        {
            "id": "made-up",
            "text": "Tell me about a made-up thing.",
            "ml": False,
            "themes": ["no-such-theme"],
            "values": ["amazon:no-such-principle"],
        }
    )
    broken = KnowledgeBase(
        kb.framework, kb.themes.values(), [*kb.questions.values(), bad], kb.companies.values()
    )
    problems = check_references(broken)
    assert "question made-up has unknown theme no-such-theme" in problems
    assert "question made-up names unknown value amazon:no-such-principle" in problems


def test_no_passage_repeats_the_reference(shared_dir) -> None:
    if shared_dir is None:
        pytest.skip("shared/ is not beside the project")
    from conftest import ROOT

    checked = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "reference_overlap.py"), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.stdout == ""
    assert checked.returncode == 0
