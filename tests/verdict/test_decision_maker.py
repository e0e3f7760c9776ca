"""Decision makers: owners, chiefs, directors and purchasing heads in many languages; never assistants."""
from __future__ import annotations

import pytest

from inquiry_lens.rules import packaged_rules
from inquiry_lens.verdict import decision_maker
from inquiry_lens.verdict.decision_maker import MAX_CHARS, is_decision_maker
from tests.hostile_inputs import TITLES as HOSTILE

VECTORS = packaged_rules()["tests/decision_maker"]["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_shared_title_vectors(rules, case):
    assert is_decision_maker(case["input"], rules) is case["expect"]


def test_a_deciding_title_sets_the_verdict_and_raises_decision_maker_with_the_title(make_state, env):
    state = decision_maker.stage(make_state({"buyer": {"title": " General Manager "}}), env)
    assert state.verdict["decision_maker"] is True
    assert [(s["code"], s["evidence"]) for s in state.signals] == [("DECISION_MAKER", "General Manager")]


def test_an_assistant_is_not_a_decision_maker_and_raises_nothing(make_state, env):
    state = decision_maker.stage(make_state({"buyer": {"title": "Assistant to the Director"}}), env)
    assert state.verdict["decision_maker"] is False and state.signals == []


def test_no_title_leaves_the_verdict_unknown(make_state, env):
    state = decision_maker.stage(make_state({"buyer": {}}), env)
    assert state.verdict["decision_maker"] is None and state.signals == []


def test_every_rules_phrase_is_recognised_as_written(rules):
    for side, expect in (("decision_maker", True), ("not_decision_maker", False)):
        for language, phrases in rules["titles"][side].items():
            for phrase in phrases:
                assert is_decision_maker(phrase, rules) is expect, f"{side}.{language}: {phrase}"


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_answered_without_an_exception(make_state, env, raw):
    state = decision_maker.stage(make_state({"buyer": {"title": raw}}), env)  # timed by bench/core.py
    assert state.verdict["decision_maker"] in (True, False, None)
    assert all(len(s["evidence"]) <= MAX_CHARS for s in state.signals)
