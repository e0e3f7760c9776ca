"""The extension never writes an error into the page's console: every demo page, the buttons,
collapsing and expanding, the hostile inquiry, a backend that is down. (Every other browser test
checks the same on its own page when it ends, through the `page` fixture.)"""
from __future__ import annotations

from tests.e2e.harness import Backend, demo_pages, from_extension

VISITS = [path for name, ident, path in demo_pages() if ident == "1001"] + \
         [path for name, ident, path in demo_pages() if name == "alibaba_detail" and ident in ("1004", "1005")]


def test_the_sidebar_never_throws_into_the_pages_console(extension, backend, page, sidebar, tmp_path):
    for path in VISITS:
        page.goto(backend.url + path)
        sidebar.wait_for("ok")
        for part in ("copy-draft", "copy-subject"):
            if sidebar.part(part).count():
                sidebar.part(part).click()
        sidebar.part("collapse").click()
        sidebar.part("expand").click()  # back open: the collapsed state is remembered for later tests
        sidebar.part("state").first.wait_for(state="visible")

    down = Backend(tmp_path / "down")
    extension.use_backend(down.url)
    try:
        page.reload()
        sidebar.wait_for("not_running")
        sidebar.part("retry").click()
        sidebar.wait_for("not_running")
    finally:
        extension.use_backend(backend.url)

    page.wait_for_timeout(300)
    assert [p for p in page.problems if from_extension(p[1], p[2])] == []
