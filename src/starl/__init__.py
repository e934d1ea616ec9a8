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
}

__all__ = [
    "COMPONENT_IDS",
    "Analysis",
    "AnswerError",
    "Company",
    "CompanyValue",
    "ComponentSpec",
    "ComponentTiming",
    "Framework",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Question",
    "Segment",
    "StarlError",
    "Theme",
    "TimedWord",
    "UnknownIdError",
    "__version__",
    "analyze",
    "count_words",
    "estimate_seconds",
    "load_knowledge",
    "timing_status",
]

if TYPE_CHECKING:
    from starl.analysis.analyze import AnswerError, TimedWord, analyze
    from starl.analysis.result import Analysis
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
    from starl.timing import ComponentTiming, count_words, estimate_seconds, timing_status


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'starl' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
