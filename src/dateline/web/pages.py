"""The HTML pages: each validates its query like its API twin, reads the same data, renders it.

Charts, the map, the timeline and the network graph are drawn in the browser by our scripts in
static/, from the JSON API; everything else is rendered here, escaped by Jinja.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from . import data
from .api import arguments
from .db import Database
from .endpoints import ENDPOINTS
from .params import MAX_PAGE_SIZE
from .report_view import ReportView, safe_url
from .templating import link, render

BY_NAME = {ep.name: ep for ep in ENDPOINTS}
NAV = (("Reports", "/"), ("Actors", "/actors"), ("Events", "/events"), ("Claims", "/claims"),
       ("Quotes", "/quotes"), ("Map", "/map"), ("API", "/api"))


class Pages:
    def __init__(self, db: Database, vendor_ok: bool) -> None:
        self.db, self.vendor_ok = db, vendor_ok

    def html(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        query = dict(request.query_params)
        body = render(template, request=request, nav=NAV, path=request.url.path, query=query,
                      vendor_ok=self.vendor_ok, page_link=lambda **ch: link(request.url.path,
                                                                             **{**query, **ch}),
                      **context)
        return HTMLResponse(body, status_code=status)

    def listing(self, name: str, template: str):
        """A page that is its endpoint's payload rendered by one template."""
        ep = BY_NAME[name]

        def page(request: Request) -> HTMLResponse:
            args = arguments(request, ep)
            with self.db.connect() as con:
                payload = ep.payload(con, **args)
            query = dict(request.query_params)
            # Charts draw every item the filters select, up to one full page of the API.
            chart = {k: v for k, v in query.items() if k not in ("limit", "offset")}
            return self.html(request, template, payload=payload, args=args,
                             api=link(ep.path, **query),
                             chart_api=link(ep.path, **chart, limit=MAX_PAGE_SIZE))

        return page

    def report(self, request: Request) -> HTMLResponse:
        args = arguments(request, BY_NAME["report"])
        with self.db.connect() as con:
            record = data.report(con, **args)
        view = ReportView(record)
        return self.html(request, "report.html", record=record, text_html=view.html(),
                         panel=view.panel(), skipped=view.skipped, url=safe_url(record.get("url")),
                         api="/api/reports/" + quote(request.path_params["id"], safe=""))

    def claims(self, request: Request) -> HTMLResponse:
        ep = BY_NAME["claims"]
        args = arguments(request, ep)
        with self.db.connect() as con:
            if not args["object"]:  # the chart shows one object: start with the most claimed
                objects = data.claims(con, None, None, 1, 0)["objects"]
                args["object"] = objects[0]["value"] if objects else None
            payload = ep.payload(con, **args)
        chart = link(ep.path, object=args["object"], source=args["source"], limit=MAX_PAGE_SIZE)
        return self.html(request, "claims.html", payload=payload, args=args, chart_api=chart,
                         api=link(ep.path, **{**dict(request.query_params), "object": args["object"]}))

    def api_index(self, request: Request) -> HTMLResponse:
        return self.html(request, "api.html", endpoints=ENDPOINTS)

    def routes(self) -> list[Route]:
        return [
            Route("/", self.listing("reports", "reports.html"), name="reports"),
            # Report ids given in JSONL input may hold "/", so the id is the rest of the path.
            Route("/reports/{id:path}", self.report, name="report"),
            Route("/actors", self.listing("entities", "actors.html"), name="actors"),
            Route("/actor", self.listing("actor", "actor.html"), name="actor"),
            Route("/events", self.listing("events", "events.html"), name="events"),
            Route("/claims", self.claims, name="claims"),
            Route("/quotes", self.listing("quotes", "quotes.html"), name="quotes"),
            Route("/map", self.listing("places", "map.html"), name="map"),
            Route("/api", self.api_index, name="api"),
        ]
