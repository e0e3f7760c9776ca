"""Field extraction from HTML by the platform rules: label anchors, page JSON, selectors."""
from __future__ import annotations

import pytest

from inquiry_lens.extract import extract_fields, normalise_label, stage


@pytest.mark.parametrize("html, field, value", [
    ("<p>Email: a@b.de</p>", "email", "a@b.de"),
    ("<p>邮箱：wang@abc.cn</p>", "email", "wang@abc.cn"),
    ("<dl><dt>Tel</dt><dd>+49 30 1234567</dd></dl>", "phone", "+49 30 1234567"),
    ("<table><tr><th>Sender's IP Address:</th><td>41.58.1.1</td></tr></table>", "ip", "41.58.1.1"),
    ("<table><tr><td>Sender’s IP address</td><td>41.58.1.1</td></tr></table>", "ip", "41.58.1.1"),
    ("<div><span>公司官网</span><span>www.abc.com</span></div>", "website", "www.abc.com"),
    ("<div><span>Fax:</span> <span>+1 212 555 0100</span></div>", "fax", "+1 212 555 0100"),
    ("<pre>Name: Omar\nCountry: United Arab Emirates\n</pre>", "country", "United Arab Emirates"),
])
def test_a_value_beside_a_known_label_is_found(rules, html, field, value):
    assert extract_fields(rules, "generic", html)["buyer"][field] == value


def test_a_label_followed_by_another_label_is_not_its_value(rules):
    fields = extract_fields(rules, "generic", "<p>Email</p><p>Phone</p><p>+44 20 7946 0018</p>")
    assert "email" not in fields["buyer"]
    assert fields["buyer"]["phone"] == "+44 20 7946 0018"


def test_script_text_is_never_read_as_a_field(rules):
    fields = extract_fields(rules, "generic", "<script>var x = 'Email: trap@evil.example';</script><p>Message: hello</p>")
    assert "email" not in fields["buyer"]


def test_page_json_fills_what_labels_did_not(rules):
    platform = {**rules["platforms/generic"], "json_sources": [
        {"selector": "script#data", "fields": {"buyer.company": "buyer.company.name"}}]}
    patched = type(rules)({**{n: rules[n] for n in rules}, "platforms/generic": platform}, "test", "test")
    html = '<script id="data" type="application/json">{"buyer": {"company": {"name": "Acme GmbH"}}}</script>'
    assert extract_fields(patched, "generic", html)["buyer"]["company"] == "Acme GmbH"


def test_the_platform_selector_finds_the_message(rules):
    html = '<div data-inquiry-field="message">Need 500 pcs of model X</div>'
    assert extract_fields(rules, "generic", html)["inquiry"]["message"] == "Need 500 pcs of model X"


def test_without_a_message_label_the_page_text_is_the_message(rules):
    assert "quote" in extract_fields(rules, "generic", "<div>Please quote your best price</div>")["inquiry"]["message"]


def test_links_are_collected_once_each(rules):
    html = '<a href="https://x.example/a">a</a><a href="https://x.example/a">again</a><a href="javascript:alert(1)">j</a>'
    assert extract_fields(rules, "generic", html)["inquiry"]["links"] == ["https://x.example/a", "javascript:alert(1)"]


def test_the_stage_keeps_what_the_request_gave(make_state, env):
    state = make_state({"buyer": {"email": "given@buyer.com"}, "html": "<p>Email: page@other.com</p><p>Tel: 123</p>"})
    state = stage(state, env)
    assert state["buyer"]["email"] == "given@buyer.com"
    assert state["buyer"]["phone"] == "123"


@pytest.mark.parametrize("label, normal", [("Email:", "email"), ("  E-mail ： ", "e-mail"), ("Sender’s IP", "sender's ip")])
def test_labels_normalise_case_colons_and_quotes(label, normal):
    assert normalise_label(label) == normal
