"""The content cues' shortcuts (text/pattern_gate.py): which words a pattern needs, how long its matches
can be, and the proof that searching only around those words finds exactly what a whole search finds."""
from __future__ import annotations

import json

import pytest

from inquiry_lens.text.pattern_gate import WordIndex, match_bounds, required_words
from inquiry_lens.verdict.content_signals import Text, compiled_cues, word_indexes
from tests.paths import EXAMPLES, LABELLED, REPO


@pytest.mark.parametrize("pattern, bounds", [
    (r"abc", (3, 1)),
    (r"\bprice\b", (5, 1)),
    (r"\b(need|want)\b[^.\n]{0,40}\bprice", (49, 1)),
    (r"abc(?=\s{0,3}def)", (3, 7)),        # the lookahead reads 6 past the match, \b or $ one more
    (r"(?<=x{2})abc", (3, 1)),             # a lookbehind reads before the match: the search start covers it
    (r"\d+\s*pcs", None),                  # unbounded: searched whole
    (r"abc(?=.*def)", None),               # an unbounded lookahead: searched whole
])
def test_match_bounds(pattern, bounds):
    assert match_bounds(pattern) == bounds


def test_spans_are_the_end_of_the_first_and_the_start_of_the_last_occurrence():
    index = WordIndex(["ab", "cd", "zz"])
    assert index.spans("xxab cd ab") == {"ab": (4, 8), "cd": (7, 5)}
    assert index.spans("") == {} and WordIndex([]).spans("ab") == {}


def texts() -> list[str]:
    """Inquiries written by others (labelled set, examples), the cue vectors, and edge cases."""
    found = []
    for path in sorted(LABELLED.glob("*.json")) + sorted(EXAMPLES.glob("*.json")):
        inquiry = json.loads(path.read_text(encoding="utf-8"))["request"].get("inquiry") or {}
        found.append(f"{inquiry.get('subject') or ''}\n{inquiry.get('message') or ''}")
    vectors = json.loads((REPO / "shared_rules" / "tests" / "content_signals.json").read_text(encoding="utf-8"))
    found += [f"{case['input'].get('subject') or ''}\n{case['input'].get('message') or ''}" for case in vectors["cases"]]
    found += ["price", "PRICE?", "İstanbul price list please, 500 pcs", "need " + "x" * 500 + " price", "pcs 500 " * 60]
    return found


def first_match(pattern, text: str, start: int = 0, end: int | None = None):
    found = next((m for m in pattern.finditer(text, start, len(text) if end is None else end) if m.group(0).strip()), None)
    return None if found is None else found.span()


def test_a_window_around_the_gate_words_finds_what_the_whole_text_finds(rules):
    """Every pattern of content.json over every text: the windowed search gives the same first match."""
    indexes = word_indexes(rules)
    checked = 0
    for raw in texts():
        text = Text(raw, indexes)
        for cue in compiled_cues(rules):
            words = text.words_folded if cue.folds else text.words_exact
            for pattern, gate, bounds in zip(cue.patterns, cue.gates, cue.bounds, strict=True):
                if not gate or gate[0].isdisjoint(words):
                    continue
                start, end = text.window(gate[0], bounds, cue.folds)
                whole = first_match(pattern, raw)
                assert first_match(pattern, raw, start, end) == whole, (cue.id, pattern.pattern, raw[:80])
                checked += 1
    assert checked > 1000  # the comparison really ran over many pattern-text pairs


def test_a_text_that_lower_casing_lengthens_is_searched_whole(rules):
    text = Text("İİİ price list", word_indexes(rules))  # "İ".lower() is two characters
    assert not text.folds_in_place
    assert text.window(frozenset({"price"}), (5, 1), True) == (0, len(text.text))


def test_required_words_come_from_every_branch():
    assert required_words(r"\b(price|quote)\b", True) == (frozenset({"price", "quote"}),)
    assert required_words(r"\d+", True) == ()
