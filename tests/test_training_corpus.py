"""The corpus variants that training makes from typed answers."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.corpus import Answer, assemble, derive_dropped, load_raw, training_variants

SEGMENTS = [
    {"label": "none", "text": "Sure."},
    {"label": "situation", "text": "Our fraud model missed a new scam."},
    {"label": "task", "text": "Fixing it was on me."},
    {"label": "action", "text": "I retrained it on the last month of chargebacks."},
    {"label": "result", "text": "Losses fell by a third."},
    {"label": "lesson", "text": "Now I watch for drift weekly."},
]


def _answer() -> Answer:
    text, spans = assemble(SEGMENTS)
    return Answer("t-1", "t-1", None, "q", "prose", (), text, spans)


def test_a_dropped_variant_loses_one_component_whole_and_keeps_the_rest() -> None:
    answer = _answer()
    labels = {lab for _, _, lab in answer.spans}
    seen = set()
    for seed in range(40):
        variant = derive_dropped(answer, seed)
        assert variant is not None and variant.derived_from == "t-1"
        kept = [lab for _, _, lab in variant.spans]
        (gone,) = labels - set(kept)
        assert gone in {"situation", "task", "result", "lesson"}  # never the Action
        assert kept == [lab for _, _, lab in answer.spans if lab != gone]
        assert all(variant.text[s:e] in answer.text for s, e, _ in variant.spans)
        seen.add(gone)
    assert seen == {"situation", "task", "result", "lesson"}


def test_variants_are_reproducible() -> None:
    answers = load_raw()[:30]
    first = [(v.id, v.text) for v in training_variants(answers)]
    assert first == [(v.id, v.text) for v in training_variants(answers)]
    assert any("~no-" in vid for vid, _ in first)
