"""The labelled answer corpus: loading, word labels, transcript variants and the split.

Training and benchmarking code only; nothing here is imported by `starl` at run time.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

from starl.analysis.segment import word_labels
from starl.analysis.units import split_units, tokenize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LABELS = ("situation", "task", "action", "result", "lesson", "none")
COMPONENTS = LABELS[:5]
STYLES = ("prose", "markers", "bullets", "reordered", "transcript", "framework")
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Answer:
    id: str
    story: str
    question_id: str | None
    prompt: str | None
    style: str
    flaws: tuple[str, ...]
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, label), tiling the labelled text
    industry: str = ""
    seniority: str = ""
    derived_from: str | None = None

    @property
    def variant(self) -> str:
        """The style, with derived transcripts told apart from written ones."""
        return "transcript-derived" if self.derived_from else self.style

    def label_at(self, offset: int) -> str:
        for start, end, label in self.spans:
            if start <= offset < end:
                return label
        return "none"

    def word_labels(self) -> list[str]:
        return word_labels(self.text, self.spans)


def assemble(segments: list[dict[str, str]]) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Join segments as the corpus README says: one space, none after a newline."""
    text = ""
    spans = []
    for seg in segments:
        if text and not text.endswith(("\n", " ")):
            text += " "
        start = len(text)
        text += seg["text"]
        spans.append((start, len(text), seg["label"]))
    return text, tuple(spans)


def load_raw(paths: list[Path] | None = None) -> list[Answer]:
    paths = paths or sorted((CORPUS / "raw").glob("*.jsonl"))
    answers = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, spans = assemble(row["segments"])
            except (json.JSONDecodeError, KeyError) as exc:
                raise ValueError(f"{path.name}:{number}: {exc}") from exc
            answers.append(
                Answer(
                    id=row["id"],
                    story=row.get("story") or row["id"],
                    question_id=row.get("question_id"),
                    prompt=row.get("prompt"),
                    style=row["style"],
                    flaws=tuple(row.get("flaws") or ()),
                    text=text,
                    spans=spans,
                    industry=row.get("industry", ""),
                    seniority=row.get("seniority", ""),
                )
            )
    return answers


# -- transcript variants ---------------------------------------------------------------
FILLERS = ("um", "uh", "like", "you know", "so", "i mean", "basically", "kind of", "right")
_MARKER = re.compile(
    r"^\s*(?:\*\*)?\s*(?:situation|context|background|task|my role|role|action|actions|"
    r"what i did|result|results|outcome|impact|lesson|lessons|learning|takeaway|takeaways)"
    r"\s*(?:\*\*)?\s*:\s*(?:\*\*)?\s*",
    re.IGNORECASE,
)


def _speak(text: str, rng: random.Random) -> list[str]:
    """Words as a recogniser would write them: lower case, no punctuation."""
    text = _MARKER.sub("", text) if rng.random() < 0.75 else text
    text = re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    text = text.replace("%", " percent" if rng.random() < 0.5 else "%")
    text = text.replace("->", " to ").replace("→", " to ").replace("&", " and ")
    words = []
    for token in text.split():
        token = token.lower()
        token = re.sub(r"(?<=\d),(?=\d{3})", "", token)  # 5,000 is said "5000"
        token = re.sub(r"(?<=\d)\.(?=\d)", "\0", token)  # keep 0.85
        token = re.sub(r"[^\w'%$\0]+", " ", token).replace("\0", ".")
        words.extend(t.strip("'_") for t in token.split() if t.strip("'_"))
    return words


# Typed styles a speaker could say aloud as they are (bullet notes are not).
TYPED = {"prose", "markers", "reordered", "framework"}


def spoken_with_cuts(answer: Answer, seed: int) -> tuple[list[str], set[int]]:
    """The answer's words as speech, and the indexes where a typed clause began."""
    rng = random.Random(f"{answer.id}:boundaries:{seed}")
    filler_rate = rng.choice((0.0, 0.02, 0.05, 0.08))
    words: list[str] = []
    cuts: set[int] = set()
    for unit in split_units(answer.text):
        if words:
            cuts.add(len(words))
        for word in _speak(unit.text, rng):
            if rng.random() < filler_rate:
                words.extend(rng.choice(FILLERS).split())
            if rng.random() < 0.01:
                words.append(word)
            words.append(word)
    # The same normalisation the analyzer applies to transcript tokens.
    return [t.norm for t in tokenize(" ".join(words))], cuts


def derive_transcript(answer: Answer, seed: int) -> Answer:
    """A spoken version of a typed answer: fillers, false starts, no punctuation."""
    rng = random.Random(f"{answer.id}:{seed}")
    filler_rate = rng.choice((0.01, 0.03, 0.05, 0.08))
    stutter_rate = rng.choice((0.0, 0.01, 0.02))
    segments = []
    for start, end, label in answer.spans:
        words = _speak(answer.text[start:end], rng)
        spoken: list[str] = []
        for i, word in enumerate(words):
            if rng.random() < filler_rate:
                spoken.append(rng.choice(FILLERS))
            if i + 1 < len(words) and rng.random() < stutter_rate:
                spoken.append(word)
            spoken.append(word)
        if spoken:
            segments.append({"label": label, "text": " ".join(spoken)})
    text, spans = assemble(segments)
    return replace(
        answer,
        id=f"{answer.id}~spoken",
        style="transcript",
        text=text,
        spans=spans,
        derived_from=answer.id,
        flaws=answer.flaws,
    )


def with_derived(answers: list[Answer], seed: int = 7) -> list[Answer]:
    """The corpus plus a spoken variant of every typed answer written as sentences.

    Bullet notes are left out: nobody speaks in fragments like "- AUC .81 -> .88".
    """
    typed = [a for a in answers if a.style in {"prose", "markers", "reordered"}]
    return answers + [derive_transcript(a, seed) for a in typed]


def _rebuild(answer: Answer, segments: list[dict[str, str]], suffix: str, style: str) -> Answer:
    text, spans = assemble(segments)
    return replace(
        answer,
        id=f"{answer.id}~{suffix}",
        style=style,
        text=text,
        spans=spans,
        derived_from=answer.id,
    )


def _segments(answer: Answer) -> list[dict[str, str]]:
    return [
        {"label": lab, "text": answer.text[s:e].strip()}
        for s, e, lab in answer.spans
        if answer.text[s:e].strip()
    ]


def derive_reordered(answer: Answer, seed: int) -> Answer | None:
    """Training-only variant: the Result or the Lesson moved to the front, or T before S."""
    if answer.style not in {"prose", "markers"}:
        return None
    rng = random.Random(f"{answer.id}:reorder:{seed}")
    segments = _segments(answer)
    move = rng.choice(("result", "lesson", "task"))
    moved = [s for s in segments if s["label"] == move]
    if not moved:
        return None
    rest = [s for s in segments if s["label"] != move]
    lead = [s for s in rest[:1] if s["label"] == "none"]
    return _rebuild(answer, lead + moved + rest[len(lead) :], "reordered", "reordered")


def derive_lesson_middle(answer: Answer) -> Answer | None:
    """Training-only variant: the Lesson told halfway through the Action, which then goes on
    ("...I re-ran the backtest. That is when I learned... So I rebuilt the features...")."""
    if answer.style not in {"prose", "markers"}:
        return None
    segments = _segments(answer)
    lessons = [s for s in segments if s["label"] == "lesson"]
    actions = [i for i, s in enumerate(segments) if s["label"] == "action"]
    if not lessons or not actions:
        return None
    first = segments[actions[0]]
    sentences: dict[int, list[int]] = {}
    for unit in split_units(first["text"]):
        sentences.setdefault(unit.sentence_index, [unit.start, unit.end])[1] = unit.end
    if len(sentences) < 3:
        return None
    cut = sorted(sentences.values())[len(sentences) // 2][0]
    before = {"label": "action", "text": first["text"][:cut].strip()}
    after = {"label": "action", "text": first["text"][cut:].strip()}
    rest = [s for s in segments if s["label"] != "lesson"]
    at = rest.index(first)
    return _rebuild(
        answer, [*rest[:at], before, *lessons, after, *rest[at + 1 :]], "midlesson", "reordered"
    )


def derive_terse(answer: Answer) -> Answer | None:
    """Training-only variant: every component cut to its first sentence, the way a nervous
    candidate answers in 60 words. With B/I tags the model otherwise learns that an Action
    always runs to several clauses, and absorbs a one-sentence Result after a
    one-sentence Action."""
    if answer.style not in {"prose", "markers"}:
        return None
    segments = []
    for seg in _segments(answer):
        units = split_units(seg["text"])
        if not units:  # blank text: nothing to cut
            segments.append(seg)
            continue
        first = [u for u in units if u.sentence_index == units[0].sentence_index]
        segments.append({"label": seg["label"], "text": seg["text"][: first[-1].end]})
    return _rebuild(answer, segments, "terse", answer.style)


def derive_unmarked(answer: Answer) -> Answer | None:
    """Training-only variant: a marker answer with its markers taken out."""
    if answer.style != "markers":
        return None
    segments = []
    for seg in _segments(answer):
        text = _MARKER.sub("", seg["text"])
        text = text[:1].upper() + text[1:]
        if text.strip():
            segments.append({"label": seg["label"], "text": text})
    return _rebuild(answer, segments, "unmarked", "prose")


def derive_bullets(answer: Answer) -> Answer | None:
    """Training-only variant: a prose answer written as one bullet per sentence or clause."""
    if answer.style not in {"prose", "reordered"}:
        return None
    segments = []
    for unit in split_units(answer.text):
        label = answer.label_at(unit.words[0].start) if unit.words else "none"
        text = re.sub(r"^(?:and|so|but|which|then)\s+", "", unit.text.rstrip(".,;"))
        segments.append({"label": label, "text": f"- {text}\n"})
    return _rebuild(answer, segments, "bulleted", "bullets")


def derive_dropped(answer: Answer, seed: int) -> Answer | None:
    """Training-only variant: one component the answer has (not its Action) taken out
    whole, the way an answer reads when the speaker forgets it."""
    if answer.style == "framework":
        return None
    segments = _segments(answer)
    present = [
        c
        for c in ("situation", "task", "result", "lesson")
        if any(s["label"] == c for s in segments)
    ]
    if not present:
        return None
    drop = random.Random(f"{answer.id}:drop:{seed}").choice(present)
    kept = [s for s in segments if s["label"] != drop]
    return _rebuild(answer, kept, f"no-{drop}", answer.style)


# The variants a speaker tells aloud too, by the end of their id.
SPOKEN_VARIANTS = ("~reordered", "~midlesson", "~terse")


def training_variants(answers: list[Answer], seed: int = 7) -> list[Answer]:
    """Extra training answers made from typed ones; never used for scoring."""
    out, dropped = [], []
    for answer in answers:
        if answer.derived_from:
            continue
        move = random.Random(f"{answer.id}:{seed}").choice(("result", "lesson", "task"))
        variants = [
            derive_reordered(answer, move),
            derive_lesson_middle(answer),
            derive_terse(answer),
            derive_unmarked(answer),
            derive_bullets(answer),
        ]
        out += [v for v in variants if v is not None]
        if (variant := derive_dropped(answer, seed)) is not None:
            dropped.append(variant)
    # A speaker tells a story out of order or in a few words too: those variants, spoken.
    out += [derive_transcript(v, seed) for v in out if v.id.endswith(SPOKEN_VARIANTS)]
    # ... and forgets a part aloud as often as on paper.
    out += dropped + [derive_transcript(v, seed) for v in dropped if v.style in TYPED]
    return out


# -- the split -------------------------------------------------------------------------
def split_of(story: str) -> str:
    """Train 70%, dev 15%, test 15%, fixed by a hash of the story id (never reshuffled)."""
    bucket = int(hashlib.sha256(story.encode()).hexdigest(), 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def fold_of(story: str, folds: int) -> int:
    """The cross-validation fold of a story inside train + dev (by a hash, like the split)."""
    return int(hashlib.md5(story.encode()).hexdigest(), 16) % folds


def load_splits(seed: int = 7) -> dict[str, list[Answer]]:
    answers = with_derived(load_raw(), seed)
    return {name: [a for a in answers if split_of(a.story) == name] for name in SPLITS}
