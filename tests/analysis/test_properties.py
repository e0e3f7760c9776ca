"""Generated requests — random Unicode, huge and deeply nested JSON, wrong types — never get a 500
and always get a response the OpenAPI document allows (the contract client checks every one)."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_inputs import anything, partial, requests

ALLOWED = {200, 400, 413, 415, 422}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=requests)
def test_any_json_body_gets_a_documented_answer_never_a_500(client, body):
    response = client.post("/api/v1/analyze", data=json.dumps(body), content_type="application/json")
    assert response.status_code in ALLOWED, response.get_json()
    if response.status_code == 200:  # the time each takes is measured by bench/core.py ("generated requests")
        assert response.get_json()["verdict"]["badge"]["color"] in {"green", "amber", "red", "grey"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2000))
def test_any_bytes_get_a_documented_answer_never_a_500(client, raw):
    response = client.post("/api/v1/analyze", data=raw, content_type="application/json")
    assert response.status_code in ALLOWED


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.integers(min_value=100, max_value=50_000))
def test_deeply_nested_json_is_refused_cleanly(client, depth):
    body = "[" * depth + "]" * depth
    response = client.post("/api/v1/analyze", data=body, content_type="application/json")
    assert response.status_code in ALLOWED


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=st.one_of(
    anything, partial(("company", "timezone", "workday_start", "workday_end", "workdays", "highlights"), anything)))
def test_any_settings_body_gets_a_documented_answer(client, profile):
    response = client.put("/api/v1/settings", data=json.dumps(profile), content_type="application/json")
    assert response.status_code in ALLOWED


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(categories=["Cs", "Lo", "Zs", "So"]), min_size=1, max_size=40))
def test_lone_surrogate_escapes_never_break_the_answer(client, text):
    """"\\ud83d" alone is valid JSON but no UTF-8 text: the answer must still be encodable."""
    body = {"inquiry": {"message": "quote " + text}, "buyer": {"company": text, "email": text + "@a.com", "phone": text}}
    response = client.post("/api/v1/analyze", data=json.dumps(body), content_type="application/json")
    assert response.status_code in ALLOWED
