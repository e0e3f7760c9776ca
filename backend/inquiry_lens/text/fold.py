"""One way to fold free text before matching it against rules words, shared by several checks.

The fold is written so the extension can repeat it exactly: NFKD, drop nonspacing marks (Mn),
lower-case, ß → ss, NFC. In JavaScript: s.normalize("NFKD").replace(/\\p{Mn}/gu, "")
.toLowerCase().replace(/ß/g, "ss").normalize("NFC").
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Only the first characters of a field are read: no real address, title or country is longer,
# and a 100,000-character field must cost what a short one costs.
MAX_CHARS = 500

_WORDS = re.compile(r"[^\W_]+")


@cache
def _drop_marks() -> dict[int, None]:
    # Built on first use (about 8 ms); no nonspacing mark lies between U+20000 and U+E0000.
    planes = (range(0x20000), range(0xE0000, 0xE1000))
    return {cp: None for span in planes for cp in span if unicodedata.category(chr(cp)) == "Mn"}


def fold(text: str, limit: int = MAX_CHARS) -> str:
    """Text cut to `limit` characters, lower-cased, accents and widths unified (see the module note)."""
    text = text[:limit]
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text).translate(_drop_marks())
    return unicodedata.normalize("NFC", text.lower().replace("ß", "ss"))


def words(folded: str) -> list[str]:
    """The letter-and-digit runs of folded text (a run of Chinese characters is one word)."""
    return _WORDS.findall(folded)


@lru_cache(maxsize=4)
def no_value_words(rules) -> frozenset[str]:
    """The folded words of field_values.json that stand for an empty field."""
    return frozenset(fold(word).strip(" .") for word in rules["field_values"]["no_value"])


def clean_input(raw, rules) -> str | None:
    """A field's text stripped, or None when it is absent or a placeholder such as "N/A" or "暂无"."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        try:
            raw = str(raw)
        except ValueError:  # an int of more than 4300 digits cannot be printed
            return None
    text = raw[:4 * MAX_CHARS].replace("\x00", " ").strip()
    if len(text) <= 20 and fold(text).strip(" .") in no_value_words(rules):
        return None
    return text or None
