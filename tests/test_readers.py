"""Each reader, and each kind of bad input: a clear error naming the file, the batch going on."""
from __future__ import annotations

import io
import json

import pytest

from dateline.errors import InputError
from dateline.ingest.document import Document
from dateline.ingest.readers import read_paths

WIRE = ("Ports reopen after storm\n\nBy Lena Ortiz, Staff Writer\n\nMANILA (Wire) - The ports of "
        "Manila reopened on Tuesday after a storm forced the coast guard to halt sailings, "
        "officials said. About 4,000 passengers had been stranded.")


def items(*paths, **kw):
    return list(read_paths([str(p) for p in paths], **kw))


def test_text_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(WIRE, encoding="utf-8")
    (doc,) = items(f)
    assert isinstance(doc, Document) and doc.text == WIRE and doc.source == str(f)


def test_html_file_uses_trafilatura_metadata(tmp_path):
    f = tmp_path / "a.html"
    f.write_text("<html><head><title>Ports reopen</title><meta name='author' content='Lena Ortiz'>"
                 "<meta property='article:published_time' content='2024-05-02'></head><body>"
                 "<nav>Home | World</nav><article><h1>Ports reopen</h1><p>" + WIRE.split("\n\n")[-1]
                 + "</p><p>The coast guard said sailings would resume in full by Thursday, and "
                   "ferry operators added extra trips for those stranded.</p></article></body></html>",
                 encoding="utf-8")
    (doc,) = items(f)
    assert isinstance(doc, Document)
    assert doc.published == "2024-05-02" and doc.authors == ["Lena Ortiz"]
    assert "Home | World" not in doc.text and "ports of Manila" in doc.text


def test_jsonl_keeps_given_ids_and_reports_bad_lines(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "w-1", "text": WIRE, "published": "2024-05-02"}) + "\n"
                 "{not json}\n" + json.dumps({"id": "w-3"}) + "\n", encoding="utf-8")
    got = items(f)
    assert isinstance(got[0], Document) and got[0].id == "w-1" and got[0].published == "2024-05-02"
    assert isinstance(got[1], InputError) and got[1].code == "E005" and f"{f}:2" in str(got[1])
    assert isinstance(got[2], InputError) and '"text"' in str(got[2])


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(WIRE)
    (tmp_path / "a.txt").write_text(WIRE)
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    got = items(tmp_path)
    assert [d.source for d in got] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.txt")]


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(WIRE.encode())))
    (doc,) = items("-")
    assert doc.text == WIRE and doc.source == "<stdin>"


def test_published_option_fills_missing_dates(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(WIRE)
    (doc,) = items(f, published="2024-05-01")
    assert doc.published == "2024-05-01"


@pytest.mark.parametrize("name,content,code", [
    ("empty.txt", b"", "E001"),
    ("blank.txt", b"  \n\t \n", "E001"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "E002"),
    ("latin.txt", "Caf\u00e9 news: the mayor said the caf\u00e9 would reopen.".encode("cp1252"), "E003"),
    ("big.txt", b"word " * (1024 * 1024 + 10), "E004"),
    ("french.txt", ("Le gouvernement a annonc\u00e9 mardi une nouvelle r\u00e9forme des retraites "
                    "qui sera pr\u00e9sent\u00e9e au parlement la semaine prochaine selon le "
                    "ministre.").encode(), "E006"),
    ("page.html", b"<html><body><div><script>var x=1;</script></div></body></html>", "E005"),
    ("data.csv", b"a,b\n1,2\n", "E007"),
])
def test_bad_input_gets_a_clear_error(tmp_path, name, content, code, analyze):
    import dateline

    f = tmp_path / name
    f.write_bytes(content)
    results = list(dateline.analyze_many(read_paths([str(f)])))
    assert len(results) == 1
    err = results[0]
    assert isinstance(err, InputError), err
    assert err.code == code
    assert str(f) in str(err) and "fix:" in str(err)


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    (err,) = items(tmp_path / "nope.txt")
    assert isinstance(err, InputError) and err.code == "E008"


def test_an_input_error_survives_pickling_with_its_reason():
    import pickle

    from dateline.errors import InputError

    err = InputError("feed.jsonl:3", "E006", "line is not JSON")
    back = pickle.loads(pickle.dumps(err))
    assert (back.source, back.code, back.detail, str(back)) == (
        err.source, err.code, err.detail, str(err))
