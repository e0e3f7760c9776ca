"""Browser fixtures: a real backend process, Debian's Chromium with the unpacked extension pointed at
it, and a page that fails its test if the extension wrote an error into the page's console.

Without /usr/bin/chromium these tests skip on a developer's machine and fail in CI (CI is set)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.e2e.harness import (CHROMIUM, FIGURES, REPO, Backend, Sidebar, extension_worker, from_extension, launch,
                               require, set_backend)


@pytest.fixture(scope="session")
def backend(tmp_path_factory):
    """`inquiry-lens serve` on a free port: the API the extension calls and the /demo/ pages."""
    server = Backend(tmp_path_factory.mktemp("backend")).start()
    yield server
    server.stop()


class Extension:
    """The browser context with the extension loaded, and every analysis its service worker fetched."""

    def __init__(self, context):
        self.context = context
        self.analyses = []  # the service worker's POST /api/v1/analyze responses, in order
        context.on("response", self._record)

    def _record(self, response) -> None:
        if response.request.method == "POST" and response.url.endswith("/api/v1/analyze"):
            self.analyses.append(response)

    def use_backend(self, url: str) -> None:
        set_backend(extension_worker(self.context), url)  # the live worker: Chrome may have restarted it

    def analysis_after(self, count: int, page, timeout_ms: float = 5_000) -> tuple[dict, dict]:
        """(request, response) of the newest analysis once there are more than `count`. The worker's
        network events come over their own channel, so they may trail what the page shows."""
        waited = 0.0
        while len(self.analyses) <= count:
            assert waited < timeout_ms, "the service worker made no POST /api/v1/analyze"
            page.wait_for_timeout(20)
            waited += 20
        exchange = self.analyses[-1]
        return exchange.request.post_data_json, exchange.json()


@pytest.fixture(scope="session")
def extension(backend, tmp_path_factory):
    require(Path(CHROMIUM).is_file(), f"Chromium at {CHROMIUM} (apt-get install chromium)")
    require(importlib.util.find_spec("playwright") is not None, "Playwright's Python package (the test extras)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path_factory.mktemp("profile"))
        try:
            loaded = Extension(context)
            loaded.use_backend(backend.url)
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=backend.url)
            yield loaded
        finally:
            context.close()


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("browser test figures (times in ms)")
    for kind, values in FIGURES.items():
        for name, value in values.items():
            terminalreporter.write_line(f"{kind:28} {name:36} {value}")
    out = REPO / "bench" / "results" / "browser.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(FIGURES, indent=2) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"saved in {out.relative_to(REPO)}")


@pytest.fixture
def page(extension):
    """A fresh tab; its console errors and uncaught exceptions are collected in `page.problems`."""
    tab = extension.context.new_page()
    tab.problems = []
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(
        (m.type, m.text, m.location.get("url", ""))))
    tab.on("pageerror", lambda e: tab.problems.append(("pageerror", f"{e}\n{e.stack or ''}", "")))
    yield tab
    tab.close()
    ours = [p for p in tab.problems if from_extension(p[1], p[2])]
    assert not ours, f"the extension wrote into the page's console: {ours}"


@pytest.fixture
def sidebar(page):
    return Sidebar(page)
