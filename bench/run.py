"""`make bench`: print start-up and browsing figures for the CLI and the knowledge base.

Figures are printed, not asserted: compare them with the targets in the issues.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STARL = str(BIN / "starl")


def timed_runs(args: list[str], runs: int = 7) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    median = statistics.median(times)
    print(f"{label:<44} median {median * 1000:7.1f} ms   max {max(times) * 1000:7.1f} ms")


def main() -> None:
    print("== CLI cold start (fresh process each run) ==")
    report("starl --help", timed_runs([STARL, "--help"]))
    report("starl questions --json", timed_runs([STARL, "questions", "--json"]))
    report("starl question ml-project-failed", timed_runs([STARL, "question", "ml-project-failed"]))
    report("starl company amazon --json", timed_runs([STARL, "company", "amazon", "--json"]))
    report("python -c 'import starl'", timed_runs([sys.executable, "-c", "import starl"]))

    print("\n== Knowledge base, in process ==")
    start = time.perf_counter()
    from starl import load_knowledge

    kb = load_knowledge()
    print(f"{'first load and validation':<44} {(time.perf_counter() - start) * 1000:7.1f} ms")
    start = time.perf_counter()
    for _ in range(1000):
        kb.find_questions(company="amazon", value="dive-deep", search="model")
    per_query = (time.perf_counter() - start) / 1000
    print(f"{'filtered question search':<44} {per_query * 1e6:7.1f} us")
    typed_questions()
    bank = sum(q.source == "bank" for q in kb.questions.values())
    ml = sum(q.ml for q in kb.questions.values())
    print(
        f"\ncontent: {len(kb.questions)} questions ({bank} in the bank, {ml} with an ML flavour), "
        f"{len(kb.companies)} companies, "
        f"{sum(len(c.values) for c in kb.companies.values())} company values, "
        f"{len(kb.themes)} themes"
    )


def typed_questions() -> None:
    """How often a typed question resolves to a known question of the intended theme: on
    the 30 questions the index's floor and weighting were chosen on, and on 40 written
    afterwards by someone who saw neither the question bank nor the index."""
    from starl.questionsearch import FLOOR, load_question_index

    index = load_question_index()
    data = Path(__file__).resolve().parents[1] / "tests" / "data"
    for name, label in (("typed_questions", "tuned on"), ("typed_questions_heldout", "held out")):
        lines = (data / f"{name}.tsv").read_text().splitlines()
        cases = [line.split("\t") for line in lines if line.strip()]
        nearest = [(index.search(text, limit=1)[0], theme.strip()) for text, theme in cases]
        hits = sum(theme in n.question.themes for n, theme in nearest)
        kept = [(n, theme) for n, theme in nearest if n.similarity >= FLOOR]
        kept_hits = sum(theme in n.question.themes for n, theme in kept)
        print(
            f"{f'typed question -> theme, nearest ({label})':<44} {hits}/{len(nearest)}; "
            f"at similarity >= {FLOOR}: {kept_hits}/{len(kept)} (the rest match on words alone)"
        )


if __name__ == "__main__":
    main()
    print()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import analyzer
    import store
    import web

    analyzer.main()
    store.main()
    web.main()
