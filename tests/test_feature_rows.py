"""The fast feature path (`FeatureRows`) gives exactly what the named features give."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.corpus import load_splits

from starl.analysis.features import FeatureRows, unit_features
from starl.analysis.model import ComponentModel, load_component_model
from starl.analysis.units import split_units

ANSWERS = sorted((Path(__file__).parent / "answers").glob("*.txt"))


def _named_rows(features, index) -> tuple[list[int], list[float], list[int]]:
    """What FeatureRows must give: each known name's row and value, in the names' order."""
    rows = [
        [(index[name], value) for name, value in feats.items() if name in index]
        for feats in features
    ]
    return (
        [row for unit in rows for row, _ in unit],
        [value for unit in rows for _, value in unit],
        [len(unit) for unit in rows],
    )


def _sample_index(texts: list[str]) -> dict[str, int]:
    """An index that knows every other name of these answers (shuffled rows), and a speech
    twin whose plain name it does not know: unknown names must drop out in place."""
    names = sorted(
        {name for text in texts for f in unit_features(split_units(text), text) for name in f}
    )
    kept = names[::2]
    plain = next(n for n in names[1::2] if not n.startswith("T|") and f"T|{n}" in names)
    kept.append(f"T|{plain}")
    order = np.random.default_rng(0).permutation(len(kept))
    return {name: int(row) for name, row in zip(kept, order, strict=True)}


@pytest.mark.parametrize("limit", [100_000, 0])
def test_rows_are_the_known_names_in_their_order(limit: int) -> None:
    texts = [path.read_text(encoding="utf-8") for path in ANSWERS]
    texts.append(texts[0].lower().replace(".", "").replace(",", ""))  # unpunctuated speech
    index = _sample_index(texts)
    rows = FeatureRows(index)
    rows._LIMIT = limit  # 0: every answer starts with empty caches
    for text in texts * 2:  # the second time from the caches
        units = split_units(text)
        assert rows.of(units, text) == _named_rows(unit_features(units, text), index)


def test_shipped_model_emissions_are_bit_equal_on_every_style() -> None:
    model = load_component_model()
    answers = [a for split in load_splits().values() for a in split][::40]
    assert {a.style for a in answers} >= {"prose", "markers", "bullets", "transcript"}
    for answer in answers:
        units = split_units(answer.text)
        named = model.emissions(unit_features(units, answer.text))
        assert np.array_equal(model.unit_emissions(units, answer.text), named), answer.id


def test_a_model_without_rows_for_the_answer_still_scores_it() -> None:
    model = ComponentModel(["bias", "w:nothing"], np.ones((2, 11)), np.zeros((11, 11)))
    text = ANSWERS[0].read_text(encoding="utf-8")
    units = split_units(text)
    emit = model.unit_emissions(units, text)
    assert np.array_equal(emit, model.emissions(unit_features(units, text)))
    assert (emit == 1.0).all()  # only the bias is known
