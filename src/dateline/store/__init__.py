"""SQLite store of record: one writer (writer.Store), read-only readers (queries)."""
from .writer import Store, SCHEMA_VERSION

__all__ = ["Store", "SCHEMA_VERSION"]
