"""The shared extraction vectors (shared_rules/tests/extraction.json): for each saved platform page,
the backend's extractor (POST /api/v1/extract) and the extension's (extract.js, run in Chromium on
the same page) must both find exactly the expected fields."""
from __future__ import annotations

import json
import urllib.request

import pytest

from inquiry_lens.rules import packaged_rules
from tests.e2e.harness import REPO

RULES = packaged_rules()
CASES = RULES["tests/extraction"]["cases"]
EXTRACT_JS = REPO / "extension" / "content" / "extract.js"


def page_html(case: dict) -> str:
    return (REPO / "shared_rules" / "tests" / case["input"]["page"]).read_text(encoding="utf-8")


def backend_extract(backend, platform: str, html: str) -> dict:
    call = urllib.request.Request(backend.url + "/api/v1/extract", method="POST",
                                  data=json.dumps({"platform": platform, "html": html}).encode(),
                                  headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(call, timeout=10) as answer:
        return json.loads(answer.read())


def test_every_platform_has_saved_pages():
    assert {case["input"]["platform"] for case in CASES} >= {"alibaba", "made_in_china", "global_sources", "email"}


@pytest.mark.parametrize("case", CASES, ids=[case["input"]["page"].split("/")[-1] for case in CASES])
def test_both_extractors_find_exactly_the_expected_fields(extension, backend, case):
    platform, html, expect = case["input"]["platform"], page_html(case), case["expect"]
    assert backend_extract(backend, platform, html) == expect

    rules = {"platforms": {name.split("/", 1)[1]: RULES[name] for name in RULES if name.startswith("platforms/")},
             "labels": RULES["labels"]}
    tab = extension.context.new_page()
    try:
        tab.set_content(html)  # the saved page as the browser parses it; its own scripts do not load here
        tab.add_script_tag(path=str(EXTRACT_JS))
        found = tab.evaluate("""([rules, platform]) => {
            const result = globalThis.InquiryLens.extractInquiry(document, rules, platform);
            delete result.html;
            return result;
        }""", [rules, platform])
    finally:
        tab.close()
    assert found == expect
