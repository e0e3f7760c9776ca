"""Company names reduced to a comparable key, so "Brightline Home, L.L.C." and "BRIGHTLINE HOME LLC"
are one buyer. The spec and the word lists are shared_rules/company_names.json."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from rapidfuzz import fuzz

from inquiry_lens.text.fold import fold

_INITIALS = re.compile(r"\b([^\W\d_])\.(?=[^\W\d_]\.)")  # s.r.o. -> sro., S.A. -> sa.
_WORDS = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
MAX_NAME = 300  # no company name is longer; a pasted essay costs what a name costs


@dataclass(frozen=True)
class CompanyName:
    """A name's comparable forms: `key` without legal forms, `core` also without generic words."""

    key: str
    core: str

    def lookup_keys(self, rules) -> list[tuple[str, str]]:
        """The indexed keys that find candidates: the exact key, each core word, the core's prefix."""
        spec = _spec(rules)
        keys = [("company", self.key)]
        words = self.core.split()
        keys += [("company_word", w) for w in dict.fromkeys(words) if len(w) >= 3 or _CJK.match(w)]
        joined = "".join(words)
        if len(joined) >= spec.min_fuzzy:
            keys.append(("company_prefix", joined[:spec.prefix]))
        return keys


@lru_cache(maxsize=4)
def _spec(rules) -> SimpleNamespace:
    data = rules["company_names"]
    return SimpleNamespace(
        dropped=frozenset(data["legal_forms"]) | frozenset(data["stop_words"]),
        generic=frozenset(data["generic_words"]),
        cjk_suffixes=tuple(sorted(data["cjk_legal_suffixes"], key=len, reverse=True)),
        min_key=data["min_key_length"], min_fuzzy=data["min_fuzzy_core_length"],
        similarity=data["min_similarity"], prefix=data["prefix_length"],
    )


def _strip_cjk_suffix(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[:-len(suffix)]
    return word


def company_name(raw, rules) -> CompanyName | None:
    """The comparable forms of a company name; None when nothing distinctive is left."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    spec = _spec(rules)
    text = _INITIALS.sub(r"\1", fold(raw[:MAX_NAME]).replace("&", " ")).replace(".", "")
    words = [_strip_cjk_suffix(w, spec.cjk_suffixes) if _CJK.search(w) else w for w in _WORDS.findall(text)]
    kept = [w for w in words if w not in spec.dropped]
    key = " ".join(kept)
    if len(key.replace(" ", "")) < spec.min_key:
        return None
    core = " ".join(w for w in kept if w not in spec.generic)
    return CompanyName(key=key, core=core)


def similar_cores(a: str, b: str, rules) -> bool:
    """Two cores long enough to compare that differ only by a typo, a plural or the word order."""
    spec = _spec(rules)
    if min(len(a), len(b)) < spec.min_fuzzy:
        return False  # "ABC Trading" and "ABD Trading" differ by one letter and are two companies
    return fuzz.token_sort_ratio(a, b, score_cutoff=spec.similarity) > 0
