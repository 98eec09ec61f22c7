"""Batch work over many reports: analyse paths into a store, with resume and rejections."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest.document import Document
from .ingest.readers import read_paths
from .pipeline import analyze_many
from .record import Record, content_id
from .store import Store

log = logging.getLogger(__name__)


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


def ingest_paths(paths: Iterable[str | Path], db: str | Path, published: str | None = None,
                 batch_size: int = 16, progress=None) -> IngestReport:
    """Analyse and store every report under paths.

    Reports already in the store (same id, same text) are skipped before parsing, so a re-run
    after an interruption resumes where it stopped and re-ingesting changes nothing.
    `progress`, if given, is called with each finished item (for a progress bar).
    """
    report = IngestReport()
    with Store(db) as store:
        def pending() -> Iterator[Document | InputError]:
            for item in read_paths(paths, published):
                if isinstance(item, Document):
                    rid = item.id or content_id(item.text)
                    if store.has(rid):
                        report.unchanged += 1
                        if progress:
                            progress(item)
                        continue
                yield item

        for result in analyze_many(pending(), batch_size=batch_size):
            if isinstance(result, InputError):
                report.rejected.append(result)
                store.reject(result.source, result.code, result.reason)
            elif store.put(result):
                report.stored += 1
            else:
                report.unchanged += 1
            if progress:
                progress(result)
    return report
