"""Phone, mobile and fax: read what buyers really type, check it with libphonenumber, raise the contact signals.

How a field is read (labels, placeholders, extensions, several numbers in one field) is data in
shared_rules/phone_input.json, whose `steps` this module follows; libphonenumber does the rest.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import re_util

from inquiry_lens.checks import phone_places
from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env

# The library compiles its per-region patterns through re's 512-entry cache; numbers from many
# regions overflow it and recompile on every call. Its own unbounded cache keeps them compiled.
re_util.enable_pattern_cache()
phone_places.install()  # before the geocoder import: en/zh names only, not every language's

from phonenumbers import PhoneNumberFormat, PhoneNumberType, geocoder, timezone  # noqa: E402

FIELDS = ("phone", "mobile", "fax")
NON_GEOGRAPHIC = "001"  # libphonenumber's region for +800, +870, +882, +883 …: no country to compare

TYPE_NAMES = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
}  # shared cost, personal, pager, UAN, voicemail: "unknown" in the contract, named in `type_detail`
TYPE_DETAIL = {value: name.lower() for name, value in vars(PhoneNumberType).items() if name.isupper()}

SUPPORTED_REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)
DIGIT = re.compile(r"[0-9]")
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Reader:
    """The compiled phone_input rules."""

    field_chars: int
    candidate_chars: int
    candidates: int
    min_digits: int
    placeholders: frozenset
    placeholder: re.Pattern
    masked: re.Pattern
    separator: re.Pattern
    words: re.Pattern
    word_meaning: dict
    extension: re.Pattern
    number: re.Pattern


def _pattern(spec: dict) -> re.Pattern:
    return re.compile(spec["pattern"], re.IGNORECASE if "i" in spec["flags"] else 0)


def _words(words) -> str:
    # Longest first, so "tel/fax" wins over "tel"; the guards keep "tel" out of "hotel".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def reader(rules) -> Reader:
    """Compile the phone_input rules once per loaded rules version."""
    spec = rules["phone_input"]
    limits = spec["limits"]
    # Each word to what it says: ("label", "fax") for "传真", ("messenger", "whatsapp") for "WhatsApp".
    meaning = {word: ("messenger", name) for name, words in spec["messengers"].items() for word in words}
    meaning.update({word: ("label", kind) for kind, words in spec["labels"].items() for word in words})
    return Reader(
        field_chars=limits["field_chars"],
        candidate_chars=limits["candidate_chars"],
        candidates=limits["candidates"],
        min_digits=limits["min_digits"],
        placeholders=frozenset("".join(w.split()) for w in spec["placeholders"]),
        placeholder=_pattern(spec["placeholder_pattern"]),
        masked=_pattern(spec["masked_pattern"]),
        separator=_pattern(spec["separator_pattern"]),
        words=re.compile(rf"(^|[^a-z])({_words(meaning)})(?![a-z])", re.IGNORECASE),
        word_meaning=meaning,
        extension=re.compile(rf"(^|[^a-z])(?:{_words(spec['extension_markers'])}) *[.:]? *([0-9]{{1,7}})", re.IGNORECASE),
        number=_pattern(spec["number_pattern"]),
    )


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str | None]:
    """Unicode digits to ASCII (Arabic-Indic, Devanagari …), format characters dropped, controls to spaces."""
    table: dict[int, str | None] = {}
    for code in range(0x10000):  # NFKC already folds the digits outside the BMP (mathematical digits)
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Nd" and code > 0x7F:
            table[code] = str(unicodedata.digit(char))
        elif category == "Cf":
            table[code] = None
        elif category == "Cc" and char != "\n":
            table[code] = "\n" if char == "\r" else " "
    return table


def normalise(raw: str, limit: int) -> str:
    """The text to read: capped first (hostile input), then NFKC and plain ASCII digits."""
    return unicodedata.normalize("NFKC", raw[:limit]).translate(_char_table())[:limit]


def _digits(text: str) -> int:
    return len(DIGIT.findall(text))


def split_candidates(text: str, rd: Reader) -> list[str]:
    """The pieces of a field that may each hold one number."""
    pieces: list[str] = []
    carry = ""
    for piece in rd.separator.split(text):
        piece = f"{carry} {piece}".strip() if carry else piece.strip()
        carry = ""
        count = _digits(piece)
        if 0 < count < rd.min_digits:
            if rd.extension.search(piece) and pieces:
                pieces[-1] = f"{pieces[-1]} {piece}"  # ", ext 12" belongs to the number before it
            else:
                carry = piece  # "030/1234567": an area code before the slash
            continue
        if count:
            pieces.append(piece)
        if len(pieces) > rd.candidates:
            break
    if carry:
        pieces.append(carry)
    return [p[: rd.candidate_chars] for p in pieces[: rd.candidates]]


def words_named(text: str, rd: Reader) -> tuple[list[str], list[str]]:
    """The kinds of line the field's labels name ("Tel/Fax:" → phone, fax) and the messengers it names."""
    named: dict[str, list[str]] = {"label": [], "messenger": []}
    if LETTER.search(text):  # most fields are bare numbers: skip the word scan
        for found in rd.words.finditer(text):
            what, name = rd.word_meaning[found.group(2).lower()]
            if name not in named[what]:
                named[what].append(name)
    return named["label"], named["messenger"]


def read_candidate(text: str, rd: Reader) -> tuple[str | None, str | None]:
    """The number part and the extension of one piece."""
    extension = None
    found = rd.extension.search(text)
    if found:
        head = text[: found.start() + len(found.group(1))]
        if _digits(head) >= rd.min_digits:  # a marker before the number is not an extension
            text, extension = head, found.group(2)
    spans = rd.number.findall(text)
    if not spans:
        return None, extension
    return max(spans, key=_digits).rstrip(" .-(\u00b7\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), extension


def parse_number(span: str, region: str | None):
    """The first valid reading of a number span, else None."""
    bare = span.lstrip("( ")
    digits = "".join(DIGIT.findall(span))
    attempts: list[tuple[str, str | None]] = []
    if bare.startswith("+"):
        attempts.append((bare, None))
    else:
        if region:
            attempts.append((span, region))  # national with trunk prefix, or the region's own IDD
        attempts.append(("+" + (digits[2:] if digits.startswith("00") else digits), None))
    for text, default in attempts:
        try:
            number = phonenumbers.parse(text, default)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def number_region(number, claimed: str | None) -> str | None:
    """The number's region; the claimed one when the number is valid there too (+1, +7, +44 are shared)."""
    if claimed and phonenumbers.is_valid_number_for_region(number, claimed):
        return claimed
    return phonenumbers.region_code_for_number(number)


def _dial_code_region(span: str | None, claimed: str | None) -> str | None:
    """The region a masked number's visible +country code names, when that code is one region's (or the claim's)."""
    bare = (span or "").lstrip("( ")
    digits = "".join(DIGIT.findall(bare[:6])) if bare.startswith("+") else ""
    for size in (1, 2, 3):  # country codes are prefix-free: the first known one is the code
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:size] or 0))
        if regions:
            return claimed if claimed in regions else (regions[0] if len(regions) == 1 else None)
    return None


def describe(number, claimed: str | None) -> dict:
    """The contract's fields of one valid number."""
    kind = phonenumbers.number_type(number)
    if phonenumbers.is_number_type_geographical(kind, number.country_code):
        location = geocoder.description_for_valid_number(number, "en")
        location_zh = geocoder.description_for_valid_number(number, "zh")
        zones = timezone.time_zones_for_geographical_number(number)
    else:  # mobiles in most countries, toll-free, VoIP: the country only
        location = geocoder.country_name_for_number(number, "en")
        location_zh = geocoder.country_name_for_number(number, "zh")
        zones = timezone.time_zones_for_number(number)
    return {
        "e164": phonenumbers.format_number(number, PhoneNumberFormat.E164),
        "international": phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        "region": number_region(number, claimed),
        "type": TYPE_NAMES.get(kind, "unknown"),
        "type_detail": TYPE_DETAIL.get(kind, "unknown"),
        "location": location or None,
        "location_zh": location_zh or None,
        "timezones": [zone for zone in zones if zone != "Etc/Unknown"],
    }


def _result(raw: str, **fields) -> dict:
    result = {
        "input": raw.strip()[:300], "valid": False, "e164": None, "international": None, "region": None,
        "type": "unknown", "type_detail": None, "location": None, "location_zh": None, "timezones": [],
        "extension": None, "others": [], "labels": [], "messengers": [], "masked": False,
    }
    result.update(fields)
    return result


def check_number(raw, default_region: str | None, rules) -> dict | None:
    """Check one phone, mobile or fax field; None when it holds no number at all (absent, n/a, "-")."""
    if raw is None:
        return None
    raw = raw if isinstance(raw, str) else str(raw)
    rd = reader(rules)
    region = default_region.upper() if isinstance(default_region, str) else None
    region = region if region in SUPPORTED_REGIONS else None
    text = normalise(raw, rd.field_chars)
    if rd.placeholder.match(text) or "".join(text.split()).lower() in rd.placeholders:
        return None
    if rd.masked.search(text):
        shown = rd.number.search(text)
        return _result(raw, masked=True, region=_dial_code_region(shown and shown.group(0), region))
    labels, messengers = words_named(text, rd)
    found: list[tuple] = []
    for piece in split_candidates(text, rd):
        span, extension = read_candidate(piece, rd)
        # A second number without a country code is read in the country of the first.
        hint = region or (number_region(found[0][0], None) if found else None)
        number = parse_number(span, hint) if span else None
        if number is not None:
            found.append((number, extension))
    if not found:
        return _result(raw, labels=labels, messengers=messengers)
    number, extension = found[0]
    described = describe(number, region)
    others = []
    for other, _ in found[1:]:
        e164 = phonenumbers.format_number(other, PhoneNumberFormat.E164)
        if e164 not in others and e164 != described["e164"]:
            others.append(e164)
    return _result(raw, valid=True, extension=extension, others=others, labels=labels, messengers=messengers,
                   **described)


def _line(result: dict) -> tuple[str, str]:
    return result["e164"], result["extension"] or ""


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Fill checks phone/mobile/fax and raise PHONE_VALID/INVALID, PHONE_EQUALS_FAX, FAX_DISTINCT_LINE,
    PHONE_COUNTRY_MISMATCH."""
    buyer, claimed = state.buyer, (state.claimed_country or "").upper() or None
    results = {name: check_number(buyer.get(name), claimed, env.rules) for name in FIELDS}
    if claimed is None:
        # No claim: a national number in one field is read in the country of an international one in another.
        hint = next((r["region"] for r in results.values()
                     if r and r["valid"] and r["region"] not in (None, NON_GEOGRAPHIC)), None)
        if hint:
            for name, result in results.items():
                if result and not result["valid"] and not result["masked"]:
                    results[name] = check_number(buyer.get(name), hint, env.rules)
    state.checks.update({"phone": results["phone"], "mobile": results["mobile"], "fax": results["fax"]})

    voice = [r for r in (results["phone"], results["mobile"]) if r and r["valid"]]
    if voice:
        add_signal(state, env, "PHONE_VALID", voice[0]["e164"])
    for name in FIELDS:
        result = results[name]
        if result and not result["valid"] and not result["masked"]:
            add_signal(state, env, "PHONE_INVALID", result["input"])
    fax = results["fax"]
    if fax and fax["valid"] and voice:
        lines = {_line(r) for r in voice} | {(e164, "") for r in voice for e164 in r["others"]}
        same = _line(fax) in lines
        add_signal(state, env, "PHONE_EQUALS_FAX" if same else "FAX_DISTINCT_LINE", fax["international"])
    elif fax is None:
        # "Tel/Fax: +86 …" with one number: the buyer says the phone line is the fax line.
        shared = [r for r in voice if "fax" in r["labels"] and len(r["labels"]) > 1 and not r["others"]]
        if shared:
            add_signal(state, env, "PHONE_EQUALS_FAX", shared[0]["international"])
    if claimed:
        for result in voice:
            if result["region"] not in (claimed, NON_GEOGRAPHIC, None):
                add_signal(state, env, "PHONE_COUNTRY_MISMATCH",
                           f"{result['international']} ({result['region']}), claimed {claimed}")
                break
    return state
