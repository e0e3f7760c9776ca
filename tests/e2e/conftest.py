"""Browser fixtures: a real backend process, Debian's Chromium with the unpacked extension pointed at
it, and a page that fails its test if the extension wrote an error into the page's console.

Without Chromium (/usr/bin/chromium, or INQUIRY_LENS_CHROMIUM), Playwright, Node.js or web-ext the tests
that need it skip with one line naming what is missing and the command that installs it; in CI (CI is
set) they fail instead."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.e2e.harness import (
    FIGURES,
    REPO,
    Backend,
    Sidebar,
    extension_worker,
    from_extension,
    launch,
    set_backend,
)
from tests.external_tools import E2E_TOOLS, chromium_missing, need, web_ext_missing


@pytest.fixture(scope="session")
def browser():
    """Chromium and Playwright are there, checked before any backend starts; else the test skips."""
    need(chromium_missing())


@pytest.fixture(scope="session")
def web_ext() -> Path:
    """Mozilla's web-ext from tests/e2e/tools/node_modules, with Node.js to run it; else the test skips."""
    need(web_ext_missing())
    return E2E_TOOLS / "node_modules" / ".bin" / ("web-ext.cmd" if os.name == "nt" else "web-ext")


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
def extension(browser, backend, tmp_path_factory):
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
