"""`inquiry-lens triage PATH...`: a CSV export and/or folders of inquiry files, analysed and sorted
(reply now first, spam last), with a progress bar, a table, and optional CSV and HTML reports."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

HELP = "analyse a CSV export or folders of .eml/.html/.json/.txt inquiries and sort them"
PLATFORMS = ("alibaba", "made_in_china", "global_sources", "email", "generic")
COLORS = {"green": "green", "amber": "yellow", "red": "red", "grey": "bright_black"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="CSV files, inquiry files or folders")
    parser.add_argument("--platform", choices=PLATFORMS, help="the platform the inquiries come from")
    parser.add_argument("--csv", type=Path, metavar="OUT.csv", help="write every row, sorted, to this CSV file")
    parser.add_argument("--html", type=Path, metavar="REPORT.html", help="write a self-contained report page")
    parser.add_argument("--store", action="store_true", help="save every inquiry in the history (off: look up only)")
    parser.add_argument("--top", type=int, default=50, help="rows shown in the terminal (0: all); files get all")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--jobs", type=int, help="worker processes (default: one per core for 2,000 inquiries or more)")


def table(rows: list[dict], names: dict, lang: str, top: int) -> Table:
    """The sorted rows for the terminal; every inquiry string is shown as text, never as markup."""
    shown = rows if top <= 0 else rows[:top]
    grid = Table(show_lines=False, title_justify="left",
                 title=f"{len(rows)} inquiries" + (f", first {len(shown)} shown" if len(shown) < len(rows) else ""))
    for column in ("#", "priority", "score", "category", "country", "buyer", "subject", "reply by", "dup", "from"):
        grid.add_column(column, overflow="ellipsis", no_wrap=column in ("priority", "reply by", "from"),
                        justify="right" if column in ("#", "score") else "left")
    for number, row in enumerate(shown, 1):
        category = names["category"][row["category"]][lang] + " · " + names["buyer_type"][row["buyer_type"]][lang]
        buyer = " · ".join(str(p) for p in (row["name"], row["company"]) if p) or row["email"] or ""
        grid.add_row(str(number), Text(names["priority"][row["priority"]][lang], style=f"bold {COLORS[row['badge']]}"),
                     str(row["score"]), Text(category), Text(row["country"] or "?"), Text(buyer[:48]),
                     Text(str(row["subject"] or "")[:48]), Text((row["reply_by"] or "")[5:16].replace("T", " ")),
                     Text(f"{row['duplicates']} {row['matched_on']}" if row["duplicates"] else ""),
                     Text(f"{Path(row['source']).name}:{row['line']}" if row["line"] else Path(row["source"]).name))
    return grid


def run(args: argparse.Namespace, config: dict) -> int:
    """0 when something was analysed (skipped rows are listed with their line), 2 when nothing could be."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from inquiry_lens.checks.geoip import GeoIPError
    from inquiry_lens.history.schema import StoreError
    from inquiry_lens.rules import RulesError
    from inquiry_lens.service.runtime import open_services
    from inquiry_lens.triage.batch import default_jobs, triage, triage_parallel
    from inquiry_lens.triage.report import write_csv, write_html
    from inquiry_lens.triage.sources import collect

    out, err = Console(), Console(stderr=True, soft_wrap=True)  # soft_wrap: a path stays one line
    try:
        services = open_services(config)
    except (RulesError, GeoIPError, StoreError) as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    rules = services.rules
    started = time.perf_counter()
    items = list(collect(args.paths, rules, args.platform))
    jobs = max(1, args.jobs) if args.jobs else default_jobs(len(items), args.store)

    def analyse(advance=None):
        if jobs > 1:
            return triage_parallel(items, config, jobs, store=args.store, advance=advance)
        return triage(items, services.env(), services.effects(), store=args.store, advance=advance)

    if err.is_terminal and not args.no_progress:
        with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, transient=True) as progress:
            task = progress.add_task("", total=len(items))
            outcome = analyse(lambda n: progress.advance(task, n))
    else:
        outcome = analyse()
    elapsed = time.perf_counter() - started
    services.store.close()

    names = rules["display_names"]
    if outcome.rows:
        out.print(table(outcome.rows, names, args.lang, args.top))
    for where, problem in outcome.problems:
        err.print(Text(f"skipped {where}: {problem}", style="yellow"))
    for where, note in outcome.notes:
        err.print(Text(f"note {where}: {note}", style="bright_black"))
    rate = len(outcome.rows) / elapsed if elapsed > 0 else 0.0
    err.print(f"{len(outcome.rows)} analysed, {len(outcome.problems)} skipped in {elapsed:.2f} s ({rate:,.0f} inquiries/s)"
              + ("; saved in the history" if args.store else ""))
    if args.csv:
        write_csv(outcome.rows, args.csv)
        err.print(f"CSV written to {args.csv}")
    if args.html:
        write_html(outcome, args.html, names, args.lang)
        err.print(f"report written to {args.html}")
    return 0 if outcome.rows else 2
