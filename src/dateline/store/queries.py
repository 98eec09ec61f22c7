"""Read-only queries over a store: what the CLI's show/search/entities and the web API read.

Connections are opened read-only (`mode=ro` URI) with a time limit on every query, and FTS input
is escaped so a user's text can never be FTS5 syntax.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from ..errors import StoreError


class ReadOnlyConnection(sqlite3.Connection):
    """A connection that carries its own query deadline (see `run`)."""
    deadline: list[float]
    timeout_s: float


def open_readonly(path: str | Path, timeout_s: float = 5.0) -> sqlite3.Connection:
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{p}: no such store; create it with `dateline ingest PATH --db {p}`")
    con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False,
                          factory=ReadOnlyConnection)
    con.row_factory = sqlite3.Row
    deadline = [0.0]

    def guard() -> int:  # non-zero aborts the running statement
        return 1 if deadline[0] and time.monotonic() > deadline[0] else 0

    con.set_progress_handler(guard, 10_000)
    con.deadline = deadline
    con.timeout_s = timeout_s
    return con


def run(con: sqlite3.Connection, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
    """Execute with the connection's time limit (sqlite3.OperationalError 'interrupted' past it)."""
    deadline = getattr(con, "deadline", None)
    if deadline is not None:
        deadline[0] = time.monotonic() + getattr(con, "timeout_s", 5.0)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        if deadline is not None:
            deadline[0] = 0.0


def escape_fts(query: str) -> str:
    """Each word as a quoted FTS5 string, so operators and quotes in user input are inert.

    Control characters are dropped first: FTS5 reads a NUL as the end of the query string and
    fails with "unterminated string".
    """
    cleaned = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in query)
    words = [w for w in cleaned.split() if w]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def like_escape(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\': user input's % and _ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def get_record(con: sqlite3.Connection, report_id: str) -> dict[str, Any] | None:
    rows = run(con, "SELECT record FROM reports WHERE id=?", (report_id,))
    return json.loads(rows[0]["record"]) if rows else None


def search(con: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0, *,
           mark: tuple[str, str] = ("[", "]")) -> list[dict]:
    """Reports matching `query` (FTS5, escaped), best first, with a snippet around the match.

    `mark` brackets the matched words in the snippet; the web page passes control characters it
    can find again after HTML-escaping the snippet (a report may contain "[" itself).
    """
    q = escape_fts(query)
    if not q:
        return []
    rows = run(con,
               "SELECT r.id, r.title, r.published, r.dct_value, "
               "snippet(reports_fts, 1, ?, ?, '…', 12) AS snippet "
               "FROM reports_fts JOIN reports r ON r.rowid = reports_fts.rowid "
               "WHERE reports_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
               (mark[0], mark[1], q, limit, offset))
    return [dict(r) for r in rows]


def search_count(con: sqlite3.Connection, query: str) -> int:
    q = escape_fts(query)
    if not q:
        return 0
    return run(con, "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ?", (q,))[0][0]


def entities(con: sqlite3.Connection, type: str | None = None, country: str | None = None,
             limit: int = 100, offset: int = 0) -> list[dict]:
    """Entities across reports, grouped by (name, type), with report and mention counts."""
    where, params = [], []
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if country:
        where.append("country = ?")
        params.append(country.upper())
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    rows = run(con, f"SELECT name, type, country, role, count(DISTINCT report_id) AS reports, "
                    f"sum(n_mentions) AS mentions FROM entities {clause} "
                    f"GROUP BY name, type ORDER BY reports DESC, mentions DESC, name "
                    f"LIMIT ? OFFSET ?", (*params, limit, offset))
    return [dict(r) for r in rows]


def rejected(con: sqlite3.Connection) -> list[dict]:
    return [dict(r) for r in run(con, "SELECT source, code, reason, at FROM rejected ORDER BY source")]


def quotes(con: sqlite3.Connection, speaker: str | None = None, limit: int = 100,
           offset: int = 0) -> list[dict]:
    sql = ("SELECT q.report_id, q.idx, q.text, q.kind, q.speaker_name, q.speaker_entity, q.start, "
           "q.end, r.title FROM quotes q JOIN reports r ON r.id = q.report_id")
    params: list[Any] = []
    if speaker:
        sql += " WHERE q.speaker_name LIKE ? ESCAPE '\\'"
        params.append(f"%{like_escape(speaker)}%")
    sql += " ORDER BY r.dct_value, q.report_id, q.start LIMIT ? OFFSET ?"
    return [dict(r) for r in run(con, sql, (*params, limit, offset))]


def claims(con: sqlite3.Connection, object: str | None = None, limit: int = 100,
           offset: int = 0) -> list[dict]:
    sql = ("SELECT c.report_id, c.idx, c.text, c.value, c.value_max, c.bound, c.object, c.measure, "
           "c.source_name, c.time_text, c.time_value, c.start, c.end, r.title, r.dct_value "
           "FROM claims c JOIN reports r ON r.id = c.report_id")
    params: list[Any] = []
    if object:
        sql += " WHERE c.object LIKE ? ESCAPE '\\'"
        params.append(f"%{like_escape(object)}%")
    sql += " ORDER BY coalesce(c.time_value, r.dct_value), c.report_id, c.start LIMIT ? OFFSET ?"
    return [dict(r) for r in run(con, sql, (*params, limit, offset))]


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence-ish stretch around a span, for listings (stored records hold no parse)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1:right].strip()


# --- Listings for the web page and JSON API -------------------------------------------------
# Each returns (rows, total) so callers can paginate; every value reaches SQLite as a parameter.

# A report's date: its document creation time, else the day part of its publication date.
REPORT_DATE = "coalesce(r.dct_value, substr(r.published, 1, 10))"
# An event's date: its own time expression, else its report's date.
EVENT_DATE = f"coalesce(ev.when_value, {REPORT_DATE})"
# A source "outlet": the source path without a JSONL ":line" suffix ("feed.jsonl:12" → "feed.jsonl").
SOURCE_GROUP = "rtrim(rtrim(r.source, '0123456789'), ':')"


def _date_bounds(expr: str, date_from: str | None, date_to: str | None,
                 where: list[str], params: dict[str, Any]) -> None:
    """Prefix comparison, so to="2023-09" keeps every day of September and from="2023" all of 2023."""
    if date_from:
        where.append(f"substr({expr}, 1, length(:date_from)) >= :date_from")
        params["date_from"] = date_from
    if date_to:
        where.append(f"substr({expr}, 1, length(:date_to)) <= :date_to")
        params["date_to"] = date_to


def _report_filter(q: str | None, date_from: str | None, date_to: str | None,
                   country: str | None, source: str | None) -> tuple[str, str, dict[str, Any]]:
    """FROM/JOIN clause, WHERE clause and parameters selecting reports (alias r)."""
    joins, where, params = "FROM reports r", [], {}
    fts = escape_fts(q or "")
    if fts:
        joins += " JOIN reports_fts ON reports_fts.rowid = r.rowid"
        where.append("reports_fts MATCH :fts")
        params["fts"] = fts
    _date_bounds(REPORT_DATE, date_from, date_to, where, params)
    if country:
        # Uncorrelated on purpose: a correlated EXISTS let SQLite scan the country index per report.
        where.append("r.id IN (SELECT report_id FROM entities WHERE country = :country)")
        params["country"] = country
    if source:
        where.append("(r.source LIKE :source ESCAPE '\\' OR r.url LIKE :source ESCAPE '\\')")
        params["source"] = like_escape(source) + "%"
    return joins, ("WHERE " + " AND ".join(where)) if where else "", params


def list_reports(con: sqlite3.Connection, q: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, country: str | None = None, source: str | None = None,
                 limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """Reports, newest first (best match first when searching), with item counts per report.

    `source` matches the start of the report's source path or URL.
    """
    joins, where, params = _report_filter(q, date_from, date_to, country, source)
    counts = ", ".join(f"(SELECT count(*) FROM {t} x WHERE x.report_id = r.id) AS n_{t}"
                       for t in ("entities", "times", "quotes", "claims", "events"))
    snippet = ("snippet(reports_fts, 1, char(2), char(3), '…', 14)" if "fts" in params else "NULL")
    order = "rank, " if "fts" in params else ""
    rows = run(con, f"SELECT r.id, r.title, r.source, r.url, r.published, r.dct_value, "
                    f"{REPORT_DATE} AS date, length(r.text) AS n_chars, {counts}, "
                    f"{snippet} AS snippet {joins} {where} "
                    f"ORDER BY {order}date DESC, r.id LIMIT :limit OFFSET :offset",
               {**params, "limit": limit, "offset": offset})
    total = run(con, f"SELECT count(*) {joins} {where}", params)[0][0]
    return [dict(r) for r in rows], total


def report_facets(con: sqlite3.Connection, q: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, country: str | None = None,
                  source: str | None = None, size: int = 40) -> dict[str, list[dict]]:
    """Counts per country and per source among the reports the other filters select.

    Each facet ignores its own filter, so choosing a country still lists the other countries.
    """
    joins, where, params = _report_filter(q, date_from, date_to, None, source)
    countries = run(con, f"SELECT e.country AS value, count(DISTINCT e.report_id) AS n FROM entities e "
                         f"WHERE e.country IS NOT NULL AND e.report_id IN (SELECT r.id {joins} {where}) "
                         f"GROUP BY e.country ORDER BY n DESC, value LIMIT :size",
                    {**params, "size": size})
    joins, where, params = _report_filter(q, date_from, date_to, country, None)
    sources = run(con, f"SELECT {SOURCE_GROUP} AS value, count(*) AS n {joins} "
                       f"{where + ' AND' if where else 'WHERE'} r.source IS NOT NULL "
                       f"GROUP BY value ORDER BY n DESC, value LIMIT :size", {**params, "size": size})
    return {"countries": [dict(r) for r in countries], "sources": [dict(r) for r in sources]}


def report_meta(con: sqlite3.Connection, report_id: str) -> dict | None:
    rows = run(con, "SELECT id, source, url, ingested_at FROM reports WHERE id = ?", (report_id,))
    return dict(rows[0]) if rows else None


def list_entities(con: sqlite3.Connection, type: str | None = None, country: str | None = None,
                  name: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[list[dict], int]:
    """Entities across reports grouped by (name, type); `name` matches anywhere in the name."""
    where, params = [], {}
    if type:
        where.append("type = :type")
        params["type"] = type
    if country:
        where.append("country = :country")
        params["country"] = country
    if name:
        where.append("name LIKE :name ESCAPE '\\'")
        params["name"] = f"%{like_escape(name)}%"
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    rows = run(con, f"SELECT name, type, max(country) AS country, max(role) AS role, "
                    f"count(DISTINCT report_id) AS reports, sum(n_mentions) AS mentions, "
                    f"max(lat IS NOT NULL AND type != 'NORP') AS has_geo FROM entities {clause} "
                    f"GROUP BY name, type ORDER BY reports DESC, mentions DESC, name "
                    f"LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset})
    total = run(con, f"SELECT count(*) FROM (SELECT 1 FROM entities {clause} GROUP BY name, type)",
                params)[0][0]
    return [dict(r) for r in rows], total


def actor_profile(con: sqlite3.Connection, name: str) -> list[dict]:
    """How an entity name is typed and coded across reports (one row per type/country/role)."""
    rows = run(con, "SELECT type, country, role, count(DISTINCT report_id) AS reports, "
                    "sum(n_mentions) AS mentions, avg(lat) AS lat, avg(lon) AS lon "
                    "FROM entities WHERE name = ? GROUP BY type, country, role "
                    "ORDER BY reports DESC", (name,))
    return [dict(r) for r in rows]


def actor_mentions(con: sqlite3.Connection, name: str, limit: int = 50, offset: int = 0,
                   context: int = 80) -> tuple[list[dict], int]:
    """Every mention of the entities called `name`, with the text either side of it."""
    base = ("FROM mentions m JOIN entities e ON e.report_id = m.report_id AND e.entity_id = m.entity_id "
            "JOIN reports r ON r.id = m.report_id WHERE e.name = :name")
    # substr counts characters like Python's offsets; it is 1-based, hence the + 1.
    rows = run(con, f"SELECT m.report_id, m.entity_id, m.start, m.end, m.text, r.title, "
                    f"{REPORT_DATE} AS date, "
                    f"substr(r.text, max(m.start - :ctx, 0) + 1, m.start - max(m.start - :ctx, 0)) AS left, "
                    f"substr(r.text, m.end + 1, :ctx) AS right {base} "
                    f"ORDER BY date, m.report_id, m.start LIMIT :limit OFFSET :offset",
               {"name": name, "ctx": context, "limit": limit, "offset": offset})
    total = run(con, f"SELECT count(*) {base}", {"name": name})[0][0]
    return [dict(r) for r in rows], total


_EVENT_COLUMNS = (
    "ev.report_id, ev.idx, ev.code, ev.root, ev.plover, ev.modality, ev.trigger_text, "
    "ev.trigger_start, ev.trigger_end, ev.source_name, ev.source_country, ev.source_role, "
    "ev.source_entity, ev.target_name, ev.target_country, ev.target_role, ev.target_entity, "
    "ev.where_name, ev.where_entity, ev.when_text, ev.when_value, ev.sentence_start, "
    "ev.sentence_end, ev.n_mentions, ev.goldstein, ev.quad_class, r.title, "
    f"{REPORT_DATE} AS report_date, "
    # The entity's own name when the actor points at one ("Putin" in the event, "Vladimir Putin").
    "coalesce((SELECT e.name FROM entities e WHERE e.report_id = ev.report_id "
    "AND e.entity_id = ev.source_entity), ev.source_name) AS source_label, "
    "coalesce((SELECT e.name FROM entities e WHERE e.report_id = ev.report_id "
    "AND e.entity_id = ev.target_entity), ev.target_name) AS target_label")


def _actor_side(side: str) -> str:
    # The entity ids of that name are found once (row-value IN), not once per event.
    return (f"(ev.{side}_name = :actor OR (ev.report_id, ev.{side}_entity) IN "
            f"(SELECT report_id, entity_id FROM entities WHERE name = :actor))")


def list_events(con: sqlite3.Connection, root: str | None = None, country: str | None = None,
                modality: str | None = None, actor: str | None = None,
                date_from: str | None = None, date_to: str | None = None, report_id: str | None = None,
                limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """Events in time order; `country` matches either actor, `actor` either side by name."""
    where, params = [], {}
    if root:
        where.append("ev.root = :root")
        params["root"] = root
    if country:
        where.append("(ev.source_country = :country OR ev.target_country = :country)")
        params["country"] = country
    if modality:
        where.append("ev.modality = :modality")
        params["modality"] = modality
    if actor:
        where.append(f"({_actor_side('source')} OR {_actor_side('target')})")
        params["actor"] = actor
    if report_id:
        where.append("ev.report_id = :report_id")
        params["report_id"] = report_id
    _date_bounds(EVENT_DATE, date_from, date_to, where, params)
    base = "FROM events ev JOIN reports r ON r.id = ev.report_id " + (
        ("WHERE " + " AND ".join(where)) if where else "")
    side = (f", CASE WHEN {_actor_side('source')} THEN 'source' ELSE 'target' END AS side"
            if actor else "")
    rows = run(con, f"SELECT {_EVENT_COLUMNS}, {EVENT_DATE} AS date{side} {base} "
                    f"ORDER BY date, ev.report_id, ev.idx LIMIT :limit OFFSET :offset",
               {**params, "limit": limit, "offset": offset})
    total = run(con, f"SELECT count(*) {base}", params)[0][0]
    return [dict(r) for r in rows], total


def event_facets(con: sqlite3.Connection) -> dict[str, list[dict]]:
    """Event counts per CAMEO root, modality and actor country, for the filter menus."""
    roots = run(con, "SELECT root AS value, count(*) AS n FROM events GROUP BY root ORDER BY root")
    modalities = run(con, "SELECT modality AS value, count(*) AS n FROM events "
                          "WHERE modality IS NOT NULL GROUP BY modality ORDER BY n DESC")
    countries = run(con, "SELECT value, count(*) AS n FROM (SELECT source_country AS value FROM events "
                         "UNION ALL SELECT target_country FROM events) WHERE value IS NOT NULL "
                         "GROUP BY value ORDER BY n DESC, value LIMIT 100")
    return {"roots": [dict(r) for r in roots], "modalities": [dict(r) for r in modalities],
            "countries": [dict(r) for r in countries]}


def actor_network(con: sqlite3.Connection, name: str, max_events: int = 2000) -> dict[str, list[dict]]:
    """The actor's counterparts in events: one node each, one edge per counterpart and direction."""
    events, _ = list_events(con, actor=name, limit=max_events)
    nodes: dict[str, dict] = {name: {"id": name, "ego": True, "events": 0, "country": None}}
    edges: dict[tuple[str, str], dict] = {}
    for ev in events:
        mine, other = (("source", "target") if ev["side"] == "source" else ("target", "source"))
        if nodes[name]["country"] is None:
            nodes[name]["country"] = ev[f"{mine}_country"]
        label = ev[f"{other}_label"]
        if not label or label == name:
            continue
        node = nodes.setdefault(label, {"id": label, "ego": False, "events": 0,
                                        "country": ev[f"{other}_country"]})
        node["events"] += 1
        nodes[name]["events"] += 1
        key = (name, label) if mine == "source" else (label, name)
        edge = edges.setdefault(key, {"source": key[0], "target": key[1], "events": 0,
                                      "roots": {}, "goldstein": []})
        edge["events"] += 1
        edge["roots"][ev["root"]] = edge["roots"].get(ev["root"], 0) + 1
        if ev["goldstein"] is not None:
            edge["goldstein"].append(ev["goldstein"])
    for edge in edges.values():
        scores = edge.pop("goldstein")
        edge["goldstein"] = round(sum(scores) / len(scores), 2) if scores else None
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def list_claims(con: sqlite3.Connection, object: str | None = None, source: str | None = None,
                report_id: str | None = None, limit: int = 50,
                offset: int = 0) -> tuple[list[dict], int]:
    """Claims in time order; `object` is matched exactly (case-insensitive) so one chart is one object."""
    where, params = [], {}
    if object:
        where.append("c.object = :object COLLATE NOCASE")
        params["object"] = object
    if source:
        where.append("c.source_name LIKE :source ESCAPE '\\'")
        params["source"] = f"%{like_escape(source)}%"
    if report_id:
        where.append("c.report_id = :report_id")
        params["report_id"] = report_id
    base = "FROM claims c JOIN reports r ON r.id = c.report_id " + (
        ("WHERE " + " AND ".join(where)) if where else "")
    rows = run(con, f"SELECT c.report_id, c.idx, c.text, c.start, c.end, c.value, c.value_max, "
                    f"c.bound, c.object, c.measure, c.source_name, c.source_entity, c.time_text, "
                    f"c.time_value, r.title, {REPORT_DATE} AS report_date, "
                    f"coalesce((SELECT e.name FROM entities e WHERE e.report_id = c.report_id "
                    f"AND e.entity_id = c.source_entity), c.source_name) AS source_label "
                    f"{base} ORDER BY coalesce(c.time_value, report_date), c.report_id, c.start "
                    f"LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset})
    total = run(con, f"SELECT count(*) {base}", params)[0][0]
    return [dict(r) for r in rows], total


def claim_objects(con: sqlite3.Connection, size: int = 200) -> list[dict]:
    """What claims are about, most claimed first, with the measures used."""
    rows = run(con, "SELECT object AS value, count(*) AS n, count(DISTINCT report_id) AS reports, "
                    "group_concat(DISTINCT measure) AS measures FROM claims "
                    "WHERE object IS NOT NULL AND object != '' "
                    "GROUP BY object COLLATE NOCASE ORDER BY n DESC, value LIMIT ?", (size,))
    return [dict(r) for r in rows]


def list_quotes(con: sqlite3.Connection, speaker: str | None = None, report_id: str | None = None,
                exact: bool = False, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """Quotes; `speaker` matches the speaker's name or their entity's name (anywhere, or exactly)."""
    where, params = [], {}
    if speaker:
        op = "= :speaker" if exact else "LIKE :speaker ESCAPE '\\'"
        params["speaker"] = speaker if exact else f"%{like_escape(speaker)}%"
        where.append(f"(q.speaker_name {op} OR (q.report_id, q.speaker_entity) IN "
                     f"(SELECT report_id, entity_id FROM entities WHERE name {op}))")
    if report_id:
        where.append("q.report_id = :report_id")
        params["report_id"] = report_id
    base = "FROM quotes q JOIN reports r ON r.id = q.report_id " + (
        ("WHERE " + " AND ".join(where)) if where else "")
    rows = run(con, f"SELECT q.report_id, q.idx, q.text, q.start, q.end, q.kind, q.speaker_name, "
                    f"q.speaker_entity, r.title, {REPORT_DATE} AS date, "
                    f"coalesce((SELECT e.name FROM entities e WHERE e.report_id = q.report_id "
                    f"AND e.entity_id = q.speaker_entity), q.speaker_name) AS speaker_label "
                    f"{base} ORDER BY date, q.report_id, q.start LIMIT :limit OFFSET :offset",
               {**params, "limit": limit, "offset": offset})
    total = run(con, f"SELECT count(*) {base}", params)[0][0]
    return [dict(r) for r in rows], total


def list_places(con: sqlite3.Connection, country: str | None = None, limit: int = 500,
                offset: int = 0) -> tuple[list[dict], int]:
    """Geocoded places: how many reports mention each and how many events happen there.
    Demonyms ("Syrian") carry their country's point for geoparsing but are not listed."""
    where, params = ["e.lat IS NOT NULL", "e.lon IS NOT NULL", "e.type != 'NORP'"], {}
    if country:
        where.append("e.country = :country")
        params["country"] = country
    grouped = ("SELECT e.name, max(e.type) AS type, max(e.country) AS country, "
               "round(avg(e.lat), 4) AS lat, round(avg(e.lon), 4) AS lon, "
               "count(DISTINCT e.report_id) AS reports, sum(e.n_mentions) AS mentions, "
               "sum((SELECT count(*) FROM events ev WHERE ev.report_id = e.report_id "
               "AND ev.where_entity = e.entity_id)) AS events "
               f"FROM entities e WHERE {' AND '.join(where)} "
               "GROUP BY e.name, round(e.lat, 1), round(e.lon, 1)")
    rows = run(con, f"{grouped} ORDER BY events DESC, reports DESC, e.name "
                    f"LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset})
    total = run(con, f"SELECT count(*) FROM ({grouped})", params)[0][0]
    return [dict(r) for r in rows], total
