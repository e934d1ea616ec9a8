"""`starl match`, `starl coverage` and `starl plan`: stories against questions and values."""

from __future__ import annotations

from typing import Annotated

import typer

from starl.cli.common import Db, Json, console, emit_json, fail, open_store, user_errors

CompanyArg = Annotated[str, typer.Argument(help="amazon, google, meta, microsoft or apple")]
Required = Annotated[
    int | None,
    typer.Option("--required", min=1, help="stories needed per value (default: the company's)"),
]


@user_errors
def match(
    question_text: Annotated[str | None, typer.Argument(help="the question, in quotes")] = None,
    question: Annotated[str | None, typer.Option("--question", "-q", help="a question id")] = None,
    limit: Annotated[int, typer.Option("-n", help="how many stories to show")] = 5,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Rank your stories for a question and say why each fits.

    Example: starl match --question ml-project-failed
    """
    from starl.storymatch import question_target, rank_stories

    if bool(question_text) == bool(question):
        raise fail('give the question text or --question ID, e.g. starl match "Tell me about..."')
    if question_text is not None and not question_text.strip():
        raise fail("the question is empty")
    target = question_target(question_text, question)
    ranked = rank_stories(target, open_store(db).list_stories())[: max(limit, 1)]
    if as_json:
        emit_json(
            {
                "question": target.text,
                "question_id": target.question_id,
                "stories": [m.to_dict() for m in ranked],
            }
        )
        return
    console.print(f"[bold]{target.text}[/]")
    if target.question_id and question_text:
        console.print(f"[dim]closest known question: {target.question_id}[/]")
    if not ranked:
        console.print("No stories yet: add one with `starl story add`.")
        return
    for n, m in enumerate(ranked, 1):
        console.print(f"{n}. [bold]{m.story_id}[/] {m.title}  [cyan]{m.score:.2f}[/]")
        for reason in m.reasons:
            console.print(f"     - {reason}")


@user_errors
def coverage(
    company: CompanyArg,
    required: Required = None,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Show a company's values against the stories that demonstrate them, and the gaps.

    Example: starl coverage amazon --json
    """
    from rich.table import Table

    from starl.coverage import coverage as compute

    table = compute(company, open_store(db).list_stories(), required)
    if as_json:
        emit_json(table.to_dict())
        return
    view = Table(
        title=f"{table.company_name}: {table.covered} of {len(table.rows)} values covered",
        title_justify="left",
    )
    view.add_column("value")
    view.add_column("need", justify="right")
    view.add_column("have", justify="right")
    view.add_column("stories", overflow="fold")
    for row in table.rows:
        have = len(row.stories)
        style = "green" if not row.missing else "yellow" if have else "red"
        mark = "✓" if not row.missing else "✗"
        name = row.name + (" ★" if row.focus else "")
        view.add_row(
            f"[{style}]{mark}[/] {name}",
            str(row.required),
            f"[{style}]{have}[/]",
            ", ".join(row.stories) or "[dim]-[/]",
        )
    console.print(view)
    if table.gaps:
        console.print("[bold]Gaps[/] (questions to prepare a story for):")
        for row in table.gaps:
            console.print(f"  {row.name} needs {row.missing} more: " + ", ".join(row.questions))
    console.print("[dim]★ = a value this company weighs most[/]")


@user_errors
def plan(
    company: CompanyArg,
    max_per_story: Annotated[
        int, typer.Option("--max-per-story", min=1, help="most values one story may carry")
    ] = 3,
    required: Required = None,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Assign your stories to a company's values so none carries too many; list what is left.

    Example: starl plan amazon --max-per-story 2
    """
    from rich.table import Table

    from starl.coverage import plan as compute
    from starl.knowledge import load_knowledge

    result = compute(company, open_store(db).list_stories(), max_per_story, required)
    if as_json:
        emit_json(result.to_dict())
        return
    kb_company = load_knowledge().company(company)
    names = {v.id: v.name for v in kb_company.values}
    view = Table(title=f"Plan for {kb_company.name}", title_justify="left")
    view.add_column("value")
    view.add_column("stories", overflow="fold")
    for value_id, stories in result.assignments.items():
        short = result.uncovered.get(value_id, 0)
        extra = f" [red](needs {short} more)[/]" if short else ""
        view.add_row(names[value_id], (", ".join(stories) or "[dim]-[/]") + extra)
    console.print(view)
    for story_id, values in result.load.items():
        console.print(f"  {story_id} carries {len(values)}: {', '.join(names[v] for v in values)}")
    if result.uncovered:
        need = sum(result.uncovered.values())
        console.print(
            f"[yellow]{need} story slots still uncovered[/]; see `starl coverage {company}`"
        )
    else:
        console.print("[green]every value has its stories[/]")
