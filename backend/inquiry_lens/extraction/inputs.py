"""Turns what a salesperson has at hand into an analyze request: a JSON body, a saved page,
an .eml message, or pasted text (a notification e-mail's labelled fields are found in it)."""
from __future__ import annotations

import html
import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

MAX_INPUT = 4 * 1024 * 1024


def without_lone_surrogates(value):
    """JSON may carry "\\ud83d" alone, which no UTF-8 answer can hold: such halves become U+FFFD,
    paired halves the character they make."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(key): without_lone_surrogates(item) for key, item in value.items()}
    return value


def parse_json(raw: bytes | str):
    """json.loads, with lone surrogate escapes made harmless (only searched for when present)."""
    data = json.loads(raw)
    probe = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
    return without_lone_surrogates(data) if b"\\ud" in probe.lower() else data


class InputError(ValueError):
    """The input cannot be read as an inquiry."""


def read_source(source: str) -> tuple[str, bytes]:
    """The name and bytes of a path, or of standard input for `-`."""
    import sys

    if source == "-":
        return "-", sys.stdin.buffer.read(MAX_INPUT + 1)
    path = Path(source)
    try:
        return path.name, path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None


def text_request(text: str, platform: str | None) -> dict:
    """Pasted text: its lines go through label extraction as a page would."""
    return {"platform": platform or "email", "html": f"<pre>{html.escape(text)}</pre>"}


def eml_request(raw: bytes) -> dict:
    """An e-mail message: subject, sender, date, the text (or HTML) body, attachment names."""
    message: EmailMessage = BytesParser(policy=policy.default).parsebytes(raw)
    name, address = parseaddr(str(message.get("From", "")))
    inquiry: dict = {"subject": str(message.get("Subject", "")) or None, "attachments": []}
    try:
        if message.get("Date"):
            inquiry["received_at"] = parsedate_to_datetime(str(message["Date"])).isoformat()
    except (TypeError, ValueError):
        pass
    request: dict = {"platform": "email", "inquiry": inquiry, "buyer": {"name": name or None}}
    if address and not address.endswith(("alibaba.com", "made-in-china.com", "globalsources.com")):
        request["buyer"]["email"] = address  # a platform's notification sender is not the buyer
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = body.get_content()
        if body.get_content_subtype() == "html":
            request["html"] = content
        else:
            request["html"] = f"<pre>{html.escape(content)}</pre>"
            inquiry["message"] = content
    inquiry["attachments"] = [{"name": part.get_filename()} for part in message.iter_attachments() if part.get_filename()]
    return request


def to_request(name: str, raw: bytes, platform: str | None = None) -> dict:
    """An analyze request body from a file's name and bytes."""
    if len(raw) > MAX_INPUT:
        raise InputError(f"{name} is over {MAX_INPUT // (1024 * 1024)} MiB; that is not one inquiry")
    lower = name.lower()
    if lower.endswith(".eml"):
        return eml_request(raw)
    text = raw.decode("utf-8", errors="replace")
    stripped = text.lstrip("\ufeff \t\r\n")
    if lower.endswith(".json") or stripped.startswith("{"):
        try:
            data = parse_json(stripped)
        except ValueError as exc:
            raise InputError(f"{name} is not valid JSON: {exc}") from None
        except RecursionError:
            raise InputError(f"{name}: the JSON is nested too deeply") from None
        if not isinstance(data, dict):
            raise InputError(f"{name}: a request body is a JSON object")
        # An example file ({"request", "expect", "why"}) holds its body under "request".
        return data["request"] if isinstance(data.get("request"), dict) and "expect" in data else data
    if lower.endswith((".html", ".htm")) or stripped[:200].lower().startswith(("<!doctype", "<html", "<div", "<body")):
        return {"platform": platform or "generic", "html": text}
    return text_request(text, platform)
