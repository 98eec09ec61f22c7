"""Dask runner: analyse reports on Dask workers, store them through the one local writer.

    from dateline.scale import ingest_dask
    report = ingest_dask(["reports/"], "news.db", workers=4)                 # LocalCluster
    report = ingest_dask(["reports/"], "news.db", scheduler="tcp://h:8786")  # existing cluster

Division of work (the same contract as `dateline.batch.ingest_paths`, whose helpers it reuses):

- client: reads the inputs with `ingest.readers` (so validation and rejections are the same),
  skips ids already stored, cuts the rest into chunks and submits a bounded window of them;
- workers (`worker.py`): `pipeline.analyze_many` over a chunk (one `nlp.pipe`), the spaCy model
  loaded once per worker process; records and rejections go back, never a spaCy Doc;
- client: results are written in input order by the single SQLite writer (`store.Store`), one
  transaction per record. SQLite is never opened by a worker.

Needs the `scale` extra (`pip install 'dateline[scale]'`: dask + distributed); on a real cluster
every worker needs the same Dateline and spaCy model installed.
"""
from __future__ import annotations

from .cluster import open_client
from .ingest import analyze_paths_dask, ingest_dask

__all__ = ["ingest_dask", "analyze_paths_dask", "open_client"]
