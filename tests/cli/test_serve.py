"""`inquiry-lens serve` as a real process: the probes over a socket, a busy port, a refused host, Ctrl-C."""
from __future__ import annotations

import http.client
import json
import signal
import sys

import pytest

from tests.servers import free_port, start, wait_ready

EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    process = start(tmp_path, "--port", str(port))
    wait_ready(port, process)
    yield port
    process.send_signal(signal.SIGINT)
    process.wait(timeout=10)


def call(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.headers, json.loads(data) if data else None


JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("method, path, body, headers, status, code", [
    ("GET", "/api/v1/health", None, {"Host": "evil.example"}, 403, "forbidden_host"),
    ("POST", "/api/v1/analyze", b'{"inquiry":{"message":"hi"}}', {**JSON, "Origin": "https://evil.example"},
     403, "forbidden_origin"),
    ("POST", "/api/v1/analyze", b"x" * (1024 * 1024), JSON, 413, "body_too_large"),
    ("POST", "/api/v1/analyze", b"{", JSON, 400, "invalid_json"),
    ("POST", "/api/v1/analyze", b'{"inquiry": 5}', JSON, 422, "invalid_field"),
    ("GET", "/nothing-here", None, {}, 404, "not_found"),
])
def test_the_real_server_answers_the_probes_as_json_with_version_headers(server, method, path, body, headers, status, code):
    got, response_headers, data = call(server, method, path, body, headers)
    assert got == status
    assert data["error"]["code"] == code
    assert response_headers["X-Inquiry-Lens-Version"] and response_headers["X-Inquiry-Lens-API-Version"] == "1"
    assert response_headers["Content-Type"].startswith("application/json")
    if "Origin" in (headers or {}):
        assert "Access-Control-Allow-Origin" not in response_headers


def test_the_real_server_allows_the_extension_with_cors(server):
    status, headers, body = call(server, "POST", "/api/v1/analyze", b'{"inquiry":{"message":"Quote 100 pcs"}}',
                                 {**JSON, "Origin": EXT, "X-Inquiry-Lens-API": "1"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == EXT
    assert body["verdict"]["badge"]["color"] in {"green", "amber", "red", "grey"}


def test_a_busy_port_is_one_line_and_exit_1(server, tmp_path):
    process = start(tmp_path, "--port", str(server))
    out, err = process.communicate(timeout=20)
    assert process.returncode == 1
    assert "cannot listen" in err and "Traceback" not in err + out
    assert len(err.strip().splitlines()) <= 2  # rich may wrap one sentence


def test_a_non_loopback_host_is_refused_without_allow_remote(tmp_path):
    process = start(tmp_path, "--host", "0.0.0.0", "--port", str(free_port()))
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 1
    assert "--allow-remote" in err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX; Windows users press Ctrl-C")
def test_ctrl_c_stops_cleanly(tmp_path):
    port = free_port()
    process = start(tmp_path, "--port", str(port))
    banner = []
    while not banner or "Ctrl-C stops it." not in banner[-1]:  # serving once the banner is out
        banner.append(process.stdout.readline())
        assert banner[-1] and len(banner) < 20, banner
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "listening on http://127.0.0.1" in banner[0] and "stopped." in out
    assert "Traceback" not in err
