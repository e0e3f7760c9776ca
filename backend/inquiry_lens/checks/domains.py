"""Domain names: the registrable part, IDN disguises, and lookalikes of the brands in brands.json.

The registrable part comes from tldextract over the Public Suffix List snapshot inside the
package, never fetched. The lookalike rules are written in the description of
shared_rules/brands.json; this module only carries them out, cheap checks first.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import SimpleNamespace

import tldextract
from rapidfuzz.distance import OSA

from inquiry_lens.rules import Rules

_HOST_CHARS = re.compile(r"[a-z0-9_-]+")
# Scripts that mix legitimately inside one Japanese or Korean label.
_CJK = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"}


@lru_cache(maxsize=1)
def extractor() -> tldextract.TLDExtract:
    """One extractor on the bundled snapshot: no cache folder, no suffix-list URL, so no network ever."""
    ex = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    ex("example.com")  # parse the snapshot now, not inside the first analysis
    return ex


def split(host: str) -> tuple[str, str, str]:
    """(subdomain, label, public suffix) of an ASCII host; label and suffix empty when there is no suffix."""
    r = extractor()(host)
    if not r.suffix or not r.domain:
        return r.subdomain, "", ""
    return r.subdomain, r.domain, r.suffix


def registrable(host: str) -> str | None:
    """The registrable domain (abc.co.uk for mail.abc.co.uk), or None for IPs, bare words and unknown suffixes."""
    _, label, suffix = split(host)
    return f"{label}.{suffix}" if label else None


def to_ascii(host: str) -> tuple[str, str] | None:
    """(ASCII, Unicode) forms of a host as a person might write it; None when it is not a host name."""
    host = unicodedata.normalize("NFKC", host).replace("\u3002", ".").strip().strip(".").lower()
    if not host or len(host) > 253:
        return None
    ascii_labels, uni_labels = [], []
    for label in host.split("."):
        if not label or len(label) > 63:
            return None
        if label.isascii():
            if not _HOST_CHARS.fullmatch(label):
                return None
            uni = label
            if label.startswith("xn--"):
                try:
                    uni = label[4:].encode("ascii").decode("punycode")
                except (UnicodeError, ValueError):
                    return None
                if uni.isascii():  # an A-label must stand for something non-ASCII
                    return None
            ascii_labels.append(label)
            uni_labels.append(uni)
        else:
            if any(not (c.isalnum() or c in "-_") for c in label):
                return None
            try:
                ascii_labels.append("xn--" + label.encode("punycode").decode("ascii"))
            except UnicodeError:
                return None
            uni_labels.append(label)
    return ".".join(ascii_labels), ".".join(uni_labels)


@lru_cache(maxsize=8)
def compiled(rules: Rules) -> SimpleNamespace:
    """Everything the checks need from brands.json and free_mail.json, built once per rules version."""
    data = rules["brands"]
    glyphs = data["homoglyphs"]
    script = str.maketrans(glyphs["script"])
    swaps = str.maketrans(glyphs["swaps"])
    sequences = list(glyphs["sequences"].items())

    def fold(text: str) -> str:
        text = text.translate(swaps)  # sequences are then looked for in their swapped spelling
        for seq, repl in sequences:
            text = text.replace(seq.translate(swaps), repl)
        return text

    real: dict[str, dict] = {}
    by_name: dict[str, dict] = {}
    by_word: dict[str, dict] = {}
    country_labels: set[str] = set()
    for brand in data["brands"]:
        for domain in brand["domains"]:
            real[domain] = brand
        for name in brand.get("names", []):
            by_name[name] = brand
        for word in brand.get("words", []):
            by_word[word] = brand
        if brand.get("country_domains"):
            country_labels.update(brand.get("names", []) + brand.get("words", []))
    free = {d for group in rules["free_mail"]["domains"].values() for d in group}
    typo_index: dict[tuple[str, int], list[str]] = {}
    for name in by_name:
        if len(name) >= 6:
            typo_index.setdefault((name[0], len(name)), []).append(name)
    folded_words = {fold(w): w for w in by_word}
    return SimpleNamespace(
        script=script, fold=fold, real=real, free=free, country_labels=country_labels,
        generic_cctlds=set(data["generic_cctlds"]), context=set(data["context_words"]),
        folded_context={fold(w) for w in data["context_words"]},
        not_lookalikes=set(data["not_lookalikes"]), by_name=by_name, by_word=by_word,
        folded_words=folded_words, typo_index=typo_index,
        names_re=_trie_regex(by_name),
        # Folding turns i into l, so a short name would surface inside ordinary words (goldhill1 -> dhl).
        folded_names_re=_trie_regex(fold(n) for n in by_name if len(n) >= 5),
        folded_names={fold(n): n for n in by_name},
        word_sizes=sorted({len(w) for w in by_word}, reverse=True),
        platforms={d for d, b in real.items() if b.get("platform")},
    )


def _trie_regex(words) -> re.Pattern:
    """One regex matching any of `words`, shaped as a trie: several times faster than a flat alternation."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(trie))


def _latin_view(text: str, c: SimpleNamespace) -> str:
    """Letters of other scripts and accented letters replaced by the plain Latin letter they look like."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(c.script))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _scripts(label: str) -> set[str]:
    """The scripts of a label's letters (Japanese and Korean scripts count as one)."""
    found = set()
    for ch in label:
        if ch.isalpha():
            script = "LATIN" if ch.isascii() else unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            found.add("CJK" if script in _CJK else script)
    return found


def _disguised(uni_labels: list[str], ascii_suffix: bool, c: SimpleNamespace) -> tuple[bool, bool]:
    """(mixed_script, whole_script_confusable) over the labels: the IDN tricks worth a warning.

    An accented Latin name (müller) or a name wholly in another script under its own suffix
    (例子.中国, техно.рф) is an ordinary IDN; a label mixing scripts, or one made only of letters
    that imitate Latin ones under a Latin suffix (раураl.com), is not.
    """
    mixed = confusable = False
    for label in uni_labels:
        if label.isascii():
            continue
        scripts = _scripts(label)
        if len(scripts) > 1:
            mixed = True
        elif ascii_suffix and scripts and scripts != {"LATIN"} and _latin_view(label, c).isascii():
            confusable = True
    return mixed, confusable


def segments(rest: str, words: set[str]) -> bool:
    """Whether `rest` is one or more of `words` glued together (supportcenter, orderdelivery)."""
    if not rest:
        return False
    ok = [True] + [False] * len(rest)
    for end in range(1, len(rest) + 1):
        ok[end] = any(ok[start] and rest[start:end] in words for start in range(max(0, end - 16), end))
    return ok[-1]


def _tricky(tok: str, raw: str) -> bool:
    """Whether a word uses the tricks folding undoes: other scripts, digits 0/1, rn or vv."""
    return raw != tok or "0" in tok or "1" in tok or "rn" in tok or "vv" in tok


def _glued(tok: str, words: dict, context: set[str], sizes: list[int]) -> str | None:
    """The brand word a token starts or ends with when the rest is context words (upsdelivery)."""
    for k in sizes:
        if len(tok) > k:
            if tok[:k] in words and segments(tok[k:], context):
                return tok[:k]
            if tok[-k:] in words and segments(tok[:-k], context):
                return tok[-k:]
    return None


def _word_match(tokens: list[tuple[str, str]], c: SimpleNamespace) -> dict | None:
    """A short or ordinary brand word: disguised, beside a context word, or glued to context words."""
    plain = [t for t, _ in tokens]
    for i, (tok, raw) in enumerate(tokens):
        if tok in c.by_word:
            if raw != tok or any(j != i and t in c.context for j, t in enumerate(plain)):
                return c.by_word[tok]
            continue
        word = _glued(tok, c.by_word, c.context, c.word_sizes)
        if word is None and _tricky(tok, raw):
            key = c.fold(tok)
            if key in c.folded_words:
                return c.by_word[c.folded_words[key]]
            word = _glued(key, c.folded_words, c.folded_context, c.word_sizes)
            word = c.folded_words.get(word) if word else None
        if word is not None:
            return c.by_word[word]
    return None


def _typo_match(tokens: list[str], c: SimpleNamespace) -> dict | None:
    """A word one edit (or one swap of neighbours) away from a distinctive name of 6+ letters."""
    for tok in tokens:
        if len(tok) < 5 or tok in c.not_lookalikes or tok in c.by_name:
            continue
        for size in (len(tok) - 1, len(tok), len(tok) + 1):
            for name in c.typo_index.get((tok[0], size), ()):
                if OSA.distance(tok, name, score_cutoff=1) <= 1:
                    return c.by_name[name]
    return None


def _is_country_domain(label: str, suffix: str, c: SimpleNamespace) -> bool:
    """amazon.com.tr, ikea.pl: a country-domain brand's own name on a country-code suffix."""
    last = suffix.rsplit(".", 1)[-1]
    return label in c.country_labels and len(last) == 2 and last not in c.generic_cctlds


def _find_lookalike(label: str, suffix: str, uni_left: list[str], c: SimpleNamespace) -> dict | None:
    """The brand the labels left of the suffix imitate, trying the cheap tests first."""
    if _is_country_domain(label, suffix, c):
        return None
    if label in c.country_labels and label in c.by_word:
        return c.by_word[label]  # amazon.xyz: a brand that owns its name everywhere, on a generic suffix
    per_label = []
    for raw_part in uni_left:
        part = _latin_view(raw_part, c)
        per_label.append([(t, r) for t, r in zip(part.split("-"), raw_part.split("-"), strict=False) if t])
    tokens = [pair for pairs in per_label for pair in pairs]
    kept = [[t for t, _ in pairs if t not in c.not_lookalikes] for pairs in per_label]
    m = c.names_re.search(".".join("".join(ts) for ts in kept))
    if m:
        return c.by_name[m.group()]
    if any(_tricky(t, r) for t, r in tokens):
        folded = ".".join("".join(c.fold(t) if _tricky(t, r) else t for t, r in pairs if t not in c.not_lookalikes)
                          for pairs in per_label)
        m = c.folded_names_re.search(folded)
        if m:
            return c.by_name[c.folded_names[m.group()]]
    found = _word_match(tokens, c)
    if found:
        return found
    return _typo_match([t for t, _ in tokens], c)


@lru_cache(maxsize=4096)
def inspect(host: str, rules: Rules) -> dict | None:
    """What a host name reveals: registrable domain, IDN flags, the brand it imitates (read-only result).

    Returns None when `host` is not a host name. `lookalike_of` is the imitated brand's main domain.
    """
    forms = to_ascii(host)
    if forms is None:
        return None
    ascii_host, uni_host = forms
    c = compiled(rules)
    _, label, suffix = split(ascii_host)
    reg = f"{label}.{suffix}" if label else None
    uni_labels = uni_host.split(".")
    punycode = not uni_host.isascii()
    mixed, confusable = _disguised(uni_labels, "xn--" not in suffix, c) if punycode else (False, False)
    info = {
        "host": ascii_host, "unicode_host": uni_host, "registrable_domain": reg,
        "punycode": punycode, "mixed_script": mixed, "disguised": mixed or confusable,
        "lookalike_of": None, "brand": None, "platform": False, "known": False,
    }
    if reg is None:
        return info
    owner = c.real.get(reg)
    if owner is not None or reg in c.free:
        info.update(known=True, brand=owner["name"] if owner else None, platform=reg in c.platforms)
        return info
    n_suffix = suffix.count(".") + 1
    uni_left = [p for p in uni_labels[: len(uni_labels) - n_suffix] if p != "www"]
    brand = _find_lookalike(label, suffix, uni_left, c)
    if brand is not None:
        info.update(lookalike_of=brand["domains"][0], brand=brand["name"])
    return info
