"""Finds the inquiry and buyer fields in a page's HTML, driven by the same platform rules the
extension uses: (1) label anchors from the bilingual synonym table, (2) JSON the page holds,
(3) CSS selectors per platform, first match wins. Fields the request already has are kept.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, Doctype

from inquiry_lens.rules import Rules

MAX_TEXT = 20_000  # a message longer than this is a page, not an inquiry
MAX_LINKS = 200
LABEL_MAX = 80
SEPARATOR = re.compile(r"[:：]")
SKIP_PARENTS = {"script", "style", "noscript", "template", "head", "title"}
# CSS matching costs grow with depth × size; an inquiry area has a few hundred elements, so a
# page far past this is read by its labels only rather than held up for seconds.
MAX_ELEMENTS_FOR_SELECTORS = 2000
# Building the tree costs a few microseconds per tag: the extension sends only the inquiry area,
# so a document past this many tags is cut there to keep any input under the 100 ms budget.
MAX_TAGS = 4000


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


def _lines(soup: BeautifulSoup):
    """The page's visible text, line by line (pasted text arrives as one <pre> node)."""
    for node in soup.find_all(string=True):
        if isinstance(node, (Comment, Doctype)) or (node.parent and node.parent.name in SKIP_PARENTS):
            continue
        for line in str(node).splitlines():
            if text := line.strip():
                yield text


def by_labels(soup: BeautifulSoup, labels: dict[str, str]) -> dict[str, str]:
    """Values beside known labels: `Email: a@b.com` in one node, or a label node then its value."""
    found: dict[str, str] = {}
    pending: str | None = None
    for text in _lines(soup):
        if pending is not None:
            if normalise_label(text) not in labels:
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
                found.setdefault(field, value)
                continue
            if field:
                pending = field
                continue
        field = labels.get(normalise_label(text)) if len(text) <= LABEL_MAX else None
        if field and field not in found:
            pending = field
    return found


def by_json(soup: BeautifulSoup, sources: list[dict]) -> dict[str, str]:
    """Values from JSON the page embeds, at the dotted paths the platform rules name."""
    found: dict[str, str] = {}
    for source in sources:
        element = soup.select_one(source["selector"])
        if element is None:
            continue
        try:
            data = json.loads(element.get_text())
        except ValueError:
            continue
        for field, path in source["fields"].items():
            value = data
            for key in path.split("."):
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, (str, int, float)) and str(value).strip():
                found.setdefault(field, str(value).strip())
    return found


def _read(element: Tag, attr: str | None) -> str:
    value = element.get(attr) if attr else element.get_text("\n", strip=True)
    return (value if isinstance(value, str) else " ".join(value or [])).strip()


def by_selectors(soup: BeautifulSoup, fields: dict[str, list[dict]]) -> dict[str, str]:
    """Values at the platform's CSS selectors; the first selector that matches wins."""
    found: dict[str, str] = {}
    for field, selectors in fields.items():
        for rule in selectors:
            element = soup.select_one(rule["selector"])
            if element is not None and (value := _read(element, rule.get("attr"))):
                found[field] = value
                break
    return found


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
    found = by_labels(soup, label_table(rules))
    selectable = len(soup.find_all(True, limit=MAX_ELEMENTS_FOR_SELECTORS + 1)) <= MAX_ELEMENTS_FOR_SELECTORS
    if selectable:
        for field, value in by_json(soup, platform_rules["json_sources"]).items():
            found.setdefault(field, value)
        for field, value in by_selectors(soup, platform_rules["fields"]).items():
            found.setdefault(field, value)
    if "inquiry.message" not in found:  # no label or selector: the inquiry area's own text is the message
        areas = platform_rules["inquiry_area"] if selectable else []
        area = next((el for rule in areas if (el := soup.select_one(rule["selector"]))), soup)
        text = area.get_text("\n", strip=True)
        if text:
            found["inquiry.message"] = text
    result: dict = {"platform": platform, "inquiry": {"links": [], "attachments": []}, "buyer": {}}
    for field, value in found.items():
        part, name = field.split(".", 1)
        result[part][name] = value[:MAX_TEXT]
    hrefs = (a.get("href") for a in soup.find_all("a", href=True))
    result["inquiry"]["links"] = list(dict.fromkeys(h.strip() for h in hrefs if isinstance(h, str) and h.strip()))[:MAX_LINKS]
    result["found"] = sorted(found) + (["inquiry.links"] if result["inquiry"]["links"] else [])
    return result


def stage(state: dict, env) -> dict:
    """Fill the fields the request lacks from its `html`; what the request gave is kept."""
    if not (state.get("html") or "").strip():
        return state
    fields = extract_fields(env.rules, state["platform"], state["html"])
    for part in ("inquiry", "buyer"):
        for name, value in fields[part].items():
            if not state[part].get(name):
                state[part][name] = value
    return state
