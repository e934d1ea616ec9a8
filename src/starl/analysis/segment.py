"""Label an answer's text by STARL component: units, features, the trained model, spans."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from starl.analysis.model import ComponentModel, load_component_model
from starl.analysis.units import Unit, split_units, words_of


@dataclass(frozen=True)
class LabelledSpan:
    """A run of the text with one label; `none` marks preamble and closing filler."""

    label: str
    start: int
    end: int


def label_units(units: list[Unit], text: str, model: ComponentModel | None = None) -> list[str]:
    return (model or load_component_model()).decode_units(units, text)


def segment_text(text: str, model: ComponentModel | None = None) -> list[LabelledSpan]:
    """Adjacent units with the same label merged into spans, in text order."""
    units = split_units(text)
    labels = label_units(units, text, model)
    spans: list[LabelledSpan] = []
    for unit, label in zip(units, labels, strict=True):
        if spans and spans[-1].label == label:
            spans[-1] = LabelledSpan(label, spans[-1].start, unit.end)
        else:
            spans.append(LabelledSpan(label, unit.start, unit.end))
    return spans


def word_labels(text: str, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """The label of every spoken word of `text`, from (start, end, label) spans in order;
    a word in no span is `none`."""
    starts = [start for start, _, _ in spans]
    labels = []
    for word in words_of(text):
        i = bisect.bisect_right(starts, word.start) - 1
        inside = i >= 0 and word.start < spans[i][1]
        labels.append(spans[i][2] if inside else "none")
    return labels
