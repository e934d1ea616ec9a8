"""The analysis of one answer, as plain data with a JSON form (`Analysis.to_dict`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class AnswerSegment:
    """A run of the answer that belongs to one component; offsets index the input text."""

    component: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ComponentReport:
    present: bool
    words: int
    seconds: float
    target_seconds: int
    status: str


@dataclass(frozen=True)
class Flag:
    code: str
    component: str | None
    message: str
    suggestion: str


@dataclass(frozen=True)
class QuestionMatch:
    question_id: str
    score: float


@dataclass(frozen=True)
class ValueMatch:
    company: str
    value_id: str
    score: float


@dataclass
class Analysis:
    """Everything starl says about one answer."""

    text: str
    segments: list[AnswerSegment]
    components: dict[str, ComponentReport]
    words: int
    wpm: float
    total_seconds: float
    timed: bool  # True when seconds were measured from timed words, not estimated
    flags: list[Flag]
    matches: list[QuestionMatch]
    related_questions: list[QuestionMatch]
    values: list[ValueMatch]
    followups: list[str]
    score: int
    subscores: dict[str, int]
    fillers: int = 0
    question: str | None = None
    id: str | None = None

    def flag_codes(self) -> list[str]:
        return [f.code for f in self.flags]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `starl analyze --json` and `POST /api/analyze`."""
        data: dict[str, Any] = {"id": self.id} if self.id is not None else {}
        data.update(
            {
                "question": self.question,
                "segments": [asdict(s) for s in self.segments],
                "components": {name: asdict(c) for name, c in self.components.items()},
                "words": self.words,
                "wpm": self.wpm,
                "total_seconds": self.total_seconds,
                "timing": "measured" if self.timed else "estimated",
                "fillers": self.fillers,
                "flags": [asdict(f) for f in self.flags],
                "matches": [asdict(m) for m in self.matches],
                "related_questions": [asdict(m) for m in self.related_questions],
                "values": [asdict(v) for v in self.values],
                "followups": self.followups,
                "score": self.score,
                "subscores": self.subscores,
            }
        )
        return data
