"""Every regular expression in shared_rules has no shape that backtracks catastrophically: no repeat
nested in a repeat ((a+)+, (\\w+\\s?)*), and no two repeats side by side that can take the same
characters (\\s*\\s+, \\w+\\d+). The patterns are read as Python's own parser reads them.

How long each pattern takes on adversarial 100,000-character input (long runs of its own
characters) is measured by bench/patterns.py, not here: a timed test is flaky on a shared machine."""
from __future__ import annotations

import re

import pytest

from inquiry_lens.rules import packaged_rules
from tests.rule_patterns import every_pattern

try:  # Python 3.11+
    from re import _compiler as compiler
    from re import _constants as constants
    from re import _parser as parser
except ImportError:  # Python 3.10
    import sre_compile as compiler
    import sre_constants as constants
    import sre_parse as parser

REPEATS = (constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None))
# Characters to find an overlap between two repeated classes: ASCII, Latin, Cyrillic, Arabic, CJK, spaces.
PROBES = [chr(c) for c in (*range(0x20, 0x250), *range(0x400, 0x460), *range(0x600, 0x660), 0x4E00, 0x4E2D, 0x3000,
                           0x00A0, 0x2007, 0x200B, 0x2013, 0x2022, 0xFF0C, 0xFF11, 0x0663)] + ["\n", "\t", "\r"]


def all_patterns() -> list[tuple[str, str]]:
    return every_pattern(packaged_rules())


def many(high: int) -> bool:
    """A repeat that may take its body more than once."""
    return high > 1


def unbounded(high: int) -> bool:
    return high == constants.MAXREPEAT


def children(op, av) -> list[list]:
    """The sub-sequences an item holds: a group's body, each branch, an assertion's body, a repeat's body."""
    if op == constants.SUBPATTERN:
        return [list(av[-1])]
    if op == constants.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (constants.ASSERT, constants.ASSERT_NOT):
        return [list(av[1])]
    if op in REPEATS:
        return [list(av[2])]
    if op == getattr(constants, "ATOMIC_GROUP", None):
        return [list(av)]
    if op == constants.GROUPREF_EXISTS:
        return [list(x) for x in av[1:] if x is not None]
    return []


def repeats_within(items) -> list[int]:
    """The most times of every repeat anywhere inside `items`."""
    found = []
    for op, av in items:
        if op in REPEATS:
            found.append(av[1])
        for child in children(op, av):
            found += repeats_within(child)
    return found


def single_characters(body, state) -> set[str]:
    """The probe characters one repetition of `body` can be on its own (empty when it is longer)."""
    compiled = compiler.compile(parser.SubPattern(state, list(body)), state.flags)
    return {ch for ch in PROBES if compiled.fullmatch(ch)}


def faults(pattern: str, flags: int = re.IGNORECASE | re.MULTILINE) -> list[str]:
    """What makes the pattern backtrack beyond linear time, in words; empty when nothing does."""
    parsed = parser.parse(pattern, flags)
    state = parsed.state
    found = []

    def walk(items: list) -> None:
        for index, (op, av) in enumerate(items):
            if op in REPEATS and many(av[1]):
                for high in repeats_within(av[2]):
                    if many(high) and (unbounded(av[1]) or unbounded(high)):
                        found.append("a repeat nested in a repeat")
            if index + 1 < len(items):
                next_op, next_av = items[index + 1]
                if (op in REPEATS and next_op in REPEATS and many(av[1]) and many(next_av[1])
                        and (unbounded(av[1]) or unbounded(next_av[1]))
                        and single_characters(av[2], state) & single_characters(next_av[2], state)):
                    found.append("two repeats side by side that take the same characters")
            for child in children(op, av):
                walk(child)

    walk(list(parsed))
    return found


@pytest.mark.parametrize("pattern", [
    r"(a+)+$", r"(\w+\s?)*x", r"(?:\d{1,3}[,.]?)+\b", r"\s*\s+x", r"\w+\d+@", r"(x|y+)*z",
])
def test_the_check_finds_catastrophic_shapes(pattern):
    assert faults(pattern), pattern


@pytest.mark.parametrize("pattern", [
    r"\b(best|your)\s+offer\b", r"\d[\d,. ]{0,12}\s{0,3}(pcs|units?)\b", r"\w{0,20}\s+(a|b)", r"[a-z]+\d+",
    r"^[\s\-./_*?]*(?:\(?\+[0-9]{1,4}\)?[\s\-./]*)?$", r"(\d{1,2}\s+)?(jan|feb)",
])
def test_the_check_leaves_linear_shapes_alone(pattern):
    assert faults(pattern) == [], pattern


@pytest.mark.parametrize("where, pattern", all_patterns(), ids=lambda v: v if isinstance(v, str) and " " in v else None)
def test_pattern_has_no_catastrophic_shape(where, pattern):
    re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    assert faults(pattern) == [], f"{where}: {pattern}"


def test_the_patterns_are_found():
    assert len(all_patterns()) > 300
