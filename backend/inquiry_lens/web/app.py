"""The web layer: translates HTTP to the analysis pipeline and back, nothing more."""
from __future__ import annotations

from datetime import datetime, timezone
from functools import wraps
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request
from flask.json.provider import DefaultJSONProvider
from pydantic import BaseModel, ValidationError

from inquiry_lens import API_VERSION, __version__
from inquiry_lens.config import default_config
from inquiry_lens.extraction.inputs import parse_json
from inquiry_lens.extraction.page_fields import extract_fields
from inquiry_lens.history import followups, inquiries
from inquiry_lens.model.encoding import to_json, to_json_text
from inquiry_lens.model.history import Followups, FollowupsQuery, InquiryDetail, InquiryList, InquiryQuery, StatusUpdate
from inquiry_lens.model.requests import AnalyzeRequest, ExtractRequest, SellerProfile, request_data, validation_field
from inquiry_lens.model.responses import AnalyzeResponse, ExtractResponse, Health
from inquiry_lens.reply.followup_plan import local_day
from inquiry_lens.service.runtime import Services, open_services
from inquiry_lens.web import errors as error_handlers
from inquiry_lens.web import security
from inquiry_lens.web.errors import ApiError
from inquiry_lens.web.openapi import RouteSpec, build_document

api = Blueprint("api", __name__)
ROUTES: list[RouteSpec] = []


class JSONProvider(DefaultJSONProvider):
    """Responses through model.encoding (orjson): UTF-8, ISO 8601 times, the same bytes the CLI prints."""

    _app: Flask

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return to_json_text(obj)

    def response(self, *args: Any, **kwargs: Any) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(to_json(obj), mimetype=self.mimetype)


def services() -> Services:
    return current_app.extensions["inquiry_lens"]


def parse_body(model: type[BaseModel]) -> BaseModel:
    """The JSON body validated by its model: 400 for bad JSON, 422 naming the field at fault.

    Parsed and validated in one pass by pydantic-core; a body its parser refuses (bad JSON, lone
    surrogate escapes, deep nesting) takes the slower path, which repairs what can be repaired and
    words the error."""
    raw = request.get_data(cache=False)
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        if not any(error["type"].startswith(("json_", "recursion")) for error in exc.errors(include_url=False)):
            field, message = validation_field(exc)
            raise ApiError(422, "invalid_field", message, field) from None
    except (ValueError, RecursionError):
        pass
    return _parse_body_slowly(model, raw)


def _parse_body_slowly(model: type[BaseModel], raw: bytes) -> BaseModel:
    try:
        data = parse_json(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "invalid_json", f"the body is not valid JSON: {exc}") from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "the body is nested too deeply") from None
    try:
        return model.model_validate(data)
    except RecursionError:
        raise ApiError(422, "invalid_field", "the body is nested too deeply") from None
    except ValidationError as exc:
        field, message = validation_field(exc)
        raise ApiError(422, "invalid_field", message, field) from None


def parse_query(model: type[BaseModel]) -> BaseModel:
    """The query string validated by its model: 422 naming the parameter at fault."""
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as exc:
        field, message = validation_field(exc)
        raise ApiError(422, "invalid_field", message, field) from None


def route(method: str, path: str, summary: str, body: type[BaseModel] | None = None,
          response: type[BaseModel] | None = None, errors: tuple[int, ...] | None = None,
          query: type[BaseModel] | None = None):
    """Register an endpoint and its description in the route table the OpenAPI document is built from.
    The view gets the parsed body, then the parsed query, then the path's parts by name."""
    def wrap(fn):
        extra = {"errors": errors} if errors is not None else {}
        ROUTES.append(RouteSpec(method, path, summary, fn.__name__, body, response, query=query, **extra))

        @wraps(fn)
        def view(**kwargs):
            args: tuple[BaseModel, ...] = (parse_body(body),) if body is not None else ()
            args += (parse_query(query),) if query is not None else ()
            return fn(*args, **kwargs)

        api.add_url_rule(path, endpoint=fn.__name__, view_func=view, methods=[method])
        return fn
    return wrap


READ_ERRORS = (401, 403, 412, 500)


@route("GET", "/api/v1/health", "Is the backend up, which version, which rules and IP database", response=Health,
       errors=READ_ERRORS)
def health():
    svc = services()
    return {"status": "ok", "version": __version__, "api_version": API_VERSION,
            "rules_version": svc.rules.version, "geoip": svc.geoip.info()}


@route("POST", "/api/v1/analyze", "The verdict, checks and reply for one inquiry", body=AnalyzeRequest,
       response=AnalyzeResponse)
def analyze_inquiry(body: AnalyzeRequest):
    return services().analyze(request_data(body))


@route("POST", "/api/v1/extract", "The inquiry and buyer fields found in a page's HTML", body=ExtractRequest,
       response=ExtractResponse)
def extract(body: ExtractRequest):
    return extract_fields(services().rules, body.platform, body.html)


@route("GET", "/api/v1/settings", "The saved seller profile", response=SellerProfile, errors=READ_ERRORS)
def get_settings():
    return services().settings.load()


@route("PUT", "/api/v1/settings", "Replace the saved seller profile", body=SellerProfile, response=SellerProfile)
def put_settings(body: SellerProfile):
    return services().settings.save(body)


LIST_ERRORS = (401, 403, 412, 422, 500)
ITEM_ERRORS = (401, 403, 404, 412, 500)


@route("GET", "/api/v1/inquiries", "Stored inquiries, newest first; filters: status, category, country, text",
       query=InquiryQuery, response=InquiryList, errors=LIST_ERRORS)
def list_stored(query: InquiryQuery):
    svc = services()
    return inquiries.list_inquiries(svc.store, svc.rules, **query.model_dump())


@route("GET", "/api/v1/inquiries/<inquiry_id>", "One stored inquiry: request, verdict and status history",
       response=InquiryDetail, errors=ITEM_ERRORS)
def get_stored(inquiry_id: str):
    found = services().store.get(inquiry_id)
    if found is None:
        raise ApiError(404, "not_found", "no stored inquiry has this id")
    return found


@route("POST", "/api/v1/inquiries/<inquiry_id>/status",
       "Mark an inquiry replied, follow_up (with a date), won, lost or spam", body=StatusUpdate, response=InquiryDetail,
       errors=(400, 401, 403, 404, 412, 413, 415, 422, 500))
def set_status(body: StatusUpdate, inquiry_id: str):
    svc = services()
    changed = inquiries.change_status(svc.store, svc.rules, svc.settings.load(), inquiry_id, body.status,
                                      body.follow_up_on, body.note)
    if changed is None:
        raise ApiError(404, "not_found", "no stored inquiry has this id")
    return changed


@route("GET", "/api/v1/followups", "Follow-ups due and coming up, and holidays ahead in the buyers' countries",
       query=FollowupsQuery, response=Followups, errors=LIST_ERRORS)
def list_followups(query: FollowupsQuery):
    svc = services()
    seller = svc.settings.load()
    today = query.on or local_day(datetime.now(timezone.utc), seller)
    return followups.build(svc.store, svc.rules, seller, today, query.days)


@route("GET", "/openapi.json", "This document", errors=READ_ERRORS)
def openapi_document():
    return current_app.extensions["inquiry_lens_openapi"]


def create_app(test_config: dict | None = None) -> Flask:
    """The application: defaults, then environment, then `test_config`; rules and IP database opened once."""
    app = Flask("inquiry_lens")
    app.json = JSONProvider(app)
    app.config.from_mapping(default_config())
    if test_config:
        app.config.from_mapping(test_config)
    app.extensions["inquiry_lens"] = open_services(app.config)
    app.extensions["inquiry_lens_openapi"] = build_document(ROUTES)
    error_handlers.init_app(app)
    security.init_app(app)
    app.register_blueprint(api)
    from inquiry_lens.web.demo import demo  # the /demo/ pages
    app.register_blueprint(demo)
    return app
