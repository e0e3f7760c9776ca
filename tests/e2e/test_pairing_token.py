"""A team server (`serve --allow-remote`, or INQUIRY_LENS_TOKEN) asks every client for the pairing
token: the extension sends the one saved in its options, and without it gets no analysis."""
from __future__ import annotations

import pytest

from tests.e2e.harness import Backend, demo_pages, extension_worker


@pytest.fixture
def team_server(tmp_path, extension, backend):
    server = Backend(tmp_path / "team", env={"INQUIRY_LENS_TOKEN": "team-s3cret"}).start()
    try:
        extension.use_backend(server.url)
        yield server
    finally:
        server.stop()  # first: a failing clean-up below must not leave the server running
        extension_worker(extension.context).evaluate("chrome.storage.local.remove('pairingToken')")
        extension.use_backend(backend.url)


def test_the_extension_sends_the_saved_pairing_token(extension, backend, team_server, page, sidebar):
    path = next(path for name, ident, path in demo_pages() if ident == "1001")
    extension_worker(extension.context).evaluate("chrome.storage.local.set({pairingToken: 'team-s3cret'})")
    page.goto(backend.url + path)  # the page from the open demo server; the analysis goes to the team server
    sidebar.wait_for("ok")
    extension_worker(extension.context).evaluate("chrome.storage.local.remove('pairingToken')")
    page.reload()
    sidebar.wait_for("error")
