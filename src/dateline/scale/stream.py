"""Client side of the Dask run: chunk the input stream, keep a bounded window of chunks on the
cluster, and hand results back in input order.

Input order is kept (results wait for earlier chunks) so a Dask ingest writes exactly what the
local path writes, in the same order; the window keeps every worker busy meanwhile and bounds
how many documents are held in memory, whatever the size of the input.
"""
from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..ingest.document import Document
from .wire import Result, from_wire
from .worker import analyze_chunk, internal_error

log = logging.getLogger(__name__)


@dataclass
class _Chunk:
    items: list[Document | InputError]  # as read, rejections from the readers included
    docs: list[Document]                 # the part sent to a worker
    future: object | None


def chunks(items: Iterable[Document | InputError], size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def n_workers(client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def analyze_on_dask(items: Iterable[Document | InputError], client, chunk_size: int = 16,
                    batch_size: int = 16, window: int | None = None) -> Iterator[Result]:
    """Records or InputErrors for `items`, in order, analysed on the cluster behind `client`.

    Reader rejections (InputErrors among the items) never leave the client. `window` is the
    number of chunks in flight (default: two per worker, plus one).
    """
    window = window or 2 * n_workers(client) + 1
    batch_size = max(1, min(batch_size, chunk_size))
    in_flight: deque[_Chunk] = deque()
    for items_ in chunks(items, chunk_size):
        docs = [d for d in items_ if isinstance(d, Document)]
        fut = (client.submit(analyze_chunk, docs, batch_size, pure=False) if docs else None)
        in_flight.append(_Chunk(items_, docs, fut))
        while len(in_flight) >= window:
            yield from _merge(in_flight.popleft(), client)
    while in_flight:
        yield from _merge(in_flight.popleft(), client)


def _merge(chunk: _Chunk, client) -> Iterator[Result]:
    """The chunk's items in order: reader rejections as they were, documents by their results."""
    analysed = iter(_collect(chunk, client) if chunk.docs else [])
    for item in chunk.items:
        yield item if isinstance(item, InputError) else next(analysed)


def _collect(chunk: _Chunk, client) -> list[Result]:
    try:
        return [from_wire(r) for r in chunk.future.result()]
    except Exception as exc:
        # The task failed as a whole (a worker died on it, or results could not travel back):
        # analyse its documents one per task, so only a document that fails alone is rejected.
        if len(chunk.docs) == 1:
            return [internal_error(chunk.docs[0], exc)]
        log.warning("chunk of %d documents failed on the cluster (%r); retrying one by one",
                    len(chunk.docs), exc)
        futures = [client.submit(analyze_chunk, [d], 1, pure=False) for d in chunk.docs]
        out: list[Result] = []
        for doc, fut in zip(chunk.docs, futures):
            try:
                out.extend(from_wire(r) for r in fut.result())
            except Exception as exc1:
                out.append(internal_error(doc, exc1))
        return out
    finally:
        chunk.future = None  # let the cluster forget the result once it is here
