#!/usr/bin/env python3
"""Time-expression benchmark: TempEval-3 platinum (test), MEANTIME (dev), the reference article.

    python benchmarks/timeml_bench.py              # TempEval-3 + reference article
    python benchmarks/timeml_bench.py --dev        # also MEANTIME (the set rules were tuned on)
    python benchmarks/timeml_bench.py --no-dct     # TempEval-3 with the DCT withheld (inference)
    python benchmarks/timeml_bench.py -v           # list every wrong or missed TempEval item

TempEval-3 is prepared and scored by ../shared/eval/timeml.py (relaxed span F1, TIMEX3 value
F1; HeidelTime 0.776). MEANTIME (../shared/datasets/meantime) is read here: its TIMEX3 layer
covers the title and the first five sentences of each article, so only that part is scored,
and the creation-time expression under the headline is left out. The reference article is
scored with ../shared/eval/score.py's time rules. Data is read at run time, never copied.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (REFERENCE_GOLD, SHARED, load_module as _module,  # noqa: E402,F401
                     reference_record)


def analyze(docs: list[dict], published: bool = True) -> list[dict]:
    """Run the whole Dateline pipeline over {"id","text","title","published"} dicts."""
    import dateline
    from dateline.errors import InputError

    items = [dateline.Document(text=d["text"], id=d["id"], title=d.get("title"),
                               published=d.get("published") if published else None)
             for d in docs]
    out = []
    for rec in dateline.analyze_many(items):
        if isinstance(rec, InputError):
            raise RuntimeError(f"analysis failed: {rec}")
        out.append(rec.to_dict())
    return out


# ------------------------------------------------------------------ TempEval-3

def tempeval(published: bool = True, verbose: bool = False) -> dict:
    timeml = _module(SHARED / "eval" / "timeml.py", "timeml_scorer")
    data = timeml.data_dir(None)
    docs = timeml.load(data)
    t0 = time.perf_counter()
    recs = analyze([{k: d[k] for k in ("id", "text", "title", "published")} for d in docs], published)
    elapsed = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        buf = io.StringIO()
        args = argparse.Namespace(pred=str(pred), data=str(data), min=[], verbose=verbose)
        with contextlib.redirect_stdout(buf):
            timeml.score(args)
    lines = buf.getvalue().splitlines()
    summary = json.loads(next(ln for ln in lines if ln.startswith("{")))
    summary["seconds"] = round(elapsed, 2)
    if verbose:
        summary["errors"] = [ln for ln in lines if not ln.startswith("{") and ln not in ("OK",)]
    if not published:
        summary["dct_inferred"] = sum(1 for r in recs if r["dct"]["source"] == "inferred")
    return summary


# ------------------------------------------------------------------ MEANTIME (dev)

def meantime_docs(limit_sentence: int = 5) -> list[dict]:
    """Text, DCT and scored TIMEX3 spans of each MEANTIME article (tokens joined by spaces)."""
    out = []
    for path in sorted((SHARED / "datasets" / "meantime").glob("corpus_*/*.xml")):
        root = ElementTree.parse(path).getroot()
        text, pos, sent, limit = "", {}, None, 0
        for tok in root.findall("token"):
            s = tok.get("sentence")
            if sent is not None:
                text += "\n\n" if s != sent and sent == "0" else " "
            sent = s
            start = len(text)
            text += tok.text or ""
            pos[tok.get("t_id")] = (start, len(text))
            if int(s) <= limit_sentence:
                limit = len(text)
        dct, dct_span, timexes = None, None, []
        for m in root.find("Markables").findall("TIMEX3"):
            ids = [a.get("t_id") for a in m.findall("token_anchor")]
            span = (min(pos[i][0] for i in ids), max(pos[i][1] for i in ids)) if ids else None
            if m.get("functionInDocument") == "CREATION_TIME":
                dct, dct_span = m.get("value"), span
                continue
            if span:
                timexes.append({"start": span[0], "end": span[1], "value": m.get("value") or ""})
        if dct and not (len(dct) >= 10 and dct[4] == "-"):
            dct = None  # one file gives "03-02-2009"
        out.append({"id": path.stem, "text": text, "title": None, "published": dct,
                    "timexes": timexes, "limit": limit, "dct_span": dct_span})
    return out


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def meantime(verbose: bool = False) -> dict:
    docs = meantime_docs()
    recs = analyze(docs)
    n_gold = n_pred = span_tp = value_tp = 0
    errors = []
    for d, rec in zip(docs, recs):
        skip = d["dct_span"]
        preds = [t for t in rec["times"] if t["end"] <= d["limit"]
                 and not (skip and t["start"] < skip[1] and skip[0] < t["end"])]
        n_gold += len(d["timexes"])
        n_pred += len(preds)
        used = set()
        for g in d["timexes"]:
            hit = next((i for i, t in enumerate(preds) if i not in used
                        and t["start"] < g["end"] and g["start"] < t["end"]), None)
            if hit is None:
                errors.append(f"{d['id']}: missed {d['text'][g['start']:g['end']]!r} {g['value']}")
                continue
            used.add(hit)
            span_tp += 1
            if (preds[hit]["value"] or "").upper() == g["value"].upper():
                value_tp += 1
            else:
                errors.append(f"{d['id']}: {preds[hit]['text']!r} gold {g['value']} got {preds[hit]['value']}")
    sp, sr = span_tp / max(n_pred, 1), span_tp / max(n_gold, 1)
    vp, vr = value_tp / max(n_pred, 1), value_tp / max(n_gold, 1)
    out = {"gold": n_gold, "predicted": n_pred, "relaxed_f1": _f1(sp, sr), "value_f1": _f1(vp, vr)}
    if verbose:
        out["errors"] = errors
    return out


# ------------------------------------------------------------------ reference article

def reference() -> dict:
    score, gold, record = reference_record()
    rec = record.to_dict()
    res = score.score_times(gold, rec)
    relative = {g["text"] for g in gold["times"] if g.get("relative")}
    right_via_dct = sum(1 for t in rec["times"] if t["value"] and t.get("anchor") == "DCT"
                        and any(score.overlaps(t["text"], g) for g in relative))
    return {"gold": len(gold["times"]), "found": res["tp"], "false": res["false"],
            "missed": res["missed"], "value_right": res["value_right"],
            "value_wrong": res["value_wrong"], "value_unresolved": res["value_unresolved"],
            "wrong": res["wrong"], "relative_resolved_via_dct": right_via_dct,
            "dct": rec["dct"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dev", action="store_true", help="also score MEANTIME (dev set)")
    ap.add_argument("--no-dct", action="store_true", help="also run TempEval-3 with the DCT withheld")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} not found", file=sys.stderr)
        return 2
    te3 = tempeval(verbose=args.verbose)
    errors = te3.pop("errors", [])
    print("TempEval-3 platinum (HeidelTime value F1 0.776):", json.dumps(te3))
    for e in errors:
        print("   ", e)
    if args.no_dct:
        print("TempEval-3, DCT withheld:", json.dumps(tempeval(published=False)))
    if args.dev:
        mt = meantime(verbose=args.verbose)
        errors = mt.pop("errors", [])
        print("MEANTIME (dev, first 5 sentences):", json.dumps(mt))
        for e in errors:
            print("   ", e)
    print("Reference article times:", json.dumps(reference(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
