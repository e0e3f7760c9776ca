"""Accuracy of the verdict on the labelled set of issue 4 (and, on request, on the example inquiries
in tests/data/examples).

Every case runs through the real analysis, exactly as POST /api/v1/analyze would run it, and is
compared with its `expect`. The script is a report: it always exits 0; tests/verdict/test_labelled_set.py
asserts the thresholds on the figures `evaluate` returns.

    python -m tests.labelled_set.accuracy [--examples] [--json PATH] [FILE ...]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tests.inquiries import example_files, labelled_files

CATEGORIES = ("clear_intent", "potential", "no_clear_target", "spam")
LEVELS = {"high": {"trusted", "plausible"}, "low": {"doubtful", "suspicious"}}
UNREADABLE = {"category": None, "subtype": None, "buyer_type": None, "credibility": "any",
              "signals_present": [], "signals_absent": [], "decision_maker": None}
TARGETS = {"category_accuracy": 0.90, "spam_recall": 0.95, "buyer_type_accuracy": 0.80}


def load_case(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def analysis_env():
    """One analysis environment for the whole run: the packaged rules and the default IP database."""
    from inquiry_lens.checks.geoip import open_geoip
    from inquiry_lens.model.state import Env
    from inquiry_lens.rules import packaged_rules

    return Env(rules=packaged_rules(), geoip=open_geoip(None))


def run_case(path: Path) -> dict:
    """The verdict for one file, reduced to what `expect` judges; an exception is reported, not raised."""
    from inquiry_lens.analysis.pipeline import analyze
    from inquiry_lens.model.requests import AnalyzeRequest, request_data

    outcome = {"name": Path(path).name, "expect": dict(UNREADABLE), "got": None, "error": None}
    try:
        case = load_case(path)
        outcome["expect"] = case["expect"]
        model = AnalyzeRequest.model_validate(case["request"])
        response = analyze(request_data(model), analysis_env())
    except Exception as exc:  # noqa: BLE001 - a report lists every failure instead of stopping at the first
        outcome["error"] = f"{type(exc).__name__}: {exc}"
        return outcome
    verdict = response["verdict"]
    outcome["got"] = {
        "category": verdict["intent"]["category"],
        "subtype": verdict["intent"]["subtype"],
        "buyer_type": verdict["buyer_type"]["type"],
        "credibility": verdict["credibility"]["level"],
        "decision_maker": verdict["decision_maker"],
        "signals": sorted({s["code"] for s in response["signals"]}),
    }
    return outcome


def _ratio(hits: int, total: int) -> float:
    """hits / total; with nothing to judge the expectation is met (1.0)."""
    return hits / total if total else 1.0


def _got(outcome: dict, key: str):
    """What the analysis gave for `key`; a file that could not be analysed matches no expectation."""
    return outcome["got"][key] if outcome["got"] else "<error>"


def _per_category(outcomes: list[dict]) -> dict:
    table = {}
    for cat in CATEGORIES:
        expected = [o for o in outcomes if o["expect"]["category"] == cat]
        predicted = [o for o in outcomes if _got(o, "category") == cat]
        right = sum(1 for o in expected if _got(o, "category") == cat)
        table[cat] = {"support": len(expected), "predicted": len(predicted),
                      "precision": right / len(predicted) if predicted else 0.0,
                      "recall": _ratio(right, len(expected))}
    return table


def _signal_misses(outcomes: list[dict]) -> tuple[dict, list[dict]]:
    met = Counter()
    misses = []
    for o in outcomes:
        got = set(o["got"]["signals"]) if o["got"] else set()
        missing = [c for c in o["expect"]["signals_present"] if c not in got]
        unwanted = [c for c in o["expect"]["signals_absent"] if c in got]
        met["present_total"] += len(o["expect"]["signals_present"])
        met["present_met"] += len(o["expect"]["signals_present"]) - len(missing)
        met["absent_total"] += len(o["expect"]["signals_absent"])
        met["absent_met"] += len(o["expect"]["signals_absent"]) - len(unwanted)
        if missing or unwanted:
            misses.append({"name": o["name"], "missing": missing, "unwanted": unwanted})
    return met, misses


def evaluate(paths: Iterable[Path]) -> dict:
    """Run every file and return the figures (ratios 0..1, counts, and the lists of failures)."""
    outcomes = [run_case(Path(p)) for p in paths]
    n = len(outcomes)

    def right(key: str) -> list[dict]:
        return [o for o in outcomes if _got(o, key) == o["expect"][key]]

    with_subtype = [o for o in outcomes if o["expect"]["subtype"] is not None]
    spam = [o for o in outcomes if o["expect"]["category"] == "spam"]
    phishing = [o for o in spam if o["expect"]["subtype"] == "phishing"]
    judged_cred = [o for o in outcomes if o["expect"]["credibility"] in LEVELS]
    judged_dm = [o for o in outcomes if o["expect"]["decision_maker"] is not None]
    met, signal_misses = _signal_misses(outcomes)
    misclassified = [
        {"name": o["name"],
         "expected": {k: o["expect"][k] for k in ("category", "subtype", "buyer_type")},
         "got": {k: _got(o, k) for k in ("category", "subtype", "buyer_type")}}
        for o in outcomes
        if any(_got(o, k) != o["expect"][k] for k in ("category", "subtype", "buyer_type"))
    ]
    return {
        "n": n,
        "category_accuracy": _ratio(len(right("category")), n),
        "per_category": _per_category(outcomes),
        "subtype_n": len(with_subtype),
        "subtype_accuracy": _ratio(sum(1 for o in with_subtype if _got(o, "subtype") == o["expect"]["subtype"]),
                                   len(with_subtype)),
        "buyer_type_accuracy": _ratio(len(right("buyer_type")), n),
        "spam_n": len(spam),
        "spam_recall": _ratio(sum(1 for o in spam if _got(o, "category") == "spam"), len(spam)),
        "phishing_n": len(phishing),
        "phishing_missed": sorted(o["name"] for o in phishing if _got(o, "category") != "spam"),
        "phishing_other_subtype": sorted(o["name"] for o in phishing
                                         if _got(o, "category") == "spam" and _got(o, "subtype") != "phishing"),
        "signals_present_met": _ratio(met["present_met"], met["present_total"]),
        "signals_absent_met": _ratio(met["absent_met"], met["absent_total"]),
        "credibility_n": len(judged_cred),
        "credibility_met": _ratio(sum(1 for o in judged_cred
                                      if _got(o, "credibility") in LEVELS[o["expect"]["credibility"]]),
                                  len(judged_cred)),
        "decision_maker_n": len(judged_dm),
        "decision_maker_met": _ratio(sum(1 for o in judged_dm if _got(o, "decision_maker") == o["expect"]["decision_maker"]),
                                     len(judged_dm)),
        "misclassified": misclassified,
        "signal_misses": signal_misses,
        "errors": [{"name": o["name"], "error": o["error"]} for o in outcomes if o["error"]],
    }


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def render(figures: dict, console) -> None:
    """Print the figures as rich tables."""
    from rich.table import Table

    summary = Table(title=f"Labelled set — {figures['n']} inquiries", title_justify="left")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    summary.add_column("target", justify="right")
    summary.add_column("", justify="center")

    def mark(ok: bool) -> str:
        return "[green]ok[/]" if ok else "[red]below[/]"

    for key, label in (("category_accuracy", "category accuracy"), ("spam_recall", f"spam recall (n={figures['spam_n']})"),
                       ("buyer_type_accuracy", "buyer type accuracy")):
        summary.add_row(label, _pct(figures[key]), f"≥ {_pct(TARGETS[key])}", mark(figures[key] >= TARGETS[key]))
    missed = figures["phishing_missed"]
    summary.add_row(f"phishing missed (n={figures['phishing_n']})", str(len(missed)), "0", mark(not missed))
    summary.add_row(f"subtype accuracy (n={figures['subtype_n']})", _pct(figures["subtype_accuracy"]), "", "")
    summary.add_row("signals expected present, reported", _pct(figures["signals_present_met"]), "", "")
    summary.add_row("signals expected absent, not reported", _pct(figures["signals_absent_met"]), "", "")
    summary.add_row(f"credibility expectation met (n={figures['credibility_n']})", _pct(figures["credibility_met"]), "", "")
    summary.add_row(f"decision maker met (n={figures['decision_maker_n']})", _pct(figures["decision_maker_met"]), "", "")
    console.print(summary)

    per_cat = Table(title="Per category", title_justify="left")
    for column in ("category", "support", "predicted", "precision", "recall"):
        per_cat.add_column(column, justify="left" if column == "category" else "right")
    for cat, row in figures["per_category"].items():
        per_cat.add_row(cat, str(row["support"]), str(row["predicted"]), _pct(row["precision"]), _pct(row["recall"]))
    console.print(per_cat)

    if missed:
        console.print("[red]Phishing missed:[/] " + ", ".join(missed))
    if figures["phishing_other_subtype"]:
        console.print("[yellow]Phishing caught as another spam subtype:[/] " + ", ".join(figures["phishing_other_subtype"]))
    if figures["misclassified"]:
        wrong = Table(title=f"Misclassified ({len(figures['misclassified'])})", title_justify="left")
        for column in ("file", "expected", "got"):
            wrong.add_column(column, overflow="fold")

        def show(v: dict) -> str:
            return " / ".join(str(v[k]) for k in ("category", "subtype", "buyer_type"))

        for row in figures["misclassified"]:
            wrong.add_row(row["name"], show(row["expected"]), show(row["got"]))
        console.print(wrong)
    if figures["signal_misses"]:
        missing = Counter(c for m in figures["signal_misses"] for c in m["missing"])
        unwanted = Counter(c for m in figures["signal_misses"] for c in m["unwanted"])
        console.print("Signals expected but not reported: "
                      + (", ".join(f"{c} ×{k}" for c, k in missing.most_common()) or "none"))
        console.print("Signals reported against expectation: "
                      + (", ".join(f"{c} ×{k}" for c, k in unwanted.most_common()) or "none"))
    for err in figures["errors"]:
        console.print(f"[red]error[/] {err['name']}: {err['error']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Accuracy of the verdict on the labelled inquiries.")
    parser.add_argument("files", nargs="*", type=Path, help="cases to run (default: every labelled file)")
    parser.add_argument("--examples", action="store_true", help="also run the example inquiries in tests/data/examples")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON to PATH")
    args = parser.parse_args(argv)
    paths = list(args.files) or labelled_files()
    if args.examples:
        paths += example_files()
    figures = evaluate(paths)

    from rich.console import Console

    render(figures, Console())
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
