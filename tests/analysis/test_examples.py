"""Every example inquiry in tests/data/examples gets the verdict and signals its `expect` names."""
from __future__ import annotations

import pytest

from tests.inquiries import example_files, load_example

HIGH = {"trusted", "plausible"}


@pytest.fixture(scope="module")
def answers():
    import tempfile

    from inquiry_lens.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        client = create_app({"DATA_DIR": folder}).test_client()
        yield {path.stem: client.post("/api/v1/analyze", json=load_example(path)["request"]).get_json()
               for path in example_files()}


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_example_verdict_and_signals(answers, path):
    expect = load_example(path)["expect"]
    body = answers[path.stem]
    verdict = body["verdict"]
    codes = {s["code"] for s in body["signals"]}
    assert verdict["intent"]["category"] == expect["category"]
    assert verdict["intent"]["subtype"] == expect["subtype"]
    assert verdict["buyer_type"]["type"] == expect["buyer_type"]
    if expect["credibility"] != "any":
        assert (verdict["credibility"]["level"] in HIGH) == (expect["credibility"] == "high"), verdict["credibility"]
    if expect["decision_maker"] is not None:
        assert verdict["decision_maker"] == expect["decision_maker"]
    assert set(expect["signals_present"]) <= codes, f"missing {set(expect['signals_present']) - codes}"
    assert not set(expect["signals_absent"]) & codes, f"raised {set(expect['signals_absent']) & codes}"


def test_the_examples_are_there():
    assert len(example_files()) >= 12
