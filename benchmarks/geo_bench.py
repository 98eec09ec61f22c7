#!/usr/bin/env python3
"""Geocoding benchmark: GeoWebNews, LGL and TR-News end to end, plus the reference article.

    .venv/bin/python benchmarks/geo_bench.py [--sets gwn lgl trnews] [--limit N] [--json] [-v]

For each set the shared scorer (../shared/eval/geo.py) `prepare`s the articles, the full
Dateline pipeline analyses them (one `analyze_many`: our own entity detection, then places),
and the scorer's `score` gives acc161 (gold toponyms placed within 161 km / all gold toponyms,
so a toponym we did not detect counts as wrong), detected, acc161 among detected and the mean
error. Printed for the whole set and for its halves in the order `prepare` writes: the first
half ("dev") is what the weights in extract/places.py were fitted on, the second ("test") was
not looked at. Then the reference article's places with shared/eval/score.py, and the cost of
loading the gazetteer index.

Reads ../shared at run time; prints figures, asserts nothing (tests/test_eval_gate_geo.py does).
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (REFERENCE, REFERENCE_GOLD, SHARED, load_module as _module,  # noqa: E402,F401
                     reference_record, write_records)

SCORER = SHARED / "eval" / "geo.py"
SETS = ("gwn", "lgl", "trnews")


def analyze(docs: list[dict], dst: Path) -> float:
    """Records of the prepared articles as JSONL; returns the seconds spent."""
    return write_records(docs, dst)


def official_score(scorer, which: str, pred: Path, verbose: bool = False) -> dict:
    """The shared scorer's `score` on a prediction file (only the documents in it count)."""
    buf = io.StringIO()
    with redirect_stdout(buf):
        scorer.score(SimpleNamespace(pred=str(pred), set=which, data=None, min=[],
                                     verbose=verbose))
    lines = buf.getvalue().splitlines()
    summary = json.loads(next(ln for ln in reversed(lines) if ln.startswith("{")))
    if verbose:
        summary["notes"] = [ln for ln in lines if ln.startswith(("missed ", "far "))]
    return summary


def score_set(which: str, limit: int | None = None, ids: list[str] | None = None,
              workdir: Path | None = None, halves: bool = True, verbose: bool = False) -> dict:
    """Prepare, analyse and score one set; `ids` keeps a fixed subset of articles."""
    scorer = _module(SCORER, "geo_scorer")
    docs = scorer.load(which, scorer.DATA, limit)
    if ids is not None:
        keep = set(ids)
        docs = [d for d in docs if d["id"] in keep]
    work = Path(workdir or tempfile.mkdtemp(prefix=f"geo-{which}-"))
    pred = work / f"{which}.pred.jsonl"
    seconds = analyze(docs, pred)
    out = {"set": which, "articles": len(docs), "seconds": round(seconds, 1),
           "all": official_score(scorer, which, pred, verbose)}
    if halves and len(docs) > 1:
        lines = pred.read_text(encoding="utf-8").splitlines()
        order = {d["id"]: i for i, d in enumerate(scorer.load(which, scorer.DATA, None))}
        half = len(order) // 2
        for name, keep in (("dev", lambda i: i < half), ("test", lambda i: i >= half)):
            part = work / f"{which}.{name}.jsonl"
            part.write_text("\n".join(ln for ln in lines if keep(order[json.loads(ln)["id"]]))
                            + "\n", encoding="utf-8")
            out[name] = official_score(scorer, which, part)
    return out


def reference() -> dict:
    score, gold, record = reference_record()
    rec = record.to_dict()
    out = score.score_places(gold, rec)
    out["geocoded"] = sorted(e["name"] for e in rec["entities"] if e.get("geo"))
    return out


def index_cost() -> dict:
    """Seconds and resident memory to get the gazetteer (from the on-disk cache when there)."""
    import resource

    from dateline import geo
    from dateline.geo import index

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cached = any(index.cache_dir().glob(f"gazetteer-{index._cache_key()}.pickle"))
    t0 = time.perf_counter()
    gaz = geo.gazetteer()
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"from_cache": cached, "seconds": round(seconds, 2),
            "peak_rss_growth_mb": round((after - before) / 1024), "places": len(gaz.parent.places),
            "names": len(gaz.parent.names), "cache_dir": str(index.cache_dir())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=sorted(SETS))
    ap.add_argument("--limit", type=int, help="first N articles of each set")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    if not SCORER.is_file():
        print(f"{SCORER} not found: nothing to benchmark", file=sys.stderr)
        return 0
    results = {"index": index_cost()}
    for which in args.sets:
        results[which] = score_set(which, args.limit, halves=not args.limit,
                                   verbose=args.verbose)
    if REFERENCE.is_file() and REFERENCE_GOLD.is_file():
        results["reference"] = reference()
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    ix = results["index"]
    print(f"gazetteer: {ix['places']} places, {ix['names']} names; "
          f"{'loaded from cache' if ix['from_cache'] else 'built'} in {ix['seconds']} s, "
          f"+{ix['peak_rss_growth_mb']} MB peak RSS ({ix['cache_dir']})")
    print(f"{'set':8} {'part':5} {'gold':>5} {'detected':>8} {'acc161':>7} {'acc@det':>8} "
          f"{'mean km':>8}")
    for which in args.sets:
        r = results[which]
        for part in ("all", "dev", "test"):
            if part not in r:
                continue
            s = r[part]
            print(f"{which:8} {part:5} {s['gold']:>5} {s['detected']:>8} {s['acc161']:>7} "
                  f"{s['acc161_detected']:>8} {s['mean_km_detected']!s:>8}")
        if args.verbose:
            print("\n".join(r["all"].get("notes", [])))
        print(f"{'':8} ({r['articles']} articles analysed in {r['seconds']} s)")
    if "reference" in results:
        ref = results["reference"]
        print(f"reference article: acc161 {ref['acc161']}  right {ref['right']}  "
              f"wrong {ref['wrong']}  missed {ref['missed']}  false {ref['false']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
