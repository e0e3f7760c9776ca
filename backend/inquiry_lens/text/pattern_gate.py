"""A cheap test before a costly one: the plain substrings of which every match of a pattern
contains at least one. Most cues never occur in a given inquiry, so one Aho-Corasick pass finds
which of all the patterns' words are present, and a pattern runs only when one of its words is.
"""
from __future__ import annotations

try:  # the parser of the standard `re` module; its import name changed in Python 3.11
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

LITERAL = sre_parse.LITERAL
SUBPATTERN = sre_parse.SUBPATTERN
BRANCH = sre_parse.BRANCH
REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT)
MIN_USEFUL = 2  # a one-letter gate would pass almost every text


def _useful(words: frozenset[str] | None) -> bool:
    return bool(words) and min(map(len, words)) >= MIN_USEFUL


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
                found.append(frozenset().union(*branches))
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


def may_match(requirements: tuple[frozenset[str], ...], present: frozenset[str]) -> bool:
    """False only when the pattern cannot match: a word set it requires has no word present."""
    return all(not words.isdisjoint(present) for words in requirements)
