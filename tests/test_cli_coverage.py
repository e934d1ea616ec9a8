"""`starl match`, `starl coverage` and `starl plan` against a real story bank."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from starl.coverage import max_flow, plan
from starl.store import Story


@pytest.fixture
def bank(cli, tmp_path: Path, story_markdown: str) -> None:
    path = tmp_path / "three.md"
    path.write_text(story_markdown, encoding="utf-8")
    assert cli("story", "add", "--from", str(path)).exit_code == 0


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_match_ranks_the_failure_story_first_for_the_failure_question(cli, bank) -> None:
    ranked = _json(cli("match", "--question", "ml-project-failed", "--json"))
    assert ranked["stories"][0]["story_id"] == "churn-model-failed-production"
    assert ranked["stories"][0]["reasons"]
    assert len(ranked["stories"]) == 3


def test_match_takes_free_text_and_says_why(cli, bank) -> None:
    result = cli("match", "Tell me about a time you helped a junior colleague grow.")
    assert result.exit_code == 0, result.output
    first = result.stdout.split("1. ")[1].split()[0]
    assert first == "mentoring-junior-engineer-first"
    ranked = _json(cli("match", "Tell me about a time you disagreed with your manager.", "--json"))
    assert ranked["stories"][0]["story_id"] == "disagreeing-manager-launch-date"


def test_match_needs_exactly_one_question(cli, bank) -> None:
    for args in ((), ("text", "--question", "ml-project-failed"), ("  ",)):
        result = cli("match", *args)
        assert result.exit_code == 2 and "Traceback" not in result.output
    unknown = cli("match", "--question", "ml-projekt-failed")
    assert unknown.exit_code == 2 and "closest: ml-project-failed" in unknown.output


def test_coverage_has_one_row_per_amazon_principle(cli, bank) -> None:
    table = _json(cli("coverage", "amazon", "--json"))
    assert len(table["rows"]) == 16
    assert {"value_id", "required", "stories"} <= set(table["rows"][0])
    assert all(row["required"] == 2 for row in table["rows"])
    stories = {s for row in table["rows"] for s in row["stories"]}
    assert stories <= {
        "churn-model-failed-production",
        "mentoring-junior-engineer-first",
        "disagreeing-manager-launch-date",
    }
    gaps = [row for row in table["rows"] if len(row["stories"]) < 2]
    assert gaps and all(row["questions"] for row in gaps)


def test_coverage_changes_when_a_story_is_tagged(cli, bank) -> None:
    def holders() -> list[str]:
        rows = _json(cli("coverage", "google", "--json"))["rows"]
        return next(r["stories"] for r in rows if r["value_id"] == "pushing-back-respectfully")

    before = holders()
    cli("story", "tag", "disagreeing-manager-launch-date", "--add", "--value",
        "google:pushing-back-respectfully")  # fmt: skip
    assert holders() == sorted({*before, "disagreeing-manager-launch-date"})
    one = _json(cli("coverage", "google", "--json"))["rows"]
    assert all(row["required"] == 1 for row in one)
    three = _json(cli("coverage", "google", "--required", "3", "--json"))["rows"]
    assert all(row["required"] == 3 for row in three)


def test_coverage_of_an_unknown_company(cli, bank) -> None:
    result = cli("coverage", "amazn")
    assert result.exit_code == 2 and "closest: amazon" in result.output


def test_plan_caps_the_values_per_story(cli, bank) -> None:
    result = _json(cli("plan", "amazon", "--max-per-story", "1", "--json"))
    assert all(len(values) <= 1 for values in result["stories"].values())
    assert sum(result["uncovered"].values()) >= 32 - 3


def _story(story_id: str, values: tuple[str, ...]) -> Story:
    return Story(title=story_id, action="I did it.", values=values, id=story_id)


def test_plan_finds_the_assignment_that_covers_most() -> None:
    """A greedy plan would give s1 to ownership and leave dive-deep bare; the flow does not."""
    stories = [
        _story("s1", ("amazon:ownership", "amazon:dive-deep")),
        _story("s2", ("amazon:ownership",)),
    ]
    result = plan("amazon", stories, max_values_per_story=1, required=1)
    assert result.assignments["ownership"] == ["s2"]
    assert result.assignments["dive-deep"] == ["s1"]
    assert "ownership" not in result.uncovered and "dive-deep" not in result.uncovered


def test_max_flow_on_a_small_graph() -> None:
    graph = {"s": {"a": 2, "b": 1}, "a": {"t": 1, "b": 1}, "b": {"t": 2}, "t": {}}
    flows = max_flow(graph, "s", "t")
    assert sum(flows["s"].values()) == 3
