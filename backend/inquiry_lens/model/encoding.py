"""JSON out, one way for the web layer and the CLI: UTF-8, times as ISO 8601, through orjson."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS


def _iso(value: Any) -> Any:
    if isinstance(value, date):  # orjson writes datetimes itself; this catches subclasses it does not
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def to_json(data: Any, indent: bool = False) -> bytes:
    """UTF-8 JSON bytes. A lone surrogate, which UTF-8 cannot carry, falls back to \\u escapes."""
    try:
        return orjson.dumps(data, default=_iso, option=_OPTIONS | (orjson.OPT_INDENT_2 if indent else 0))
    except orjson.JSONEncodeError:
        text = json.dumps(data, ensure_ascii=True, default=_iso, indent=2 if indent else None)
        return text.encode("ascii")


def to_json_text(data: Any, indent: bool = False) -> str:
    return to_json(data, indent).decode("utf-8")
