"""Which questions a story answers and which company values it shows.

A TF-IDF vector of the answer feeds a logistic-regression model trained on the corpus
(`make train`) that ranks the ten reference questions; the wider bank, which has no
training answers, is ranked by cosine similarity to each question's text, what it
evaluates and its themes. Company values are read off the best-matching questions.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from starl.analysis.features import normalise
from starl.analysis.modelfiles import model_path, pack_strings, unpack_strings
from starl.analysis.result import QuestionMatch, ValueMatch

MODEL_FILE = "questions.npz"
STOPWORDS = frozenset(
    """a an the and or but so of to in on at for with from by as is was were be been being
    it its it's this that these those there their they them he she his her i me my we us
    our you your um uh like just then also very really which who what when where how why
    not no yes if than too into out up down over about after before because while had
    has have having do did does done can could would should will said say one some any
    all more most much many such only own same other another each both few o d s t ll re
    ve m""".split()
)


def terms(text: str) -> list[str]:
    """Unigrams and bigrams of content words, numbers reduced to their shape."""
    words = [normalise(t) for t in re.findall(r"\S+", text)]
    words = [w for w in words if w and w not in STOPWORDS and not w.startswith("<")]
    return words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]


class QuestionModel:
    def __init__(
        self,
        vocabulary: list[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: list[str],
    ) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)
        self.intercept = intercept.astype(np.float64)
        self.classes = classes

    def vector(self, text: str) -> np.ndarray:
        """Sublinear TF-IDF, L2-normalised."""
        vec = np.zeros(len(self.index))
        ids, values = self.sparse_vector(text)
        vec[ids] = values
        return vec

    def sparse_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The same vector as (term indices, weights): cheap for scoring many texts."""
        pairs = [
            (i, count)
            for term, count in Counter(terms(text)).items()
            if (i := self.index.get(term)) is not None
        ]
        ids = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
        counts = np.fromiter((c for _, c in pairs), dtype=np.float64, count=len(pairs))
        values = (1.0 + np.log(counts)) * self.idf[ids]
        norm = np.linalg.norm(values)
        return ids, values / norm if norm else values

    def sparse_probabilities(self, ids: np.ndarray, values: np.ndarray) -> np.ndarray:
        return self._softmax(self.coef[:, ids] @ values + self.intercept)

    def probabilities(self, vec: np.ndarray) -> np.ndarray:
        return self._softmax(self.coef @ vec + self.intercept)

    @staticmethod
    def _softmax(logits: np.ndarray) -> np.ndarray:
        logits = logits - logits.max()
        exp = np.exp(logits)
        probabilities: np.ndarray = exp / exp.sum()
        return probabilities

    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
            vocabulary=pack_strings(self.index),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            classes=pack_strings(self.classes),
        )

    @classmethod
    def load(cls, path: str) -> QuestionModel:
        with np.load(path) as data:
            return cls(
                unpack_strings(data["vocabulary"]),
                data["idf"],
                data["coef"],
                data["intercept"],
                unpack_strings(data["classes"]),
            )


@functools.cache
def load_question_model() -> QuestionModel:
    return QuestionModel.load(str(model_path(MODEL_FILE)))


def question_profile(text: str, evaluates: Iterable[str], themes: Iterable[str]) -> str:
    return " ".join([text, text, *evaluates, *themes])


class Matcher:
    """Ranks reference questions, bank questions and company values for an answer."""

    def __init__(self, model: QuestionModel, kb: object) -> None:
        from starl.knowledge import KnowledgeBase

        assert isinstance(kb, KnowledgeBase)
        self.model = model
        self.kb = kb
        self.bank_ids = [q.id for q in kb.questions.values() if q.source == "bank"]
        profiles = []
        for qid in self.bank_ids:
            q = kb.questions[qid]
            theme_text = [kb.themes[t].name + " " + kb.themes[t].description for t in q.themes]
            profiles.append(model.sparse_vector(question_profile(q.text, q.evaluates, theme_text)))
        # Question profiles use a few thousand of the model's terms: keep only those
        # columns, so ranking the bank costs a small product instead of a full one.
        empty = np.zeros(0, dtype=np.int64)
        self.bank_terms = np.unique(np.concatenate([empty] + [ids for ids, _ in profiles]))
        self.bank_matrix = np.zeros((len(profiles), len(self.bank_terms)))
        for row, (ids, weights) in enumerate(profiles):
            self.bank_matrix[row, np.searchsorted(self.bank_terms, ids)] = weights

    def rank(
        self, text: str, related: int = 5, values: int = 8
    ) -> tuple[list[QuestionMatch], list[QuestionMatch], list[ValueMatch]]:
        terms_in, tfidf = self.model.sparse_vector(text)
        probs = self.model.sparse_probabilities(terms_in, tfidf)
        # The answer's weights on the bank's terms only (the rest meet zeros in the matrix).
        bank_vec = np.zeros(len(self.bank_terms))
        if len(self.bank_terms):
            at = np.minimum(np.searchsorted(self.bank_terms, terms_in), len(self.bank_terms) - 1)
            shared = self.bank_terms[at] == terms_in
            bank_vec[at[shared]] = tfidf[shared]
        matches = sorted(
            (
                QuestionMatch(qid, round(float(p), 3))
                for qid, p in zip(self.model.classes, probs, strict=True)
            ),
            key=lambda m: -m.score,
        )
        sims = self.bank_matrix @ bank_vec
        order = np.argsort(-sims)[:related]
        related_matches = [QuestionMatch(self.bank_ids[i], round(float(sims[i]), 3)) for i in order]
        weights: dict[tuple[str, str], float] = {}
        for match in matches[:3]:
            for ref in self.kb.questions[match.question_id].values:
                company, value = ref.split(":", 1)
                weights[(company, value)] = weights.get((company, value), 0.0) + match.score
        top_sim = float(sims[order[0]]) if len(order) else 0.0
        for match in related_matches:
            share = match.score / top_sim if top_sim > 0 else 0.0
            for ref in self.kb.questions[match.question_id].values:
                company, value = ref.split(":", 1)
                weights[(company, value)] = weights.get((company, value), 0.0) + 0.25 * share
        peak = max(weights.values(), default=0.0)
        value_matches = [
            ValueMatch(company, value, round(score / peak, 3))
            for (company, value), score in sorted(weights.items(), key=lambda kv: -kv[1])[:values]
            if peak > 0
        ]
        return matches, related_matches, value_matches


@functools.cache
def load_matcher() -> Matcher:
    from starl.knowledge import load_knowledge

    return Matcher(load_question_model(), load_knowledge())
