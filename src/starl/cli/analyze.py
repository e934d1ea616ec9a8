"""`starl analyze`: one answer as a coloured report or JSON, or many as JSON lines."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from starl.cli.common import console, emit_json, fail, user_errors

MAX_FILE_BYTES = 1_000_000
EXIT_SOME_LINES_FAILED = 1


def read_answer(source: str) -> str:
    """The text of FILE, or of stdin for `-`, with a clear error for what cannot be read."""
    from starl.textfile import TextFileError, read_text

    try:
        return read_text(
            source, max_bytes=MAX_FILE_BYTES, too_big_hint="analyze one answer at a time"
        )
    except TextFileError as exc:
        raise fail(str(exc)) from None


def read_timed_words(path: str) -> list[Any]:
    """Timed words from a JSON file: a list of {"text", "start", "end"} objects, or an
    object whose "words" holds that list (as speech recognisers write it)."""
    from starl.textfile import TextFileError, read_text

    try:
        raw = read_text(path, max_bytes=MAX_FILE_BYTES * 10, too_big_hint="give one answer's words")
    except TextFileError as exc:
        raise fail(f"--words: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(f"--words: {path} is not JSON ({exc.msg}, line {exc.lineno})") from None
    words = data.get("words") if isinstance(data, dict) else data
    if not isinstance(words, list) or not words:
        raise fail(
            f'--words: {path} needs a non-empty list of {{"text", "start", "end"}} objects, '
            'or an object with such a list under "words"'
        )
    return words


def _analyze_line(line: str, number: int) -> dict[str, Any]:
    from starl import analyze
    from starl.errors import StarlError

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"line is not JSON ({exc.msg})"}
    if not isinstance(item, dict):
        return {"id": None, "line": number, "error": "line is not a JSON object"}
    ident = item.get("id", number)
    text = item.get("text")
    if not isinstance(text, str):
        return {"id": ident, "error": 'the object needs a "text" string'}
    question = item.get("question")
    if question is not None and not isinstance(question, str):
        return {"id": ident, "error": '"question" must be a question id string'}
    try:
        return analyze(text, question=question, words=item.get("words"), id=ident).to_dict()
    except StarlError as exc:
        return {"id": ident, "error": str(exc)}


def _batch() -> int:
    failed = 0
    for number, raw in enumerate(sys.stdin.buffer, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            result: dict[str, Any] = {"id": None, "line": number, "error": "line is not UTF-8"}
        else:
            if not line.strip():
                continue
            result = _analyze_line(line, number)
        failed += "error" in result
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return failed


@user_errors
def analyze(
    source: Annotated[
        str | None,
        typer.Argument(metavar="FILE|-", help="A text file with the answer, or - for stdin."),
    ] = None,
    question: Annotated[
        str | None,
        typer.Option("--question", "-q", help="The question id it answers (for the report)."),
    ] = None,
    wpm: Annotated[
        int, typer.Option("--wpm", help="Speaking rate used to estimate seconds.")
    ] = 150,
    words: Annotated[
        str | None,
        typer.Option(
            "--words",
            metavar="JSON",
            help='Timed words of the spoken answer ([{"text", "start", "end"}, ...] in '
            "seconds): timing is then measured, not estimated.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Read {"id", "text", "question", "words"} objects ("question" and "words" '
            "optional), one per line on stdin; write one result per line.",
        ),
    ] = False,
) -> None:
    """Split an answer into STARL components, time each one, and say what to fix.

    Exit codes: 0 analyzed; 1 some --jsonl lines failed (each gets an "error");
    2 bad input or arguments.

    Example: starl analyze answer.txt --question ml-project-failed

    Spoken, with timed words: starl analyze transcript.txt --words words.json
    """
    if jsonl:
        if words is not None:
            raise fail('--words is for one answer; in --jsonl give each line its "words"')
        if source not in (None, "-"):
            raise fail("--jsonl reads standard input; pipe the lines in instead of FILE")
        failed = _batch()
        raise typer.Exit(EXIT_SOME_LINES_FAILED if failed else 0)
    if source is None:
        raise fail("give FILE, or - to read the answer from standard input")
    from starl import analyze as run_analysis

    timed = read_timed_words(words) if words is not None else None
    result = run_analysis(read_answer(source), question=question, words=timed, wpm=wpm, id=source)
    if as_json:
        emit_json(result.to_dict())
        return
    from starl.cli.analysis_view import analysis_view

    console.print(analysis_view(result))
