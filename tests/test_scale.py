"""The Dask runner stores what the local ingest stores, rejects what it rejects, and resumes.

One LocalCluster of two worker processes is shared by the module (it starts in a few seconds);
the fixture reports are written here.
"""
from __future__ import annotations

import json
import sqlite3
import sys

import pytest

distributed = pytest.importorskip("distributed")
import cloudpickle  # noqa: E402  (comes with distributed)
from click.testing import CliRunner  # noqa: E402

from dateline.batch import ingest_paths  # noqa: E402
from dateline.cli import main  # noqa: E402
from dateline.errors import InputError  # noqa: E402
from dateline.ingest.document import Document  # noqa: E402
from dateline.ingest.readers import read_paths  # noqa: E402
from dateline.record import Record  # noqa: E402
from dateline.scale import analyze_paths_dask, ingest_dask, open_client  # noqa: E402
from dateline.scale.stream import analyze_on_dask  # noqa: E402

# The fault-injection helpers below run on the workers, which cannot import this test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

REPORTS = {
    "a-ports.txt": (
        "Ports reopen after strike\n\nMOMBASA (Wire) - Kenyan dockworkers ended a four-day strike "
        "on Tuesday after the Kenya Ports Authority agreed to raise wages by 12 percent. "
        "\"Our members will be back on the cranes tonight,\" union leader Simon Sang said."),
    "b-summit.txt": (
        "Leaders meet in Hanoi\n\nHANOI (Wire) - Vietnamese Prime Minister Pham Minh Chinh met "
        "Indonesian President Joko Widodo in Hanoi on Friday. The two leaders signed an agreement "
        "on fisheries and said they would hold talks again next year."),
    "c-flood.txt": (
        "Floods force evacuations\n\nPorto Alegre, Brazil - More than 3,000 people left their "
        "homes on Sunday as the Guaiba river rose. Governor Eduardo Leite said about 40 towns "
        "were cut off and asked the army for help."),
    "d-sanctions.txt": (
        "Ministers agree new sanctions\n\nBRUSSELS (Wire) - European Union foreign ministers "
        "agreed on Monday to freeze the assets of 15 officials accused of rigging the vote. "
        "Finland's foreign minister said the measures would take effect within a week."),
    "e-rail.txt": (
        "Rail link opens\n\nNAIROBI - Kenyan President William Ruto opened a rail link to the "
        "Ugandan border on Thursday. Officials said the line would carry 2 million tonnes of "
        "cargo a year."),
}
JSONL = [
    {"id": "wire-1", "text": "Chilean President Gabriel Boric visited Buenos Aires on Tuesday and "
     "met Argentine officials to discuss lithium exports.", "published": "2024-03-05"},
    "{not json",
    {"id": "wire-2", "text": "Japan's defence ministry said on Wednesday that two Chinese "
     "warships sailed near the Senkaku Islands.", "published": "2024-03-06"},
]
MARKER = "Zanzibar"  # the fault-injection helpers fail on documents containing this


@pytest.fixture(scope="module")
def client():
    with open_client(workers=2) as c:
        yield c


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "wires.jsonl").write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in JSONL) + "\n",
        encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def contents(db) -> dict:
    """What a store holds, minus ingest timestamps."""
    con = sqlite3.connect(db)
    try:
        records = {rid: json.loads(rec) for rid, rec in con.execute("SELECT id, record FROM reports")}
        rejected = sorted(con.execute("SELECT source, code, reason FROM rejected"))
        counts = {t: dict(con.execute(f"SELECT report_id, count(*) FROM {t} GROUP BY report_id"))
                  for t in ("entities", "events", "times", "quotes", "claims")}
    finally:
        con.close()
    return {"records": records, "rejected": rejected, "counts": counts}


def test_dask_ingest_stores_what_local_ingest_stores(client, corpus, tmp_path):
    local = ingest_paths([corpus], tmp_path / "local.db")
    # Chunks of two: the reports are spread over both workers and several tasks.
    dask = ingest_dask([corpus], tmp_path / "dask.db", client=client, chunk_size=2)
    assert (dask.stored, dask.unchanged) == (local.stored, local.unchanged) == (7, 0)
    assert [(e.source, e.code) for e in dask.rejected] == [(e.source, e.code) for e in local.rejected]
    a, b = contents(tmp_path / "local.db"), contents(tmp_path / "dask.db")
    assert set(b["records"]) == set(a["records"]) and {"wire-1", "wire-2"} <= set(b["records"])
    assert b["counts"] == a["counts"] and b["counts"]["entities"] and b["counts"]["events"]
    assert b["records"] == a["records"]  # the whole record JSON, not only the counts
    assert b["rejected"] == a["rejected"]


def test_bad_inputs_are_rejected_with_reasons_and_the_rest_lands(client, corpus, tmp_path):
    report = ingest_dask([corpus, tmp_path / "missing.txt"], tmp_path / "s.db", client=client)
    codes = {e.source.rsplit("/", 1)[-1]: e.code for e in report.rejected}
    assert codes == {"empty.txt": "E001", "photo.txt": "E002", "wires.jsonl:2": "E005",
                     "missing.txt": "E008"}
    assert report.stored == 7 and not report.ok
    stored = contents(tmp_path / "s.db")
    assert len(stored["records"]) == 7
    reasons = {src.rsplit("/", 1)[-1]: reason for src, _, reason in stored["rejected"]}
    assert "invalid JSON" in reasons["wires.jsonl:2"] and "no such file" in reasons["missing.txt"]


def test_rerun_skips_stored_ids_and_resumes_a_partial_ingest(client, corpus, tmp_path):
    db = tmp_path / "s.db"
    # A partial local ingest first (two reports), then the whole folder on Dask.
    ingest_paths([corpus / "a-ports.txt", corpus / "b-summit.txt"], db)
    first = ingest_dask([corpus], db, client=client)
    assert (first.stored, first.unchanged) == (5, 2)
    again = ingest_dask([corpus], db, client=client)
    assert (again.stored, again.unchanged) == (0, 7)
    assert len(again.rejected) == 3  # bad inputs are reported again on every run
    assert len(contents(db)["records"]) == 7


def _break_extraction(marker):
    """On a worker: make the extractors raise on documents containing marker."""
    import dateline.pipeline as pipeline

    original = pipeline.build_record

    def broken(document, doc):
        if marker in document.text:
            raise RuntimeError("extractor bug")
        return original(document, doc)

    broken.original = original
    pipeline.build_record = broken


def _break_batches(marker):
    """On a worker: make a whole analyze_many call raise (as a failing nlp.pipe would) when any
    of its documents contains marker."""
    import dateline.scale.worker as worker

    original = worker.analyze_many

    def broken(docs, **kw):
        docs = list(docs)
        if any(marker in d.text for d in docs):
            raise RuntimeError("parser crashed")
        return original(docs, **kw)

    broken.original = original
    worker.analyze_many = broken


def _repair():
    import dateline.pipeline as pipeline
    import dateline.scale.worker as worker

    pipeline.build_record = getattr(pipeline.build_record, "original", pipeline.build_record)
    worker.analyze_many = getattr(worker.analyze_many, "original", worker.analyze_many)


@pytest.mark.parametrize("breaker", [_break_extraction, _break_batches])
def test_failure_on_one_document_rejects_it_and_keeps_its_chunk(client, corpus, tmp_path,
                                                                breaker):
    (corpus / "c-flood.txt").write_text(REPORTS["c-flood.txt"] + f" Rain also hit {MARKER}.")
    client.run(breaker, MARKER)
    try:
        # One chunk holds every report: the failure must not take its neighbours with it.
        report = ingest_dask([corpus], tmp_path / "s.db", client=client, chunk_size=16,
                             warm=False)
    finally:
        client.run(_repair)
    failed = [e for e in report.rejected if e.source.endswith("c-flood.txt")]
    assert len(failed) == 1 and failed[0].code == "E005" and "internal error" in failed[0].reason
    assert report.stored == 6
    assert any("c-flood.txt" in src for src, _, _ in contents(tmp_path / "s.db")["rejected"])


class _Future:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def result(self):
        return self.fn(*self.args)


class _DyingClient:
    """A stand-in client whose worker dies on any task that holds a poisoned document."""

    def submit(self, fn, *args, pure=True):
        if any(MARKER in d.text for d in args[0]):
            def die(*_):
                raise distributed.KilledWorker("task", "tcp://worker", 3)
            return _Future(die, ())
        return _Future(fn, args)


def test_task_lost_with_its_worker_is_retried_per_document():
    items = [Document(text=REPORTS["a-ports.txt"], source="a"),
             Document(text=f"{REPORTS['c-flood.txt']} Rain also hit {MARKER}.", source="c"),
             InputError("x.txt", "E001"),
             Document(text=REPORTS["e-rail.txt"], source="e")]
    out = list(analyze_on_dask(items, _DyingClient(), chunk_size=4, window=2))
    assert [type(r) for r in out] == [Record, InputError, InputError, Record]
    assert out[1].source == "c" and out[1].code == "E005" and "KilledWorker" in out[1].reason
    assert out[2].source == "x.txt" and out[3].source == "e"


def test_analyze_paths_dask_keeps_input_order(client, corpus):
    out = list(analyze_paths_dask([corpus], client=client, chunk_size=1, warm=False))
    assert [r.source for r in out] == [i.source for i in read_paths([corpus])]
    assert sum(isinstance(r, Record) for r in out) == 7


def test_cli_ingest_on_a_running_cluster(client, corpus, tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    address = client.scheduler.address
    r = runner.invoke(main, ["ingest", str(corpus), "--db", db, "--quiet",
                             "--scheduler", address, "--chunk-size", "3"])
    assert r.exit_code == 1, r.output
    assert "7 stored, 0 unchanged, 3 rejected" in r.output and "[E002]" in r.output
    r = runner.invoke(main, ["ingest", str(corpus / "a-ports.txt"), "--db", db, "--quiet",
                             "--scheduler", address])
    assert r.exit_code == 0 and "0 stored, 1 unchanged, 0 rejected" in r.output
    r = runner.invoke(main, ["ingest", str(corpus), "--db", db, "--scheduler", address,
                             "--workers", "2"])
    assert r.exit_code == 2 and "--workers" in r.output
