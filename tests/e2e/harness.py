"""The real thing, for the browser tests and bench/screenshot.py: `inquiry-lens serve` as a process,
Debian's Chromium with the unpacked extension, and the sidebar's `data-part` hooks."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.external_tools import CHROMIUM  # /usr/bin/chromium, or INQUIRY_LENS_CHROMIUM

REPO = Path(__file__).resolve().parents[2]
SIDEBAR = "inquiry-lens-sidebar"
TIMING_JS = Path(__file__).with_name("timing.js")
FIGURES: dict[str, dict] = {}  # what the browser tests measured; conftest prints and saves it


def record(kind: str, name: str, value) -> None:
    FIGURES.setdefault(kind, {})[name] = value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Backend:
    """`inquiry-lens serve` on its own port and data folder; it can be stopped and started again."""

    def __init__(self, data_dir: Path, port: int | None = None, env: dict | None = None):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, limit: float = 20) -> Backend:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = self.data_dir / "serve.log"
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "inquiry_lens", "serve", "--port", str(self.port), "--data-dir", str(self.data_dir)],
                stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env})
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"inquiry-lens serve exited: {log.read_text(errors='replace')}")
            try:
                self.get("/api/v1/health")
                return self
            except urllib.error.HTTPError:  # it answered, only not to us (a pairing token is required)
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"inquiry-lens serve did not answer /api/v1/health within {limit} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return response.read()

    def put_settings(self, profile: dict) -> dict:
        """Save a seller profile, as the options page does."""
        call = urllib.request.Request(self.url + "/api/v1/settings", data=json.dumps(profile).encode(),
                                      headers={"Content-Type": "application/json"}, method="PUT")
        with urllib.request.urlopen(call, timeout=10) as response:
            return json.loads(response.read())

    def analyze(self, request: dict) -> dict:
        """A direct POST /api/v1/analyze, as the CLI would send it (no Origin)."""
        call = urllib.request.Request(self.url + "/api/v1/analyze", data=json.dumps(request).encode(),
                                      headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(call, timeout=10) as response:
            return json.loads(response.read())


def launch(playwright, profile_dir: Path, width: int = 1280, height: int = 800):
    """A Chromium context with the repository root loaded as the unpacked extension."""
    context = playwright.chromium.launch_persistent_context(
        str(profile_dir), executable_path=CHROMIUM, headless=True, viewport={"width": width, "height": height},
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync",
              f"--disable-extensions-except={REPO}", f"--load-extension={REPO}"])
    context.add_init_script(path=str(TIMING_JS))
    return context


def extension_worker(context, timeout_ms: float = 10_000):
    """The extension's service worker (it may still be starting when the context opens)."""
    for worker in context.service_workers:
        if worker.url.startswith("chrome-extension://"):
            return worker
    return context.wait_for_event("serviceworker", timeout=timeout_ms)


def set_backend(worker, url: str) -> None:
    worker.evaluate("url => chrome.storage.local.set({backendUrl: url})", url)


def from_extension(text: str, url: str) -> bool:
    """A console message or exception whose source or stack is one of the extension's scripts."""
    return url.startswith("chrome-extension://") or "chrome-extension://" in text


class Sidebar:
    """The sidebar in one page, through its `data-part` hooks (Playwright's CSS pierces open shadow roots)."""

    def __init__(self, page):
        self.page = page

    def part(self, name: str):
        return self.page.locator(f'{SIDEBAR} [data-part="{name}"]')

    def wait_for(self, state: str, timeout_ms: float = 10_000) -> None:
        self.page.locator(f'{SIDEBAR} [data-part="state"][data-state="{state}"]').first.wait_for(
            state="attached", timeout=timeout_ms)

    def timing(self) -> dict:
        """What timing.js recorded in the page: DOMContentLoaded and each change of state, badge or intent."""
        return self.page.evaluate("window.__ilTiming")


def strings(value) -> list[str]:
    """Every string inside a JSON value, depth first."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in strings(item)]


def demo_pages() -> list[tuple[str, str, str]]:
    """(page name, inquiry id, path) for every demo page and example inquiry, from the demo's own table."""
    from flask import Flask, url_for

    from inquiry_lens.web.demo import PAGES, demo, inquiries

    app = Flask(__name__)
    app.register_blueprint(demo)
    with app.test_request_context():
        return [(page.endpoint.split(".", 1)[1], ident, url_for(page.endpoint, **{page.param: ident}))
                for page in PAGES for ident in inquiries()]


def demo_inquiry(ident: str) -> dict:
    from inquiry_lens.web.demo import inquiries

    return inquiries()[ident]
