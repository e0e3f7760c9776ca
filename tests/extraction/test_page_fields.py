"""Field extraction from HTML by the platform rules: label anchors, page JSON, selectors."""
from __future__ import annotations

import pytest

from inquiry_lens.extraction.page_fields import extract_fields, normalise_label, stage


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
    assert state.buyer["email"] == "given@buyer.com"
    assert state.buyer["phone"] == "123"


@pytest.mark.parametrize("label, normal", [("Email:", "email"), ("  E-mail ： ", "e-mail"), ("Sender’s IP", "sender's ip")])
def test_labels_normalise_case_colons_and_quotes(label, normal):
    assert normalise_label(label) == normal


# ---- the inquiry area, multi-line messages, values the contract types (shared_rules/extraction.md) ----

def with_platform(rules, name: str, **changes):
    """The rules with one platform file changed."""
    files = {n: rules[n] for n in rules}
    files[f"platforms/{name}"] = {**rules[f"platforms/{name}"], **changes}
    return type(rules)(files, "test", "test")


def test_labels_and_links_are_read_inside_the_inquiry_area_only(rules):
    patched = with_platform(rules, "generic", inquiry_area=[{"selector": "#inquiry", "confidence": 1}])
    html = ('<nav><p>Email: nav@platform.example</p><a href="https://platform.example/home">home</a></nav>'
            '<div id="inquiry"><p>Email: buyer@shop.example</p><a href="https://shop.example">shop</a></div>')
    fields = extract_fields(patched, "generic", html)
    assert fields["buyer"]["email"] == "buyer@shop.example"
    assert fields["inquiry"]["links"] == ["https://shop.example"]


def test_a_message_runs_over_the_lines_of_its_element_until_a_buyer_label(rules):
    html = ("<p>Message:</p><div>Dear supplier,<br>Quantity: 500 pcs<br>Please quote FOB.</div>"
            "<p>Date: 2026-11-26 09:12</p><p>Name: Omar</p>")
    fields = extract_fields(rules, "generic", html)
    assert fields["inquiry"]["message"] == "Dear supplier,\nQuantity: 500 pcs\nPlease quote FOB."
    assert fields["inquiry"]["received_at"] == "2026-11-26T09:12:00"
    assert fields["buyer"]["name"] == "Omar"


def test_pasted_text_ends_the_message_at_the_first_buyer_label(rules):
    fields = extract_fields(rules, "email", "<pre>Message: Hello\nWe need 2,000 pcs.\nEmail: omar@trade.example\n</pre>")
    assert fields["inquiry"]["message"] == "Hello\nWe need 2,000 pcs."
    assert fields["buyer"]["email"] == "omar@trade.example"


@pytest.mark.parametrize("shown, value", [
    ("2026-11-26 09:12", "2026-11-26T09:12:00"),
    ("2026/11/26 9:05:30", "2026-11-26T09:05:30"),
    ("2026-11-26T09:12:00+0800", "2026-11-26T09:12:00+08:00"),
    ("2026-11-26", "2026-11-26T00:00:00"),
    ("2026-02-30 09:00", None),
    ("Nov 26, 2026", None),
])
def test_the_received_time_becomes_iso_8601_or_absent(rules, shown, value):
    fields = extract_fields(rules, "generic", f"<p>Date: {shown}</p>")
    assert fields["inquiry"].get("received_at") == value


@pytest.mark.parametrize("label, shown, field, value", [
    ("登录天数", "41", "login_days", 41),
    ("Product Views", "1,234", "product_views", 1234),
    ("Login Days", "41 days", "login_days", 41),
    ("Total Orders", "-1", "orders", None),
    ("订单总数", "客户隐藏", "orders", None),
    ("Login Days", "3.5", "login_days", None),
    ("注册日期", "2019-03-02", "registered_at", "2019-03-02"),
    ("注册时间", "2019年3月2日", "registered_at", "2019-03-02"),
    ("Registration Date", "a while ago", "registered_at", None),
    ("Total Order Volume", "US$ 12,000", "order_volume", "US$ 12,000"),
    ("Identity Verified", "Yes", "verified", True),
])
def test_activity_figures_take_the_contract_types(rules, label, shown, field, value):
    fields = extract_fields(rules, "generic", f"<ul><li><span>{label}</span><span>{shown}</span></li></ul>")
    activity = fields["buyer"].get("activity", {})
    assert activity.get(field) == value


def test_page_json_activity_in_unix_seconds_and_hidden_minus_one(rules):
    patched = with_platform(rules, "generic", json_sources=[{"selector": "script#card", "confidence": 1, "fields": {
        "buyer.activity.registered_at": "buyer.registerDate", "buyer.activity.orders": "buyer.totalOrderCount",
        "buyer.activity.spam_marked": "buyer.spam", "buyer.company": "buyer.flag"}}])
    html = ('<script id="card" type="application/json">'
            '{"buyer": {"registerDate": 1551484800, "totalOrderCount": -1, "spam": 2, "flag": true}}</script>')
    fields = extract_fields(patched, "generic", html)
    assert fields["buyer"]["activity"] == {"registered_at": "2019-03-02", "spam_marked": 2}
    assert "company" not in fields["buyer"]  # a JSON true is not text
    assert "buyer.activity.orders" not in fields["found"]


def test_a_hidden_contact_is_absent(rules):
    fields = extract_fields(rules, "generic", "<p>Email: -1</p><p>Tel: Hidden</p>")
    assert "email" not in fields["buyer"] and "phone" not in fields["buyer"]


def test_attachments_come_from_the_first_selector_that_matches(rules):
    patched = with_platform(rules, "generic", attachments=[{"selector": ".none", "confidence": 1},
                                                           {"selector": ".file", "confidence": 1}])
    html = '<ul><li class="file">PO_2231.pdf.exe</li><li class="file"> </li><li class="file">spec.xlsx</li></ul>'
    fields = extract_fields(patched, "generic", html)
    assert fields["inquiry"]["attachments"] == [{"name": "PO_2231.pdf.exe"}, {"name": "spec.xlsx"}]
    assert "inquiry.attachments" in fields["found"]


def test_the_stage_merges_page_activity_under_what_the_request_gave(make_state, env):
    state = make_state({"buyer": {"activity": {"orders": 5}},
                        "html": "<p>Total Orders: 3</p><p>Login Days: 41</p>"})
    state = stage(state, env)
    assert state.buyer["activity"]["orders"] == 5
    assert state.buyer["activity"]["login_days"] == 41


def test_platform_selectors_use_css_both_engines_read_alike(rules):
    for name in rules.of_kind("platform"):
        platform = rules[name]
        selectors = [rule["selector"] for rule in platform["inquiry_area"] + platform.get("attachments", [])]
        selectors += [rule["selector"] for field_rules in platform["fields"].values() for rule in field_rules]
        selectors += [source["selector"] for source in platform["json_sources"]]
        for selector in selectors:
            assert ":" not in selector, f"{name}: {selector!r} uses a pseudo-class"
