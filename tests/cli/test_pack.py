"""`inquiry-lens pack`: the store zip holds exactly what the manifest references plus the rules the
worker fetches and the locales; no Python, tests, READMEs or the manifest's key."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from inquiry_lens.cli import pack as pack_command
from inquiry_lens.cli.main import main
from tests.paths import REPO


@pytest.fixture(scope="module")
def packed(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("pack") / "extension.zip"
    assert main(["pack", "--out", str(out)]) == 0
    return zipfile.ZipFile(out)


def referenced() -> set[str]:
    """manifest.json, the locales, what the manifest and its options page name, and the worker's rules."""
    manifest = json.loads((REPO / "manifest.json").read_text(encoding="utf-8"))
    names = {"manifest.json", *manifest["background"]["scripts"], manifest["background"]["service_worker"]}
    names |= {name for entry in manifest["content_scripts"] for name in entry["js"]}
    page = manifest["options_ui"]["page"]
    names.add(page)
    for ref in re.findall(r'(?:src|href)="([^"]+)"', (REPO / page).read_text(encoding="utf-8")):
        names.add(pack_command.normalise(f"{Path(page).parent.as_posix()}/{ref}"))
    worker = (REPO / manifest["background"]["service_worker"]).read_text(encoding="utf-8")
    rules = re.search(r"const RULE_FILES = \[(.*?)\];", worker, re.S).group(1)
    names |= {f"shared_rules/{name}" for name in re.findall(r'"([^"]+)"', rules)}
    names |= {p.relative_to(REPO).as_posix() for p in (REPO / "_locales").glob("*/messages.json")}
    return names


def test_the_zip_holds_exactly_the_referenced_files(packed):
    assert set(packed.namelist()) == referenced()
    assert len(packed.namelist()) == len(set(packed.namelist()))


def test_the_zip_holds_no_python_tests_or_docs(packed):
    for name in packed.namelist():
        assert not name.endswith((".py", ".md", ".pyc")), name
        assert not name.startswith(("tests/", "backend/", "bench/")) and "/tests/" not in name, name
        assert "schemas/" not in name, name


def test_every_extension_code_file_is_shipped(packed):
    """A file in extension/ that the zip leaves out is dead or forgotten in the manifest."""
    shipped = set(packed.namelist())
    for path in (REPO / "extension").rglob("*"):
        if path.is_file() and path.suffix in {".js", ".html", ".css"}:
            assert path.relative_to(REPO).as_posix() in shipped, path


def test_the_packed_manifest_drops_only_the_key(packed):
    original = json.loads((REPO / "manifest.json").read_text(encoding="utf-8"))
    shipped = json.loads(packed.read("manifest.json"))
    assert "key" not in shipped
    assert shipped == {k: v for k, v in original.items() if k != "key"}


def test_the_files_are_byte_for_byte_the_checkout(packed):
    for name in packed.namelist():
        if name != "manifest.json":
            assert packed.read(name) == (REPO / name).read_bytes(), name


def test_packing_twice_gives_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    pack_command.build(REPO, first)
    pack_command.build(REPO, second)
    assert first.read_bytes() == second.read_bytes()


def test_outside_a_checkout_it_says_so(tmp_path, capsys):
    assert main(["pack", "--root", str(tmp_path), "--out", str(tmp_path / "x.zip")]) == 2
    assert "checkout" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
