"""Features of one unit in its answer, as a sparse name -> value mapping.

The same function feeds training (`make train`) and analysis, so the two can never
disagree about what a feature means.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from starl.analysis.lexicon import (
    FILLER_WORDS,
    FIRST_PLURAL,
    FIRST_SINGULAR,
    WORD_CLASSES,
    has_quantity,
    hypothetical_share,
    marker_at_start,
)
from starl.analysis.units import Unit
from starl.analysis.wordvectors import DIMENSIONS, load_word_vectors

Features = dict[str, float]

# Words skipped when finding how a unit "opens": fillers and connectives.
_OPENING_SKIP = FILLER_WORDS | frozenset(
    """so and but then also like okay ok well yeah yes right basically actually honestly
    anyway plus um uh""".split()
)
_PUNCT = re.compile(r"^[^\w$%€£]+|[^\w%]+$")
# The neighbours a unit sees, and the prefix of their features.
_NEIGHBOURS = ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn"))
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")


@functools.lru_cache(maxsize=65536)
def normalise(token: str) -> str:
    """Lower case, no edge punctuation, numbers reduced to their shape (cached: tokens repeat)."""
    word = _PUNCT.sub("", token.lower().replace("’", "'"))
    if not word:
        return ""
    if "%" in word or word in {"percent", "pct"}:
        return "<pct>"
    if word[0] in "$€£":
        return "<money>"
    if any(ch.isdigit() for ch in word):
        return "<x>" if re.fullmatch(r"\d+(\.\d+)?x", word) else "<num>"
    return word


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# The names of the dimensions of a unit's mean word vector and of its opening's.
_MEAN_NAMES = tuple(f"e{k}" for k in range(DIMENSIONS))
_LEAD_NAMES = tuple(f"oe{k}" for k in range(DIMENSIONS))


def _bucket(value: float, edges: Sequence[float]) -> int:
    return sum(value >= e for e in edges)


def _words(unit: Unit) -> list[str]:
    return [w for w in (normalise(t.text) for t in unit.tokens) if w]


def _opening(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) and words[i] in _OPENING_SKIP:
        i += 1
    return words[i : i + 3]


# For each word, the classes it belongs to, in WORD_CLASSES order.
_CLASSES_OF: dict[str, tuple[str, ...]] = {}
for _name, _members in WORD_CLASSES.items():
    for _word in _members:
        _CLASSES_OF[_word] = (*_CLASSES_OF.get(_word, ()), _name)


def _class_values(words: list[str]) -> list[tuple[str, float]]:
    """The word classes a unit's words belong to, in WORD_CLASSES order, each valued by
    how many of its words are in it (1, 2, 3 or more: a third to one)."""
    hits: dict[str, int] = {}
    for w in words:
        for name in _CLASSES_OF.get(w, ()):
            hits[name] = hits.get(name, 0) + 1
    return [(name, min(hits[name], 3) / 3) for name in WORD_CLASSES if name in hits]


def _lexical_items(words: list[str], classes: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """A unit's word, bigram and word-class features, unprefixed and unweighted: each unit
    is counted once and then lent, prefixed, to its neighbours."""
    items = [(f"w:{w}", 1.0) for w in words]
    items += [(f"b:{a}_{b}", 1.0) for a, b in itertools.pairwise(words)]
    items += [(f"c:{name}", value) for name, value in classes]
    return items


def _lexical(prefix: str, items: list[tuple[str, float]], weight: float, feats: Features) -> None:
    feats.update({prefix + key: weight * value for key, value in items})


def _landmarks(units: Sequence[Unit], words: list[list[str]]) -> dict[str, float]:
    """Where the story turns: the first "I" clause, the first and last "I did" clauses,
    the first reflective clause and the first measured outcome. Each unit then knows
    whether it comes before or after each turn, which places a Result stated first or a
    Lesson in the middle better than its position alone."""
    n = len(units)
    classes = [{c for w in ws for c in _CLASSES_OF.get(w, ())} for ws in words]

    def where(test: Callable[[int], bool], last: bool = False) -> float:
        hits = [j for j in range(n) if test(j)]
        return (hits[-1] if last else hits[0]) if hits else (-1 if last else n)

    def has(j: int, cls: str) -> bool:
        return cls in classes[j]

    return {
        "first_i": where(lambda j: _opening(words[j])[:1] == ["i"]),
        "first_act": where(lambda j: has(j, "act") and "i" in words[j]),
        "last_act": where(lambda j: has(j, "act") and "i" in words[j], last=True),
        "first_reflection": where(lambda j: has(j, "reflection")),
        "first_outcome": where(lambda j: has(j, "outcome") and has_quantity(units[j].text)),
    }


@dataclass(frozen=True)
class _Answer:
    """What both feature paths compute the same way: each unit's words and word classes,
    and its other features, split where the word vectors go."""

    words: list[list[str]]
    classes: list[list[tuple[str, float]]]
    transcript: bool
    heads: list[Features]  # the features before the word vectors
    means: list[np.ndarray | None]  # mean vector of the content words
    leads: list[np.ndarray | None]  # mean vector of the first two opening words
    tails: list[Features]  # the features after the word vectors


def _answer(units: Sequence[Unit], text: str) -> _Answer:
    words = [_words(u) for u in units]
    markers = [marker_at_start(u.text) for u in units]
    has_markers = any(markers)
    transcript = not re.search(r"[.!?,;:]", text) or all(
        u.text == u.text.lower() for u in units[:3]
    )
    n = len(units)
    length = max(len(text), 1)
    vectors = load_word_vectors()
    heads: list[Features] = []
    tails: list[Features] = []
    means: list[np.ndarray | None] = []
    leads: list[np.ndarray | None] = []
    last_marker: str | None = None
    marks = _landmarks(units, words)
    # How much of the whole answer is "I would...": a framework answer is mostly Action.
    hypothetical = f"answer_hypothetical:{_bucket(hypothetical_share(text), (0.2, 0.5, 0.8))}"
    for i, unit in enumerate(units):
        ws = words[i]
        feats: Features = {"bias": 1.0}
        opening = _opening(ws)
        if opening:
            for name, members in WORD_CLASSES.items():
                if opening[0] in members:
                    feats[f"oc1:{name}"] = 1.0
                if len(opening) > 1 and opening[1] in members:
                    feats[f"oc2:{name}"] = 1.0
            feats[f"o1:{opening[0]}"] = 1.0
            feats[f"o2:{'_'.join(opening[:2])}"] = 1.0
            feats[f"o3:{'_'.join(opening[:3])}"] = 1.0
        if ws:
            feats[f"r1:{ws[0]}"] = 1.0
        heads.append(feats)
        means.append(vectors.mean([w for w in ws if w not in _OPENING_SKIP]))
        leads.append(vectors.mean(opening[:2]))
        feats = {}
        if markers[i]:
            last_marker = markers[i]
            feats[f"marker:{markers[i]}"] = 1.0
        elif last_marker:
            feats[f"under:{last_marker}"] = 1.0
        feats["answer_has_markers"] = float(has_markers)
        feats[hypothetical] = 1.0
        for name, at in marks.items():
            feats[f"{'after' if i > at else 'upto'}:{name}"] = 1.0
        singular = sum(w in FIRST_SINGULAR for w in ws)
        plural = sum(w in FIRST_PLURAL for w in ws)
        feats[f"i:{min(singular, 3)}"] = 1.0
        feats[f"we:{min(plural, 3)}"] = 1.0
        if has_quantity(unit.text):
            feats["quantity"] = 1.0
        relative = unit.start / length
        feats["pos"] = relative
        feats["pos2"] = relative * relative
        feats[f"posb:{_bucket(relative, (0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9))}"] = 1.0
        feats[f"len:{_bucket(len(ws), (4, 8, 16, 30))}"] = 1.0
        if i == 0:
            feats["first"] = 1.0
        if i == n - 1:
            feats["last"] = 1.0
        feats["sentence_start" if unit.clause_index == 0 else "continuation"] = 1.0
        if unit.bullet:
            feats["bullet"] = 1.0
        if transcript:
            feats["transcript"] = 1.0
        for offset, prefix in _NEIGHBOURS:
            j = i + offset
            if not 0 <= j < n:
                feats[f"{prefix}:edge"] = 1.0
                continue
            near_open = _opening(words[j])
            if near_open:
                feats[f"{prefix}o2:{'_'.join(near_open[:2])}"] = 1.0
            if markers[j]:
                feats[f"{prefix}marker:{markers[j]}"] = 1.0
        if unit.clause_index > 0:
            head = next((words[j] for j in range(i - 1, -1, -1) if units[j].clause_index == 0), [])
            head_open = _opening(head)
            if head_open:
                feats[f"so2:{'_'.join(head_open[:2])}"] = 1.0
        tails.append(feats)
    classes = [_class_values(ws) for ws in words]
    return _Answer(words, classes, transcript, heads, means, leads, tails)


def unit_features(units: Sequence[Unit], text: str) -> list[Features]:
    """One feature mapping per unit; context from the neighbours and the whole answer.

    Each unit has, in this order: its word, bigram, word-class and stem features, its
    neighbours' (prefixed p, n, pp and nn, at half and quarter weight), then the rest. A
    transcript unit also gets a twin, "T|" + name, of each of the rest: an opening, a
    position or a length means something else in speech."""
    answer = _answer(units, text)
    words = answer.words
    lexical = [_lexical_items(ws, cs) for ws, cs in zip(words, answer.classes, strict=True)]
    n = len(units)
    out: list[Features] = []
    for i in range(n):
        lex: Features = {}
        _lexical("", lexical[i], 1.0, lex)
        lex.update(dict.fromkeys([f"s:{stem(w)}" for w in words[i]], 1.0))
        for offset, prefix in _NEIGHBOURS:
            j = i + offset
            if not 0 <= j < n:
                continue
            if abs(offset) == 1:
                _lexical(prefix, lexical[j], 0.5, lex)
            else:
                lex.update(dict.fromkeys([f"{prefix}w:{w}" for w in words[j]], 0.25))
        feats = dict(answer.heads[i])
        for names, vector in ((_MEAN_NAMES, answer.means[i]), (_LEAD_NAMES, answer.leads[i])):
            if vector is not None:  # halving a float32 is exact, as is widening it
                feats.update(zip(names, (vector * 0.5).tolist(), strict=True))
        feats.update(answer.tails[i])
        twins = {f"T|{k}": v for k, v in feats.items()} if answer.transcript else {}
        out.append(lex | feats | twins)
    return out


class FeatureRows:
    """`unit_features` in a model's terms: the row in `index` and the value of each
    feature the model knows, unit by unit, in the order `unit_features` gives them.

    The numbers are the same; the work is not. A unit's ~200 names are not built and
    looked up one by one in the model's large index: a word's, a word pair's and a word
    class's rows (own and as a neighbour) are looked up once and kept.
    """

    _LIMIT = 100_000  # entries kept (about 18 MB) before the caches start afresh

    def __init__(self, index: Mapping[str, int]) -> None:
        self._index = index
        # word -> rows of w:, pw:, nw:, ppw:, nnw: and s:stem
        self._words: dict[str, tuple[int, int, int, int, int, int]] = {}
        # word pair -> rows of b:, pb:, nb:
        self._pairs: dict[tuple[str, str], tuple[int, int, int]] = {}
        # name of any other feature -> its row and its twin's
        self._names: dict[str, tuple[int, int]] = {}
        self._classes = {
            name: tuple(index.get(f"{p}c:{name}", -1) for p in ("", "p", "n"))
            for name in WORD_CLASSES
        }
        # The word vector dimensions the model knows, and their rows, plain and as twins.
        self._dense = {
            twin: [self._known_dims(names, twin) for names in (_MEAN_NAMES, _LEAD_NAMES)]
            for twin in ("", "T|")
        }

    def _known_dims(self, names: tuple[str, ...], twin: str) -> tuple[np.ndarray, list[int]]:
        dims = [k for k, name in enumerate(names) if twin + name in self._index]
        return np.asarray(dims, dtype=np.int64), [self._index[twin + names[k]] for k in dims]

    def _word(self, word: str) -> tuple[int, int, int, int, int, int]:
        rows = self._words.get(word)
        if rows is None:
            get = self._index.get
            w, p, n, pp, nn = (
                get(f"{prefix}w:{word}", -1) for prefix in ("", "p", "n", "pp", "nn")
            )
            rows = self._words[word] = (w, p, n, pp, nn, get(f"s:{stem(word)}", -1))
        return rows

    def _pair(self, pair: tuple[str, str]) -> tuple[int, int, int]:
        rows = self._pairs.get(pair)
        if rows is None:
            name = f"b:{pair[0]}_{pair[1]}"
            get = self._index.get
            rows = self._pairs[pair] = (get(name, -1), get("p" + name, -1), get("n" + name, -1))
        return rows

    def _named(self, feats: Features, twins: bool) -> list[tuple[list[int], list[float]]]:
        """Rows and values of the known features among `feats`; with `twins`, then also
        those of their twins."""
        rows = []
        for name in feats:
            pair = self._names.get(name)
            if pair is None:
                get = self._index.get
                pair = self._names[name] = (get(name, -1), get("T|" + name, -1))
            rows.append(pair)
        return [
            (
                [r[k] for r in rows if r[k] >= 0],
                [v for r, v in zip(rows, feats.values(), strict=True) if r[k] >= 0],
            )
            for k in ((0, 1) if twins else (0,))
        ]

    def of(self, units: Sequence[Unit], text: str) -> tuple[list[int], list[float], list[int]]:
        """Rows and values of the known features of all units, one after the other, and
        how many each unit has."""
        if len(self._words) + len(self._pairs) + len(self._names) > self._LIMIT:
            self._words.clear()
            self._pairs.clear()
            self._names.clear()
        answer = _answer(units, text)
        # Per unit, its lexical features as each reader sees them: itself (with stems),
        # the unit after it (p), before it (n), two after (pp) and two before (nn). The
        # groups have different prefixes, so their rows never meet; each is deduplicated
        # as the names are, first place kept.
        own: list[dict[int, float]] = []
        as_prev: list[dict[int, float]] = []
        as_next: list[dict[int, float]] = []
        as_prev2: list[dict[int, float]] = []
        as_next2: list[dict[int, float]] = []
        for ws, classes in zip(answer.words, answer.classes, strict=True):
            words = [self._word(w) for w in ws]
            pairs = [self._pair(pair) for pair in itertools.pairwise(ws)]
            hits = [(self._classes[name], value) for name, value in classes]
            groups = []
            for k, weight in ((0, 1.0), (1, 0.5), (2, 0.5)):
                group = dict.fromkeys([r[k] for r in words if r[k] >= 0], weight * 1.0)
                group.update(dict.fromkeys([r[k] for r in pairs if r[k] >= 0], weight * 1.0))
                group.update({r[k]: weight * value for r, value in hits if r[k] >= 0})
                groups.append(group)
            groups[0].update(dict.fromkeys([r[5] for r in words if r[5] >= 0], 1.0))
            own.append(groups[0])
            as_prev.append(groups[1])
            as_next.append(groups[2])
            as_prev2.append(dict.fromkeys([r[3] for r in words if r[3] >= 0], 0.25))
            as_next2.append(dict.fromkeys([r[4] for r in words if r[4] >= 0], 0.25))
        n = len(units)
        ids: list[int] = []
        values: list[float] = []
        sizes: list[int] = []
        for i in range(n):
            start = len(ids)
            lexical = [own[i]]
            lexical += [as_prev[i - 1]] if i >= 1 else []
            lexical += [as_next[i + 1]] if i + 1 < n else []
            lexical += [as_prev2[i - 2]] if i >= 2 else []
            lexical += [as_next2[i + 2]] if i + 2 < n else []
            for group in lexical:
                ids += group
                values += group.values()
            heads = self._named(answer.heads[i], answer.transcript)
            tails = self._named(answer.tails[i], answer.transcript)
            for k, twin in enumerate(("", "T|") if answer.transcript else ("",)):
                ids += heads[k][0]
                values += heads[k][1]
                for (dims, dense), vector in zip(
                    self._dense[twin], (answer.means[i], answer.leads[i]), strict=True
                ):
                    if vector is not None:
                        ids += dense
                        values += (vector[dims] * 0.5).tolist()
                ids += tails[k][0]
                values += tails[k][1]
            sizes.append(len(ids) - start)
        return ids, values, sizes
