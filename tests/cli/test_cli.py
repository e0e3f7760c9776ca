"""`inquiry-lens analyze` and `doctor` as a user runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from inquiry_lens.cli.main import main
from tests.inquiries import example_files, load_example


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INQUIRY_LENS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "120")
    return tmp_path / "data"


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_analyze_prints_a_report_for_each_example(path, capsys):
    assert main(["analyze", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "score" in out and "priority" in out
    assert load_example(path)["expect"]["category"] in {"clear_intent", "potential", "no_clear_target", "spam"}


def test_analyze_json_prints_exactly_the_api_response(client, capsys):
    path = example_files()[0]
    assert main(["analyze", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    served = client.post("/api/v1/analyze", json=load_example(path)["request"]).get_json()
    printed.pop("elapsed_ms"), served.pop("elapsed_ms")
    assert printed == served


def test_analyze_reads_a_saved_page(tmp_path, capsys):
    page = tmp_path / "inquiry.html"
    page.write_text("<html><body><p>Email: anna@kovac-trade.hr</p><p>Message: Please quote 300 pcs of HM-52 helmets, "
                    "EN 1078.</p></body></html>", encoding="utf-8")
    assert main(["analyze", str(page), "--platform", "alibaba", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"]


def test_analyze_reads_an_eml_message(tmp_path, capsys):
    eml = tmp_path / "inquiry.eml"
    eml.write_bytes(b"From: Juan Perez <juan@ferreteria-perez.mx>\r\nTo: sales@example.cn\r\n"
                    b"Subject: Quotation for 2000 pcs hinge H-35\r\nDate: Thu, 26 Nov 2026 09:12:00 -0600\r\n"
                    b"Content-Type: text/plain; charset=utf-8\r\n\r\nDear Sir,\r\nplease quote FOB Ningbo for 2000 pcs.\r\n")
    assert main(["analyze", str(eml), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reply"]["priority"]


def test_analyze_reads_pasted_text_from_stdin(tmp_path):
    text = ("Name: Omar Haddad\nCompany: Haddad Trading LLC\nEmail: omar@haddad-trading.ae\n"
            "Message: Need price for 40HQ of tiles\n")
    result = subprocess.run([sys.executable, "-m", "inquiry_lens", "analyze", "-", "--json"], input=text,
                            capture_output=True, text=True, env={**os.environ}, check=True)
    assert json.loads(result.stdout)["reply"]["draft"]


def test_analyze_of_an_unreadable_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_analyze_of_a_body_with_a_wrong_type_names_the_field(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"inquiry": 5}', encoding="utf-8")
    assert main(["analyze", str(bad)]) == 2
    assert "inquiry" in capsys.readouterr().err


def test_doctor_reports_every_check_and_passes_on_a_good_install(capsys):
    code = main(["doctor", "--port", "1"])  # port 1 is privileged or free; either way it is reported
    out = capsys.readouterr().out
    for name in ("rules", "GeoIP", "data folder", "port", "versions"):
        assert name in out
    assert code == 0, out


def test_doctor_fails_with_a_fix_for_a_missing_geoip_database(tmp_path, capsys):
    assert main(["doctor", "--geoip-db", str(tmp_path / "nope.mmdb")]) == 1
    assert "FAIL" in capsys.readouterr().out
