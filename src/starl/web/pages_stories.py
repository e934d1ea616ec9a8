"""Stories: list, the editor with live timing, split a pasted answer, history, trash."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from starl.store import StoreError, StoryDraft
from starl.web.app import render
from starl.web.helpers import draft_from_form, draft_timing, mini_bars, store, value_names
from starl.web.security import check_csrf

router = APIRouter()


def _editor(
    request: Request,
    draft: StoryDraft,
    story: Any = None,
    error: str | None = None,
    left_out: tuple[str, ...] = (),
    status_code: int = 200,
) -> HTMLResponse:
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    template = "_story_fields.html" if request.headers.get("hx-request") else "story_edit.html"
    return render(
        request,
        template,
        status_code=status_code,
        nav="stories",
        draft=draft,
        story=story,
        error=error,
        left_out=left_out,
        timing={t["component"]: t for t in draft_timing(draft)},
        specs={c.id: c for c in kb.framework.components},
        companies_values=[(c, [f"{c.id}:{v.id}" for v in c.values]) for c in kb.companies.values()],
        value_names=value_names(),
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request) -> HTMLResponse:
    bank = store(request)
    items = bank.list_stories()
    return render(
        request,
        "stories.html",
        nav="stories",
        stories=items,
        bars={s.id: mini_bars(draft_timing(s)) for s in items},
        trashed=bank.count_stories(trashed=True),
    )


@router.get("/stories/new", response_class=HTMLResponse)
def new_story(request: Request) -> HTMLResponse:
    return _editor(request, StoryDraft(title=""))


@router.post("/stories/split", dependencies=[Depends(check_csrf)])
def split(request: Request) -> HTMLResponse:
    """Split a pasted answer into the five fields (HTMX swaps the fields in place)."""
    from starl.analysis.analyze import AnswerError
    from starl.stories import split_text

    form = request.state.form
    pasted = str(form.get("pasted") or "")
    current = draft_from_form(form)
    try:
        result = split_text(pasted, current.title or None)
    except AnswerError as exc:
        return _editor(request, current, error=str(exc), status_code=400)
    draft = replace(result.draft, themes=current.themes, values=current.values)
    return _editor(request, draft, left_out=result.left_out)


@router.post("/stories", dependencies=[Depends(check_csrf)])
def create(request: Request) -> Response:
    from starl.stories import with_suggested_tags

    draft = draft_from_form(request.state.form)
    try:
        story = store(request).add_story(with_suggested_tags(draft))
    except StoreError as exc:
        return _editor(request, draft, error=str(exc), status_code=400)
    return RedirectResponse(f"/stories/{story.id}", status_code=303)


@router.get("/stories/trash", response_class=HTMLResponse)
def trash(request: Request) -> HTMLResponse:
    return render(
        request, "trash.html", nav="stories", stories=store(request).list_stories(trashed=True)
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    bank = store(request)
    story = bank.get_story(story_id)
    return render(
        request,
        "story.html",
        nav="stories",
        story=story,
        timing=draft_timing(story),
        history=bank.history(story_id)[::-1],
        value_names=value_names(),
    )


@router.get("/stories/{story_id}/edit", response_class=HTMLResponse)
def edit(request: Request, story_id: str) -> HTMLResponse:
    story = store(request).get_story(story_id)
    return _editor(request, story, story=story)


@router.post("/stories/{story_id}", dependencies=[Depends(check_csrf)])
def save(request: Request, story_id: str) -> Response:
    bank = store(request)
    story = bank.get_story(story_id)
    draft = draft_from_form(request.state.form)
    try:
        bank.save_story(story.id, draft)
    except StoreError as exc:
        return _editor(request, draft, story=story, error=str(exc), status_code=400)
    return RedirectResponse(f"/stories/{story.id}", status_code=303)


@router.post("/stories/{story_id}/delete", dependencies=[Depends(check_csrf)])
def delete(request: Request, story_id: str) -> RedirectResponse:
    store(request).trash_story(story_id)
    return RedirectResponse("/stories?trashed=" + story_id, status_code=303)


@router.post("/stories/{story_id}/restore", dependencies=[Depends(check_csrf)])
def restore(request: Request, story_id: str) -> RedirectResponse:
    store(request).restore_story(story_id)
    return RedirectResponse(f"/stories/{story_id}", status_code=303)


@router.get("/stories/{story_id}/revisions/{number}", response_class=HTMLResponse)
def revision(request: Request, story_id: str, number: int) -> HTMLResponse:
    from starl.stories import diff_drafts

    bank = store(request)
    story = bank.get_story(story_id)
    old = bank.revision(story_id, number)
    diff = diff_drafts(old, story, f"revision {number}", f"revision {story.revision} (current)")
    return render(
        request,
        "revision.html",
        nav="stories",
        story=story,
        revision=old,
        diff=diff.splitlines(),
        timing=draft_timing(old),
    )


@router.post("/stories/{story_id}/revisions/{number}/restore", dependencies=[Depends(check_csrf)])
def restore_revision(request: Request, story_id: str, number: int) -> RedirectResponse:
    store(request).revert(story_id, number)
    return RedirectResponse(f"/stories/{story_id}", status_code=303)


@router.post("/practice/attempts/{attempt_id}/save", dependencies=[Depends(check_csrf)])
def save_attempt_as_story(request: Request, attempt_id: int) -> Response:
    """Turn a practice answer into a story, split by its analysis; then edit it."""
    from starl.stories import draft_from_segments, with_suggested_tags

    bank = store(request)
    attempt = bank.get_attempt(attempt_id)
    segments = [(seg["component"], seg["text"]) for seg in attempt.analysis.get("segments", [])]
    draft = draft_from_segments(segments, None, attempt.answer)
    try:
        story = bank.add_story(
            with_suggested_tags(draft), note=f"from practice on {attempt.question_id}"
        )
    except StoreError as exc:
        return _editor(request, draft, error=str(exc), status_code=400)
    return RedirectResponse(f"/stories/{story.id}/edit", status_code=303)
