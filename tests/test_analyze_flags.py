"""Each flag fires on an answer that has the flaw, and stays quiet on one that does not."""

from __future__ import annotations

import starl

STRONG_LESSON = "Since then I always check label maturity before I retrain on recent data."


def codes(text: str) -> set[str]:
    return set(starl.analyze(text).flag_codes())


def test_a_strong_answer_earns_no_flags(answer_text) -> None:
    assert codes(answer_text("prose")) == set()


def test_missing_components_are_flagged(answer_text) -> None:
    found = codes(answer_text("framework"))
    assert {"missing_situation", "missing_result", "missing_lesson"} <= found
    assert "missing_action" not in found


def test_we_heavy_action_quotes_a_we_sentence() -> None:
    text = (
        "At a payments startup our fraud model missed a new card-testing attack. "
        "I was asked to lead the response. We pulled the chargeback logs, we retrained "
        "the gradient boosted model on the new pattern, we added velocity features and we "
        "shadow-tested it for a week before our team rolled it out to all merchants. "
        "Fraud losses fell by 41 percent in the next month. "
        f"{STRONG_LESSON}"
    )
    analysis = starl.analyze(text)
    flag = next(f for f in analysis.flags if f.code == "we_heavy_action")
    assert "we" in flag.message and "\u201c" in flag.suggestion


def test_unquantified_result() -> None:
    base = (
        "Our support team at a telecom company was buried in misrouted tickets. "
        "I owned the routing model. I labelled 12,000 tickets, trained a linear classifier "
        "on TF-IDF features and compared it against the keyword rules on a held-out month. "
    )
    vague = base + "The support leads were much happier with it afterwards. " + STRONG_LESSON
    measured = base + "Misrouted tickets fell from 18% to 6% within six weeks. " + STRONG_LESSON
    assert "unquantified_result" in codes(vague)
    assert "unquantified_result" not in codes(measured)
    # A fraction in words is an amount; an ordinal that is not one is not.
    fraction = base + "Misrouted tickets fell by about a third within six weeks. " + STRONG_LESSON
    ordinal = base + "In the end the leads were much happier and it beat a third party tool. "
    ordinal += STRONG_LESSON
    assert "unquantified_result" not in codes(fraction)
    assert "unquantified_result" in codes(ordinal)


def test_too_long_and_too_short(answer_text) -> None:
    long_text = answer_text("prose") + " " + answer_text("prose")
    assert "too_long" in codes(long_text)
    assert "too_short" in codes(answer_text("result_first"))
    assert not {"too_long", "too_short"} & codes(answer_text("prose"))


def test_filler_heavy_speech() -> None:
    text = (
        "um so like at my last job we uh had a churn model and um you know it was kind "
        "of broken and i was like the owner so um i basically retrained it on uh new data "
        "with like better features and you know churn predictions got like twenty percent "
        "better and um the lesson is i now uh always check the data first you know"
    )
    analysis = starl.analyze(text)
    assert "filler_heavy" in analysis.flag_codes()
    assert analysis.fillers >= 15


def test_hypothetical_answer(answer_text) -> None:
    assert "hypothetical_answer" in codes(answer_text("framework"))
    assert "hypothetical_answer" not in codes(answer_text("prose"))


def test_generic_lesson() -> None:
    story = (
        "At a retail bank our credit model was drifting after a rate change. "
        "I was responsible for keeping it accurate. I compared feature distributions "
        "month by month, found income bands had shifted, retrained the model on the last "
        "nine months and recalibrated its probabilities. The default-rate error dropped "
        "from 3.1 to 0.9 points. "
    )
    assert "generic_lesson" in codes(story + "The lesson is that communication is key.")
    assert "generic_lesson" not in codes(
        story + "Since then I set up drift alerts on every model before it launches."
    )


def test_thin_technical_action() -> None:
    thin = (
        "At an insurance company our claims model was giving odd results. "
        "I was asked to sort it out. I looked into it, talked to a few people, worked "
        "hard on it for a couple of weeks and fixed the problems I found. "
        "Everyone was relieved and the complaints stopped. " + STRONG_LESSON
    )
    assert "thin_technical_action" in codes(thin)


def test_over_budget_situation_points_at_the_situation() -> None:
    situation = (
        "I worked at a large online marketplace with about forty teams, and our group ran "
        "the search ranking stack, which had grown over six years into a mix of rules, "
        "three models and a feature store that nobody fully understood; leadership had "
        "just reorganised the department, our product manager had left, the quarter was "
        "already half over, several partner teams depended on our ranking API for their "
        "own launches, and the data platform was being migrated to a new warehouse at the "
        "same time, so every dashboard we relied on was in flux. "
    )
    rest = (
        "I owned the ranking quality metrics. I rebuilt the offline evaluation set from two "
        "weeks of fresh queries, retrained the learning-to-rank model with LightGBM and ran "
        "an A/B test on 10% of traffic. Search conversion rose 3.4%. " + STRONG_LESSON
    )
    analysis = starl.analyze(situation + rest)
    flag = next(f for f in analysis.flags if f.code == "over_budget_situation")
    assert flag.component == "situation"
    assert analysis.components["situation"].seconds > 30
