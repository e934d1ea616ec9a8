"""The shipped model files load, and the runtime features are the ones the model knows."""

from __future__ import annotations

import subprocess
import sys

from starl.analysis.features import unit_features
from starl.analysis.matching import load_question_model
from starl.analysis.model import LABELS, load_component_model
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
    assert model.transitions.shape == (len(LABELS), len(LABELS))


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
