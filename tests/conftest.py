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
    runner = CliRunner(env={"COLUMNS": "200"})

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

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
