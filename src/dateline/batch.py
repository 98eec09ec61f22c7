"""Batch work over many reports: analyse paths into a store, with resume and rejections.

The two halves of an ingest that do not depend on where analysis runs live here and are shared
with the Dask runner (`dateline.scale`): `skip_stored` (resume: drop reports whose id is already
stored, before any parsing) and `record_result` (store a record or record a rejection, and keep
the counts). Only the analysis in between differs: in-process `analyze_many` here, Dask workers
there.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest.document import Document
from .ingest.readers import read_paths
from .pipeline import analyze_many
from .record import Record, content_id
from .store import Store

log = logging.getLogger(__name__)

Progress = Callable[[object], None] | None


@dataclass
class IngestReport:
    stored: int = 0
    unchanged: int = 0
    rejected: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def analyze_paths(paths: Iterable[str | Path], published: str | None = None,
                  batch_size: int = 16) -> Iterator[Record | InputError]:
    """Records (or InputErrors, in place of unreadable items) for every report under paths."""
    yield from analyze_many(read_paths(paths, published), batch_size=batch_size)


def skip_stored(items: Iterable[Document | InputError], store: Store, report: IngestReport,
                progress: Progress = None) -> Iterator[Document | InputError]:
    """The items still to analyse: documents whose id is already in the store are counted as
    unchanged and dropped here, so a re-run never parses them again."""
    for item in items:
        if isinstance(item, Document):
            rid = item.id or content_id(item.text)
            if store.has(rid):
                report.unchanged += 1
                if progress:
                    progress(item)
                continue
        yield item


def record_result(store: Store, report: IngestReport, result: Record | InputError,
                  progress: Progress = None) -> None:
    """Write one analysis result: a record is stored (one transaction), an InputError is
    recorded as rejected with its reason."""
    if isinstance(result, InputError):
        report.rejected.append(result)
        store.reject(result.source, result.code, result.reason)
    elif store.put(result):
        report.stored += 1
    else:
        report.unchanged += 1
    if progress:
        progress(result)


def ingest_paths(paths: Iterable[str | Path], db: str | Path, published: str | None = None,
                 batch_size: int = 16, progress: Progress = None) -> IngestReport:
    """Analyse and store every report under paths.

    Reports already in the store (same id, same text) are skipped before parsing, so a re-run
    after an interruption resumes where it stopped and re-ingesting changes nothing.
    `progress`, if given, is called with each finished item (for a progress bar).
    """
    report = IngestReport()
    with Store(db) as store:
        pending = skip_stored(read_paths(paths, published), store, report, progress)
        for result in analyze_many(pending, batch_size=batch_size):
            record_result(store, report, result, progress)
    return report
