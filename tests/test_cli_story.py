"""`starl story`, `starl import`/`export` and `starl trash` through the real CLI and store."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

STORY_IDS = [
    "churn-model-failed-production",
    "mentoring-junior-engineer-first",
    "disagreeing-manager-launch-date",
]


@pytest.fixture
def three(cli, tmp_path: Path, story_markdown: str) -> Path:
    path = tmp_path / "three.md"
    path.write_text(story_markdown, encoding="utf-8")
    result = cli("story", "add", "--from", str(path))
    assert result.exit_code == 0, result.output
    return path


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_three_stories_from_markdown_show_up_in_the_list(cli, three: Path, starl_home) -> None:
    listed = _json(cli("story", "list", "--json"))
    assert sorted(s["id"] for s in listed) == sorted(STORY_IDS)
    assert all(s["parts"] == ["situation", "task", "action", "result", "lesson"] for s in listed)
    assert (starl_home / "starl.db").exists()  # the default: SQLite in STARL_HOME
    table = cli("story", "list").stdout
    assert "churn-model-failed-production" in table and "STARL" in table


def test_added_stories_get_suggested_company_values(cli, three: Path) -> None:
    story = _json(cli("story", "show", "churn-model-failed-production", "--json"))
    assert story["values"], "the analyzer suggests values for a story saved without any"
    assert all(":" in v for v in story["values"])


def test_show_has_timing_per_part(cli, three: Path) -> None:
    out = cli("story", "show", "churn-model-failed-production").stdout
    for part in ("Situation", "Task", "Action", "Result", "Lesson"):
        assert part in out
    assert "Timing at 150 words a minute" in out


def test_plain_text_is_split_into_parts_by_the_analyzer(cli, tmp_path: Path, answer_text) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(answer_text("prose"), encoding="utf-8")
    result = cli("story", "add", "--from", str(path), "--title", "Drift at the bank", "--json")
    story = _json(result)[0]
    assert story["title"] == "Drift at the bank"
    filled = [p for p in ("situation", "task", "action", "result", "lesson") if story[p]]
    assert len(filled) >= 4
    assert len(story["action"]) > len(story["situation"])


def test_edit_in_editor_makes_a_revision_then_history_diff_and_restore(
    cli, three: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('from 11% to 34%', 'from 11% to 36%'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = cli("story", "edit", "churn-model-failed-production")
    assert result.exit_code == 0, result.output
    assert "revision 2" in result.stdout
    history = _json(cli("story", "history", "churn-model-failed-production", "--json"))
    assert [(h["number"], h["note"]) for h in history] == [(1, "created"), (2, "edited")]
    diff = cli("story", "diff", "churn-model-failed-production", "1", "2").stdout
    assert "-Top-decile precision went from 11% to 34%" in diff
    assert "+Top-decile precision went from 11% to 36%" in diff
    result = cli("story", "restore", "churn-model-failed-production", "--revision", "1")
    assert result.exit_code == 0, result.output
    story = _json(cli("story", "show", "churn-model-failed-production", "--json"))
    assert "11% to 34%" in story["result"] and story["revision"] == 3


def test_an_edit_that_breaks_the_format_is_kept_and_nothing_changes(
    cli, three: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('## Task', '## Mission'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = cli("story", "edit", "churn-model-failed-production")
    assert result.exit_code == 2
    assert "unknown section '## Mission'" in result.output
    assert "your edit is kept in" in result.output
    kept = Path(result.output.split("your edit is kept in ")[1].split(";")[0].strip())
    assert "## Mission" in kept.read_text()
    kept.unlink()
    assert _json(cli("story", "show", "churn-model-failed-production", "--json"))["revision"] == 1


def test_tag_confirms_or_changes_values(cli, three: Path) -> None:
    result = cli(
        "story", "tag", "disagreeing-manager-launch-date",
        "--value", "amazon:have-backbone-disagree-and-commit",
        "--value", "google:Pushing Back Respectfully",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    story = _json(cli("story", "show", "disagreeing-manager-launch-date", "--json"))
    assert story["values"] == [
        "amazon:have-backbone-disagree-and-commit",
        "google:pushing-back-respectfully",
    ]
    assert story["revision"] == 2
    bad = cli("story", "tag", "disagreeing-manager-launch-date", "--value", "amazon:telepathy")
    assert bad.exit_code == 2 and "unknown value 'amazon:telepathy'" in bad.output


def test_rm_restore_and_empty_trash(cli, three: Path) -> None:
    assert cli("story", "rm", "mentoring-junior-engineer-first").exit_code == 0
    assert len(_json(cli("story", "list", "--json"))) == 2
    assert [s["id"] for s in _json(cli("trash", "list", "--json"))] == [
        "mentoring-junior-engineer-first"
    ]
    assert cli("story", "restore", "mentoring-junior-engineer-first").exit_code == 0
    assert len(_json(cli("story", "list", "--json"))) == 3
    cli("story", "rm", "mentoring-junior-engineer-first")
    assert cli("trash", "empty", "--yes").exit_code == 0
    gone = cli("story", "show", "mentoring-junior-engineer-first")
    assert gone.exit_code == 2


def test_export_import_round_trip_is_identical(cli, three: Path, tmp_path: Path) -> None:
    for fmt in ("md", "json"):
        first = tmp_path / f"first.{fmt}"
        second = tmp_path / f"second.{fmt}"
        assert cli("export", "--format", fmt, "--out", str(first)).exit_code == 0
        empty = f"sqlite:///{tmp_path / f'empty-{fmt}.db'}"
        result = cli("import", str(first), "--db", empty, "--json")
        assert _json(result)["added"] and not _json(result)["updated"]
        assert cli("export", "--format", fmt, "--out", str(second), "--db", empty).exit_code == 0
        assert first.read_text() == second.read_text(), fmt
        again = _json(cli("import", str(first), "--db", empty, "--json"))
        assert len(again["unchanged"]) == 3  # importing twice changes nothing


def test_full_backup_restores_history_trash_and_attempts(cli, three: Path, tmp_path: Path) -> None:
    cli("story", "rm", "mentoring-junior-engineer-first")
    cli("practice", "--question", "ml-project-failed", input="I fixed a churn model.\n.\n")
    backup = tmp_path / "backup.json"
    assert cli("export", "--all", "--format", "json", "--out", str(backup)).exit_code == 0
    empty = f"sqlite:///{tmp_path / 'restore.db'}"
    assert cli("import", str(backup), "--db", empty).exit_code == 0
    assert len(_json(cli("trash", "list", "--json", "--db", empty))) == 1
    assert len(_json(cli("history", "--json", "--db", empty))["attempts"]) == 1
    again = tmp_path / "again.json"
    cli("export", "--all", "--format", "json", "--out", str(again), "--db", empty)
    strip = lambda d: [{k: v for k, v in a.items() if k != "id"} for a in d["attempts"]]  # noqa: E731
    first, second = json.loads(backup.read_text()), json.loads(again.read_text())
    assert first["stories"] == second["stories"] and strip(first) == strip(second)


def test_a_malformed_file_imports_nothing(cli, tmp_path: Path, story_markdown: str) -> None:
    good = tmp_path / "good.md"
    good.write_text(story_markdown)
    bad = tmp_path / "bad.md"
    bad.write_text("# Fine story\n## Action\nI did it.\n\n# Broken\n## Approach\nx\n")
    result = cli("import", str(good), str(bad))
    assert result.exit_code == 2
    assert f"{bad}:6: unknown section '## Approach'" in result.output
    assert "Traceback" not in result.output
    assert _json(cli("story", "list", "--json")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("story", "show", "churn"), "unknown story 'churn'"),
        (("story", "diff", "churn-model-failed-production", "1", "7"), "has no revision 7"),
        (("story", "restore", "churn-model-failed-production"), "is not in the trash"),
        (("export", "nope"), "unknown story 'nope'"),
        (("import", "/no/such/file.md"), "no such file"),
        (("story", "add", "--from", "/no/such.txt"), "no such file"),
    ],
)
def test_bad_ids_and_arguments_get_one_line_errors(cli, three: Path, args, message) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_database_url_that_cannot_be_used_is_one_line(cli, tmp_path: Path) -> None:
    result = cli("story", "list", "--db", "mysql://nowhere/db")
    assert result.exit_code == 2 and "unsupported database" in result.output
    result = cli("story", "list", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code == 2 and "cannot open the database" in result.output


def test_store_commands_work_on_postgresql_too(cli, three: Path, tmp_path: Path) -> None:
    url = os.environ.get("STARL_TEST_DATABASE_URL")
    if not url:
        pytest.skip("set STARL_TEST_DATABASE_URL to run the CLI against PostgreSQL")
    from tests.conftest import reset_postgres

    reset_postgres(url)
    exported = tmp_path / "bank.md"
    cli("export", "--out", str(exported))
    assert cli("import", str(exported), "--db", url).exit_code == 0
    listed = _json(cli("story", "list", "--json", "--db", url))
    assert sorted(s["id"] for s in listed) == sorted(STORY_IDS)
    rows = _json(cli("coverage", "amazon", "--json", "--db", url))["rows"]
    assert len(rows) == 16
