"""The `starl` command line: thin commands over the library's public API."""

from __future__ import annotations

import typer

from starl.cli import analyze, browse, coverage, practice, serve, story, tour, transfer

app = typer.Typer(
    name="starl",
    help="Coach for the behavioral interviews of ML engineers, built on STARL "
    "(Situation, Task, Action, Result, Lesson).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

app.command()(browse.framework)
app.command()(browse.questions)
app.command()(browse.question)
app.command()(browse.companies)
app.command()(browse.company)
app.command()(tour.browse)
app.command()(analyze.analyze)
app.add_typer(story.app, name="story")
app.command("import")(transfer.import_)
app.command()(transfer.export)
app.add_typer(transfer.trash_app, name="trash")
app.command()(coverage.match)
app.command()(coverage.coverage)
app.command()(coverage.plan)
app.command()(practice.practice)
app.command()(practice.history)
app.command()(serve.serve)


def main() -> None:
    app()
