"""The single writer: records in, index tables kept in step, rejections recorded.

Each record is written in its own transaction, so an interrupted ingest leaves whole records
only and a re-run resumes by skipping ids already present (ids are content hashes or the ids
given in JSONL input, so re-ingesting the same report changes nothing).
"""
from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from importlib import resources
from pathlib import Path

from ..errors import StoreError
from ..record import Record, content_id

SCHEMA_VERSION = 1


def connect(path: str | Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(str(path), timeout=30)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the store ({exc}); check the path and permissions") from exc
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA synchronous=NORMAL")
    return con


def migrate(con: sqlite3.Connection) -> None:
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"store schema v{version} is newer than this Dateline (v{SCHEMA_VERSION}); "
                         "upgrade Dateline")
    if version < 1:
        con.executescript(resources.files(__package__).joinpath("schema.sql").read_text())
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.commit()


def _now() -> str:
    # Wall-clock time is fine here: it records when we stored a report, never what a text means.
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.con = connect(self.path)
        migrate(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, report_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM reports WHERE id=?", (report_id,)).fetchone() is not None

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM reports").fetchone()[0]

    def put(self, rec: Record) -> bool:
        """Store a record; returns False (and changes nothing) when the same report is there."""
        digest = content_id(rec.text)
        row = self.con.execute("SELECT content_hash FROM reports WHERE id=?", (rec.id,)).fetchone()
        if row and row[0] == digest:
            return False
        with self.con:
            if row:
                self.con.execute("DELETE FROM reports WHERE id=?", (rec.id,))
                for table in ("entities", "mentions", "times", "quotes", "claims", "events"):
                    self.con.execute(f"DELETE FROM {table} WHERE report_id=?", (rec.id,))
            self._insert(rec, digest)
            if rec.source:
                self.con.execute("DELETE FROM rejected WHERE source=?", (rec.source,))
        return True

    def reject(self, source: str, code: str, reason: str) -> None:
        with self.con:
            self.con.execute("INSERT OR REPLACE INTO rejected(source, code, reason, at) VALUES (?,?,?,?)",
                             (source, code, reason, _now()))

    def _insert(self, rec: Record, digest: str) -> None:
        c, rid = self.con, rec.id
        c.execute(
            "INSERT INTO reports(id, content_hash, source, url, title, subtitle, authors, published,"
            " dct_value, dct_source, text, record, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (rid, digest, rec.source, rec.url, rec.title, rec.subtitle, json.dumps(rec.authors),
             rec.published, rec.dct.value, rec.dct.source, rec.text,
             json.dumps(rec.to_dict(), ensure_ascii=False), _now()))
        for e in rec.entities:
            geo = e.geo or {}
            c.execute("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)",
                      (rid, e.id, e.name, e.type, e.country, e.role, geo.get("lat"), geo.get("lon"),
                       len(e.mentions)))
            c.executemany("INSERT INTO mentions VALUES (?,?,?,?,?)",
                          [(rid, e.id, m.start, m.end, m.text) for m in e.mentions])
        c.executemany("INSERT INTO times VALUES (?,?,?,?,?,?,?)",
                      [(rid, i, t.text, t.start, t.end, t.type, t.value)
                       for i, t in enumerate(rec.times)])
        c.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?)",
                      [(rid, i, q.text, q.start, q.end, q.kind,
                        q.speaker.name if q.speaker else None, q.speaker.entity if q.speaker else None)
                       for i, q in enumerate(rec.quotes)])
        c.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      [(rid, i, k.text, k.start, k.end, k.value, k.value_max, k.bound, k.object,
                        k.measure, k.source.name if k.source else None,
                        k.source.entity if k.source else None,
                        k.time.text if k.time else None, k.time.value if k.time else None)
                       for i, k in enumerate(rec.claims)])
        rows = []
        for i, ev in enumerate(rec.events):
            s, t = ev.source, ev.target
            rows.append((rid, i, ev.code, ev.root, ev.plover, ev.modality, ev.trigger.text,
                         ev.trigger.start, ev.trigger.end,
                         s.name if s else None, s.country if s else None, s.role if s else None,
                         s.entity if s else None,
                         t.name if t else None, t.country if t else None, t.role if t else None,
                         t.entity if t else None,
                         ev.where.name if ev.where else None, ev.where.entity if ev.where else None,
                         ev.when.text if ev.when else None, ev.when.value if ev.when else None,
                         ev.sentence.get("start"), ev.sentence.get("end"), 1 + len(ev.mentions),
                         ev.goldstein, ev.quad_class))
        c.executemany("INSERT INTO events VALUES (" + ",".join("?" * 26) + ")", rows)
