"""Batch triage: many inquiries through the same pipeline as the API, as flat rows sorted for a
salesperson's morning (reply now first, spam last), with every unusable input kept as a problem."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field

from pydantic import ValidationError

from inquiry_lens.analysis.pipeline import TRIAGE_STAGES
from inquiry_lens.model.requests import AnalyzeRequest, request_data, validation_field
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.service.analysis import Effects, run_with_effects
from inquiry_lens.service.runtime import open_services
from inquiry_lens.triage.sources import Item

PRIORITY_ORDER = {"reply_now": 0, "reply_today": 1, "template": 2, "do_not_engage": 3}
CHUNK = 250            # inquiries per transaction (single process) or per task (worker processes)
PARALLEL_FROM = 2000   # below this, starting worker processes costs more than it saves


@dataclass
class Outcome:
    rows: list[dict] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file:line, what is wrong), skipped
    notes: list[tuple[str, str]] = field(default_factory=list)     # analysed, with a remark


def row_of(state: AnalysisState, item: Item) -> dict:
    """One analysed inquiry as a flat row for tables and files."""
    verdict, reply, buyer, inquiry, checks = state.verdict, state.reply, state.buyer, state.inquiry, state.checks
    phone = next((checks[f] for f in ("phone", "mobile") if checks.get(f)), None)
    email = checks.get("email")
    duplicates = state.duplicates
    follow_up = reply.get("follow_up")
    return {
        "source": item.source, "line": item.line, "id": state.id,
        "priority": reply["priority"], "reply_by": reply["reply_by"],
        "badge": verdict["badge"]["color"], "label": verdict["badge"]["label"],
        "score": verdict["credibility"]["score"], "level": verdict["credibility"]["level"],
        "category": verdict["intent"]["category"], "subtype": verdict["intent"]["subtype"],
        "buyer_type": verdict["buyer_type"]["type"], "country": state.buyer_country,
        "name": buyer.get("name"), "company": buyer.get("company"),
        "email": (email.get("address") or email.get("input")) if email else None,
        "phone": (phone.get("e164") or phone.get("input")) if phone else None,
        "subject": inquiry.get("subject"), "product": inquiry.get("product"),
        "signals": [s["code"] for s in sorted(state.signals, key=lambda s: s["weight"])],
        "duplicates": len(duplicates),
        "duplicate_of": duplicates[0]["id"] if duplicates else None,
        "matched_on": duplicates[0]["matched_on"] if duplicates else None,
        "follow_up_on": follow_up["on"] if follow_up else None,
    }


def sort_key(row: dict):
    """Reply now first, spam last; within a priority the most credible, then the earliest deadline."""
    return (PRIORITY_ORDER[row["priority"]], -row["score"], row["reply_by"] or "9999", row["source"], row["line"] or 0)


def _analyse(item: Item, env: Env, effects: Effects, store: bool, outcome: Outcome) -> None:
    if item.problem:
        outcome.problems.append((item.where, item.problem))
        return
    assert item.request is not None  # an item has either its request or the problem
    try:
        body = AnalyzeRequest.model_validate({**item.request, "store": store})
    except ValidationError as exc:
        outcome.problems.append((item.where, validation_field(exc)[1]))
        return
    except RecursionError:
        outcome.problems.append((item.where, "the JSON is nested too deeply"))
        return
    outcome.rows.append(row_of(run_with_effects(request_data(body), env, effects, TRIAGE_STAGES), item))
    outcome.notes += [(item.where, note) for note in item.notes]


def triage(items: Iterable[Item], env: Env, effects: Effects, store: bool = False,
           advance: Callable[[int], None] | None = None) -> Outcome:
    """Analyse every item in this process; `store` records each in the history, a chunk per transaction
    (duplicates are looked up either way, so a buyer twice in one file is found)."""
    outcome = Outcome()
    items = list(items)
    for start in range(0, len(items), CHUNK):
        chunk = items[start:start + CHUNK]
        with effects.store.batch() if store and effects.store is not None else nullcontext():
            for item in chunk:
                _analyse(item, env, effects, store, outcome)
        if advance:
            advance(len(chunk))
    outcome.rows.sort(key=sort_key)
    return outcome


_worker: tuple[Env, Effects] | None = None  # a worker process's own rules and history connection


def _start_worker(config: dict) -> None:
    global _worker
    services = open_services(config)
    _worker = (services.env(), services.effects())


def _work(task: tuple[list[Item], bool]) -> Outcome:
    items, store = task
    outcome = Outcome()
    assert _worker is not None, "a worker process starts with _start_worker"
    env, effects = _worker
    for item in items:  # one commit per row: a transaction per chunk would make the workers wait on each other
        _analyse(item, env, effects, store, outcome)
    return outcome


def default_jobs(count: int, store: bool = False) -> int:
    """Worker processes for `count` inquiries: one per core (at most 4) for big batches, else none. Saving
    stays in one process: its writes queue on the one file anyway, and one process sees every row of
    the batch it saved before, so a buyer twice in one file is always a duplicate."""
    return min(os.cpu_count() or 1, 4) if count >= PARALLEL_FROM and not store else 1


def triage_parallel(items: list[Item], config: dict, jobs: int, store: bool = False,
                    advance: Callable[[int], None] | None = None) -> Outcome:
    """The same as `triage`, spread over `jobs` worker processes, each with its own rules and history
    connection. With `store`, two rows of one buyer in different chunks may miss each other."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    outcome = Outcome()
    tasks = [(items[start:start + CHUNK], store) for start in range(0, len(items), CHUNK)]
    # spawn on every OS: a forked child would share the parent's open SQLite connections
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                             initargs=(config,)) as pool:
        for (chunk, _), part in zip(tasks, pool.map(_work, tasks), strict=True):
            outcome.rows += part.rows
            outcome.problems += part.problems
            outcome.notes += part.notes
            if advance:
                advance(len(chunk))
    outcome.rows.sort(key=sort_key)
    return outcome
