"""What several pages share: the store, answer colouring, timing bars, story forms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import Request

from starl.store.models import PARTS
from starl.web.charts import TimingBar, timing_chart

MAX_FIELD_CHARS = 20_000


def store(request: Request) -> Any:
    return request.app.state.store


def answer_pieces(text: str, segments: Sequence[Mapping[str, Any]]) -> list[tuple[str | None, str]]:
    """The answer as (component or None, text) runs, in order, covering every character."""
    pieces: list[tuple[str | None, str]] = []
    cursor = 0
    for segment in sorted(segments, key=lambda s: s["start"]):
        start, end = int(segment["start"]), int(segment["end"])
        if start > cursor:
            pieces.append((None, text[cursor:start]))
        pieces.append((segment["component"], text[start:end]))
        cursor = max(cursor, end)
    if cursor < len(text):
        pieces.append((None, text[cursor:]))
    return pieces


def analysis_chart(components: Mapping[str, Mapping[str, Any]]) -> str:
    """The seconds-per-component chart of an analysis (its `components` JSON)."""
    bars = [
        TimingBar(name, float(c["seconds"]), float(c["target_seconds"]), str(c["status"]))
        for name, c in components.items()
    ]
    return timing_chart(bars, "Seconds per component against the 15/15/60/15/15 targets")


def model_answer_chart(question: Any) -> str:
    from starl.knowledge import load_knowledge

    timings = load_knowledge().framework.time_segments(question.model_answer)
    bars = [TimingBar(t.component, t.seconds, t.target_seconds, t.status) for t in timings]
    return timing_chart(bars, "Model answer: seconds per component")


def draft_timing(draft: Any) -> list[dict[str, Any]]:
    """Words, seconds and status of each part of a story draft, for the editor's bars."""
    from starl.knowledge import load_knowledge
    from starl.timing import count_words

    framework = load_knowledge().framework
    words = {part: count_words(getattr(draft, part)) for part in PARTS}
    return [
        {
            "component": t.component,
            "words": t.words,
            "seconds": t.seconds,
            "target": t.target_seconds,
            "status": t.status,
            "width": min(t.seconds / (2 * t.target_seconds) * 100, 100),
        }
        for t in framework.time_components(words)
    ]


def mini_bars(timing: list[dict[str, Any]]) -> dict[str, Any]:
    """A story's words and its small seconds-per-part bar, ready to print (a page of
    stories has 500 of these bars)."""
    return {
        "words": sum(t["words"] for t in timing),
        "parts": [
            {
                "component": t["component"],
                "flex": max(t["seconds"], 1),
                "title": f"{t['component'].capitalize()}: {t['seconds']:.0f} s of {t['target']} s",
                "label": f"{t['component'][0].upper()} {t['seconds']:.0f}s",
            }
            for t in timing
        ],
    }


def draft_from_form(form: Mapping[str, Any]) -> Any:
    """A StoryDraft from the editor's fields (values are `company:value` checkboxes)."""
    from starl.store import StoryDraft

    def text(name: str) -> str:
        value = form.get(name) or ""
        return value if isinstance(value, str) else ""

    values = form.getlist("values") if hasattr(form, "getlist") else form.get("values") or []
    themes = [t.strip() for t in text("themes").split(",") if t.strip()]
    parts = {part: text(part).replace("\r\n", "\n") for part in PARTS}
    return StoryDraft.from_parts(
        text("title"), parts, themes, (v for v in values if isinstance(v, str))
    )


def value_names() -> dict[str, str]:
    """'amazon:dive-deep' -> 'Amazon: Dive Deep' for every company value."""
    from starl.knowledge import load_knowledge

    return {
        f"{c.id}:{v.id}": f"{c.name}: {v.name}"
        for c in load_knowledge().companies.values()
        for v in c.values
    }
