"""The JSON API's routes, one per declared endpoint, plus the OpenAPI document."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from .db import Database
from .endpoints import ENDPOINTS, Endpoint
from .openapi import spec
from .params import BadRequest, check_text, parse
from .responses import JSON

MAX_ID = 200


def arguments(request: Request, ep: Endpoint) -> dict[str, Any]:
    """Validated keyword arguments for the endpoint's payload function (BadRequest if not)."""
    args = parse(request.query_params.multi_items(), ep.params)
    if ep.path_param:
        raw = request.path_params[ep.path_param]
        check_text(ep.path_param, raw)
        if len(raw) > MAX_ID:
            raise BadRequest(f"{ep.path_param} is longer than {MAX_ID} characters", ep.path_param)
        args[ep.path_key or ep.path_param] = raw
    return args


def _route(ep: Endpoint, db: Database) -> Route:
    # A plain function: Starlette runs it in its thread pool, so SQLite never blocks the loop.
    def endpoint(request: Request) -> JSON:
        args = arguments(request, ep)
        with db.connect() as con:
            return JSON(ep.payload(con, **args))

    return Route(ep.path, endpoint, methods=["GET"], name=f"api:{ep.name}")


def openapi(request: Request) -> JSON:
    return JSON(spec())


def routes(db: Database) -> list[Route]:
    return [Route("/api/openapi.json", openapi, methods=["GET"], name="api:openapi"),
            *(_route(ep, db) for ep in ENDPOINTS)]
