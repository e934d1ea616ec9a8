"""Check new corpus batches before they join corpus/: format, ids, labels, and the flaws
that follow from the labels (missing, over budget, too short or long, we-heavy Action).

Usage: python training/check_batch.py FILE [FILE...]   (prints "ok" or one line a problem)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starl.analysis.lexicon import pronoun_counts  # noqa: E402
from starl.knowledge import load_knowledge  # noqa: E402
from training.corpus import COMPONENTS, CORPUS, LABELS, STYLES  # noqa: E402

REFERENCE = {q.id for q in load_knowledge().reference_questions}
BUDGETED = ("situation", "task", "result", "lesson")
FLAWS = (
    {f"missing_{c}" for c in COMPONENTS}
    | {f"over_budget_{c}" for c in BUDGETED}
    | {"we_heavy_action", "unquantified_result", "too_long", "too_short"}
    | {"thin_technical_action", "hypothetical_answer", "generic_lesson", "filler_heavy"}
)
KEYS = {"id", "story", "question_id", "prompt", "style", "industry", "seniority", "flaws"}
OVER_BUDGET, TOO_SHORT, TOO_LONG = 75, 150, 375  # words at 150 wpm (corpus/README.md)


def problems(row: dict[str, object], known: set[str]) -> list[str]:
    """What is wrong with one answer (empty when nothing is)."""
    if set(row) != KEYS | {"segments"}:
        return [f"keys must be exactly {sorted(KEYS | {'segments'})}"]
    out = []
    if row["id"] in known:
        out.append(f"duplicate id {row['id']}")
    if row["style"] not in STYLES:
        out.append(f"unknown style {row['style']}")
    if row["question_id"] is None and not str(row["prompt"] or "").strip():
        out.append("a null question_id needs the question in prompt")
    elif row["question_id"] is not None and row["question_id"] not in REFERENCE:
        out.append(f"unknown question_id {row['question_id']}")
    flaws = set(row["flaws"])  # type: ignore[call-overload]
    if flaws - FLAWS:
        out.append(f"unknown flaws {sorted(flaws - FLAWS)}")
    segments = row["segments"]
    if not isinstance(segments, list) or not segments:
        return [*out, "no segments"]
    words = dict.fromkeys(COMPONENTS, 0)
    for seg in segments:
        if not isinstance(seg, dict) or set(seg) != {"label", "text"} or seg["label"] not in LABELS:
            return [*out, f"bad segment {str(seg)[:60]}"]
        text = seg["text"]
        if not text.strip():
            out.append("empty segment")
        elif text != text.strip() and not text.endswith("\n"):
            out.append(f"outer spaces in {text[:40]!r}")
        if seg["label"] in words:
            words[seg["label"]] += len(text.split())
    for c in COMPONENTS:
        if (words[c] == 0) != (f"missing_{c}" in flaws):
            out.append(f"missing_{c} disagrees with {words[c]} {c} words")
    for c in BUDGETED:
        if (words[c] > OVER_BUDGET) != (f"over_budget_{c}" in flaws):
            out.append(f"over_budget_{c} disagrees with {words[c]} {c} words")
    total = sum(words.values())  # the corpus counts the five components' words
    if (total < TOO_SHORT) != ("too_short" in flaws) or (total > TOO_LONG) != ("too_long" in flaws):
        out.append(f"too_short/too_long disagree with {total} words")
    action = " ".join(s["text"] for s in segments if s["label"] == "action")
    me, we = pronoun_counts(action)
    if words["action"] and (we > me) != ("we_heavy_action" in flaws):
        out.append(f"we_heavy_action disagrees with {we} we-words and {me} I-words")
    if row["style"] == "transcript":
        text = " ".join(s["text"] for s in segments)
        if text != text.lower() or re.search(r"[.,;:!?\"()]", text):
            out.append("a transcript is lower case with no punctuation")
    return out


def main(paths: list[str]) -> int:
    targets = {Path(p).resolve() for p in paths}
    known = {
        json.loads(line)["id"]
        for path in sorted((CORPUS / "raw").glob("*.jsonl"))
        if path.resolve() not in targets
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    report = []
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                report.append(f"{path}:{number}: not JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                report.append(f"{path}:{number}: not a JSON object")
                continue
            report += [f"{path}:{number}: {p}" for p in problems(row, known)]
            known.add(str(row.get("id")))
    print("\n".join(report) if report else "ok")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
