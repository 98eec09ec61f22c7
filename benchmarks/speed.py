"""Throughput: Dateline analyse+store vs raw spaCy `nlp.pipe`, same documents, same run.

    python benchmarks/speed.py [--limit N] [--db PATH]

Reads the 295 Wikinews articles in ../shared/datasets/wikinews-2019-2020/ (skips if absent),
times `nlp.pipe` over their texts, then Dateline's whole path (analysis + SQLite store) over the
same texts, and prints documents/second for both and their ratio (the goal is >= 0.75).
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "wikinews-2019-2020"


def load_articles(limit: int | None = None) -> list[dict]:
    csv.field_size_limit(10**7)
    rows = []
    for f in sorted(DATA.glob("wikinews_*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return rows[:limit] if limit else rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--db")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skip: {DATA} not present")
        return 0
    from dateline import Document, analyze_many
    from dateline.nlp import load
    from dateline.store import Store

    rows = load_articles(args.limit)
    texts = [r["text"] for r in rows]
    nlp = load()
    list(nlp.pipe(texts[:5]))  # warm-up: first-call costs are not throughput

    t0 = time.perf_counter()
    n_tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=16))
    raw_s = time.perf_counter() - t0

    # Warm the knowledge tables and geocoder index the same way.
    list(analyze_many([Document(text=t) for t in texts[:3]]))
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "speed.db"
    t0 = time.perf_counter()
    stored = 0
    with Store(db) as store:
        docs = (Document(text=r["text"], title=r["title"], published=r["date"], url=r["url"],
                         id=r["url"]) for r in rows)
        for rec in analyze_many(docs, batch_size=16):
            if not isinstance(rec, Exception):
                stored += store.put(rec)
    ours_s = time.perf_counter() - t0

    n = len(texts)
    print(f"documents: {n}  tokens: {n_tokens}")
    print(f"raw spaCy nlp.pipe:      {n / raw_s:6.2f} docs/s  ({n_tokens / raw_s:,.0f} tokens/s)")
    print(f"Dateline analyse+store:  {n / ours_s:6.2f} docs/s  ({stored} stored)")
    print(f"ratio (Dateline / raw):  {raw_s / ours_s:6.2f}   (goal >= 0.75)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
