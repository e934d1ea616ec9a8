"""The shipped model files load, and the runtime features are the ones the model knows."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from starl.analysis.features import unit_features
from starl.analysis.matching import load_question_model
from starl.analysis.model import LABELS, TAGS, ComponentModel, load_component_model, tags_of
from starl.analysis.units import split_units
from starl.knowledge.base import REFERENCE_QUESTION_IDS


def test_component_model_matches_the_feature_code(answer_text) -> None:
    model = load_component_model()
    assert model.labels == LABELS
    text = answer_text("prose")
    features = unit_features(split_units(text), text)
    names = {name for feats in features for name in feats}
    known = sum(name in model.index for name in names)
    # A feature change without `make train` would leave most features unknown.
    assert known / len(names) > 0.3
    assert model.tags == TAGS
    assert model.transitions.shape == (len(TAGS), len(TAGS))


def test_tags_mark_where_each_component_starts() -> None:
    labels = ["none", "situation", "situation", "task", "action", "lesson", "action", "action"]
    assert tags_of(labels) == [
        "none",
        "B-situation",
        "I-situation",
        "B-task",
        "B-action",
        "B-lesson",
        "B-action",
        "I-action",
    ]


def test_presence_margin_brings_back_a_dropped_component_through_either_tag() -> None:
    # Three units that all look like Action; the second looks a little like Task.
    emit = np.full((3, len(TAGS)), -5.0)
    emit[:, TAGS.index("B-action")] = 2.0
    emit[:, TAGS.index("I-action")] = 2.0
    emit[1, TAGS.index("B-task")] = 1.0
    model = ComponentModel(["bias"], np.zeros((1, len(TAGS))), np.zeros((len(TAGS), len(TAGS))))
    task = LABELS.index("task")
    assert task not in model.decode_indices(emit)
    model.presence_margins = np.array([0.0, 1.5, 0.0, 0.0, 0.0])
    assert model.decode_indices(emit) == [LABELS.index("action"), task, LABELS.index("action")]
    # A margin smaller than what keeping the Task costs leaves the best path alone.
    model.presence_margins = np.array([0.0, 0.5, 0.0, 0.0, 0.0])
    assert task not in model.decode_indices(emit)


def test_question_model_knows_the_ten_reference_questions() -> None:
    assert sorted(load_question_model().classes) == sorted(REFERENCE_QUESTION_IDS)


def test_cli_start_up_imports_nothing_heavy() -> None:
    probe = (
        "import sys, starl.cli; "
        "print(sorted(m for m in ('numpy', 'pydantic', 'yaml', 'sentencex') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
