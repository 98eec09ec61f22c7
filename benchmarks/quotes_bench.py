#!/usr/bin/env python3
"""Quotation benchmark: PolNeAR dev and held-out test, plus the reference article.

    .venv/bin/python benchmarks/quotes_bench.py [--split dev|test|both] [--limit N] [--json]

For each split: the shared scorer's `prepare` writes the articles, the full Dateline pipeline
analyses them (one `analyze_many`), the scorer's `score` counts overlap P/R/F1 and speaker
accuracy. Printed beside the scorer's figures: speaker accuracy on the gold quotes whose source
has a content word. The scorer compares content words of the predicted speaker with the gold
Source span, so a gold Source that is a bare pronoun ("he", "she", "who") can never match, however
right the resolved speaker is; that share of the gold caps the scorer's figure near 0.78.
Then the reference article's quotes with shared/eval/score.py's matching.

Reads ../shared at run time; tune on dev only (polnear/), report test (polnear-test/).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (REFERENCE, REFERENCE_GOLD, SHARED, load_module as _module,  # noqa: E402,F401
                     reference_record, write_records)

SCORER = SHARED / "eval" / "quotes.py"
DATA = {"dev": SHARED / "datasets" / "polnear", "test": SHARED / "datasets" / "polnear-test"}
# Gold sources with no content word for the scorer (its STOP list drops he/she/it/they).
PRONOUN_SOURCES = {"he", "she", "it", "they", "who", "which", "that", "i", "we", "his", "her",
                   "him", "them", "you"}


def analyze_jsonl(src: Path, dst: Path, limit: int | None = None) -> tuple[int, float]:
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line]
    if limit:
        rows = rows[:limit]
    return len(rows), write_records(rows, dst)


def score_split(split: str, limit: int | None = None, ids: list[str] | None = None,
                workdir: Path | None = None) -> dict:
    """Prepare, analyse and score one split; `ids` keeps a fixed subset of articles."""
    data = DATA[split]
    work = Path(workdir or tempfile.mkdtemp(prefix=f"quotes-{split}-"))
    docs_path, pred_path = work / f"{split}.jsonl", work / f"{split}.pred.jsonl"
    subprocess.run([sys.executable, str(SCORER), "prepare", str(docs_path), "--data", str(data)],
                   check=True, capture_output=True, text=True)
    if ids is not None:
        keep = set(ids)
        lines = [line for line in docs_path.read_text(encoding="utf-8").splitlines()
                 if line and json.loads(line)["id"] in keep]
        docs_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n, seconds = analyze_jsonl(docs_path, pred_path, limit)
    scorer = _module(SCORER, "polnear_quotes")
    gold_docs = scorer.load(data)
    preds = {json.loads(line)["id"]: json.loads(line)
             for line in pred_path.read_text(encoding="utf-8").splitlines() if line}
    gold_docs = [d for d in gold_docs if d["id"] in preds]
    summary = _score(scorer, gold_docs, preds)
    if ids is None and not limit:
        # The shared scorer's own figures, which the ones above reproduce.
        run = subprocess.run([sys.executable, str(SCORER), "score", str(pred_path), "--data",
                              str(data)], capture_output=True, text=True)
        official = json.loads(run.stdout.splitlines()[0])
        summary["scorer"] = {k: official[k] for k in ("p", "r", "f1", "speaker_acc")}
    summary.update(split=split, articles=n, seconds=round(seconds, 1))
    return summary


def _score(scorer, docs: list[dict], preds: dict) -> dict:
    """The scorer's own matching (quotes.py `score`), plus the speaker figure on gold quotes
    whose source is not a bare pronoun."""
    tp = fp = fn = ok = content_tp = content_ok = 0
    for d in docs:
        rec = preds.get(d["id"]) or {}
        gold = [q for q in d["quotes"] if q["kept"]]
        ignored = [q for q in d["quotes"] if not q["kept"]]
        pq = [q for q in rec.get("quotes") or [] if isinstance(q.get("start"), int)]
        used = set()
        for q in pq:
            hit = next((j for j, g in enumerate(gold) if j not in used and scorer.tokens_overlap(
                q["start"], q["end"], g["start"], g["end"], d["text"]) >= 0.3), None)
            if hit is None:
                if not any(scorer.tokens_overlap(q["start"], q["end"], g["start"], g["end"],
                                                 d["text"]) >= 0.3 for g in ignored + gold):
                    fp += 1
                continue
            used.add(hit)
            tp += 1
            right = bool(scorer.speaker_words(q, rec) & scorer.words(gold[hit]["source"]))
            ok += right
            source = gold[hit]["source"].strip().lower()
            if source not in PRONOUN_SOURCES and scorer.words(source):
                content_tp += 1
                content_ok += right
        fn += len(gold) - len(used)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"gold": tp + fn, "matched": tp, "false": fp, "p": round(p, 3), "r": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "speaker_acc": round(ok / tp, 3) if tp else 0.0,
            "speaker_acc_named_sources": round(content_ok / content_tp, 3) if content_tp else 0.0,
            "speaker_acc_ceiling": round(content_tp / tp, 3) if tp else 0.0}


def reference() -> dict:
    score, gold, rec = reference_record()
    out = score.score_quotes(gold, rec.to_dict())
    return {k: out[k] for k in ("p", "r", "f1", "attribution_acc", "optional_found", "missed",
                                "misattributed", "false") if k in out}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--limit", type=int, help="only the first N articles of each split")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print("../shared is not present; nothing to measure")
        return 0
    results = {}
    for split in (["dev", "test"] if args.split == "both" else [args.split]):
        results[split] = score_split(split, args.limit)
    results["reference"] = reference()
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    for split in [s for s in ("dev", "test") if s in results]:
        r = results[split]
        label = "PolNeAR dev" if split == "dev" else "PolNeAR test (held out)"
        print(f"{label:26} {r['articles']} articles, {r['gold']} gold quotes, {r['seconds']} s")
        print(f"  overlap P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}   "
              f"speaker acc {r['speaker_acc']:.3f} (scorer; ceiling {r['speaker_acc_ceiling']:.3f})"
              f"   on named gold sources {r['speaker_acc_named_sources']:.3f}")
        if "scorer" in r:
            print(f"  shared/eval/quotes.py score: {r['scorer']}")
    ref = results["reference"]
    print(f"reference article          quotes P {ref['p']:.3f}  R {ref['r']:.3f}  F1 {ref['f1']:.3f}"
          f"   attribution {ref['attribution_acc']}   optional found {ref['optional_found']}")
    for key in ("missed", "misattributed", "false"):
        if ref.get(key):
            print(f"  {key}: {ref[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
