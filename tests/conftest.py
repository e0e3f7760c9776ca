"""Shared fixtures: the packaged rules, an analysis environment, the app with a client whose every
response is checked against the OpenAPI document, and Node.js for the tests that run JavaScript."""
from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone

import pytest
from flask.testing import FlaskClient

from inquiry_lens.model.state import Env, new_state
from inquiry_lens.rules import packaged_rules
from inquiry_lens.web.app import create_app
from tests.contract import check_response, check_score_identity
from tests.external_tools import JS, jsdom_missing, need, node_missing

# No test reaches past this machine: should one turn the online checks on (schemathesis may save that
# setting), its lookups go to the discard port on 127.0.0.1, are refused and end at once as unknown.
# Servers the tests start inherit this; tests of the online checks point at their own local servers.
os.environ.setdefault("INQUIRY_LENS_DNS_SERVERS", "127.0.0.1")
os.environ.setdefault("INQUIRY_LENS_DNS_PORT", "9")
os.environ.setdefault("INQUIRY_LENS_RDAP_BASE", "http://127.0.0.1:9/domain/")


@pytest.fixture(scope="session")
def rules():
    """The rules exactly as the product ships them."""
    return packaged_rules()


@pytest.fixture
def env(rules):
    """An analysis environment with no IP database and a fixed clock."""
    return Env(rules=rules, now=lambda: datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc))


@pytest.fixture
def make_state(env):
    """Build a pipeline state from a request body, as `analyze` does before its first stage."""
    return lambda request: new_state(request, env)


class ContractClient(FlaskClient):
    """A test client that checks every response against the published OpenAPI document."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        document = self.application.extensions["inquiry_lens_openapi"]
        body = response.get_json(silent=True) if response.request.method != "OPTIONS" else None
        check_response(document, response.request.path, response.request.method, response.status_code,
                       response.headers, body)
        if response.request.method == "POST" and response.request.path == "/api/v1/analyze" and response.status_code == 200:
            check_score_identity(body, self.application.extensions["inquiry_lens"].rules["scoring"])
        return response


@pytest.fixture
def app(tmp_path):
    """The app over a fresh data folder."""
    app = create_app({"DATA_DIR": tmp_path / "data", "TESTING": True})
    app.test_client_class = ContractClient
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js 20+ on PATH, for tests that run the rules' patterns or extract.js in JavaScript. Without
    it they skip, saying what is missing and how to install it (in CI they fail)."""
    need(node_missing())
    return shutil.which("node")


@pytest.fixture(scope="session")
def jsdom(node) -> str:
    """Node.js with tests/js/node_modules installed (jsdom): the folder to run scripts from."""
    need(jsdom_missing())
    return str(JS)
