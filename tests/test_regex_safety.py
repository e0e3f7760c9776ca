"""Every regular expression in shared_rules against adversarial input: long runs of its own
characters and 100,000-character lines. A pattern that backtracks catastrophically takes seconds
or hours here; a safe one takes milliseconds."""
from __future__ import annotations

import re
import time

import pytest

from inquiry_lens.rules import packaged_rules
from tests.test_rules import patterns_in

LIMIT_S = 1.0  # generous for a noisy machine; catastrophic growth is orders of magnitude slower
LENGTH = 100_000


def all_patterns() -> list[tuple[str, str]]:
    rules = packaged_rules()
    return [(f"{name} {where}", pattern) for name in rules if not name.startswith("tests/")
            for where, pattern in patterns_in(rules[name])]


def adversarial(pattern: str) -> list[str]:
    """Inputs built from the pattern itself: its literal characters repeated, with and without a
    breaking character at the end, plus generic long runs that defeat greedy classes."""
    literals = "".join(dict.fromkeys(ch for ch in re.sub(r"\\.", "", pattern) if ch.isalnum() or ch in " -.,/:@#%"))
    pieces = [literals or "a", "1", "a", " ", "1 ", "1,", "a-", "\u4e00"]
    out = []
    for piece in pieces:
        run = (piece * (LENGTH // len(piece) + 1))[:LENGTH]
        out += [run, run + "!"]
    return out


@pytest.mark.parametrize("where, pattern", all_patterns(), ids=lambda v: v if isinstance(v, str) and " " in v else None)
def test_pattern_stays_linear_on_adversarial_input(where, pattern):
    compiled = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for text in adversarial(pattern):
        started = time.perf_counter()
        for _ in compiled.finditer(text):
            pass
        elapsed = time.perf_counter() - started
        assert elapsed < LIMIT_S, f"{where}: {elapsed:.2f} s on {text[:20]!r}… ({len(text)} chars)"
