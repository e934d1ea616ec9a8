from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from starl import load_knowledge
from starl.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def starl_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real user data directory."""
    home = tmp_path / "starl-home"
    monkeypatch.setenv("STARL_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def answer_text():
    """Read one of the hand-written answers in tests/answers/."""

    def read(name: str) -> str:
        return (ROOT / "tests" / "answers" / f"{name}.txt").read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def kb():
    return load_knowledge()


@pytest.fixture
def cli():
    """Run `starl ...` in-process; returns the click Result."""
    from starl.cli.common import close_stores

    runner = CliRunner(env={"COLUMNS": "200"})

    def run(*args: str, input: str | None = None):
        try:
            return runner.invoke(app, list(args), input=input)
        finally:
            close_stores()

    return run


@pytest.fixture(scope="session")
def starl_executable() -> str:
    """The installed console script, next to the interpreter running the tests."""
    candidate = Path(sys.executable).parent / "starl"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("starl", path=os.environ.get("PATH"))
    if found is None:
        pytest.fail("the `starl` console script is not installed; run `make install`")
    return found


@pytest.fixture(scope="session")
def shared_dir() -> Path | None:
    for candidate in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (candidate / "tools" / "reference_overlap.py").exists():
            return candidate
    return None


POSTGRES_ENV = "STARL_TEST_DATABASE_URL"


def reset_postgres(url: str) -> None:
    """An empty public schema, so each test starts from a database with no tables."""
    import sqlalchemy as sa

    from starl.store.database import normalise_url

    engine = sa.create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: a SQLite file always; PostgreSQL when STARL_TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'bank.db'}"
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"set {POSTGRES_ENV} to run the store against PostgreSQL")
    reset_postgres(url)
    return url


@pytest.fixture
def store(database_url: str):
    from starl.store import Store

    with Store(database_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def story_markdown() -> str:
    return (ROOT / "tests" / "stories" / "three.md").read_text(encoding="utf-8")


@pytest.fixture
def web(tmp_path: Path):
    """The web app in-process over a real SQLite file, driven by an HTTP client."""
    from fastapi.testclient import TestClient

    from starl.web import Settings, create_app

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}"))
    with TestClient(app) as client:
        client.get("/")  # receive the CSRF cookie, as a browser would
        yield client


def csrf_of(client) -> str:
    return client.cookies.get("starl_csrf")
