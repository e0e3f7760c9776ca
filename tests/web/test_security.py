"""The request gate of docs/ARCHITECTURE.md, "Security and failure model", through Flask's test client."""
from __future__ import annotations

import logging

import pytest

from inquiry_lens.web.security import API_HEADER, TOKEN_HEADER, host_name

BODY = {"inquiry": {"message": "Please quote 500 pcs of model A12."}}
EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def error_code(response) -> str:
    return response.get_json()["error"]["code"]


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "localhost"])
def test_loopback_hosts_are_served(client, host):
    assert client.get("/api/v1/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "192.168.1.5:8765"])
def test_a_host_that_is_not_loopback_is_refused_against_dns_rebinding(client, host):
    response = client.get("/api/v1/health", headers={"Host": host})
    assert response.status_code == 403
    assert error_code(response) == "forbidden_host"


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:9000", "null", "chrome-extension://"])
def test_a_web_origin_is_refused_and_gets_no_cors_header(client, origin):
    response = client.post("/api/v1/analyze", json=BODY, headers={"Origin": origin, API_HEADER: "1"})
    assert response.status_code == 403
    assert error_code(response) == "forbidden_origin"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_web_origin_preflight_is_refused_without_cors_headers(client):
    response = client.options("/api/v1/analyze", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-inquiry-lens-api"})
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origin", [EXT, "chrome-extension://abc", "moz-extension://1b2c3d4e-aaaa-bbbb-cccc-0123456789ab"])
def test_an_extension_origin_with_the_api_header_is_allowed_with_cors(client, origin):
    response = client.post("/api/v1/analyze", json=BODY, headers={"Origin": origin, API_HEADER: "1"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "X-Inquiry-Lens-Version" in response.headers["Access-Control-Expose-Headers"]


def test_an_extension_preflight_is_answered_with_cors_headers(client):
    response = client.options("/api/v1/analyze", headers={
        "Origin": EXT, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-inquiry-lens-api"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == EXT
    assert "x-inquiry-lens-api" in response.headers["Access-Control-Allow-Headers"].lower()


def test_a_browser_request_without_the_api_header_is_refused(client):
    response = client.post("/api/v1/analyze", json=BODY, headers={"Origin": EXT})
    assert response.status_code == 403
    assert error_code(response) == "api_header_required"


def test_another_api_version_gets_412_naming_ours(client):
    response = client.post("/api/v1/analyze", json=BODY, headers={"Origin": EXT, API_HEADER: "2"})
    assert response.status_code == 412
    assert "version 1" in response.get_json()["error"]["message"]


def test_a_request_without_origin_needs_no_api_header(client):
    assert client.post("/api/v1/analyze", json=BODY).status_code == 200


def test_pinned_extension_ids_refuse_other_extensions(tmp_path):
    from inquiry_lens.web.app import create_app

    app = create_app({"DATA_DIR": tmp_path, "EXTENSION_IDS": ["pinnedid"]})
    client = app.test_client()
    ok = client.get("/api/v1/health", headers={"Origin": "chrome-extension://pinnedid", API_HEADER: "1"})
    other = client.get("/api/v1/health", headers={"Origin": "chrome-extension://otherid", API_HEADER: "1"})
    assert (ok.status_code, other.status_code) == (200, 403)


def test_remote_mode_requires_the_pairing_token(tmp_path):
    from inquiry_lens.web.app import create_app

    app = create_app({"DATA_DIR": tmp_path, "ALLOW_REMOTE": True, "PAIRING_TOKEN": "s3cret"})
    client = app.test_client()
    assert client.get("/api/v1/health", headers={"Host": "10.0.0.2:8765"}).status_code == 401
    assert client.get("/api/v1/health", headers={"Host": "10.0.0.2:8765", TOKEN_HEADER: "wrong"}).status_code == 401
    assert client.get("/api/v1/health", headers={"Host": "10.0.0.2:8765", TOKEN_HEADER: "s3cret"}).status_code == 200


def test_a_body_over_the_limit_gets_413(client):
    response = client.post("/api/v1/analyze", data=b"x" * (1024 * 1024), content_type="application/json")
    assert response.status_code == 413
    assert error_code(response) == "body_too_large"


def test_invalid_json_gets_400(client):
    response = client.post("/api/v1/analyze", data=b"{", content_type="application/json")
    assert response.status_code == 400
    assert error_code(response) == "invalid_json"


def test_a_body_that_is_not_json_gets_415_so_html_forms_cannot_post(client):
    response = client.post("/api/v1/analyze", data="inquiry=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


@pytest.mark.parametrize("body, field", [
    ({"inquiry": 5}, "inquiry"),
    ({"inquiry": {"message": 7}}, "inquiry.message"),
    ({"inquiry": {"message": "x"}, "buyer": {"activity": {"orders": "many"}}}, "buyer.activity.orders"),
    ({"inquiry": {"message": "x", "attachments": [{"name": 3}]}}, "inquiry.attachments[0].name"),
    ({"inquiry": {"message": "x"}, "platform": "ebay"}, "platform"),
    ({"inquiry": {"message": "x"}, "seller": {"timezone": "Mars/Olympus"}}, "seller.timezone"),
])
def test_a_wrong_type_gets_422_naming_the_field(client, body, field):
    response = client.post("/api/v1/analyze", json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == field


def test_an_empty_inquiry_gets_422(client):
    response = client.post("/api/v1/analyze", json={"inquiry": {"message": "   "}})
    assert response.status_code == 422
    assert "inquiry.message" in response.get_json()["error"]["message"]


def test_unknown_route_and_wrong_method_answer_json(client):
    assert error_code(client.get("/nope")) == "not_found"
    response = client.delete("/api/v1/analyze")
    assert response.status_code == 405
    assert error_code(response) == "method_not_allowed"


def test_a_failing_endpoint_answers_json_500_without_a_traceback(app, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret inquiry text")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "secret" not in response.get_data(as_text=True)
    assert error_code(response) == "internal_error"
    assert response.headers["X-Inquiry-Lens-API-Version"] == "1"
    above_debug = [r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG]
    assert above_debug and not any("secret" in line for line in above_debug), "inquiry text logged above debug"


def test_analysing_logs_no_inquiry_text_above_debug(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/analyze", json={"inquiry": {"message": "MARKER-7731 please quote"}, "buyer": {"ip": "x"}})
    assert not any("MARKER-7731" in r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG)


@pytest.mark.parametrize("header, name", [
    ("127.0.0.1:8765", "127.0.0.1"), ("[::1]:8765", "::1"), ("LOCALHOST", "localhost"), ("::1", "::1"),
])
def test_host_name_strips_the_port(header, name):
    assert host_name(header) == name
