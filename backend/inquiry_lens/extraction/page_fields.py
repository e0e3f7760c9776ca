"""Finds the inquiry and buyer fields in a page's HTML, driven by the same platform rules the
extension uses: (1) label anchors from the bilingual synonym table, (2) JSON the page holds,
(3) CSS selectors per platform, first match wins. Fields the request already has are kept.

shared_rules/extraction.md states the rules; extension/content/extract.js follows the same text,
and tests/extraction/test_extract_parity.py runs both over every demo page.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from bs4 import BeautifulSoup, Tag
from bs4.element import PreformattedString
from soupsieve import SelectorSyntaxError

from inquiry_lens.extraction.values import finish
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import Rules

MAX_LINKS = 200
MAX_ATTACHMENTS = 50
MAX_NAME = 255
LABEL_MAX = 80
SEPARATOR = re.compile(r"[:：]")
SKIP_PARENTS = {"script", "style", "noscript", "template", "head", "title"}
# CSS matching costs grow with depth × size; an inquiry area has a few hundred elements, so a
# page far past this is read by its labels only rather than held up for seconds.
MAX_ELEMENTS_FOR_SELECTORS = 2000
# Building the tree costs a few microseconds per tag: the extension sends only the inquiry area,
# so a document past this many tags is cut there to keep any input under the 100 ms budget.
MAX_TAGS = 4000
MESSAGE = "inquiry.message"
INERT = re.compile(r"<(template|noscript)\b", re.I)


def normalise_label(text: str) -> str:
    """`Sender's IP Address:` and `sender’s ip address` read alike."""
    return " ".join(text.replace("’", "'").strip().rstrip(":：*").strip().lower().split())


@lru_cache(maxsize=4)
def label_table(rules: Rules) -> dict[str, str]:
    """Normalised label → field name."""
    table: dict[str, str] = {}
    for field, labels in rules["labels"]["fields"].items():
        for label in labels:
            table.setdefault(normalise_label(label), field)
    return table


def _strings(node):
    """The text nodes under `node` a reader sees: no comments, scripts, styles or head."""
    for string in node.find_all(string=True):
        if isinstance(string, PreformattedString) or (string.parent and string.parent.name in SKIP_PARENTS):
            continue
        yield string


def element_text(node) -> str:
    """The element's visible text nodes, each stripped, empty ones dropped, one per line."""
    return "\n".join(text for s in _strings(node) if (text := s.strip()))


def _lines(node):
    """The visible text line by line, each with the element holding it (pasted text is one <pre>)."""
    for string in _strings(node):
        for line in str(string).splitlines():
            if text := line.strip():
                yield text, string.parent


def _label_line(text: str, labels: dict[str, str]) -> str | None:
    """The field a line names as its label (`Email`, `Email:` or `Email: a@b.c`), else None."""
    if len(text) > LABEL_MAX + 200:
        return None
    if len(text) <= LABEL_MAX and (field := labels.get(normalise_label(text))):
        return field
    match = SEPARATOR.search(text)
    return labels.get(normalise_label(text[:match.start()])) if match and match.start() <= LABEL_MAX else None


def by_labels(node, labels: dict[str, str]) -> dict[str, str]:
    """Values beside known labels: `Email: a@b.com` in one node, or a label node then its value.

    A message runs on over the lines of the element its first line is in, until a buyer label.
    """
    found: dict[str, str] = {}
    pending: str | None = None
    message: list[str] | None = None
    home = None
    for text, parent in _lines(node):
        if message is not None:
            field = _label_line(text, labels)
            if parent is home and not (field and field.startswith("buyer.")):
                message.append(text)
                continue
            found.setdefault(MESSAGE, "\n".join(message))
            message = None
        if pending is not None:
            if normalise_label(text) not in labels:
                if pending == MESSAGE and MESSAGE not in found:
                    message, home = [text], parent
                else:
                    found.setdefault(pending, text)
                pending = None
                continue
            pending = None
        if len(text) > LABEL_MAX + 200:
            continue
        match = SEPARATOR.search(text)
        if match and match.start() <= LABEL_MAX:
            field = labels.get(normalise_label(text[:match.start()]))
            value = text[match.end():].strip()
            if field and value:
                if field == MESSAGE and MESSAGE not in found:
                    message, home = [value], parent
                else:
                    found.setdefault(field, value)
                continue
            if field:
                pending = field
                continue
        field = labels.get(normalise_label(text)) if len(text) <= LABEL_MAX else None
        if field and field not in found:
            pending = field
    if message is not None:
        found.setdefault(MESSAGE, "\n".join(message))
    return found


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")  # JavaScript's JSON.parse refuses NaN and Infinity too


def _scalar(value) -> str | None:
    """A JSON string or number as the text JavaScript's String() would give; else None."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        value = int(value)
    return str(value).strip() or None


def by_json(soup: BeautifulSoup, sources: list[dict]) -> dict[str, str]:
    """Values from JSON the page embeds, at the dotted paths the platform rules name."""
    found: dict[str, str] = {}
    for source in sources:
        element = select_one(soup, source["selector"])
        if element is None:
            continue
        try:
            data = json.loads(element.get_text(), parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            continue
        for field, path in source["fields"].items():
            value = data
            for key in path.split("."):
                value = value.get(key) if isinstance(value, dict) else None
            if (text := _scalar(value)) is not None:
                found.setdefault(field, text)
    return found


def select_one(root, selector: str) -> Tag | None:
    """The first match, or None (a selector this engine cannot read matches nothing)."""
    try:
        return root.select_one(selector)
    except (SelectorSyntaxError, NotImplementedError):
        return None


def _read(element: Tag, attr: str | None) -> str:
    value = element.get(attr) if attr else element_text(element)
    return (value if isinstance(value, str) else " ".join(value or [])).strip()


def by_selectors(soup: BeautifulSoup, fields: dict[str, list[dict]]) -> dict[str, str]:
    """Values at the platform's CSS selectors; the first selector that matches with text wins."""
    found: dict[str, str] = {}
    for field, selectors in fields.items():
        for rule in selectors:
            element = select_one(soup, rule["selector"])
            if element is not None and (value := _read(element, rule.get("attr"))):
                found[field] = value
                break
    return found


def attachments(soup: BeautifulSoup, selectors: list[dict]) -> list[dict]:
    """Attachment names from the first selector that matches any element."""
    for rule in selectors:
        try:
            elements = soup.select(rule["selector"], limit=MAX_ATTACHMENTS)
        except (SelectorSyntaxError, NotImplementedError):
            continue
        names = [name[:MAX_NAME] for element in elements if (name := _read(element, rule.get("attr")))]
        if names:
            return [{"name": name} for name in names]
    return []


def capped(html: str) -> str:
    """The HTML up to its MAX_TAGS-th tag."""
    position = -1
    for _ in range(MAX_TAGS):
        position = html.find("<", position + 1)
        if position < 0:
            return html
    return html[:position]


def extract_fields(rules: Rules, platform: str, html: str) -> dict:
    """The `inquiry` and `buyer` fields found in the HTML, and which ones were found."""
    platform_rules = rules[f"platforms/{platform}"]
    soup = BeautifulSoup(capped(html), "lxml")
    if INERT.search(html):  # a browser keeps their content out of the document; so do we
        for element in soup.find_all(["template", "noscript"]):
            element.decompose()
    selectable = len(soup.find_all(True, limit=MAX_ELEMENTS_FOR_SELECTORS + 1)) <= MAX_ELEMENTS_FOR_SELECTORS
    areas = platform_rules["inquiry_area"] if selectable else []
    area = next((el for rule in areas if (el := select_one(soup, rule["selector"])) is not None), soup)
    found = by_labels(area, label_table(rules))
    files: list[dict] = []
    if selectable:
        for field, value in by_json(soup, platform_rules["json_sources"]).items():
            found.setdefault(field, value)
        for field, value in by_selectors(soup, platform_rules["fields"]).items():
            found.setdefault(field, value)
        files = attachments(soup, platform_rules.get("attachments", []))
    if MESSAGE not in found and (text := element_text(area)):
        found[MESSAGE] = text  # no label or selector: the inquiry area's own text is the message
    hidden = frozenset(value.lower() for value in rules["labels"]["hidden_values"])
    result: dict = {"platform": platform, "inquiry": {"links": [], "attachments": files}, "buyer": {}}
    kept = []
    for field, text in found.items():
        value = finish(field, text, hidden)
        if value is None:
            continue
        kept.append(field)
        part, name = field.split(".", 1)
        if name.startswith("activity."):
            result["buyer"].setdefault("activity", {})[name[len("activity."):]] = value
        else:
            result[part][name] = value
    hrefs = (a.get("href") for a in area.find_all("a", href=True))
    links = dict.fromkeys(h.strip() for h in hrefs if isinstance(h, str) and h.strip())
    result["inquiry"]["links"] = list(links)[:MAX_LINKS]
    kept += ["inquiry.attachments"] * bool(files) + ["inquiry.links"] * bool(result["inquiry"]["links"])
    result["found"] = sorted(kept)
    return result


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Fill the fields the request lacks from its `html`; what the request gave is kept."""
    html = state.html
    if not html or not html.strip():
        return state
    fields = extract_fields(env.rules, state.platform, html)
    for part in ("inquiry", "buyer"):
        for name, value in fields[part].items():
            if name == "activity":
                given = state.buyer.get("activity") or {}
                state.buyer["activity"] = {**value, **{k: v for k, v in given.items() if v is not None}}
            elif not getattr(state, part).get(name):
                getattr(state, part)[name] = value
    return state
