"""Typed questions resolve to the known question they ask, or to none."""

from starl.questionsearch import load_question_index
from starl.storymatch import question_target


def test_topic_words_decide_not_the_phrasing_every_question_shares() -> None:
    index = load_question_index()
    conflict = index.nearest("How did you handle a conflict between two people on your team?")
    assert conflict is not None and "conflict" in conflict.themes
    leakage = index.nearest("Tell me about a time you found label leakage in a dataset.")
    assert leakage is not None and "data-quality" in leakage.themes
    assert index.nearest("Tell me about a time.") is None
    assert index.nearest("") is None


def test_stems_meet_across_word_forms() -> None:
    index = load_question_index()
    assert len(set(index.terms("failed fails failing fail"))) == 1
    assert len(set(index.terms("disagreed disagree disagreeing"))) == 1


def test_a_reference_question_typed_out_resolves_to_itself() -> None:
    index = load_question_index()
    for question in index.questions:
        if question.source == "reference":
            assert index.search(question.text, limit=1)[0].question.id == question.id


def test_unresolved_typed_question_keeps_its_text_and_no_tags() -> None:
    target = question_target("Tell me about a time.")
    assert target.text == "Tell me about a time." and target.question_id is None
    assert target.themes == () and target.reference_id is None
