"""The store: idempotent re-ingest, resume after an interruption, rejections recorded."""
from __future__ import annotations

import json
import sqlite3

import pytest

from dateline.batch import ingest_paths
from dateline.store import Store, queries

REPORTS = [
    "Floods close schools in Dhaka\n\nDHAKA (Wire) - Floods closed more than 300 schools in "
    "Dhaka on Monday, the education ministry said.",
    "Chile signs lithium deal\n\nSANTIAGO (Wire) - Chile signed a lithium supply agreement "
    "with Germany on Tuesday, President Gabriel Boric said.",
    "Nurses strike in Lagos\n\nLAGOS (Wire) - About 2,000 nurses went on strike in Lagos on "
    "Wednesday to demand higher pay, their union said.",
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(REPORTS):
        (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
    return folder


def table_counts(db):
    con = sqlite3.connect(db)
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("reports", "entities", "mentions", "times", "quotes", "claims", "events",
                      "rejected")}


def test_reingest_changes_nothing(corpus, tmp_path):
    db = tmp_path / "s.db"
    first = ingest_paths([corpus], db)
    assert first.stored == 3 and first.ok
    before = table_counts(db)
    second = ingest_paths([corpus], db)
    assert second.stored == 0 and second.unchanged == 3
    assert table_counts(db) == before


def test_interrupted_ingest_resumes(corpus, tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    import dateline.store.writer as writer

    real_put = writer.Store.put
    calls = {"n": 0}

    def flaky_put(self, rec):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C while the 2nd record was stored
        return real_put(self, rec)

    monkeypatch.setattr(writer.Store, "put", flaky_put)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([corpus], db)
    assert table_counts(db)["reports"] == 1
    monkeypatch.setattr(writer.Store, "put", real_put)
    report = ingest_paths([corpus], db)
    assert report.stored == 2 and report.unchanged == 1
    assert table_counts(db)["reports"] == 3


def test_rejections_are_recorded_and_nothing_else_is_touched(corpus, tmp_path):
    db = tmp_path / "s.db"
    ingest_paths([corpus], db)
    before = table_counts(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "ok.txt").write_text("Storm hits Fiji\n\nSUVA (Wire) - A storm hit Fiji on Friday, "
                                "cutting power to 10,000 homes, officials said.")
    report = ingest_paths([bad], db)
    assert report.stored == 1 and len(report.rejected) == 1
    after = table_counts(db)
    assert after["reports"] == before["reports"] + 1 and after["rejected"] == 1
    con = queries.open_readonly(db)
    (row,) = queries.rejected(con)
    assert row["source"].endswith("empty.txt") and row["code"] == "E001"


def test_stored_record_round_trips_and_search_escapes_fts(corpus, tmp_path):
    db = tmp_path / "s.db"
    ingest_paths([corpus], db)
    con = queries.open_readonly(db)
    hits = queries.search(con, "lithium")
    assert len(hits) == 1 and "Chile" in hits[0]["title"]
    assert queries.search(con, 'lithium" OR "nurses') == []  # operators are inert text
    assert queries.search(con, "NEAR(") == []
    rec = queries.get_record(con, hits[0]["id"])
    assert rec["text"].startswith("Chile signs lithium deal")
    assert json.loads(json.dumps(rec)) == rec


def test_readonly_connection_cannot_write(corpus, tmp_path):
    db = tmp_path / "s.db"
    ingest_paths([corpus], db)
    con = queries.open_readonly(db)
    with pytest.raises(sqlite3.OperationalError):
        con.execute("DELETE FROM reports")


def test_changed_text_under_same_id_replaces_rows(tmp_path):
    import dateline

    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.put(dateline.analyze(REPORTS[0], id="x"))
        assert store.put(dateline.analyze(REPORTS[1], id="x"))
        assert store.count() == 1
    con = queries.open_readonly(db)
    assert "Chile" in queries.get_record(con, "x")["text"]
