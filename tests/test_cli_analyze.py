"""`starl analyze` from the command line: reports, JSON, JSON lines and bad input."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "tests" / "answers"


def test_json_report_for_a_file(cli) -> None:
    result = cli("analyze", str(ANSWERS / "prose.txt"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {s["component"] for s in data["segments"]} == {
        "situation",
        "task",
        "action",
        "result",
        "lesson",
    }
    assert data["question"] is None


def test_stdin_with_a_question(cli, answer_text) -> None:
    result = cli(
        "analyze", "-", "--json", "--question", "ml-project-failed", input=answer_text("bullets")
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["question"] == "ml-project-failed"


def test_terminal_report_has_every_part(cli) -> None:
    result = cli("analyze", str(ANSWERS / "markers_wrong.txt"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for part in (
        "Your answer",
        "[S]",
        "[R]",
        "Time against the STARL budget",
        "Score",
        "Questions this story answers",
        "Company values",
        "may ask next",
    ):
        assert part in out, part


def test_timing_table_adds_up_to_the_whole_answer(cli, answer_text) -> None:
    text = "Sure, happy to share one from last year.\n\n" + answer_text("prose")
    data = json.loads(cli("analyze", "-", "--json", input=text).stdout)
    outside = data["words"] - sum(c["words"] for c in data["components"].values())
    assert outside >= 5  # the preamble is in no component
    out = cli("analyze", "-", input=text).stdout
    assert re.search(rf"No component\s*│\s*{outside}\s*│", out)
    assert re.search(rf"Total\s*│\s*{data['words']}\s*│\s*{data['total_seconds']:.0f}\s*│", out)


def test_timed_words_from_a_file_are_measured(cli, answer_text, tmp_path: Path) -> None:
    text = answer_text("transcript")
    words = [
        {"text": w, "start": round(0.5 * i, 2), "end": round(0.5 * i + 0.4, 2)}
        for i, w in enumerate(text.split())
    ]
    path = tmp_path / "words.json"
    path.write_text(json.dumps({"words": words}), encoding="utf-8")
    result = cli("analyze", str(ANSWERS / "transcript.txt"), "--words", str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total_seconds"] == round(words[-1]["end"] - words[0]["start"], 1)
    assert data["wpm"] == round(len(words) * 60 / data["total_seconds"], 1)
    assert (
        "measured" in cli("analyze", str(ANSWERS / "transcript.txt"), "--words", str(path)).stdout
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        ('{"words": 3}', "needs a non-empty list"),
        ("[]", "needs a non-empty list"),
        ('[{"text": "so", "start": 2, "end": 1}]', "timed word 0 ends before it starts"),
        ('[{"text": "so"}]', "timed word 0 is malformed"),
    ],
)
def test_bad_timed_words_give_one_line_and_exit_2(
    cli, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "words.json"
    path.write_text(content, encoding="utf-8")
    result = cli("analyze", str(ANSWERS / "prose.txt"), "--words", str(path))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_jsonl_keeps_order_and_ids_and_reports_bad_lines(cli, answer_text) -> None:
    lines = [
        json.dumps({"id": "a", "text": answer_text("prose")}),
        "not json at all",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text"}),
        "",
        json.dumps({"id": 7, "text": "   "}),
        json.dumps({"id": "b", "text": answer_text("transcript"), "question": "tight-deadline"}),
        json.dumps({"id": "c", "text": answer_text("bullets"), "question": "nope"}),
    ]
    result = cli("analyze", "--jsonl", input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, None, "no-text", 7, "b", "c"]
    assert "segments" in out[0] and "error" not in out[0]
    assert "not JSON" in out[1]["error"] and out[1]["line"] == 2
    assert "not a JSON object" in out[2]["error"]
    assert '"text"' in out[3]["error"]
    assert "empty" in out[4]["error"]
    assert out[5]["question"] == "tight-deadline"
    assert "unknown question 'nope'" in out[6]["error"]


def test_jsonl_all_good_exits_zero(cli, answer_text) -> None:
    line = json.dumps({"id": "x", "text": answer_text("prose")})
    result = cli("analyze", "--jsonl", input=line + "\n" + line + "\n")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"caf\xe9 au lait was my first model", "not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"word " * 210_000, "over 1,000,000 bytes"),
    ],
)
def test_bad_files_give_one_line_and_exit_2(cli, tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "answer.txt"
    path.write_bytes(content)
    result = cli("analyze", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_missing_file_and_missing_argument(cli, tmp_path: Path) -> None:
    missing = cli("analyze", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr
    bare = cli("analyze")
    assert bare.exit_code == 2
    assert "give FILE" in bare.stderr


def test_installed_starl_analyzes_a_batch(starl_executable: str, answer_text) -> None:
    lines = "".join(
        json.dumps({"id": i, "text": answer_text(name)}) + "\n"
        for i, name in enumerate(["prose", "transcript", "bullets"])
    )
    done = subprocess.run(
        [starl_executable, "analyze", "--jsonl"],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(x)["id"] for x in done.stdout.splitlines()] == [0, 1, 2]
