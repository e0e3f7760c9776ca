"""`inquiry-lens followups`: what to follow up today, and the buyers' holidays ahead with greeting drafts."""
from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

HELP = "list the follow-ups due and the buyers' holidays ahead, with greeting drafts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="plan for this day (default today)")
    parser.add_argument("--days", type=int, help="how many days ahead to list holidays (default from the rules)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--json", action="store_true", help="print exactly what GET /api/v1/followups answers")


def _buyer(item: dict) -> Text:
    buyer = item["buyer"]
    return Text(" · ".join(part for part in (buyer["name"], buyer["company"], buyer["email"]) if part) or item["id"][:8])


def _items_table(title: str, items: list[dict], names: dict, lang: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("follow up on", "", "buyer", "country", "category", "subject", "why"):
        table.add_column(column, overflow="fold")
    for item in items:
        late = item["days_overdue"]
        when = Text(item["follow_up_on"], style="bold red" if late > 0 else "bold")
        mark = Text(f"+{late}d" if late > 0 else "today" if late == 0 else f"in {-late}d", style="red" if late > 0 else "")
        table.add_row(when, mark, _buyer(item), Text(item["country"] or "?"),
                      Text(names["category"][item["category"]][lang]), Text(item["subject"] or ""),
                      Text(item["reason"][lang]))
    return table


def render(result: dict, names: dict, console: Console, lang: str) -> None:
    """The follow-up list as tables, then one panel per greeting draft."""
    console.print(Text(f"Follow-ups 跟进 — {result['today']}", style="bold"))
    if result["due"]:
        console.print(_items_table("due 到期", result["due"], names, lang))
    else:
        console.print(Text("nothing due today 今天没有到期的跟进", style="green"))
    if result["upcoming"]:
        console.print(_items_table("coming up 即将到期", result["upcoming"], names, lang))
    if not result["holidays"]:
        console.print(Text("no public holidays ahead in your buyers' countries", style="bright_black"))
        return
    table = Table(title="holidays ahead 客户国家的节假日", title_justify="left")
    for column in ("date", "in", "country", "holiday", "greeting", "buyers"):
        table.add_column(column, overflow="fold")
    for holiday in result["holidays"]:
        greeting = holiday["greeting"]
        table.add_row(Text(str(holiday["date"])), Text(f"{holiday['days_until']}d"), Text(holiday["country"]),
                      Text(holiday["name"]), Text(greeting["label"][lang] if greeting else "—"),
                      Text(str(holiday["buyer_count"])))
    console.print(table)
    for holiday in result["holidays"]:
        greeting = holiday["greeting"]
        if greeting:
            who = ", ".join(b["name"] or b["company"] or b["id"][:8] for b in holiday["buyers"])
            console.print(Panel(Text(greeting["draft"][lang]), expand=False,
                                title=Text(f"{holiday['date']} {holiday['country']} {holiday['name']}"),
                                subtitle=Text(f"to: {who}") if who else None))


def run(args: argparse.Namespace, config: dict) -> int:
    """Print the list (or, with --json, exactly the API's answer); 2 with one line when the data cannot be opened."""
    from inquiry_lens.checks.geoip import GeoIPError
    from inquiry_lens.history import followups
    from inquiry_lens.history.schema import StoreError
    from inquiry_lens.model.encoding import to_json_text
    from inquiry_lens.reply.followup_plan import local_day
    from inquiry_lens.rules import RulesError
    from inquiry_lens.service.runtime import open_services

    try:
        services = open_services(config)
    except (RulesError, GeoIPError, StoreError) as exc:
        Console(stderr=True).print(f"[red]error:[/] {exc}")
        return 2
    if args.days is not None and not 1 <= args.days <= 366:
        Console(stderr=True).print("[red]error:[/] --days is 1 to 366")
        return 2
    seller = services.settings.load()
    today = args.on or local_day(datetime.now(timezone.utc), seller)
    result = followups.build(services.store, services.rules, seller, today, args.days)
    if args.json:
        sys.stdout.write(to_json_text(result, indent=True) + "\n")
    else:
        render(result, services.rules["display_names"], Console(), args.lang)
    services.store.close()
    return 0
