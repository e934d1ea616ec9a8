"""`starl.analyze`: segment an answer into STARL components, time it, flag it, score it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starl.analysis.flags import detect_flags
from starl.analysis.followups import suggest_followups
from starl.analysis.lexicon import count_fillers
from starl.analysis.result import Analysis, AnswerSegment, ComponentReport
from starl.analysis.scoring import score_answer
from starl.analysis.segment import segment_text, word_labels
from starl.analysis.units import words_of
from starl.errors import StarlError
from starl.timing import estimate_seconds, timing_status

MAX_CHARS = 50_000  # about 8,000 words, an hour of speech; interview answers are ~300
COMPONENTS = ("situation", "task", "action", "result", "lesson")
# Control characters that plain text does not hold (tab, line and page breaks it does).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class AnswerError(StarlError):
    """The answer cannot be analyzed (empty, binary, too large, malformed timed words)."""


@dataclass(frozen=True)
class TimedWord:
    """A recognised word with its start and end in seconds."""

    text: str
    start: float
    end: float


def check_text(text: object) -> str:
    """The answer as a string, or an AnswerError that says what is wrong with it."""
    if not isinstance(text, str):
        raise AnswerError(f"the answer must be text, not {type(text).__name__}")
    if "\x00" in text or len(_CONTROL.findall(text)) > 0.01 * len(text):
        raise AnswerError("the answer looks like binary data; give plain text")
    if not text.strip():
        raise AnswerError("the answer is empty; write or paste the text of your answer")
    if len(text) > MAX_CHARS:
        raise AnswerError(
            f"the answer is {len(text):,} characters; the analyzer takes up to "
            f"{MAX_CHARS:,} (about 8,000 words). Analyze one answer at a time"
        )
    if not words_of(text):
        raise AnswerError("the answer has no words in it; write or paste your answer")
    return text


def _timed_words(words: Iterable[Any]) -> list[TimedWord]:
    timed = []
    for i, w in enumerate(words):
        try:
            if isinstance(w, Mapping):
                item = TimedWord(str(w["text"]), float(w["start"]), float(w["end"]))
            elif isinstance(w, TimedWord):
                item = w
            else:
                text, start, end = w
                item = TimedWord(str(text), float(start), float(end))
        except (KeyError, TypeError, ValueError) as exc:
            raise AnswerError(
                f"timed word {i} is malformed ({exc}); each needs text, start and end"
            ) from None
        if item.end < item.start:
            raise AnswerError(f"timed word {i} ends before it starts")
        timed.append(item)
    return timed


def _norm(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def measured_seconds(
    text: str, segments: Sequence[AnswerSegment], timed: Sequence[TimedWord]
) -> tuple[dict[str, float], float]:
    """Seconds per component from timed words; pauses count to the word before them."""
    words = words_of(text)
    matcher = difflib.SequenceMatcher(
        a=[_norm(w.text) for w in words], b=[_norm(t.text) for t in timed], autojunk=False
    )
    labels = word_labels(text, [(s.start, s.end, s.component) for s in segments])
    owner: dict[int, str] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            owner[block.b + k] = labels[block.a + k]
    seconds = dict.fromkeys(COMPONENTS, 0.0)
    for i, t in enumerate(timed):
        span = (timed[i + 1].start if i + 1 < len(timed) else t.end) - t.start
        owner_label = owner.get(i)
        if owner_label in seconds:
            seconds[owner_label] += max(span, 0.0)
    total = timed[-1].end - timed[0].start if timed else 0.0
    return {k: round(v, 1) for k, v in seconds.items()}, round(total, 1)


def analyze(
    text: str,
    *,
    question: str | None = None,
    words: Iterable[Any] | None = None,
    wpm: int = 150,
    id: str | None = None,
) -> Analysis:
    """Analyze one answer. `words` are timed words from speech; then timing is measured.

    Raises AnswerError for input that cannot be analyzed, UnknownIdError for an unknown
    question id.
    """
    from starl.analysis.matching import load_matcher
    from starl.knowledge import load_knowledge

    text = check_text(text)
    if not isinstance(wpm, int) or not 60 <= wpm <= 400:
        raise AnswerError(f"words per minute must be between 60 and 400, not {wpm}")
    kb = load_knowledge()
    question_id = kb.question(question).id if question is not None else None
    framework = kb.framework
    timed = _timed_words(words) if words is not None else []

    segments = [
        AnswerSegment(span.label, span.start, span.end, text[span.start : span.end])
        for span in segment_text(text)
        if span.label != "none"
    ]
    parts = {c: " ".join(s.text for s in segments if s.component == c) for c in COMPONENTS}
    counts = {c: len(words_of(parts[c])) for c in COMPONENTS}
    total_words = len(words_of(text))

    timings = framework.time_components(counts, wpm)
    if timed:
        seconds, total_seconds = measured_seconds(text, segments, timed)
        rate: float = round(len(timed) * 60 / total_seconds, 1) if total_seconds else wpm
        reports = {
            t.component: ComponentReport(
                t.present,
                t.words,
                seconds[t.component],
                t.target_seconds,
                timing_status(
                    seconds[t.component],
                    t.target_seconds,
                    framework.short_ratio,
                    framework.long_ratio,
                )
                if t.present
                else "missing",
            )
            for t in timings
        }
    else:
        total_seconds = estimate_seconds(total_words, wpm)
        rate = wpm
        reports = {
            t.component: ComponentReport(t.present, t.words, t.seconds, t.target_seconds, t.status)
            for t in timings
        }

    fillers = count_fillers(text)
    flags = detect_flags(
        text,
        parts,
        reports,
        total_seconds,
        over_budget_ratio=framework.over_budget_ratio,
        too_short_seconds=framework.too_short_seconds,
        too_long_seconds=framework.too_long_seconds,
        fillers=fillers,
        words=total_words,
    )
    codes = {f.code for f in flags}
    matches, related, values = load_matcher().rank(text)
    score, subscores = score_answer(
        parts,
        reports,
        total_seconds,
        generic_lesson="generic_lesson" in codes,
        hypothetical="hypothetical_answer" in codes,
    )
    followups = suggest_followups(parts, {c: reports[c].present for c in COMPONENTS})
    return Analysis(
        text=text,
        segments=segments,
        components=reports,
        words=total_words,
        wpm=rate,
        total_seconds=total_seconds,
        timed=bool(timed),
        flags=flags,
        matches=matches,
        related_questions=related,
        values=values,
        followups=followups,
        score=score,
        subscores=subscores,
        fillers=fillers,
        question=question_id,
        id=id,
    )
