"""`starl practice` (a timed mock interview in the terminal) and `starl history`."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from typing import Annotated, Any

import typer

from starl.cli.common import Db, Json, console, emit_json, fail, open_store, user_errors

END_OF_ANSWER = "."  # a line holding only this ends a piped answer


@user_errors
def practice(
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="practise for this company")
    ] = None,
    count: Annotated[int, typer.Option("-n", min=1, max=20, help="how many questions")] = 3,
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="one question id")
    ] = None,
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the attempts as JSON")] = False,
) -> None:
    """A mock interview: questions chosen for you, a two-minute clock showing the STARL
    phase to be in, the analysis of each answer, and every attempt kept in your history.

    In a terminal, Enter adds a line and Ctrl-D submits; piped answers end with a line
    holding only a dot. An empty answer skips the question.

    Example: starl practice --company amazon -n 2
    """
    from rich.panel import Panel

    from starl.analysis.analyze import analyze
    from starl.cli.analysis_view import analysis_view
    from starl.knowledge import load_knowledge
    from starl.practice import ANSWER_SECONDS, Pick, choose_questions
    from starl.store.store import now

    kb = load_knowledge()
    if company:
        company = kb.company(company).id
    store = open_store(db)
    if question:
        picks = [Pick(kb.question(question).id, "chosen by you")]
    else:
        picks = choose_questions(
            store.list_stories(),
            store.attempts(full=False),
            company=company,
            count=count,
            now=now(),
        )
    interactive = sys.stdin.isatty()
    saved = []
    seconds: float | None
    for n, pick in enumerate(picks, 1):
        q = kb.question(pick.question_id)
        if not as_json:
            console.print(
                Panel(
                    q.text,
                    title=f"Question {n} of {len(picks)}",
                    subtitle=f"{pick.reason} · {q.id}",
                    title_align="left",
                )
            )
        if interactive:
            from starl.cli.prompts import prompt_answer

            console.print(
                "[dim]Situation 0-15 s · Task 15-30 · Action 30-90 · Result 90-105 · "
                "Lesson 105-120. Ctrl-D submits.[/]"
            )
            try:
                text, seconds = prompt_answer(q.text, ANSWER_SECONDS)
            except (KeyboardInterrupt, EOFError):
                console.print("stopped; earlier answers are saved")
                break
        else:
            started = time.monotonic()
            text = read_piped_answer()
            seconds = None if not text else time.monotonic() - started
        if not text.strip():
            if not as_json:
                console.print("[dim]skipped[/]")
            continue
        analysis = analyze(text, question=q.id)
        attempt = store.add_attempt(
            question_text=q.text,
            question_id=q.id,
            company=company,
            answer=text,
            analysis=analysis.to_dict(),
            seconds_taken=round(seconds, 1) if seconds is not None and interactive else None,
        )
        saved.append(attempt)
        if not as_json:
            console.print(analysis_view(analysis))
            if attempt.seconds_taken:
                console.print(
                    f"You took {attempt.seconds_taken:.0f} s to type it; said aloud it runs "
                    f"about {analysis.total_seconds:.0f} s."
                )
    if as_json:
        emit_json([{k: v for k, v in a.to_dict().items() if k != "analysis"} for a in saved])
        return
    if saved:
        console.print(
            "Scores this session: "
            + ", ".join(f"{a.question_id} {a.score}" for a in saved)
            + ". See your trend with `starl history`."
        )


def read_piped_answer() -> str:
    lines = []
    for line in sys.stdin:
        if line.strip() == END_OF_ANSWER:
            break
        lines.append(line)
    return "".join(lines).strip()


@user_errors
def history(
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="one question id")
    ] = None,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Your practice attempts and the score trend per question.

    Example: starl history --question ml-project-failed
    """
    from rich.table import Table

    from starl.knowledge import load_knowledge
    from starl.practice import sparkline, trend

    if question:
        question = load_knowledge().question(question).id
    attempts = open_store(db).attempts(question_id=question, full=False)
    by_question: dict[str, list[Any]] = defaultdict(list)
    for attempt in attempts:
        by_question[attempt.question_id or attempt.question_text[:40]].append(attempt)
    rows = [
        {
            "question_id": qid,
            "attempts": len(items),
            "scores": [a.score for a in items],
            "best": max(a.score for a in items),
            "last": items[-1].score,
            "trend": trend([a.score for a in items]),
            "last_at": items[-1].to_dict()["created_at"],
        }
        for qid, items in by_question.items()
    ]
    rows.sort(key=lambda r: r["last_at"], reverse=True)
    scores = [a.score for a in attempts]
    if as_json:
        emit_json(
            {
                "attempts": [
                    {k: v for k, v in a.to_dict().items() if k not in {"analysis", "answer"}}
                    for a in attempts
                ],
                "questions": rows,
                "scores": scores,
                "trend": trend(scores),
            }
        )
        return
    if not attempts:
        raise fail("no practice attempts yet; start with `starl practice`", code=0)
    table = Table(title="Practice history", title_justify="left")
    for column in ("question", "tries", "scores", "last", "best", "change"):
        table.add_column(
            column, justify="right" if column in {"tries", "last", "best", "change"} else "left"
        )
    for row in rows:
        change = row["trend"]
        shown = "" if change is None else f"[{'green' if change >= 0 else 'red'}]{change:+d}[/]"
        table.add_row(
            row["question_id"],
            str(row["attempts"]),
            sparkline(row["scores"]),
            str(row["last"]),
            str(row["best"]),
            shown,
        )
    console.print(table)
    overall = trend(scores)
    console.print(
        f"All attempts: {sparkline(scores)}  average {sum(scores) / len(scores):.0f}"
        + (f", {overall:+d} since the first" if overall is not None else "")
    )
