"""Pydantic schema of the built-in content: every data file is validated by these models."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from starl.timing import ComponentTiming, count_words, estimate_seconds, timing_status

ComponentId = Literal["situation", "task", "action", "result", "lesson"]
COMPONENT_IDS: tuple[ComponentId, ...] = ("situation", "task", "action", "result", "lesson")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
ValueRef = Annotated[str, StringConstraints(pattern=r"^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ComponentSpec(_Strict):
    """One STARL component: its target time and what belongs in it."""

    id: ComponentId
    name: Text
    target_seconds: int = Field(gt=0)
    covers: Text
    ask_yourself: Text
    openings: list[Text]


class Tip(_Strict):
    title: Text
    detail: Text


class Framework(_Strict):
    """The STARL method: components in order, their budgets, and the tips."""

    name: Text
    summary: Text
    words_per_minute: int = Field(gt=0)
    short_ratio: float = Field(gt=0)
    long_ratio: float = Field(gt=1)
    over_budget_ratio: float = Field(gt=1)
    too_short_seconds: int = Field(gt=0)
    too_long_seconds: int = Field(gt=0)
    components: list[ComponentSpec]
    tips: list[Tip] = Field(min_length=1)

    @field_validator("components")
    @classmethod
    def _all_five_in_order(cls, value: list[ComponentSpec]) -> list[ComponentSpec]:
        if tuple(c.id for c in value) != COMPONENT_IDS:
            raise ValueError(f"components must be {', '.join(COMPONENT_IDS)} in that order")
        return value

    @property
    def total_seconds(self) -> int:
        return sum(c.target_seconds for c in self.components)

    def component(self, component_id: str) -> ComponentSpec:
        return next(c for c in self.components if c.id == component_id)

    def time_components(
        self, words_by_component: Mapping[str, int], wpm: int | None = None
    ) -> list[ComponentTiming]:
        """Each component's words, estimated seconds and status against its target."""
        rate = wpm or self.words_per_minute
        timings = []
        for spec in self.components:
            words = words_by_component.get(spec.id, 0)
            seconds = estimate_seconds(words, rate)
            status = timing_status(seconds, spec.target_seconds, self.short_ratio, self.long_ratio)
            timings.append(ComponentTiming(spec.id, words, seconds, spec.target_seconds, status))
        return timings

    def time_segments(
        self, segments: list[Segment], wpm: int | None = None
    ) -> list[ComponentTiming]:
        """Timing of a labelled answer such as a model answer."""
        words: dict[str, int] = {}
        for segment in segments:
            words[segment.component] = words.get(segment.component, 0) + count_words(segment.text)
        return self.time_components(words, wpm)


class Theme(_Strict):
    id: Slug
    name: Text
    description: Text


class Segment(_Strict):
    """A run of a model answer that belongs to one STARL component."""

    component: ComponentId
    text: Text

    @field_validator("text")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return re.sub(r"\s+", " ", value)


class Question(_Strict):
    """A behavioral question, with what it probes and, for reference questions, a model answer."""

    id: Slug
    text: Text
    kind: Literal["story", "approach", "reflection"] = "story"
    ml: bool
    themes: list[Slug] = Field(min_length=1)
    values: list[ValueRef] = Field(default_factory=list)
    evaluates: list[Text] = Field(default_factory=list)
    model_answer: list[Segment] | None = None
    source: Literal["reference", "bank"] = "bank"

    @property
    def company_values(self) -> list[tuple[str, str]]:
        """The (company id, value id) pairs this question probes."""
        return [(ref.split(":", 1)[0], ref.split(":", 1)[1]) for ref in self.values]


class CompanyValue(_Strict):
    id: Slug
    name: Text
    description: Text
    listens_for: Text


class Company(_Strict):
    """A company's behavioral framework: its values and how many stories each needs."""

    id: Slug
    name: Text
    framework: Text
    summary: Text
    stories_per_value: int = Field(ge=1)
    focus: list[Slug]
    emphasis: Text | None = None
    tips: list[Text] = Field(default_factory=list)
    values: list[CompanyValue] = Field(min_length=1)

    def value(self, value_id: str) -> CompanyValue | None:
        return next((v for v in self.values if v.id == value_id), None)

    @property
    def stories_to_prepare(self) -> int:
        return self.stories_per_value * len(self.values)


class ThemesFile(_Strict):
    themes: list[Theme]


class QuestionsFile(_Strict):
    questions: list[Question]


class CompaniesFile(_Strict):
    companies: list[Company]
