"""Intent (docs/ARCHITECTURE.md, "Intent"): spam first, then the ordered decisions of intent.json over what was found.

Everything here is read from the signals and cues earlier stages raised; the vocabulary is in
content.json and the weights and order in intent.json.
"""
from __future__ import annotations

from inquiry_lens.model.state import AnalysisState, Env


def present(state: AnalysisState) -> set[str]:
    """The codes of the signals raised and the ids of the cues found."""
    return {s["code"] for s in state.signals} | set(state.cues)


def holds(rule: dict, found: set[str], clear: float, potential: float) -> bool:
    """Whether every condition a rule names is true."""
    return (
        (not rule.get("any_of") or bool(found & set(rule["any_of"])))
        and set(rule.get("all_of", ())) <= found
        and not found & set(rule.get("none_of", ()))
        and clear >= rule.get("clear_score_at_least", float("-inf"))
        and clear < rule.get("clear_score_below", float("inf"))
        and potential >= rule.get("potential_score_at_least", float("-inf"))
        and potential < rule.get("potential_score_below", float("inf"))
    )


def classify(found: set[str], rules: dict) -> dict:
    """The intent category, subtype and confidence for the codes and cues found."""
    clear = sum(weight for code, weight in rules["clear_weights"].items() if code in found)
    common = sum(w for code, w in rules["potential_any"].items() if code in found)
    by_subtype = {subtype: common + sum(w for code, w in weights.items() if code in found)
                  for subtype, weights in rules["potential_weights"].items()}
    subtype, potential = max(by_subtype.items(), key=lambda item: item[1])
    for rule in rules["spam"]:
        if holds(rule, found, clear, potential):
            return {"category": "spam", "subtype": rule["subtype"], "confidence": rule["confidence"]}
    for rule in rules["decisions"]:
        if holds(rule, found, clear, potential):
            category = rule["category"]
            return {"category": category, "subtype": subtype if category == "potential" else None,
                    "confidence": rule["confidence"]}
    return {"category": "no_clear_target", "subtype": None, "confidence": 0.5}


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Fill verdict.intent; runs after every signal-raising stage."""
    state.verdict["intent"] = classify(present(state), env.rules["intent"])
    return state
