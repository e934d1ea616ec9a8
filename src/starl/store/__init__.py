"""The story bank and practice log: a local-first store (SQLite by default, or PostgreSQL)."""

from starl.store.database import StoreError, data_dir, database_url
from starl.store.models import PARTS, Attempt, Revision, Story, StoryDraft
from starl.store.store import ImportReport, Store, StoryRecord, slugify

__all__ = [
    "PARTS",
    "Attempt",
    "ImportReport",
    "Revision",
    "Store",
    "StoreError",
    "Story",
    "StoryDraft",
    "StoryRecord",
    "data_dir",
    "database_url",
    "slugify",
]
