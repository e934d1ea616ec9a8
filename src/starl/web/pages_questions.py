"""The question bank with filters, and one question with its model answer and your stories."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from starl.web.app import render
from starl.web.helpers import model_answer_chart, store, value_names

router = APIRouter()


def filtered(
    company: str | None, value: str | None, theme: str | None, q: str | None, kind: str | None
) -> list[object]:
    from starl.knowledge import load_knowledge

    return list(
        load_knowledge().find_questions(
            company=company or None,
            value=value or None,
            theme=theme or None,
            search=q or None,
            kind=kind or None,
        )
    )


@router.get("/questions", response_class=HTMLResponse)
def questions(
    request: Request,
    company: str | None = None,
    value: str | None = None,
    theme: str | None = None,
    q: str | None = None,
    kind: str | None = None,
) -> HTMLResponse:
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    found = filtered(company, value, theme, q, kind)
    found.sort(key=lambda x: (x.source != "reference", x.id))  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "nav": "questions",
        "questions": found,
        "filters": {"company": company, "value": value, "theme": theme, "q": q, "kind": kind},
        "themes": sorted(kb.themes.values(), key=lambda t: t.name),
        "value_names": value_names(),
        "total": len(kb.questions),
    }
    if request.headers.get("hx-request"):
        return render(request, "_question_list.html", **context)
    return render(request, "questions.html", **context)


@router.get("/questions/{question_id}", response_class=HTMLResponse)
def question(request: Request, question_id: str) -> HTMLResponse:
    from starl.knowledge import load_knowledge
    from starl.storymatch import question_target, rank_stories

    kb = load_knowledge()
    chosen = kb.question(question_id)
    stories = store(request).list_stories()
    ranked = rank_stories(question_target(question_id=chosen.id), stories)[:3]
    model = None
    if chosen.model_answer:
        model = {
            "segments": chosen.model_answer,
            "chart": model_answer_chart(chosen),
        }
    return render(
        request,
        "question.html",
        nav="questions",
        question=chosen,
        themes=[kb.themes[t] for t in chosen.themes],
        value_names=value_names(),
        model=model,
        ranked=ranked,
        story_count=len(stories),
    )
