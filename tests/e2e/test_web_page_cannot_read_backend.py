"""A web page on another local port cannot read the backend from real Chromium: CORS answers only
extension origins, and the custom API header forces a preflight that web origins never pass."""
from __future__ import annotations

import http.server
import threading

import pytest

ATTACKER_PAGE = b"<!doctype html><title>some other local site</title><p>hello</p>"


@pytest.fixture
def attacker_url():
    """A page served from another port on this machine, as any local web app or malicious page could be."""
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # the http.server hook
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(ATTACKER_PAGE)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


PROBES = {
    "GET health": "fetch(api + '/api/v1/health')",
    "GET settings": "fetch(api + '/api/v1/settings')",
    "POST JSON analyze": "fetch(api + '/api/v1/analyze', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                         " body: JSON.stringify({inquiry: {message: 'hi'}})})",
    "POST with the API header": "fetch(api + '/api/v1/analyze', {method: 'POST',"
                                " headers: {'Content-Type': 'application/json', 'X-Inquiry-Lens-API': '1'},"
                                " body: JSON.stringify({inquiry: {message: 'hi'}})})",
    "PUT settings": "fetch(api + '/api/v1/settings', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
                    " body: JSON.stringify({company: 'pwned'})})",
}


@pytest.mark.parametrize("probe", PROBES)
def test_a_web_page_cannot_read_any_backend_answer(page, backend, attacker_url, probe):
    page.goto(attacker_url)
    outcome = page.evaluate(f"""async (api) => {{
        try {{ const r = await {PROBES[probe]}; return 'read ' + r.status + ' ' + (await r.text()).slice(0, 80); }}
        catch (e) {{ return 'blocked ' + e.name; }}
    }}""", backend.url)
    assert outcome == "blocked TypeError", outcome


def stored(backend) -> int:
    import json
    import urllib.request

    with urllib.request.urlopen(backend.url + "/api/v1/inquiries") as answer:
        return json.loads(answer.read())["total"]


def test_a_no_cors_request_gets_an_opaque_answer_and_stores_nothing(page, backend, attacker_url):
    before = stored(backend)
    page.goto(attacker_url)
    kind = page.evaluate("""async (api) => {
        const r = await fetch(api + '/api/v1/analyze', {
            method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'},
            body: JSON.stringify({inquiry: {message: 'planted'}, store: true}),
        });
        return r.type + ' ' + r.status;
    }""", backend.url)
    assert kind == "opaque 0"  # the page learns nothing
    assert stored(backend) == before  # and the write was refused (a web Origin, not JSON)
