"""The programs outside Python that some tests drive: Node.js, the npm tools in tests/js (jsdom) and
tests/e2e/tools (web-ext), and Chromium. Each `*_missing()` answers None when the tool is there, else
the one-line reason naming what is missing and the command that installs it; `need` skips on it.

    INQUIRY_LENS_CHROMIUM=/path/to/chromium   use another Chromium binary than /usr/bin/chromium
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from tests.paths import JS, REPO, TESTS

CHROMIUM = os.environ.get("INQUIRY_LENS_CHROMIUM") or "/usr/bin/chromium"
E2E_TOOLS = TESTS / "e2e" / "tools"
NODE_MAJOR = 20  # jsdom, ESLint and web-ext need Node 20 (tests/js/package.json: engines)
INSTALL_NODE = "install Node.js 20+ with npm (Debian: `sudo apt-get install nodejs npm`)"


def need(reason: str | None) -> None:
    """Skip the calling test with `reason` when a tool is missing; fail instead in CI (CI is set),
    where .ci/run installs every tool."""
    if reason is None:
        return
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: .ci/run installs it)")
    pytest.skip(reason)


@cache
def node_missing() -> str | None:
    node = shutil.which("node")
    if node is None:
        return f"Node.js is not on PATH: {INSTALL_NODE}"
    try:
        version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
        major = int(version.lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.SubprocessError):
        return f"{node} does not run as Node.js: {INSTALL_NODE}"
    if major < NODE_MAJOR:
        return f"Node.js {version} at {node} is too old: {INSTALL_NODE}"
    return None


def npm_package_missing(folder: Path, package: str) -> str | None:
    """Node, then `package` installed from `folder`'s lockfile."""
    if reason := node_missing():
        return reason
    where = folder.relative_to(REPO).as_posix()
    if not (folder / "node_modules" / package / "package.json").is_file():
        return f"{package} is not installed in {where}/node_modules: run `npm ci --prefix {where}`"
    return None


def jsdom_missing() -> str | None:
    return npm_package_missing(JS, "jsdom")


def web_ext_missing() -> str | None:
    return npm_package_missing(E2E_TOOLS, "web-ext")


def chromium_missing() -> str | None:
    if not Path(CHROMIUM).is_file():
        return (f"Chromium is not at {CHROMIUM}: run `sudo apt-get install chromium` "
                "(or point INQUIRY_LENS_CHROMIUM at a Chromium binary)")
    if importlib.util.find_spec("playwright") is None:
        return "Playwright's Python package is not installed: run `python -m pip install -e \".[test]\"`"
    return None
