"""The installed `starl` program, run as a user would run it."""

from __future__ import annotations

import json
import subprocess


def _run(exe: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=60, check=False)


def test_installed_starl_lists_questions_as_json(starl_executable: str) -> None:
    done = _run(starl_executable, "questions", "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) >= 90


def test_installed_starl_help_and_errors(starl_executable: str) -> None:
    helped = _run(starl_executable, "--help")
    assert helped.returncode == 0
    assert "questions" in helped.stdout
    failed = _run(starl_executable, "company", "netflix")
    assert failed.returncode == 2
    assert failed.stderr.startswith("error: unknown company 'netflix'")
    assert "Traceback" not in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1
