"""The extension's manifest: MV3 for Chrome and Firefox from one file, minimal permissions, a content
script for every platform's URL patterns, every file it names present, UI texts in both locales,
and no code path that turns strings into HTML or code."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.paths import REPO

MANIFEST = json.loads((REPO / "manifest.json").read_text(encoding="utf-8"))
PLATFORMS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "shared_rules/platforms").glob("*.json"))]
LOCALES = {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in (REPO / "_locales").glob("*/messages.json")}
CODE_FILES = sorted(p for p in (REPO / "extension").rglob("*") if p.suffix in {".js", ".html", ".css", ".json"})



def extension_id(key_b64: str) -> str:
    """Chrome's ID for a manifest key: the SHA-256 of the public key, first 32 hex digits as a–p."""
    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_the_manifest_is_mv3_with_its_name_from_the_locales():
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["default_locale"] == "zh_CN"
    for field in ("name", "description"):
        key = re.fullmatch(r"__MSG_(\w+)__", MANIFEST[field]).group(1)
        assert all(key in messages for messages in LOCALES.values()), field
    assert re.fullmatch(r"\d+\.\d+\.\d+", MANIFEST["version"])


def test_the_key_is_a_public_key_only_and_its_id_is_the_documented_one():
    der = base64.b64decode(MANIFEST["key"], validate=True)
    assert der[:2] == b"\x30\x82" and b"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01" in der[:32], "an RSA SubjectPublicKeyInfo"
    assert len(der) < 600, "a private key is far longer: only the public key belongs here"
    assert extension_id(MANIFEST["key"]) in (REPO / "extension/README.md").read_text(encoding="utf-8")


def test_one_background_serves_chrome_and_firefox():
    background = MANIFEST["background"]
    assert background["service_worker"] == "extension/background/service_worker.js"
    assert background["scripts"] == ["extension/background/backend_client.js", background["service_worker"]]
    gecko = MANIFEST["browser_specific_settings"]["gecko"]
    assert gecko["id"] and re.fullmatch(r"\d+\.\d+", gecko["strict_min_version"])


def test_permissions_are_the_minimal_set():
    assert sorted(MANIFEST["permissions"]) == sorted(["storage", "contextMenus", "activeTab", "scripting"])
    loopback = {"http://127.0.0.1/*", "http://localhost/*"}
    hosts = set(MANIFEST["host_permissions"])
    assert loopback <= hosts
    # The platforms' hosts, besides the loopback ones (the demo pages) that the backend's entries cover.
    platform_hosts = {u for p in PLATFORMS for u in p["url_patterns"] if not u.startswith(("http://127.0.0.1/", "http://localhost/"))}
    assert hosts - loopback == platform_hosts
    assert "<all_urls>" not in json.dumps(MANIFEST)
    for absent in ("web_accessible_resources", "content_security_policy", "externally_connectable"):
        assert absent not in MANIFEST, absent


@pytest.mark.parametrize("platform", [p for p in PLATFORMS if p["url_patterns"]], ids=lambda p: p["id"])
def test_content_scripts_cover_every_platform_pattern_with_its_frames_setting(platform):
    for pattern in platform["url_patterns"]:
        entries = [e for e in MANIFEST["content_scripts"] if pattern in e["matches"]]
        assert entries, f"{pattern} has no content script: add it to manifest.json's content_scripts"
        assert all(e.get("all_frames", False) == platform["all_frames"] for e in entries), pattern


def test_content_scripts_load_in_the_documented_order():
    order = MANIFEST["content_scripts"][0]["js"]
    assert all(entry["js"] == order for entry in MANIFEST["content_scripts"])
    assert order[:2] == ["extension/shared/i18n.js", "extension/shared/dom.js"] and order[-1] == "extension/content/main.js"
    assert order.index("extension/content/sidebar_style.js") < order.index("extension/content/sidebar.js")
    readme = (REPO / "extension/README.md").read_text(encoding="utf-8")
    positions = [readme.find(f"`{name.removeprefix('extension/')}`") for name in order]
    assert -1 not in positions and positions == sorted(positions), "extension/README.md lists them in load order"


def test_commands_and_options_page():
    command = MANIFEST["commands"]["toggle-sidebar"]
    assert command["suggested_key"]["default"] and command["description"].startswith("__MSG_")
    assert MANIFEST["options_ui"]["page"] == "extension/options/options.html"


def named_files() -> list[str]:
    background = MANIFEST["background"]
    files = [background["service_worker"], *background["scripts"], MANIFEST["options_ui"]["page"]]
    files += [name for entry in MANIFEST["content_scripts"] for name in entry["js"] + entry.get("css", [])]
    options = (REPO / MANIFEST["options_ui"]["page"]).read_text(encoding="utf-8")
    folder = Path(MANIFEST["options_ui"]["page"]).parent
    files += [(folder / ref).as_posix() for ref in re.findall(r'(?:src|href)="([^"]+)"', options)]
    return files


def test_every_file_the_manifest_names_exists_and_no_page_loads_remote_code():
    for name in named_files():
        assert (REPO / name).resolve().is_file(), name
    for page in (REPO / "extension").rglob("*.html"):
        assert not re.search(r'<script[^>]+src="(?:https?:)?//', page.read_text(encoding="utf-8")), page
        assert "<script>" not in page.read_text(encoding="utf-8"), f"{page}: inline script (MV3 forbids it)"


def test_both_locales_have_the_same_keys_and_every_key_the_code_uses():
    assert set(LOCALES) == {"zh_CN", "en"}
    assert set(LOCALES["zh_CN"]) == set(LOCALES["en"])
    used = set(re.findall(r"__MSG_(\w+)__", json.dumps(MANIFEST)))
    for path in CODE_FILES:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\("(\w+)"', text)) | set(re.findall(r'getMessage\("(\w+)"', text))
        used |= set(re.findall(r'data-i18n="(\w+)"', text))
    assert used - set(LOCALES["en"]) == set()
    for key, entry in LOCALES["en"].items():
        other = LOCALES["zh_CN"][key]
        assert set(entry.get("placeholders", {})) == set(other.get("placeholders", {})), key


FORBIDDEN = re.compile(r"innerHTML|outerHTML\s*=(?!=)|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\b")


@pytest.mark.parametrize("path", CODE_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_file_turns_strings_into_html_or_code(path):
    hits = [line for line in path.read_text(encoding="utf-8").splitlines() if FORBIDDEN.search(line)]
    assert hits == []
