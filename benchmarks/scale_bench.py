"""Throughput of the Dask runner: local ingest vs `ingest_dask` on a LocalCluster, same documents.

    python benchmarks/scale_bench.py [--limit N] [--workers 2] [--chunk-size 16]

Reads the 295 Wikinews articles in ../shared/datasets/wikinews-2019-2020/ (skips if absent),
writes them as one JSONL input (id = url, so both runs store the same ids), then times
`dateline.batch.ingest_paths` (one process) and `dateline.scale.ingest_dask` (a LocalCluster of
--workers processes, one thread each) into two fresh stores, and prints documents/second for
both, the speed-up, the cluster start-up time, and how many records are identical in the two
stores. Both runs are warm: the model is loaded before timing (cluster start-up is timed
separately). Then, as a ceiling, the same analysis in --workers plain processes without Dask or
store: on a machine whose vCPUs do not scale, Dask cannot do better than that.
"""
from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "wikinews-2019-2020"


def load_articles(limit: int | None = None) -> list[dict]:
    """Rows of the dataset's CSV files (url, date, title, text)."""
    csv.field_size_limit(10**7)
    rows: list[dict] = []
    for f in sorted(DATA.glob("wikinews_*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return rows[:limit] if limit else rows


def write_jsonl(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps({"id": r["url"], "url": r["url"], "title": r["title"],
                                  "published": r["date"], "text": r["text"]},
                                 ensure_ascii=False) + "\n")


def stored_records(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("SELECT id, record FROM reports"))
    finally:
        con.close()


def _warm() -> None:
    from dateline.scale.worker import warm

    warm()


def _analyse_slice(texts: list[str]) -> tuple[int, float]:
    """In a plain worker process: analysis only, timed from inside (the model is already warm)."""
    from dateline import Document, analyze_many

    t0 = time.perf_counter()
    n = sum(1 for _ in analyze_many(Document(text=t) for t in texts))
    return n, time.perf_counter() - t0


def ceiling(texts: list[str], workers: int) -> float:
    """docs/s of `workers` independent processes analysing equal slices, no Dask and no store:
    what this machine gives for parallel analysis at all (vCPUs are not always whole cores)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm) as pool:
        list(pool.map(_analyse_slice, [texts[:1]] * workers))  # every process started and warm
        done = list(pool.map(_analyse_slice, [texts[i::workers] for i in range(workers)]))
    return sum(n for n, _ in done) / max(s for _, s in done)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int, help="Only the first N articles.")
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (default 2).")
    ap.add_argument("--chunk-size", type=int, default=16, help="Documents per Dask task.")
    ap.add_argument("--no-ceiling", dest="ceiling", action="store_false",
                    help="Skip the plain multi-process run (the machine's parallel ceiling).")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skip: {DATA} not present")
        return 0
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skip: dask.distributed is not installed (pip install 'dateline[scale]')")
        return 0
    from dateline import Document, analyze_many
    from dateline.batch import ingest_paths
    from dateline.scale import ingest_dask, open_client
    from dateline.scale.worker import LoadModel

    rows = load_articles(args.limit)
    n = len(rows)
    tmp = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    src = tmp / "wikinews.jsonl"
    write_jsonl(rows, src)

    # Local: warm the model and knowledge tables first, as the workers' plugin does.
    list(analyze_many([Document(text=r["text"]) for r in rows[:3]]))
    t0 = time.perf_counter()
    local = ingest_paths([src], tmp / "local.db")
    local_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    with open_client(workers=args.workers) as client:
        client.register_plugin(LoadModel())
        startup_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        dask = ingest_dask([src], tmp / "dask.db", client=client, chunk_size=args.chunk_size)
        dask_s = time.perf_counter() - t1

    a, b = stored_records(tmp / "local.db"), stored_records(tmp / "dask.db")
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    roof = ceiling([r["text"] for r in rows], args.workers) if args.ceiling else None
    print(f"documents: {n}  (workers: {args.workers}, chunk size: {args.chunk_size}, "
          f"machine CPUs: {__import__('os').cpu_count()})")
    print(f"local ingest (1 process):      {n / local_s:6.2f} docs/s  "
          f"({local.stored} stored, {len(local.rejected)} rejected, {local_s:.1f} s)")
    print(f"dask ingest ({args.workers} workers):       {n / dask_s:6.2f} docs/s  "
          f"({dask.stored} stored, {len(dask.rejected)} rejected, {dask_s:.1f} s)")
    print(f"speed-up (dask / local):       {local_s / dask_s:6.2f}x")
    print(f"cluster start + model load:    {startup_s:6.1f} s  "
          f"(with it: {n / (startup_s + dask_s):.2f} docs/s)")
    if roof:
        print(f"ceiling, {args.workers} plain processes:  {roof:6.2f} docs/s  "
              f"(analysis only, no Dask, no store: {roof / (n / local_s):.2f}x local)")
    print(f"same records in both stores:   {n - len(differ)}/{n}"
          + (f"  (differ: {', '.join(differ[:5])})" if differ else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
