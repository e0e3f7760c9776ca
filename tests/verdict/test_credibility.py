"""The score is base plus the shown weights, clamped; level thresholds, caps and badges come from scoring.json."""
from __future__ import annotations

import pytest

from inquiry_lens.model.signals import make_signal
from inquiry_lens.verdict.credibility import badge_of, level_of, score_of


def signals(rules, *codes):
    return [make_signal(rules, code, "x") for code in codes]


def test_the_score_is_base_plus_weights(rules):
    scoring = rules["scoring"]
    shown = signals(rules, "PHONE_VALID", "EMAIL_FREE_PROVIDER")
    weights = scoring["weights"]
    assert score_of(shown, scoring) == scoring["base"] + weights["PHONE_VALID"] + weights["EMAIL_FREE_PROVIDER"]


def test_the_score_is_clamped_to_the_range(rules):
    scoring = rules["scoring"]
    assert score_of(signals(rules, "ADVANCE_FEE_REQUEST", "LINK_LOGIN_LURE", "DOMAIN_LOOKALIKE"), scoring) == scoring["min"]


def test_no_signals_means_the_base_and_a_grey_badge(rules):
    scoring = rules["scoring"]
    score = score_of([], scoring)
    level = level_of(score, [], "no_clear_target", scoring)
    assert score == scoring["base"]
    assert badge_of(level, "no_clear_target", [], scoring)["color"] == "grey"


@pytest.mark.parametrize("code", ["LINK_LOGIN_LURE", "LINK_LOOKALIKE"])
def test_a_phishing_link_caps_the_level_at_suspicious_whatever_the_score(rules, code):
    scoring = rules["scoring"]
    assert level_of(100, signals(rules, code), "clear_intent", scoring) == "suspicious"


def test_spam_caps_the_level_and_the_badge_is_red(rules):
    scoring = rules["scoring"]
    level = level_of(100, [], "spam", scoring)
    assert level == "suspicious"
    assert badge_of(level, "spam", signals(rules, "FREE_SAMPLE_REQUEST"), scoring)["color"] == "red"


@pytest.mark.parametrize("score, level, color", [(95, "trusted", "green"), (55, "plausible", "green"),
                                                 (35, "doubtful", "amber"), (5, "suspicious", "red")])
def test_levels_and_badges_follow_the_thresholds(rules, score, level, color):
    scoring = rules["scoring"]
    shown = signals(rules, "PHONE_VALID")
    assert level_of(score, shown, "clear_intent", scoring) == level
    assert badge_of(level, "clear_intent", shown, scoring)["color"] == color
