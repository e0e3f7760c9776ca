"""Links and attachments (inquiry_lens.checks.link_check over shared_rules/links.json)."""
from __future__ import annotations

import json
import re
import subprocess

import pytest

from inquiry_lens.checks import email_check, link_check
from inquiry_lens.rules import packaged_rules
from tests.hostile_inputs import link_inquiry

VECTORS = packaged_rules()["tests/link_check"]["cases"]
LINK_CODES = {"LINK_SHORTENER", "LINK_LOGIN_LURE", "LINK_LOOKALIKE", "LINK_IP_HOST", "LINK_UNSAFE_SCHEME",
              "DOMAIN_PUNYCODE", "SUSPICIOUS_ATTACHMENT"}
# One phrase per text cue that the cue must find.
CUE_SAMPLES = {
    "login_other_languages": "inicie sesión con su contraseña", "document_other_languages": "consulter le bon de commande",
    "expires_other_languages": "el enlace caduca en 48 horas",
    "log_in": "please log-in here", "password": "enter your password", "verify_account": "verify your account",
    "webmail": "your webmail quota", "account_action": "confirm your details", "login_zh": "请登录",
    "dear_member": "dear alibaba member", "expires_hours": "the link expires in 48 hours",
    "keep_active": "keep your account active", "click_to_verify": "click here to verify",
    "unusual_activity": "unusual sign-in detected", "script_zh": "尊敬的会员", "view_file": "download the attached po",
    "shared_file": "shared a document", "click_here": "click below", "secure_document": "a secure message",
    "document_zh": "查看订单",
}


def analyse(make_state, env, inquiry: dict, buyer: dict | None = None) -> tuple[dict, list[str]]:
    """Run the e-mail stage then the link stage, as the pipeline does; return the state and the link stage's codes."""
    state = email_check.stage(make_state({"inquiry": inquiry, "buyer": buyer or {}}), env)
    before = len(state.signals)
    state = link_check.stage(state, env)
    return state, sorted(s["code"] for s in state.signals[before:])


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_link_vector(case, make_state, env):
    inquiry = dict(case["input"])
    state, raised = analyse(make_state, env, inquiry, inquiry.pop("buyer", None))
    links = [{key: link[key] for key in ("url", "risk", "reasons")} for link in state.checks["links"]]
    assert links == case["expect"]["links"]
    assert raised == case["expect"]["signals"]


def test_every_signal_of_the_stage_has_a_vector():
    assert {code for case in VECTORS for code in case["expect"]["signals"]} == LINK_CODES


def test_every_risk_level_has_a_vector():
    risks = {link["risk"] for case in VECTORS for link in case["expect"]["links"]}
    assert risks == {"ok", "shortener", "suspicious", "phishing"}


def test_link_entries_have_the_contract_fields(make_state, env):
    state, _ = analyse(make_state, env, {"message": "see https://bit.ly/x1"})
    assert set(state.checks["links"][0]) >= {"url", "registrable_domain", "risk", "reasons"}
    assert state.checks["links"][0]["registrable_domain"] == "bit.ly"


def _patterns(rules) -> list[tuple[str, str]]:
    data = rules["links"]
    found = [("url_pattern", data["url_pattern"]["pattern"])]
    found += [(f"text_cues.{cue['id']}", cue["pattern"]) for cue in data["text_cues"]]
    found += [(f"negations[{i}]", p) for i, p in enumerate(data["negations"])]
    return found


def test_rule_regexes_use_only_what_python_and_javascript_share(rules):
    forbidden = re.compile(r"\(\?<[=!]|\(\?P|\(\?[aiLmsux]+[):]|\\[1-9]|\\[AZz]|\[\[:")
    nested = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")  # (a+)+ and the like: catastrophic
    for where, pattern in _patterns(rules):
        re.compile(pattern, re.ASCII)
        assert not forbidden.search(pattern), f"{where}: lookbehind, named group, inline flag or backreference"
        assert not nested.search(pattern), f"{where}: nested quantifier"


def test_rule_regexes_compile_and_agree_in_javascript(rules, node):
    samples = [*CUE_SAMPLES.values(), "see https://a.com/x, and www.b.com.", "no need to log in"]
    script = (
        "const [pats, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = pats.map(([w, p]) => samples.map(s => new RegExp(p, 'i').test(s)));"
        "process.stdout.write(JSON.stringify(out));"
    )
    pats = _patterns(rules)
    done = subprocess.run([node, "-e", script], input=json.dumps([pats, samples]), capture_output=True,
                          text=True, timeout=30, check=True)
    in_js = json.loads(done.stdout)
    in_python = [[bool(re.search(p, s, re.I | re.ASCII)) for s in samples] for _, p in pats]
    assert in_js == in_python


def _texts() -> list[str]:
    return [" ".join(f"{c['input'].get('subject', '')} {c['input'].get('message', '')}".split()) for c in VECTORS]


def test_each_text_cue_finds_its_sample_through_the_gate(rules):
    assert set(CUE_SAMPLES) == {cue["id"] for cue in rules["links"]["text_cues"]}
    for ident, sample in CUE_SAMPLES.items():
        assert ident in link_check.text_cues(f"well, {sample} now", rules), ident


def test_gates_never_hide_a_match(rules):
    """The gate words only skip patterns that cannot match: results equal a plain run of every pattern."""
    cues = rules["links"]["text_cues"]
    for text in _texts() + list(CUE_SAMPLES.values()):
        lowered = text.lower()
        plain = {cue["id"] for cue in cues if re.search(cue["pattern"], lowered, re.ASCII)}
        negations = "|".join(rules["links"]["negations"])
        negated = re.sub(negations, " ", lowered, flags=re.ASCII)
        plain -= {cue["id"] for cue in cues if cue["category"] != "document"
                  and not re.search(cue["pattern"], negated, re.ASCII)}
        assert set(link_check.text_cues(text, rules)) == plain, text
        everything = re.finditer(rules["links"]["url_pattern"]["pattern"], text, re.I | re.ASCII)
        assert [url for url, *_ in link_check.find_links(text, rules)] == [
            m.group().rstrip(link_check._TRAILING) for m in everything], text


def test_negation_cancels_a_login_cue_only_where_it_applies(rules):
    assert link_check.text_cues("no need to log in to see it", rules) == {}
    assert link_check.text_cues("without login", rules) == {}
    assert "log_in" in link_check.text_cues("no need to pay, just log in here", rules)


@pytest.mark.parametrize("name, suspicious", [
    ("PO_8812.pdf.exe", True), ("invoice.HTML", True), ("order.pdf.zip", True), ("x.js", True), ("run.bat", True),
    ("scan.pdf .scr", True), ("drawing.dwg", False), ("price list.xlsx", False), ("photos.zip", False),
    ("report.2024.pdf", False), ("no_extension", False), ("", False),
])
def test_attachment_names(name, suspicious, rules):
    assert link_check.suspicious_attachment(name, rules) is suspicious


def test_odd_shapes_of_links_and_attachments_are_skipped(make_state, env):
    state, raised = analyse(make_state, env, {"message": "hi", "links": "https://bit.ly/x",
                                              "attachments": {"name": "a.exe"}})
    assert state.checks["links"] == [] and raised == []
    state, raised = analyse(make_state, env, {"message": "hi", "links": [None, 5, "", "https://bit.ly/x"],
                                              "attachments": [None, 5, {"name": None}, "b.exe"]})
    assert [link["url"] for link in state.checks["links"]] == ["https://bit.ly/x"]
    assert raised == ["LINK_SHORTENER", "SUSPICIOUS_ATTACHMENT"]


def test_links_are_capped(make_state, env, rules):
    links = [f"https://shop{i}.example.com/" for i in range(500)]
    state, _ = analyse(make_state, env, {"message": " ".join(links), "links": links})
    assert len(state.checks["links"]) == rules["links"]["max_links"]


def test_hostile_inquiry_is_answered_without_error(make_state, env):
    inquiry, buyer = link_inquiry()
    state, raised = analyse(make_state, env, inquiry, buyer)  # timed by bench/core.py
    assert len(state.checks["links"]) == 200
    assert "SUSPICIOUS_ATTACHMENT" in raised and "LINK_LOGIN_LURE" in raised
    evidence = {s["code"]: s["evidence"] for s in state.signals}
    assert evidence["SUSPICIOUS_ATTACHMENT"].endswith(".pdf.exe") and len(evidence["SUSPICIOUS_ATTACHMENT"]) < 120
