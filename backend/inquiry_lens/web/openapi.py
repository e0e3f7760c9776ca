"""The OpenAPI 3.1 document, generated from the route table and the pydantic models (no second copy)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from inquiry_lens import API_VERSION, __version__
from inquiry_lens.model.responses import ErrorBody

REF = "#/components/schemas/{model}"
COMMON_ERRORS = {
    400: "the body is not valid JSON",
    401: "a pairing token is required (remote mode)",
    403: "Host, Origin or API header refused",
    404: "no such inquiry",
    412: "the client speaks another API version",
    413: "the body is over the limit",
    415: "the body is not application/json",
    422: "a field has the wrong type or value; `field` names it",
    500: "the server failed",
}


@dataclass(frozen=True)
class RouteSpec:
    """One endpoint as the document describes it."""

    method: str
    path: str  # Flask syntax, e.g. /api/v1/inquiries/<id>/status
    summary: str
    operation_id: str
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    errors: tuple[int, ...] = field(default=(400, 403, 412, 413, 415, 422, 500))
    query: type[BaseModel] | None = None

    @property
    def openapi_path(self) -> str:
        return re.sub(r"<(?:[a-z]+:)?([A-Za-z_]+)>", r"{\1}", self.path)


def _ref(model: type[BaseModel]) -> dict:
    return {"$ref": REF.format(model=model.__name__)}


def query_parameters(model: type[BaseModel]) -> list[dict]:
    """A query model's fields as OpenAPI parameters; an optional field is simply one that may be left out."""
    schema = model.model_json_schema(ref_template=REF)
    parameters = []
    for name, prop in schema.get("properties", {}).items():
        prop = dict(prop)
        options = [p for p in prop.pop("anyOf", []) if p.get("type") != "null"]
        if options:
            prop.update(options[0])
        if prop.get("default") is None:
            prop.pop("default", None)
        description = prop.pop("description", None)
        prop.pop("title", None)
        parameter = {"name": name, "in": "query", "required": name in schema.get("required", []), "schema": prop}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


def build_document(routes: list[RouteSpec]) -> dict:
    """Paths from the routes, components from every model they name."""
    models: set[type[BaseModel]] = {ErrorBody}
    for spec in routes:
        models.update(m for m in (spec.body, spec.response) if m is not None)
    _, schemas = models_json_schema([(m, "validation") for m in sorted(models, key=lambda m: m.__name__)],
                                    ref_template=REF)
    paths: dict[str, dict] = {}
    for spec in routes:
        operation: dict = {
            "summary": spec.summary,
            "operationId": spec.operation_id,
            "parameters": [{"name": "X-Inquiry-Lens-API", "in": "header", "required": False,
                            "description": f"required from browsers; must be {API_VERSION}",
                            "schema": {"type": "string", "enum": [API_VERSION]}}],
            "responses": {"200": {"description": "OK", "content": {"application/json": {
                "schema": _ref(spec.response) if spec.response else {"type": "object"}}}}},
        }
        for name in re.findall(r"{([A-Za-z_]+)}", spec.openapi_path):
            operation["parameters"].append({"name": name, "in": "path", "required": True, "schema": {"type": "string"}})
        if spec.query is not None:
            operation["parameters"] += query_parameters(spec.query)
        if spec.body is not None:
            operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(spec.body)}}}
        for status in spec.errors:
            operation["responses"][str(status)] = {"description": COMMON_ERRORS[status], "content": {
                "application/json": {"schema": _ref(ErrorBody)}}}
        paths.setdefault(spec.openapi_path, {})[spec.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "Inquiry Lens local API", "version": __version__,
                 "description": f"API version {API_VERSION}. Listens on 127.0.0.1 only unless started with --allow-remote."},
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "paths": paths,
        "components": {"schemas": schemas.get("$defs", {})},
    }
