"""The store's tables, written once with SQLAlchemy Core.

Only the store and its migrations know these; everything else sees dataclasses.
A change here needs a new migration in migrations/versions/ (never edit a landed one).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect

# The newest migration this starl knows; a database stamped with another id was
# written by a newer starl (checked on open, tested against the migration scripts).
SCHEMA_HEAD = "0003"


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

PART_COLUMNS = ("situation", "task", "action", "result", "lesson")


def _content_columns() -> list[Column[object]]:
    return [
        Column("title", String(200), nullable=False),
        *(Column(part, Text, nullable=False, default="") for part in PART_COLUMNS),
        Column("themes", JSON, nullable=False, default=list),
        Column("company_values", JSON, nullable=False, default=list),
    ]


stories = Table(
    "stories",
    metadata,
    Column("id", String(80), primary_key=True),
    *_content_columns(),
    Column("revision", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("trashed_at", UTCDateTime, nullable=True),
)

story_revisions = Table(
    "story_revisions",
    metadata,
    Column("story_id", String(80), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    *_content_columns(),
    Column("saved_at", UTCDateTime, nullable=False),
    Column("note", String(200), nullable=False, default=""),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question_id", String(80), nullable=True, index=True),
    Column("question_text", Text, nullable=False),
    Column("company", String(40), nullable=True),
    Column("answer", Text, nullable=False),
    Column("analysis", JSON, nullable=False),
    Column("score", Integer, nullable=False),
    Column("seconds_taken", Float, nullable=True),
    Column("created_at", UTCDateTime, nullable=False, index=True),
)
# SQLite only (migration 0003): every column but the answer and analysis, so that lists of
# attempts never read the rows themselves.
Index(
    "ix_attempts_summary",
    *(
        attempts.c[name]
        for name in (
            "created_at",
            "id",
            "question_id",
            "question_text",
            "company",
            "score",
            "seconds_taken",
        )
    ),
).ddl_if(dialect="sqlite")

settings = Table(
    "settings",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("value", JSON, nullable=False),
)
