"""Addresses: a full postal address in many languages is detailed; a place name alone is vague."""
from __future__ import annotations

import pytest

from inquiry_lens.checks import address_check
from inquiry_lens.checks.address_check import check_address
from inquiry_lens.rules import Rules, RulesError, packaged_rules
from tests.hostile_inputs import ADDRESSES as HOSTILE

VECTORS = packaged_rules()["tests/address_check"]["cases"]


def signal_codes(state):
    return [s["code"] for s in state.signals]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_shared_address_vectors(rules, case):
    result = check_address(case["input"], rules)
    if case["expect"] is None:
        assert result is None
    else:
        assert {key: result[key] for key in case["expect"]} == case["expect"]


def test_the_check_echoes_the_input_it_judged(rules):
    assert check_address("  Erbil, Iraq ", rules) == {"input": "Erbil, Iraq", "detailed": False}


def test_a_detailed_address_raises_address_detailed_with_the_address_as_evidence(make_state, env):
    address = "48 Kenwyn Street, Parnell, Auckland 1052, New Zealand"
    state = address_check.stage(make_state({"buyer": {"address": address}}), env)
    assert signal_codes(state) == ["ADDRESS_DETAILED"]
    assert state.signals[0]["evidence"] == address
    assert state.checks["address"] == {"input": address, "detailed": True}


def test_a_city_and_country_raise_address_vague(make_state, env):
    state = address_check.stage(make_state({"buyer": {"address": "Erbil, Iraq"}}), env)
    assert signal_codes(state) == ["ADDRESS_VAGUE"]


@pytest.mark.parametrize("raw", [None, "", "n/a", "暂无"])
def test_no_address_is_no_check_and_no_signal(make_state, env, raw):
    state = address_check.stage(make_state({"buyer": {"address": raw}}), env)
    assert state.checks["address"] is None and state.signals == []


def test_a_capturing_group_in_a_postcode_pattern_is_refused(rules):
    files = {name: rules[name] for name in rules}
    files["address"] = dict(rules["address"], postcodes=[{"name": "bad", "pattern": "([0-9]{5})"}])
    with pytest.raises(RulesError, match="capturing groups"):
        check_address("1 Main Street, Springfield 12345", Rules(files, "test", "test"))


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_answered_without_an_exception(make_state, env, raw):
    state = address_check.stage(make_state({"buyer": {"address": raw}}), env)  # timed by bench/core.py
    assert state.checks["address"] is None or len(state.checks["address"]["input"]) <= 500
