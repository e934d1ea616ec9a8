"""What every command shares: consoles, JSON output and turning library errors into one line."""

from __future__ import annotations

import atexit
import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar, cast

import typer

from starl.errors import StarlError

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")

EXIT_USER_ERROR = 2


class _LazyConsole:
    """A rich Console made on first use, so that `starl --help` never imports rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


console = cast("Console", _LazyConsole(highlight=False))
err_console = cast("Console", _LazyConsole(stderr=True, highlight=False))


def emit_json(data: Any) -> None:
    """Print `data` as JSON on stdout, unwrapped, for scripts and tests."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(message: str, code: int = EXIT_USER_ERROR) -> typer.Exit:
    """Print a one-line error on stderr and return the exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a StarlError raised by the library into a one-line message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except StarlError as exc:
            raise fail(str(exc)) from None

    return wrapper


DB_HELP = "database URL (default: SQLite in $STARL_HOME; also $STARL_DATABASE_URL)"
# Options every store command shares.
Db = Annotated[str | None, typer.Option("--db", help=DB_HELP, envvar="STARL_DATABASE_URL")]
Json = Annotated[bool, typer.Option("--json", help="print JSON")]


_OPEN_STORES: list[Any] = []


def open_store(db: str | None) -> Any:
    """The user's Store, opened (and migrated) once per command; closed by close_stores()."""
    from starl.store import Store

    store = Store(db)
    if not _OPEN_STORES:
        atexit.register(close_stores)
    _OPEN_STORES.append(store)
    return store


def close_stores() -> None:
    """Release every store a command opened (a process exit does it; tests call it)."""
    while _OPEN_STORES:
        _OPEN_STORES.pop().close()
