"""`ingest_dask`: the local `ingest_paths` with the analysis done by a Dask cluster."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..batch import IngestReport, Progress, record_result, skip_stored
from ..ingest.readers import read_paths
from ..store import Store
from .cluster import open_client, require_distributed
from .wire import Result

log = logging.getLogger(__name__)


def _ready(client, warm: bool) -> None:
    if warm:
        from .worker import LoadModel

        # Every worker (and any that joins later) loads the model at start, in parallel.
        client.register_plugin(LoadModel())


def ingest_dask(paths: Iterable[str | Path], db: str | Path, *, published: str | None = None,
                client=None, scheduler: str | None = None, workers: int | None = None,
                chunk_size: int = 16, batch_size: int = 16, window: int | None = None,
                warm: bool = True, progress: Progress = None, **cluster_kwargs) -> IngestReport:
    """Analyse and store every report under paths, analysis on Dask workers.

    Same contract as `dateline.batch.ingest_paths`: ids already stored are skipped before
    parsing (resume), a bad input or a document that fails analysis is recorded as rejected
    with its reason and the rest goes on, and the store is written only here, by one writer.

    Cluster: `client` (a `distributed.Client`, left open), else `scheduler` (an address such as
    `tcp://host:8786`), else a LocalCluster of `workers` processes with one thread each
    (`cluster_kwargs` go to LocalCluster). `chunk_size` documents go to a worker per task and
    are parsed with `nlp.pipe` in batches of `batch_size`; `window` chunks are in flight at once.
    """
    require_distributed()  # a clear error before anything is read when the extra is missing
    from .stream import analyze_on_dask

    report = IngestReport()
    with Store(db) as store, open_client(client, scheduler, workers, **cluster_kwargs) as c:
        _ready(c, warm)
        pending = skip_stored(read_paths(paths, published), store, report, progress)
        for result in analyze_on_dask(pending, c, chunk_size=chunk_size, batch_size=batch_size,
                                      window=window):
            record_result(store, report, result, progress)
    return report


def analyze_paths_dask(paths: Iterable[str | Path], *, published: str | None = None,
                       client=None, scheduler: str | None = None, workers: int | None = None,
                       chunk_size: int = 16, batch_size: int = 16, warm: bool = True,
                       **cluster_kwargs) -> Iterator[Result]:
    """Records (or InputErrors) for every report under paths, in input order, without a store."""
    require_distributed()
    from .stream import analyze_on_dask

    with open_client(client, scheduler, workers, **cluster_kwargs) as c:
        _ready(c, warm)
        yield from analyze_on_dask(read_paths(paths, published), c, chunk_size=chunk_size,
                                   batch_size=batch_size)
