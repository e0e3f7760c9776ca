"""The pipeline over its typed state: an environment of rules alone is enough, the pure analysis
touches neither the network nor the history, and the service adds exactly those side effects."""
from __future__ import annotations

import socket
from dataclasses import fields
from datetime import datetime, timezone

import pytest

from inquiry_lens.analysis.pipeline import analyze, run
from inquiry_lens.history.store import open_store
from inquiry_lens.model.state import AnalysisState, Env, new_state
from inquiry_lens.service.analysis import Effects
from inquiry_lens.service.analysis import analyze as analyze_with_effects

REQUEST = {"inquiry": {"subject": "Quotation", "message": "Please quote 500 pcs of model HX-20, CE, FOB Ningbo.",
                       "received_at": "2026-11-26T10:00:00+08:00"},
           "buyer": {"name": "Anna Berg", "email": "anna@berg-trading.de", "phone": "+49 30 1234567", "country": "DE"},
           "store": True}


def test_an_environment_of_rules_alone_has_a_working_seller_profile(rules):
    response = analyze(REQUEST, Env(rules=rules))
    assert response["reply"]["reply_by"] and response["reply"]["rule"] == "EUROPE_BUYER_MORNING"
    assert response["verdict"]["intent"]["category"] == "clear_intent"


def test_saved_seller_fields_fill_in_under_the_defaults(rules):
    state = new_state({"inquiry": {"message": "hi"}}, Env(rules=rules, seller_defaults={"company": "Sunrise Co."}))
    assert state.seller["company"] == "Sunrise Co." and state.seller["timezone"] == "Asia/Shanghai"
    assert state.seller["workdays"] == [1, 2, 3, 4, 5]


def test_a_bare_local_time_is_the_sellers_clock(rules):
    state = new_state({"inquiry": {"message": "hi", "received_at": "2026-11-26T09:00:00"},
                       "seller": {"timezone": "Europe/Berlin"}}, Env(rules=rules))
    assert state.received_at.utcoffset().total_seconds() == 3600


def test_the_response_is_the_states_contract_fields(rules):
    state = run(REQUEST, Env(rules=rules))
    assert isinstance(state, AnalysisState)
    assert set(state.response()) == {"id", "verdict", "signals", "checks", "reply", "research_links", "duplicates"}
    assert {f.name for f in fields(AnalysisState)} >= set(state.response())


@pytest.fixture
def no_network(monkeypatch):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("no network in this test")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    return calls


def test_the_pure_analysis_opens_no_socket_even_when_the_seller_turned_online_checks_on(rules, no_network):
    response = analyze({**REQUEST, "seller": {"online_checks": True}}, Env(rules=rules))
    assert no_network == [] and response["checks"]["online"] is None and response["id"] is None


def test_the_service_records_and_finds_the_same_buyer_through_its_store(rules, tmp_path, no_network):
    store = open_store(tmp_path / "history.sqlite3", rules)
    env = Env(rules=rules, now=lambda: datetime(2026, 11, 26, 3, 0, tzinfo=timezone.utc))
    try:
        first = analyze_with_effects(REQUEST, env, Effects(store=store))
        later = analyze_with_effects({**REQUEST, "inquiry": {"message": "Any news on the HX-20 quote?"}, "store": False},
                                     env, Effects(store=store))
    finally:
        store.close()
    assert first["id"] and later["id"] is None
    assert [(d["id"], d["matched_on"]) for d in later["duplicates"]] == [(first["id"], "email")]
    assert no_network == []  # online checks stay off unless the process or the seller turns them on
