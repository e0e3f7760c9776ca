"""Follow-ups (定期关怀): due dates, suggested dates, and holidays ahead in the buyers' own countries."""
from __future__ import annotations

import json
from datetime import date

import pytest

from inquiry_lens.cli.main import main
from inquiry_lens.history.followups import greeting_for
from inquiry_lens.reply.followup_plan import plan
from inquiry_lens.web.app import create_app
from tests.inquiries import labelled

SELLER = {"timezone": "Asia/Shanghai", "workdays": [1, 2, 3, 4, 5]}


def buyer_from(client, country: str, name: str, received: str = "2026-10-20T10:00:00+08:00",
               message: str = "Please quote 800 pcs of model HX-20 with CE, FOB Ningbo.") -> str:
    body = {"inquiry": {"subject": f"RFQ from {name}", "message": message, "received_at": received},
            "buyer": {"name": name, "country": country, "email": f"{name.split()[0].lower()}@{country.lower()}-buyer.com"}}
    response = client.post("/api/v1/analyze", json=body)
    assert response.status_code == 200
    return response.get_json()["id"]


def followups(client, on: str, days: int | None = None) -> dict:
    response = client.get(f"/api/v1/followups?on={on}" + (f"&days={days}" if days else ""))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def holidays_of(body: dict, country: str) -> dict[str, dict]:
    return {h["name"]: h for h in body["holidays"] if h["country"] == country}


def test_a_us_buyer_gets_thanksgiving_and_christmas_but_no_diwali(client):
    buyer_from(client, "United States", "Matt Kowalczyk")
    client.put("/api/v1/settings", json={"company": "Ningbo Sunrise Lighting Co., Ltd."})
    body = followups(client, "2026-11-25")
    us = holidays_of(body, "US")
    assert us["Thanksgiving Day"]["date"] == "2026-11-26" and us["Thanksgiving Day"]["days_until"] == 1
    assert us["Thanksgiving Day"]["greeting"]["key"] == "thanksgiving"
    assert us["Christmas Day"]["greeting"]["key"] == "christmas"
    draft = us["Christmas Day"]["greeting"]["draft"]
    assert "Merry Christmas" in draft["en"] and "Ningbo Sunrise Lighting Co., Ltd." in draft["en"]
    assert "圣诞快乐" in draft["zh"]
    assert us["Thanksgiving Day"]["buyers"][0]["name"] == "Matt Kowalczyk" and us["Thanksgiving Day"]["buyer_count"] == 1
    keys = {h["greeting"]["key"] for h in body["holidays"] if h["greeting"]}
    assert keys == {"thanksgiving", "christmas"}, "only holidays the US keeps"


def test_an_indian_buyer_gets_diwali(client):
    buyer_from(client, "India", "Rajesh Kumar")
    body = followups(client, "2026-11-01")
    india = holidays_of(body, "IN")
    assert india["Diwali"]["date"] == "2026-11-08" and india["Diwali"]["greeting"]["key"] == "diwali"
    assert "Happy Diwali" in india["Diwali"]["greeting"]["draft"]["en"]


def test_no_greeting_for_a_holiday_the_country_does_not_keep(client):
    buyer_from(client, "Japan", "Kenji Sato")
    japan = holidays_of(followups(client, "2026-11-20"), "JP")
    assert japan["Labor Thanksgiving Day"]["greeting"] is None  # a day off in Japan, not Thanksgiving
    assert all(h["country"] == "JP" for h in followups(client, "2026-11-20")["holidays"])


def test_spam_and_lost_buyers_get_no_greetings(client):
    spam = buyer_from(client, "India", "Free Sample", message="Send free samples, we do not pay the shipping, no order.")
    lost = buyer_from(client, "Germany", "Hans Weber")
    client.post(f"/api/v1/inquiries/{spam}/status", json={"status": "spam"})
    client.post(f"/api/v1/inquiries/{lost}/status", json={"status": "lost"})
    assert followups(client, "2026-11-01")["holidays"] == []


def test_a_follow_up_becomes_due_on_its_date(client):
    target = buyer_from(client, "Germany", "Hans Weber")
    client.post(f"/api/v1/inquiries/{target}/status", json={"status": "follow_up", "follow_up_on": "2026-12-03"})
    before = followups(client, "2026-12-02")
    assert [i["id"] for i in before["due"]] == [] and [i["id"] for i in before["upcoming"]] == [target]
    on_the_day = followups(client, "2026-12-03")
    assert [(i["id"], i["days_overdue"]) for i in on_the_day["due"]] == [(target, 0)]
    assert on_the_day["due"][0]["reason"]["zh"] == "你设定的跟进日期"
    assert [i["days_overdue"] for i in followups(client, "2026-12-05")["due"]] == [2]
    client.post(f"/api/v1/inquiries/{target}/status", json={"status": "won"})
    assert followups(client, "2026-12-05")["due"] == []


def test_a_potential_buyers_suggested_date_is_due_without_any_status(client):
    analysed = client.post("/api/v1/analyze", json=labelled("043")).get_json()  # market research, Saudi Arabia
    suggested = analysed["reply"]["follow_up"]
    assert suggested["on"] == "2026-10-21"
    assert followups(client, "2026-10-20")["due"] == []
    due = followups(client, "2026-10-21")["due"]
    assert [i["id"] for i in due] == [analysed["id"]] and due[0]["reason"] == suggested["reason"]


def test_suggested_dates_skip_the_buyers_holidays_and_weekends(rules):
    # 2026-11-19 + 7 days is Thanksgiving: the US buyer is off, so the Friday after
    assert plan("on_arrival", "potential", None, date(2026, 11, 19), SELLER, "US", rules)["on"] == "2026-11-27"
    # + 7 lands on a Friday, the Saudi weekend (Fri-Sat), then the seller's Sunday: Monday
    assert plan("on_arrival", "potential", None, date(2026, 10, 16), SELLER, "SA", rules)["on"] == "2026-10-26"
    assert plan("on_arrival", "potential", "market_research", date(2026, 9, 21), SELLER, "SA", rules)["rule"] == \
        "on_arrival:potential/market_research"
    assert plan("on_arrival", "spam", "phishing", date(2026, 9, 21), SELLER, "SA", rules) is None


@pytest.mark.parametrize("name, key", [
    ("Christmas Day", "christmas"), ("Christmas", "christmas"), ("New Year's Day", "new_year"),
    ("Chinese New Year (Spring Festival)", "lunar_new_year"), ("Korean New Year", "lunar_new_year"),
    ("Chinese New Year's Eve", None), ("Spring Festival", None), ("Eid al-Fitr Holiday", "eid_al_fitr"),
    ("Diwali", "diwali"), ("Deepavali", "diwali"), ("Thanksgiving Day", "thanksgiving"), ("Labor Thanksgiving Day", None),
    ("Independence Day", "national_day"), ("National Day Holiday", "national_day"),
    ("National Day of Zumbi and Black Awareness", None), ("Coptic Christmas Day", None), ("Veterans Day", None),
])
def test_greetings_match_holiday_names(rules, name, key):
    found = greeting_for(name, rules)
    assert (found["key"] if found else None) == key


def test_far_dates_answer_without_holidays(client):
    buyer_from(client, "United States", "Matt Kowalczyk")
    assert followups(client, "9999-12-30")["holidays"] == []
    assert followups(client, "0001-01-01")["due"] == []
    assert client.get("/api/v1/followups?days=0").status_code == 422


def test_the_command_prints_the_same_as_the_api(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    client = create_app({"DATA_DIR": tmp_path, "TESTING": True}).test_client()
    buyer_from(client, "United States", "Matt Kowalczyk")
    served = client.get("/api/v1/followups?on=2026-11-25").get_json()
    assert main(["--data-dir", str(tmp_path), "followups", "--on", "2026-11-25", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == served
    assert main(["--data-dir", str(tmp_path), "followups", "--on", "2026-11-25", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Thanksgiving Day" in out and "Happy Thanksgiving!" in out and "Matt Kowalczyk" in out
