"""Eval gate: the reference article must keep the scores the issues ask for (score.py --min)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

FLOORS = [
    "entities.f1=0.95", "entities.country_acc=0.9", "entities.role_acc=0.8",
    "meta.title_ok=1", "meta.authors_ok=1", "meta.published_ok=1", "meta.dct_year_ok=1",
    "times.r=1", "quotes.r=1", "quotes.attribution_acc=1", "claims.r=1", "claims.bound_acc=1",
    "events.r=1", "events.p=0.7", "places.acc161=1",
]
CEILINGS = ["provenance_errors=0", "times.value_wrong=0"]


def test_reference_article_floors(shared):
    from reference import ARTICLE, score_reference

    if not ARTICLE.is_file():
        pytest.skip("reference article absent")
    args = [a for f in FLOORS for a in ("--min", f)] + [a for c in CEILINGS for a in ("--max", c)]
    code, out = score_reference(args)
    assert code == 0, out
