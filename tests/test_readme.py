"""The README's two set-up commands, and CI running exactly the test one."""
from __future__ import annotations

import re

from tests.paths import REPO


def readme_commands() -> list[str]:
    return re.findall(r"```\n(.+?)\n```", (REPO / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_exactly_two_set_up_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert "inquiry-lens serve" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci
