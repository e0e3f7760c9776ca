"""The credibility score: base plus the weights of the signals shown, clamped; level, caps and badge
from scoring.json. Nothing here knows what a signal means: that is the catalogue's job.
"""
from __future__ import annotations

from inquiry_lens.model.state import AnalysisState, Env, Signal

LEVEL_ORDER = ("suspicious", "doubtful", "plausible", "trusted")


def score_of(signals: list[Signal], scoring: dict) -> int:
    """base + sum of the shown weights, clamped to [min, max]: the identity every response keeps."""
    total = scoring["base"] + sum(s["weight"] for s in signals)
    return max(scoring["min"], min(scoring["max"], total))


def level_of(score: int, signals: list[Signal], category: str, scoring: dict) -> str:
    """The first level whose threshold the score reaches, then held down by any cap that applies."""
    level = next((entry["level"] for entry in scoring["levels"] if score >= entry["min"]), LEVEL_ORDER[0])
    codes = {s["code"] for s in signals}
    for cap in scoring["caps"]:
        if cap.get("when_code") in codes or cap.get("when_category") == category:
            level = min(level, cap["level"], key=LEVEL_ORDER.index)
    return level


def badge_of(level: str, category: str, signals: list[Signal], scoring: dict) -> dict:
    """The first badge whose conditions all hold."""
    facts = {"level": level, "category": category, "no_evidence": not signals}
    for badge in scoring["badges"]:
        if all(facts.get(key) == value for key, value in badge["when"].items()):
            return {"color": badge["color"], "label": badge["label"]}
    return {"color": "grey", "label": scoring["badges"][-1]["label"]}


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Score the signals raised so far; runs after every check and the intent classifier."""
    scoring = env.rules["scoring"]
    signals = state.signals
    category = state.verdict["intent"]["category"]
    score = score_of(signals, scoring)
    level = level_of(score, signals, category, scoring)
    state.verdict["credibility"] = {"score": score, "level": level}
    state.verdict["badge"] = badge_of(level, category, signals, scoring)
    return state
