"""Working with stories: split free text into STARL parts, suggest tags, compare revisions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from starl.store.models import PARTS, StoryDraft

VALUE_SUGGESTION_FLOOR = 0.5  # share of the best value's weight a suggestion needs
MAX_SUGGESTED_VALUES = 6


@dataclass(frozen=True)
class SplitStory:
    """A block of free text split by the analyzer, with what was left in no part."""

    draft: StoryDraft
    left_out: tuple[str, ...]


def split_text(text: str, title: str | None = None) -> SplitStory:
    """Split one pasted answer into the five parts with the trained analyzer.

    Runs of one component that are not adjacent are joined in order; preamble and closing
    filler ("Sure, so...") go in no part and are reported in `left_out`.
    """
    from starl.analysis.analyze import analyze

    analysis = analyze(text)
    pieces = [(seg.component, seg.text) for seg in analysis.segments]
    left_out = []
    cursor = 0
    spans = [(seg.start, seg.end) for seg in analysis.segments]
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[cursor:start].strip(" \n\t,.;:-")
        if gap:
            left_out.append(gap)
        cursor = max(cursor, end)
    draft = draft_from_segments(pieces, title, text)
    return SplitStory(draft=draft, left_out=tuple(left_out))


def resolve_values(values: Iterable[str]) -> tuple[str, ...]:
    """`company:value` refs from ids or names ("amazon:Dive Deep"); StarlError if unknown."""
    from starl.errors import StarlError
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    refs: list[str] = []
    for value in values:
        if not value.strip():
            continue
        resolved = kb.company_value(value.strip())
        if len(resolved) > 1:
            raise StarlError(
                f"'{value}' belongs to several companies; write one of {', '.join(resolved)}"
            )
        refs += resolved
    return tuple(dict.fromkeys(refs))


def draft_from_segments(
    segments: Iterable[tuple[str, str]], title: str | None, text: str
) -> StoryDraft:
    """Join labelled runs into the five parts (runs of one part in order, space-separated);
    with no title, the first words of the Situation serve."""
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    for component, piece in segments:
        if component in parts and piece.strip():
            parts[component].append(piece.strip())
    joined = {part: " ".join(pieces) for part, pieces in parts.items()}
    return StoryDraft.from_parts(title or title_from(joined, text), joined)


def title_from(parts: dict[str, str], text: str) -> str:
    """A working title: the first words of the Situation (or of the text)."""
    source = parts.get("situation") or text
    words = source.split()[:8]
    title = " ".join(words).rstrip(",.;:")
    return title + ("..." if len(source.split()) > 8 else "") if title else "Untitled story"


def with_suggested_tags(draft: StoryDraft) -> StoryDraft:
    """The draft with themes and company values the analyzer suggests, where it has none."""
    if draft.themes and draft.values:
        return draft
    themes, values = suggest_tags(draft.text())
    return replace(draft, themes=draft.themes or themes, values=draft.values or values)


def suggest_tags(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Themes of the reference questions the story answers, and the values they probe."""
    from starl.analysis.matching import load_matcher

    if not text.strip():
        return (), ()
    matcher = load_matcher()
    matches, _related, values = matcher.rank(text)
    themes: list[str] = []
    for match in matches[:2]:
        if match.score >= 0.2 or not themes:
            themes += matcher.kb.questions[match.question_id].themes
    refs = [f"{v.company}:{v.value_id}" for v in values if v.score >= VALUE_SUGGESTION_FLOOR][
        :MAX_SUGGESTED_VALUES
    ]
    return tuple(dict.fromkeys(themes)), tuple(refs)


def draft_markdown(draft: StoryDraft) -> str:
    """The Markdown of a story's content alone (what `starl story diff` compares)."""
    lines = [f"# {draft.title}", ""]
    if draft.themes:
        lines.append(f"themes: {', '.join(draft.themes)}")
    if draft.values:
        lines.append(f"values: {', '.join(draft.values)}")
    for part in PARTS:
        lines += ["", f"## {part.capitalize()}", ""]
        lines += getattr(draft, part).splitlines()
    return "\n".join(lines) + "\n"


def diff_drafts(old: StoryDraft, new: StoryDraft, old_name: str, new_name: str) -> str:
    """A unified diff of two versions of a story, line by line of its Markdown."""
    return "".join(
        difflib.unified_diff(
            draft_markdown(old).splitlines(keepends=True),
            draft_markdown(new).splitlines(keepends=True),
            fromfile=old_name,
            tofile=new_name,
        )
    )
