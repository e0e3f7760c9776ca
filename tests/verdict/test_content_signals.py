"""Content cues: the shared vectors (context pairs on both sides), evidence, and hostile text."""
from __future__ import annotations

import pytest

from inquiry_lens.rules import packaged_rules
from inquiry_lens.verdict import content_signals
from tests.hostile_inputs import MESSAGES as HOSTILE

VECTORS = packaged_rules()["tests/content_signals"]["cases"]


def run(make_state, env, subject="", message="", company=None):
    state = make_state({"inquiry": {"subject": subject, "message": message}, "buyer": {"company": company}})
    return content_signals.stage(state, env)


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_content_vectors(make_state, env, case):
    state = run(make_state, env, case["input"]["subject"], case["input"]["message"], case["input"].get("company"))
    codes = {s["code"] for s in state.signals}
    assert set(case["expect"]["present"]) <= codes, f"missing {set(case['expect']['present']) - codes}"
    assert not set(case["expect"]["absent"]) & codes, f"raised {set(case['expect']['absent']) & codes}"


def test_the_evidence_is_the_sentence_that_matched(make_state, env):
    state = run(make_state, env, message="Hello Mr. Li.\nWhat is your MOQ for the blue ones? Thanks.")
    moq = next(s for s in state.signals if s["code"] == "MOQ_ASKED")
    assert moq["evidence"] == "What is your MOQ for the blue ones?"


def test_the_platform_quantity_field_states_a_quantity(make_state, env):
    state = make_state({"inquiry": {"message": "price please", "quantity": "500 Pieces"}})
    assert "QUANTITY_STATED" in {s["code"] for s in content_signals.stage(state, env).signals}


def test_building_blocks_are_recorded_but_raise_no_signal(make_state, env):
    state = run(make_state, env, message="We have imported from Turkey for years; this is our first contact with China.")
    assert "NEW_TO_CHINA" in state.cues
    assert "NEW_TO_CHINA" not in {s["code"] for s in state.signals}


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_read_without_error(make_state, env, rules, text):
    state = run(make_state, env, subject=text[:1000], message=text)  # timed by bench/core.py
    catalogue = rules["signals"]["signals"]
    for signal in state.signals:
        assert signal["code"] in catalogue and (signal["evidence"] is None or len(signal["evidence"]) <= 300), signal
