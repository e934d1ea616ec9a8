"""Where the database lives and how an engine for it is made (SQLite or PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from starl.errors import StarlError

ENV_HOME = "STARL_HOME"
ENV_URL = "STARL_DATABASE_URL"
DATABASE_FILE = "starl.db"


class StoreError(StarlError):
    """The database cannot be opened or used as asked."""


def data_dir() -> Path:
    """The user's starl directory: $STARL_HOME, else the platform's user data directory."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("starl", appauthor=False))


def database_url(url: str | None = None) -> str:
    """The URL to open: the one given, else $STARL_DATABASE_URL, else SQLite in data_dir()."""
    chosen = url or os.environ.get(ENV_URL)
    if chosen:
        return normalise_url(chosen)
    return f"sqlite:///{data_dir() / DATABASE_FILE}"


def normalise_url(url: str) -> str:
    """postgresql:// and postgres:// mean psycopg 3; a bare path means a SQLite file."""
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def create_engine(url: str) -> Any:
    """An engine with the settings the store relies on.

    SQLite: WAL journal (readers never block the writer), foreign keys on, a generous
    busy timeout, and write transactions that start with BEGIN IMMEDIATE so two writers
    queue instead of failing half-way.
    """
    import sqlalchemy
    from sqlalchemy import event

    try:
        parsed = sqlalchemy.engine.make_url(url)
    except sqlalchemy.exc.ArgumentError:
        raise StoreError(
            f"cannot read database URL '{url}'; use sqlite:///PATH or postgresql://USER@HOST/DB"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create {folder}: {exc.strerror}; set STARL_HOME"
                ) from None
        engine = sqlalchemy.create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy issues BEGIN itself
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            mode = connection.get_execution_options().get("sqlite_begin", "BEGIN")
            connection.exec_driver_sql(mode)

        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return sqlalchemy.create_engine(url, pool_pre_ping=True)
    raise StoreError(f"unsupported database '{backend}'; use SQLite or PostgreSQL")
