"""The v1 endpoints over Flask's test client; every response is also checked against /openapi.json."""
from __future__ import annotations

import pytest

from inquiry_lens import __version__
from inquiry_lens.web.app import create_app
from tests.inquiries import example_files, load_example

RESPONSE_KEYS = {"id", "verdict", "signals", "checks", "reply", "research_links", "duplicates", "elapsed_ms"}
CHECK_KEYS = {"phone", "mobile", "fax", "email", "website", "ip", "address", "countries", "links"}


def test_health_names_versions_rules_and_geoip(client, rules):
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["version"] == __version__
    assert body["rules_version"] == rules.version
    assert set(body["geoip"]) >= {"source", "database", "build_date"}


def test_every_example_answers_200_with_the_full_response_shape(client):
    assert example_files(), "tests/data/examples is empty"
    for path in example_files():
        response = client.post("/api/v1/analyze", json=load_example(path)["request"])
        assert response.status_code == 200, path.name
        body = response.get_json()
        assert set(body) == RESPONSE_KEYS, path.name
        assert set(body["checks"]) >= CHECK_KEYS, path.name
        assert body["reply"]["priority"] in {"reply_now", "reply_today", "template", "do_not_engage"}


def test_a_minimal_request_has_null_checks_not_missing_ones(client):
    body = client.post("/api/v1/analyze", json={"inquiry": {"subject": "price list"}}).get_json()
    assert body["checks"]["phone"] is None
    assert body["checks"]["links"] == []
    assert body["id"] is None or isinstance(body["id"], str)


def test_html_fills_the_fields_the_request_lacks(client):
    html = ("<div><p>Subject: LED panel 60x60</p><p>Email: buyer@lumen.de</p>"
            "<p>Message: Need 2000 pcs, CE and RoHS.</p></div>")
    response = client.post("/api/v1/extract", json={"platform": "generic", "html": html})
    body = response.get_json()
    assert body["buyer"]["email"] == "buyer@lumen.de"
    assert body["inquiry"]["subject"] == "LED panel 60x60"
    assert "buyer.email" in body["found"]
    assert client.post("/api/v1/analyze", json={"html": html}).status_code == 200


def test_settings_are_saved_in_the_data_folder_and_survive_a_restart(tmp_path):
    profile = {"company": "Ningbo Sunrise Lighting Co., Ltd.", "highlights": ["ISO 9001", "Canton Fair exhibitor"],
               "timezone": "Asia/Shanghai", "workday_start": "08:30", "workday_end": "17:30", "workdays": [1, 2, 3, 4, 5, 6]}
    first = create_app({"DATA_DIR": tmp_path}).test_client()
    assert first.put("/api/v1/settings", json=profile).status_code == 200
    assert (tmp_path / "settings.json").is_file()
    again = create_app({"DATA_DIR": tmp_path}).test_client().get("/api/v1/settings").get_json()
    assert again["company"] == profile["company"] and again["workday_start"] == "08:30"


def test_saved_settings_are_the_default_seller_of_an_analysis(client):
    client.put("/api/v1/settings", json={"company": "Ningbo Sunrise Lighting Co., Ltd."})
    inquiry = {"message": "Need LED panels", "product": "LED panel"}
    body = client.post("/api/v1/analyze", json={"inquiry": inquiry}).get_json()
    assert body["reply"]["subject"] == "Ningbo Sunrise Lighting Co., Ltd. for LED panel"


def test_a_request_seller_overrides_only_the_fields_it_sends(client):
    client.put("/api/v1/settings", json={"company": "Saved Co.", "highlights": ["Factory since 2001"]})
    body = client.post("/api/v1/analyze", json={"inquiry": {"message": "hi", "product": "fan"},
                                                "seller": {"company": "Other Co."}}).get_json()
    assert body["reply"]["subject"] == "Other Co. for fan"
    assert "Factory since 2001" in body["reply"]["draft"]


@pytest.mark.parametrize("profile, field", [
    ({"workday_start": "9am"}, "workday_start"),
    ({"workdays": [0, 8]}, "workdays"),
    ({"workday_start": "18:00", "workday_end": "09:00"}, None),
])
def test_bad_settings_get_422(client, profile, field):
    response = client.put("/api/v1/settings", json=profile)
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == field


def test_every_route_is_in_the_openapi_document(app, client):
    document = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if not (rule.rule.startswith("/api/") or rule.rule == "/openapi.json"):
            continue  # pages (the demo) are not the API
        path = rule.rule.replace("<", "{").replace(">", "}")
        assert path in document["paths"], path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"][path], f"{method} {path}"
