"""The repository stands on its own: a fresh clone runs every test, nothing reads a folder beside the
checkout (the old ../shared), and the design is cited where it lives, docs/ARCHITECTURE.md."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.paths import EXAMPLES, REPO

THIS = Path(__file__).resolve()
# Folders that are built, installed or cached, never part of the repository (as .gitignore says).
NOT_OURS = {".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", ".pytest_cache", ".hypothesis"}
# A path through "../shared" (a word of its own, not shared_rules), with what surrounds it up to a space or quote.
UP_TO_SHARED = re.compile(r"[\w.~/-]*\.\./shared(?![\w-])[\w./-]*")
# The same folder built in Python: `REPO.parent / "shared"`, `parents[2] / "shared"`.
PARENT_SHARED = re.compile(r"\.parents?(?:\[\d+\])?\s*/\s*[\"']shared[\"']")


def repository_files() -> list[Path]:
    """Tracked files and new ones not ignored (git), or, in a copy without .git, every file outside
    the built and installed folders."""
    if (REPO / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                                capture_output=True, check=True).stdout.decode("utf-8").split("\0")
        return sorted({REPO / name for name in listed if name and (REPO / name).is_file()})
    found = []
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [s for s in subfolders if s not in NOT_OURS and not s.endswith(".egg-info")
                         and Path(folder, s) != REPO / "bench" / "results"]
        found += [Path(folder, name) for name in files if not name.endswith((".pyc", ".mmdb"))]
    return sorted(found)


def text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="ignore")


def points_into_the_repository(path: Path, reference: str) -> bool:
    """`extension/options/options.html` loading `../shared/i18n.js` means extension/shared/i18n.js: a
    relative path that lands on a file of the repository, read from the file's folder or from the root."""
    for base in (path.parent, REPO):
        target = Path(os.path.normpath(base / reference))
        if target.is_relative_to(REPO) and target.exists():
            return True
    return False


def test_the_files_are_found():
    files = repository_files()
    assert REPO / "README.md" in files and THIS in files and len(files) > 100


def test_nothing_reads_a_folder_beside_the_checkout():
    offenders = []
    for path in repository_files():
        if path == THIS:
            continue
        text = text_of(path)
        for line_number, line in enumerate(text.splitlines(), 1):
            outside = [m for m in UP_TO_SHARED.findall(line) if not points_into_the_repository(path, m)]
            if outside or PARENT_SHARED.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{line_number}: {line.strip()[:120]}")
    assert not offenders, "read from tests/data or cite docs/ARCHITECTURE.md instead:\n" + "\n".join(offenders)


def test_the_design_is_cited_as_docs_architecture():
    offenders = [f"{path.relative_to(REPO)}:{n}: {line.strip()[:120]}"
                 for path in repository_files() if path != THIS
                 for n, line in enumerate(text_of(path).splitlines(), 1) if "DESIGN.md" in line]
    assert not offenders, "the design lives in docs/ARCHITECTURE.md:\n" + "\n".join(offenders)


def test_the_example_inquiries_are_in_the_repository():
    names = sorted(p.name for p in EXAMPLES.glob("*.json"))
    assert len(names) == 12 and (EXAMPLES / "README.md").is_file()
    for category in ("clear_intent", "potential", "no_clear_target", "spam"):
        assert [n for n in names if n.startswith(category + "_")], category
