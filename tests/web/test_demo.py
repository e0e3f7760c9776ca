"""The /demo/ pages: served with the version headers, hostile text shown as text, and laid out so
that the platform rules really find the inquiry on them."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest

from inquiry_lens.extraction.page_fields import extract_fields
from inquiry_lens.web.demo import PAGES, alibaba_detail_view, inquiries
from inquiry_lens.web.security import API_VERSION_HEADER, VERSION_HEADER
from tests.demo_pages import demo_urls
from tests.paths import REPO

HOSTILE = "1005"
ESCAPED = ["&lt;img src=x onerror=window.__pwned=1&gt;", "&lt;script&gt;window.__pwned=1&lt;/script&gt;"]


@pytest.fixture
def pages(app, client):
    """Every demo page as served: (platform, inquiry, url, html)."""
    result = []
    for platform, ident, url in demo_urls(app):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers[VERSION_HEADER] and response.headers[API_VERSION_HEADER] == "1", url
        assert response.mimetype == "text/html"
        result.append((platform, inquiries()[ident], url, response.get_data(as_text=True)))
    return result


def test_the_index_links_every_page_for_every_inquiry(app, client):
    response = client.get("/demo/")
    assert response.status_code == 200 and response.headers[VERSION_HEADER]
    html = response.get_data(as_text=True)
    for _, _, url in demo_urls(app):
        assert f'href="{url.replace("&", "&amp;")}"' in html


@pytest.mark.parametrize("name", ["demo.css", "message_centre.js"])
def test_the_static_files_are_served(client, name):
    response = client.get(f"/demo/static/{name}")
    assert response.status_code == 200 and response.headers[VERSION_HEADER]


def test_every_demo_page_answers(pages):
    assert len(pages) == len(PAGES) * len(inquiries())


def test_an_unknown_inquiry_is_a_404(client):
    response = client.get("/demo/made_in_china/inquiry.html?id=nope")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_the_demo_is_for_loopback_hosts_only(client):
    assert client.get("/demo/", headers={"Host": "evil.example"}).status_code == 403


def test_hostile_text_is_escaped_and_the_pages_run_only_their_own_script(pages):
    for _, item, url, html in pages:
        if item["id"] == HOSTILE:
            for text in ESCAPED:
                assert text in html, url
        assert "__pwned=1>" not in html and "<script>window" not in html, url
        for tag in re.findall(r"<[a-zA-Z][^>]*>", html):  # escaped text cannot open a tag
            assert not re.search(r"\son[a-z]+\s*=|javascript:", tag, re.I), (url, tag)
            if tag.startswith("<script"):
                assert 'type="application/json"' in tag or 'src="/demo/static/message_centre.js"' in tag, (url, tag)


def test_the_detail_json_is_what_the_detail_pane_shows(client):
    response = client.get("/demo/alibaba/message/detail.json?imInquiryId=1004")
    assert response.status_code == 200 and response.headers[VERSION_HEADER]
    assert response.get_json() == alibaba_detail_view(inquiries()["1004"])


def test_the_platform_rules_find_the_inquiry_on_every_demo_page(rules, pages):
    for platform, item, url, html in pages:
        fields = extract_fields(rules, platform, html)
        buyer, inquiry = fields["buyer"], fields["inquiry"]
        assert inquiry["subject"] == item["subject"], url
        assert inquiry["message"].split("\n")[0] == item["message"].split("\n")[0], url
        assert inquiry["message"].split("\n")[-1] == item["message"].split("\n")[-1], url
        assert buyer["email"] == item["buyer"]["email"], url
        assert buyer["company"] == item["buyer"]["company"], url
        assert buyer["ip"].split()[0] == item["buyer"]["ip"], url
        assert inquiry["attachments"] == item["attachments"], url
        assert [link for link in item["links"] if link.startswith("https://")] == inquiry["links"], url


def test_the_alibaba_pages_carry_the_buyers_activity_with_hidden_figures_absent(rules, pages):
    for platform, item, url, html in pages:
        if platform != "alibaba":
            continue
        activity = extract_fields(rules, platform, html)["buyer"]["activity"]
        assert activity["registered_at"] == item["activity"]["registerDate"], url
        assert activity["spam_marked"] == item["activity"]["spamInquiryMarkedBySupplierCount"], url
        assert ("orders" in activity) == (item["activity"]["totalOrderCount"] != -1), url


def test_the_wheel_ships_the_demo(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(REPO)], check=True, capture_output=True)
    names = set(zipfile.ZipFile(next(tmp_path.glob("inquiry_lens-*.whl"))).namelist())
    package = REPO / "backend" / "inquiry_lens" / "web"
    for folder in ("templates/demo", "static/demo", "demo_data"):
        for path in (package / folder).iterdir():
            assert f"inquiry_lens/web/{folder}/{path.name}" in names, path


def test_what_the_extractor_finds_on_every_demo_page_is_a_valid_analyze_request(rules, pages, client):
    for platform, _item, url, html in pages[::3]:
        fields = extract_fields(rules, platform, html)
        body = {"platform": platform, "inquiry": fields["inquiry"], "buyer": fields["buyer"], "store": False}
        response = client.post("/api/v1/analyze", json=body)
        assert response.status_code == 200, (url, response.get_json())
