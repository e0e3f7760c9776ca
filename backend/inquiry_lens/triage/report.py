"""Triage results as files: a CSV for spreadsheets and one self-contained HTML page (a sortable table
with colour badges, charts of the counts per category and country; no network, no CDN).

Every inquiry string is a stranger's: in HTML it is escaped, and the page's Content-Security-Policy
runs only this file's own script (by hash), so even a missed escape could not run anything. In CSV
a cell that a spreadsheet would read as a formula is prefixed with an apostrophe.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import html
from collections import Counter
from datetime import datetime
from pathlib import Path

CSV_COLUMNS = ("rank", "priority", "badge", "score", "level", "category", "subtype", "buyer_type", "country", "name",
               "company", "email", "phone", "subject", "product", "reply_by", "follow_up_on", "duplicates", "matched_on",
               "duplicate_of", "signals", "source", "line", "id")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CATEGORY_COLORS = {"clear_intent": "#2e7d32", "potential": "#1565c0", "no_clear_target": "#757575", "spam": "#c62828"}
TOP_COUNTRIES = 12


def _cell(value) -> str:
    if value is None:
        return ""
    text = " ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(rows: list[dict], path: Path) -> None:
    """Every row, in the triage order; UTF-8 with a BOM so Excel reads Chinese correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for rank, row in enumerate(rows, 1):
            writer.writerow([rank if c == "rank" else _cell(row.get(c)) for c in CSV_COLUMNS])


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def bar_chart(title: str, counts: list[tuple[str, int]], colors: dict[str, str] | None = None) -> str:
    """A horizontal bar chart as inline SVG."""
    top = max((n for _, n in counts), default=1) or 1
    height = 24 * len(counts) + 8
    bars = []
    for i, (label, count) in enumerate(counts):
        y = 4 + 24 * i
        width = max(2, round(260 * count / top))
        fill = (colors or {}).get(label, "#546e7a")
        bars.append(f'<text x="0" y="{y + 15}" class="lbl">{esc(label)}</text>'
                    f'<rect x="150" y="{y}" width="{width}" height="18" rx="3" fill="{fill}"></rect>'
                    f'<text x="{156 + width}" y="{y + 15}" class="num">{count}</text>')
    return (f'<figure><figcaption>{esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="460" '
            f'height="{height}" role="img" aria-label="{esc(title)}">{"".join(bars)}</svg></figure>')


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Microsoft YaHei",sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}.meta{color:#666;margin:0 0 16px}
.charts{display:flex;flex-wrap:wrap;gap:32px}figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg .lbl,svg .num{font-size:12px;fill:#333}
input{padding:6px 8px;width:320px;margin:16px 0 8px;border:1px solid #bbb;border-radius:4px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e5e5e5;padding:6px 8px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f5f5f5;position:sticky;top:0;user-select:none}th[data-dir=asc]::after{content:" ▲"}
th[data-dir=desc]::after{content:" ▼"}td.n{text-align:right}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:600;white-space:nowrap}
.green{background:#2e7d32}.amber{background:#ef8f00}.red{background:#c62828}.grey{background:#757575}
.small{color:#666;font-size:12px}.problems li{color:#8a5a00}
"""

SCRIPT = """
const body = document.querySelector("#rows tbody");
const heads = Array.from(document.querySelectorAll("#rows th"));
heads.forEach((th, i) => th.addEventListener("click", () => {
  const asc = th.dataset.dir !== "asc";
  heads.forEach(h => h.removeAttribute("data-dir"));
  th.dataset.dir = asc ? "asc" : "desc";
  const num = th.dataset.type === "num";
  const key = row => { const c = row.children[i]; const v = c.dataset.v !== undefined ? c.dataset.v : c.textContent;
                       return num ? parseFloat(v) : v; };
  const rows = Array.from(body.rows).sort((a, b) => {
    const x = key(a), y = key(b);
    const d = num ? (x - y) : String(x).localeCompare(String(y));
    return asc ? d : -d;
  });
  body.append(...rows);
}));
document.querySelector("#filter").addEventListener("input", e => {
  const q = e.target.value.trim().toLowerCase();
  for (const row of body.rows) row.hidden = q !== "" && !row.textContent.toLowerCase().includes(q);
});
"""


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _row(rank: int, row: dict, names: dict, lang: str) -> str:
    category = names["category"][row["category"]][lang]
    subtype = names["subtype"].get(row["subtype"], {}).get(lang, row["subtype"]) if row["subtype"] else ""
    where = f"{Path(row['source']).name}:{row['line']}" if row["line"] else Path(row["source"]).name
    buyer = "<br>".join(esc(v) for v in (row["name"], row["company"], row["email"], row["phone"]) if v)
    duplicates = f"{row['duplicates']} ({row['matched_on']})" if row["duplicates"] else ""
    return (f'<tr><td class="n">{rank}</td>'
            f'<td data-v="{rank}"><span class="badge {esc(row["badge"])}">'
            f'{esc(names["priority"][row["priority"]][lang])}</span>'
            f'<div class="small">{esc(row["label"][lang])}</div></td>'
            f'<td class="n">{row["score"]}</td><td>{esc(category)}<div class="small">{esc(subtype)}</div></td>'
            f'<td>{esc(names["buyer_type"][row["buyer_type"]][lang])}</td><td>{esc(row["country"] or "")}</td>'
            f'<td>{buyer}</td><td>{esc(row["subject"])}<div class="small">{esc(row["product"])}</div></td>'
            f'<td>{esc((row["reply_by"] or "")[:16].replace("T", " "))}</td>'
            f'<td data-v="{row["duplicates"]}">{esc(duplicates)}</td>'
            f'<td class="small">{esc(" ".join(row["signals"]))}</td><td class="small">{esc(where)}</td></tr>')


def render_html(outcome, names: dict, lang: str, generated: datetime | None = None) -> str:
    """The whole report page as one string."""
    rows = outcome.rows
    by_category = Counter(r["category"] for r in rows)
    by_country = Counter(r["country"] or "?" for r in rows).most_common()
    countries = by_country[:TOP_COUNTRIES]
    if len(by_country) > TOP_COUNTRIES:
        countries.append(("…", sum(n for _, n in by_country[TOP_COUNTRIES:])))
    categories = [(c, by_category[c]) for c in ("clear_intent", "potential", "no_clear_target", "spam") if by_category[c]]
    category_chart = bar_chart("per category 按类型", [(names["category"][c][lang], n) for c, n in categories],
                               {names["category"][c][lang]: CATEGORY_COLORS[c] for c, _ in categories})
    heads = [("#", "num"), ("priority 优先级", "num"), ("score", "num"), ("category 类型", ""), ("buyer type", ""),
             ("country", ""), ("buyer 买家", ""), ("subject 主题", ""), ("reply by", ""), ("dup 撞单", "num"),
             ("signals", ""), ("from", "")]
    head = "".join(f'<th data-type="{t}">{esc(h)}</th>' if t else f"<th>{esc(h)}</th>" for h, t in heads)
    problems = "".join(f"<li>{esc(w)}: {esc(p)}</li>" for w, p in outcome.problems)
    when = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    policy = f"default-src 'none'; style-src '{_hash(STYLE)}'; script-src '{_hash(SCRIPT)}'; img-src data:"
    return (
        f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Inquiry Lens triage — {len(rows)} inquiries</title><style>{STYLE}</style></head><body>"
        f"<h1>询盘分拣 Inquiry triage</h1>"
        f"<p class=\"meta\">{len(rows)} analysed, {len(outcome.problems)} skipped · {when}</p>"
        f'<section class="charts">{category_chart}{bar_chart("per country 按国家", countries)}</section>'
        f'<input id="filter" type="search" placeholder="filter 筛选…" aria-label="filter">'
        f'<table id="rows"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(_row(i, r, names, lang) for i, r in enumerate(rows, 1))
        + "</tbody></table>"
        + (f'<h2>skipped 跳过</h2><ul class="problems">{problems}</ul>' if problems else "")
        + f"<script>{SCRIPT}</script></body></html>\n"
    )


def write_html(outcome, path: Path, names: dict, lang: str) -> None:
    path.write_text(render_html(outcome, names, lang), encoding="utf-8")
