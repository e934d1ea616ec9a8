"""The shipped model files load, and the runtime features are the ones the model knows."""

from __future__ import annotations

import ast
import itertools
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from starl.analysis.features import unit_features
from starl.analysis.matching import load_question_model
from starl.analysis.model import LABELS, TAGS, ComponentModel, load_component_model, tags_of
from starl.analysis.presence import (
    COLUMNS,
    COMPONENTS,
    FEATURES,
    AnswerShape,
    PresenceModel,
    TreeEnsemble,
    presence_features,
)
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


def test_a_transcript_gets_speech_twins_of_all_but_its_word_features(answer_text) -> None:
    model = load_component_model()
    spoken, typed = answer_text("transcript"), answer_text("prose")
    spoken_features = unit_features(split_units(spoken), spoken)
    twins = [{name for name in feats if name.startswith("T|")} for feats in spoken_features]
    assert "T|bias" in twins[0] and "T|first" in twins[0]
    # Exactly the features that are not words, bigrams, word classes or stems (own or a
    # neighbour's) have twins, with the same values.
    lexical = re.compile(r"^(?:p|n|pp|nn)?[wbcs]:")
    for feats, twin in zip(spoken_features, twins, strict=True):
        plain = {name for name in feats if not name.startswith("T|")}
        assert twin == {f"T|{name}" for name in plain if not lexical.match(name)}
        assert all(feats[name] == feats[f"T|{name}"] for name in plain if f"T|{name}" in twin)
    typed_features = unit_features(split_units(typed), typed)
    assert not any(name.startswith("T|") for feats in typed_features for name in feats)
    # The shipped weights were trained with the twins.
    assert sum(name in model.index for t in twins for name in t) / sum(map(len, twins)) > 0.3


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


def _three_action_units() -> tuple[ComponentModel, np.ndarray]:
    """Three units that all look like Action; the second looks a little like Task."""
    emit = np.full((3, len(TAGS)), -5.0)
    emit[:, TAGS.index("B-action")] = 2.0
    emit[:, TAGS.index("I-action")] = 2.0
    emit[1, TAGS.index("B-task")] = 1.0
    model = ComponentModel(["bias"], np.zeros((1, len(TAGS))), np.zeros((len(TAGS), len(TAGS))))
    return model, emit


def _presence_on(feature: str, weight: float, intercept: float) -> PresenceModel:
    """A presence model that reads one feature: P(absent) = sigmoid(weight * x + intercept)."""
    weights = np.zeros((5, len(COLUMNS)))
    weights[:, COLUMNS.index(feature)] = weight
    return PresenceModel(
        weights,
        np.full(5, intercept),
        np.zeros((5, len(COLUMNS))),
        np.ones((5, len(COLUMNS))),
        np.full(5, 0.5),
    )


SHAPE = AnswerShape(unit_words=(6, 5, 7), unit_quantity=(False, False, True), spoken=False)


def test_presence_model_brings_back_a_component_the_best_path_drops() -> None:
    model, emit = _three_action_units()
    task, action = LABELS.index("task"), LABELS.index("action")
    assert model.decode_indices(emit, SHAPE) == [action] * 3
    # Keeping the Task costs a path score of 1; a model that calls a component absent
    # only when keeping it costs more than 2 keeps it.
    model.presence = _presence_on("gap", -1.0, -2.0)
    assert model.decode_indices(emit, SHAPE) == [action, task, action]
    # One that calls it absent when it costs more than 0.5 leaves the best path alone.
    model.presence = _presence_on("gap", -1.0, -0.5)
    assert model.decode_indices(emit, SHAPE) == [action] * 3
    # Without the answer's shape there is no presence check: plain Viterbi.
    model.presence = _presence_on("gap", -1.0, -2.0)
    assert model.decode_indices(emit) == [action] * 3


def test_presence_model_takes_away_a_component_it_rules_out() -> None:
    model, emit = _three_action_units()
    emit[1, TAGS.index("B-task")] = 2.5  # now the best path keeps the Task, by 0.5
    task, action = LABELS.index("task"), LABELS.index("action")
    assert model.decode_indices(emit, SHAPE) == [action, task, action]
    model.presence = _presence_on("gap", -1.0, 1.0)  # absent unless it is worth over 1
    assert model.decode_indices(emit, SHAPE) == [action] * 3
    model.presence = _presence_on("gap", -1.0, 0.25)  # absent unless worth over 0.25
    assert model.decode_indices(emit, SHAPE) == [action, task, action]


def test_presence_features_describe_the_component_span() -> None:
    model, emit = _three_action_units()
    features = presence_features(model, emit, SHAPE)
    task, action = LABELS.index("task"), LABELS.index("action")
    row = dict(zip(COLUMNS, features[task], strict=True))
    assert row["gap"] == -1.0  # the best path with a Task scores 1 less than without
    assert row["span_units"] == 1 and row["span_position"] == 0.5
    assert row["span_share"] == 5 / 18
    assert row["span_quantity"] == 0.0
    assert dict(zip(COLUMNS, features[action], strict=True))["gap"] > 0
    # A written answer's spoken columns are all zero; a spoken one's repeat the features.
    own, by_spoken = len(FEATURES), 2 * len(FEATURES) - 1
    assert not features[:, own:by_spoken].any()
    spoken = presence_features(model, emit, replace(SHAPE, spoken=True))
    assert dict(zip(COLUMNS, spoken[task], strict=True))["gap*spoken"] == -1.0
    assert np.array_equal(
        spoken[:, own:by_spoken],
        np.delete(spoken[:, :own], FEATURES.index("spoken"), axis=1),
    )
    # Every row ends with every component's own features, in component order.
    assert LABELS[:5] == COMPONENTS and len(COLUMNS) == features.shape[1]
    for row in features:
        assert np.array_equal(row[by_spoken:], features[:, :own].reshape(-1))
    assert dict(zip(COLUMNS, features[action], strict=True))["task:gap"] == -1.0


def _stumps(threshold: float) -> TreeEnsemble:
    """Per component, one tree: `gap` at most `threshold` (or missing) gives -2, else +3;
    and a one-leaf tree worth 0.5. Baselines 0.1 to 0.5."""
    gap = COLUMNS.index("gap")
    return TreeEnsemble(
        feature=np.array([gap, 0, 0, 0]),
        threshold=np.array([threshold, np.inf, np.inf, np.inf]),
        missing_left=np.array([True, True, True, True]),
        left=np.array([1, 1, 2, 3]),
        right=np.array([2, 1, 2, 3]),
        value=np.array([0.0, -2.0, 3.0, 0.5]),
        roots=np.array([[0, 3]] * 5),
        baselines=np.array([0.1, 0.2, 0.3, 0.4, 0.5]),
    )


def test_tree_ensemble_walks_each_row_to_its_leaves() -> None:
    rows = np.zeros((5, len(COLUMNS)))
    rows[:, COLUMNS.index("gap")] = [-1.0, 0.0, 0.5, np.nan, 4.0]
    log_odds = _stumps(0.0).log_odds(rows)
    # At most the threshold (or missing) goes left to -2; above it, right to +3.
    assert log_odds == pytest.approx([-1.4, -1.3, 3.8, -1.1, 4.0])
    # The presence model averages the trees' chance with the regression's.
    rows = np.nan_to_num(rows)
    presence = _presence_on("gap", 0.0, 0.0)
    presence.trees = _stumps(0.0)
    expected = (0.5 + 1 / (1 + np.exp(-_stumps(0.0).log_odds(rows)))) / 2
    assert presence.absent_probabilities(rows) == pytest.approx(expected)


def test_the_shipped_presence_trees_are_whole() -> None:
    trees = load_component_model().presence.trees
    assert trees is not None and trees.roots.shape[0] == 5
    leaf = (trees.left == np.arange(len(trees.left))) & (trees.right == trees.left)
    # Every inner node splits on a real column at a finite threshold, and only leaves
    # carry values; every tree ends in a leaf within a few steps.
    assert np.isfinite(trees.threshold[~leaf]).all() and not trees.value[~leaf].any()
    assert (trees.feature < len(COLUMNS)).all() and np.isinf(trees.threshold[leaf]).all()
    nodes = trees.roots.ravel()
    for _ in range(8):
        nodes = trees.left[nodes]
    assert leaf[nodes].all()


def test_exported_trees_say_what_the_fitted_classifier_says() -> None:
    from training.train_presence import fit_presence  # needs sklearn, a dev dependency

    rng = np.random.default_rng(0)
    features = rng.normal(size=(240, 5, len(COLUMNS)))
    absent = features[:, :, 0] + 0.5 * features[:, :, 3] * features[:, :, 5] > 0.8
    model, held_out = fit_presence(features, absent, np.arange(240) % 3)
    assert model.trees is not None and 0.0 < held_out <= 1.0
    # fit_presence itself refuses trees whose arrays disagree with sklearn; and the
    # trees learned the interaction the regression cannot.
    linear = np.stack([model.linear_probabilities(f) for f in features]) >= 0.5
    both = np.stack([model.absent_probabilities(f) for f in features]) >= 0.5
    assert (both == absent).mean() > (linear == absent).mean()


def test_constrained_viterbi_is_exact() -> None:
    rng = np.random.default_rng(3)
    model = ComponentModel(
        ["bias"], np.zeros((1, len(TAGS))), rng.normal(size=(len(TAGS), len(TAGS)))
    )
    emit = rng.normal(size=(4, len(TAGS)))

    def score(path: tuple[int, ...]) -> float:
        steps = sum(model.transitions[a, b] for a, b in itertools.pairwise(path))
        return float(emit[np.arange(4), list(path)].sum() + steps)

    paths = list(itertools.product(range(len(TAGS)), repeat=4))
    for required in [(), (1,), (0, 4), (1, 2, 3)]:
        allowed = [p for p in paths if set(required) <= {int(model.tag_label[t]) for t in p}]
        best = max(allowed, key=score)
        found, path = model.viterbi(emit, require=required)
        assert tuple(path) == best and found == pytest.approx(score(best))
    assert model.viterbi(emit, require=(0, 1, 2, 3, 4)) == (float("-inf"), [])
    marginals, _ = model.marginals(emit)
    assert marginals.sum(axis=1) == pytest.approx(np.ones(4))


def test_presence_model_survives_save_and_load(tmp_path) -> None:
    model, emit = _three_action_units()
    model.presence = _presence_on("gap", -1.0, -2.0)
    model.save(str(tmp_path / "m.npz"))
    loaded = ComponentModel.load(str(tmp_path / "m.npz"))
    assert loaded.presence is not None
    assert loaded.decode_indices(emit, SHAPE) == model.decode_indices(emit, SHAPE)
    assert load_component_model().presence is not None  # the shipped model has one


def test_question_model_knows_the_ten_reference_questions() -> None:
    assert sorted(load_question_model().classes) == sorted(REFERENCE_QUESTION_IDS)


def _modules_after(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has imported once it has run `code`."""
    probe = f"import sys; {code}; print(sorted(m for m in {modules!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return list(ast.literal_eval(done.stdout.strip()))


def test_cli_start_up_imports_nothing_heavy() -> None:
    assert _modules_after("import starl.cli", ("numpy", "pydantic", "yaml", "sentencex")) == []


def test_analysis_runs_without_sklearn_scipy_or_torch() -> None:
    # sklearn is installed for the tests and for training; the analyzer must not need it.
    code = "import starl; starl.analyze('I retrained the model and recall rose to 94%.')"
    assert _modules_after(code, ("sklearn", "scipy", "torch", "pycrfsuite")) == []
    assert _modules_after(code + "; import sklearn", ("sklearn",)) == ["sklearn"]


def test_answer_shape_tells_an_approach_from_a_story() -> None:
    approach = "I would first ask what the model is for. Then I would check the labels."
    story = "I asked what the model was for. Then I checked the labels and found a leak."
    shapes = [AnswerShape.of(split_units(t), t) for t in (approach, story)]
    assert shapes[0].hypothetical > 0.5 > shapes[1].hypothetical
