"""Mozilla's linter (`web-ext lint`) finds no errors in the zip `inquiry-lens pack` builds.

web-ext comes from the npm registry into tests/e2e/tools/node_modules (`npm ci --prefix
tests/e2e/tools`, which .ci/run does); without it, or without Node.js, the test skips (the `web_ext`
fixture), except in CI where it fails."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from tests.e2e.harness import record


def test_web_ext_lint_reports_no_errors_on_the_packed_extension(tmp_path, web_ext):
    archive = tmp_path / "extension.zip"
    subprocess.run([sys.executable, "-m", "inquiry_lens", "pack", "--out", str(archive)], check=True,
                   capture_output=True, text=True)
    source = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as packed:
        packed.extractall(source)  # web-ext lints a folder: this one holds exactly what the zip holds

    run = subprocess.run([str(web_ext), "lint", "--source-dir", str(source), "--output", "json", "--no-config-discovery"],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout[run.stdout.index("{"):])
    for warning in report["warnings"]:
        print(f"web-ext warning {warning['code']}: {warning['message']} ({warning.get('file')})")
    record("web_ext_lint", "errors/warnings/notices",
           f"{len(report['errors'])}/{len(report['warnings'])}/{len(report['notices'])}")
    assert report["errors"] == [], report["errors"]
