"""`starl story ...`: add, list, show, edit, remove, restore and compare stories."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from starl.store import Story, StoryDraft

app = typer.Typer(
    help="Keep a bank of stories: add, list, show, edit, tag, rm, restore, history, diff.\n\n"
    "Example: starl story add --from stories.md"
)

StoryId = Annotated[str, typer.Argument(help="story id (see `starl story list`)")]


@app.command("add")
@user_errors
def add(
    source: Annotated[
        str | None,
        typer.Option("--from", help="Markdown story file(s), or plain text to split; - for stdin"),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="title for a plain-text story")
    ] = None,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Add a story: interactively, one prompt per STARL part, or --from a file.

    A plain-text answer is split into parts by the analyzer; fix the split with
    `starl story edit ID`. Company values are suggested from the text.

    Example: starl story add --from churn-story.md
    """
    from starl.stories import split_text, with_suggested_tags
    from starl.storyfile import looks_like_markdown_stories, parse_markdown

    store = open_store(db)
    left_out: tuple[str, ...] = ()
    if source is None and sys.stdin.isatty():
        drafts = [interactive_draft(title)]
    else:
        text = read_text(source or "-")
        name = "standard input" if source in (None, "-") else str(source)
        if looks_like_markdown_stories(text):
            drafts = [record.draft for record in parse_markdown(text, name)]
        else:
            split = split_text(text, title)
            drafts, left_out = [split.draft], split.left_out
    drafts = [with_suggested_tags(d) for d in drafts]
    if source is None and sys.stdin.isatty():
        drafts = [confirm_values(drafts[0])]
    saved = [store.add_story(d) for d in drafts]
    if as_json:
        emit_json([s.to_dict() for s in saved])
        return
    for story in saved:
        console.print(f"[green]saved[/] [bold]{story.id}[/] ({story.words()} words)")
        console.print(story_timing(story))
        if story.values:
            console.print(f"  values (suggested): {', '.join(story.values)}")
            console.print(f"  change them: starl story tag {story.id} --value COMPANY:VALUE ...")
    if left_out:
        console.print("  left in no part: " + " / ".join(f"'{t}'" for t in left_out))
    if left_out or (source is not None and not looks_like_markdown_stories(text)):
        console.print(f"  check the split, and correct it with: starl story edit {saved[0].id}")


def confirm_values(draft: StoryDraft) -> StoryDraft:
    """Show the suggested company values and let the user keep or change them."""
    from dataclasses import replace

    console.print("Suggested company values: " + (", ".join(draft.values) or "(none)"))
    answer = typer.prompt(
        "Company values, comma-separated (Enter keeps the suggestion)",
        default=", ".join(draft.values),
        show_default=False,
    )
    from starl.stories import resolve_values

    return replace(draft, values=resolve_values(answer.split(",")))


@app.command("list")
@user_errors
def list_(
    trash: Annotated[bool, typer.Option("--trash", help="list the trashed stories")] = False,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """List your stories, most recently changed first.

    Example: starl story list --json
    """
    from rich.table import Table

    stories = open_store(db).list_stories(trashed=trash)
    if as_json:
        emit_json([story_summary(s) for s in stories])
        return
    if not stories:
        what = "The trash is empty." if trash else "No stories yet: add one with `starl story add`."
        console.print(what)
        return
    table = Table(title="Trash" if trash else "Stories", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("title", min_width=14)
    for column in ("words", "~sec", "parts"):
        table.add_column(
            column, justify="right" if column in {"words", "~sec"} else "left", no_wrap=True
        )
    for story in stories:
        summary = story_summary(story)
        table.add_row(
            story.id,
            story.title,
            str(summary["words"]),
            f"{summary['seconds']:.0f}",
            parts_badge(story),
        )
    console.print(table)


@app.command("show")
@user_errors
def show(
    story_id: StoryId,
    revision: Annotated[
        int | None, typer.Option("--revision", "-r", help="an older revision")
    ] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="print the Markdown form")] = False,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Show a story with each part's words and seconds against its target.

    Example: starl story show churn-model-failed
    """
    from rich.text import Text

    from starl.storyfile import to_markdown

    store = open_store(db)
    story = store.get_story(story_id)
    if revision is not None:
        old = store.revision(story_id, revision)
        from dataclasses import replace

        story = replace(story, **_content(old), revision=old.number, updated_at=old.saved_at)
    if as_json:
        emit_json(story.to_dict())
        return
    if markdown:
        sys.stdout.write(to_markdown([story]))
        return
    state = " [red](in the trash)[/]" if story.trashed else ""
    console.print(f"[bold]{story.title}[/]  [dim]{story.id} · revision {story.revision}[/]{state}")
    from starl.cli.render import component_label

    for part, text in story.parts().items():
        console.print()
        console.print(component_label(part))
        console.print(text or Text("(empty)", style="dim"))
    console.print()
    console.print(story_timing(story))
    if story.themes:
        console.print(f"themes: {', '.join(story.themes)}")
    if story.values:
        console.print(f"values: {', '.join(story.values)}")


@app.command("edit")
@user_errors
def edit(story_id: StoryId, db: Db = None) -> None:
    """Edit a story's Markdown form in $EDITOR; saving makes a new revision.

    Example: EDITOR=nano starl story edit churn-model-failed
    """
    from starl.storyfile import StoryFileError, parse_markdown, to_markdown

    store = open_store(db)
    story = store.get_story(story_id)
    with tempfile.NamedTemporaryFile(
        "w", suffix=".md", prefix=f"starl-{story.id}-", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(to_markdown([story]))
        path = Path(handle.name)
    while True:
        run_editor(path)
        text = path.read_text(encoding="utf-8")
        try:
            records = parse_markdown(text, str(path))
            if len(records) != 1:
                raise StoryFileError(f"{path}: holds {len(records)} stories; keep exactly one")
            if records[0].id not in (None, story.id):
                raise StoryFileError(f"{path}: the id was changed; ids cannot be edited")
            break
        except StoryFileError as exc:
            err_console.print(f"[bold red]error:[/] {exc}")
            if not sys.stdin.isatty() or not typer.confirm("Edit again?", default=True):
                raise fail(
                    f"your edit is kept in {path}; fix it and run `starl import {path}`"
                ) from None
    saved = store.save_story(story.id, records[0].draft)
    path.unlink()
    if saved.revision == story.revision:
        console.print("No changes.")
    else:
        console.print(f"[green]saved[/] {saved.id} as revision {saved.revision}")
        console.print(story_timing(saved))


@app.command("tag")
@user_errors
def tag(
    story_id: StoryId,
    values: Annotated[
        list[str] | None, typer.Option("--value", help="company:value, repeatable")
    ] = None,
    themes: Annotated[list[str] | None, typer.Option("--theme", help="a theme, repeatable")] = None,
    add: Annotated[
        bool, typer.Option("--add", help="add to the current tags instead of replacing")
    ] = False,
    db: Db = None,
) -> None:
    """Confirm or change a story's company values and themes (a new revision).

    Example: starl story tag churn-model-failed --value amazon:dive-deep --value amazon:ownership
    """
    from dataclasses import replace

    from starl.store.models import content_of
    from starl.stories import resolve_values

    store = open_store(db)
    story = store.get_story(story_id)
    refs = resolve_values(values or [])
    new_values = (
        tuple(story.values) + tuple(refs) if add else tuple(refs) if values else story.values
    )
    new_themes = (
        tuple(story.themes) + tuple(themes or ())
        if add
        else tuple(themes)
        if themes
        else story.themes
    )
    saved = store.save_story(
        story.id,
        replace(content_of(story), values=new_values, themes=new_themes),
        note="tags changed",
    )
    console.print(f"{saved.id}: values {', '.join(saved.values) or '(none)'}")
    console.print(f"{saved.id}: themes {', '.join(saved.themes) or '(none)'}")


@app.command("rm")
@user_errors
def rm(story_ids: Annotated[list[str], typer.Argument(help="story ids")], db: Db = None) -> None:
    """Move stories to the trash (restore them with `starl story restore`).

    Example: starl story rm churn-model-failed
    """
    store = open_store(db)
    for story_id in story_ids:
        store.trash_story(story_id)
        console.print(f"moved {story_id} to the trash; undo with: starl story restore {story_id}")


@app.command("restore")
@user_errors
def restore(
    story_id: StoryId,
    revision: Annotated[
        int | None, typer.Option("--revision", "-r", help="make this old revision current")
    ] = None,
    db: Db = None,
) -> None:
    """Bring a story back from the trash, or (with --revision) restore an older revision.

    Example: starl story restore churn-model-failed --revision 2
    """
    store = open_store(db)
    if revision is None:
        story = store.restore_story(story_id)
        console.print(f"restored {story.id} from the trash")
    else:
        story = store.revert(story_id, revision)
        console.print(
            f"{story.id}: revision {revision} is current again (saved as revision {story.revision})"
        )


@app.command("history")
@user_errors
def history(story_id: StoryId, db: Db = None, as_json: Json = False) -> None:
    """List a story's revisions: when each was saved, why, and its length.

    Example: starl story history churn-model-failed
    """
    from rich.table import Table

    revisions = open_store(db).history(story_id)
    if as_json:
        emit_json([r.to_dict() for r in revisions])
        return
    table = Table(title=f"History of {story_id}", title_justify="left")
    for column in ("rev", "saved", "note", "words", "title"):
        table.add_column(column)
    for rev in revisions:
        saved = rev.saved_at.strftime("%Y-%m-%d %H:%M") if rev.saved_at else ""
        table.add_row(str(rev.number), saved, rev.note, str(rev.words()), rev.title)
    console.print(table)


@app.command("diff")
@user_errors
def diff(
    story_id: StoryId,
    rev_a: Annotated[int, typer.Argument(help="older revision number")],
    rev_b: Annotated[int | None, typer.Argument(help="newer revision (default: current)")] = None,
    db: Db = None,
) -> None:
    """Show what changed between two revisions of a story (a unified diff).

    Example: starl story diff churn-model-failed 1 3
    """
    from rich.text import Text

    from starl.stories import diff_drafts

    store = open_store(db)
    old = store.revision(story_id, rev_a)
    new = store.revision(
        story_id, rev_b if rev_b is not None else store.get_story(story_id).revision
    )
    patch = diff_drafts(old, new, f"{story_id}@{old.number}", f"{story_id}@{new.number}")
    if not patch:
        console.print(f"revisions {old.number} and {new.number} are identical")
        return
    for line in patch.splitlines():
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else None
        console.print(Text(line, style=style or ""))


# -- helpers -------------------------------------------------------------------------
def read_text(source: str) -> str:
    from starl.cli.analyze import read_answer

    text = read_answer(source)
    if not text.strip():
        raise fail(
            f"{'standard input' if source == '-' else source} is empty; write the story first"
        )
    return text


def _content(draft: Any) -> dict[str, Any]:
    return {"title": draft.title, **draft.parts(), "themes": draft.themes, "values": draft.values}


def story_summary(story: Story) -> dict[str, Any]:
    from starl.timing import estimate_seconds

    words = story.words()
    return {
        "id": story.id,
        "title": story.title,
        "words": words,
        "seconds": estimate_seconds(words),
        "parts": [p for p, t in story.parts().items() if t.strip()],
        "themes": list(story.themes),
        "values": list(story.values),
        "revision": story.revision,
        "updated_at": story.to_dict()["updated_at"],
        "trashed": story.trashed,
    }


def parts_badge(story: Story) -> Text:
    from rich.text import Text

    from starl.cli.render import COMPONENT_STYLES

    badge = Text()
    for part, text in story.parts().items():
        letter = part[0].upper()
        badge.append(
            letter if text.strip() else "·", style=COMPONENT_STYLES[part] if text.strip() else "dim"
        )
    return badge


def story_timing(draft: StoryDraft) -> Table:
    from starl.cli.render import timing_table
    from starl.knowledge import load_knowledge

    framework = load_knowledge().framework
    timings = framework.time_components(draft_words(draft))
    title = f"Timing at {framework.words_per_minute} words a minute"
    return timing_table({t.component: t for t in timings}, title)


def draft_words(draft: StoryDraft) -> dict[str, int]:
    from starl.timing import count_words

    return {part: count_words(text) for part, text in draft.parts().items()}


def run_editor(path: Path) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        completed = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except FileNotFoundError:
        raise fail(f"editor '{editor}' not found; set $EDITOR (e.g. EDITOR=nano)") from None
    if completed.returncode != 0:
        raise fail(f"the editor exited with status {completed.returncode}; nothing was saved")


def interactive_draft(title: str | None) -> StoryDraft:
    """Prompt for a title and each part, showing words and seconds against the target live."""
    from starl.cli.prompts import prompt_story

    return prompt_story(title)
