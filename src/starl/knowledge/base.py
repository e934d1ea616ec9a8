"""Loading, cross-checking and querying the built-in content."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from starl.errors import KnowledgeBaseError, UnknownIdError
from starl.knowledge.schema import (
    CompaniesFile,
    Company,
    Framework,
    Question,
    QuestionsFile,
    Theme,
    ThemesFile,
)

M = TypeVar("M", bound=BaseModel)

REFERENCE_QUESTION_IDS = (
    "ml-project-failed",
    "disagreed-model-choice",
    "discovered-bias",
    "incomplete-data-decision",
    "explain-to-non-technical",
    "tight-deadline",
    "prioritize-projects",
    "mentored-someone",
    "convinced-new-approach",
    "biggest-lesson",
)


class KnowledgeBase:
    """Read-only view of the framework, themes, questions and companies, with lookups."""

    def __init__(
        self,
        framework: Framework,
        themes: Iterable[Theme],
        questions: Iterable[Question],
        companies: Iterable[Company],
    ) -> None:
        self.framework = framework
        self.themes = {t.id: t for t in themes}
        self.questions = {q.id: q for q in questions}
        self.companies = {c.id: c for c in companies}

    # -- lookups -----------------------------------------------------------------
    def question(self, question_id: str) -> Question:
        found = self.questions.get(question_id.strip().lower())
        if found is None:
            raise UnknownIdError("question", question_id, self.questions)
        return found

    def company(self, name: str) -> Company:
        """A company by id or display name, in any case ("amazon", "Amazon")."""
        key = name.strip().lower()
        for company in self.companies.values():
            if key in (company.id, company.name.lower()):
                return company
        raise UnknownIdError("company", name, self.companies)

    def theme(self, theme_id: str) -> Theme:
        found = self.themes.get(theme_id.strip().lower())
        if found is None:
            raise UnknownIdError("theme", theme_id, self.themes)
        return found

    def company_value(self, ref: str, company: Company | None = None) -> list[str]:
        """Resolve a value given as `company:value`, `value` or its name to `company:value` refs.

        A bare value id may belong to several companies ("collaboration"); all are returned
        unless `company` narrows the search.
        """
        key = ref.strip().lower()
        if ":" in key:
            company_part, key = key.split(":", 1)
            company = self.company(company_part)
        pool = [company] if company else list(self.companies.values())
        refs = [f"{c.id}:{v.id}" for c in pool for v in c.values if key in (v.id, v.name.lower())]
        if not refs:
            raise UnknownIdError("value", ref, (v.id for c in pool for v in c.values))
        return refs

    @property
    def reference_questions(self) -> list[Question]:
        return [q for q in self.questions.values() if q.source == "reference"]

    def questions_for_value(self, company_id: str, value_id: str) -> list[Question]:
        ref = f"{company_id}:{value_id}"
        return [q for q in self.questions.values() if ref in q.values]

    def find_questions(
        self,
        *,
        company: str | None = None,
        value: str | None = None,
        theme: str | None = None,
        search: str | None = None,
        kind: str | None = None,
    ) -> list[Question]:
        """Questions matching every filter given; `search` needs all its words to appear."""
        found = list(self.questions.values())
        chosen = self.company(company) if company else None
        if chosen is not None:
            prefix = f"{chosen.id}:"
            found = [q for q in found if any(v.startswith(prefix) for v in q.values)]
        if value:
            refs = set(self.company_value(value, chosen))
            found = [q for q in found if refs.intersection(q.values)]
        if theme:
            theme_id = self.theme(theme).id
            found = [q for q in found if theme_id in q.themes]
        if kind:
            found = [q for q in found if q.kind == kind]
        if search:
            words = search.lower().split()
            found = [q for q in found if all(w in _haystack(q) for w in words)]
        return found


def _haystack(question: Question) -> str:
    return " ".join([question.id, question.text, *question.themes, *question.evaluates]).lower()


# -- loading -------------------------------------------------------------------------
def _read(name: str) -> Any:
    path = resources.files("starl").joinpath("data", name)
    try:
        # libyaml's loader, when the wheel has it, parses the content several times faster
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"built-in content file {name} cannot be read: {exc}") from exc


def _parse(model: type[M], name: str) -> M:
    try:
        return model.model_validate(_read(name))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise KnowledgeBaseError(
            f"built-in content file {name} is invalid at {where}: {first['msg']}"
        ) from exc


def check_references(kb: KnowledgeBase) -> list[str]:
    """Every broken cross-reference in the content, as readable problems (empty when sound)."""
    problems = []
    for company in kb.companies.values():
        value_ids = [v.id for v in company.values]
        if len(set(value_ids)) != len(value_ids):
            problems.append(f"company {company.id} repeats a value id")
        problems += [
            f"company {company.id} focuses on unknown value {f}"
            for f in company.focus
            if f not in value_ids
        ]
    for question in kb.questions.values():
        problems += [
            f"question {question.id} has unknown theme {t}"
            for t in question.themes
            if t not in kb.themes
        ]
        for ref in question.values:
            company_id, value_id = ref.split(":", 1)
            owner = kb.companies.get(company_id)
            if owner is None or owner.value(value_id) is None:
                problems.append(f"question {question.id} names unknown value {ref}")
    for qid in REFERENCE_QUESTION_IDS:
        reference = kb.questions.get(qid)
        if reference is None or reference.source != "reference":
            problems.append(f"reference question {qid} is missing")
        elif not reference.model_answer:
            problems.append(f"reference question {qid} has no model answer")
    return problems


@functools.cache
def load_knowledge() -> KnowledgeBase:
    """Load and validate the built-in content once per process."""
    framework = _parse(Framework, "framework.yaml")
    themes = _parse(ThemesFile, "themes.yaml").themes
    reference = _parse(QuestionsFile, "reference_questions.yaml").questions
    bank = _parse(QuestionsFile, "question_bank.yaml").questions
    companies = _parse(CompaniesFile, "companies.yaml").companies
    questions = [q.model_copy(update={"source": "reference"}) for q in reference]
    questions += [q.model_copy(update={"source": "bank"}) for q in bank]
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise KnowledgeBaseError(f"question ids used twice: {', '.join(duplicates)}")
    kb = KnowledgeBase(framework, themes, questions, companies)
    problems = check_references(kb)
    if problems:
        raise KnowledgeBaseError(f"{len(problems)} broken references, first: {problems[0]}")
    return kb
