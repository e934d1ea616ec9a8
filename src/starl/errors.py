"""Errors a user can cause. Each carries a one-line message that says what to do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class StarlError(Exception):
    """Base class for errors shown to the user as one line, never as a traceback."""


class UnknownIdError(StarlError):
    """An id or name that is not in the knowledge base or the store."""

    def __init__(self, kind: str, given: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.given = given
        self.suggestions = closest_matches(given, known)
        hint = (
            f"closest: {', '.join(self.suggestions)}"
            if self.suggestions
            else f"run `starl {kind_listing(kind)}` to see them all"
        )
        super().__init__(f"unknown {kind} '{given}'; {hint}")


class KnowledgeBaseError(StarlError):
    """The built-in content failed validation: a packaging bug, not a user error."""


def closest_matches(given: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known ids nearest to `given`: close spellings first, then ids that contain it."""
    candidates = list(dict.fromkeys(known))
    needle = given.strip().lower()
    close = difflib.get_close_matches(needle, candidates, n=limit, cutoff=0.5)
    containing = [c for c in candidates if needle and needle in c and c not in close]
    return (close + containing)[:limit]


def kind_listing(kind: str) -> str:
    return {
        "question": "questions",
        "company": "companies",
        "theme": "questions --help",
        "value": "company NAME",
        "story": "story list",
        "attempt": "history",
    }.get(kind, "--help")
