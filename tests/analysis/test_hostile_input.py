"""A stranger writes the inquiry: any field however long or strange gets a documented answer, never a 500.
The time each takes is measured by bench/core.py ("worst hostile input", ≤ 100 ms), not here."""
from __future__ import annotations

import pytest

from tests.hostile_inputs import CASES


@pytest.fixture
def warm_client(client):
    """A client whose server has loaded its lazy data (as `serve` does in the background at start)."""
    client.application.extensions["inquiry_lens"].warm_up()
    return client


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_gets_a_verdict_or_a_named_refusal(warm_client, name):
    response = warm_client.post("/api/v1/analyze", json=CASES[name])
    body = response.get_json()
    assert response.status_code in (200, 413, 422), body
    if response.status_code == 200:
        assert body["verdict"]["badge"]["color"] in {"green", "amber", "red", "grey"}, name
        assert isinstance(body["elapsed_ms"], (int, float)) and body["elapsed_ms"] >= 0, name
    else:
        assert body["error"]["code"], name
