"""GDELT 2.0 event-table export."""
from __future__ import annotations

import csv
import io

from dateline.export.gdelt import COLUMNS, event_id, write_gdelt
from dateline.record import DCT, Actor, Entity, Event, Mention, Place, Record, Span, TimeRef

TEXT = ("Kim and Putin Meet\n\nNorth Korean leader Kim Jong Un met Russian President Vladimir Putin "
        "at the Vostochny Cosmodrome on Wednesday, state media in both countries reported.\n\n"
        "Later, Russia sent food aid.")


def _record() -> Record:
    met = TEXT.index(" met ") + 1
    sent = TEXT.index("Later")
    return Record(
        id="doc-1", text=TEXT, url="https://news.example/kim-putin", published="2023-09-14",
        dct=DCT("2023-09-14", "metadata"),
        entities=[Entity("e1", "Vostochny Cosmodrome", "FAC",
                         [Mention("Vostochny Cosmodrome", TEXT.index("Vostochny"),
                                  TEXT.index("Vostochny") + 20)],
                         country="RUS", geo={"lat": 51.884, "lon": 128.334, "country": "RUS",
                                             "kind": "facility"})],
        events=[
            Event(code="040", root="04", plover="CONSULT", modality="asserted",
                  trigger=Span("met", met, met + 3),
                  source=Actor("Kim Jong Un", "PRK", "GOV", None),
                  target=Actor("Vladimir Putin", "RUS", "GOV", None),
                  where=Place("Vostochny Cosmodrome", "e1"),
                  when=TimeRef("Wednesday", "2023-09-13"),
                  sentence={"start": 20, "end": 160},
                  mentions=[Span("Meet", 14, 18)], goldstein=1.0, quad_class=1),
            Event(code="0333", root="03", plover="AGREE", modality="asserted",
                  trigger=Span("sent", sent + 14, sent + 18),
                  source=Actor("Russia", "RUS", None, None), target=None,
                  sentence={"start": sent, "end": len(TEXT)}, goldstein=5.2, quad_class=1),
        ])


def _rows(records) -> tuple[int, list[dict]]:
    out = io.StringIO()
    n = write_gdelt(records, out)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)
    return n, list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))


def test_rows_fill_gdelt_columns():
    n, rows = _rows([_record()])
    assert n == 2 and len(rows) == 2
    meet, aid = rows
    assert meet["GlobalEventID"] == str(event_id("doc-1", 0))
    assert (meet["Day"], meet["MonthYear"], meet["Year"]) == ("20230913", "202309", "2023")
    assert meet["FractionDate"] == "2023.6986"
    assert (meet["Actor1Code"], meet["Actor1Name"], meet["Actor1CountryCode"],
            meet["Actor1Type1Code"]) == ("PRKGOV", "KIM JONG UN", "PRK", "GOV")
    assert meet["Actor2Code"] == "RUSGOV"
    assert (meet["EventCode"], meet["EventBaseCode"], meet["EventRootCode"]) == ("040", "040", "04")
    assert (meet["QuadClass"], meet["GoldsteinScale"]) == ("1", "1.0")
    assert (meet["NumMentions"], meet["NumSources"], meet["NumArticles"]) == ("2", "1", "1")
    assert meet["AvgTone"] == ""
    assert meet["IsRootEvent"] == "1" and aid["IsRootEvent"] == "0"
    assert (meet["ActionGeo_Type"], meet["ActionGeo_FullName"], meet["ActionGeo_CountryCode"],
            meet["ActionGeo_Lat"], meet["ActionGeo_Long"]) == (
        "4", "Vostochny Cosmodrome", "RUS", "51.8840", "128.3340")
    assert meet["DATEADDED"] == "20230914000000"
    assert meet["SOURCEURL"] == "https://news.example/kim-putin"
    # an event without its own full date takes the document's; a one-actor event leaves Actor2 empty
    assert aid["Day"] == "20230914" and aid["EventBaseCode"] == "033"
    assert aid["Actor2Code"] == aid["Actor2Name"] == "" and aid["ActionGeo_Type"] == "0"


def test_export_is_deterministic_and_survives_the_json_round_trip():
    rec = _record()
    again = Record.from_dict(rec.to_dict())
    first, second = io.StringIO(), io.StringIO()
    write_gdelt([rec], first)
    write_gdelt([again], second)
    assert first.getvalue() == second.getvalue()


def test_no_date_leaves_date_columns_empty():
    rec = _record()
    rec.dct = DCT()
    rec.published = None
    rec.events[1].when = None
    _, rows = _rows([rec])
    assert rows[1]["Day"] == rows[1]["DATEADDED"] == rows[1]["FractionDate"] == ""


def test_export_of_an_analysed_report(analyze):
    rec = analyze("Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on "
                  "Monday.\n\nChina pledged to send aid to Russia.", published="2024-05-21")
    n, rows = _rows([rec])
    assert n == len(rec.events) >= 1
    meet = next(r for r in rows if r["EventRootCode"] == "04")
    assert {meet["Actor1CountryCode"], meet["Actor2CountryCode"]} == {"RUS", "CHN"}
    assert meet["Day"] == "20240520"


def test_an_international_body_keeps_its_whole_code_and_no_country():
    rec = _record()
    rec.events[1].source = Actor("the United Nations", "IGO", None, None, code="IGOUNO")
    rec.events[1].target = Actor("Amnesty International", "NGO", "HRI", None, code="NGOAMN")
    _, rows = _rows([rec])
    aid = rows[1]
    assert (aid["Actor1Code"], aid["Actor1CountryCode"], aid["Actor1KnownGroupCode"],
            aid["Actor1Type1Code"]) == ("IGOUNO", "", "UNO", "IGO")
    assert (aid["Actor2Code"], aid["Actor2CountryCode"], aid["Actor2KnownGroupCode"],
            aid["Actor2Type1Code"]) == ("NGOAMN", "", "AMN", "HRI")
    assert rows[0]["Actor1KnownGroupCode"] == ""
