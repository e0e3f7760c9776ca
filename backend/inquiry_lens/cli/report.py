"""The terminal report of one analysis: badge, reasons worst first, reply-by, draft."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

COLORS = {"green": "green", "amber": "yellow", "red": "red", "grey": "bright_black"}
POLARITY = {"good": ("+", "green"), "bad": ("−", "red"), "info": ("·", "cyan")}


def render(response: dict, console: Console, lang: str = "zh") -> None:
    """Print one analysis for a person to read."""
    verdict = response["verdict"]
    color = COLORS[verdict["badge"]["color"]]
    head = Text()
    head.append(f" {verdict['badge']['label'][lang]} ", style=f"bold reverse {color}")
    head.append(f"  score {verdict['credibility']['score']} ({verdict['credibility']['level']})")
    head.append(f"  intent {verdict['intent']['category']}")
    if verdict["intent"]["subtype"]:
        head.append(f"/{verdict['intent']['subtype']}")
    head.append(f"  buyer {verdict['buyer_type']['type']}")
    if verdict["decision_maker"] is not None:
        head.append("  decision maker" if verdict["decision_maker"] else "  not the decision maker")
    console.print(head)

    reasons = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("", "weight", "reason", "evidence"):
        reasons.add_column(column, overflow="fold")
    for signal in sorted(response["signals"], key=lambda s: (s["weight"], s["code"])):
        mark, style = POLARITY[signal["polarity"]]
        reasons.add_row(Text(mark, style=style), f"{signal['weight']:+d}", signal["message"][lang],
                        Text(signal["evidence"] or ""))
    if response["signals"]:
        console.print(reasons)

    reply = response["reply"]
    when = Text(f"priority {reply['priority']}")
    if reply["reply_by"]:
        zone = reply["buyer_timezone"] or "unknown"
        when.append(f"  reply by {reply['reply_by']}  ({reply['rule']}, buyer's zone {zone})")
    console.print(when)
    if reply.get("warning"):
        console.print(Text(reply["warning"][lang], style="bold red"))
    for tip in reply["tips"]:
        console.print(Text(f"  • {tip['message'][lang]}"))
    if reply["draft"]:
        console.print(Panel(Group(Text(f"Subject: {reply['subject']}", style="bold"), Text(""), Text(reply["draft"])),
                            title="draft", expand=False))
    if reply.get("follow_up"):
        console.print(Text(f"  follow up on {reply['follow_up']['on']}: {reply['follow_up']['reason'][lang]}"))
    for earlier in response["duplicates"]:
        who = " · ".join(p for p in (earlier["buyer"]["name"], earlier["buyer"]["company"], earlier["buyer"]["email"]) if p)
        console.print(Text(f"  撞单 same buyer ({earlier['matched_on']}) on {earlier['received_at'][:10]}, "
                           f"{earlier['status']}: {who}", style="yellow"))
    for link in response["research_links"]:
        console.print(Text(f"  {link['label'][lang]}: {link['url']}", style="bright_black"))
    console.print(Text(f"{response['elapsed_ms']:.2f} ms", style="bright_black"))
