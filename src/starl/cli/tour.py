"""`starl browse`: an interactive tour of the method, the questions and the companies."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from starl.cli.common import console, user_errors

HELP = (
    "Type a number or a question id to open it · [bold]c NAME[/] a company · "
    "[bold]/WORDS[/] search · [bold]l[/] list · [bold]f[/] framework · [bold]q[/] quit"
)


def _overview(kb: Any) -> None:
    from rich.rule import Rule

    from starl.cli.render import companies_table, framework_view, questions_table

    console.print(Rule("starl: prepare STARL stories for ML behavioral interviews"))
    console.print(framework_view(kb.framework))
    console.print(
        questions_table(
            kb.reference_questions, title="The ten questions with model answers", numbered=True
        )
    )
    console.print(companies_table(kb.companies.values()))
    console.print(
        f"{len(kb.questions)} questions in all: `starl questions --company amazon` "
        "filters them, `starl question ID` opens one, `starl company amazon` shows a framework."
    )


def _numbered(kb: Any) -> list[str]:
    return [q.id for q in kb.reference_questions]


def _handle(kb: Any, command: str) -> bool:
    """Act on one line typed at the prompt; False ends the tour."""
    from starl.cli.render import company_view, framework_view, question_view, questions_table
    from starl.errors import StarlError

    command = command.strip()
    if command in {"q", "quit", "exit"}:
        return False
    ids = _numbered(kb)
    try:
        if not command or command in {"l", "list"}:
            for i, qid in enumerate(ids, 1):
                console.print(f"[bold]{i:>2}[/]  {kb.question(qid).text}  [dim]{qid}[/]")
        elif command in {"f", "framework"}:
            console.print(framework_view(kb.framework))
        elif command.startswith("c "):
            console.print(company_view(kb, kb.company(command[2:])))
        elif command.startswith("/"):
            found = kb.find_questions(search=command[1:])
            console.print(
                questions_table(
                    found, title=f"{len(found)} question{'' if len(found) == 1 else 's'}"
                )
            )
        elif command.isdigit() and 1 <= int(command) <= len(ids):
            console.print(question_view(kb, kb.question(ids[int(command) - 1])))
        else:
            console.print(question_view(kb, kb.question(command)))
    except StarlError as exc:
        console.print(f"[red]{exc}[/]")
    return True


@user_errors
def browse(
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive",
            help="Prompt for what to open next (default: when run in a terminal).",
        ),
    ] = None,
) -> None:
    """A guided tour: the STARL method, the ten questions with model answers, the companies.

    In a terminal it then lets you open questions and companies by typing their number or id.

    Example: starl browse
    """
    from rich.text import Text

    from starl import load_knowledge

    kb = load_knowledge()
    _overview(kb)
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not interactive:
        return
    console.print(Text.from_markup(HELP))
    while True:
        try:
            line = console.input("[bold cyan]starl>[/] ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        if not _handle(kb, line):
            break
