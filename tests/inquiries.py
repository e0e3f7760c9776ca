"""The inquiries the tests send: the example inquiries in tests/data/examples and the labelled set."""
from __future__ import annotations

import json
from pathlib import Path

from tests.paths import EXAMPLES, LABELLED


def example_files() -> list[Path]:
    """The example inquiries in tests/data/examples, in file-name order."""
    return sorted(EXAMPLES.glob("*.json"))


def load_example(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def labelled_files() -> list[Path]:
    """The labelled inquiries in tests/labelled_set, in file-name order."""
    return sorted(LABELLED.glob("[0-9][0-9][0-9]_*.json"))


def labelled_path(prefix: str) -> Path:
    """The labelled file whose name starts with `prefix` ("030" → 030_potential_….json)."""
    return next(LABELLED.glob(f"{prefix}_*.json"))


def labelled(prefix: str) -> dict:
    """The request of one labelled file, to be stored."""
    request = json.loads(labelled_path(prefix).read_text(encoding="utf-8"))["request"]
    return {**request, "store": True}
