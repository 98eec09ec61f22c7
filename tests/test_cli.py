"""The command line, end to end through Click's runner."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli import main

TEXT = ("Ministers meet in Nairobi\n\nBy Grace Wanjiru, Staff Writer\n\nNAIROBI (Wire) - Kenyan "
        "President William Ruto hosted Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. "
        "\"We agreed to reopen the border,\" Ruto said.")


def test_analyze_json_and_readable(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    r = CliRunner().invoke(main, ["analyze", str(f), "--json"])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)
    assert rec["title"] == "Ministers meet in Nairobi" and rec["authors"] == ["Grace Wanjiru"]
    r = CliRunner().invoke(main, ["analyze", str(f)])
    assert "William Ruto" in r.output and "KEN GOV" in r.output


def test_analyze_stdin_jsonl_with_published():
    r = CliRunner().invoke(main, ["analyze", "-", "--jsonl", "--published", "2024-02-05"],
                           input=TEXT)
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout.strip().splitlines()[0])
    assert rec["published"] == "2024-02-05" and rec["dct"]["value"] == "2024-02-05"


def test_bad_file_exit_code_and_message(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(TEXT)
    bad.write_bytes(b"")
    r = CliRunner().invoke(main, ["analyze", str(bad), str(good), "--jsonl"])
    assert r.exit_code == 1
    assert f"{bad}: [E001]" in r.output
    assert '"William Ruto"' in r.output  # the batch went on


def test_ingest_show_search_entities_rejected(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    (tmp_path / "empty.txt").write_text(" ")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    r = runner.invoke(main, ["ingest", str(tmp_path), "--db", db, "--quiet"])
    assert r.exit_code == 1 and "1 stored" in r.output and "1 rejected" in r.output
    r = runner.invoke(main, ["ingest", str(f), "--db", db, "--quiet"])
    assert r.exit_code == 0 and "0 stored, 1 unchanged" in r.output
    r = runner.invoke(main, ["search", "border", "--db", db])
    rid = r.output.split()[0]
    assert "Ministers meet" in r.output
    r = runner.invoke(main, ["show", rid, "--db", db])
    assert "William Ruto" in r.output
    r = runner.invoke(main, ["entities", "--type", "PERSON", "--db", db])
    assert "William Ruto" in r.output
    r = runner.invoke(main, ["rejected", "--db", db])
    assert "empty.txt" in r.output and "E001" in r.output
    r = runner.invoke(main, ["export", "--format", "jsonl", "--db", db])
    assert json.loads(r.stdout.splitlines()[0])["id"] == rid


def test_missing_store_is_a_clear_error(tmp_path):
    r = CliRunner().invoke(main, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "dateline ingest" in r.output
