"""Analyzer figures on the corpus test split: accuracy, flags, matching, speed.

Run by `make bench` (bench/run.py). The test split is fixed by a hash of each story id
(training/corpus.py) and is never used for training or tuning.
"""

from __future__ import annotations

import itertools
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.corpus import (  # noqa: E402
    CORPUS,
    TYPED,
    Answer,
    load_raw,
    load_splits,
    spoken_with_cuts,
    with_derived,
)
from training.metrics import (  # noqa: E402
    COMPONENTS,
    detection_f1,
    position_baseline,
    word_f1,
)

import starl  # noqa: E402
from starl.analysis.boundaries import load_boundary_model  # noqa: E402
from starl.analysis.flags import FLAG_CODES  # noqa: E402
from starl.analysis.segment import word_labels  # noqa: E402
from starl.analysis.units import split_units, words_of  # noqa: E402


def predicted_labels(analysis: starl.Analysis) -> list[str]:
    return word_labels(analysis.text, [(s.start, s.end, s.component) for s in analysis.segments])


def accuracy(test: list[Answer]) -> dict[str, list[starl.Analysis]]:
    analyses = {a.id: starl.analyze(a.text) for a in test}
    ours = [(a.word_labels(), predicted_labels(analyses[a.id])) for a in test]
    base = [(a.word_labels(), position_baseline(len(a.word_labels()))) for a in test]
    overall, per = word_f1(ours)
    print(
        f"word-level macro-F1 (5 components): {overall:.3f}   position-only baseline: "
        f"{word_f1(base)[0]:.3f}"
    )
    print("  per component: " + "  ".join(f"{c} {v:.3f}" for c, v in per.items()))
    by_style: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(test):
        by_style[a.variant].append(i)
    transcripts = by_style["transcript"] + by_style["transcript-derived"]
    groups = {**by_style, "transcript (all)": transcripts}
    print(f"  {'style':<20}{'answers':>8}{'ours':>8}{'baseline':>10}")
    for style in sorted(groups):
        idx = groups[style]
        print(
            f"  {style:<20}{len(idx):>8}{word_f1(ours[i] for i in idx)[0]:>8.3f}"
            f"{word_f1(base[i] for i in idx)[0]:>10.3f}"
        )
    return {"analyses": list(analyses.values())}


def missing_and_flags(test: list[Answer]) -> None:
    written = [a for a in test if not a.derived_from]
    missing_pairs = []
    for a in test:
        gold_words = set(a.word_labels())
        gold = {c for c in COMPONENTS if c not in gold_words}
        analysis = starl.analyze(a.text)
        pred = {c for c, r in analysis.components.items() if not r.present}
        missing_pairs.append((gold, pred))
    p, r, f = detection_f1(missing_pairs)
    positives = sum(len(g) for g, _ in missing_pairs)
    print(
        f"missing-component detection ({positives} missing in gold): precision {p:.3f} "
        f"recall {r:.3f} F1 {f:.3f}"
    )
    for name, keep in (("written", False), ("derived transcripts", True)):
        part = [
            pair
            for a, pair in zip(test, missing_pairs, strict=True)
            if bool(a.derived_from) == keep
        ]
        p, r, f = detection_f1(part)
        print(f"  {name}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    flag_pairs = []
    per_flag: dict[str, list[tuple[set[str], set[str]]]] = defaultdict(list)
    for a in written:
        gold = set(a.flaws)
        pred = set(starl.analyze(a.text).flag_codes())
        flag_pairs.append((gold, pred))
        for code in FLAG_CODES:
            per_flag[code].append(({code} & gold, {code} & pred))
    p, r, f = detection_f1(flag_pairs)
    print(f"flags on {len(written)} written answers: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print(f"  {'flag':<28}{'gold':>5}{'precision':>11}{'recall':>8}")
    for code in FLAG_CODES:
        pairs = per_flag[code]
        gold_count = sum(len(g) for g, _ in pairs)
        fp, fr, _ = detection_f1(pairs)
        print(f"  {code:<28}{gold_count:>5}{fp:>11.2f}{fr:>8.2f}")


def transcript_units(test: list[Answer]) -> None:
    """How well transcripts are cut: the learned boundaries against the typed clauses they
    were spoken from, and how many component changes fall between two units."""
    model = load_boundary_model()
    pairs = []
    for a in test:
        if not a.derived_from and a.style in TYPED:
            words, cuts = spoken_with_cuts(a, 99)
            pairs.append((cuts, set(model.cuts(words))))
    p, r, f = detection_f1(pairs)
    print(
        f"transcript boundaries ({len(pairs)} typed answers spoken): precision {p:.3f} "
        f"recall {r:.3f} F1 {f:.3f}"
    )
    for name, derived in (("written", False), ("derived", True)):
        changes = at_cut = 0
        for a in test:
            if a.style != "transcript" or bool(a.derived_from) != derived:
                continue
            starts = {u.start for u in split_units(a.text)}
            labels = [(w.start, a.label_at(w.start)) for w in words_of(a.text)]
            for (_, before), (start, label) in itertools.pairwise(labels):
                if label != before:
                    changes += 1
                    at_cut += start in starts
        print(f"  {name} transcripts: {at_cut}/{changes} component changes start a unit")


def matching(test: list[Answer]) -> None:
    stories = [a for a in test if a.question_id]
    top1 = top3 = 0
    for a in stories:
        ranked = [m.question_id for m in starl.analyze(a.text).matches]
        top1 += ranked[0] == a.question_id
        top3 += a.question_id in ranked[:3]
    print(
        f"story-to-question on {len(stories)} answers: top-1 {top1 / len(stories):.3f} "
        f"top-3 {top3 / len(stories):.3f}"
    )


def speed(test: list[Answer]) -> None:
    for kind, pool in (
        ("answer", [a for a in test if a.style != "transcript"]),
        ("transcript", [a for a in test if a.style == "transcript"]),
    ):
        text = min(pool, key=lambda a: abs(len(words_of(a.text)) - 300)).text
        for _ in range(20):
            starl.analyze(text)
        times = []
        for _ in range(200):
            start = time.perf_counter()
            starl.analyze(text)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(
            f"latency, {len(words_of(text))}-word {kind} (warm): p50 "
            f"{statistics.median(times):.1f} ms  p95 {times[int(0.95 * len(times))]:.1f} ms"
        )
    start = time.perf_counter()
    for a in test:
        starl.analyze(a.text)
    elapsed = time.perf_counter() - start
    print(f"in-process throughput: {len(test) / elapsed:.0f} answers/s ({len(test)} answers)")
    exe = str(Path(sys.executable).parent / "starl")
    batch = "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in test[:50])
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [exe, "analyze", "--jsonl"], input=batch, text=True, capture_output=True, check=True
        )
        runs.append(time.perf_counter() - start)
    print(
        f"starl analyze --jsonl, 50 answers incl. start-up: median {statistics.median(runs):.2f} s"
    )
    path = ROOT / "tests" / "answers" / "prose.txt"
    cold = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([exe, "analyze", str(path), "--json"], capture_output=True, check=True)
        cold.append(time.perf_counter() - start)
    print(f"cold start, starl analyze FILE --json: median {statistics.median(cold) * 1000:.0f} ms")


def pending(paths: list[Path]) -> None:
    """Word and missing-component F1 on the batches waiting in corpus/pending/: answers
    by new authors that no shipped model has trained on, a check beside the test split."""
    answers = with_derived(load_raw(paths))
    print(f"== Analyzer, corpus/pending: {len(answers)} answers no shipped model has seen ==")
    labels = [(a.word_labels(), predicted_labels(starl.analyze(a.text))) for a in answers]
    absent = [
        ({c for c in COMPONENTS if c not in g}, {c for c in COMPONENTS if c not in p})
        for g, p in labels
    ]
    for name, keep in (("all", None), ("written", False), ("derived transcripts", True)):
        part = [i for i, a in enumerate(answers) if keep is None or bool(a.derived_from) == keep]
        print(
            f"  {name:<20}{len(part):>5} answers   word macro-F1 "
            f"{word_f1(labels[i] for i in part)[0]:.3f}   "
            f"missing F1 {detection_f1(absent[i] for i in part)[2]:.3f}"
        )


def main() -> None:
    test = load_splits()["test"]
    written = sum(not a.derived_from for a in test)
    print(
        f"== Analyzer, corpus test split: {len(test)} answers ({written} written, "
        f"{len(test) - written} derived transcripts) =="
    )
    accuracy(test)
    missing_and_flags(test)
    transcript_units(test)
    matching(test)
    if paths := sorted((CORPUS / "pending").glob("*.jsonl")):
        pending(paths)
    speed(test)


if __name__ == "__main__":
    main()
