"""Stories as files: the Markdown form people write and the JSON form scripts read.

Markdown: a `# Title` line, optional YAML front matter fenced by `---` lines, then one
`## Situation`, `## Task`, `## Action`, `## Result` and `## Lesson` section each; a file
may hold several stories. Writing then reading gives back the same stories, so an
export imported into an empty store exports identically.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from starl.errors import StarlError
from starl.store.models import PARTS, Attempt, Revision, Story, StoryDraft, iso
from starl.store.store import StoryRecord

FORMAT_NAME = "starl-stories"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5_000_000
SECTION_NAMES = {
    "situation": "situation",
    "context": "situation",
    "background": "situation",
    "task": "task",
    "action": "action",
    "actions": "action",
    "result": "result",
    "results": "result",
    "outcome": "result",
    "lesson": "lesson",
    "lessons": "lesson",
    "learning": "lesson",
    "learnings": "lesson",
}
FRONT_MATTER_KEYS = {"id", "themes", "values", "created", "updated", "trashed"}


class StoryFileError(StarlError):
    """A story file that cannot be read; the message names the file and line."""


@dataclass
class StoryBundle:
    """What a file holds: stories, and (in a full JSON backup) practice attempts."""

    stories: list[StoryRecord] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)


# -- Markdown ----------------------------------------------------------------------------
def to_markdown(stories: Iterable[Story]) -> str:
    return "\n".join(_story_markdown(story) for story in stories)


def _story_markdown(story: Story) -> str:
    front: dict[str, Any] = {"id": story.id}
    if story.themes:
        front["themes"] = list(story.themes)
    if story.values:
        front["values"] = list(story.values)
    front["created"] = iso(story.created_at)
    front["updated"] = iso(story.updated_at)
    if story.trashed_at:
        front["trashed"] = iso(story.trashed_at)
    lines = [f"# {story.title}", "", "---"]
    for key, value in front.items():
        rendered = "[" + ", ".join(value) + "]" if isinstance(value, list) else value
        lines.append(f"{key}: {rendered}")
    lines += ["---", ""]
    for part in PARTS:
        lines += [f"## {part.capitalize()}", ""]
        text = getattr(story, part)
        if text:
            lines += [_escape(line) for line in text.splitlines()] + [""]
    return "\n".join(lines)


def _escape(line: str) -> str:
    """A line of story text that would read as a heading or fence gets a backslash."""
    return "\\" + line if line.startswith(("#", "---", "\\")) else line


def _unescape(line: str) -> str:
    return line[1:] if line.startswith("\\") else line


def parse_markdown(text: str, source: str = "<text>") -> list[StoryRecord]:
    """Stories from Markdown; a StoryFileError naming `source` and the line if malformed."""
    records: list[StoryRecord] = []
    lines = text.splitlines()
    current: dict[str, Any] | None = None
    section: str | None = None
    i = 0

    def where(n: int) -> str:
        return f"{source}:{n + 1}"

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if line.startswith("# "):
            if current:
                records.append(_record(current, source))
            current = {"title": line[2:].strip(), "line": i, "parts": {}, "front": {}}
            section = None
            i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
            if i < len(lines) and lines[i].strip() == "---":
                i = _front_matter(lines, i, current, where)
            continue
        if current is None:
            if stripped:
                raise StoryFileError(f"{where(i)}: expected a '# Title' line before the story text")
            i += 1
            continue
        if line.startswith("## "):
            name = line[3:].strip().rstrip(":").lower()
            part = SECTION_NAMES.get(name)
            if part is None:
                raise StoryFileError(
                    f"{where(i)}: unknown section '## {line[3:].strip()}'; use ## Situation, "
                    "## Task, ## Action, ## Result or ## Lesson"
                )
            if part in current["parts"]:
                raise StoryFileError(f"{where(i)}: a second '## {part.capitalize()}' section")
            current["parts"][part] = []
            section = part
        elif section is None:
            if stripped:
                raise StoryFileError(
                    f"{where(i)}: text before the first section; start it with '## Situation'"
                )
        else:
            current["parts"][section].append(_unescape(line))
        i += 1
    if current:
        records.append(_record(current, source))
    if not records:
        raise StoryFileError(f"{source}: no stories found; a story starts with a '# Title' line")
    return records


def _front_matter(lines: list[str], start: int, current: dict[str, Any], where: Any) -> int:
    import yaml

    end = next((j for j in range(start + 1, len(lines)) if lines[j].strip() == "---"), None)
    if end is None:
        raise StoryFileError(f"{where(start)}: front matter opened with '---' is never closed")
    try:
        data = yaml.safe_load("\n".join(lines[start + 1 : end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = start + 1 + (mark.line if mark else 0)
        raise StoryFileError(f"{where(line)}: front matter is not valid YAML") from None
    if not isinstance(data, dict):
        raise StoryFileError(f"{where(start)}: front matter must be 'key: value' lines")
    unknown = sorted(set(map(str, data)) - FRONT_MATTER_KEYS)
    if unknown:
        raise StoryFileError(
            f"{where(start)}: unknown front matter key '{unknown[0]}'; "
            f"allowed: {', '.join(sorted(FRONT_MATTER_KEYS))}"
        )
    current["front"] = data
    current["front_line"] = start
    return end + 1


def _record(current: dict[str, Any], source: str) -> StoryRecord:
    line = current.get("front_line", current["line"]) + 1
    where = f"{source}:{line}"
    front = current["front"]
    if not current["title"]:
        raise StoryFileError(f"{source}:{current['line'] + 1}: the '# ' title line is empty")
    parts = {part: "\n".join(text).strip() for part, text in current["parts"].items()}
    if not any(parts.values()):
        raise StoryFileError(
            f"{source}:{current['line'] + 1}: story '{current['title']}' has no STARL sections "
            "with text; add ## Situation, ## Task, ## Action, ## Result, ## Lesson"
        )
    draft = StoryDraft.from_parts(
        current["title"],
        parts,
        _string_list(front.get("themes"), "themes", where),
        _values(front.get("values"), where),
    )
    return StoryRecord(
        draft=draft,
        id=_story_id(front.get("id"), where),
        created_at=_moment(front.get("created"), "created", where),
        updated_at=_moment(front.get("updated"), "updated", where),
        trashed_at=_moment(front.get("trashed"), "trashed", where),
    )


# -- JSON --------------------------------------------------------------------------------
def to_json(
    stories: Sequence[Story],
    revisions: dict[str, list[Revision]] | None = None,
    attempts: Sequence[Attempt] | None = None,
) -> str:
    """The JSON form; with `revisions` and `attempts` it is a full backup."""
    items = []
    for story in stories:
        item = {k: v for k, v in story.to_dict().items() if k not in {"words", "revision"}}
        if not story.trashed_at:
            item.pop("trashed_at")
        if revisions is not None:
            item["revisions"] = [
                {k: v for k, v in r.to_dict().items() if k not in {"story_id", "words"}}
                for r in revisions.get(story.id, [])
            ]
        items.append(item)
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "stories": items}
    if attempts is not None:
        document["attempts"] = [a.to_dict() for a in attempts]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_json(text: str, source: str = "<json>") -> StoryBundle:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoryFileError(f"{source}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict) and "stories" in data:
        if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
            raise StoryFileError(
                f"{source}: format version {data.get('version')} is newer than this starl reads"
            )
        items, attempt_items = data["stories"], data.get("attempts") or []
    elif isinstance(data, list):
        items, attempt_items = data, []
    elif isinstance(data, dict):
        items, attempt_items = [data], []
    else:
        raise StoryFileError(f"{source}: expected a story object, a list of them, or an export")
    if not isinstance(items, list) or not isinstance(attempt_items, list):
        raise StoryFileError(f"{source}: 'stories' and 'attempts' must be lists")
    bundle = StoryBundle()
    for n, item in enumerate(items, 1):
        where = f"{source}: story {n}"
        if not isinstance(item, dict):
            raise StoryFileError(f"{where}: expected an object with title and STARL parts")
        bundle.stories.append(_json_story(item, where))
    for n, item in enumerate(attempt_items, 1):
        bundle.attempts.append(_json_attempt(item, f"{source}: attempt {n}"))
    return bundle


def _json_story(item: dict[str, Any], where: str) -> StoryRecord:
    allowed = {"id", "title", *PARTS, "themes", "values", "created_at", "updated_at",
               "trashed_at", "revisions", "revision", "words"}  # fmt: skip
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise StoryFileError(f"{where}: unknown field '{unknown[0]}'")
    draft = _json_draft(item, where)
    revisions = []
    for k, rev in enumerate(item.get("revisions") or [], 1):
        if not isinstance(rev, dict) or not isinstance(rev.get("number"), int):
            raise StoryFileError(f"{where}, revision {k}: expected an object with a number")
        revisions.append(
            Revision(
                **_json_draft(rev, f"{where}, revision {k}").__dict__,
                number=rev["number"],
                saved_at=_moment(rev.get("saved_at"), "saved_at", where),
                note=str(rev.get("note") or ""),
            )
        )
    return StoryRecord(
        draft=draft,
        id=_story_id(item.get("id"), where),
        created_at=_moment(item.get("created_at"), "created_at", where),
        updated_at=_moment(item.get("updated_at"), "updated_at", where),
        trashed_at=_moment(item.get("trashed_at"), "trashed_at", where),
        revisions=revisions,
    )


def _json_draft(item: dict[str, Any], where: str) -> StoryDraft:
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        raise StoryFileError(f"{where}: 'title' must be non-empty text")
    parts = {}
    for part in PARTS:
        value = item.get(part) or ""
        if not isinstance(value, str):
            raise StoryFileError(f"{where}: '{part}' must be text")
        parts[part] = value
    return StoryDraft(
        title=title,
        **parts,
        themes=_string_list(item.get("themes"), "themes", where),
        values=_values(item.get("values"), where),
    )


def _json_attempt(item: Any, where: str) -> Attempt:
    if not isinstance(item, dict):
        raise StoryFileError(f"{where}: expected an object")
    try:
        moment = _moment(item.get("created_at"), "created_at", where)
        return Attempt(
            id=0,
            question_id=item.get("question_id"),
            question_text=str(item["question_text"]),
            company=item.get("company"),
            answer=str(item["answer"]),
            analysis=dict(item.get("analysis") or {}),
            score=int(item.get("score") or 0),
            seconds_taken=item.get("seconds_taken"),
            created_at=moment or datetime.fromtimestamp(0).astimezone(),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StoryFileError(f"{where}: missing or bad field {exc}") from None


# -- reading files -----------------------------------------------------------------------
def read_story_file(path: Path) -> StoryBundle:
    """A Markdown or JSON story file, checked whole before anything is imported."""
    from starl.textfile import TextFileError, read_text

    try:
        text = read_text(path, max_bytes=MAX_FILE_BYTES, too_big_hint="split it into smaller files")
    except TextFileError as exc:
        raise StoryFileError(str(exc)) from None
    if not text.strip():
        raise StoryFileError(f"{path}: is empty")
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        return parse_json(text, str(path))
    return StoryBundle(stories=parse_markdown(text, str(path)))


def looks_like_markdown_stories(text: str) -> bool:
    """True when text is in the Markdown story form (a title and ## sections)."""
    return bool(re.search(r"^# \S", text, re.M) and re.search(r"^## \w", text, re.M))


# -- field checks ------------------------------------------------------------------------
def _string_list(value: Any, name: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise StoryFileError(f"{where}: '{name}' must be a list of words")
    return tuple(v for v in value if v)


def _values(value: Any, where: str) -> tuple[str, ...]:
    from starl.stories import resolve_values

    try:
        return resolve_values(_string_list(value, "values", where))
    except StarlError as exc:
        raise StoryFileError(f"{where}: {exc}") from None


def _story_id(value: Any, where: str) -> str | None:
    from starl.store.store import STORY_ID

    if value is None:
        return None
    if not isinstance(value, str) or not STORY_ID.match(value):
        raise StoryFileError(
            f"{where}: id '{value}' is not valid; use lower-case letters, digits and dashes"
        )
    return value


def _moment(value: Any, name: str, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            raise StoryFileError(
                f"{where}: '{name}' is not a date and time like 2026-03-01T09:30:00+00:00"
            ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.replace(microsecond=0)
