"""Exports of a store: full records as JSONL, events as GDELT 2.0 event-table rows."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from ..record import Record


def stored_records(con) -> Iterator[Record]:
    from ..store import queries

    offset = 0
    while True:
        rows = queries.run(con, "SELECT record FROM reports ORDER BY rowid LIMIT 200 OFFSET ?",
                           (offset,))
        if not rows:
            return
        for row in rows:
            yield Record.from_dict(json.loads(row[0]))
        offset += len(rows)


def export_store(con, fmt: str, out: TextIO) -> int:
    if fmt == "jsonl":
        n = 0
        for rec in stored_records(con):
            out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "gdelt":
        from .gdelt import write_gdelt

        return write_gdelt(stored_records(con), out)
    raise ValueError(f"unknown export format {fmt!r}; use jsonl or gdelt")
