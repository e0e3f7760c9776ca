"""shared_rules: every file validated at load, faults named by file and JSON path, a content hash as version."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from inquiry_lens.rules import RulesError, default_root, load_rules
from tests.paths import RULES as ROOT
from tests.rule_patterns import patterns_in


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    target = tmp_path / "shared_rules"
    shutil.copytree(ROOT, target)
    return target


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_packaged_rules_are_the_repository_folder_in_a_checkout():
    assert default_root().resolve() == ROOT.resolve()


def test_every_rules_file_declares_a_kind_with_a_schema(rules):
    schemas = {p.name.removesuffix(".schema.json") for p in (ROOT / "schemas").glob("*.schema.json")}
    for name in rules:
        assert rules[name]["kind"] in schemas, name


def test_a_wrong_type_names_the_file_and_the_json_path(rules_copy):
    edit(rules_copy, "scoring.json", lambda d: d["weights"].__setitem__("PHONE_VALID", "four"))
    with pytest.raises(RulesError, match=r"shared_rules/scoring\.json: \$\.weights\.PHONE_VALID: "
                                         r"'four' is not of type 'integer'"):
        load_rules(rules_copy)


def test_invalid_json_names_the_file_and_line(rules_copy):
    (rules_copy / "timing.json").write_text('{"kind": "timing",\n  oops}', encoding="utf-8")
    with pytest.raises(RulesError, match=r"shared_rules/timing\.json: invalid JSON at line 2"):
        load_rules(rules_copy)


def test_a_file_without_a_known_kind_is_refused(rules_copy):
    (rules_copy / "stray.json").write_text('{"kind": "nothing"}', encoding="utf-8")
    with pytest.raises(RulesError, match=r"stray\.json: \$\.kind: no schema"):
        load_rules(rules_copy)


def test_a_signal_without_a_weight_is_refused(rules_copy):
    edit(rules_copy, "scoring.json", lambda d: d["weights"].pop("PHONE_VALID"))
    with pytest.raises(RulesError, match="no weight for signal PHONE_VALID"):
        load_rules(rules_copy)


def test_a_platform_field_outside_the_contract_is_refused(rules_copy):
    edit(rules_copy, "platforms/alibaba.json", lambda d: d["fields"].__setitem__("buyer.shoe_size", []))
    with pytest.raises(RulesError, match=r"platforms/alibaba\.json: \$\.fields"):
        load_rules(rules_copy)


def test_the_version_is_a_content_hash(rules_copy):
    before = load_rules(rules_copy).version
    assert load_rules(rules_copy).version == before
    edit(rules_copy, "scoring.json", lambda d: d.__setitem__("base", d["base"] + 1))
    assert load_rules(rules_copy).version != before


def test_the_contract_signal_codes_all_exist(rules):
    contract = """PHONE_INVALID PHONE_VALID PHONE_EQUALS_FAX FAX_DISTINCT_LINE PHONE_COUNTRY_MISMATCH EMAIL_INVALID
    EMAIL_FREE_PROVIDER EMAIL_DISPOSABLE EMAIL_CORPORATE EMAIL_WEBSITE_MATCH EMAIL_WEBSITE_MISMATCH DOMAIN_LOOKALIKE
    DOMAIN_PUNYCODE COMPANY_MISSING ADDRESS_DETAILED ADDRESS_VAGUE IP_COUNTRY_MISMATCH IP_COUNTRY_MATCH IP_NOT_PUBLIC
    DECISION_MAKER SPECIFIC_PRODUCT QUANTITY_STATED MOQ_ASKED PRICE_ASKED CERTIFICATION_ASKED KEY_COMPONENT_ASKED
    DELIVERY_TIME_ASKED PAYMENT_TERMS_ASKED GENERIC_GREETING MASS_INQUIRY CATALOG_ONLY FREE_SAMPLE_REQUEST
    INVITATION_LETTER_REQUEST LINK_LOGIN_LURE LINK_SHORTENER LINK_LOOKALIKE SUSPICIOUS_ATTACHMENT ADVANCE_FEE_REQUEST
    OFF_PLATFORM_PUSH OEM_PRIVATE_LABEL RETAIL_CHAIN TRADING_COMPANY URGENT_ORDER BUYER_HOLIDAY BUYER_SPAM_MARKED
    BUYER_BLACKLISTED BUYER_NEW_ACCOUNT BUYER_HAS_ORDERS BUYER_VERIFIED EMAIL_UNVERIFIED""".split()
    assert not set(contract) - set(rules["signals"]["signals"])


JS_UNSAFE = re.compile(r"\(\?<[=!]|\(\?[aiLmsux]+\)|\\[AZz]|\(\?P")
# JavaScript's \b knows only ASCII word characters: beside a Cyrillic or Chinese letter it never matches.
NON_ASCII_BOUNDARY = re.compile(r"\\b\(?[^\x00-\x7f]|[^\x00-\x7f]\\b")


def test_rule_patterns_use_only_syntax_python_and_javascript_share(rules):
    for name in rules:
        if name.startswith("tests/"):
            continue
        for where, pattern in patterns_in(rules[name]):
            re.compile(pattern)
            assert not JS_UNSAFE.search(pattern), f"{name} {where}: lookbehind, inline flags or Python-only escapes"
            assert not NON_ASCII_BOUNDARY.search(pattern), f"{name} {where}: \\b beside a non-ASCII letter"


def test_the_pattern_scan_reaches_every_kind_of_rules_file_with_patterns(rules):
    scanned = {name for name in rules if any(True for _ in patterns_in(rules[name]))}
    assert {"content", "links", "phone_input", "field_values"} <= scanned
