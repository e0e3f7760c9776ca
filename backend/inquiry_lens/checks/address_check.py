"""Is the buyer's address a full postal address (number, street, city or postcode) or only a place name.

The words and postcode shapes are in shared_rules/address.json, whose description is the
specification the extension follows too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import RulesError
from inquiry_lens.text.fold import MAX_CHARS, clean_input, fold, words

_HOUSE_NUMBER = re.compile(r"(?:^|[^a-z0-9])([0-9]{1,4})[a-z]?(?![0-9])")
_PARTS = re.compile(r"[,;\n，；、|/]+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class _Compiled:
    street_words: frozenset
    street_phrases: tuple
    suffixes: tuple
    marks: tuple
    locality_marks: tuple
    po_box: re.Pattern
    postcode: re.Pattern
    weak_groups: frozenset


@lru_cache(maxsize=4)
def _compiled(rules) -> _Compiled:
    """The address rules as sets and patterns, built once per loaded rules."""
    data = rules["address"]
    street = {fold(w) for group in data["street_words"].values() for w in group}
    for entry in data["postcodes"]:
        if re.compile(entry["pattern"]).groups:
            raise RulesError(f"shared_rules/address.json: postcode {entry['name']}: use (?:…), not capturing groups")
    alternation = "|".join(f"({entry['pattern']})" for entry in data["postcodes"])
    box_words = "|".join(r"[^a-z0-9]*".join(map(re.escape, fold(w).split())) for w in data["po_box_words"])
    return _Compiled(
        street_words=frozenset(w for w in street if " " not in w),
        street_phrases=tuple(f" {w} " for w in street if " " in w),
        suffixes=tuple(fold(s) for s in data["street_suffixes"]),
        marks=tuple(fold(m) for m in data["street_marks"]),
        locality_marks=tuple(fold(m) for m in data["locality_marks"]),
        po_box=re.compile(rf"(?:^|[^a-z0-9])(?:{box_words})[^a-z0-9]{{0,3}}([0-9]{{1,7}})(?![0-9])"),
        postcode=re.compile(rf"(?:^|[^a-z0-9])(?:{alternation})(?![a-z0-9])"),
        weak_groups=frozenset(i + 1 for i, entry in enumerate(data["postcodes"]) if entry.get("weak")),
    )


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def is_detailed(folded: str, rules_c: _Compiled) -> bool:
    """Folded address text: a house number, a street or postcode, and a locality (see address.json)."""
    text = folded
    po_box = rules_c.po_box.search(text)
    if po_box:  # its number is the box, not a postcode
        text = _blank(text, *po_box.span(1))
    strong, weak = False, 0
    for match in rules_c.postcode.finditer(text):
        if match.lastindex in rules_c.weak_groups:
            weak += 1  # left in place: it may be the house number
        else:
            strong = True
            assert match.lastindex is not None  # each postcode shape is one group, so a match has one
            text = _blank(text, *match.span(match.lastindex))
    numbers = _HOUSE_NUMBER.findall(text)
    house = bool(po_box or numbers)
    postcode = strong or (weak > 0 and len(numbers) >= 2)
    if not house or not (postcode or _has_street(text, rules_c, po_box is not None)):
        return False
    if postcode or any(mark in text for mark in rules_c.locality_marks):
        return True
    return sum(1 for part in _PARTS.split(text) if _LETTER.search(part)) >= 2


def _has_street(text: str, rules_c: _Compiled, po_box: bool) -> bool:
    if po_box or any(mark in text for mark in rules_c.marks):
        return True
    tokens = words(text)
    if any(t in rules_c.street_words or t.endswith(rules_c.suffixes) for t in tokens):
        return True
    padded = f" {' '.join(tokens)} "
    return any(phrase in padded for phrase in rules_c.street_phrases)


def check_address(raw, rules) -> dict | None:
    """The `checks.address` object of the contract; None when there is no address."""
    text = clean_input(raw, rules)
    if text is None:
        return None
    return {"input": text[:MAX_CHARS], "detailed": is_detailed(fold(text), _compiled(rules))}


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Fill checks.address; a full address raises ADDRESS_DETAILED, anything less ADDRESS_VAGUE."""
    result = check_address(state.buyer.get("address"), env.rules)
    state.checks["address"] = result
    if result is not None:
        add_signal(state, env, "ADDRESS_DETAILED" if result["detailed"] else "ADDRESS_VAGUE", result["input"])
    return state
