"""The analysis as a list of stages over one typed state (model.state.AnalysisState).

Every stage here is pure: it reads the request, the rules, the IP database and the clock, and writes
only the state. The two steps that reach outside the process (the online domain look-ups and the
history) are not stages: `service.analysis` runs the look-ups between CONTACT_STAGES and
VERDICT_STAGES and the history after them. Order matters only where a stage reads what an earlier
one wrote: the claimed country before the checks that compare against it, every check before the
credibility score, the intent before the reply.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from inquiry_lens.checks import (
    address_check,
    buyer_activity,
    country_check,
    email_check,
    ip_check,
    link_check,
    online_check,
    phone_check,
)
from inquiry_lens.extraction import page_fields
from inquiry_lens.model.state import AnalysisState, Env, new_state
from inquiry_lens.reply import followup_plan, reply_deadline, reply_draft, reply_tips, research_links
from inquiry_lens.verdict import buyer_type, content_signals, credibility, decision_maker, intent

Stage = Callable[[AnalysisState, Env], AnalysisState]
Between = Callable[[AnalysisState], None]  # what runs between the halves: the service's domain look-ups

# What the buyer gave and how it checks out: the domains the look-ups ask about are known after these.
CONTACT_STAGES: tuple[Stage, ...] = (
    page_fields.stage,            # fill what the request lacks from its HTML
    country_check.claimed_stage,  # the claimed country, which the phone and IP checks compare against
    phone_check.stage,
    email_check.stage,
    link_check.stage,
)

# Everything else, down to the reply.
VERDICT_STAGES: tuple[Stage, ...] = (
    online_check.stage,           # the signals of the look-ups, if they ran (checks.online)
    ip_check.stage,
    address_check.stage,
    decision_maker.stage,
    buyer_activity.stage,
    country_check.stage,          # every country side by side, once the checks have run
    content_signals.stage,
    intent.stage,
    buyer_type.stage,
    credibility.stage,            # after intent: spam caps the level
    reply_deadline.stage,
    reply_tips.stage,
    reply_draft.stage,
    research_links.stage,
    followup_plan.stage,          # the suggested follow-up date, once the intent is known
)

STAGES: tuple[Stage, ...] = CONTACT_STAGES + VERDICT_STAGES

# Batch triage sorts by the verdict and the deadline and shows no draft, so it skips what writes one.
WRITING_STAGES = frozenset({reply_tips.stage, reply_draft.stage, research_links.stage})
TRIAGE_STAGES: tuple[Stage, ...] = tuple(stage for stage in STAGES if stage not in WRITING_STAGES)


def run_stages(state: AnalysisState, env: Env, stages: Iterable[Stage]) -> AnalysisState:
    for stage in stages:
        state = stage(state, env)
    return state


def run(request: dict[str, Any], env: Env, stages: tuple[Stage, ...] = STAGES,
        between: Between | None = None) -> AnalysisState:
    """The chosen stages over one validated request, `between` (if any) after the contact stages."""
    state = new_state(request, env)
    state = run_stages(state, env, (stage for stage in CONTACT_STAGES if stage in stages))
    if between is not None:
        between(state)
    return run_stages(state, env, (stage for stage in VERDICT_STAGES if stage in stages))


def analyze(request: dict[str, Any], env: Env, stages: tuple[Stage, ...] = STAGES) -> dict[str, Any]:
    """The response body (docs/ARCHITECTURE.md, "The HTTP contract") of the pure analysis: no look-ups, no history."""
    started = time.perf_counter()
    response = run(request, env, stages).response()
    response["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return response
