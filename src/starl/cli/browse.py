"""Commands to browse the built-in knowledge base: framework, questions, companies."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from starl.cli.common import console, emit_json, user_errors

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _kb() -> Any:
    from starl import load_knowledge  # deferred: keeps `starl --help` instant

    return load_knowledge()


@user_errors
def framework(as_json: JsonOption = False) -> None:
    """The STARL method: the five components, their time budgets, and the tips.

    Example: starl framework
    """
    kb = _kb()
    if as_json:
        data = kb.framework.model_dump(mode="json")
        data["total_seconds"] = kb.framework.total_seconds
        emit_json(data)
        return
    from starl.cli.render import framework_view

    console.print(framework_view(kb.framework))


@user_errors
def questions(
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="Only questions probing this company.")
    ] = None,
    value: Annotated[
        str | None,
        typer.Option("--value", "-v", help="Only questions probing this value (id or company:id)."),
    ] = None,
    theme: Annotated[str | None, typer.Option("--theme", "-t", help="Only this theme.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Words that must all appear.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="story, approach or reflection.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List behavioral questions, filtered by company, value, theme or text.

    The ten reference questions, which have model answers, are marked with a star.

    Example: starl questions --company amazon --value dive-deep
    """
    kb = _kb()
    found = kb.find_questions(company=company, value=value, theme=theme, search=search, kind=kind)
    if as_json:
        emit_json([q.model_dump(mode="json") for q in found])
        return
    from starl.cli.render import questions_table

    if not found:
        console.print("No question matches those filters. Try fewer of them.")
        return
    console.print(
        questions_table(found, title=f"{len(found)} question{'' if len(found) == 1 else 's'}")
    )


@user_errors
def question(
    question_id: Annotated[str, typer.Argument(metavar="ID", help="A question id.")],
    as_json: JsonOption = False,
) -> None:
    """One question: what interviewers evaluate, and its model answer timed by component.

    Example: starl question ml-project-failed
    """
    kb = _kb()
    found = kb.question(question_id)
    if as_json:
        data = found.model_dump(mode="json")
        if found.model_answer:
            timings = kb.framework.time_segments(found.model_answer)
            data["timing"] = {
                "components": {
                    t.component: {
                        "present": t.present,
                        "words": t.words,
                        "seconds": t.seconds,
                        "target_seconds": t.target_seconds,
                        "status": t.status,
                    }
                    for t in timings
                },
                "words": sum(t.words for t in timings),
                "total_seconds": round(sum(t.seconds for t in timings), 1),
                "wpm": kb.framework.words_per_minute,
            }
        emit_json(data)
        return
    from starl.cli.render import question_view

    console.print(question_view(kb, found))


@user_errors
def companies(as_json: JsonOption = False) -> None:
    """The five company frameworks and how many stories each one asks for.

    Example: starl companies
    """
    kb = _kb()
    if as_json:
        emit_json([_company_json(kb, c) for c in kb.companies.values()])
        return
    from starl.cli.render import companies_table

    console.print(companies_table(kb.companies.values()))


@user_errors
def company(
    name: Annotated[str, typer.Argument(help="Company id or name, e.g. amazon.")],
    as_json: JsonOption = False,
) -> None:
    """A company's values, the ones to focus on, and how many stories to prepare.

    Example: starl company amazon
    """
    kb = _kb()
    found = kb.company(name)
    if as_json:
        emit_json(_company_json(kb, found))
        return
    from starl.cli.render import company_view

    console.print(company_view(kb, found))


def _company_json(kb: Any, company: Any) -> dict[str, Any]:
    data: dict[str, Any] = company.model_dump(mode="json")
    data["stories_to_prepare"] = company.stories_to_prepare
    for value in data["values"]:
        value["focus"] = value["id"] in company.focus
        value["questions"] = [q.id for q in kb.questions_for_value(company.id, value["id"])]
    return data
