"""`inquiry-lens pack`: the browser-extension zip for the stores, built from a checkout.

The zip holds exactly what the browser loads: manifest.json, the _locales, the files the manifest
names (and the scripts and styles its pages name), and the shared_rules files the service worker
fetches. The manifest's `key` (which pins the unpacked extension's ID) is left out: the stores
assign their own and the Chrome Web Store refuses a manifest that carries one.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

HELP = "build the browser-extension zip for the stores (from a checkout)"
CHECKOUT = Path(__file__).resolve().parents[3]
WORKER = "extension/background/service_worker.js"
# Entries get one fixed time so the same checkout always gives the same bytes.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class PackError(Exception):
    """The checkout cannot be packed (missing files, no manifest)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, help="the zip to write (default: dist/inquiry-lens-extension-<version>.zip "
                                                 "in the checkout)")
    parser.add_argument("--root", type=Path, default=CHECKOUT, help="the checkout to pack (default: this one)")


class PageRefs(HTMLParser):
    """The local files an extension page loads: <script src>, <link href>, <img src>."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        value = dict(attrs).get(wanted) if wanted else None
        if value and not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
            self.refs.append(value)


def rule_files(root: Path) -> list[str]:
    """The shared_rules files the worker fetches, read from its RULE_FILES list (one source of truth)."""
    source = (root / WORKER).read_text(encoding="utf-8")
    match = re.search(r"const RULE_FILES = \[(.*?)\];", source, re.S)
    if not match:
        raise PackError(f"{WORKER} has no RULE_FILES list")
    return [f"shared_rules/{name}" for name in re.findall(r'"([^"]+)"', match.group(1))]


def page_files(root: Path, page: str) -> list[str]:
    """An extension page and what it loads, as paths from the root."""
    parser = PageRefs()
    parser.feed((root / page).read_text(encoding="utf-8"))
    folder = Path(page).parent
    return [page] + [(folder / ref).as_posix() for ref in parser.refs]


def manifest_files(root: Path, manifest: dict) -> list[str]:
    """Every file the manifest names, directly or through its pages."""
    files: list[str] = []
    background = manifest.get("background", {})
    files += background.get("scripts", [])
    if "service_worker" in background:
        files.append(background["service_worker"])
    for entry in manifest.get("content_scripts", []):
        files += entry.get("js", []) + entry.get("css", [])
    for key in ("options_ui", "action"):
        page = manifest.get(key, {}).get("page") or manifest.get(key, {}).get("default_popup")
        if page:
            files += page_files(root, page)
    files += manifest.get("icons", {}).values()
    return files


def normalise(path: str) -> str:
    """`extension/options/../shared/i18n.js` → `extension/shared/i18n.js`."""
    parts: list[str] = []
    for part in path.replace("\\", "/").split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def pack_files(root: Path) -> tuple[dict, list[str]]:
    """The manifest and the sorted list of files the zip holds besides manifest.json."""
    if not (root / "manifest.json").is_file():
        raise PackError(f"{root} has no manifest.json: run `inquiry-lens pack` in a checkout of the repository")
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    files = {normalise(p) for p in manifest_files(root, manifest) + rule_files(root)}
    files |= {p.relative_to(root).as_posix() for p in (root / "_locales").glob("*/messages.json")}
    missing = sorted(p for p in files if not (root / p).is_file())
    if missing:
        raise PackError("files the extension needs are missing: " + ", ".join(missing))
    return manifest, sorted(files)


def build(root: Path, out: Path) -> list[str]:
    """Write the zip; return the names it holds."""
    manifest, files = pack_files(root)
    store_manifest = {key: value for key, value in manifest.items() if key != "key"}
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [("manifest.json", (json.dumps(store_manifest, indent=2, ensure_ascii=False) + "\n").encode())]
        entries += [(name, (root / name).read_bytes()) for name in files]
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return [name for name, _ in entries]


def run(args: argparse.Namespace, config: dict) -> int:
    """Build the zip and say where it is; 2 with one line when the checkout cannot be packed."""
    root = args.root.resolve()
    try:
        if not (root / "manifest.json").is_file():
            raise PackError(f"{root} has no manifest.json: run `inquiry-lens pack` in a checkout of the repository")
        version = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["version"]
        out = args.out or root / "dist" / f"inquiry-lens-extension-{version}.zip"
        names = build(root, out)
    except (OSError, ValueError, KeyError, PackError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    sys.stdout.write(f"{out} ({len(names)} files)\n")
    return 0
