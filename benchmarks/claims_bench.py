#!/usr/bin/env python3
"""Benchmark of the quantitative-claims extractor.

1. MEANTIME (../shared/datasets/meantime/, English Wikinews, token-level XML): every VALUE
   markable (MONEY / PERCENT / QUANTITY) is a gold figure. The text is rebuilt from the tokens
   (with a token -> character map), the document creation time comes from the CREATION_TIME
   TIMEX3, and the title (sentence 0) is passed as the title, so the body is what is scored.
   Scores: span-overlap precision / recall / F1 of our claims against the VALUE spans, recall
   per VALUE type, and value accuracy on matched gold spans whose text has one normalisable
   number written in digits ("US$ 1.6 billion", "more than 250 points", "3.41 %").
   Dev split: corpus_airbus + corpus_apple (tune here); test split: corpus_gm + corpus_stock.
2. The reference article (../shared/corpus/reference/) scored by ../shared/eval/score.py's
   `score_claims` against its gold.
3. Speed: spaCy parse time vs the claims stage's time on the same docs.

    .venv/bin/python benchmarks/claims_bench.py [--split dev|test|all] [-v] [--json]

MEANTIME marks figures in the title and the first five sentences only; claims after that are
not scored. It has no gold for objects, bounds or sources, and it marks figures we do not count as
claims (index levels like "5,210.17" are claims for us; "many" or "substantially less" are not
numbers), so its precision is a floor: our "claims" of bare counts are often unmarked there.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REFERENCE, REFERENCE_GOLD as GOLD, SCORE_PY, SHARED, load_module  # noqa: E402,F401
from _common import reference_record  # noqa: E402

MEANTIME = SHARED / "datasets" / "meantime"
SPLITS = {"dev": ("corpus_airbus", "corpus_apple"), "test": ("corpus_gm", "corpus_stock")}
SPLITS["all"] = SPLITS["dev"] + SPLITS["test"]

# Detokenisation: no space before these tokens, none after those.
NO_SPACE_BEFORE = {",", ".", ";", ":", "%", ")", "]", "'s", "n't", "'", "''", "?", "!", "'re",
                   "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "US$", "AU$", "``", "#"}


@dataclass
class GoldValue:
    start: int
    end: int
    type: str
    text: str
    value: float | None = None


@dataclass
class MeantimeDoc:
    id: str
    title: str
    text: str
    published: str | None
    values: list[GoldValue] = field(default_factory=list)
    in_title: int = 0
    scope_end: int = 0  # VALUEs are annotated in the first sentences only; score up to here


def _join(tokens: list[tuple[str, str]], sep_between: str = " ") -> tuple[str, dict[str, tuple[int, int]]]:
    out, pos, spans = [], 0, {}
    prev = None
    for tid, tok in tokens:
        if prev is not None and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
            out.append(sep_between)
            pos += len(sep_between)
        spans[tid] = (pos, pos + len(tok))
        out.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(out), spans


def read_meantime(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    sents: dict[int, list[tuple[str, str]]] = {}
    for t in root.iter("token"):
        sents.setdefault(int(t.get("sentence")), []).append((t.get("t_id"), t.text or ""))
    order = sorted(sents)
    title_sent = order[0]
    title, _ = _join(sents[title_sent])
    # Body: the date line, a blank line, then the sentences (one paragraph).
    parts, tok_span, pos = [], {}, 0
    for n, s in enumerate(order[1:]):
        sep = "" if n == 0 else ("\n\n" if n == 1 else " ")
        pos += len(sep)
        parts.append(sep)
        text, spans = _join(sents[s])
        for tid, (a, b) in spans.items():
            tok_span[tid] = (pos + a, pos + b)
        parts.append(text)
        pos += len(text)
    body = "".join(parts)
    title_ids = {tid for tid, _ in sents[title_sent]}
    sent_of = {tid: s for s in order for tid, _ in sents[s]}
    # MEANTIME marks VALUE and TIMEX3 in the title and the first five sentences only (sentence
    # numbers 0-5; a couple reach 6 where its sentence split differs): figures past the last
    # annotated sentence are neither gold nor false.
    last = max([5] + [sent_of[a.get("t_id")] for tag in ("VALUE", "TIMEX3")
                      for m in root.iter(tag) for a in m.iter("token_anchor")])
    scope_end = max((b for tid, (a, b) in tok_span.items() if sent_of[tid] <= last), default=0)
    published = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            v = tx.get("value") or ""
            if re.match(r"^\d{4}-\d{2}-\d{2}", v):
                published = v[:10]
    doc = MeantimeDoc(path.stem, title, body, published, scope_end=scope_end)
    for v in root.iter("VALUE"):
        ids = [a.get("t_id") for a in v.iter("token_anchor")]
        if not ids:
            continue
        if any(i in title_ids for i in ids):
            doc.in_title += 1
            continue
        a = min(tok_span[i][0] for i in ids)
        b = max(tok_span[i][1] for i in ids)
        text = body[a:b]
        doc.values.append(GoldValue(a, b, v.get("type"), text, gold_number(text)))
    return doc


# Independent of the extractor's own number reading: only spans with exactly one number in
# digits (optionally a scale word) are given a gold value.
_NUM = re.compile(r"(?<![\w.])(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w.]*\d)")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9,
          "mn": 1e6, "m": 1e6}


def gold_number(text: str) -> float | None:
    nums = list(_NUM.finditer(text))
    if len(nums) != 1 or re.search(r"\bcents?\b", text):
        return None
    m = nums[0]
    v = float(m.group(1) + m.group(2).replace(",", "") + (m.group(3) or ""))
    rest = text[m.end():].strip().lower()
    word = re.match(r"([a-z]+)", rest)
    if word and word.group(1) in _SCALE:
        v *= _SCALE[word.group(1)]
    elif re.match(r"^\d", text[m.end():]):
        return None
    return v


def load_meantime(split: str) -> list[MeantimeDoc]:
    docs = []
    for corpus in SPLITS[split]:
        for f in sorted((MEANTIME / corpus).glob("*.xml")):
            docs.append(read_meantime(f))
    return docs


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-9, 0.005 * abs(b))


def score_meantime(docs: list[MeantimeDoc], records: list, verbose: bool = False) -> dict:
    tp = fp = fn = 0
    by_type: dict[str, list[int]] = {}
    v_right = v_total = 0
    misses, falses, wrong = [], [], []
    for doc, rec in zip(docs, records):
        preds = [c for c in rec.claims if c.start < doc.scope_end]
        used: set[int] = set()
        for g in doc.values:
            hit = next((k for k, c in enumerate(preds) if k not in used
                        and c.start < g.end and g.start < c.end), None)
            stats = by_type.setdefault(g.type, [0, 0])
            stats[1] += 1
            if hit is None:
                fn += 1
                misses.append(f"{doc.id}: {g.type} {g.text!r}")
                continue
            used.add(hit)
            tp += 1
            stats[0] += 1
            if g.value is not None:
                v_total += 1
                c = preds[hit]
                if _same(float(c.value), g.value) or (
                        c.unit == "USD/100" and _same(float(c.value), g.value)):
                    v_right += 1
                else:
                    wrong.append(f"{doc.id}: {g.text!r} -> {c.value} ({c.text!r})")
        for k, c in enumerate(preds):
            if k in used:
                continue
            # A second claim inside an already matched gold span (e.g. "$381 million, or $0.67")
            # is not a false positive.
            if any(c.start < g.end and g.start < c.end for g in doc.values):
                continue
            fp += 1
            falses.append(f"{doc.id}: {c.text!r}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    out = {"docs": len(docs), "gold": tp + fn, "pred_unmatched": fp, "tp": tp,
           "p": round(p, 3), "r": round(r, 3), "f1": round(f, 3),
           "recall_by_type": {t: round(a / b, 3) for t, (a, b) in sorted(by_type.items())},
           "value_acc": round(v_right / v_total, 3) if v_total else None,
           "value_n": v_total}
    if verbose:
        out.update(missed=misses, false=falses, value_wrong=wrong)
    return out


def analyze_docs(docs: list[MeantimeDoc]) -> tuple[list, float]:
    from dateline.ingest.document import Document
    from dateline.pipeline import analyze_many

    t0 = time.perf_counter()
    recs = list(analyze_many(Document(text=d.text, id=d.id, title=d.title,
                                      published=d.published) for d in docs))
    return recs, time.perf_counter() - t0


def speed(texts: list[str]) -> dict:
    """Raw spaCy parse time vs the claims stage alone (on the same parsed docs)."""
    from dateline.extract import claims
    from dateline.extract.context import Context
    from dateline.nlp import load
    from dateline.record import Record

    nlp = load()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=16))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text, doc in zip(texts, parsed):
        claims.run(Context(doc=doc, record=Record(id="x", text=text)))
    t_claims = time.perf_counter() - t0
    return {"parse_s": round(t_parse, 2), "claims_s": round(t_claims, 3),
            "claims_share_of_parse": round(t_claims / t_parse, 3)}


def load_score_module():
    return load_module(SCORE_PY, "dateline_shared_score")


def reference_scores() -> dict:
    score, gold, rec = reference_record()
    out = score.score_claims(gold, rec.to_dict())
    out["provenance_errors"] = len(score.provenance_errors(rec.to_dict()))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test", "all", "both"), default="both")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false claims")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print("../shared not present: nothing to benchmark")
        return 0
    result: dict = {}
    if REFERENCE.is_file() and GOLD.is_file():
        result["reference"] = reference_scores()
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    all_texts = []
    for split in splits:
        docs = load_meantime(split)
        recs, secs = analyze_docs(docs)
        res = score_meantime(docs, recs, args.verbose)
        res["title_values_skipped"] = sum(d.in_title for d in docs)
        res["pipeline_s"] = round(secs, 1)
        result[f"meantime_{split}"] = res
        all_texts += [d.text for d in docs]
    result["speed"] = speed(all_texts)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for key, res in result.items():
        print(f"== {key}")
        for k, v in res.items():
            if isinstance(v, list):
                print(f"  {k} ({len(v)}):")
                for x in v:
                    print(f"    {x}")
            else:
                print(f"  {k}: {json.dumps(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
