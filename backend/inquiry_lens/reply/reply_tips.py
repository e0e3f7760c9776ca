"""Reply tips (docs/ARCHITECTURE.md, "Replies"): by intent category, spam subtype, buyer type and the signals raised."""
from __future__ import annotations

from inquiry_lens.model.state import AnalysisState, Env


def tips_for(state: AnalysisState, tips: dict) -> list[dict]:
    """The tips that apply, each once, in the order category, subtype, buyer type, signals."""
    verdict = state.verdict
    chosen = list(tips["by_category"].get(verdict["intent"]["category"], []))
    chosen += tips["by_spam_subtype"].get(verdict["intent"]["subtype"] or "", [])
    if verdict["intent"]["category"] != "spam":
        chosen += tips["by_buyer_type"].get(verdict["buyer_type"]["type"], [])
        for signal in state.signals:
            chosen += tips["by_signal"].get(signal["code"], [])
    return list({tip["code"]: tip for tip in chosen}.values())


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Fill reply.tips."""
    state.reply["tips"] = tips_for(state, env.rules["tips"])
    return state
