"""Scores used by training and `make bench`: word-level F1, detection F1, ranking accuracy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

COMPONENTS = ("situation", "task", "action", "result", "lesson")


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)


def word_f1(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the five components from (gold, predicted) word label lists."""
    tp = dict.fromkeys(COMPONENTS, 0)
    fp = dict.fromkeys(COMPONENTS, 0)
    fn = dict.fromkeys(COMPONENTS, 0)
    for gold, pred in pairs:
        for g, p in zip(gold, pred, strict=True):
            if g == p:
                if g in tp:
                    tp[g] += 1
                continue
            if p in fp:
                fp[p] += 1
            if g in fn:
                fn[g] += 1
    per = {c: f1(tp[c], fp[c], fn[c]) for c in COMPONENTS}
    return sum(per.values()) / len(per), per


def detection_f1(pairs: Iterable[tuple[set[str], set[str]]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of (gold, predicted) sets of detected items."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, f1(tp, fp, fn)


def position_baseline(n_words: int) -> list[str]:
    """Words split 12.5/12.5/50/12.5/12.5 per cent in S, T, A, R, L order."""
    cuts = (0.125, 0.25, 0.75, 0.875, 1.0)
    labels = []
    for i in range(n_words):
        share = (i + 0.5) / n_words
        labels.append(COMPONENTS[next(k for k, c in enumerate(cuts) if share <= c)])
    return labels
