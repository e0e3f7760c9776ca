"""The regular expressions in the rules files, found by the keys that hold them, and adversarial input
built from each (bench/patterns.py times them on it)."""
from __future__ import annotations

import re


def is_pattern_key(key: str) -> bool:
    return (key in ("pattern", "patterns", "regex", "regexes", "unless", "negations")
            or key.endswith(("_pattern", "_patterns")))


def patterns_in(value, path="$"):
    """Every regular expression in a rules file (keys named pattern(s), *_pattern(s), unless, negations)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if is_pattern_key(key) and isinstance(item, str):
                yield f"{path}.{key}", item
            elif is_pattern_key(key) and isinstance(item, list) and all(isinstance(p, str) for p in item):
                yield from ((f"{path}.{key}[{i}]", p) for i, p in enumerate(item))
            else:
                yield from patterns_in(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from patterns_in(item, f"{path}[{i}]")


def every_pattern(rules) -> list[tuple[str, str]]:
    """("file $.path", pattern) for every regular expression in the rules, the test vectors aside."""
    return [(f"{name} {where}", pattern) for name in rules if not name.startswith("tests/")
            for where, pattern in patterns_in(rules[name])]


def adversarial(pattern: str, length: int = 100_000) -> list[str]:
    """Inputs built from the pattern itself, `length` characters each: its literal characters repeated,
    with and without a breaking character at the end, plus generic long runs that defeat greedy classes.
    A pattern that backtracks catastrophically takes seconds or hours on them; a safe one milliseconds."""
    literals = "".join(dict.fromkeys(ch for ch in re.sub(r"\\.", "", pattern) if ch.isalnum() or ch in " -.,/:@#%"))
    pieces = [literals or "a", "1", "a", " ", "1 ", "1,", "a-", "\u4e00"]
    out = []
    for piece in pieces:
        run = (piece * (length // len(piece) + 1))[:length]
        out += [run, run + "!"]
    return out
