"""Every error leaves as the JSON error object of the contract, never an HTML page or a traceback."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 412: "precondition_failed", 413: "body_too_large",
    415: "unsupported_media_type", 422: "invalid_field", 429: "too_many_requests",
}


class ApiError(Exception):
    """An error the client can act on: status, a stable code, a sentence, and the field at fault."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def error_response(status: int, code: str, message: str, field: str | None = None):
    """The contract's error body with its status."""
    response = jsonify({"error": {"code": code, "message": message, "field": field}})
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    """Register the handlers that turn every failure into the JSON error object."""

    @app.errorhandler(ApiError)
    def api_error(exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.field)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        response = error_response(status, HTTP_CODES.get(status, "http_error"), exc.description or exc.name)
        if status == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
        return response

    @app.errorhandler(Exception)
    def internal_error(exc: Exception):
        # An exception's text may quote the inquiry (a stranger's words): above debug, only its type.
        log.error("internal error in %s %s: %s", request.method, request.path, type(exc).__name__)
        log.debug("traceback", exc_info=exc)
        return error_response(500, "internal_error", "the server failed on this request; see its log")
