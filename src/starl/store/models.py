"""What the store hands out: plain dataclasses, no database objects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starl.timing import count_words

PARTS = ("situation", "task", "action", "result", "lesson")


@dataclass(frozen=True)
class StoryDraft:
    """A story's content as the user writes it; the store adds id, revision and dates."""

    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    lesson: str = ""
    themes: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # "company:value-id", e.g. "amazon:dive-deep"

    @classmethod
    def from_parts(
        cls,
        title: str,
        parts: Mapping[str, str],
        themes: Iterable[str] = (),
        values: Iterable[str] = (),
    ) -> StoryDraft:
        """A draft from a title and a {part: text} mapping (missing parts are empty)."""
        return cls(
            title=title,
            situation=parts.get("situation", ""),
            task=parts.get("task", ""),
            action=parts.get("action", ""),
            result=parts.get("result", ""),
            lesson=parts.get("lesson", ""),
            themes=tuple(themes),
            values=tuple(values),
        )

    def parts(self) -> dict[str, str]:
        return {part: getattr(self, part) for part in PARTS}

    def text(self) -> str:
        """The story as one answer, components in STARL order."""
        return " ".join(p.strip() for p in self.parts().values() if p.strip())

    def words(self) -> int:
        return count_words(self.text())


def content_of(draft: StoryDraft) -> StoryDraft:
    """Only the fields a user edits (drops id, dates and revision numbers)."""
    return StoryDraft(
        title=draft.title,
        **draft.parts(),
        themes=tuple(draft.themes),
        values=tuple(draft.values),
    )


@dataclass(frozen=True)
class Story(StoryDraft):
    id: str = ""
    revision: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    trashed_at: datetime | None = None

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            **self.parts(),
            "themes": list(self.themes),
            "values": list(self.values),
            "revision": self.revision,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
            "trashed_at": iso(self.trashed_at),
            "words": self.words(),
        }


@dataclass(frozen=True)
class Revision(StoryDraft):
    story_id: str = ""
    number: int = 1
    saved_at: datetime | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "number": self.number,
            "saved_at": iso(self.saved_at),
            "note": self.note,
            "title": self.title,
            **self.parts(),
            "themes": list(self.themes),
            "values": list(self.values),
            "words": self.words(),
        }


@dataclass(frozen=True)
class Attempt:
    id: int
    question_id: str | None
    question_text: str
    company: str | None
    answer: str
    analysis: dict[str, Any] = field(repr=False)
    score: int
    seconds_taken: float | None
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question_id": self.question_id,
            "question_text": self.question_text,
            "company": self.company,
            "answer": self.answer,
            "score": self.score,
            "seconds_taken": self.seconds_taken,
            "created_at": iso(self.created_at),
            "analysis": self.analysis,
        }


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
