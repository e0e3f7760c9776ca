"""Does the contact's title make them the one who decides the purchase (owner, CEO, purchasing head …)?

The phrases are in shared_rules/titles.json; its description is the matching rule.
"""
from __future__ import annotations

import re
from functools import lru_cache

from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.text.fold import clean_input, fold, words

_INITIAL_DOT = re.compile(r"\b(\w)\.(?=\w)")
# Scripts written without spaces between words: their phrases match as substrings.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
MAX_CHARS = 200


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(words(_INITIAL_DOT.sub(r"\1", fold(text, MAX_CHARS))))


@lru_cache(maxsize=4)
def _compiled(rules) -> dict:
    """Each side as a set of word tuples plus a tuple of substrings; built once per loaded rules."""
    compiled = {}
    for side in ("decision_maker", "not_decision_maker"):
        phrases = [p for group in rules["titles"][side].values() for p in group]
        spaced = {_tokens(p) for p in phrases if not _UNSPACED.search(p)}
        compiled[side] = (spaced, tuple(fold(p) for p in phrases if _UNSPACED.search(p)),
                          max((len(t) for t in spaced), default=1))
    return compiled


def _matches(tokens: tuple[str, ...], folded: str, side: tuple) -> bool:
    phrases, substrings, longest = side
    if any(s in folded for s in substrings):
        return True
    for size in range(1, longest + 1):  # every run of 1..longest consecutive words
        for start in range(len(tokens) - size + 1):
            if tokens[start:start + size] in phrases:
                return True
    return False


def is_decision_maker(title, rules) -> bool | None:
    """True for a deciding title, False for any other title, None when there is no title."""
    text = clean_input(title, rules)
    if text is None:
        return None
    compiled = _compiled(rules)
    folded = fold(text, MAX_CHARS)
    tokens = _tokens(text)
    if _matches(tokens, folded, compiled["not_decision_maker"]):
        return False
    return _matches(tokens, folded, compiled["decision_maker"])


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Set verdict.decision_maker from the buyer's title; a deciding title raises DECISION_MAKER."""
    decides = is_decision_maker(state.buyer.get("title"), env.rules)
    state.verdict["decision_maker"] = decides
    if decides:  # so the title has text
        add_signal(state, env, "DECISION_MAKER", (clean_input(state.buyer["title"], env.rules) or "")[:MAX_CHARS])
    return state
