"""An analysis with its side effects around the pure pipeline: the online domain look-ups between
its contact and verdict halves (only when turned on), then the history (duplicates, and the record
when the request says `store: true`). The web layer, the CLI and batch triage all come through here."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from inquiry_lens.analysis.pipeline import STAGES, Stage, run
from inquiry_lens.checks import online_check
from inquiry_lens.checks.domain_lookup import OnlineChecker, default_checker
from inquiry_lens.history.records import remember
from inquiry_lens.history.store import InquiryStore
from inquiry_lens.model.state import AnalysisState, Env


@dataclass(frozen=True)
class Effects:
    """What an analysis may do beyond computing: reach DNS and RDAP, read and write the history."""

    store: InquiryStore | None = None  # None: look up and record nothing
    online: bool = False                  # `--online` for the whole process (the seller profile may also ask)
    checker: OnlineChecker | None = None  # resolvers, RDAP base and cache; the configured default if None


NO_EFFECTS = Effects()


def run_with_effects(request: dict[str, Any], env: Env, effects: Effects = NO_EFFECTS,
                     stages: tuple[Stage, ...] = STAGES) -> AnalysisState:
    """The final state of one validated request (batch triage reads the buyer fields found from it)."""

    def look_up(state: AnalysisState) -> None:
        if online_check.enabled(state, effects.online):
            state.checks["online"] = online_check.look_up(state, env, effects.checker or default_checker())

    state = run(request, env, stages, between=look_up)
    if effects.store is not None:
        remember(state, effects.store, env.rules, env.now())
    return state


def analyze(request: dict[str, Any], env: Env, effects: Effects = NO_EFFECTS,
            stages: tuple[Stage, ...] = STAGES) -> dict[str, Any]:
    """The response body of the HTTP contract (docs/ARCHITECTURE.md) for one validated request."""
    started = time.perf_counter()
    response = run_with_effects(request, env, effects, stages).response()
    response["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return response
