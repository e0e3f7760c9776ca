"""A real `inquiry-lens serve` process for the tests that need one over a socket."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(tmp_path, *args):
    """`inquiry-lens serve ARGS` with its data folder under tmp_path; stdout and stderr are piped as text."""
    environment = {**os.environ, "INQUIRY_LENS_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "inquiry_lens", "serve", *args], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_ready(port: int, process, limit: float = 15) -> None:
    """Return once the port accepts connections; fail with the server's stderr should it exit first."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise AssertionError("server did not start")
