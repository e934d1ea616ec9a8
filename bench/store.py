"""Story bank figures: CLI and library times with 200 stories and 1,000 practice attempts.

Run by `make bench`. Builds a throwaway SQLite bank (and a PostgreSQL one when
STARL_TEST_DATABASE_URL is set) from the labelled corpus: real stories, not filler.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.corpus import load_raw  # noqa: E402

from starl.store import Store, StoryDraft  # noqa: E402
from starl.store.models import Attempt  # noqa: E402
from starl.store.store import StoryRecord  # noqa: E402
from starl.stories import suggest_tags  # noqa: E402

STARL = str(Path(sys.executable).parent / "starl")
STORIES = 200
ATTEMPTS = 1000


def corpus_stories(count: int) -> list[StoryRecord]:
    """Typed corpus answers as stories, with the values the analyzer suggests."""
    written = [a for a in load_raw() if a.style in {"prose", "markers", "reordered"}]
    random.Random(3).shuffle(written)
    records = []
    for answer in written[:count]:
        parts: dict[str, list[str]] = {}
        for start, end, label in answer.spans:
            if label != "none":
                parts.setdefault(label, []).append(answer.text[start:end].strip())
        joined = {k: " ".join(v) for k, v in parts.items()}
        themes, values = suggest_tags(answer.text)
        title = " ".join(answer.text.split()[:7])
        records.append(StoryRecord(StoryDraft(title=title, **joined, themes=themes, values=values)))
    return records


def fake_attempts(count: int) -> list[Attempt]:
    from starl import load_knowledge

    ids = sorted(load_knowledge().questions)
    rng = random.Random(5)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    attempts = []
    for i in range(count):
        qid = rng.choice(ids)
        score = rng.randint(30, 95)
        attempts.append(
            Attempt(
                id=0,
                question_id=qid,
                question_text=qid,
                company=rng.choice(["amazon", "google", None]),
                answer=f"practice answer {i}",
                analysis={"score": score},
                score=score,
                seconds_taken=rng.uniform(60, 150),
                created_at=start + timedelta(hours=i),
            )
        )
    return attempts


def cli_median(args: list[str], env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([STARL, *args], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def in_process(label: str, work: Callable[[], object], runs: int = 20) -> None:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    print(f"  {label:<46} median {statistics.median(times) * 1000:7.1f} ms")


def bench_backend(name: str, url: str, records: list[StoryRecord], attempts: list[Attempt]) -> None:
    from starl.coverage import coverage
    from starl.storymatch import question_target, rank_stories

    began = time.perf_counter()
    store = Store(url)
    store.import_records(records, attempts)
    print(
        f"\n== Story bank on {name}: {store.count_stories()} stories, "
        f"{len(store.attempts())} attempts (import {time.perf_counter() - began:.2f} s) =="
    )
    env = {**os.environ, "STARL_DATABASE_URL": url, "COLUMNS": "120"}
    for args in (
        ["story", "list"],
        ["story", "list", "--json"],
        ["coverage", "amazon"],
        ["coverage", "amazon", "--json"],
        ["plan", "amazon", "--json"],
        ["match", "--question", "ml-project-failed", "--json"],
        ["history", "--json"],
        ["export", "--all", "--format", "json"],
    ):
        label = "starl " + " ".join(args)
        print(f"  {label:<46} median {cli_median(args, env) * 1000:7.1f} ms (cold process)")
    target = question_target(question_id="ml-project-failed")
    in_process("Store.list_stories()", store.list_stories)
    in_process("coverage('amazon', stories)", lambda: coverage("amazon", store.list_stories()))
    in_process("rank_stories for one question", lambda: rank_stories(target, store.list_stories()))
    in_process("Store.attempts() (1,000)", store.attempts)
    counter = iter(range(10_000))
    in_process(
        "Store.add_story (one transaction)",
        lambda: store.add_story(StoryDraft(title=f"Bench {next(counter)}", action="I did it.")),
    )
    store.close()


def main() -> None:
    records = corpus_stories(STORIES)
    attempts = fake_attempts(ATTEMPTS)
    with tempfile.TemporaryDirectory() as tmp:
        bench_backend("SQLite", f"sqlite:///{tmp}/bench.db", records, attempts)
    url = os.environ.get("STARL_TEST_DATABASE_URL")
    if url:
        from tests.conftest import reset_postgres

        reset_postgres(url)
        bench_backend("PostgreSQL", url, records, attempts)
    else:
        print("\n(set STARL_TEST_DATABASE_URL to a throwaway database to bench PostgreSQL too)")


if __name__ == "__main__":
    main()
