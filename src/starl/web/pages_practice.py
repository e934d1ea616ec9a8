"""Practice: choose questions, answer one against a two-minute clock, read the feedback."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from starl.web.app import render
from starl.web.helpers import MAX_FIELD_CHARS, analysis_chart, answer_pieces, store, value_names
from starl.web.security import check_csrf

router = APIRouter()
MAX_QUEUE = 20


def _queue(raw: str | None) -> list[str]:
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    ids = [q for q in (raw or "").split(",") if q in kb.questions]
    return ids[:MAX_QUEUE]


@router.get("/practice", response_class=HTMLResponse)
def practice_index(request: Request) -> HTMLResponse:
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    stories = [q for q in kb.questions.values() if q.kind == "story"]
    return render(
        request,
        "practice_start.html",
        nav="practice",
        questions=sorted(stories, key=lambda q: (q.source != "reference", q.text)),
    )


@router.get("/practice/start")
def practice_start(request: Request, company: str | None = None, n: int = 3) -> RedirectResponse:
    from starl.knowledge import load_knowledge
    from starl.practice import choose_questions
    from starl.store.store import now

    kb = load_knowledge()
    company_id = kb.company(company).id if company else None
    bank = store(request)
    picks = choose_questions(
        bank.list_stories(),
        bank.attempts(full=False),
        company=company_id,
        count=max(1, min(n, MAX_QUEUE)),
        now=now(),
    )
    first, rest = picks[0].question_id, [p.question_id for p in picks[1:]]
    suffix = f"?next={','.join(rest)}" if rest else ""
    if company_id:
        suffix += ("&" if suffix else "?") + f"company={company_id}"
    return RedirectResponse(f"/practice/q/{first}{suffix}", status_code=303)


@router.get("/practice/q/{question_id}", response_class=HTMLResponse)
def practice_question(
    request: Request, question_id: str, next: str | None = None, company: str | None = None
) -> HTMLResponse:
    return _question_page(request, question_id, _queue(next), company, "", None)


def _question_page(
    request: Request,
    question_id: str,
    queue: list[str],
    company: str | None,
    answer: str,
    error: str | None,
) -> HTMLResponse:
    from starl.knowledge import load_knowledge
    from starl.practice import PHASES

    question = load_knowledge().question(question_id)
    return render(
        request,
        "practice.html",
        status_code=400 if error else 200,
        nav="practice",
        question=question,
        queue=queue,
        company=company or "",
        answer=answer,
        error=error,
        phases=PHASES,
    )


@router.post("/practice/q/{question_id}", dependencies=[Depends(check_csrf)])
def practice_submit(request: Request, question_id: str) -> Response:
    from starl.analysis.analyze import AnswerError, analyze
    from starl.knowledge import load_knowledge

    form: dict[str, Any] = request.state.form
    question = load_knowledge().question(question_id)
    answer = str(form.get("answer") or "")
    queue = _queue(str(form.get("next") or ""))
    company = str(form.get("company") or "") or None
    if len(answer) > MAX_FIELD_CHARS:
        return _question_page(
            request, question.id, queue, company, answer,
            f"The answer is {len(answer):,} characters; a two-minute answer is about 2,000.",
        )  # fmt: skip
    try:
        analysis = analyze(answer, question=question.id)
    except AnswerError as exc:
        return _question_page(request, question.id, queue, company, answer, str(exc))
    try:
        seconds = float(form.get("seconds") or 0) or None
    except ValueError:
        seconds = None
    attempt = store(request).add_attempt(
        question_text=question.text,
        question_id=question.id,
        company=company,
        answer=answer,
        analysis=analysis.to_dict(),
        seconds_taken=round(seconds, 1) if seconds else None,
    )
    suffix = f"?next={','.join(queue)}" if queue else ""
    return RedirectResponse(f"/practice/attempts/{attempt.id}{suffix}", status_code=303)


@router.get("/practice/attempts/{attempt_id}", response_class=HTMLResponse)
def feedback(request: Request, attempt_id: int, next: str | None = None) -> HTMLResponse:
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    attempt = store(request).get_attempt(attempt_id)
    analysis = attempt.analysis
    queue = _queue(next)
    matches = [
        (kb.questions[m["question_id"]], m["score"])
        for m in analysis.get("matches", [])[:3]
        if m["question_id"] in kb.questions
    ]
    return render(
        request,
        "feedback.html",
        nav="practice",
        attempt=attempt,
        analysis=analysis,
        pieces=answer_pieces(attempt.answer, analysis.get("segments", [])),
        chart=analysis_chart(analysis["components"]),
        matches=matches,
        value_names=value_names(),
        queue=queue,
    )
