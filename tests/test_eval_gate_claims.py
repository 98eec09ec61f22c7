"""Eval gate for quantitative claims: floors just under the level reached (reached - 0.02).

Reads ../shared at run time (skips when absent). Figures come from benchmarks/claims_bench.py:
the reference article scored with ../shared/eval/score.py's score_claims, and MEANTIME VALUE
spans (dev = airbus+apple, test = gm+stock; the full pipeline over 120 short docs, ~10 s).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Reached (benchmarks/claims_bench.py): reference f1/bound/source/time 1.0; MEANTIME dev
# P 0.992 R 0.940 F1 0.966 value 1.0; test P 0.971 R 0.914 F1 0.942 value 1.0. Floors = - 0.02.
REFERENCE_FLOORS = {"f1": 0.98, "bound_acc": 0.98, "source_acc": 0.98, "time_acc": 0.98}
MEANTIME_FLOORS = {
    "dev": {"p": 0.972, "r": 0.92, "f1": 0.946, "value_acc": 0.98},
    "test": {"p": 0.951, "r": 0.894, "f1": 0.922, "value_acc": 0.98},
}


@pytest.fixture(scope="module")
def bench(shared):
    spec = importlib.util.spec_from_file_location("claims_bench",
                                                  ROOT / "benchmarks" / "claims_bench.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while being built
    spec.loader.exec_module(mod)
    return mod


def test_reference_article_claims(shared, bench, reference_record):
    if not bench.GOLD.is_file():
        pytest.skip("reference gold not present")
    score = bench.load_score_module()
    gold = json.loads(bench.GOLD.read_text(encoding="utf-8"))
    rec = reference_record.to_dict()
    got = score.score_claims(gold, rec)
    for key, floor in REFERENCE_FLOORS.items():
        assert got[key] >= floor, (key, got)
    assert got["false"] == []
    assert not [e for e in score.provenance_errors(rec) if e.startswith("claims")]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_meantime_values(shared, bench, split):
    if not bench.MEANTIME.is_dir():
        pytest.skip("MEANTIME not present")
    docs = bench.load_meantime(split)
    records, _ = bench.analyze_docs(docs)
    got = bench.score_meantime(docs, records)
    for key, floor in MEANTIME_FLOORS[split].items():
        assert got[key] >= floor, (key, got)
