"""A cheap test before a costly one: the plain substrings of which every match of a pattern
contains at least one. Most cues never occur in a given inquiry, so one Aho-Corasick pass finds
which of all the patterns' words are present, and a pattern runs only when one of its words is.
"""
from __future__ import annotations

try:  # the parser of the standard `re` module; its import name changed in Python 3.11
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse

from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

LITERAL = sre_parse.LITERAL
SUBPATTERN = sre_parse.SUBPATTERN
BRANCH = sre_parse.BRANCH
REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT)
MIN_USEFUL = 2  # a one-letter gate would pass almost every text


def _useful(words: frozenset[str] | None) -> bool:
    if not words:
        return False
    return min(map(len, words)) >= MIN_USEFUL


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    """The one requirement that stands for a branch: the one whose shortest word is longest."""
    return max(requirements, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _requirements(items) -> list[frozenset[str]]:
    """Word sets that a match must each meet: every part of a sequence is required."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is LITERAL:
            run.append(chr(arg))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        if op is SUBPATTERN:
            found.extend(_requirements(arg[-1]))
        elif op is BRANCH:
            branches = [_best(_requirements(branch)) for branch in arg[1]]
            if all(branches):
                found.append(frozenset().union(*(words for words in branches if words)))
        elif op in REPEATS and arg[0] >= 1:
            found.extend(_requirements(arg[2]))
    if run:
        found.append(frozenset({"".join(run)}))
    return [words for words in found if _useful(words)]


@lru_cache(maxsize=4096)
def required_words(pattern: str, fold_case: bool) -> tuple[frozenset[str], ...]:
    """Word sets each of which a match contains one of (lower-cased when the match ignores case); () = no gate."""
    try:
        requirements = _requirements(sre_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no gate
        return ()
    if fold_case:
        requirements = [frozenset(w.lower() for w in words) for words in requirements]
    return tuple(dict.fromkeys(requirements))


ASSERTS = (sre_parse.ASSERT, sre_parse.ASSERT_NOT)
MAXWIDTH = sre_parse.MAXWIDTH if hasattr(sre_parse, "MAXWIDTH") else sre_parse.MAXREPEAT


def _lookahead_reach(items) -> int:
    """How far past a match's end the pattern may look: the widest lookaheads, added up (a bound, not exact)."""
    reach = 0
    for op, arg in items:
        if op in ASSERTS:
            direction, sub = arg
            if direction == 1:
                reach += sub.getwidth()[1]
            reach += _lookahead_reach(sub)
        elif op is SUBPATTERN:
            reach += _lookahead_reach(arg[-1])
        elif op is BRANCH:
            reach += max((_lookahead_reach(branch) for branch in arg[1]), default=0)
        elif op in REPEATS:
            reach += _lookahead_reach(arg[2])
    return reach


@lru_cache(maxsize=4096)
def match_bounds(pattern: str) -> tuple[int, int] | None:
    """(the longest match, how far past a match's end the engine may read) when both are bounded; None otherwise.

    With these, a pattern whose every match holds a gate word need only be searched between the first
    occurrence's end minus the longest match and the last occurrence's start plus the longest match
    and the reach: no match of the whole text lies outside, and the engine reads nothing beyond."""
    try:
        parsed = sre_parse.parse(pattern)
        width = parsed.getwidth()[1]
        reach = _lookahead_reach(parsed)
    except Exception:  # noqa: BLE001 - an unparsable pattern is searched whole
        return None
    if width >= MAXWIDTH or reach >= MAXWIDTH:
        return None
    return width, reach + 1  # +1: a \b or $ at the match's end reads the next character


class WordIndex:
    """Every gate word of a rule set in one automaton: one pass over a text says which are present."""

    def __init__(self, words: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for word in set(words):
            self._automaton.add_word(word, word)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def present(self, text: str) -> frozenset[str]:
        """The indexed words that occur in `text`."""
        if self._empty or not text:
            return frozenset()
        return frozenset(word for _, word in self._automaton.iter(text))

    def spans(self, text: str) -> dict[str, tuple[int, int]]:
        """Each indexed word that occurs in `text` → (the end of its first occurrence, the start of its last)."""
        found: dict[str, tuple[int, int]] = {}
        if self._empty or not text:
            return found
        for end, word in self._automaton.iter(text):
            start = end + 1 - len(word)
            first = found.get(word)
            found[word] = (end + 1, start) if first is None else (first[0], start)
        return found


def may_match(requirements: tuple[frozenset[str], ...], present: frozenset[str]) -> bool:
    """False only when the pattern cannot match: a word set it requires has no word present."""
    return all(not words.isdisjoint(present) for words in requirements)
