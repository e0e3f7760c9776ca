"""The reply subject, draft, warning and tips from templates.json, tips.json and the seller profile."""
from __future__ import annotations

import json
import re

import pytest

from inquiry_lens.analysis.pipeline import analyze
from inquiry_lens.model.requests import AnalyzeRequest, SellerProfile, request_data
from inquiry_lens.model.signals import make_signal
from inquiry_lens.reply import reply_draft, reply_tips
from tests.inquiries import example_files, labelled_files, load_example

SELLER = {"timezone": "Asia/Shanghai", "workday_start": "09:00", "workday_end": "18:00", "workdays": [1, 2, 3, 4, 5]}
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z ]+\]")


def classified(make_state, env, request, category, subtype=None, buyer_type="unknown", codes=()):
    state = make_state(request)
    state.verdict["intent"] = {"category": category, "subtype": subtype, "confidence": 0.9}
    state.verdict["buyer_type"] = {"type": buyer_type, "confidence": 0.9}
    state.signals = [make_signal(env.rules, code, "x") for code in codes]
    return reply_draft.stage(reply_tips.stage(state, env), env)


def assert_reads_well(draft: str) -> None:
    """What a competent salesperson's draft never shows."""
    assert "None" not in draft and "\n\n\n" not in draft and "{" not in draft and "}" not in draft
    assert ".." not in draft.replace("...", "")
    assert not re.search(r"\[\s*\]", draft)
    assert all(PLACEHOLDER.fullmatch(p) for p in re.findall(r"\[[^\]]*\]", draft)), "only [UPPER CASE] placeholders"
    assert draft == draft.strip() and not any(line != line.rstrip() for line in draft.splitlines())


def test_the_subject_is_company_for_product_and_falls_back_without_them(make_state, env):
    full = classified(make_state, env, {"inquiry": {"message": "x", "product": "LED panel"},
                                        "seller": {**SELLER, "company": "Sunrise Co."}}, "clear_intent")
    assert full.reply["subject"] == "Sunrise Co. for LED panel"
    bare = classified(make_state, env, {"inquiry": {"message": "x", "subject": "price?"}, "seller": SELLER}, "clear_intent")
    assert bare.reply["subject"] == "Re: price?"


def test_one_answer_line_per_point_asked_with_placeholders_where_the_profile_has_no_figure(make_state, env):
    state = classified(make_state, env, {"inquiry": {"message": "x"}, "seller": {**SELLER, "moq": "500 pcs per colour"}},
                       "clear_intent", codes=("PRICE_ASKED", "MOQ_ASKED", "DELIVERY_TIME_ASKED"))
    draft = state.reply["draft"]
    assert "Price: [PRICE] per unit" in draft and "MOQ: 500 pcs per colour." in draft and "[LEAD TIME]" in draft
    assert "Certificates" not in draft and "Payment terms" not in draft


def test_highlights_are_chosen_for_the_buyer_type(make_state, env):
    seller = {**SELLER, "company": "Sunrise Co.", "highlights": ["Exports to 40 countries", "Fast delivery from stock",
              "R&D team of 30 engineers", "ISO 9001 and BSCI audited", "Small MOQ of 100 pcs"]}
    body = {"inquiry": {"message": "x"}, "seller": seller}
    state = classified(make_state, env, body, "clear_intent", buyer_type="oem_importer")
    listed = [line[2:] for line in state.reply["draft"].splitlines() if line.startswith("- ")]
    assert listed[0] == "R&D team of 30 engineers" and len(listed) == 4


def test_the_draft_greets_by_name_and_ends_with_the_signature(make_state, env):
    state = classified(make_state, env, {"inquiry": {"message": "x"}, "buyer": {"name": "Petra Horáková"},
                                         "seller": {**SELLER, "company": "Sunrise Co., Ltd.", "phone": "+86 574 8888 1234"}},
                       "potential", "adding_supplier")
    draft = state.reply["draft"]
    assert draft.startswith("Dear Petra Horáková,") and draft.endswith("+86 574 8888 1234")
    assert "WhatsApp" in draft  # potential buyers are asked for a chat contact
    assert_reads_well(draft)


@pytest.mark.parametrize("subtype, expected", [
    ("free_sample_hunter", "[SAMPLE COST]"), ("invitation_letter", "invitation letters to business partners once"),
])
def test_polite_spam_replies(make_state, env, subtype, expected):
    state = classified(make_state, env, {"inquiry": {"message": "x"}, "seller": SELLER}, "spam", subtype)
    assert expected in state.reply["draft"]
    assert state.reply["warning"] is None
    assert "MARK_SPAM_24H" in [tip["code"] for tip in state.reply["tips"]]


@pytest.mark.parametrize("subtype", ["phishing", "advance_fee"])
def test_scams_get_a_warning_and_no_draft(make_state, env, subtype):
    state = classified(make_state, env, {"inquiry": {"message": "x"}, "seller": SELLER}, "spam", subtype)
    assert state.reply["draft"] is None and state.reply["subject"] is None
    assert state.reply["warning"]["zh"] and state.reply["warning"]["en"]


def test_a_saved_sample_policy_replaces_the_placeholder(make_state, env):
    seller = {**SELLER, "sample_policy": "Samples cost USD 20 each, refunded on the first order."}
    state = classified(make_state, env, {"inquiry": {"message": "x"}, "seller": seller}, "spam", "free_sample_hunter")
    assert "USD 20 each" in state.reply["draft"] and "[SAMPLE COST]" not in state.reply["draft"]


def test_tips_follow_category_buyer_type_and_signals_each_once(make_state, env):
    state = classified(make_state, env, {"inquiry": {"message": "x"}}, "clear_intent", buyer_type="trader",
                       codes=("BUYER_HOLIDAY", "IP_COUNTRY_MISMATCH"))
    codes = [tip["code"] for tip in state.reply["tips"]]
    assert codes[0] == "ANSWER_EVERY_POINT" and "TRADER_SHARP_QUOTE" in codes and "BUYER_DAY_OFF" in codes
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_example_draft_reads_like_a_salesperson_wrote_it(client, path):
    reply = client.post("/api/v1/analyze", json=load_example(path)["request"]).get_json()["reply"]
    if reply["draft"] is None:
        assert reply["warning"], "no draft only for scams, with a warning instead"
        return
    assert_reads_well(reply["draft"])
    assert reply["subject"] and "None" not in reply["subject"]


LABELLED = labelled_files()


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: p.stem[:40])
def test_every_labelled_draft_reads_well(env, path):
    env.seller_defaults = SellerProfile().model_dump()
    request = request_data(AnalyzeRequest.model_validate(json.loads(path.read_text(encoding="utf-8"))["request"]))
    reply = analyze(request, env)["reply"]
    if reply["draft"] is None:
        assert reply["warning"]
        return
    assert_reads_well(reply["draft"])
    assert reply["subject"] and "None" not in reply["subject"]
