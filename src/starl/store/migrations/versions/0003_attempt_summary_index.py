"""On SQLite, an index that holds every column of an attempt but its answer and analysis.

SQLite stores a row's columns in order, and an attempt's answer and analysis (a few
kilobytes) come before its score and time: reading those meant walking each row's
overflow pages. Lists of attempts (home, history, practice) now read this index alone.
PostgreSQL keeps large values out of line already, and caps the size of an index entry,
so it gets no such index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NAME = "ix_attempts_summary"
COLUMNS = ["created_at", "id", "question_id", "question_text", "company", "score", "seconds_taken"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(NAME, "attempts", COLUMNS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(NAME, "attempts")
