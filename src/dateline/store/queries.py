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
    """Each word as a quoted FTS5 string, so operators and quotes in user input are inert."""
    words = [w for w in query.split() if w]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def get_record(con: sqlite3.Connection, report_id: str) -> dict[str, Any] | None:
    rows = run(con, "SELECT record FROM reports WHERE id=?", (report_id,))
    return json.loads(rows[0]["record"]) if rows else None


def search(con: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0) -> list[dict]:
    q = escape_fts(query)
    if not q:
        return []
    rows = run(con,
               "SELECT r.id, r.title, r.published, r.dct_value, "
               "snippet(reports_fts, 1, '[', ']', '…', 12) AS snippet "
               "FROM reports_fts JOIN reports r ON r.rowid = reports_fts.rowid "
               "WHERE reports_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (q, limit, offset))
    return [dict(r) for r in rows]


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
        sql += " WHERE q.speaker_name LIKE ?"
        params.append(f"%{speaker}%")
    sql += " ORDER BY r.dct_value, q.report_id, q.start LIMIT ? OFFSET ?"
    return [dict(r) for r in run(con, sql, (*params, limit, offset))]


def claims(con: sqlite3.Connection, object: str | None = None, limit: int = 100,
           offset: int = 0) -> list[dict]:
    sql = ("SELECT c.report_id, c.idx, c.text, c.value, c.value_max, c.bound, c.object, c.measure, "
           "c.source_name, c.time_text, c.time_value, c.start, c.end, r.title, r.dct_value "
           "FROM claims c JOIN reports r ON r.id = c.report_id")
    params: list[Any] = []
    if object:
        sql += " WHERE c.object LIKE ?"
        params.append(f"%{object}%")
    sql += " ORDER BY coalesce(c.time_value, r.dct_value), c.report_id, c.start LIMIT ? OFFSET ?"
    return [dict(r) for r in run(con, sql, (*params, limit, offset))]


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence-ish stretch around a span, for listings (stored records hold no parse)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1:right].strip()
