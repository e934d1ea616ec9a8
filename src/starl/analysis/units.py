"""Cut an answer into the small units the component model labels: lines, sentences, clauses.

A component may change in the middle of a sentence ("...so I retrained it | and recall
went back to 94%"), and a speech transcript has no punctuation at all, so sentences are
cut again at clause boundaries: after `;`, before a conjunction that opens a new clause,
and in transcripts before discourse markers and fillers and wherever the learned boundary
model (`boundaries`) would put a full stop or comma back. Every unit keeps its character
offsets into the original text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")
_EDGE_PUNCT = "\"'()[]{}*_`“”‘’«»"

# Words that open a new clause when they follow a comma (or stand after `and`).
CLAUSE_OPENERS = frozenset(
    """and but so which then because while after until although though whereas once since
    when where yet plus meaning instead""".split()
)
# After a bare `and`/`but`/`so` (no comma), these mark the start of a new clause subject.
SUBJECT_STARTS = frozenset(
    """i we it they he she that this these those the our my their his her its you everyone
    nobody none nothing everything most half recall precision latency accuracy revenue
    churn conversion adoption costs cost within by after""".split()
)
# Where a transcript (no punctuation) opens a new clause.
SPEECH_OPENERS = frozenset(
    """so but because which although though whereas okay ok anyway basically honestly
    actually um uh erm er""".split()
)
SPEECH_PHRASES = frozenset(
    {
        ("and", "then"),
        ("and", "so"),
        ("after", "that"),
        ("long", "story"),
        ("in", "the"),
        ("what", "i"),
        ("the", "result"),
        ("the", "lesson"),
        ("the", "outcome"),
        ("the", "impact"),
        ("the", "big"),
        ("the", "main"),
        ("the", "thing"),
        ("my", "job"),
        ("my", "role"),
        ("my", "task"),
        ("since", "then"),
        ("these", "days"),
        ("looking", "back"),
        ("now", "i"),
        ("by", "the"),
        ("within", "a"),
        ("in", "hindsight"),
    }
)
_NO_CUT_BEFORE_PRONOUN = frozenset(
    """and so but then that because which um uh when if as what where how why whether while
    than like know mean think said told guess once until after before""".split()
)
MIN_UNIT_WORDS = 3
MAX_TRANSCRIPT_UNIT_WORDS = 24


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def norm(self) -> str:
        return self.text.strip(_EDGE_PUNCT + ".,;:!?").lower()

    @property
    def is_word(self) -> bool:
        return bool(_ALNUM.search(self.text))


@dataclass(frozen=True)
class Unit:
    """A clause-sized run of the answer, the thing the model labels."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    line_index: int
    sentence_index: int
    clause_index: int  # 0 for the first clause of its sentence
    bullet: bool

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def words_of(text: str) -> list[Token]:
    """The spoken words of `text` with their character offsets."""
    return list(_words_of(text))


@functools.lru_cache(maxsize=16)
def _words_of(text: str) -> tuple[Token, ...]:
    # One analysis asks for the words of the same answer several times (checks, units,
    # labels, timing); tokens are frozen, so the copies can share them.
    return tuple(t for t in tokenize(text) if t.is_word)


def looks_like_transcript(text: str) -> bool:
    """Speech-recogniser output: long runs of words with hardly any punctuation."""
    words = words_of(text)
    if len(words) < 25:
        return False
    # A stop inside a figure ("0.88", "1,800") is no punctuation: a recogniser writes those.
    stops = len(re.findall(r"[.!?;:,](?!\w)", text))
    return stops / len(words) < 0.02


def _sentences(line: str) -> list[tuple[int, int]]:
    from sentencex import segment  # type: ignore[import-untyped]  # small; first use

    spans = []
    offset = 0
    for piece in segment("en", line):
        start, end = offset, offset + len(piece)
        offset = end
        if piece.strip():
            spans.append((start, end))
    if offset != len(line):  # the splitter must tile the line; fall back to one sentence
        return [(0, len(line))]
    return spans


def _typed_cuts(tokens: list[Token]) -> list[int]:
    """Token indexes before which a typed sentence opens a new clause."""
    cuts = []
    norms = [t.norm for t in tokens] + [""]
    for i in range(1, len(tokens)):
        prev, cur, nxt = tokens[i - 1].text, norms[i], norms[i + 1]
        if (
            prev.endswith(";")
            or prev in {"-", "–", "—", "->", "→"}
            or (prev.endswith((",", "—", "–", ")")) and cur in CLAUSE_OPENERS)
            or (cur in {"and", "but", "so"} and (nxt in SUBJECT_STARTS or nxt in CLAUSE_OPENERS))
            or cur in {"which", "because", "until", "whereas", "although"}
        ):
            cuts.append(i)
    return cuts


def _speech_cuts(tokens: list[Token]) -> list[int]:
    """Token indexes before which a transcript run opens a new clause."""
    cuts = []
    norms = [t.norm for t in tokens] + [""]
    for i in range(1, len(tokens)):
        prev, cur, nxt = norms[i - 1], norms[i], norms[i + 1]
        if prev in SPEECH_OPENERS and cur in SPEECH_OPENERS:
            continue  # "so um": cut once, before the first
        if (
            cur in SPEECH_OPENERS
            or (cur, nxt) in SPEECH_PHRASES
            or (cur == "and" and nxt in SUBJECT_STARTS)
            or (cur in {"i", "we"} and prev not in _NO_CUT_BEFORE_PRONOUN)
        ):
            cuts.append(i)
    return cuts


def _learned_cuts(tokens: list[Token]) -> tuple[list[int], list[float]]:
    """Token indexes where the boundary model would put back a full stop or comma, and
    its chance of one before every token."""
    from starl.analysis.boundaries import load_boundary_model

    model = load_boundary_model()
    chances = model.probabilities([t.norm for t in tokens])
    return model.cuts_at(chances), chances


def _apply_cuts(n: int, cuts: list[int], min_words: int) -> list[tuple[int, int]]:
    """Token ranges from cut points, dropping cuts that would leave a tiny piece."""
    ranges = []
    start = 0
    for cut in sorted(set(cuts)):
        if cut - start >= min_words and n - cut >= min_words:
            ranges.append((start, cut))
            start = cut
    ranges.append((start, n))
    return ranges


def _split_long(
    ranges: list[tuple[int, int]], limit: int, chances: Sequence[float]
) -> list[tuple[int, int]]:
    """Cut any range longer than `limit` tokens where a boundary is likeliest, again and
    again: a transcript run with no break words above the threshold is still several
    clauses."""
    out = []
    pending = list(reversed(ranges))
    while pending:
        start, end = pending.pop()
        if end - start <= limit:
            out.append((start, end))
            continue
        inner = range(start + MIN_UNIT_WORDS, end - MIN_UNIT_WORDS + 1)
        cut = max(inner, key=lambda i: (chances[i], -abs(2 * i - start - end)))
        pending += [(cut, end), (start, cut)]
    return out


def split_units(text: str) -> list[Unit]:
    """Lines, then sentences, then clauses, with offsets into `text`."""
    units: list[Unit] = []
    transcript = looks_like_transcript(text)
    sentence_index = 0
    line_start = 0
    for line_index, line in enumerate(text.split("\n")):
        bullet = bool(re.match(r"\s*(?:[-*•·]|\d+[.)])\s+", line))
        for s_start, s_end in _sentences(line) if line.strip() else []:
            base = line_start + s_start
            tokens = [
                Token(t.text, t.start + base, t.end + base) for t in tokenize(line[s_start:s_end])
            ]
            if not tokens:
                continue
            if transcript:
                learned, chances = _learned_cuts(tokens)
                ranges = _split_long(
                    _apply_cuts(len(tokens), _speech_cuts(tokens) + learned, MIN_UNIT_WORDS),
                    MAX_TRANSCRIPT_UNIT_WORDS,
                    chances,
                )
            else:
                ranges = _apply_cuts(len(tokens), _typed_cuts(tokens), MIN_UNIT_WORDS)
            for clause_index, (a, b) in enumerate(ranges):
                piece = tuple(tokens[a:b])
                start, end = piece[0].start, piece[-1].end
                units.append(
                    Unit(
                        start,
                        end,
                        text[start:end],
                        piece,
                        line_index,
                        sentence_index,
                        clause_index,
                        bullet,
                    )
                )
            sentence_index += 1
        line_start += len(line) + 1
    return units
