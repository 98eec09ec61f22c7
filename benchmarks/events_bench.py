#!/usr/bin/env python3
"""Benchmark of the CAMEO event coder.

1. PLOVER gold-standard records (../shared/datasets/plover-gsr/, 322 edited news sentences from
   the CAMEO manual, one gold event each) and the PETRARCH-2 validation sentences
   (../shared/datasets/petrarch-validation/, 78 records, 80 gold codings, 12 with none).
   Each set is prepared with `../shared/eval/events.py prepare`, analysed with Dateline, and
   scored with `events.py score` (the official figures: PLOVER category recall + actor accuracy
   for plover; CAMEO root P/R/F1 + actor accuracy for petr2). Printed beside them, computed here
   the same way for both sets: PLOVER category recall, source-country accuracy on hits, and CAMEO
   root precision/recall/F1 (for plover the gold root is the set of CAMEO roots of its PLOVER
   category; a sentence has one gold event there, so its "precision" counts every other event
   in the sentence as false and is a floor).
2. The reference article (../shared/corpus/reference/) scored with ../shared/eval/score.py's
   `score_events` (actor-country pair + root against the gold events).
3. Speed: the events stage's share of the pipeline time.

    .venv/bin/python benchmarks/events_bench.py [--set plover|petr2|all] [-v [--show dev|test|all]]
        [--json] [--limit N]

Neither set comes with a dev/test split, so this script makes one, deterministically: sentences
at even positions of the set's file order are dev, odd positions are test (alternating keeps the
PLOVER categories, which the file lists in blocks, balanced across the halves). Rules are looked
for on dev misses only (`-v` lists dev misses with their text by default); test is the held-out
measure. Both halves are printed with the official formulas of events.py (`split_scores`).
The rules are general English news rules (see the module docstrings of dateline.extract.eventing).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (REFERENCE, REFERENCE_GOLD as GOLD, SCORE_PY, SHARED,  # noqa: E402,F401
                     load_module as _module)
from _common import reference_record  # noqa: E402

EVENTS_PY = SHARED / "eval" / "events.py"


def prepare(which: str, workdir: Path) -> Path:
    out = workdir / f"{which}.jsonl"
    subprocess.run([sys.executable, str(EVENTS_PY), "prepare", str(out), "--set", which],
                   check=True, capture_output=True, text=True)
    return out


def analyse(docs_path: Path, pred_path: Path, limit: int | None = None) -> tuple[list[dict], float]:
    from dateline.ingest.document import Document
    from dateline.pipeline import analyze_many

    docs = [json.loads(line) for line in docs_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        docs = docs[:limit]
    t0 = time.perf_counter()
    recs = []
    for rec in analyze_many(Document(text=d["text"], id=d["id"], published=d.get("published"))
                            for d in docs):
        recs.append(rec.to_dict() if hasattr(rec, "to_dict") else {"id": getattr(rec, "source", None)})
    elapsed = time.perf_counter() - t0
    with pred_path.open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    return recs, elapsed


def official(which: str, pred: Path, verbose: bool) -> dict:
    args = [sys.executable, str(EVENTS_PY), "score", str(pred), "--set", which] + (["-v"] if verbose else [])
    res = subprocess.run(args, capture_output=True, text=True)
    lines = res.stdout.strip().splitlines()
    summary = json.loads(next(line for line in reversed(lines) if line.startswith("{")))
    if verbose:
        print("\n".join(line for line in lines if not line.startswith("{") and line not in ("OK",)))
    return summary


def plover_roots() -> dict[str, set[str]]:
    """PLOVER category -> CAMEO roots, from our code table (both PLOVER namings)."""
    from dateline.extract.eventing.lexicon import lexicon

    out: dict[str, set[str]] = {}
    for code, info in lexicon().codes.items():
        for cat in (info.plover, info.plover_2021):
            if cat:
                out.setdefault(cat, set()).add(code[:2])
    return out


def crosswise(which: str, recs: list[dict], ev) -> dict:
    """PLOVER recall + source accuracy and CAMEO root P/R/F1, computed alike for both sets."""
    from dateline.extract.eventing.lexicon import lexicon

    lex = lexicon()
    roots_of = plover_roots()
    docs = {d["id"]: d for d in ev.load(which)}
    by_id = {r.get("id"): r for r in recs}
    cat_hit = cat_n = src_ok = 0
    tp = fp = fn = 0
    for did, d in docs.items():
        if did not in by_id:
            continue
        events = by_id[did].get("events") or []
        for g in d["gold"]:
            if which == "plover":
                cat, sources = g["plover"], g["source"]
            else:
                info = lex.info(g["code"])
                cat, sources = (info.plover if info else None), [g["source"][:3]]
            if not cat:
                continue
            cat_n += 1
            hit = next((e for e in events if (e.get("plover") or "") == cat), None)
            if hit is not None:
                cat_hit += 1
                src = ((hit.get("source") or {}).get("country") or "")[:3]
                src_ok += (not sources or src in sources)
        gold_roots = []
        for g in d["gold"]:
            gold_roots.append(roots_of.get(g["plover"], set()) if which == "plover" else {g["code"][:2]})
        open_gold = list(gold_roots)
        for e in events:
            r = str(e.get("root") or "")
            m = next((g for g in open_gold if r in g), None)
            if m is None:
                fp += 1
            else:
                open_gold.remove(m)
                tp += 1
        fn += len(open_gold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"plover_recall": round(cat_hit / cat_n, 3) if cat_n else None,
            "source_acc": round(src_ok / cat_hit, 3) if cat_hit else None,
            "root_p": round(p, 3), "root_r": round(r, 3),
            "root_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def half(index: int) -> str:
    """The deterministic split: even positions in the set's file order are dev, odd are test."""
    return "dev" if index % 2 == 0 else "test"


def split_scores(which: str, recs: list[dict], ev, show: str | None = None) -> dict:
    """The official events.py figures computed per half (same formulas as `events.py score`).

    `show` ("dev", "test" or "all") prints that half's misses and false events with the
    sentence text (internal evaluation only; nothing is written anywhere)."""
    table = ev.cameo_to_plover()
    by_id = {r.get("id"): r for r in recs}
    out: dict[str, dict] = {}
    for idx, d in enumerate(ev.load(which)):
        if d["id"] not in by_id:
            continue
        h = half(idx)
        acc = out.setdefault(h, {"tp": 0, "fp": 0, "fn": 0, "ok": 0, "n": 0})
        acc["n"] += 1
        events = by_id[d["id"]].get("events") or []
        notes = []
        if which == "plover":
            g = d["gold"][0]
            cats = [(e.get("plover") or table.get(str(e.get("code") or ""), "")
                     or table.get(str(e.get("code") or "")[:2], "")).upper() for e in events]
            hit = next((e for e, c in zip(events, cats) if c == g["plover"]), None)
            if hit is None:
                acc["fn"] += 1
                notes.append(f"gold {g['plover']} {g['source']}->{g['target']} got "
                             f"{[(e.get('code'), (e.get('trigger') or {}).get('text')) for e in events]}")
            else:
                acc["tp"] += 1
                src_ok = not g["source"] or ev.country(hit.get("source")) in g["source"]
                tgt_ok = not g["target"] or ev.country(hit.get("target")) in g["target"]
                acc["ok"] += src_ok and tgt_ok
                if not (src_ok and tgt_ok):
                    notes.append(f"actors: gold {g['source']}->{g['target']} got "
                                 f"{ev.country(hit.get('source'))}->{ev.country(hit.get('target'))} "
                                 f"({hit.get('code')} '{(hit.get('trigger') or {}).get('text')}')")
        else:
            open_gold = list(d["gold"])
            for e in events:
                root = str(e.get("root") or str(e.get("code") or "")[:2]).zfill(2)
                hit = next((g for g in open_gold if g["code"][:2] == root), None)
                trig = (e.get("trigger") or {}).get("text")
                if hit is None:
                    acc["fp"] += 1
                    notes.append(f"false {e.get('code')} '{trig}' "
                                 f"{ev.country(e.get('source'))}->{ev.country(e.get('target'))}")
                    continue
                open_gold.remove(hit)
                acc["tp"] += 1
                ok = ev.country(e.get("source")) == hit["source"] and ev.country(e.get("target")) == hit["target"]
                acc["ok"] += ok
                if not ok:
                    notes.append(f"actors: {hit['code']} gold {hit['source']}->{hit['target']} got "
                                 f"{ev.country(e.get('source'))}->{ev.country(e.get('target'))} '{trig}'")
            acc["fn"] += len(open_gold)
            notes += [f"missed {g['code']} {g['source']}->{g['target']}" for g in open_gold]
        if show in (h, "all") and notes:
            print(f"[{h}] {d['id']}: {d['text']}")
            for n in notes:
                print(f"      {n}")
    res = {}
    for h, a in sorted(out.items()):
        tp, fp, fn = a["tp"], a["fp"], a["fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        res[h] = {"sentences": a["n"], "recall": round(r, 3), "actor_acc": round(a["ok"] / tp, 3) if tp else 0.0}
        if which == "petr2":
            res[h].update(precision=round(p, 3), f1=round(2 * p * r / (p + r), 3) if p + r else 0.0)
    return res


def reference() -> dict:
    score, gold, rec = reference_record()
    res = score.score_events(gold, rec.to_dict())
    res["events"] = len(rec.events)
    res["mentions"] = sum(1 + len(e.mentions) for e in rec.events)
    return res


def stage_share() -> dict:
    """Time of the events stage relative to the spaCy parse of the reference article (3 runs)."""
    from dateline.extract import events
    from dateline.extract.context import Context
    from dateline.nlp import load
    from dateline.ingest.document import Document
    from dateline.pipeline import build_record

    nlp = load()
    text = REFERENCE.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    docs = [nlp(text) for _ in range(3)]
    parse = time.perf_counter() - t0
    recs = [build_record(Document(text=text), d) for d in docs]
    t0 = time.perf_counter()
    for d, r in zip(docs, recs):
        r.events = []
        events.run(Context(doc=d, record=r))
    stage = time.perf_counter() - t0
    return {"parse_s": round(parse, 3), "events_stage_s": round(stage, 3),
            "events_vs_parse": round(stage / parse, 3) if parse else None}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", choices=["plover", "petr2", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences only")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list the misses and false events of one half (--show) with their text")
    ap.add_argument("--show", choices=["dev", "test", "all"], default="dev",
                    help="which half -v lists (default dev: look for rules on dev only)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not EVENTS_PY.is_file():
        print("../shared/eval/events.py not found; nothing to score")
        return 0
    ev = _module(EVENTS_PY, "dateline_events_eval")
    sets = ["plover", "petr2"] if args.set == "all" else [args.set]
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for which in sets:
            docs = prepare(which, Path(tmp))
            pred = Path(tmp) / f"{which}.pred.jsonl"
            recs, secs = analyse(docs, pred, args.limit)
            if args.verbose:
                print(f"==== {which}: {args.show} misses")
            result[which] = {"official": official(which, pred, False),
                             "halves": split_scores(which, recs, ev, args.show if args.verbose else None),
                             "crosswise": crosswise(which, recs, ev),
                             "docs": len(recs), "seconds": round(secs, 2)}
    if REFERENCE.is_file() and GOLD.is_file():
        result["reference"] = reference()
    result["speed"] = stage_share()
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for which in sets:
        r = result[which]
        o, c = r["official"], r["crosswise"]
        print(f"== {which} ({r['docs']} sentences, {r['seconds']} s)")
        if which == "plover":
            print(f"  official  PLOVER recall {o['recall']}  actor acc {o['actor_acc']}  (tp {o['tp']}, fn {o['fn']})")
        else:
            print(f"  official  CAMEO root P {o['precision']} R {o['recall']} F1 {o['f1']}  actor acc "
                  f"{o['actor_acc']}  (tp {o['tp']}, fp {o['fp']}, fn {o['fn']})")
        print(f"  computed  PLOVER recall {c['plover_recall']}  source acc {c['source_acc']}  "
              f"CAMEO root P {c['root_p']} R {c['root_r']} F1 {c['root_f1']}")
        for h, f in r["halves"].items():
            extra = f"  P {f['precision']} F1 {f['f1']}" if which == "petr2" else ""
            print(f"  {h:<4} ({f['sentences']} sentences)  recall {f['recall']}{extra}  actor acc {f['actor_acc']}")
    if "reference" in result:
        ref = result["reference"]
        print(f"== reference article: events P {ref['p']} R {ref['r']} F1 {ref['f1']} "
              f"(tp {ref['tp']}, fp {ref['fp']}, fn {ref['fn']}), where acc {ref['where_acc']}, "
              f"{ref['events']} events from {ref['mentions']} mentions")
        if ref["false"]:
            print(f"  false: {ref['false']}")
        if ref["missed"]:
            print(f"  missed: {ref['missed']}")
    sp = result["speed"]
    print(f"== speed: events stage {sp['events_stage_s']} s vs spaCy parse {sp['parse_s']} s "
          f"({sp['events_vs_parse']:.1%} of parse time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
