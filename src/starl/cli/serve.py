"""`starl serve`: the web app on this machine (what `make run` starts)."""

from __future__ import annotations

from typing import Annotated

import typer

from starl.cli.common import Db, console, fail, user_errors


@user_errors
def serve(
    host: Annotated[
        str, typer.Option("--host", help="address to bind (keep 127.0.0.1 unless you mean it)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="port to listen on")] = 8000,
    db: Db = None,
) -> None:
    """Serve the web app: practice with a timer, stories, coverage and history.

    Example: starl serve --port 8000
    """
    import uvicorn

    from starl.web import Settings, create_app

    hosts = ("127.0.0.1", "localhost", "::1") + (
        (host,) if host not in ("127.0.0.1", "0.0.0.0") else ()
    )
    if host == "0.0.0.0":
        hosts = ("*",)
    _check_port(host, port)
    app = create_app(Settings(database_url=db, allowed_hosts=hosts))
    shown = "127.0.0.1" if host == "0.0.0.0" else host
    database = app.state.store.display_url  # the password, if any, is masked
    console.print(f"starl is serving http://{shown}:{port}  (database: {database})")
    console.print("Press Ctrl-C to stop.")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """Fail in one line, before saying we serve, when the address cannot be bound."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        reason = "is in use" if exc.errno == 98 else f"cannot be used ({exc.strerror})"
        raise fail(f"{host}:{port} {reason}; choose another with --port") from None
