"""Checks a response against the OpenAPI document the server publishes: the test-suite runs every
response it sees through this, so the document cannot drift from what the server sends."""
from __future__ import annotations

import re

from jsonschema import Draft202012Validator

from inquiry_lens.web.security import API_VERSION_HEADER, VERSION_HEADER


def _operation(document: dict, path: str, method: str) -> dict | None:
    for template, operations in document["paths"].items():
        pattern = "^" + re.sub(r"\\{[A-Za-z_]+\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            return operations.get(method.lower())
    return None


def check_response(document: dict, path: str, method: str, status: int, headers, body) -> None:
    """Raise AssertionError when the response breaks the contract (the API and its document; pages
    such as /demo/ are HTML and only carry the version headers)."""
    assert headers.get(VERSION_HEADER), f"{method} {path} → {status} lacks {VERSION_HEADER}"
    assert headers.get(API_VERSION_HEADER) == "1", f"{method} {path} → {status} lacks {API_VERSION_HEADER}"
    if method == "OPTIONS" or not (path.startswith("/api/") or path == "/openapi.json"):
        return
    assert headers.get("Content-Type", "").startswith("application/json"), f"{method} {path} → {status} is not JSON"
    operation = _operation(document, path, method)
    if operation is None or str(status) not in operation["responses"]:
        schema = {"$ref": "#/components/schemas/ErrorBody"}
        assert status >= 400, f"{method} {path} → {status}: not in the OpenAPI document"
    else:
        schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, f"{method} {path} → {status}: {errors[0].json_path}: {errors[0].message}"


def check_score_identity(body: dict, scoring: dict) -> None:
    """Every score is explained: base plus the weights of the signals shown, clamped."""
    total = scoring["base"] + sum(signal["weight"] for signal in body["signals"])
    expected = max(scoring["min"], min(scoring["max"], total))
    assert body["verdict"]["credibility"]["score"] == expected, "the score is not the sum of the weights shown"
    codes = [signal["code"] for signal in body["signals"]]
    assert len(codes) == len(set(codes)), "a signal is shown twice"
