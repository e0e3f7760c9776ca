"""The /demo/ pages as the tests address them: one URL per platform page and example inquiry."""
from __future__ import annotations

from flask import url_for

from inquiry_lens.web.demo import PAGES, inquiries


def demo_urls(app) -> list[tuple[str, str, str]]:
    """(platform, inquiry id, URL) for every demo page and every example inquiry."""
    with app.test_request_context():
        return [(page.platform, ident, url_for(page.endpoint, **{page.param: ident}))
                for page in PAGES for ident in inquiries()]
