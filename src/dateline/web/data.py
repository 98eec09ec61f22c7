"""What each page shows, as plain data: the JSON API returns it, the HTML pages render it.

One function per page/endpoint, taking a read-only connection and validated parameters (see
`endpoints.py`), so every page has its JSON twin by construction.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from ..store import queries
from .cameo import quad_class, root_name
from .highlight import END, START, snippet_html
from .params import BadRequest
from .timex import place_on_calendar


def _page(items: list[dict], total: int, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    nxt = offset + limit if offset + limit < total else None
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next_offset": nxt,
            **extra}


def _snippet(item: dict) -> None:
    raw = item.pop("snippet", None)
    item["snippet"] = raw.replace(START, "").replace(END, "") if raw else None
    item["snippet_html"] = str(snippet_html(raw)) if raw else None


def reports(con: sqlite3.Connection, q: str | None, date_from: str | None, date_to: str | None,
            country: str | None, source: str | None, limit: int, offset: int) -> dict[str, Any]:
    items, total = queries.list_reports(con, q, date_from, date_to, country, source, limit, offset)
    for item in items:
        _snippet(item)
    facets = queries.report_facets(con, q, date_from, date_to, country, source)
    return _page(items, total, limit, offset, facets=facets)


def report(con: sqlite3.Connection, report_id: str) -> dict[str, Any]:
    record = queries.get_record(con, report_id)
    if record is None:
        raise BadRequest(f"no report with id {report_id[:80]!r}", "id", status=404, code="not_found")
    return record


def search(con: sqlite3.Connection, q: str, limit: int, offset: int) -> dict[str, Any]:
    items = queries.search(con, q, limit, offset, mark=(START, END))
    for item in items:
        _snippet(item)
    return _page(items, queries.search_count(con, q), limit, offset)


def entities(con: sqlite3.Connection, type: str | None, country: str | None, name: str | None,
             limit: int, offset: int) -> dict[str, Any]:
    items, total = queries.list_entities(con, type, country, name, limit, offset)
    return _page(items, total, limit, offset)


def _event_items(items: list[dict]) -> list[dict]:
    for ev in items:
        ev["root_name"] = root_name(ev.get("root"))
        ev["quad"] = quad_class(ev.get("quad_class"), ev.get("root"))
        place_on_calendar(ev, "when_value", "report_date")
    return items


def events(con: sqlite3.Connection, root: str | None, country: str | None, modality: str | None,
           actor: str | None, date_from: str | None, date_to: str | None, limit: int,
           offset: int) -> dict[str, Any]:
    items, total = queries.list_events(con, root, country, modality, actor, date_from, date_to,
                                       limit=limit, offset=offset)
    return _page(_event_items(items), total, limit, offset, facets=queries.event_facets(con))


def actor(con: sqlite3.Connection, name: str, limit: int, offset: int) -> dict[str, Any]:
    profile = queries.actor_profile(con, name)
    mentions, n_mentions = queries.actor_mentions(con, name, limit, offset)
    evs, n_events = queries.list_events(con, actor=name, limit=limit, offset=offset)
    said, n_quotes = queries.list_quotes(con, speaker=name, exact=True, limit=limit, offset=offset)
    if not (profile or n_events or n_quotes):
        raise BadRequest(f"no entity, event actor or speaker called {name[:80]!r}", "name",
                         status=404, code="not_found")
    longest = max(n_mentions, n_events, n_quotes)  # one pager walks the three lists together
    return {"name": name, "profile": profile, "limit": limit, "offset": offset, "total": longest,
            "next_offset": offset + limit if offset + limit < longest else None,
            "mentions": {"items": mentions, "total": n_mentions},
            "events": {"items": _event_items(evs), "total": n_events},
            "quotes": {"items": said, "total": n_quotes},
            "network": queries.actor_network(con, name)}


def claims(con: sqlite3.Connection, object: str | None, source: str | None, limit: int,
           offset: int) -> dict[str, Any]:
    items, total = queries.list_claims(con, object, source, limit=limit, offset=offset)
    for c in items:
        place_on_calendar(c, "time_value", "report_date")
    return _page(items, total, limit, offset, objects=queries.claim_objects(con))


def quotes(con: sqlite3.Connection, speaker: str | None, report_id: str | None, limit: int,
           offset: int) -> dict[str, Any]:
    items, total = queries.list_quotes(con, speaker, report_id, limit=limit, offset=offset)
    return _page(items, total, limit, offset)


def places(con: sqlite3.Connection, country: str | None, limit: int, offset: int) -> dict[str, Any]:
    items, total = queries.list_places(con, country, limit, offset)
    return _page(items, total, limit, offset)
