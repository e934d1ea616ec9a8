"""The built-in STARL knowledge base: framework, questions, themes and company frameworks."""

from starl.knowledge.base import KnowledgeBase, load_knowledge
from starl.knowledge.schema import (
    COMPONENT_IDS,
    Company,
    CompanyValue,
    ComponentSpec,
    Framework,
    Question,
    Segment,
    Theme,
)

__all__ = [
    "COMPONENT_IDS",
    "Company",
    "CompanyValue",
    "ComponentSpec",
    "Framework",
    "KnowledgeBase",
    "Question",
    "Segment",
    "Theme",
    "load_knowledge",
]
