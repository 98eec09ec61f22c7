"""Dateline's local web page and JSON API over a store (read-only).

    create_app(db_path) -> Starlette        the application (tests use it with TestClient)
    serve(db_path, host, port)             runs it with uvicorn (`dateline serve`)

Routes: pages (pages.py), /api/... (api.py, declared in endpoints.py, described at
/api/openapi.json), /static (our CSS/JS), /vendor (d3, topojson-client, world-atlas from
node_modules, see assets.py). Errors are JSON under /api and HTML pages elsewhere; bad
parameters are 400s, unknown ids 404s, a query past its time limit a 503.
"""
from __future__ import annotations

import logging
import sqlite3
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..errors import StoreError
from . import api
from .assets import VENDOR, find_node_modules
from .db import Database
from .pages import NAV, Pages
from .params import BadRequest
from .responses import JSON, SecurityHeaders
from .templating import render

log = logging.getLogger(__name__)

STATIC = Path(str(resources.files(__package__).joinpath("static")))


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, code: str, message: str,
           parameter: str | None = None) -> Response:
    err = BadRequest(message, parameter, status=status, code=code)
    if _is_api(request):
        return JSON(err.to_dict(), status_code=status)
    return HTMLResponse(render("error.html", error=err, nav=NAV, path=request.url.path, query={},
                               vendor_ok=True), status_code=status)


async def bad_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BadRequest)
    return _error(request, exc.status, exc.code, exc.message, exc.parameter)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    message = {404: f"nothing at {request.url.path[:120]}",
               405: "only GET is supported"}.get(exc.status_code, str(exc.detail))
    response = _error(request, exc.status_code, code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def store_error(request: Request, exc: Exception) -> Response:
    """A query interrupted by its time limit, or a store gone or locked: retry later, not a bug."""
    if isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc):
        log.warning("query over its time limit: %s", request.url)
        return _error(request, 503, "timeout", "the query took too long; narrow it (fewer words, "
                                               "a filter, a smaller page) and retry")
    log.error("store error on %s: %s", request.url, exc)
    return _error(request, 503, "store_unavailable", "the store could not be read; retry later")


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url, exc_info=exc)
    return _error(request, 500, "internal_error", "something went wrong on our side")


def create_app(db_path: str | Path, *, query_timeout_s: float = 5.0,
               node_modules: str | Path | None = None) -> Starlette:
    """The web app over the store at `db_path` (StoreError if it is missing or not a store)."""
    try:
        db = Database(db_path, query_timeout_s)
    except sqlite3.Error as exc:
        raise StoreError(f"{db_path}: not a readable Dateline store ({exc})") from exc
    modules = find_node_modules(node_modules)
    mounts = [Mount("/static", StaticFiles(directory=STATIC), name="static")]
    if modules:
        mounts += [Mount(f"/vendor/{name}", StaticFiles(directory=modules / folder), name=f"vendor-{name}")
                   for name, folder in VENDOR.items()]
    pages = Pages(db, vendor_ok=modules is not None)
    app = Starlette(
        routes=[*api.routes(db), *pages.routes(), *mounts],
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={BadRequest: bad_request, HTTPException: http_error,
                            sqlite3.Error: store_error, StoreError: store_error,
                            Exception: internal_error},
    )
    app.state.db = db
    return app


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store's pages and API until interrupted (binds to localhost by default)."""
    import uvicorn

    app = create_app(db_path)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: anyone who can reach this address can read the store", host)
    log.info("serving %s on http://%s:%d/", db_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")
