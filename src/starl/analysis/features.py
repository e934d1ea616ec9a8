"""Features of one unit in its answer, as a sparse name -> value mapping.

The same function feeds training (`make train`) and analysis, so the two can never
disagree about what a feature means.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence

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


def _lexical_items(words: list[str]) -> list[tuple[str, float]]:
    """A unit's word, bigram and word-class features, unprefixed and unweighted: each unit
    is counted once and then lent, prefixed, to its neighbours."""
    items = [(f"w:{w}", 1.0) for w in words]
    items += [(f"b:{a}_{b}", 1.0) for a, b in itertools.pairwise(words)]
    hits: dict[str, int] = {}
    for w in words:
        for name in _CLASSES_OF.get(w, ()):
            hits[name] = hits.get(name, 0) + 1
    items += [(f"c:{name}", min(hits[name], 3) / 3) for name in WORD_CLASSES if name in hits]
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


def unit_features(units: Sequence[Unit], text: str) -> list[Features]:
    """One feature mapping per unit; context from the neighbours and the whole answer."""
    words = [_words(u) for u in units]
    lexical = [_lexical_items(ws) for ws in words]
    markers = [marker_at_start(u.text) for u in units]
    has_markers = any(markers)
    transcript = not re.search(r"[.!?,;:]", text) or all(
        u.text == u.text.lower() for u in units[:3]
    )
    n = len(units)
    length = max(len(text), 1)
    vectors = load_word_vectors()
    out: list[Features] = []
    last_marker: str | None = None
    marks = _landmarks(units, words)
    # How much of the whole answer is "I would...": a framework answer is mostly Action.
    hypothetical = f"answer_hypothetical:{_bucket(hypothetical_share(text), (0.2, 0.5, 0.8))}"
    for i, unit in enumerate(units):
        ws = words[i]
        # Word, bigram, class and stem features (own and neighbours') go to `lex`, the rest
        # to `feats`. A transcript unit also gets a twin, "T|" + name, of each of the rest:
        # an opening, a position or a length means something else in speech.
        lex: Features = {}
        feats: Features = {"bias": 1.0}
        _lexical("", lexical[i], 1.0, lex)
        lex.update(dict.fromkeys([f"s:{stem(w)}" for w in ws], 1.0))
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
        content = [w for w in ws if w not in _OPENING_SKIP]
        lead = vectors.mean(opening[:2])
        for names, vector in ((_MEAN_NAMES, vectors.mean(content)), (_LEAD_NAMES, lead)):
            if vector is not None:  # halving a float32 is exact, as is widening it
                feats.update(zip(names, (vector * 0.5).tolist(), strict=True))
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
        for offset, prefix in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            j = i + offset
            if not 0 <= j < n:
                feats[f"{prefix}:edge"] = 1.0
                continue
            near = words[j]
            if abs(offset) == 1:
                _lexical(prefix, lexical[j], 0.5, lex)
            else:
                lex.update(dict.fromkeys([f"{prefix}w:{w}" for w in near], 0.25))
            near_open = _opening(near)
            if near_open:
                feats[f"{prefix}o2:{'_'.join(near_open[:2])}"] = 1.0
            if markers[j]:
                feats[f"{prefix}marker:{markers[j]}"] = 1.0
        if unit.clause_index > 0:
            head = next((words[j] for j in range(i - 1, -1, -1) if units[j].clause_index == 0), [])
            head_open = _opening(head)
            if head_open:
                feats[f"so2:{'_'.join(head_open[:2])}"] = 1.0
        twins = {f"T|{k}": v for k, v in feats.items()} if transcript else {}
        out.append(lex | feats | twins)
    return out
