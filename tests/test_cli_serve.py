"""`starl serve`: a port that is taken is one line and exit 2, before any banner."""

from __future__ import annotations

import socket
import subprocess


def test_a_taken_port_is_one_line(starl_executable, starl_home) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run(
            [starl_executable, "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    assert f"127.0.0.1:{port} is in use; choose another with --port" in result.stderr
    assert "starl is serving" not in result.stdout
    assert "Traceback" not in result.stderr
