"""An inquiry is written by a stranger: markup in it shows as text in the sidebar and runs nothing."""
from __future__ import annotations

import html

import pytest

from tests.e2e.harness import demo_pages, strings

HOSTILE = "1005"  # the demo inquiry whose message, name and company hold <img onerror>, <script> and javascript:
IMG = "<img src=x onerror=window.__pwned=1>"
PAGES = [(name, path) for name, ident, path in demo_pages() if ident == HOSTILE]

# What the sidebar's shadow root must not hold, whatever the inquiry says.
ACTIVE_NODES = """() => {
  const root = document.querySelector("inquiry-lens-sidebar").shadowRoot;
  return {
    elements: [...root.querySelectorAll("img, script, iframe, object, embed, form")].map((n) => n.tagName),
    handlers: [...root.querySelectorAll("*")].flatMap((n) => [...n.attributes].map((a) => a.name))
                .filter((name) => name.startsWith("on")),
    links: [...root.querySelectorAll("a")].map((a) => ({href: a.getAttribute("href"), rel: a.rel})),
    text: root.textContent,
  };
}"""


def assert_inert_and_shown_as_text(page, response: dict) -> None:
    """Nothing ran, nothing active was built, and every piece of markup or `javascript:` the backend
    quotes (evidence, checks, subject, draft) is in the sidebar's text as written."""
    page.wait_for_timeout(300)  # an onerror of a broken image would fire by now
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    found = page.evaluate(ACTIVE_NODES)
    assert found["elements"] == [] and found["handlers"] == []
    for link in found["links"]:
        assert link["href"].startswith(("https://", "http://")), link
        assert {"noopener", "noreferrer"} <= set(link["rel"].split()), link
    quoted = [text for text in strings([response["signals"], response["reply"], response["checks"]])
              if "<" in text or "javascript:" in text]
    assert quoted, "the backend quotes some of the hostile text"
    for text in quoted:
        assert text in found["text"], f"{text!r} is not shown as text"


@pytest.mark.parametrize("name, path", PAGES, ids=[name for name, _ in PAGES])
def test_the_hostile_demo_inquiry_shows_its_markup_as_text_and_runs_nothing(extension, backend, page, sidebar, name, path):
    before = len(extension.analyses)
    page.goto(backend.url + path)
    sidebar.wait_for("ok")
    _, response = extension.analysis_after(before, page)
    assert "javascript:window.__pwned=1" in strings(response["checks"]), "the javascript: link is quoted"
    assert_inert_and_shown_as_text(page, response)


def test_a_credible_inquiry_with_markup_in_the_name_shows_it_as_text_in_the_draft(extension, backend, page, sidebar):
    """The hostile demo inquiry gets no draft (do not engage); a credible one carrying the same markup does."""
    path = next(p for name, ident, p in demo_pages() if name == "made_in_china" and ident == "1001")
    swaps = {"Klaus Becker": f"Klaus {IMG}", "10W Qi Wireless Charger Pad WC-10A": f"Charger {IMG}"}

    def hostile(route):
        body = route.fetch().text()
        for old, new in swaps.items():
            body = body.replace(old, html.escape(new))
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)

    page.route(backend.url + path, hostile)
    before = len(extension.analyses)
    page.goto(backend.url + path)
    sidebar.wait_for("ok")
    _, response = extension.analysis_after(before, page)
    assert IMG in response["reply"]["draft"]
    assert sidebar.part("draft").text_content() == response["reply"]["draft"]
    assert IMG in sidebar.part("draft").inner_text()
    assert_inert_and_shown_as_text(page, response)
