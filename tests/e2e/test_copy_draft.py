"""Copy reply draft puts exactly the backend's draft on the clipboard, and says so with a toast."""
from __future__ import annotations

import pytest

from tests.e2e.harness import demo_pages

DETAIL = {(name, ident): path for name, ident, path in demo_pages()}


@pytest.mark.parametrize("name, ident", [("alibaba_detail", "1001"), ("made_in_china", "1002"), ("gmail", "1003")])
def test_copy_reply_draft_puts_exactly_the_backends_draft_on_the_clipboard(extension, backend, page, sidebar, name, ident):
    before = len(extension.analyses)
    page.goto(backend.url + DETAIL[name, ident])
    sidebar.wait_for("ok")
    request, response = extension.analysis_after(before, page)
    draft = response["reply"]["draft"]
    assert draft and backend.analyze({**request, "store": False})["reply"]["draft"] == draft
    assert sidebar.part("draft").text_content() == draft

    page.evaluate("navigator.clipboard.writeText('before the click')")
    sidebar.part("copy-draft").click()
    page.locator('inquiry-lens-sidebar [data-part="toast"][data-shown]').wait_for(state="visible", timeout=5_000)
    assert page.evaluate("navigator.clipboard.readText()") == draft
