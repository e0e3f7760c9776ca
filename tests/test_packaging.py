"""The wheel carries shared_rules, and the installed (non-editable) package finds and serves them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.servers import free_port


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(REPO)], check=True, capture_output=True)
    return next(out.glob("inquiry_lens-*.whl"))


def test_the_wheel_holds_every_rules_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "shared_rules").rglob("*.json"):
        assert f"inquiry_lens/shared_rules/{path.relative_to(REPO / 'shared_rules').as_posix()}" in names, path


def test_the_installed_wheel_serves_health_with_its_rules(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    environment = {**os.environ, "PYTHONPATH": str(target), "INQUIRY_LENS_DATA_DIR": str(tmp_path / "data")}
    located = subprocess.run([sys.executable, "-c", "import inquiry_lens.rules as r; print(r.default_root())"],
                             cwd=tmp_path, env=environment, capture_output=True, text=True, check=True)
    assert Path(located.stdout.strip()).is_relative_to(target), "the installed copy must read its own rules"
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "inquiry_lens", "serve", "--port", str(port)], cwd=tmp_path,
                              env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body = None
        deadline = time.monotonic() + 15  # a wait, not a budget: bench/http.py measures start to first 200
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1) as response:
                    body = json.loads(response.read())
                    break
            except OSError:
                time.sleep(0.02)
        assert body and body["status"] == "ok" and len(body["rules_version"]) == 16
    finally:
        server.terminate()
        server.wait(timeout=10)
