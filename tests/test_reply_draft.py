"""The reply subject and draft from templates.json and the seller profile."""
from __future__ import annotations

from inquiry_lens import reply_draft

SELLER = {"timezone": "Asia/Shanghai", "workday_start": "09:00", "workday_end": "18:00", "workdays": [1, 2, 3, 4, 5]}


def test_the_subject_is_company_for_product_and_falls_back_without_them(make_state, env):
    full = make_state({"inquiry": {"message": "x", "product": "LED panel"}, "seller": {**SELLER, "company": "Sunrise Co."}})
    assert reply_draft.stage(full, env)["reply"]["subject"] == "Sunrise Co. for LED panel"
    bare = make_state({"inquiry": {"message": "x", "subject": "price?"}, "seller": SELLER})
    assert reply_draft.stage(bare, env)["reply"]["subject"] == "Re: price?"


def test_the_draft_greets_by_name_and_ends_with_the_signature(make_state, env):
    state = make_state({"inquiry": {"message": "x"}, "buyer": {"name": "Petra Horáková"},
                        "seller": {**SELLER, "company": "Sunrise Co.", "phone": "+86 574 8888 1234",
                                   "highlights": ["ISO 9001 factory"]}})
    draft = reply_draft.stage(state, env)["reply"]["draft"]
    assert draft.startswith("Dear Petra Horáková,")
    assert "- ISO 9001 factory" in draft and draft.endswith("+86 574 8888 1234")
    assert "None" not in draft and "\n\n\n" not in draft and "{" not in draft
