"""The Store: every read and write of the user's stories and practice attempts.

One class owns persistence (the CLI and web call it, never SQL). Each public write is
one transaction; opening a store migrates an older schema and refuses a newer one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from starl.errors import UnknownIdError
from starl.store import schema
from starl.store.database import StoreError, create_engine, database_url
from starl.store.models import PARTS, Attempt, Revision, Story, StoryDraft, content_of

MAX_TITLE = 200
MAX_PART_CHARS = 20_000
STORY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class StoryRecord:
    """A story as it travels through export and import: content, id, dates, history."""

    draft: StoryDraft
    id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    trashed_at: datetime | None = None
    revisions: list[Revision] = field(default_factory=list)


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    attempts_added: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "attempts_added": self.attempts_added,
        }


class Store:
    """A story bank and practice log in one database (SQLite by default, or PostgreSQL)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.engine = create_engine(self.url)
        try:
            self._migrate()
        except sa.exc.OperationalError as exc:
            self.engine.dispose()
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot open the database {self.display_url}: {reason}") from None
        except sa.exc.DatabaseError as exc:
            self.engine.dispose()
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            raise StoreError(
                f"{self.display_url} is not a starl database ({reason}); "
                "point STARL_HOME or --db elsewhere"
            ) from None

    @property
    def display_url(self) -> str:
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        return str(self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- transactions and migrations -------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction; on SQLite it takes the write lock up front."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            with conn.begin():
                if self.backend == "postgresql":
                    conn.exec_driver_sql("SET LOCAL lock_timeout = '30s'")
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def schema_version(self) -> str | None:
        """The migration the database is at (None for an empty database)."""
        with self._read() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def _migrate(self) -> None:
        """Bring the schema to SCHEMA_HEAD; refuse a database from a newer starl."""
        current = self.schema_version()
        if current == schema.SCHEMA_HEAD:
            return
        from alembic import command

        config = migration_config()
        known = {rev.revision for rev in _script_directory(config).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                f"{self.display_url} was written by a newer starl (schema {current}); "
                "upgrade starl to open it"
            )
        with self._write() as conn:
            if self.backend == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7240531)")
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    # -- stories ---------------------------------------------------------------------
    def add_story(self, draft: StoryDraft, note: str = "created") -> Story:
        """Save a new story (revision 1) and return it with its id."""
        draft = checked(draft)
        with self._write() as conn:
            story_id = self._new_id(conn, draft.title)
            moment = now()
            self._insert_story(conn, story_id, draft, moment, moment, None)
            self._insert_revision(conn, story_id, 1, draft, moment, note)
            return self._story(conn, story_id)

    def save_story(self, story_id: str, draft: StoryDraft, note: str = "edited") -> Story:
        """Save new content as the next revision; identical content changes nothing."""
        draft = checked(draft)
        with self._write() as conn:
            current = self._story(conn, story_id, lock=True)
            if content_of(current) == content_of(draft):
                return current
            return self._new_revision(conn, current, draft, note)

    def get_story(self, story_id: str) -> Story:
        with self._read() as conn:
            return self._story(conn, story_id)

    def list_stories(self, *, trashed: bool = False) -> list[Story]:
        """Live stories (or only the trashed ones), most recently updated first."""
        table = schema.stories
        query = sa.select(table).where(_in_trash(trashed))
        query = query.order_by(table.c.updated_at.desc(), table.c.id)
        with self._read() as conn:
            return [story_from_row(row) for row in conn.execute(query).mappings().all()]

    def count_stories(self, *, trashed: bool = False) -> int:
        """How many live stories there are (or how many are in the trash)."""
        query = sa.select(sa.func.count()).select_from(schema.stories).where(_in_trash(trashed))
        with self._read() as conn:
            return int(conn.execute(query).scalar() or 0)

    def trash_story(self, story_id: str) -> Story:
        """Move a story to the trash; it stays restorable until the trash is emptied."""
        with self._write() as conn:
            story = self._story(conn, story_id, lock=True)
            if story.trashed:
                raise StoreError(f"story '{story_id}' is already in the trash")
            self._update(conn, story_id, trashed_at=now())
            return self._story(conn, story_id)

    def restore_story(self, story_id: str) -> Story:
        with self._write() as conn:
            story = self._story(conn, story_id, lock=True)
            if not story.trashed:
                raise StoreError(f"story '{story_id}' is not in the trash")
            self._update(conn, story_id, trashed_at=None)
            return self._story(conn, story_id)

    def empty_trash(self) -> list[str]:
        """Delete trashed stories and their revisions for good; returns their ids."""
        table = schema.stories
        with self._write() as conn:
            ids = list(
                conn.execute(sa.select(table.c.id).where(table.c.trashed_at.is_not(None))).scalars()
            )
            if ids:
                revisions = schema.story_revisions
                conn.execute(sa.delete(revisions).where(revisions.c.story_id.in_(ids)))
                conn.execute(sa.delete(table).where(table.c.id.in_(ids)))
            return ids

    def history(self, story_id: str) -> list[Revision]:
        """Every saved revision of a story, oldest first."""
        table = schema.story_revisions
        with self._read() as conn:
            self._story(conn, story_id)
            rows = conn.execute(
                sa.select(table).where(table.c.story_id == story_id).order_by(table.c.number)
            ).mappings()
            return [revision_from_row(row) for row in rows]

    def revision(self, story_id: str, number: int) -> Revision:
        revisions = self.history(story_id)
        for revision in revisions:
            if revision.number == number:
                return revision
        raise StoreError(
            f"story '{story_id}' has no revision {number}; it has revisions 1 to {len(revisions)}"
            if revisions
            else f"story '{story_id}' has no revisions"
        )

    def revert(self, story_id: str, number: int) -> Story:
        """Make an old revision current again, as a new revision (history is kept)."""
        old = self.revision(story_id, number)
        return self.save_story(story_id, content_of(old), note=f"restored revision {number}")

    # -- import (export reads through list_stories and history) ------------------------
    def import_records(
        self, records: Sequence[StoryRecord], attempts: Sequence[Attempt] = ()
    ) -> ImportReport:
        """Add or update stories (and attempts) in one transaction: all or nothing.

        A record whose id exists with other content becomes a new revision of it; the
        same content is left alone, so importing a backup twice changes nothing.
        """
        report = ImportReport()
        with self._write() as conn:
            for record in records:
                draft = checked(record.draft)
                existing = self._find(conn, record.id) if record.id else None
                if existing is None and record.id is None:
                    existing = self._same_title_and_content(conn, draft)
                if existing is not None:
                    if content_of(existing) == content_of(draft):
                        report.unchanged.append(existing.id)
                    else:
                        self._new_revision(conn, existing, draft, "imported")
                        report.updated.append(existing.id)
                    continue
                story_id = record.id or self._new_id(conn, draft.title)
                created = record.created_at or now()
                updated = record.updated_at or created
                self._insert_story(conn, story_id, draft, created, updated, record.trashed_at)
                revisions = record.revisions or [
                    Revision(
                        **content_of(draft).__dict__, number=1, saved_at=updated, note="imported"
                    )
                ]
                for rev in revisions:
                    self._insert_revision(
                        conn,
                        story_id,
                        rev.number,
                        checked(content_of(rev)),
                        rev.saved_at or updated,
                        rev.note,
                    )
                self._update(conn, story_id, revision=max(r.number for r in revisions))
                report.added.append(story_id)
            for attempt in attempts:
                if not self._has_attempt(conn, attempt):
                    self._insert_attempt(conn, attempt)
                    report.attempts_added += 1
        return report

    # -- attempts --------------------------------------------------------------------
    def add_attempt(
        self,
        *,
        question_text: str,
        answer: str,
        analysis: dict[str, Any],
        question_id: str | None = None,
        company: str | None = None,
        seconds_taken: float | None = None,
        created_at: datetime | None = None,
    ) -> Attempt:
        attempt = Attempt(
            id=0,
            question_id=question_id,
            question_text=question_text,
            company=company,
            answer=answer,
            analysis=analysis,
            score=int(analysis.get("score", 0)),
            seconds_taken=seconds_taken,
            created_at=created_at or now(),
        )
        with self._write() as conn:
            new_id = self._insert_attempt(conn, attempt)
            row = conn.execute(sa.select(schema.attempts).where(schema.attempts.c.id == new_id))
            return attempt_from_row(row.mappings().one())

    def get_attempt(self, attempt_id: int) -> Attempt:
        table = schema.attempts
        with self._read() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == attempt_id)).mappings().first()
        if row is None:
            raise UnknownIdError("attempt", str(attempt_id), [])
        return attempt_from_row(row)

    def attempts(
        self, question_id: str | None = None, limit: int | None = None, *, full: bool = True
    ) -> list[Attempt]:
        """Practice attempts, oldest first (optionally for one question, the latest `limit`).

        With `full=False` the answers and analyses are left out (empty): enough for
        scores, trends and choosing questions, and far quicker with many attempts.
        """
        table = schema.attempts
        columns = (
            list(table.c) if full else [c for c in table.c if c.name not in {"answer", "analysis"}]
        )
        query = sa.select(*columns)
        if question_id:
            query = query.where(table.c.question_id == question_id)
        query = query.order_by(table.c.created_at.desc(), table.c.id.desc())
        if limit:
            query = query.limit(limit)
        with self._read() as conn:
            result = conn.execute(query).mappings().all()
        return [attempt_from_row(row, full=full) for row in reversed(result)]

    # -- settings ----------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        table = schema.settings
        with self._read() as conn:
            row = conn.execute(sa.select(table.c.value).where(table.c.key == key)).first()
        return default if row is None else row.value

    def set_setting(self, key: str, value: Any) -> None:
        table = schema.settings
        with self._write() as conn:
            conn.execute(sa.delete(table).where(table.c.key == key))
            conn.execute(sa.insert(table).values(key=key, value=value))

    # -- internals ---------------------------------------------------------------------
    def _find(self, conn: Connection, story_id: str, lock: bool = False) -> Story | None:
        query = sa.select(schema.stories).where(schema.stories.c.id == story_id)
        if lock:
            query = query.with_for_update()
        row = conn.execute(query).mappings().first()
        return story_from_row(row) if row else None

    def _story(self, conn: Connection, story_id: str, lock: bool = False) -> Story:
        story = self._find(conn, story_id, lock)
        if story is None:
            known = conn.execute(sa.select(schema.stories.c.id)).scalars().all()
            raise UnknownIdError("story", story_id, known)
        return story

    def _same_title_and_content(self, conn: Connection, draft: StoryDraft) -> Story | None:
        rows = conn.execute(sa.select(schema.stories).where(schema.stories.c.title == draft.title))
        for row in rows.mappings():
            story = story_from_row(row)
            if content_of(story) == content_of(draft):
                return story
        return None

    def _new_id(self, conn: Connection, title: str) -> str:
        base = slugify(title)
        taken = set(
            conn.execute(
                sa.select(schema.stories.c.id).where(schema.stories.c.id.like(f"{base}%"))
            ).scalars()
        )
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base[: 80 - len(str(n)) - 1]}-{n}"
        return candidate

    def _new_revision(
        self, conn: Connection, current: Story, draft: StoryDraft, note: str
    ) -> Story:
        number = current.revision + 1
        moment = now()
        self._insert_revision(conn, current.id, number, draft, moment, note)
        self._update(conn, current.id, revision=number, updated_at=moment, **content_values(draft))
        return self._story(conn, current.id)

    def _insert_story(
        self,
        conn: Connection,
        story_id: str,
        draft: StoryDraft,
        created: datetime,
        updated: datetime,
        trashed: datetime | None,
    ) -> None:
        if not STORY_ID.match(story_id):
            raise StoreError(
                f"story id '{story_id}' is not valid; use lower-case letters, digits and dashes"
            )
        conn.execute(
            sa.insert(schema.stories).values(
                id=story_id,
                **content_values(draft),
                revision=1,
                created_at=created,
                updated_at=updated,
                trashed_at=trashed,
            )
        )

    def _insert_revision(
        self,
        conn: Connection,
        story_id: str,
        number: int,
        draft: StoryDraft,
        saved: datetime,
        note: str,
    ) -> None:
        conn.execute(
            sa.insert(schema.story_revisions).values(
                story_id=story_id,
                number=number,
                **content_values(draft),
                saved_at=saved,
                note=note[:200],
            )
        )

    def _update(self, conn: Connection, story_id: str, **values: Any) -> None:
        conn.execute(
            sa.update(schema.stories).where(schema.stories.c.id == story_id).values(**values)
        )

    def _insert_attempt(self, conn: Connection, attempt: Attempt) -> int:
        result = conn.execute(
            sa.insert(schema.attempts).values(
                question_id=attempt.question_id,
                question_text=attempt.question_text,
                company=attempt.company,
                answer=attempt.answer,
                analysis=attempt.analysis,
                score=attempt.score,
                seconds_taken=attempt.seconds_taken,
                created_at=attempt.created_at,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def _has_attempt(self, conn: Connection, attempt: Attempt) -> bool:
        table = schema.attempts
        query = sa.select(table.c.id, table.c.answer).where(
            table.c.created_at == attempt.created_at, table.c.question_text == attempt.question_text
        )
        return any(row.answer == attempt.answer for row in conn.execute(query))


# -- helpers shared with import and export ------------------------------------------------
def checked(draft: StoryDraft) -> StoryDraft:
    """The draft, stripped, if it can be stored; a StoreError saying what to fix if not."""
    title = " ".join(draft.title.split())
    if not title:
        raise StoreError("a story needs a title; give one with --title or a '# Title' line")
    if len(title) > MAX_TITLE:
        raise StoreError(f"the title is {len(title)} characters; keep it under {MAX_TITLE}")
    parts = {}
    for part in PARTS:
        text = getattr(draft, part).strip()
        if "\x00" in text:
            raise StoreError(f"the {part} contains a NUL byte; is this a binary file?")
        if len(text) > MAX_PART_CHARS:
            raise StoreError(
                f"the {part} is {len(text):,} characters; keep each part under {MAX_PART_CHARS:,}"
            )
        parts[part] = text
    if not any(parts.values()):
        raise StoreError(f"story '{title}' has no text in any STARL part; write at least one")
    return StoryDraft(
        title=title,
        **parts,
        themes=tuple(dict.fromkeys(t.strip() for t in draft.themes if t.strip())),
        values=tuple(dict.fromkeys(v.strip() for v in draft.values if v.strip())),
    )


def content_values(draft: StoryDraft) -> dict[str, Any]:
    return {
        "title": draft.title,
        **draft.parts(),
        "themes": list(draft.themes),
        "company_values": list(draft.values),
    }


SLUG_SKIP = frozenset(
    "a an the my our i we in on of at to for with that and through their how".split()
)
MAX_SLUG = 32


def slugify(title: str) -> str:
    """A short readable id from a title: 'The churn model that failed!' -> 'churn-model-failed'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    kept = [w for w in words if w not in SLUG_SKIP] or words
    slug = ""
    for word in kept:
        if slug and len(slug) + len(word) + 1 > MAX_SLUG:
            break
        slug = f"{slug}-{word}" if slug else word[:MAX_SLUG]
    return slug or "story"


def _draft_fields(row: RowMapping) -> dict[str, Any]:
    return {
        "title": row["title"],
        **{part: row[part] for part in PARTS},
        "themes": tuple(row["themes"] or ()),
        "values": tuple(row["company_values"] or ()),
    }


def _in_trash(trashed: bool) -> Any:
    """The condition for trashed stories, or for live ones."""
    column = schema.stories.c.trashed_at
    return column.is_not(None) if trashed else column.is_(None)


def story_from_row(row: RowMapping) -> Story:
    return Story(
        **_draft_fields(row),
        id=row["id"],
        revision=row["revision"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        trashed_at=row["trashed_at"],
    )


def revision_from_row(row: RowMapping) -> Revision:
    return Revision(
        **_draft_fields(row),
        story_id=row["story_id"],
        number=row["number"],
        saved_at=row["saved_at"],
        note=row["note"],
    )


def attempt_from_row(row: RowMapping, *, full: bool = True) -> Attempt:
    """An attempt from its row; with `full=False` the row has no answer and analysis
    (asking a row for a column it lacks costs an exception inside SQLAlchemy)."""
    return Attempt(
        id=row["id"],
        question_id=row["question_id"],
        question_text=row["question_text"],
        company=row["company"],
        answer=row["answer"] if full else "",
        analysis=(row["analysis"] or {}) if full else {},
        score=row["score"],
        seconds_taken=row["seconds_taken"],
        created_at=row["created_at"],
    )


def migration_config() -> Any:
    from pathlib import Path

    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def _script_directory(config: Any) -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config)
