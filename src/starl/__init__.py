"""starl: an offline coach for the behavioral interviews of ML engineers, built on STARL.

The public API is what `__all__` lists. Names load on first use, so that `import starl`
(and so `starl --help`) stays instant.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "analyze": "starl.analysis.analyze",
    "Analysis": "starl.analysis.result",
    "AnswerError": "starl.analysis.analyze",
    "TimedWord": "starl.analysis.analyze",
    "load_knowledge": "starl.knowledge",
    "KnowledgeBase": "starl.knowledge",
    "Framework": "starl.knowledge",
    "ComponentSpec": "starl.knowledge",
    "Question": "starl.knowledge",
    "Segment": "starl.knowledge",
    "Company": "starl.knowledge",
    "CompanyValue": "starl.knowledge",
    "Theme": "starl.knowledge",
    "COMPONENT_IDS": "starl.knowledge",
    "ComponentTiming": "starl.timing",
    "count_words": "starl.timing",
    "estimate_seconds": "starl.timing",
    "timing_status": "starl.timing",
    "StarlError": "starl.errors",
    "UnknownIdError": "starl.errors",
    "KnowledgeBaseError": "starl.errors",
    "Store": "starl.store",
    "StoreError": "starl.store",
    "Story": "starl.store",
    "StoryDraft": "starl.store",
    "Revision": "starl.store",
    "Attempt": "starl.store",
    "coverage": "starl.coverage",
    "plan": "starl.coverage",
    "Coverage": "starl.coverage",
    "Plan": "starl.coverage",
    "rank_stories": "starl.storymatch",
    "question_target": "starl.storymatch",
    "StoryMatch": "starl.storymatch",
    "split_text": "starl.stories",
    "choose_questions": "starl.practice",
    "phase_at": "starl.practice",
    "to_markdown": "starl.storyfile",
    "parse_markdown": "starl.storyfile",
    "read_story_file": "starl.storyfile",
}

__all__ = [
    "COMPONENT_IDS",
    "Analysis",
    "AnswerError",
    "Attempt",
    "Company",
    "CompanyValue",
    "ComponentSpec",
    "ComponentTiming",
    "Coverage",
    "Framework",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Plan",
    "Question",
    "Revision",
    "Segment",
    "StarlError",
    "Store",
    "StoreError",
    "Story",
    "StoryDraft",
    "StoryMatch",
    "Theme",
    "TimedWord",
    "UnknownIdError",
    "__version__",
    "analyze",
    "choose_questions",
    "count_words",
    "coverage",
    "estimate_seconds",
    "load_knowledge",
    "parse_markdown",
    "phase_at",
    "plan",
    "question_target",
    "rank_stories",
    "read_story_file",
    "split_text",
    "timing_status",
    "to_markdown",
]

if TYPE_CHECKING:
    from starl.analysis.analyze import AnswerError, TimedWord, analyze
    from starl.analysis.result import Analysis
    from starl.coverage import Coverage, Plan, coverage, plan
    from starl.errors import KnowledgeBaseError, StarlError, UnknownIdError
    from starl.knowledge import (
        COMPONENT_IDS,
        Company,
        CompanyValue,
        ComponentSpec,
        Framework,
        KnowledgeBase,
        Question,
        Segment,
        Theme,
        load_knowledge,
    )
    from starl.practice import choose_questions, phase_at
    from starl.store import Attempt, Revision, Store, StoreError, Story, StoryDraft
    from starl.stories import split_text
    from starl.storyfile import parse_markdown, read_story_file, to_markdown
    from starl.storymatch import StoryMatch, question_target, rank_stories
    from starl.timing import ComponentTiming, count_words, estimate_seconds, timing_status


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'starl' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
