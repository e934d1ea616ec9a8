"""Every command explains itself: help text with an example."""

from __future__ import annotations

from typing import Any

import typer

from starl.cli import app


def _commands() -> dict[str, Any]:
    """Every command and group by its full name ("story add"), subcommands included."""
    found: dict[str, Any] = {}

    def walk(group: Any, prefix: str) -> None:
        for name, cmd in group.commands.items():
            found[prefix + name] = cmd
            if hasattr(cmd, "commands"):
                walk(cmd, f"{prefix}{name} ")

    walk(typer.main.get_command(app), "")
    return found


def test_every_command_has_help_with_an_example() -> None:
    commands = _commands()
    assert {"framework", "questions", "question", "companies", "company", "browse"} <= set(commands)
    missing = [name for name, cmd in commands.items() if not (cmd.help and "Example:" in cmd.help)]
    assert missing == []


def test_every_option_has_help() -> None:
    bare = [
        f"{name} {param.name}"
        for name, cmd in _commands().items()
        for param in cmd.params
        if param.param_type_name == "option" and not param.help
    ]
    assert bare == []


def test_help_runs_for_every_command(cli) -> None:
    for name in _commands():
        result = cli(*name.split(), "--help")
        assert result.exit_code == 0, name
        assert "Example:" in result.stdout
