"""Builds the explained signals the verdict is made of: code, area, polarity, weight, evidence, message."""
from __future__ import annotations

from inquiry_lens.model.state import AnalysisState, Env, Signal
from inquiry_lens.rules import Rules


def make_signal(rules: Rules, code: str, evidence: str | None = None) -> Signal:
    """One signal from the catalogue (signals.json) with its weight (scoring.json) and evidence."""
    entry = rules["signals"]["signals"][code]
    return {
        "code": code,
        "area": entry["area"],
        "polarity": entry["polarity"],
        "weight": rules["scoring"]["weights"][code],
        "evidence": None if evidence is None else str(evidence)[:300],
        "message": entry["message"],
    }


def add_signal(state: AnalysisState, env: Env, code: str, evidence: str | None = None) -> None:
    """Raise a signal on the analysis once; a second raise of the same code keeps the first evidence."""
    if any(s["code"] == code for s in state.signals):
        return
    state.signals.append(make_signal(env.rules, code, evidence))

