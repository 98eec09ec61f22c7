"""Runs on Dask workers: analyse one chunk of documents; keep the model loaded per process.

`nlp.load()` is cached per process (functools.lru_cache), so every task on a worker process
reuses the one spaCy model; `LoadModel` (a worker plugin) loads it, and the knowledge tables,
when the worker starts rather than inside the first task.
"""
from __future__ import annotations

import logging

from distributed import WorkerPlugin

from ..errors import InputError
from ..ingest.document import Document
from ..pipeline import analyze_many
from .wire import WireResult, to_wire

log = logging.getLogger(__name__)

# A few words that reach every stage, so the first real task does not pay for lazy loading.
_WARM_TEXT = ("Officials in Paris said on Monday that 20 soldiers had arrived. "
              "\"We welcome them,\" the minister said.")


def warm() -> None:
    list(analyze_many([Document(text=_WARM_TEXT, published="2024-01-01")]))


class LoadModel(WorkerPlugin):
    """Worker plugin: load the spaCy model and knowledge tables once, at worker start."""

    name = "dateline-load-model"

    def setup(self, worker) -> None:
        warm()


def internal_error(doc: Document, exc: BaseException) -> InputError:
    return InputError(doc.source or doc.id or "<text>", "E005",
                      f"internal error during analysis: {exc!r}")


def analyze_chunk(docs: list[Document], batch_size: int = 16) -> list[WireResult]:
    """One result per document, in order: a Record or a Rejected (never an exception).

    `analyze_many` already turns a failing extractor into a rejection; if the parse of the batch
    itself fails, the chunk is redone one document at a time so only the culprit is rejected.
    """
    try:
        results = list(analyze_many(docs, batch_size=batch_size))
    except Exception:
        log.exception("chunk of %d failed; retrying one document at a time", len(docs))
        results = []
        for doc in docs:
            try:
                results.extend(analyze_many([doc], batch_size=1))
            except Exception as exc:
                results.append(internal_error(doc, exc))
    return [to_wire(r) for r in results]
