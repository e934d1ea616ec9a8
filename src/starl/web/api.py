"""The JSON API: the same data as the pages, documented at /docs (OpenAPI).

POST bodies must be JSON (`Content-Type: application/json`), which a cross-site form
cannot send, so the API needs no CSRF token.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from starl.errors import UnknownIdError
from starl.web.helpers import MAX_FIELD_CHARS, store

router = APIRouter(prefix="/api", tags=["api"])


class AnalyzeRequest(BaseModel):
    text: str = Field(max_length=50_000, description="the answer: typed, bulleted or a transcript")
    question: str | None = Field(default=None, description="a question id, if known")
    wpm: int = Field(default=150, ge=60, le=300, description="speaking rate for the timing")


class StoryIn(BaseModel):
    title: str | None = Field(default=None, max_length=200)
    situation: str = Field(default="", max_length=MAX_FIELD_CHARS)
    task: str = Field(default="", max_length=MAX_FIELD_CHARS)
    action: str = Field(default="", max_length=MAX_FIELD_CHARS)
    result: str = Field(default="", max_length=MAX_FIELD_CHARS)
    lesson: str = Field(default="", max_length=MAX_FIELD_CHARS)
    text: str | None = Field(
        default=None, max_length=50_000, description="a whole answer to split instead of parts"
    )
    themes: list[str] = Field(default_factory=list, max_length=20)
    values: list[str] = Field(default_factory=list, max_length=40, description="company:value")


@contextmanager
def body_ids() -> Iterator[None]:
    """An unknown id inside a request body is a bad request (422), not a missing page."""
    try:
        yield
    except UnknownIdError as exc:
        raise HTTPException(422, str(exc)) from None


@router.post("/analyze")
def analyze(body: AnalyzeRequest) -> dict[str, Any]:
    """Analyze one answer: the object `starl analyze --json` prints."""
    from starl.analysis.analyze import analyze as run

    with body_ids():
        return run(body.text, question=body.question, wpm=body.wpm).to_dict()


@router.get("/questions")
def questions(
    company: str | None = None,
    value: str | None = None,
    theme: str | None = None,
    q: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """The question bank, filtered like the Questions page."""
    from starl.web.pages_questions import filtered

    return [question.model_dump() for question in filtered(company, value, theme, q, kind)]  # type: ignore[attr-defined]


@router.get("/questions/{question_id}")
def question(question_id: str) -> dict[str, Any]:
    from starl.knowledge import load_knowledge

    data: dict[str, Any] = load_knowledge().question(question_id).model_dump()
    return data


@router.get("/stories")
def stories(request: Request, trashed: bool = False) -> list[dict[str, Any]]:
    return [s.to_dict() for s in store(request).list_stories(trashed=trashed)]


@router.post("/stories", status_code=201)
def create_story(body: StoryIn, request: Request) -> dict[str, Any]:
    """Save a story from its parts, or from `text` split by the analyzer. Values and themes
    are suggested when none are given."""
    from starl.store import StoryDraft
    from starl.stories import resolve_values, split_text, with_suggested_tags

    with body_ids():
        values = resolve_values(body.values)
    if body.text:
        draft = split_text(body.text, body.title).draft
    else:
        draft = StoryDraft(
            title=body.title or "",
            situation=body.situation,
            task=body.task,
            action=body.action,
            result=body.result,
            lesson=body.lesson,
        )
    draft = StoryDraft.from_parts(draft.title, draft.parts(), body.themes, values)
    story = store(request).add_story(with_suggested_tags(draft))
    created: dict[str, Any] = story.to_dict()
    return created


@router.get("/stories/{story_id}")
def story(story_id: str, request: Request) -> dict[str, Any]:
    bank = store(request)
    data: dict[str, Any] = bank.get_story(story_id).to_dict()
    data["revisions"] = [r.to_dict() for r in bank.history(story_id)]
    return data


@router.get("/coverage/{company}")
def coverage(company: str, request: Request, required: int | None = None) -> dict[str, Any]:
    """One row per company value: `value_id`, `required`, `stories` (ids)."""
    from starl.coverage import coverage as compute

    if required is not None and required < 1:
        raise HTTPException(422, "required must be at least 1")
    return compute(company, store(request).list_stories(), required).to_dict()


@router.get("/match")
def match(
    request: Request, question_id: str | None = None, text: str | None = None
) -> dict[str, Any]:
    """Your stories ranked for a question id or a typed question, with reasons."""
    from starl.storymatch import question_target, rank_stories

    if bool(question_id) == bool(text and text.strip()):
        raise HTTPException(422, "give question_id or text (one of them)")
    target = question_target(text, question_id)
    ranked = rank_stories(target, store(request).list_stories())
    return {
        "question": target.text,
        "question_id": target.question_id,
        "stories": [m.to_dict() for m in ranked],
    }


@router.get("/history")
def history(request: Request, question: str | None = None) -> dict[str, Any]:
    """Practice attempts (without their full analyses) and the score trend."""
    from starl.practice import trend

    attempts = store(request).attempts(question_id=question, full=False)
    scores = [a.score for a in attempts]
    return {
        "attempts": [
            {k: v for k, v in a.to_dict().items() if k not in {"analysis", "answer"}}
            for a in attempts
        ],
        "scores": scores,
        "trend": trend(scores),
    }
