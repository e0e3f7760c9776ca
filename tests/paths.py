"""Where the tests find the repository and their data: every path a test reads is built from these."""
from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
RULES = REPO / "shared_rules"  # the rules folder the extension and the backend both read
PACKAGE = REPO / "backend" / "inquiry_lens"
DATA = TESTS / "data"  # fixed inputs: an old history file, the example inquiries
EXAMPLES = DATA / "examples"  # twelve hand-written inquiries with the verdict they should get (README.md there)
LABELLED = TESTS / "labelled_set"  # the 106 labelled inquiries of issue 4 (README.md there)
JS = TESTS / "js"  # Node tools for the tests: ESLint, jsdom
