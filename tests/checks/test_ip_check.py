"""The IP check: which inputs are addresses, which are public, and what the stage reports."""
from __future__ import annotations

import pytest

from inquiry_lens.checks import ip_check
from inquiry_lens.checks.geoip import open_geoip
from inquiry_lens.rules import packaged_rules
from tests.geoip_fixture import write_test_mmdb
from tests.hostile_inputs import IPS as HOSTILE

VECTORS = packaged_rules()["tests/ip_check"]["cases"]


@pytest.fixture(scope="module")
def city_geoip(tmp_path_factory):
    path = tmp_path_factory.mktemp("geoip") / "GeoLite2-City.mmdb"
    write_test_mmdb(path, "City")
    return open_geoip(path)


def signal_codes(state):
    return [s["code"] for s in state.signals]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_shared_ip_vectors(case, rules):
    result = ip_check.check_ip(case["input"], None, rules)
    if case["expect"] is None:
        assert result is None
    else:
        assert {key: result[key] for key in case["expect"]} == case["expect"]


def test_a_public_address_gets_country_city_time_zone_and_source(city_geoip, rules):
    assert ip_check.check_ip("IP: 41.58.1.1 (Lagos)", city_geoip, rules) == {
        "input": "IP: 41.58.1.1 (Lagos)", "valid": True, "public": True,
        "country": "NG", "city": "Lagos", "timezone": "Africa/Lagos", "source": "maxmind-db"}


def test_an_ipv4_mapped_ipv6_address_is_located_as_the_ipv4_address(city_geoip, rules):
    assert ip_check.check_ip("::ffff:41.58.1.1", city_geoip, rules)["country"] == "NG"


def test_an_address_the_database_does_not_know_is_public_without_a_country(city_geoip, rules):
    result = ip_check.check_ip("9.9.9.9", city_geoip, rules)
    assert result["public"] and result["country"] is None and result["source"] == "maxmind-db"


class CountingGeoIP:
    """Records whether the check asked the database at all."""

    source = "counting"

    def __init__(self):
        self.asked = []

    def lookup(self, ip):
        self.asked.append(ip)
        return {"country": "US", "city": "Nowhere", "timezone": "UTC"}


@pytest.mark.parametrize("raw", ["10.0.0.1", "192.168.1.1", "100.64.0.1", "127.0.0.1", "2001:db8::1", "Lagos", "1.2.3"])
def test_non_public_or_malformed_addresses_get_no_geography_and_no_lookup(raw, rules):
    db = CountingGeoIP()
    result = ip_check.check_ip(raw, db, rules)
    assert (result["country"], result["city"], result["timezone"], result["source"]) == (None, None, None, None)
    assert db.asked == []


def test_without_a_database_a_public_address_is_still_judged_public(rules):
    assert ip_check.check_ip("8.8.8.8", None, rules) == {"input": "8.8.8.8", "valid": True, "public": True,
                                                  "country": None, "city": None, "timezone": None, "source": None}


def test_the_stage_fills_checks_ip_and_raises_nothing_for_a_public_address(make_state, env, city_geoip):
    env.geoip = city_geoip
    state = ip_check.stage(make_state({"buyer": {"ip": "222.155.45.53"}, "inquiry": {"message": "hi"}}), env)
    assert state.checks["ip"]["country"] == "NZ"
    assert signal_codes(state) == []


@pytest.mark.parametrize("raw", ["192.168.0.10", "not-an-ip", "100.64.3.3"])
def test_the_stage_raises_ip_not_public_with_the_input_as_evidence(make_state, env, raw):
    state = ip_check.stage(make_state({"buyer": {"ip": raw}}), env)
    assert signal_codes(state) == ["IP_NOT_PUBLIC"]
    assert state.signals[0]["evidence"] == raw


@pytest.mark.parametrize("raw", [None, "", "N/A", "  "])
def test_the_stage_leaves_checks_ip_null_without_an_ip(make_state, env, raw):
    state = ip_check.stage(make_state({"buyer": {"ip": raw}}), env)
    assert state.checks["ip"] is None and state.signals == []


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_answered_without_an_exception(make_state, env, raw):
    state = ip_check.stage(make_state({"buyer": {"ip": raw}}), env)  # timed by bench/core.py
    result = state.checks["ip"]
    assert result is None or len(result["input"]) <= ip_check.MAX_CHARS
