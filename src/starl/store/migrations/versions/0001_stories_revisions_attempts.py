"""Stories with their revision history, and practice attempts.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTCDateTime = sa.DateTime(timezone=True)
PARTS = ("situation", "task", "action", "result", "lesson")


def _content() -> list[sa.Column[object]]:
    return [
        sa.Column("title", sa.String(200), nullable=False),
        *(sa.Column(part, sa.Text, nullable=False) for part in PARTS),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("company_values", sa.JSON, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(80), primary_key=True),
        *_content(),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("trashed_at", UTCDateTime, nullable=True),
    )
    op.create_table(
        "story_revisions",
        sa.Column(
            "story_id",
            sa.String(80),
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("number", sa.Integer, primary_key=True),
        *_content(),
        sa.Column("saved_at", UTCDateTime, nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("question_id", sa.String(80), nullable=True),
        sa.Column("question_text", sa.Text, nullable=False),
        sa.Column("company", sa.String(40), nullable=True),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("analysis", sa.JSON, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("seconds_taken", sa.Float, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_attempts_question_id", "attempts", ["question_id"])
    op.create_index("ix_attempts_created_at", "attempts", ["created_at"])


def downgrade() -> None:
    op.drop_table("attempts")
    op.drop_table("story_revisions")
    op.drop_table("stories")
