"""/openapi.json says what the hub really answers: every error is an ``ErrorResponse``, with
the codes each status can carry, and the statuses every endpoint can give (400 from the HTTP
layer, 413 for a body over the limit, 503 when the database is down).

FastAPI documents its own 422 body (``HTTPValidationError``), which the hub never sends, and
leaves out what middleware and error handlers answer; schema-driven testing (schemathesis)
treats an undocumented status as a failure, so the document is completed here, in one place,
for every route, including routes added later.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from casework.wire import v1

ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}

# What each error status means at this hub, and its codes (ErrorDetail.code).
ERROR_STATUSES: dict[str, str] = {
    "400": "Bad request: `bad_request` (the HTTP layer could not parse it), `bad_json` (a body "
           "that is not JSON), `bad_cursor`, `bad_limit`, `unknown_parameter`.",
    "401": "Not signed in: `invalid_credentials`, `missing_token`, `invalid_token`, `token_expired`.",
    "403": "Refused: `account_disabled`, `device_revoked` (the client wipes its cache), `forbidden`.",
    "404": "Not found: `not_found`.",
    "409": "Conflict: `conflict`.",
    "413": "Request body too large: `body_too_large`.",
    "422": "The body does not match its schema: `unknown_field`, `invalid_request`.",
    "423": "Account locked after repeated failed logins: `locked`.",
    "429": "Too many logins at once: `too_many_logins` (see Retry-After).",
    "503": "The hub database is unavailable: `database_unavailable`.",
}
EVERY_ENDPOINT = ("400", "413", "503")  # the HTTP layer, the body limit, the database


def document_errors(app: FastAPI) -> None:
    """Make ``app.openapi()`` describe the hub's error answers as they are."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            complete(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(schema: dict[str, Any]) -> None:
    """Every operation's error answers: ErrorResponse bodies, described, statuses added."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    for name, model in (("ErrorResponse", v1.ErrorResponse), ("ErrorDetail", v1.ErrorDetail)):
        if name not in components:
            definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(definition.pop("$defs", {}))
            components[name] = definition
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            statuses = set(EVERY_ENDPOINT)
            if "requestBody" in operation:
                statuses.add("422")
            for status in statuses:
                responses.setdefault(status, {})
            for status, answer in responses.items():
                if status[:1] in ("4", "5"):
                    answer["description"] = ERROR_STATUSES.get(status, answer.get("description", "Error"))
                    answer["content"] = {"application/json": {"schema": ERROR_REF}}
