"""Web app figures: server time per page with 100 stories and 1,000 practice attempts.

Run by `make bench`. Times come from the app's Server-Timing header (time inside the
app, from the first middleware to the response), over repeated in-process requests.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from training.corpus import load_raw  # noqa: E402

from store import corpus_stories  # noqa: E402

STORIES = 100
ATTEMPTS = 1000
RUNS = 30


def seeded_attempts(count: int) -> list:
    """Practice attempts with real analyses of corpus answers, spread over a year."""
    import random
    from datetime import UTC, datetime, timedelta

    from starl.analysis.analyze import analyze
    from starl.store.models import Attempt

    answers = [a for a in load_raw() if a.question_id][:250]
    analyses = {a.id: analyze(a.text, question=a.question_id).to_dict() for a in answers}
    rng = random.Random(11)
    start = datetime(2025, 12, 1, tzinfo=UTC)
    attempts = []
    for i in range(count):
        answer = rng.choice(answers)
        analysis = analyses[answer.id]
        attempts.append(
            Attempt(
                id=0,
                question_id=answer.question_id,
                question_text=answer.question_id or "",
                company=None,
                answer=answer.text,
                analysis=analysis,
                score=analysis["score"],
                seconds_taken=rng.uniform(80, 150),
                created_at=start + timedelta(hours=8 * i),
            )
        )
    return attempts


def server_ms(response) -> float:
    timing = response.headers["server-timing"]
    return float(timing.split("dur=")[1])


def main() -> None:
    from fastapi.testclient import TestClient

    from starl.web import Settings, create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database_url=f"sqlite:///{tmp}/web.db"))
        store = app.state.store
        store.import_records(corpus_stories(STORIES), seeded_attempts(ATTEMPTS))
        story = store.list_stories()[0]
        attempt = store.attempts()[-1]
        print(
            f"\n== Web app: {store.count_stories()} stories, {len(store.attempts())} attempts; "
            f"server time over {RUNS} requests =="
        )
        with TestClient(app) as client:
            client.get("/")
            token = client.cookies.get("starl_csrf")
            pages = [
                "/",
                "/questions",
                "/questions?company=amazon&q=model",
                "/questions/ml-project-failed",
                "/practice",
                "/practice/q/ml-project-failed",
                f"/practice/attempts/{attempt.id}",
                "/stories",
                "/stories/new",
                f"/stories/{story.id}",
                f"/stories/{story.id}/edit",
                f"/stories/{story.id}/revisions/1",
                "/stories/trash",
                "/coverage/amazon",
                "/history",
                "/history?question=ml-project-failed",
                "/api/questions",
                "/api/stories",
                "/api/coverage/amazon",
                "/docs",
            ]
            worst = 0.0
            for path in pages:
                client.get(path)  # warm: the first view of a page fills the caches
                times = []
                for _ in range(RUNS):
                    response = client.get(path)
                    assert response.status_code == 200, (path, response.status_code)
                    times.append(server_ms(response))
                p95 = statistics.quantiles(times, n=20)[-1]
                worst = max(worst, p95)
                print(
                    f"  GET {path:<44} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms"
                )
            print(f"  slowest page p95: {worst:.1f} ms (target: under 50 ms)")
            answer = next(a.text for a in load_raw() if 280 <= len(a.text.split()) <= 320)
            words = len(answer.split())
            times, api = [], []
            for _ in range(RUNS):
                response = client.post(
                    "/practice/q/ml-project-failed",
                    data={"csrf_token": token, "answer": answer},
                    follow_redirects=False,
                )
                assert response.status_code == 303
                feedback = client.get(response.headers["location"])
                times.append(server_ms(response) + server_ms(feedback))
                api.append(server_ms(client.post("/api/analyze", json={"text": answer})))
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"  feedback for a {words}-word answer (submit + feedback page): "
                f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (target: under 100 ms)"
            )
            print(
                f"  POST /api/analyze, {words} words: p50 {statistics.median(api):.1f} ms, "
                f"p95 {statistics.quantiles(api, n=20)[-1]:.1f} ms"
            )


if __name__ == "__main__":
    main()
