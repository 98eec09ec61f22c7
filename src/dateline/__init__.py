"""Dateline: news reports to a sourced, queryable record of who did what to whom.

    >>> import dateline
    >>> rec = dateline.analyze("Russian President Vladimir Putin met ...", published="2023-09-14")
    >>> rec.to_dict()["entities"][0]["country"]
"""
from __future__ import annotations

from .errors import DatelineError, InputError, StoreError
from .ingest.document import Document
from .pipeline import analyze, analyze_document, analyze_many
from .record import Claim, DCT, Entity, Event, Mention, Quote, Record, Time

__all__ = ["analyze", "analyze_document", "analyze_many", "Document", "Record", "Entity",
           "Mention", "Time", "Quote", "Claim", "Event", "DCT", "DatelineError", "InputError",
           "StoreError"]
__version__ = "0.1.0"
