"""Buyer type (docs/ARCHITECTURE.md, "Buyer type"): the best-scoring type of buyer_types.json over the signals
and cues found."""
from __future__ import annotations

from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.verdict.intent import present


def classify(found: set[str], rules: dict, category: str | None = None) -> dict:
    """The type with the highest score at or above the threshold, else unknown."""
    if category in rules["unknown_for_categories"] or found & set(rules["unknown_when_any"]):
        return {"type": "unknown", "confidence": 0.0}
    scores = {name: sum(w for code, w in weights.items() if code in found) for name, weights in rules["types"].items()}
    best = max(scores, key=lambda name: scores[name])  # ties: the earlier type in the file
    total = sum(value for value in scores.values() if value > 0)
    if scores[best] < rules["threshold"]:
        return {"type": "unknown", "confidence": 0.0}
    return {"type": best, "confidence": round(scores[best] / total, 2)}


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Fill verdict.buyer_type."""
    category = state.verdict["intent"]["category"]
    state.verdict["buyer_type"] = classify(present(state), env.rules["buyer_types"], category)
    return state
