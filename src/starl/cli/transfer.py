"""`starl import` and `starl export`: stories as Markdown or JSON; `export --all` is the backup."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from starl.cli.common import (
    Db,
    Json,
    console,
    emit_json,
    err_console,
    fail,
    open_store,
    user_errors,
)


class Format(StrEnum):
    md = "md"
    json = "json"


@user_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help="Markdown (.md) or JSON (.json) story files")],
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Import stories (and, from a full backup, their history and practice attempts).

    Every file is checked first; if any is malformed nothing is imported. A story whose id
    exists with other content becomes a new revision of it; identical ones are skipped.

    Example: starl import stories.md backup.json
    """
    from starl.store.store import StoryRecord
    from starl.storyfile import read_story_file

    records: list[StoryRecord] = []
    attempts = []
    for path in files:
        bundle = read_story_file(path)
        records += bundle.stories
        attempts += bundle.attempts
    report = open_store(db).import_records(records, attempts)
    if as_json:
        emit_json(report.to_dict())
        return
    console.print(
        f"imported {len(report.added)} new, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged stories"
        + (f", {report.attempts_added} practice attempts" if report.attempts_added else "")
    )


@user_errors
def export(
    story_ids: Annotated[
        list[str] | None, typer.Argument(help="stories to export (default: all)")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="md or json")] = Format.md,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="a full backup: trashed stories too, and (in JSON) every revision and attempt",
        ),
    ] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write to this file")] = None,
    db: Db = None,
) -> None:
    """Write stories as Markdown or JSON. `starl export --all -f json -o backup.json` is
    the backup; `starl import backup.json` restores it.

    Example: starl export --format md --out stories.md
    """
    from starl.storyfile import to_json, to_markdown

    store = open_store(db)
    stories = store.list_stories()
    if everything:
        stories += store.list_stories(trashed=True)
    stories.sort(key=lambda s: (s.created_at, s.id))
    if story_ids:
        wanted = [store.get_story(i) for i in story_ids]  # unknown ids fail here
        stories = wanted
    if fmt is Format.json:
        if everything:
            revisions = {s.id: store.history(s.id) for s in stories}
            text = to_json(stories, revisions, store.attempts())
        else:
            text = to_json(stories)
    else:
        text = to_markdown(stories)
        if everything:
            err_console.print(
                "note: Markdown holds stories only; use --format json for revisions and attempts"
            )
    if out is None:
        sys.stdout.write(text)
        return
    try:
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}") from None
    console.print(f"wrote {len(stories)} stories to {out}")


trash_app = typer.Typer(
    help="Trashed stories: list them, or delete them for good.\n\nExample: starl trash list"
)


@trash_app.command("list")
@user_errors
def trash_list(db: Db = None, as_json: Json = False) -> None:
    """List the stories in the trash.

    Example: starl trash list
    """
    stories = open_store(db).list_stories(trashed=True)
    if as_json:
        emit_json([s.to_dict() for s in stories])
        return
    if not stories:
        console.print("The trash is empty.")
    for story in stories:
        console.print(
            f"{story.id}  {story.title}  [dim](restore: starl story restore {story.id})[/]"
        )


@trash_app.command("empty")
@user_errors
def trash_empty(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="do not ask")] = False, db: Db = None
) -> None:
    """Delete the trashed stories and their history for good.

    Example: starl trash empty --yes
    """
    store = open_store(db)
    count = len(store.list_stories(trashed=True))
    if not count:
        console.print("The trash is empty.")
        return
    if not yes and not typer.confirm(f"Delete {count} trashed stories for good?", default=False):
        raise typer.Exit(1)
    removed = store.empty_trash()
    console.print(f"deleted {len(removed)} stories for good")
