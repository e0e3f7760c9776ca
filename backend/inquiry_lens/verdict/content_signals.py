"""Reads the inquiry's words: each cue of content.json is a set of patterns; a cue with a signal
raises it with the sentence as evidence, a cue without one is a building block for the classifiers.

Context is part of a cue: an `unless` pattern in the same or the next sentence drops the match
("we will pay the sample cost" is not a sample hunter), and `unless_codes` drop a cue when a
stronger reading was made (a catalogue asked beside a real spec is not "catalogue only").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import Rules
from inquiry_lens.text.pattern_gate import WordIndex, match_bounds, may_match, required_words

SENTENCE_END = re.compile(r"[.!?;。！？；\n]+")
EVIDENCE_CHARS = 160


@dataclass(frozen=True)
class Cue:
    id: str
    signal: str | None
    patterns: tuple[re.Pattern, ...]
    gates: tuple[tuple[frozenset[str], ...], ...]
    bounds: tuple[tuple[int, int] | None, ...]  # per pattern: pattern_gate.match_bounds
    any_gate: frozenset[str] | None  # one word of this set is needed for any pattern to match; None = no gate
    folds: bool
    min_hits: int
    unless: re.Pattern | None
    unless_codes: frozenset[str]
    fields: tuple[str, ...]


def cue_gate(gates: tuple[tuple[frozenset[str], ...], ...]) -> frozenset[str] | None:
    """One set standing for the whole cue: each pattern's first requirement, united; None if a pattern has none."""
    if not all(gates):
        return None
    return frozenset().union(*(gate[0] for gate in gates))


@lru_cache(maxsize=4)
def compiled_cues(rules: Rules) -> tuple[Cue, ...]:
    """The cues with their patterns compiled once; cues with unless_codes come last so what they defer to is known."""
    cues = []
    for spec in rules["content"]["cues"]:
        flags = re.MULTILINE | (0 if spec["case_sensitive"] else re.IGNORECASE)
        unless = re.compile("|".join(f"(?:{p})" for p in spec["unless"]), re.IGNORECASE) if spec["unless"] else None
        folds = not spec["case_sensitive"]
        gates = tuple(required_words(p, folds) for p in spec["patterns"])
        cues.append(Cue(spec["id"], spec["signal"], tuple(re.compile(p, flags) for p in spec["patterns"]),
                        gates, tuple(match_bounds(p) for p in spec["patterns"]), cue_gate(gates), folds,
                        spec["min_hits"], unless, frozenset(spec["unless_codes"]), tuple(spec["fields"])))
    return tuple(sorted(cues, key=lambda cue: bool(cue.unless_codes)))


@lru_cache(maxsize=4)
def word_indexes(rules: Rules) -> tuple[WordIndex, WordIndex]:
    """The gate words of the case-folding patterns, and of the case-sensitive ones."""
    cues = compiled_cues(rules)
    folded = [w for cue in cues if cue.folds for gate in cue.gates for words in gate for w in words]
    exact = [w for cue in cues if not cue.folds for gate in cue.gates for words in gate for w in words]
    return WordIndex(folded), WordIndex(exact)


class Text:
    """One field's text with its sentence boundaries and the gate words present in it."""

    def __init__(self, text: str, indexes: tuple[WordIndex, WordIndex]):
        self.text = text
        self._indexes = indexes

    # Computed on first use: most fields are read by few cues, and an empty field by none.
    @cached_property
    def ends(self) -> list[int]:
        return [m.end() for m in SENTENCE_END.finditer(self.text)]

    @cached_property
    def spans_folded(self) -> dict[str, tuple[int, int]]:
        return self._indexes[0].spans(self.text.lower())

    @cached_property
    def spans_exact(self) -> dict[str, tuple[int, int]]:
        return self._indexes[1].spans(self.text)

    @cached_property
    def words_folded(self) -> frozenset[str]:
        return frozenset(self.spans_folded)

    @cached_property
    def words_exact(self) -> frozenset[str]:
        return frozenset(self.spans_exact)

    @cached_property
    def folds_in_place(self) -> bool:
        """Lower-casing kept every character where it was (it does not for İ, for one), so folded spans apply."""
        return len(self.text.lower()) == len(self.text)

    def window(self, gate: frozenset[str], bounds: tuple[int, int] | None, folds: bool) -> tuple[int, int]:
        """The part of the text a pattern must be searched in: around its gate words when its matches are
        bounded (pattern_gate.match_bounds), else all of it."""
        if bounds is None or (folds and not self.folds_in_place):
            return 0, len(self.text)
        spans = self.spans_folded if folds else self.spans_exact
        found = [spans[word] for word in gate if word in spans]
        width, reach = bounds
        return (max(0, min(end for end, _ in found) - width),
                min(len(self.text), max(start for _, start in found) + width + reach))

    def sentence(self, index: int) -> str:
        if index > len(self.ends):
            return ""
        start = self.ends[index - 1] if index > 0 else 0
        end = self.ends[index] if index < len(self.ends) else len(self.text)
        return self.text[start:end]

    def index_of(self, position: int) -> int:
        return bisect_right(self.ends, position)

    def evidence(self, match: re.Match) -> str:
        sentence = " ".join(self.sentence(self.index_of(match.start())).split())
        if len(sentence) <= EVIDENCE_CHARS:
            return sentence
        word = match.group(0).strip()
        at = max(0, sentence.find(word) - 60)
        return "…" + sentence[at:at + EVIDENCE_CHARS] + "…"


def fields_of(state: AnalysisState, rules: Rules) -> dict[str, Text]:
    inquiry, buyer = state.inquiry, state.buyer
    limit = rules["content"]["max_chars"]
    indexes = word_indexes(rules)
    subject = (inquiry.get("subject") or "")[:500]
    message = (inquiry.get("message") or "")[:limit]
    opening = next((line for line in message.splitlines() if line.strip()), "")[:200]
    return {"subject": Text(subject, indexes), "message": Text(message, indexes),
            "text": Text(f"{subject}\n{message}", indexes), "opening": Text(opening, indexes),
            "company": Text((buyer.get("company") or "")[:300], indexes)}


def find(cue: Cue, texts: dict[str, Text]) -> str | None:
    """The evidence of the cue's first kept match, when enough different patterns match."""
    fields = [texts[name] for name in cue.fields]
    if cue.any_gate is not None:  # most cues never occur in an inquiry: one set test rules the cue out
        fields = [t for t in fields if not cue.any_gate.isdisjoint(t.words_folded if cue.folds else t.words_exact)]
        if not fields:
            return None
    first, hits = None, 0
    present = [(text, text.words_folded if cue.folds else text.words_exact) for text in fields]
    for pattern, gate, bounds in zip(cue.patterns, cue.gates, cue.bounds, strict=True):
        for text, words in present:
            # the first requirement rules most patterns out; the rest only when it passes (hot path)
            if gate and (gate[0].isdisjoint(words) or not may_match(gate[1:], words)):
                continue
            start, end = text.window(gate[0], bounds, cue.folds) if gate else (0, len(text.text))
            kept = next((m for m in pattern.finditer(text.text, start, end)
                         if m.group(0).strip() and not dropped(cue, text, m)), None)
            if kept is not None:
                hits += 1
                first = first or text.evidence(kept)
                break
        if hits >= cue.min_hits:
            return first
    return None


def dropped(cue: Cue, text: Text, match: re.Match) -> bool:
    """An `unless` pattern in the match's sentence or the next one cancels it."""
    if cue.unless is None:
        return False
    index = text.index_of(match.start())
    window = text.sentence(index) + " " + text.sentence(index + 1)
    return cue.unless.search(window) is not None


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Raise the content signals and record every cue found (state.cues: cue id → evidence)."""
    texts = fields_of(state, env.rules)
    found: dict[str, str] = {}
    raised: set[str] = set()
    quantity = (state.inquiry.get("quantity") or "").strip()
    if quantity and any(ch.isdigit() for ch in quantity):  # the platform's own quantity field
        raised.add("QUANTITY_STATED")
        add_signal(state, env, "QUANTITY_STATED", quantity[:80])
    for cue in compiled_cues(env.rules):
        if cue.unless_codes & raised:
            continue
        evidence = find(cue, texts)
        if evidence is None:
            continue
        found[cue.id] = evidence
        if cue.signal:
            raised.add(cue.signal)
            add_signal(state, env, cue.signal, evidence)
    state.cues = found
    return state
