"""Which of the user's stories best answers a question, and why.

A story scores on three signals: the trained question classifier (for the ten reference
questions, and for a free-text question through the known question it resembles most),
word overlap with the question and what it evaluates (TF-IDF cosine), and the themes and
company values the story shares with the question. A typed question is resolved to a known
one by `starl.questionsearch`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from starl.store.models import Story

MIN_IDF = 2.5  # shared words as common as "model" or "team" explain nothing
WEIGHTS = {"classifier": 0.55, "words": 0.25, "tags": 0.20}


@dataclass(frozen=True)
class QuestionTarget:
    """The question being matched: its text and what the knowledge base knows about it."""

    text: str
    question_id: str | None = None
    reference_id: str | None = None  # the reference question the classifier scores
    themes: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    evaluates: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryMatch:
    story_id: str
    title: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "title": self.title,
            "score": self.score,
            "reasons": self.reasons,
        }


def question_target(text: str | None = None, question_id: str | None = None) -> QuestionTarget:
    """Resolve an id (or typed text) to what matching needs; typed text borrows the tags
    of the known question it is closest to."""
    from starl.knowledge import load_knowledge
    from starl.questionsearch import load_question_index

    known: Any
    if question_id:
        known = load_knowledge().question(question_id)
        typed = known.text
    else:
        typed = (text or "").strip()
        known = load_question_index().nearest(typed)
    if known is None:
        return QuestionTarget(text=typed)
    reference = known.id if known.source == "reference" else _nearest_reference(known)
    return QuestionTarget(
        text=typed,
        question_id=known.id,
        reference_id=reference,
        themes=tuple(known.themes),
        values=tuple(known.values),
        evaluates=tuple(known.evaluates),
    )


def _nearest_reference(question: Any) -> str | None:
    """The reference question sharing most themes with a bank question, the closest in
    wording among equals (None if none shares a theme)."""
    from starl.knowledge import load_knowledge
    from starl.questionsearch import load_question_index

    similarity = {
        n.question.id: n.similarity for n in load_question_index().search(question.text, None)
    }
    best, key = None, (0, 0.0)
    for ref in load_knowledge().reference_questions:
        candidate = (len(set(ref.themes) & set(question.themes)), similarity.get(ref.id, 0.0))
        if candidate[0] and candidate > key:
            best, key = ref.id, candidate
    return best


def rank_stories(target: QuestionTarget, stories: Sequence[Story]) -> list[StoryMatch]:
    """Stories best first, each with its score (0 to 1) and the reasons for it."""
    from starl.analysis.matching import load_matcher, question_profile

    if not stories:
        return []
    matcher = load_matcher()
    model = matcher.model
    qvec = model.vector(question_profile(target.text, target.evaluates, target.themes))
    column = model.classes.index(target.reference_id) if target.reference_id else None
    question_terms = _question_terms(model, target)
    texts = [s.text() for s in stories]
    sparse = [_story_vector(text) for text in texts]
    sims = np.array([float(values @ qvec[ids]) for ids, values in sparse])
    top_sim = float(sims.max()) if sims.max() > 0 else 1.0
    matches = []
    for story, text, (ids, _), sim in zip(stories, texts, sparse, sims, strict=True):
        reasons = []
        classifier = 0.0
        if column is not None:
            classifier = float(_story_classes(text)[column])
            if classifier >= 0.2:
                reasons.append(f"reads as an answer to '{target.reference_id}' ({classifier:.2f})")
        shared_themes = sorted(set(story.themes) & set(target.themes))
        shared_values = sorted(set(story.values) & set(target.values))
        if shared_themes:
            reasons.append("shares themes: " + ", ".join(shared_themes))
        if shared_values:
            reasons.append("shows " + ", ".join(shared_values))
        words = _shared_terms(model, ids, question_terms)
        if words:
            reasons.append("mentions " + ", ".join(words))
        tag_total = len(set(target.themes)) + len(set(target.values))
        tags = (len(shared_themes) + len(shared_values)) / tag_total if tag_total else 0.0
        word_score = max(float(sim), 0.0) / top_sim
        weights = dict(WEIGHTS)
        if column is None:  # no classifier: share its weight out
            weights = {"classifier": 0.0, "words": 0.6, "tags": 0.4}
        score = (
            weights["classifier"] * classifier
            + weights["words"] * word_score
            + weights["tags"] * tags
        )
        matches.append(StoryMatch(story.id, story.title, round(score, 3), reasons))
    return sorted(matches, key=lambda m: (-m.score, m.story_id))


@functools.lru_cache(maxsize=4096)
def _story_vector(text: str) -> tuple[np.ndarray, np.ndarray]:
    """A story's TF-IDF terms, cached: pages rank the same stories again and again."""
    from starl.analysis.matching import load_matcher

    vector: tuple[np.ndarray, np.ndarray] = load_matcher().model.sparse_vector(text)
    return vector


@functools.lru_cache(maxsize=4096)
def _story_classes(text: str) -> np.ndarray:
    """How much a story reads as an answer to each reference question, cached alike."""
    from starl.analysis.matching import load_matcher

    probabilities: np.ndarray = load_matcher().model.sparse_probabilities(*_story_vector(text))
    return probabilities


def _question_terms(model: Any, target: QuestionTarget) -> dict[int, str]:
    """The question's content words by vocabulary index (words a story can share)."""
    from starl.analysis.matching import terms

    words = terms(" ".join([target.text, *target.evaluates]))
    return {
        model.index[t]: t
        for t in words
        if t in model.index and "_" not in t and len(t) > 3 and model.idf[model.index[t]] >= MIN_IDF
    }


def _shared_terms(
    model: Any, story_ids: np.ndarray, question_terms: dict[int, str], limit: int = 4
) -> list[str]:
    """Content words the story and the question share, the most telling (rarest) first."""
    shared = [i for i in story_ids.tolist() if i in question_terms]
    shared.sort(key=lambda i: -model.idf[i])
    return [question_terms[i] for i in shared[:limit]]
