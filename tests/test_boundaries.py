"""The learned transcript boundary model: it puts back the stops a recogniser drops."""

from __future__ import annotations

import pytest

from starl.analysis.boundaries import BoundaryModel, gap_features, load_boundary_model
from starl.analysis.units import MIN_UNIT_WORDS, _split_long, looks_like_transcript, split_units

# A run-on transcript with no punctuation and few discourse markers.
RUN_ON = (
    "we had a fraud model at the bank that flagged about two percent of card payments "
    "it was on me to cut the false alarms without losing recall "
    "i pulled three months of chargebacks and retrained the model on them "
    "false alarms fell by a third within a month "
    "what i took from it is to start from the labels not the model"
)


def _starts(text: str) -> list[str]:
    return [" ".join(u.text.split()[:3]) for u in split_units(text)]


def test_model_cuts_a_run_on_transcript_where_the_sentences_were() -> None:
    words = RUN_ON.split()
    cuts = load_boundary_model().cuts(words)
    starts = {" ".join(words[i : i + 2]) for i in cuts}
    assert "it was" in starts  # a Task opening no marker word announces
    assert "false alarms" in starts  # a Result that follows a plain noun
    # and it does not chop inside a phrase
    assert not starts & {"model at", "two percent", "three months", "of chargebacks"}


def test_units_of_a_transcript_start_at_the_restored_boundaries() -> None:
    starts = _starts(RUN_ON)
    assert "it was on" in starts
    assert "false alarms fell" in starts
    assert all(len(u.words) >= 3 for u in split_units(RUN_ON))


def test_probabilities_are_per_gap_and_the_first_is_certain() -> None:
    words = RUN_ON.split()
    probs = load_boundary_model().probabilities(words)
    assert len(probs) == len(words)
    assert probs[0] == 1.0
    assert all(0.0 < p < 1.0 for p in probs[1:])


def test_typed_answers_are_cut_by_their_punctuation_alone() -> None:
    typed = "We had a fraud model. It flagged two percent of payments, and nobody trusted it."
    assert _starts(typed) == ["We had a", "It flagged two", "and nobody trusted"]


def test_save_and_load_keep_the_weights(tmp_path) -> None:
    model = BoundaryModel(["c:it", "pc:payments_it"], [1.5, 2.0], -3.0, 0.4)
    path = tmp_path / "b.npz"
    model.save(str(path))
    again = BoundaryModel.load(str(path))
    words = "card payments it was mine".split()
    assert again.probabilities(words) == pytest.approx(model.probabilities(words), abs=1e-6)
    assert again.cuts(words) == [2]
    assert again.threshold == pytest.approx(0.4)


def test_gap_features_see_both_sides_of_the_gap() -> None:
    names = gap_features(["a", "b", "c"], 1)
    assert "p:a" in names and "c:b" in names and "n:c" in names and "pp:<edge>" in names


def test_figures_in_a_transcript_are_not_punctuation() -> None:
    # A recogniser writes "0.88" and "1,800"; their stops must not make it look typed.
    spoken = (
        "so i trained a resnet on 3000 hull photos from two stations and reached 0.88 recall "
        "but i had not collected a single photo from the other six stations recall there "
        "fell to 0.52 and we relabelled 1,800 images lesson now i collect data from every site"
    )
    assert looks_like_transcript(spoken)
    assert not looks_like_transcript(spoken.replace(" but", ". But").replace(" and", ", and"))


def test_a_long_run_is_cut_where_a_boundary_is_likeliest() -> None:
    chances = [1.0] + [0.01] * 39
    chances[9] = chances[31] = 0.2  # below the threshold, but the likeliest gaps
    pieces = _split_long([(0, 40)], 24, chances)
    assert pieces == [(0, 9), (9, 31), (31, 40)]
    # With no likelier gap, a run is halved; no piece is ever shorter than a clause.
    flat = _split_long([(0, 30)], 24, [1.0] + [0.1] * 29)
    assert flat == [(0, 15), (15, 30)]
    assert all(end - start >= MIN_UNIT_WORDS for start, end in _split_long([(0, 26)], 24, chances))
