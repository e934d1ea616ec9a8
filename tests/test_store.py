"""The Store on a real SQLite file, and on PostgreSQL when STARL_TEST_DATABASE_URL is set."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import sqlalchemy as sa

from starl.errors import UnknownIdError
from starl.store import Store, StoreError, StoryDraft
from starl.store.schema import SCHEMA_HEAD
from starl.store.store import migration_config

DRAFT = StoryDraft(
    title="Churn model failed in production",
    situation="Our churn model scored 0.86 AUC offline but was no better than random live.",
    task="I owned it end to end.",
    action="I found a stale feature, rebuilt it from the event stream and added a parity check.",
    result="Top-decile precision went from 11% to 34%.",
    lesson="I test for training-serving skew before launch now.",
    themes=("failure",),
    values=("amazon:dive-deep",),
)


def test_a_new_database_is_migrated_to_the_latest_schema(store: Store) -> None:
    assert store.schema_version() == SCHEMA_HEAD
    assert store.list_stories() == []


def test_the_schema_head_matches_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(migration_config()).get_current_head() == SCHEMA_HEAD


def test_add_get_and_list(store: Store) -> None:
    story = store.add_story(DRAFT)
    assert story.id == "churn-model-failed-production"
    assert story.revision == 1 and story.created_at == story.updated_at
    assert store.get_story(story.id).action == DRAFT.action
    assert [s.id for s in store.list_stories()] == [story.id]
    again = store.add_story(DRAFT)  # same title: a second story with its own id
    assert again.id == "churn-model-failed-production-2"
    assert store.count_stories() == 2


def test_every_save_is_a_revision_and_identical_saves_are_not(store: Store) -> None:
    story = store.add_story(DRAFT)
    from dataclasses import replace

    edited = store.save_story(story.id, replace(DRAFT, result="Precision rose from 11% to 34%."))
    assert edited.revision == 2
    assert store.save_story(story.id, replace(DRAFT, result=edited.result)).revision == 2
    history = store.history(story.id)
    assert [(r.number, r.note) for r in history] == [(1, "created"), (2, "edited")]
    assert history[0].result == DRAFT.result
    restored = store.revert(story.id, 1)
    assert restored.revision == 3 and restored.result == DRAFT.result
    assert store.history(story.id)[-1].note == "restored revision 1"
    with pytest.raises(StoreError, match="no revision 9; it has revisions 1 to 3"):
        store.revision(story.id, 9)


def test_trash_restore_and_empty(store: Store) -> None:
    keep = store.add_story(DRAFT)
    gone = store.add_story(StoryDraft(title="Mentoring", action="I paired with her."))
    store.trash_story(gone.id)
    assert [s.id for s in store.list_stories()] == [keep.id]
    assert [s.id for s in store.list_stories(trashed=True)] == [gone.id]
    assert (store.count_stories(), store.count_stories(trashed=True)) == (1, 1)
    store.restore_story(gone.id)
    assert len(store.list_stories()) == 2
    store.trash_story(gone.id)
    assert store.empty_trash() == [gone.id]
    with pytest.raises(UnknownIdError):
        store.get_story(gone.id)
    assert store.get_story(keep.id).revision == 1  # untouched


def test_unknown_ids_name_the_closest(store: Store) -> None:
    store.add_story(DRAFT)
    with pytest.raises(UnknownIdError, match="closest: churn-model-failed-production"):
        store.get_story("churn-model-failed")


def test_bad_drafts_are_refused_and_nothing_is_written(store: Store) -> None:
    for draft, message in (
        (StoryDraft(title="  "), "needs a title"),
        (StoryDraft(title="Empty"), "no text in any STARL part"),
        (StoryDraft(title="x" * 300, action="a"), "keep it under 200"),
        (StoryDraft(title="Bin", action="a\x00b"), "NUL byte"),
        (StoryDraft(title="Huge", action="word " * 5000), "keep each part under"),
    ):
        with pytest.raises(StoreError, match=message):
            store.add_story(draft)
    assert store.list_stories() == []


def test_attempts_are_kept_in_order(store: Store) -> None:
    for score in (55, 70, 82):
        store.add_attempt(
            question_text="Tell me about a failure.",
            question_id="ml-project-failed",
            answer=f"answer scoring {score}",
            analysis={"score": score},
            seconds_taken=100.0,
        )
    store.add_attempt(
        question_text="Other", question_id="tight-deadline", answer="x", analysis={"score": 40}
    )
    scores = [a.score for a in store.attempts("ml-project-failed")]
    assert scores == [55, 70, 82]
    assert len(store.attempts()) == 4
    assert [a.score for a in store.attempts("ml-project-failed", limit=2)] == [70, 82]


def test_attempt_lists_leave_answers_out_and_on_sqlite_never_read_the_rows(store: Store) -> None:
    for score in (55, 70):
        store.add_attempt(
            question_text="Tell me about a failure.",
            question_id="ml-project-failed",
            answer=f"a long answer scoring {score} " * 200,
            analysis={"score": score, "segments": ["..."] * 100},
            seconds_taken=100.0,
        )
    brief, full = store.attempts(full=False), store.attempts()
    assert [(a.id, a.score, a.created_at) for a in brief] == [
        (a.id, a.score, a.created_at) for a in full
    ]
    assert {a.answer for a in brief} == {""} and all(a.analysis == {} for a in brief)
    assert all(a.answer.startswith("a long answer") and a.analysis for a in full)
    if store.backend == "sqlite":
        table = store.engine.dialect.identifier_preparer.quote("attempts")
        columns = "id, question_id, question_text, company, score, seconds_taken, created_at"
        query = (
            f"EXPLAIN QUERY PLAN SELECT {columns} FROM {table} ORDER BY created_at DESC, id DESC"
        )
        with store.engine.connect() as conn:
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(query))
        assert "COVERING INDEX ix_attempts_summary" in plan


def test_a_database_from_a_newer_starl_is_refused(database_url: str) -> None:
    Store(database_url).close()
    engine = sa.create_engine(Store(database_url).url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="written by a newer starl"):
        Store(database_url)


def test_an_older_database_is_migrated_on_open_and_keeps_its_data(database_url: str) -> None:
    """A database at the first migration, written before later ones, opens and keeps data."""
    from alembic import command

    store = Store(database_url)
    story = store.add_story(DRAFT)
    store.close()
    engine = sa.create_engine(store.url)
    with engine.begin() as conn:  # pretend the database was written by an older starl
        config = migration_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")  # as an older starl left it: no settings table
    engine.dispose()
    assert not sa.inspect(sa.create_engine(store.url)).has_table("settings")
    reopened = Store(database_url)
    assert reopened.schema_version() == SCHEMA_HEAD
    assert reopened.get_story(story.id).lesson == DRAFT.lesson
    reopened.set_setting("targets", ["amazon"])
    assert reopened.get_setting("targets") == ["amazon"]
    reopened.close()


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'wal.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_a_file_that_is_not_a_database_gets_one_clear_error(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="is not a starl database"):
        Store(f"sqlite:///{path}")
    assert path.read_text().startswith("these are my notes")


def test_two_processes_writing_at_once_lose_nothing(database_url: str, tmp_path) -> None:
    """Two writers add stories, edit one shared story and log attempts at the same time."""
    shared = Store(database_url).add_story(DRAFT)
    script = textwrap.dedent(
        """
        import sys
        from dataclasses import replace
        from starl.store import Store, StoryDraft
        url, name = sys.argv[1], sys.argv[2]
        store = Store(url)
        for i in range(25):
            store.add_story(StoryDraft(title=f"Story {name} {i}", action=f"I did {i}."))
            shared = store.get_story("churn-model-failed-production")
            store.save_story(shared.id, replace(shared, lesson=f"{name} {i}"), note=name)
            store.add_attempt(question_text="Q", answer=f"{name} {i}", analysis={"score": i})
        store.close()
        """
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, database_url, name],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    store = Store(database_url)
    assert store.count_stories() == 51
    assert len(store.attempts()) == 50
    history = store.history(shared.id)
    assert [r.number for r in history] == list(range(1, 52))  # no revision lost or doubled
    assert store.get_story(shared.id).revision == 51
    store.close()
