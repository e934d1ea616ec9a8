"""Home (readiness per target company), coverage and history pages."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from starl.web.app import render
from starl.web.charts import sparkline_svg, trend_chart
from starl.web.helpers import store
from starl.web.security import check_csrf

router = APIRouter()
DEFAULT_TARGETS = ["amazon"]


def targets(request: Request) -> list[str]:
    from starl.knowledge import load_knowledge

    known = load_knowledge().companies
    chosen = store(request).get_setting("targets", DEFAULT_TARGETS)
    return [c for c in chosen if c in known] or DEFAULT_TARGETS


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    from starl.coverage import coverage
    from starl.knowledge import load_knowledge
    from starl.practice import choose_questions
    from starl.store.store import now

    kb = load_knowledge()
    bank = store(request)
    stories = bank.list_stories()
    attempts = bank.attempts(full=False)
    chosen = targets(request)
    cards = []
    for company_id in chosen:
        company = kb.company(company_id)
        table = coverage(company_id, stories)
        probing = {
            q.id for q in kb.questions.values() if any(c == company_id for c, _ in q.company_values)
        }
        scores = [a.score for a in attempts if a.question_id in probing]
        pick = choose_questions(stories, attempts, company=company_id, count=1, now=now())
        slots = sum(min(len(r.stories), r.required) for r in table.rows)
        needed = sum(r.required for r in table.rows)
        cards.append(
            {
                "company": company,
                "covered": table.covered,
                "value_count": len(table.rows),
                "slots": slots,
                "needed": needed,
                "readiness": round(100 * slots / needed) if needed else 0,
                "stories": len({s for r in table.rows for s in r.stories}),
                "attempts": len(scores),
                "spark": sparkline_svg(scores[-20:]),
                "next": kb.question(pick[0].question_id) if pick else None,
                "reason": pick[0].reason if pick else "",
            }
        )
    return render(
        request,
        "home.html",
        nav="home",
        cards=cards,
        targets=chosen,
        story_count=len(stories),
        attempt_count=len(attempts),
        trend=trend_chart([a.score for a in attempts[-30:]], title="Your last 30 practice scores"),
    )


@router.post("/settings/targets", dependencies=[Depends(check_csrf)])
def set_targets(request: Request) -> RedirectResponse:
    from starl.knowledge import load_knowledge

    form: Any = request.state.form
    known = load_knowledge().companies
    chosen = [c for c in known if form.get(f"target-{c}")]
    store(request).set_setting("targets", chosen or DEFAULT_TARGETS)
    return RedirectResponse("/", status_code=303)


@router.get("/coverage", response_class=HTMLResponse)
def coverage_index(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/coverage/{targets(request)[0]}", status_code=303)


@router.get("/coverage/{company_id}", response_class=HTMLResponse)
def coverage_page(request: Request, company_id: str) -> HTMLResponse:
    from starl.coverage import coverage
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    company = kb.company(company_id)
    stories = store(request).list_stories()
    table = coverage(company.id, stories)
    used = [s for s in stories if any(s.id in r.stories for r in table.rows)]
    questions = {qid: kb.question(qid) for r in table.rows for qid in r.questions}
    return render(
        request,
        "coverage.html",
        nav="coverage",
        company=company,
        table=table,
        stories=used,
        all_stories=len(stories),
        questions=questions,
    )


@router.get("/history", response_class=HTMLResponse)
def history(request: Request, question: str | None = None) -> HTMLResponse:
    from starl.knowledge import load_knowledge
    from starl.practice import trend

    kb = load_knowledge()
    if question:
        question = kb.question(question).id
    attempts = store(request).attempts(question_id=question or None, full=False)
    grouped: dict[str, list[Any]] = defaultdict(list)
    for attempt in attempts:
        grouped[attempt.question_id or attempt.question_text[:60]].append(attempt)
    rows = sorted(
        (
            {
                "question_id": qid,
                "text": items[-1].question_text,
                "attempts": len(items),
                "last": items[-1].score,
                "best": max(a.score for a in items),
                "trend": trend([a.score for a in items]),
                "spark": sparkline_svg([a.score for a in items]),
                "last_at": items[-1].created_at,
            }
            for qid, items in grouped.items()
        ),
        key=lambda r: r["last_at"],
        reverse=True,
    )
    chart_title = f"Scores for {question}" if question else "All practice scores"
    return render(
        request,
        "history.html",
        nav="history",
        rows=rows,
        attempts=attempts[::-1][:50],
        question=question,
        chart=trend_chart(
            [a.score for a in attempts[-60:]],
            [a.created_at.strftime("%d %b") for a in attempts[-60:]],
            title=chart_title,
        ),
    )
