"""`inquiry-lens demo`, without opening a window: the browser search, the launch arguments, the
printed steps, and reusing or refusing what already listens on the port."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from rich.console import Console

from inquiry_lens.cli import demo as demo_command
from inquiry_lens.cli.serve import repository_root

STEPS = ["chrome://extensions", "Developer mode", "Load unpacked"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    """A Linux PATH with nothing on it."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("INQUIRY_LENS_BROWSER", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    return empty


def printed(fn, *args) -> str:
    out = io.StringIO()
    fn(*args, Console(file=out, width=200))
    return out.getvalue()


def test_no_browser_on_an_empty_path(no_browser):
    assert demo_command.find_browser() is None


@pytest.mark.skipif(os.name != "posix", reason="an executable script needs POSIX")
def test_chromium_is_found_on_the_path(no_browser):
    fake = no_browser / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert demo_command.find_browser() == str(fake)


def test_without_a_browser_the_url_and_the_three_steps_are_printed(no_browser, tmp_path):
    text = printed(demo_command.show, "http://127.0.0.1:1/demo/", {"DATA_DIR": tmp_path}, False)
    assert "http://127.0.0.1:1/demo/" in text
    assert all(step in text for step in STEPS)
    assert str(repository_root()) in text


def test_the_browser_gets_its_own_profile_and_the_unpacked_extension(monkeypatch, tmp_path):
    calls = []

    class Started:
        def __init__(self, args, **kwargs):
            calls.append(args)

        def wait(self, timeout):
            raise subprocess.TimeoutExpired(calls[-1], timeout)

    monkeypatch.setattr(demo_command, "find_browser", lambda: "/opt/chromium/chromium")
    monkeypatch.setattr(demo_command.subprocess, "Popen", Started)
    text = printed(demo_command.show, "http://127.0.0.1:1/demo/", {"DATA_DIR": tmp_path}, False)
    args = calls[0]
    assert args[0] == "/opt/chromium/chromium" and args[-1] == "http://127.0.0.1:1/demo/"
    assert f"--load-extension={repository_root()}" in args
    assert f"--user-data-dir={tmp_path / 'demo-browser'}" in args
    assert "opened" in text and "Load unpacked" not in text


def test_a_browser_that_fails_at_once_leaves_the_steps(monkeypatch, tmp_path):
    class Failed:
        def __init__(self, args, **kwargs):
            pass

        def wait(self, timeout):
            return 1

    monkeypatch.setattr(demo_command, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(demo_command.subprocess, "Popen", Failed)
    text = printed(demo_command.show, "http://127.0.0.1:1/demo/", {"DATA_DIR": tmp_path}, False)
    assert "did not start" in text and all(step in text for step in STEPS)


def run_demo(port: int, tmp_path: Path, *extra: str, wait: bool = True):
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "INQUIRY_LENS_BROWSER"}
    env.update(PATH=str(empty), INQUIRY_LENS_DATA_DIR=str(tmp_path / "data"), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "inquiry_lens", "demo", "--port", str(port), *extra]
    if wait:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_demo_starts_the_backend_prints_the_steps_and_a_second_run_reuses_it(tmp_path):
    port = free_port()
    server = run_demo(port, tmp_path, wait=False)
    try:
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()  # never blocks the test
        deadline = time.monotonic() + 30
        while "click Load unpacked" not in "".join(lines) and time.monotonic() < deadline:
            time.sleep(0.05)
        seen = "".join(lines)
        assert f"http://127.0.0.1:{port}/demo/" in seen and all(step in seen for step in STEPS), seen
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/demo/", timeout=5) as response:
            assert response.status == 200
        again = run_demo(port, tmp_path)
        assert again.returncode == 0, again.stderr
        assert "already running" in again.stdout and "Load unpacked" in again.stdout
    finally:
        server.terminate()
        server.wait(timeout=10)


class NotOurs(BaseHTTPRequestHandler):
    def do_GET(self):  # the name http.server calls
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"someone else")

    def log_message(self, *args):
        pass


def test_demo_refuses_a_port_another_program_answers_on(tmp_path):
    other = HTTPServer(("127.0.0.1", 0), NotOurs)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        done = run_demo(other.server_address[1], tmp_path)
        assert done.returncode == 1 and "another program" in done.stderr
    finally:
        other.shutdown()
        other.server_close()
