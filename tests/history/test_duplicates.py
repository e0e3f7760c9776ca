"""Earlier inquiries from the same buyer (撞单), through the app and its real history file."""
from __future__ import annotations

import json

import pytest

from inquiry_lens.history.duplicates import email_key, same_buyer
from inquiry_lens.text.company_names import company_name
from tests.paths import RULES

VECTORS = RULES / "tests" / "company_names.json"


def analyse(client, buyer: dict, message: str = "Please quote 500 pcs of model HX-20, CE, FOB Ningbo.", **extra):
    body = {"inquiry": {"subject": "Quotation", "message": message}, "buyer": buyer, **extra}
    response = client.post("/api/v1/analyze", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize("first, second, matched_on", [
    ({"email": "Matt.K@BrightlineHome.com"}, {"email": "matt.k@brightlinehome.com"}, "email"),
    ({"email": "matt.kowalczyk+alibaba@gmail.com"}, {"email": "MattKowalczyk@googlemail.com"}, "email"),
    ({"phone": "+1 (614) 829-3307", "country": "US"}, {"phone": "614.829.3307", "country": "United States"}, "phone"),
    ({"fax": "+49 30 1234567"}, {"mobile": "0049 (0)30 123 45 67"}, "phone"),
    ({"company": "Brightline Home LLC"}, {"company": "BRIGHTLINE HOME, L.L.C."}, "company"),
    ({"company": "Kowalczyk Elektro Sp. z o.o."}, {"company": "Kowalcyzk Elektro"}, "company"),
    ({"email": "anna@velotrade.cz"}, {"email": "petr@velotrade.cz"}, "domain"),
    ({"website": "https://www.velotrade.cz/en/"}, {"email": "petr@velotrade.cz"}, "domain"),
])
def test_one_buyer_written_differently_is_a_duplicate(client, first, second, matched_on):
    earlier = analyse(client, first, message="Need 300 helmets, EN 1078, price and lead time?")
    later = analyse(client, second, platform="made_in_china")  # across platforms too
    assert [(d["id"], d["matched_on"]) for d in later["duplicates"]] == [(earlier["id"], matched_on)]
    duplicate = later["duplicates"][0]
    assert duplicate["status"] == "new" and duplicate["received_at"] and duplicate["platform"] == "generic"


def test_all_differences_at_once_still_one_buyer_the_strongest_evidence_named(client):
    earlier = analyse(client, {"email": "Omar@Haddad-Trading.AE", "phone": "+971 4 123 4567",
                               "company": "Haddad Trading LLC"})
    later = analyse(client, {"email": "omar@haddad-trading.ae", "phone": "04-1234567", "country": "UAE",
                             "company": "Haddad Trading L.L.C."}, message="Any news on the tiles quotation?")
    assert [(d["id"], d["matched_on"]) for d in later["duplicates"]] == [(earlier["id"], "email")]


def test_two_different_buyers_on_gmail_are_not_duplicates(client):
    analyse(client, {"email": "john.smith.imports@gmail.com", "name": "John Smith"})
    later = analyse(client, {"email": "maria.gonzalez.shop@gmail.com", "name": "Maria Gonzalez"})
    assert later["duplicates"] == []


@pytest.mark.parametrize("first, second", [
    ({"company": "ABC Trading Co."}, {"company": "ABD Trading Co."}),
    ({"company": "Atlas Global Trading"}, {"company": "Orion Global Trading"}),
    ({"website": "https://shop.alibaba.com/x"}, {"website": "https://other.alibaba.com/y"}),
    ({"email": "a@mailinator.com"}, {"email": "b@mailinator.com"}),
    ({"company": "N/A"}, {"company": "n/a"}),
])
def test_what_is_not_the_same_buyer(client, first, second):
    analyse(client, first)
    assert analyse(client, second)["duplicates"] == []


def test_the_same_inquiry_analysed_again_keeps_one_row_and_is_not_its_own_duplicate(client):
    body = {"buyer": {"email": "li@example-buyer.com"}, "message": "Need 2000 pcs, price?"}
    first = analyse(client, body["buyer"], message=body["message"])
    again = analyse(client, body["buyer"], message=body["message"])
    assert again["id"] == first["id"] and again["duplicates"] == []
    assert client.get("/api/v1/inquiries").get_json()["total"] == 1


def test_store_false_looks_up_but_does_not_save(client):
    earlier = analyse(client, {"email": "li@example-buyer.com"})
    looked = analyse(client, {"email": "LI@example-buyer.com"}, message="Another question", store=False)
    assert looked["id"] is None and looked["duplicates"][0]["id"] == earlier["id"]
    assert client.get("/api/v1/inquiries").get_json()["total"] == 1


def test_the_status_of_an_earlier_inquiry_is_shown(client):
    earlier = analyse(client, {"email": "scam@fake-buyer.net"}, message="Send free samples, we do not pay shipping")
    client.post(f"/api/v1/inquiries/{earlier['id']}/status", json={"status": "spam"})
    later = analyse(client, {"email": "scam@fake-buyer.net"})
    assert later["duplicates"][0]["status"] == "spam"


def test_email_keys():
    assert email_key("J.Smith+ali@GMail.com") == "jsmith@gmail.com"
    assert email_key("j.smith@example.com") == "j.smith@example.com"


def vector_cases():
    return json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", vector_cases(), ids=lambda c: c["name"])
def test_company_name_vectors(case, rules):
    if isinstance(case["input"], list):
        a, b = (company_name(text, rules) for text in case["input"])
        # As the history finds it: the earlier name is a candidate through the lookup keys both share.
        shared = {kind for kind, _ in set(a.lookup_keys(rules)) & set(b.lookup_keys(rules))}
        candidates = {"earlier": {"kinds": shared, "core": b.core}} if shared else {}
        assert bool(same_buyer(candidates, a, rules)) is case["expect"]["same"]
    else:
        found = company_name(case["input"], rules)
        assert (found and {"key": found.key, "core": found.core}) == case["expect"]
