"""Every request is checked here, in one place, before any endpoint runs (docs/ARCHITECTURE.md, "Security and
failure model").

A web page must never read or write the salesperson's data: only loopback Host names (DNS
rebinding), only extension origins (CORS), and a custom header that forces a preflight no web
origin passes. Every response names the server and its API version, so the extension can tell
"our backend, other version" (412) from "some other program on this port".
"""
from __future__ import annotations

import hmac
import re

from flask import Flask, current_app, request
from flask_cors import CORS

from inquiry_lens import API_VERSION, __version__
from inquiry_lens.config import LOOPBACK_HOSTS
from inquiry_lens.web.errors import ApiError

API_HEADER = "X-Inquiry-Lens-API"
TOKEN_HEADER = "X-Inquiry-Lens-Token"
VERSION_HEADER = "X-Inquiry-Lens-Version"
API_VERSION_HEADER = "X-Inquiry-Lens-API-Version"
EXTENSION_SCHEMES = ("chrome-extension", "moz-extension", "safari-web-extension")


def origin_patterns(extension_ids: list[str]) -> list[re.Pattern]:
    """The allowed origins: any extension, or only the pinned extension IDs."""
    ids = "|".join(re.escape(i) for i in extension_ids) if extension_ids else "[A-Za-z0-9_-]+"
    return [re.compile(rf"^{scheme}://({ids})$") for scheme in EXTENSION_SCHEMES]


def host_name(host_header: str) -> str:
    """The name part of a Host header: `[::1]:8765` → `::1`, `localhost:8765` → `localhost`."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def check_request() -> None:
    """Refuse what a web page, a rebinding attack or an other-version client could send."""
    config = current_app.config
    if not config["ALLOW_REMOTE"] and host_name(request.host) not in LOOPBACK_HOSTS:
        raise ApiError(403, "forbidden_host", "this server answers only to 127.0.0.1 and localhost")
    origin = request.headers.get("Origin")
    if origin is not None and not any(p.match(origin) for p in config["ORIGIN_PATTERNS"]):
        raise ApiError(403, "forbidden_origin", "only the Inquiry Lens extension may call this server from a browser")
    if request.method == "OPTIONS":
        return  # a preflight carries no custom headers; flask-cors answers it for allowed origins
    api = request.headers.get(API_HEADER)
    if origin is not None and api is None:
        raise ApiError(403, "api_header_required", f"browser requests must send the {API_HEADER} header")
    if api is not None and api != API_VERSION:
        raise ApiError(412, "api_version_mismatch",
                       f"this server speaks API version {API_VERSION} (server {__version__}); the client sent {api}")
    token = config["PAIRING_TOKEN"]
    if token and not hmac.compare_digest(request.headers.get(TOKEN_HEADER, "").encode(), token.encode()):
        raise ApiError(401, "pairing_required", f"this server needs the pairing token in {TOKEN_HEADER}")
    length = request.content_length
    if length is not None and length > config["MAX_CONTENT_LENGTH"]:
        raise ApiError(413, "body_too_large", f"the body is over {config['MAX_CONTENT_LENGTH']} bytes")
    if request.method in ("POST", "PUT") and not request.is_json:
        # HTML forms cannot send application/json: one more thing a web page cannot forge.
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")


def stamp_response(response):
    """Name the server and its API version on every response, errors included."""
    response.headers[VERSION_HEADER] = __version__
    response.headers[API_VERSION_HEADER] = API_VERSION
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def init_app(app: Flask) -> None:
    """Install the request gate, the response stamp, and CORS for extension origins only."""
    app.config["ORIGIN_PATTERNS"] = origin_patterns(app.config["EXTENSION_IDS"])
    app.before_request(check_request)
    app.after_request(stamp_response)
    CORS(
        app,
        origins=app.config["ORIGIN_PATTERNS"],
        allow_headers=["Content-Type", API_HEADER, TOKEN_HEADER],
        expose_headers=[VERSION_HEADER, API_VERSION_HEADER],
        methods=["GET", "POST", "PUT", "OPTIONS"],
        max_age=600,
    )
