"""Eval gate for CAMEO events: floors just under the level reached (reached - 0.02).

Reads ../shared at run time (skips when absent). Figures come from benchmarks/events_bench.py:
the PLOVER gold-standard sentences and the PETRARCH-2 validation sentences scored with
../shared/eval/events.py (the full pipeline over 400 one-sentence documents, ~10 s), and the
reference article scored with ../shared/eval/score.py's score_events.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Reached (benchmarks/events_bench.py, official events.py figures): PLOVER category recall 0.658,
# actor acc 0.646; PETR2 CAMEO root P 0.661 R 0.487 F1 0.561, actor acc 0.872 — keeping the
# reported attack beside an accusation costs PETR2 one false event (issue #4 round 1:
# 0.649 / 0.617 and P 0.604 R 0.400 F1 0.481 / 0.625; before issue #4: 0.575 / 0.551 and
# P 0.650 R 0.325 F1 0.433 / 0.500). Reference article: 6/6 gold events, no false event, where
# acc 1.0. Floors = reached - 0.02.
REACHED = {
    "plover": {"recall": 0.658, "actor_acc": 0.646},
    "petr2": {"precision": 0.661, "recall": 0.487, "f1": 0.561, "actor_acc": 0.872},
}
FLOORS = {s: {k: round(v - 0.02, 3) for k, v in d.items()} for s, d in REACHED.items()}
REFERENCE_FLOORS = {"p": 0.98, "r": 0.98, "where_acc": 0.98}


@pytest.fixture(scope="module")
def bench(shared):
    spec = importlib.util.spec_from_file_location("events_bench", ROOT / "benchmarks" / "events_bench.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    if not mod.EVENTS_PY.is_file():
        pytest.skip("../shared/eval/events.py not present")
    return mod


@pytest.mark.parametrize("which", ["plover", "petr2"])
def test_event_sets(bench, which, tmp_path):
    docs = bench.prepare(which, tmp_path)
    pred = tmp_path / f"{which}.pred.jsonl"
    bench.analyse(docs, pred)
    got = bench.official(which, pred, verbose=False)
    assert got["unpaired"] == 0
    for key, floor in FLOORS[which].items():
        assert got[key] >= floor, (key, got)


def test_reference_article_events(bench, reference_record):
    if not bench.GOLD.is_file():
        pytest.skip("reference gold not present")
    score = bench._module(bench.SCORE_PY, "dateline_score_gate")
    gold = json.loads(bench.GOLD.read_text(encoding="utf-8"))
    rec = reference_record.to_dict()
    got = score.score_events(gold, rec)
    for key, floor in REFERENCE_FLOORS.items():
        assert got[key] >= floor, (key, got)
    assert got["false"] == [] and got["missed"] == []
    assert not [e for e in score.provenance_errors(rec) if e.startswith("event")]
    # one event per real-world event: the summit told in title, caption and body is one event
    meets = [e for e in rec["events"] if e["root"] == "04" and e["code"] != "042"]
    assert len(meets) == 1 and len(meets[0]["mentions"]) >= 3
