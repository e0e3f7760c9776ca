"""`inquiry-lens triage`: CSV exports (English and Chinese headers), folders of inquiry files, bad
rows skipped with their line, the sorted table, and the CSV and HTML reports."""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from inquiry_lens.cli.main import main
from inquiry_lens.config import default_config
from inquiry_lens.history.store import open_store
from inquiry_lens.model.state import Env
from inquiry_lens.service.analysis import Effects
from inquiry_lens.triage.batch import triage, triage_parallel
from inquiry_lens.triage.report import render_html
from inquiry_lens.triage.sources import collect, header_key, parse_time
from tests.inquiries import labelled_path

CHINESE_HEADERS = ["询盘时间", "姓名", "公司名称", "邮箱", "电话", "国家/地区", "主题", "询盘内容"]
ROWS = [
    ["2026-11-20 09:12", "Matt Kowalczyk", "Brightline Home LLC", "matt@brightlinehome.com", "+1 614 829 3307", "美国",
     "COB LED strip 24V quote", "Please quote 1,200 rolls of 24V COB strip, CRI 90+, UL adapter, retail box. "
     "Price at 1,200 and 3,000 rolls and lead time after deposit?"],
    ["2026/11/21 10:00", "Sam", "", "freesamples4u@gmail.com", "", "Nigeria", "Dear Sir",
     "Kindly send free samples of all your products, we do not pay the shipping."],
    ["2026年11月22日", "Jenny", "Lumen Trading", "jenny@lumen-trading.co.uk", "", "英国", "Catalogue",
     "Hello, please send me your catalogue and price list."],
]


def write(path: Path, headers: list[str], rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture
def run_env(rules, tmp_path):
    """The analysis environment and the history triage writes to."""
    store = open_store(tmp_path / "history.sqlite3", rules)
    yield Env(rules=rules), Effects(store=store)
    store.close()


def test_a_chinese_csv_export_is_read_by_its_headers_and_sorted(tmp_path, rules, run_env):
    export = write(tmp_path / "询盘导出.csv", CHINESE_HEADERS, ROWS)
    outcome = triage(collect([str(export)], rules), *run_env)
    assert not outcome.problems
    assert [r["priority"] for r in outcome.rows] == ["reply_now", "template", "do_not_engage"]  # spam last
    first = outcome.rows[0]
    assert (first["name"], first["company"], first["country"], first["line"]) == \
        ("Matt Kowalczyk", "Brightline Home LLC", "US", 2)
    assert first["email"] == "matt@brightlinehome.com" and first["phone"] == "+16148293307"


def test_a_gbk_export_with_english_headers_is_read_too(tmp_path, rules, run_env):
    headers = ["Date", "Contact Name", "Company Name", "E-mail Address", "Country/Region", "Subject", "Inquiry Content"]
    rows = [[r[0], r[1], r[2], r[3], r[5], r[6], r[7]] for r in ROWS]
    chinese = write(tmp_path / "gbk.csv", CHINESE_HEADERS, ROWS, encoding="gbk")
    english = write(tmp_path / "en.csv", headers, rows)
    for export in (chinese, english):
        outcome = triage(collect([str(export)], rules), *run_env)
        assert len(outcome.rows) == 3 and not outcome.problems, export
        assert {r["country"] for r in outcome.rows} == {"US", "NG", "GB"}


def test_a_malformed_row_is_reported_with_its_line_and_skipped(tmp_path, rules, run_env):
    export = tmp_path / "broken.csv"
    export.write_text(
        "姓名,邮箱,询盘内容\n"
        'Anna,anna@kovac-trade.hr,"Please quote 300 helmets,\nEN 1078, two colours"\n'   # lines 2-3
        'Bad,"bad@x.com"oops,"quote please"\n'                                            # line 4: broken quote
        "Empty,empty@x.com,\n"                                                             # line 5: no message
        "Extra,extra@x.com,quote 5 pcs,surplus,cells\n"                                    # line 6: too many cells
        "Omar,omar@haddad-trading.ae,Need price for 40HQ of tiles\n",                      # line 7
        encoding="utf-8")
    outcome = triage(collect([str(export)], rules), *run_env)
    assert sorted(r["line"] for r in outcome.rows) == [2, 7]
    lines = {where.rsplit(":", 1)[1]: why for where, why in outcome.problems}
    assert set(lines) == {"4", "5", "6"}
    assert "malformed" in lines["4"] and "no message" in lines["5"] and "5 cells" in lines["6"]


def test_a_file_without_a_message_column_is_one_problem(tmp_path, rules, run_env):
    export = write(tmp_path / "contacts.csv", ["Name", "Email"], [["Anna", "anna@x.com"]])
    outcome = triage(collect([str(export)], rules), *run_env)
    assert outcome.rows == [] and "no message or subject column" in outcome.problems[0][1]


def test_a_folder_of_inquiry_files_and_a_csv_together(tmp_path, rules, run_env):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    for prefix in ("001", "030", "074"):
        shutil.copy(labelled_path(prefix), folder / f"{prefix}.json")
    (folder / "sub" / "mail.eml").write_bytes(
        b"From: Juan Perez <juan@ferreteria-perez.mx>\r\nSubject: Quotation for 2000 pcs hinge H-35\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease quote FOB Ningbo for 2000 pcs, 304 stainless.\r\n")
    (folder / "page.html").write_text("<html><body><p>Email: li@example.cn</p><p>Message: Need 500 LED panels, CE.</p>"
                                      "</body></html>", encoding="utf-8")
    (folder / "pasted.txt").write_text("Name: Omar\nEmail: omar@haddad-trading.ae\nMessage: price for tiles\n",
                                       encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"ignored")
    export = write(tmp_path / "export.csv", CHINESE_HEADERS, ROWS[:1])
    outcome = triage(collect([str(folder), str(export)], rules), *run_env)
    assert len(outcome.rows) == 7
    assert [Path(w).name for w, _ in outcome.problems] == ["broken.json"]
    assert outcome.rows[-1]["priority"] == "do_not_engage"


def test_store_records_and_finds_the_same_buyer_twice_in_one_file(tmp_path, rules, run_env):
    export = write(tmp_path / "export.csv", CHINESE_HEADERS,
                   [ROWS[0], [*ROWS[0][:3], "MATT@BrightlineHome.com", "", "", "Re: COB strip", "Any news on the quote?"]])
    looked = triage(collect([str(export)], rules), *run_env)
    assert all(r["id"] is None for r in looked.rows) and run_env[1].store.search({}, 5, 0)[1] == 0
    saved = triage(collect([str(export)], rules), *run_env, store=True)
    assert all(r["id"] for r in saved.rows) and run_env[1].store.search({}, 5, 0)[1] == 2
    second = next(r for r in saved.rows if r["line"] == 3)
    assert second["duplicates"] == 1 and second["matched_on"] == "email"


HOSTILE = '<img src=x onerror=alert(1)>"\'&'


def test_the_html_report_is_self_contained_and_escapes_every_inquiry_string(tmp_path, rules, run_env):
    rows = [["2026-11-20", HOSTILE, '"><svg onload=alert(2)>', "x@evil.example", "", "<b>US</b>",
             "</script><script>alert(3)</script>", "quote 5 pcs <iframe src=//evil.example>"], *ROWS]
    outcome = triage(collect([str(write(tmp_path / "e.csv", CHINESE_HEADERS, rows))], rules), *run_env)
    page = render_html(outcome, rules["display_names"], "zh")
    for raw in ("<img", "<svg onload", "<script>alert", "<iframe", "onerror=alert(1)>\"", "<b>US"):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;" in page
    assert page.count("<script>") == 1 and "Content-Security-Policy" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "no external resource"
    assert re.search(r"<svg[^>]*>.*<rect", page), "a chart of the counts"
    assert 'class="badge red"' in page and 'class="badge green"' in page


def test_the_command_writes_both_reports_and_names_skipped_lines(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    export = write(tmp_path / "export.csv", CHINESE_HEADERS,
                   [*ROWS, ["x", "=cmd|' /C calc'!A0", "", "", "", "", "", ""]])
    out_csv, out_html = tmp_path / "sorted.csv", tmp_path / "report.html"
    code = main(["--data-dir", str(tmp_path / "data"), "triage", str(export), "--csv", str(out_csv),
                 "--html", str(out_html), "--lang", "en", "--no-progress"])
    assert code == 0
    captured = capsys.readouterr()
    assert "Matt Kowalczyk" in captured.out and "Reply now" in captured.out
    assert "export.csv:5" in captured.err and "3 analysed, 1 skipped" in captured.err
    with open(out_csv, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["priority"] for r in table] == ["reply_now", "template", "do_not_engage"]
    assert table[0]["phone"].startswith("'+"), "a cell a spreadsheet would run as a formula is quoted"
    assert out_html.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_nothing_analysable_exits_2(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "data"), "triage", str(tmp_path / "missing.csv"), "--no-progress"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_worker_processes_give_the_same_rows(tmp_path, rules, run_env):
    export = write(tmp_path / "export.csv", CHINESE_HEADERS, ROWS * 4)
    single = triage(collect([str(export)], rules), *run_env)
    config = {**default_config(), "DATA_DIR": tmp_path / "data"}
    parallel = triage_parallel(list(collect([str(export)], rules)), config, jobs=2)

    def strip(rows):
        return [{k: v for k, v in r.items() if k not in ("duplicates", "duplicate_of", "matched_on")} for r in rows]

    assert strip(parallel.rows) == strip(single.rows)


@pytest.mark.parametrize("text, expected", [
    ("2026-11-26 09:12", "2026-11-26T09:12:00"), ("2026/11/26 09:12:33", "2026-11-26T09:12:33"),
    ("2026.11.26", "2026-11-26T00:00:00"), ("2026年11月26日 09:12", "2026-11-26T09:12:00"),
    ("2026-11-26T09:12:00Z", "2026-11-26T09:12:00+00:00"), ("yesterday", None), ("26/11/2026", None),
])
def test_dates_as_exports_write_them(text, expected):
    assert parse_time(text) == expected


def test_no_header_name_is_listed_for_two_fields(rules):
    seen: dict[str, str] = {}
    for field, names in rules["csv_columns"]["columns"].items():
        for name in names:
            key = header_key(name)
            assert seen.setdefault(key, field) == field, f"{name!r} is listed for {seen[key]} and {field}"


def test_the_benchmark_reports_a_triage_rate(tmp_path):
    from bench.triage import measure_triage

    figures = measure_triage(tmp_path, rows=100)
    assert figures["triage_look_up_per_s"] > 0 and figures["triage_look_up_skipped"] == 0
    json.dumps(figures)


def test_triage_runs_every_verdict_stage_but_writes_no_reply():
    from inquiry_lens.analysis.pipeline import STAGES, TRIAGE_STAGES
    from inquiry_lens.reply import reply_draft, reply_tips, research_links

    writing = {reply_tips.stage, reply_draft.stage, research_links.stage}
    assert set(TRIAGE_STAGES) == set(STAGES) - writing
    assert [s for s in STAGES if s not in writing] == list(TRIAGE_STAGES)  # same order
