"""Loads shared_rules: every JSON file validated against the schema its `kind` names.

The rules are data shared with the browser extension; a fault in them must stop the start with
a sentence naming the file and the JSON path, not surface later as a wrong verdict.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib.abc import Traversable
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = "schemas"


class RulesError(ValueError):
    """A rules file that cannot be used: unreadable, invalid JSON, or not valid by its schema."""


class Rules(Mapping):
    """The validated rules files by name (`signals`, `platforms/alibaba`, …), plus their version."""

    def __init__(self, files: dict[str, dict], version: str, origin: str):
        self._files = files
        self.version = version
        self.origin = origin

    def __getitem__(self, name: str) -> dict:
        return self._files[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    # One Rules object is one loaded version: identity equality lets stages cache what they
    # compile from it (patterns, sets) with functools.lru_cache.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def of_kind(self, kind: str) -> dict[str, dict]:
        """All files of one kind, by name (e.g. every platform)."""
        return {name: data for name, data in self._files.items() if data["kind"] == kind}


def default_root() -> Path:
    """The shared_rules folder: inside the installed package, else at the repository root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "shared_rules", here.parents[1] / "shared_rules"):
        if (candidate / "signals.json").is_file():
            return candidate
    raise RulesError(f"shared_rules not found beside {here} nor at the repository root; reinstall inquiry-lens")


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            if entry.name.startswith(("_", ".")):
                continue
            yield from _walk(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".json"):
            yield f"{prefix}{entry.name}", entry


def _parse(rel: str, raw: bytes) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RulesError(f"shared_rules/{rel}: not UTF-8 ({exc})") from None
    except json.JSONDecodeError as exc:
        raise RulesError(f"shared_rules/{rel}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise RulesError(f'shared_rules/{rel}: $: a rules file is an object with a "kind" naming its schema')
    return data


def load_rules(root: Traversable | Path | str | None = None) -> Rules:
    """Read and validate every rules file under `root` (default: the packaged shared_rules)."""
    folder: Traversable = Path(root) if isinstance(root, str) else (root or default_root())
    digest = hashlib.sha256()
    schemas: dict[str, dict] = {}
    documents: dict[str, tuple[str, dict]] = {}
    for rel, entry in _walk(folder):
        raw = entry.read_bytes()
        digest.update(rel.encode() + b"\0" + raw + b"\0")
        if rel.startswith(SCHEMA_DIR + "/"):
            kind = rel[len(SCHEMA_DIR) + 1:].removesuffix(".schema.json")
            try:
                schemas[kind] = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise RulesError(f"shared_rules/{rel}: invalid schema JSON: {exc}") from None
        else:
            documents[rel.removesuffix(".json")] = (rel, _parse(rel, raw))
    # Schemas may refer to each other by file name (labels.schema.json uses platform's field list).
    registry = Registry().with_resources(
        (f"{kind}.schema.json", Resource.from_contents(schema, default_specification=DRAFT202012))
        for kind, schema in schemas.items())
    files: dict[str, dict] = {}
    for name, (rel, data) in documents.items():
        schema = schemas.get(data["kind"])
        if schema is None:
            raise RulesError(f"shared_rules/{rel}: $.kind: no schema {SCHEMA_DIR}/{data['kind']}.schema.json for this kind")
        error = best_match(Draft202012Validator(schema, registry=registry).iter_errors(data))
        if error is not None:
            raise RulesError(f"shared_rules/{rel}: {error.json_path}: {error.message}")
        files[name] = data
    rules = Rules(files, digest.hexdigest()[:16], str(folder))
    check_consistency(rules)
    return rules


def check_consistency(rules: Rules) -> None:
    """Cross-file facts a per-file schema cannot state: every signal has a weight and vice versa."""
    if "signals" not in rules or "scoring" not in rules:
        raise RulesError("shared_rules: signals.json and scoring.json are both required")
    catalogue = rules["signals"]["signals"]
    weights = rules["scoring"]["weights"]
    for code in catalogue.keys() - weights.keys():
        raise RulesError(f"shared_rules/scoring.json: $.weights: no weight for signal {code}")
    for code in weights.keys() - catalogue.keys():
        raise RulesError(f"shared_rules/scoring.json: $.weights.{code}: not in the signal catalogue signals.json")


@lru_cache(maxsize=4)
def packaged_rules() -> Rules:
    """The packaged rules, loaded once per process."""
    return load_rules()
