"""Every page and API route of the web app, in-process over HTTP with a real SQLite file."""

from __future__ import annotations

import json
import re

import pytest
from tests.conftest import csrf_of

STORY = {
    "title": "The churn model that failed in production",
    "situation": "At a streaming startup our churn model scored AUC 0.86 offline but was no "
    "better than random two weeks after launch.",
    "task": "I owned the model end to end, so finding out why was mine.",
    "action": "I compared training features with what serving logged, found a feature six days "
    "stale, rebuilt it from the event stream, retrained and added a parity check.",
    "result": "Top-decile precision went from 11% to 34%.",
    "lesson": "I now test for training-serving skew before launch.",
}


def form(client, **fields):
    return {"csrf_token": csrf_of(client), **fields}


def add_story(client, **overrides) -> str:
    data = form(client, **{**STORY, **overrides})
    response = client.post("/stories", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[1]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "Your interview readiness"),
        ("/questions", "Tell me about an ML project that failed."),
        ("/questions?company=meta&theme=speed", "shipped a rough first version"),
        ("/questions/ml-project-failed", "Model answer"),
        ("/practice", "A mock interview"),
        ("/practice/q/tight-deadline", "Your answer"),
        ("/stories", "No stories yet"),
        ("/stories/new", "Paste a whole answer"),
        ("/stories/trash", "The trash is empty."),
        ("/coverage/amazon", "Customer Obsession"),
        ("/history", "No practice yet"),
        ("/docs", "swagger-ui"),
    ],
)
def test_every_page_renders(web, path: str, expected: str) -> None:
    response = web.get(path)
    assert response.status_code == 200, response.text[:500]
    assert expected in response.text
    assert "Traceback" not in response.text


def test_pages_use_only_local_assets(web) -> None:
    for path in ("/", "/docs", "/questions/ml-project-failed"):
        html = web.get(path).text
        assert not re.search(r"""(src|href)=["']https?://""", html), path
    assert web.get("/static/htmx.min.js").status_code == 200
    assert web.get("/static/swagger-ui-bundle.js").status_code == 200


def test_question_filters_answer_htmx_with_just_the_list(web) -> None:
    partial = web.get("/questions?q=deadline", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.text and "tight deadline" in partial.text
    none = web.get("/questions?q=zebra+giraffe", headers={"HX-Request": "true"})
    assert "No question matches" in none.text


def test_practice_submit_gives_coloured_feedback_with_a_chart(web, answer_text) -> None:
    page = web.get("/practice/q/ml-project-failed")
    assert 'name="csrf_token"' in page.text and "data-timer" in page.text
    response = web.post(
        "/practice/q/ml-project-failed",
        data=form(web, answer=answer_text("prose"), seconds="101.5", next="tight-deadline"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    feedback = web.get(response.headers["location"])
    html = feedback.text
    for component in ("situation", "task", "action", "result", "lesson"):
        assert f"seg seg-{component}" in html
    assert "<svg" in html and 'data-component="action"' in html
    assert "Save as story" in html and "Try again" in html and "Next question" in html
    assert "you took 102 s" in html
    history = web.get("/api/history").json()
    assert len(history["attempts"]) == 1 and history["attempts"][0]["seconds_taken"] == 101.5
    assert "ml-project-failed" in web.get("/history").text


def test_a_mock_interview_starts_with_chosen_questions(web) -> None:
    response = web.get("/practice/start?company=amazon&n=3", follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/practice/q/") and "company=amazon" in location
    queue = location.split("next=")[1].split("&")[0].split(",")
    assert len(queue) == 2
    page = web.get(location)
    assert "2 more after this" in page.text
    assert web.get("/practice/start?company=amazn", follow_redirects=False).status_code == 404


def test_an_empty_answer_keeps_the_form_and_says_why(web) -> None:
    response = web.post("/practice/q/ml-project-failed", data=form(web, answer="   "))
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert web.get("/api/history").json()["attempts"] == []


def test_save_a_practice_answer_as_a_story(web, answer_text) -> None:
    done = web.post(
        "/practice/q/ml-project-failed",
        data=form(web, answer=answer_text("prose")),
        follow_redirects=False,
    )
    attempt_id = done.headers["location"].split("/")[-1]
    saved = web.post(
        f"/practice/attempts/{attempt_id}/save", data=form(web), follow_redirects=False
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("/edit")
    stories = web.get("/api/stories").json()
    assert len(stories) == 1 and stories[0]["action"] and stories[0]["situation"]


def test_story_create_edit_history_restore_and_trash(web) -> None:
    story_id = add_story(web)
    page = web.get(f"/stories/{story_id}").text
    assert STORY["title"] in page and "Revision 1" in page
    edited = web.post(
        f"/stories/{story_id}",
        data=form(web, **{**STORY, "result": "Top-decile precision went from 11% to 36%."}),
        follow_redirects=False,
    )
    assert edited.status_code == 303
    diff = web.get(f"/stories/{story_id}/revisions/1").text
    assert "11% to 34%" in diff and "11% to 36%" in diff
    web.post(f"/stories/{story_id}/revisions/1/restore", data=form(web))
    story = web.get(f"/api/stories/{story_id}").json()
    assert story["revision"] == 3 and "34%" in story["result"]
    assert web.get(f"/stories/{story_id}/edit").status_code == 200
    web.post(f"/stories/{story_id}/delete", data=form(web))
    assert web.get("/api/stories").json() == []
    assert STORY["title"] in web.get("/stories/trash").text
    web.post(f"/stories/{story_id}/restore", data=form(web))
    assert len(web.get("/api/stories").json()) == 1


def test_pasting_an_answer_splits_it_into_the_fields(web, answer_text) -> None:
    data = form(web, pasted=answer_text("prose"), title="Fraud model")
    partial = web.post("/stories/split", data=data, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.text
    fields = dict(
        re.findall(r'<textarea id="(\w+)" name="\w+"[^>]*>([^<]*)</textarea>', partial.text)
    )
    assert fields["situation"] and fields["action"] and fields["result"]
    full = web.post("/stories/split", data=data)
    assert "<html" in full.text and 'value="Fraud model"' in full.text


def test_an_invalid_story_keeps_what_was_typed(web) -> None:
    response = web.post("/stories", data=form(web, title="", action="I did the important thing."))
    assert response.status_code == 400
    assert "needs a title" in response.text
    assert "I did the important thing." in response.text


def test_user_text_is_escaped_everywhere(web) -> None:
    story_id = add_story(
        web, title="<script>alert(1)</script> story", action="<img src=x onerror=alert(2)>"
    )
    for path in (f"/stories/{story_id}", "/stories", f"/stories/{story_id}/edit"):
        html = web.get(path).text
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<img src=x" not in html


def test_forms_without_the_csrf_token_are_refused_and_the_text_is_shown(web) -> None:
    response = web.post("/stories", data={**STORY, "csrf_token": "forged"})
    assert response.status_code == 403
    assert "expired or came from another site" in response.text
    assert STORY["action"] in response.text  # nothing typed is lost
    assert web.get("/api/stories").json() == []


def test_request_size_is_limited(web) -> None:
    huge = "word " * 300_000
    response = web.post("/stories", data=form(web, title="Huge", action=huge))
    assert response.status_code == 413
    api = web.post("/api/analyze", json={"text": huge})
    assert api.status_code == 413 and "error" in api.json()


def test_unknown_hosts_are_refused(web) -> None:
    response = web.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_errors_are_friendly_pages_not_tracebacks(web) -> None:
    for path, status in (("/stories/nope", 404), ("/questions/nope", 404), ("/nowhere", 404),
                         ("/practice/attempts/999", 404), ("/coverage/amazn", 404)):  # fmt: skip
        response = web.get(path)
        assert response.status_code == status, path
        assert "Traceback" not in response.text and "<h1>" in response.text
    assert "closest: amazon" in web.get("/coverage/amazn").text


def test_coverage_changes_when_a_story_shows_a_value(web) -> None:
    before = web.get("/api/coverage/google").json()
    row = next(r for r in before["rows"] if r["value_id"] == "collaboration")
    story_id = add_story(web, values=["google:collaboration"], title="Two teams, one feature store")
    after = web.get("/api/coverage/google").json()
    row_after = next(r for r in after["rows"] if r["value_id"] == "collaboration")
    assert row_after["stories"] == sorted({*row["stories"], story_id})
    assert after["covered"] == before["covered"] + 1
    page = web.get("/coverage/google").text
    assert "✓ 1 / 1" in page


def test_home_targets_are_saved(web) -> None:
    web.post("/settings/targets", data=form(web, **{"target-google": "1", "target-meta": "1"}))
    html = web.get("/").text
    assert 'id="card-google"' in html and 'id="card-meta"' in html
    assert 'id="card-amazon"' not in html


# -- JSON API ---------------------------------------------------------------------------
def test_api_analyze_matches_the_cli(web, cli, tmp_path, answer_text) -> None:
    text = answer_text("prose")
    api = web.post("/api/analyze", json={"text": text, "question": "ml-project-failed"})
    assert api.status_code == 200
    path = tmp_path / "a.txt"
    path.write_text(text)
    printed = json.loads(
        cli("analyze", str(path), "--json", "--question", "ml-project-failed").stdout
    )
    assert printed.pop("id") == str(path)  # the CLI names the file it read
    assert api.json() == printed


def test_api_errors_are_json(web) -> None:
    assert web.post("/api/analyze", json={"text": ""}).status_code == 400
    assert "error" in web.post("/api/analyze", json={"text": ""}).json()
    unknown = web.post("/api/analyze", json={"text": "I did it.", "question": "nope"})
    assert unknown.status_code == 422 and "unknown question" in unknown.json()["error"]
    assert web.post("/api/analyze", json={"txt": "x"}).status_code == 422
    plain = web.post(
        "/api/analyze", content=b'{"text": "I did it."}', headers={"Content-Type": "text/plain"}
    )
    assert plain.status_code == 415
    assert web.get("/api/stories/nope").status_code == 404
    assert web.get("/api/coverage/amazon?required=0").status_code == 422


def test_api_questions_stories_coverage_match(web) -> None:
    questions = web.get("/api/questions?company=amazon&value=dive-deep").json()
    assert questions and all("amazon:dive-deep" in q["values"] for q in questions)
    assert web.get("/api/questions/ml-project-failed").json()["model_answer"]
    created = web.post("/api/stories", json=STORY)
    assert created.status_code == 201
    story = created.json()
    assert story["values"], "values are suggested when none are given"
    from_text = web.post(
        "/api/stories", json={"text": " ".join(STORY[p] for p in STORY if p != "title")}
    )
    assert from_text.status_code == 201 and from_text.json()["action"]
    assert len(web.get("/api/stories").json()) == 2
    assert web.get(f"/api/stories/{story['id']}").json()["revisions"][0]["number"] == 1
    rows = web.get("/api/coverage/amazon").json()["rows"]
    assert len(rows) == 16 and {"value_id", "required", "stories"} <= set(rows[0])
    ranked = web.get("/api/match?question_id=ml-project-failed").json()
    assert ranked["stories"][0]["story_id"] == story["id"]
    bad = web.post("/api/stories", json={**STORY, "values": ["amazon:telepathy"]})
    assert bad.status_code == 422 and "unknown value" in bad.json()["error"]


def test_openapi_lists_the_api(web) -> None:
    spec = web.get("/openapi.json").json()
    for route in ("/api/analyze", "/api/questions", "/api/stories", "/api/coverage/{company}"):
        assert route in spec["paths"]


def test_an_internal_error_is_a_friendly_page_that_keeps_the_text(tmp_path, monkeypatch) -> None:
    """A fault injected into the store: the page apologises and shows what was typed."""
    from fastapi.testclient import TestClient

    from starl.store import Store
    from starl.web import Settings, create_app

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'e.db'}"))

    def broken(self, draft, note="created"):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "add_story", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.get("/")
        response = client.post("/stories", data=form(client, **STORY))
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "disk on fire" not in response.text and "Traceback" not in response.text
    assert STORY["action"] in response.text
