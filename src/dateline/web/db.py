"""Read-only access to the store for request handlers: one short-lived connection per request."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..store.queries import open_readonly, run


class Database:
    """Where the store is and how long a query may run; `connect()` per request.

    A connection per request keeps each query's deadline its own (the deadline lives on the
    connection) and costs well under a millisecond with SQLite.
    """

    def __init__(self, path: str | Path, timeout_s: float = 5.0) -> None:
        self.path = Path(path)
        self.timeout_s = timeout_s
        with self.connect() as con:  # fail at start-up, not on the first request
            run(con, "SELECT count(*) FROM reports")

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        con = open_readonly(self.path, self.timeout_s)
        try:
            yield con
        finally:
            con.close()
