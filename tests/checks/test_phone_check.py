"""Phone, mobile and fax: the shared vectors, every region's example number written three ways, the stage's
signals, hostile input."""
from __future__ import annotations

import json
import re
import subprocess

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat

from inquiry_lens.checks.phone_check import check_number, stage
from inquiry_lens.rules import default_root
from tests.hostile_inputs import PHONES as HOSTILE

VECTORS = json.loads((default_root() / "tests" / "phone_check.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_vector_reads_as_expected(case, rules):
    result = check_number(case["input"]["raw"], case["input"]["region"], rules)
    if case["expect"] is None:
        assert result is None
    else:
        assert result is not None
        assert {key: result[key] for key in case["expect"]} == case["expect"]
        assert result["input"] == case["input"]["raw"].strip()


# --- every region's example number, written three ways -------------------------------------------

def _examples():
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        number = phonenumbers.example_number(region)
        if number is not None:
            yield region, number


def _with_separators(number) -> str:
    """+CC (first group) rest-with-dashes, as people write it: +44 (20) 7946-0018."""
    parts = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL).split(" ")
    if len(parts) >= 3:
        return f"{parts[0]} ({parts[1]}) " + "-".join(parts[2:])
    return "-".join(parts)


def _written_three_ways():
    for region, number in _examples():
        international_digits = f"{number.country_code} {phonenumbers.national_significant_number(number)}"
        elsewhere = "US" if region != "US" else "DE"
        yield pytest.param(region, number, phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL), region,
                           id=f"{region}-national")
        yield pytest.param(region, number, "00" + international_digits, None, id=f"{region}-00-no-claim")
        yield pytest.param(region, number, "00 " + international_digits, elsewhere, id=f"{region}-00-other-claim")
        yield pytest.param(region, number, _with_separators(number), None, id=f"{region}-plus-separators")


@pytest.mark.parametrize("region, number, raw, claimed", list(_written_three_ways()))
def test_example_number_resolves_to_its_region(region, number, raw, claimed, rules):
    result = check_number(raw, claimed, rules)
    assert result["valid"], raw
    assert result["e164"] == phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if result["region"] != region:  # a calling code shared by several regions (+1, +7, +44, +358 …)
        assert phonenumbers.is_valid_number_for_region(number, region)
        assert region in phonenumbers.region_codes_for_country_code(number.country_code)


def test_at_least_200_regions_have_an_example_number():
    assert len(list(_examples())) >= 200


# --- the stage --------------------------------------------------------------------------------------

def run_stage(make_state, env, claimed=None, **buyer):
    state = make_state({"inquiry": {"message": "hello"}, "buyer": buyer})
    state.claimed_country = claimed
    return stage(state, env)


def codes(state) -> dict:
    return {s["code"]: s["evidence"] for s in state.signals}


def test_valid_phone_raises_phone_valid_with_its_e164(make_state, env):
    state = run_stage(make_state, env, "CZ", phone="+420 543 211 870")
    assert codes(state) == {"PHONE_VALID": "+420543211870"}
    assert state.checks["phone"]["region"] == "CZ"
    assert state.checks["mobile"] is None and state.checks["fax"] is None


def test_valid_mobile_alone_raises_phone_valid(make_state, env):
    state = run_stage(make_state, env, "CN", mobile="138 0013 8000")
    assert codes(state) == {"PHONE_VALID": "+8613800138000"}


def test_invalid_field_raises_phone_invalid_with_the_trimmed_input(make_state, env):
    state = run_stage(make_state, env, "US", phone="  +1 123 45  ")
    assert codes(state) == {"PHONE_INVALID": "+1 123 45"}
    assert state.checks["phone"]["valid"] is False


def test_invalid_fax_raises_phone_invalid_beside_a_valid_phone(make_state, env):
    state = run_stage(make_state, env, "DE", phone="+49 30 1234567", fax="12345")
    assert codes(state) == {"PHONE_VALID": "+49301234567", "PHONE_INVALID": "12345"}


def test_placeholders_and_absent_fields_raise_nothing(make_state, env):
    state = run_stage(make_state, env, "DE", phone="n/a", mobile="-", fax=None)
    assert codes(state) == {}
    assert state.checks["phone"] is None and state.checks["mobile"] is None


def test_masked_number_is_neither_valid_nor_invalid(make_state, env):
    state = run_stage(make_state, env, "CN", phone="+86-138****1234")
    assert codes(state) == {}
    assert state.checks["phone"]["masked"] is True
    assert state.checks["phone"]["region"] == "CN"


def test_same_number_formatted_differently_is_phone_equals_fax(make_state, env):
    state = run_stage(make_state, env, "IL", phone="+972-3-612-3344", fax="03-6123344")
    assert "PHONE_EQUALS_FAX" in codes(state) and "FAX_DISTINCT_LINE" not in codes(state)
    assert codes(state)["PHONE_EQUALS_FAX"] == "+972 3-612-3344"


def test_fax_equal_to_the_mobile_is_phone_equals_fax(make_state, env):
    state = run_stage(make_state, env, "DE", mobile="0151 23456789", fax="+49 (0)151 2345 6789")
    assert "PHONE_EQUALS_FAX" in codes(state)


def test_fax_equal_to_the_second_number_of_the_phone_field_is_phone_equals_fax(make_state, env):
    state = run_stage(make_state, env, "DE", phone="+49 30 1234567 / +49 30 7654321", fax="030 7654321")
    assert "PHONE_EQUALS_FAX" in codes(state)


def test_same_digits_in_different_countries_are_distinct_lines(make_state, env):
    state = run_stage(make_state, env, "GB", phone="+44 207 946 0018", fax="+1 207 946 0018")
    assert "PHONE_EQUALS_FAX" not in codes(state)
    assert "FAX_DISTINCT_LINE" in codes(state)


def test_same_number_with_different_extensions_is_not_phone_equals_fax(make_state, env):
    state = run_stage(make_state, env, "US", phone="+1 212 555 0199 ext. 10", fax="+1 212 555 0199 ext. 11")
    assert "PHONE_EQUALS_FAX" not in codes(state)
    assert "FAX_DISTINCT_LINE" in codes(state)


def test_phone_field_labelled_tel_fax_with_one_number_is_phone_equals_fax(make_state, env):
    state = run_stage(make_state, env, "CN", phone="电话/传真：0755-8888 1234")
    assert codes(state)["PHONE_EQUALS_FAX"] == "+86 755 8888 1234"


def test_phone_field_with_phone_and_fax_numbers_is_not_phone_equals_fax(make_state, env):
    state = run_stage(make_state, env, "CN", phone="Tel: +86 755 8888 1234 Fax: +86 755 8888 1235")
    assert "PHONE_EQUALS_FAX" not in codes(state)


def test_different_fax_is_fax_distinct_line(make_state, env):
    state = run_stage(make_state, env, "IE", phone="+353 1 677 2233", fax="+353 1 677 2239")
    assert codes(state) == {"PHONE_VALID": "+35316772233", "FAX_DISTINCT_LINE": "+353 1 677 2239"}


def test_without_a_claimed_country_a_national_fax_is_read_in_the_phone_country(make_state, env):
    state = run_stage(make_state, env, None, phone="+972-3-612-3344", fax="03-6123344")
    assert state.checks["fax"]["e164"] == "+97236123344"
    assert "PHONE_EQUALS_FAX" in codes(state) and "PHONE_INVALID" not in codes(state)


def test_phone_of_another_country_raises_phone_country_mismatch(make_state, env):
    state = run_stage(make_state, env, "US", phone="+234 803 123 4567")
    assert codes(state)["PHONE_COUNTRY_MISMATCH"] == "+234 803 123 4567 (NG), claimed US"


def test_mobile_of_another_country_raises_mismatch_even_when_the_phone_matches(make_state, env):
    state = run_stage(make_state, env, "US", phone="(212) 555-0199", mobile="0803 123 4567 / +234 803 123 4567")
    assert "PHONE_COUNTRY_MISMATCH" in codes(state)
    assert state.checks["mobile"]["region"] == "NG"


@pytest.mark.parametrize("claimed, phone", [
    ("DO", "+1 809 532 4410"),   # NANP: +1 is shared, the number is Dominican
    ("CA", "+1 800 555 0199"),   # toll-free, valid for every NANP region
    ("KZ", "+7 701 123 4567"),   # +7 shared by Russia and Kazakhstan
    ("RU", "+7 495 123 45 67"),
    ("GB", "+44 20 7946 0018"),
    ("JE", "+44 1534 456789"),   # +44 shared with Jersey, Guernsey, Isle of Man
    ("DE", "+870 301 234 567"),  # satellite phone: no country to compare
])
def test_shared_or_worldwide_calling_codes_match_the_claimed_country(claimed, phone, make_state, env):
    state = run_stage(make_state, env, claimed, phone=phone)
    assert "PHONE_COUNTRY_MISMATCH" not in codes(state)
    assert "PHONE_VALID" in codes(state)


@pytest.mark.parametrize("claimed, phone, region", [
    ("US", "+1 416 555 0199", "CA"),  # same calling code, but the number is Canadian only
    ("RU", "+7 701 123 4567", "KZ"),
    ("GB", "+44 1534 456789", "JE"),
])
def test_shared_calling_code_of_another_region_is_a_mismatch(claimed, phone, region, make_state, env):
    state = run_stage(make_state, env, claimed, phone=phone)
    assert "PHONE_COUNTRY_MISMATCH" in codes(state)
    assert state.checks["phone"]["region"] == region


def test_fax_of_another_country_is_not_a_phone_mismatch(make_state, env):
    state = run_stage(make_state, env, "DE", phone="+49 30 1234567", fax="+44 20 7946 0018")
    assert "PHONE_COUNTRY_MISMATCH" not in codes(state)


def test_no_claimed_country_raises_no_mismatch(make_state, env):
    state = run_stage(make_state, env, None, phone="+234 803 123 4567")
    assert "PHONE_COUNTRY_MISMATCH" not in codes(state)


def test_result_has_the_contract_fields(rules):
    result = check_number("+1 212 555 0199", "US", rules)
    assert {"input", "valid", "e164", "region", "type", "location", "timezones"} <= result.keys()
    assert result["location"] == "New York, NY" and result["timezones"] == ["America/New_York"]
    assert result["type"] in {"fixed_line", "mobile", "fixed_line_or_mobile", "voip", "toll_free", "premium_rate", "unknown"}


def test_chinese_location_where_the_library_has_it(rules):
    assert check_number("+86 755 8888 1234", None, rules)["location_zh"] == "广东省深圳市"
    assert check_number("+49 30 1234567", None, rules)["location_zh"] == "德国"  # country level only


# --- hostile input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_field_is_answered_without_exception(raw, make_state, env):
    state = run_stage(make_state, env, "DE", phone=raw, mobile=raw, fax=raw)  # timed by bench/core.py
    for name in ("phone", "mobile", "fax"):
        result = state.checks[name]
        assert result is None or len(result["input"]) <= 300


@settings(max_examples=300, deadline=None)
@given(raw=st.text(max_size=300), claimed=st.sampled_from([None, "US", "CN", "DE", "XX", "zz"]))
def test_any_text_gives_a_result_or_none(raw, claimed, rules):
    result = check_number(raw, claimed, rules)
    assert result is None or isinstance(result["valid"], bool)


def test_non_string_field_is_read_as_text(rules):
    assert check_number(8613800138000, None, rules)["e164"] == "+8613800138000"


# --- the rules file ---------------------------------------------------------------------------------

def _patterns(rules):
    spec = rules["phone_input"]
    return {key: spec[key] for key in spec if key.endswith("_pattern")}


def test_rule_patterns_compile_and_match_alike_in_javascript(rules, node):
    """The extension reads the same rules: each pattern must compile in JavaScript and agree with Python on the vectors."""
    samples = sorted({c["input"]["raw"][:200] for c in VECTORS})
    patterns = {name: [spec["pattern"], spec["flags"]] for name, spec in _patterns(rules).items()}
    python = {name: [bool(re.search(p, s, re.I if "i" in f else 0)) for s in samples] for name, (p, f) in patterns.items()}
    script = ("const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "const out = {}; for (const [name, [p, f]] of Object.entries(patterns)) {"
              "const re = new RegExp(p, f); out[name] = samples.map(s => re.test(s)); }"
              "process.stdout.write(JSON.stringify(out));")
    done = subprocess.run([node, "-e", script], input=json.dumps([patterns, samples]), capture_output=True,
                          text=True, timeout=20, check=True)
    assert json.loads(done.stdout) == python
