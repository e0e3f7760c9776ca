"""The buyer's e-mail, website and company name (inquiry_lens.checks.email_check)."""
from __future__ import annotations

import pytest

from inquiry_lens.checks import email_check
from inquiry_lens.checks.email_check import check_email, check_website, company_matches
from inquiry_lens.rules import packaged_rules
from tests.hostile_inputs import CONTACT
from tests.inquiries import example_files, load_example

VECTORS = packaged_rules()["tests/email_check"]["cases"]
STAGE_CODES = {
    "EMAIL_INVALID", "EMAIL_FREE_PROVIDER", "EMAIL_DISPOSABLE", "EMAIL_CORPORATE", "EMAIL_WEBSITE_MATCH",
    "EMAIL_WEBSITE_MISMATCH", "EMAIL_UNVERIFIED", "EMAIL_ROLE_ACCOUNT", "COMPANY_DOMAIN_MATCH", "COMPANY_MISSING",
    "DOMAIN_LOOKALIKE", "DOMAIN_PUNYCODE",
}


def run(make_state, env, buyer: dict) -> dict:
    return email_check.stage(make_state({"inquiry": {"message": "hello"}, "buyer": buyer}), env)


def codes(state: dict) -> list[str]:
    return sorted(s["code"] for s in state.signals)


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_email_vector(case, make_state, env):
    state = run(make_state, env, case["input"])
    assert codes(state) == case["expect"]["signals"]
    for part in ("email", "website"):
        if part not in case["expect"]:
            continue
        want, got = case["expect"][part], state.checks[part]
        if want is None:
            assert got is None
        else:
            assert {key: got[key] for key in want} == want


def test_every_signal_of_the_stage_has_a_vector():
    seen = {code for case in VECTORS for code in case["expect"]["signals"]}
    assert seen == STAGE_CODES


def test_checks_have_the_contract_fields(rules):
    email = check_email("horakova@velotrade.cz", rules)
    for key in ("input", "valid_syntax", "domain", "registrable_domain", "free_provider", "disposable",
                "role_account", "matches_website"):
        assert key in email
    assert set(check_website("www.velotrade.cz", rules)) >= {"input", "registrable_domain", "punycode", "lookalike_of"}


def test_absent_or_blank_fields_give_no_check(rules):
    for value in (None, "", "   "):
        assert check_email(value, rules) is None
        assert check_website(value, rules) is None


def test_website_forms_people_paste(rules):
    for raw in ("www.velotrade.cz", "http://velotrade.cz/path?q=1", "velotrade.cz", "https://WWW.VeloTrade.cz:8443/",
                "Homepage: www.velotrade.cz", "网址：www.velotrade.cz", "www.velotrade.cz, www.velotrade.de"):
        assert check_website(raw, rules)["registrable_domain"] == "velotrade.cz", raw


def test_free_mail_providers_are_never_disposable(rules):
    free = [d for group in rules["free_mail"]["domains"].values() for d in group]
    assert len(free) >= 120
    for domain in free:
        result = check_email(f"buyer@{domain}", rules)
        assert result["valid_syntax"] and result["free_provider"] and not result["disposable"], domain


def test_free_mail_covers_every_region_asked_for(rules):
    groups = rules["free_mail"]["domains"]
    everything = {d for group in groups.values() for d in group}
    for domain in ("gmail.com", "outlook.com", "yahoo.co.jp", "qq.com", "163.com", "mail.ru", "yandex.ru",
                   "rediffmail.com", "uol.com.br", "mweb.co.za", "maktoob.com", "web.de", "wp.pl", "seznam.cz"):
        assert domain in everything, domain


def test_role_accounts(rules):
    for local in ("info", "Sales2", "export-dept", "info.de", "purchasing_team", "no-reply", "orders+rfq"):
        assert email_check.is_role_account(local, rules), local
    for local in ("john", "sales.manager", "petra.horakova", "li"):
        assert not email_check.is_role_account(local, rules), local


@pytest.mark.parametrize("company, domain, expected", [
    ("VeloTrade CZ s.r.o.", "velotrade.cz", True),
    ("Zagros General Trading Co.", "zagros-trading.com", True),
    ("Kowalski Trade Sp. z o.o.", "kowalski-trade.pl", True),
    ("Müller GmbH", "xn--mller-gmbh-9db.de", True),
    ("International Business Machines Corp.", "ibm.com", True),
    ("Tang Electronics", "tangelectronic.com", True),
    ("Global Star Trading LLC", "starbright-coffee.com", False),
    ("ABC Trading", "xyztrading.com", False),
    ("Walmart Inc.", "walmart-sourcing.net", True),  # spelled alike; the stage never credits a lookalike (below)
])
def test_company_name_against_domain(company, domain, expected, rules):
    assert company_matches(company, domain, rules) is expected


def test_evidence_is_the_domain_or_address(make_state, env):
    state = run(make_state, env, {"email": "[Unverified Email] Sales@Walmart-Sourcing.net", "company": ""})
    evidence = {s["code"]: s["evidence"] for s in state.signals}
    assert evidence["DOMAIN_LOOKALIKE"] == "walmart-sourcing.net ~ walmart.com"
    assert evidence["EMAIL_UNVERIFIED"] == "sales@walmart-sourcing.net"  # email-validator's normal form
    assert evidence["EMAIL_ROLE_ACCOUNT"] == "sales@walmart-sourcing.net"
    assert "COMPANY_MISSING" in evidence and "EMAIL_CORPORATE" not in evidence


def test_a_brand_name_on_its_lookalike_domain_gets_no_company_match(make_state, env):
    found = codes(run(make_state, env, {"email": "buyer@walmart-sourcing.net", "company": "Walmart Inc."}))
    assert "DOMAIN_LOOKALIKE" in found and "COMPANY_DOMAIN_MATCH" not in found


def test_unverified_flag_without_an_address(make_state, env):
    assert codes(run(make_state, env, {"email_verified": False, "company": "X Ltd"})) == ["EMAIL_UNVERIFIED"]


def test_hostile_fields_are_answered_without_error(make_state, env):
    state = run(make_state, env, CONTACT)  # timed by bench/core.py
    assert state.checks["email"]["valid_syntax"] is False
    assert len(state.checks["email"]["input"]) <= 320


def test_the_example_inquiries_get_their_contact_signals(make_state, env):
    assert example_files()
    for path in example_files():
        example = load_example(path)
        state = email_check.stage(make_state(example["request"]), env)
        raised = set(codes(state))
        assert set(example["expect"]["signals_present"]) & STAGE_CODES <= raised, path.name
        assert not set(example["expect"]["signals_absent"]) & raised, path.name
