"""In the single-page message centre, showing another inquiry (the URL hash changes, no page load)
re-analyses it: the sidebar turns to the second inquiry's verdict."""
from __future__ import annotations

from tests.e2e.harness import demo_inquiry, demo_pages, record

CENTRE = next(path for name, ident, path in demo_pages() if name == "alibaba_message_centre" and ident == "1001")

# Page time at which the detail pane holds the inquiry `id` (the demo renders it after a fetch).
WATCH_PANE = """(id) => {
  window.__ilDetailShown = null;
  const pane = document.getElementById("detail-pane");
  new MutationObserver(() => {
    if (window.__ilDetailShown === null && pane.querySelector(`.inquiry-detail[data-inquiry-id="${id}"]`)) {
      window.__ilDetailShown = performance.now();
    }
  }).observe(pane, {childList: true, subtree: true});
}"""


def test_switching_to_another_inquiry_in_the_message_centre_re_analyses_it(extension, backend, page, sidebar):
    before = len(extension.analyses)
    page.goto(backend.url + CENTRE)
    sidebar.wait_for("ok")
    _, first = extension.analysis_after(before, page)
    first_intent = sidebar.part("intent").text_content()

    page.evaluate(WATCH_PANE, "1004")
    before = len(extension.analyses)
    page.locator('.inquiry-item[data-id="1004"]').click()
    assert page.url.endswith("#feedback/1004")
    request, second = extension.analysis_after(before, page)
    assert demo_inquiry("1004")["subject"] in request["inquiry"].get("subject", "") + (request.get("html") or "")
    color = second["verdict"]["badge"]["color"]
    assert color != first["verdict"]["badge"]["color"], "the demo pair differs in verdict"
    page.locator('inquiry-lens-sidebar [data-part="state"][data-state="ok"] '
                 f'[data-part="badge"][data-color="{color}"]').wait_for()
    assert sidebar.part("intent").text_content() != first_intent

    shown = page.evaluate("window.__ilDetailShown")
    ok = next(c["at"] for c in sidebar.timing()["changes"] if c["at"] > shown and c["state"] == "ok" and c["color"] == color)
    record("sidebar_after_switch", "alibaba_message_centre/1001→1004", round(ok - shown, 1))
    assert ok - shown < 3000
