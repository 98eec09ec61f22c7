"""What the benchmark scripts share: where ../shared is, loading its scorers, writing records,
and the reference article with its gold. Each script puts this folder on sys.path (the eval
gates load the scripts by file path), then imports from here; names a script imports only for
its eval gate to read (REFERENCE_GOLD, SCORE_PY, …) are marked noqa F401."""
from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "corpus" / "reference" / "kim-putin-summit-2023.txt"
REFERENCE_GOLD = SHARED / "gold" / "kim-putin-summit-2023.json"
SCORE_PY = SHARED / "eval" / "score.py"


def load_module(path: Path, name: str):
    """A scorer from ../shared/eval as a module (registered, so its dataclasses work)."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def write_records(rows: Iterable[dict], dst: Path) -> float:
    """Analyse {"id","text","title"?,"published"?} rows with one `analyze_many` and write the
    records as JSONL (rejected rows are left out); returns the seconds spent."""
    import dateline
    from dateline.record import Record

    docs = (dateline.Document(text=r["text"], title=r.get("title"), published=r.get("published"),
                              id=r["id"]) for r in rows)
    t0 = time.perf_counter()
    with dst.open("w", encoding="utf-8") as out:
        for rec in dateline.analyze_many(docs):
            if isinstance(rec, Record):
                out.write(json.dumps(rec.to_dict()) + "\n")
    return time.perf_counter() - t0


def reference_record():
    """(score.py as a module, the reference gold, our Record of the reference article)."""
    import dateline

    score = load_module(SCORE_PY, "dateline_score")
    gold = json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))
    return score, gold, dateline.analyze(REFERENCE.read_text(encoding="utf-8"))
