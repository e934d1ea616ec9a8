"""Browsing the knowledge base from the CLI, through Typer's runner."""

from __future__ import annotations

import json

import pytest

from starl.knowledge.base import REFERENCE_QUESTION_IDS


def test_questions_json_lists_every_question_with_ids(cli) -> None:
    result = cli("questions", "--json")
    assert result.exit_code == 0, result.output
    questions = json.loads(result.stdout)
    ids = [q["id"] for q in questions]
    assert len(ids) >= 90
    assert set(REFERENCE_QUESTION_IDS) <= set(ids)
    assert all({"id", "text", "themes", "values", "kind"} <= q.keys() for q in questions)


def test_questions_filter_by_company_and_value(cli) -> None:
    result = cli("questions", "--company", "amazon", "--value", "dive-deep", "--json")
    questions = json.loads(result.stdout)
    assert len(questions) >= 3
    assert all("amazon:dive-deep" in q["values"] for q in questions)


def test_a_bare_value_id_matches_every_company_that_has_it(cli) -> None:
    questions = json.loads(cli("questions", "--value", "collaboration", "--json").stdout)
    assert questions
    assert all("google:collaboration" in q["values"] for q in questions)


def test_questions_filter_by_theme_and_search(cli) -> None:
    fairness = json.loads(cli("questions", "--theme", "fairness", "--json").stdout)
    assert "discovered-bias" in [q["id"] for q in fairness]
    assert all("fairness" in q["themes"] for q in fairness)
    found = json.loads(cli("questions", "--search", "model failed", "--json").stdout)
    assert "ml-project-failed" in [q["id"] for q in found]


def test_questions_table_shows_the_count(cli) -> None:
    result = cli("questions", "--company", "apple")
    assert result.exit_code == 0
    assert "questions" in result.stdout
    assert "No question matches" in cli("questions", "--search", "zzqx").stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["questions", "--company", "amazn"], "unknown company 'amazn'; closest: amazon"),
        (["questions", "--theme", "fairnes"], "unknown theme 'fairnes'; closest: fairness"),
        (["question", "ml-projct-failed"], "closest: ml-project-failed"),
        (["company", "gogle"], "unknown company 'gogle'; closest: google"),
        (["questions", "--value", "dive-deeep"], "closest: dive-deep"),
    ],
)
def test_unknown_ids_give_one_line_and_exit_2(cli, args: list[str], expected: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_question_json_has_the_model_answer_timed(cli) -> None:
    data = json.loads(cli("question", "ml-project-failed", "--json").stdout)
    assert data["id"] == "ml-project-failed"
    assert len(data["evaluates"]) == 3
    assert data["model_answer"][0]["component"] == "situation"
    timing = data["timing"]
    assert set(timing["components"]) == {"situation", "task", "action", "result", "lesson"}
    assert timing["components"]["action"]["target_seconds"] == 60
    assert 60 <= timing["total_seconds"] <= 150
    assert timing["wpm"] == 150


def test_question_report_shows_components_and_timing(cli) -> None:
    result = cli("question", "tight-deadline")
    assert result.exit_code == 0
    out = result.stdout
    for heading in ("What interviewers evaluate", "Model answer", "SITUATION", "LESSON", "Target"):
        assert heading in out
    assert "$50K" in out


def test_bank_question_has_no_model_answer_but_opens(cli) -> None:
    ids = [q["id"] for q in json.loads(cli("questions", "--json").stdout)]
    bank_id = ids[-1]
    data = json.loads(cli("question", bank_id, "--json").stdout)
    assert data["source"] == "bank"
    assert data["model_answer"] is None
    assert cli("question", bank_id).exit_code == 0


def test_company_amazon_json_lists_sixteen_principles(cli) -> None:
    result = cli("company", "amazon", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["values"]) == 16
    assert data["stories_per_value"] == 2
    assert data["stories_to_prepare"] == 32
    focus = [v["id"] for v in data["values"] if v["focus"]]
    assert len(focus) == 5
    assert all(len(v["questions"]) >= 3 for v in data["values"])


def test_company_accepts_a_display_name(cli) -> None:
    result = cli("company", "Microsoft")
    assert result.exit_code == 0
    assert "Growth mindset" in result.stdout
    assert "Learning from Failure" in result.stdout


def test_companies_lists_five(cli) -> None:
    data = json.loads(cli("companies", "--json").stdout)
    assert [c["id"] for c in data] == ["amazon", "google", "meta", "microsoft", "apple"]
    assert "Leadership Principles" in cli("companies").stdout


def test_framework_json_has_the_budgets(cli) -> None:
    data = json.loads(cli("framework", "--json").stdout)
    assert [c["target_seconds"] for c in data["components"]] == [15, 15, 60, 15, 15]
    assert data["total_seconds"] == 120
    assert data["words_per_minute"] == 150
    assert "Situation" in cli("framework").stdout


def test_browse_without_a_terminal_prints_the_overview(cli) -> None:
    result = cli("browse")
    assert result.exit_code == 0
    assert "The ten questions with model answers" in result.stdout
    assert "Tell me about an ML project that failed." in result.stdout


def test_browse_interactive_opens_questions_and_companies(cli) -> None:
    result = cli("browse", "--interactive", input="2\nc meta\nnope-id\n/bias\nq\n")
    assert result.exit_code == 0
    out = result.stdout
    assert "Describe a time you disagreed with your team on a model choice." in out
    assert "Core values" in out
    assert "unknown question 'nope-id'" in out
    assert "discovered-bias" in out
