"""GET /api/v1/inquiries (filters, paging), GET /api/v1/inquiries/<id>, POST .../status — every
response also checked against /openapi.json by the contract client."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from inquiry_lens.reply.followup_plan import local_day, plan
from tests.inquiries import labelled


def post(client, body: dict) -> dict:
    response = client.post("/api/v1/analyze", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def stored(client) -> dict[str, str]:
    """Four inquiries: clear intent (US), potential (US, SA), spam (GB), received in that order of files."""
    return {name: post(client, labelled(prefix))["id"]
            for name, prefix in (("led_us", "001"), ("distributor_us", "030"), ("solar_sa", "043"), ("samples_gb", "074"))}


def ids(body: dict) -> list[str]:
    return [item["id"] for item in body["items"]]


def test_the_list_is_newest_first_by_arrival(client, stored):
    body = client.get("/api/v1/inquiries").get_json()
    received = [item["received_at"] for item in body["items"]]
    assert received == sorted(received, reverse=True) and body["total"] == 4
    assert ids(body)[0] == stored["solar_sa"]  # 2026-09-20, the latest of the four


@pytest.mark.parametrize("query, expected", [
    ("status=new", {"led_us", "distributor_us", "solar_sa", "samples_gb"}),
    ("category=potential", {"distributor_us", "solar_sa"}),
    ("category=spam", {"samples_gb"}),
    ("country=US", {"led_us", "distributor_us"}),
    ("country=Saudi%20Arabia", {"solar_sa"}),
    ("country=%E6%B2%99%E7%89%B9", {"solar_sa"}),  # 沙特
    ("country=Atlantis", set()),
    ("text=cob", {"led_us"}),
    ("text=BRIGHTLINE", {"led_us"}),
    ("category=potential&country=us", {"distributor_us"}),
])
def test_filters(client, stored, query, expected):
    body = client.get(f"/api/v1/inquiries?{query}").get_json()
    assert set(ids(body)) == {stored[name] for name in expected}
    assert body["total"] == len(expected)


def test_text_ignores_case_and_accents(client):
    post(client, {"inquiry": {"message": "Necesitamos 500 cascos"}, "buyer": {"company": "Ferretería Pérez S.A."}})
    assert client.get("/api/v1/inquiries?text=FERRETERIA%20perez").get_json()["total"] == 1


def test_paging(client, stored):
    first = client.get("/api/v1/inquiries?limit=3").get_json()
    second = client.get("/api/v1/inquiries?limit=3&offset=3").get_json()
    assert len(first["items"]) == 3 and len(second["items"]) == 1 and first["total"] == second["total"] == 4
    assert not set(ids(first)) & set(ids(second))


@pytest.mark.parametrize("query, field", [
    ("status=maybe", "status"), ("category=urgent", "category"), ("limit=0", "limit"), ("limit=1000", "limit"),
    ("offset=-1", "offset"), ("text=" + "x" * 300, "text"),
])
def test_bad_filters_get_422_naming_the_parameter(client, query, field):
    response = client.get(f"/api/v1/inquiries?{query}")
    assert response.status_code == 422 and response.get_json()["error"]["field"] == field


def test_the_detail_holds_the_request_the_verdict_and_the_history(client, stored):
    detail = client.get(f"/api/v1/inquiries/{stored['led_us']}").get_json()
    assert detail["request"]["buyer"]["company"] == "Brightline Home LLC"
    assert "html" not in detail["request"]
    assert detail["analysis"]["verdict"]["intent"]["category"] == "clear_intent"
    assert [h["status"] for h in detail["history"]] == ["new"]
    assert client.get("/api/v1/inquiries/nope").status_code == 404


def test_store_false_is_not_kept(client):
    body = post(client, {"inquiry": {"message": "price list please"}, "store": False})
    assert body["id"] is None
    assert client.get("/api/v1/inquiries").get_json()["total"] == 0


def test_statuses_are_kept_in_order_with_their_dates(client, stored):
    target = stored["led_us"]
    replied = client.post(f"/api/v1/inquiries/{target}/status", json={"status": "replied", "note": "quoted FOB"}).get_json()
    seller = client.get("/api/v1/settings").get_json()
    expected = plan("after_reply", "clear_intent", None, local_day(datetime.now(timezone.utc), seller), seller, "US",
                    client.application.extensions["inquiry_lens"].rules)["on"]
    assert replied["status"] == "replied" and replied["follow_up_on"] == expected  # quoted: chase in 3 working days
    chosen = client.post(f"/api/v1/inquiries/{target}/status", json={"status": "follow_up", "follow_up_on": "2027-01-05"})
    assert chosen.get_json()["follow_up_on"] == "2027-01-05"
    won = client.post(f"/api/v1/inquiries/{target}/status", json={"status": "won"}).get_json()
    assert won["follow_up_on"] is None
    history = won["history"]
    assert [(h["status"], h["follow_up_on"]) for h in history] == [
        ("new", None), ("replied", expected), ("follow_up", "2027-01-05"), ("won", None)]
    assert history[1]["note"] == "quoted FOB"
    assert client.get("/api/v1/inquiries?status=won").get_json()["items"][0]["id"] == target


@pytest.mark.parametrize("body, status, field", [
    ({"status": "follow_up"}, 422, "follow_up_on"),
    ({"status": "follow_up", "follow_up_on": "next week"}, 422, "follow_up_on"),
    ({"status": "pending"}, 422, "status"),
    ({}, 422, "status"),
])
def test_bad_status_changes_get_422(client, stored, body, status, field):
    response = client.post(f"/api/v1/inquiries/{stored['led_us']}/status", json=body)
    assert response.status_code == status and response.get_json()["error"]["field"] == field


def test_a_status_for_an_unknown_inquiry_is_404(client):
    response = client.post("/api/v1/inquiries/0000/status", json={"status": "won"})
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_potential_buyers_get_a_suggested_follow_up_date(client):
    distributor = post(client, labelled("030"))["reply"]["follow_up"]
    assert distributor["on"] == "2026-04-27" and distributor["rule"] == "on_arrival:potential/adding_supplier"
    assert distributor["reason"]["zh"] and distributor["reason"]["en"]
    assert post(client, labelled("043"))["reply"]["follow_up"]["on"] == "2026-10-21"  # market research: a month
    assert post(client, labelled("001"))["reply"]["follow_up"] is None  # clear intent: reply now, chase after the quote
    assert post(client, labelled("074"))["reply"]["follow_up"] is None  # spam: never


def test_the_openapi_document_describes_the_filters(client):
    document = client.get("/openapi.json").get_json()
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/inquiries"]["get"]["parameters"]}
    assert {"status", "category", "country", "text", "limit", "offset"} <= set(parameters)
    assert parameters["status"]["schema"]["enum"] == ["new", "replied", "follow_up", "won", "lost", "spam"]
    assert "404" in document["paths"]["/api/v1/inquiries/{inquiry_id}/status"]["post"]["responses"]
