"""Time expressions: detection, TIMEX3 values against the document time, DCT inference."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"


def times_of(rec) -> dict[str, object]:
    return {t.text: t for t in rec.times}


def one(rec, text: str):
    hits = [t for t in rec.times if t.text == text]
    assert hits, f"{text!r} not found in {[t.text for t in rec.times]}"
    return hits[0]


# ------------------------------------------------------------------ values against a known DCT

def test_absolute_dates_keep_their_value_and_mod(analyze):
    rec = analyze("Losses reached 2,187 tanks as of mid-September 2023, forcing the army to use "
                  "vehicles built in the 1940s.", published="2023-09-20")
    t = one(rec, "mid-September 2023")
    assert (t.type, t.value, t.mod) == ("DATE", "2023-09", "MID")
    assert one(rec, "the 1940s").value == "194"


def test_relative_dates_resolve_against_the_given_dct(analyze):
    text = ("Less than a week ago, the two leaders met. Officials said last week that the talks "
            "went well. This year, two launches failed. Earlier this month the army moved.")
    rec = analyze(text, published="2023-09-20")
    assert rec.dct.source == "given" and rec.dct.value == "2023-09-20"
    assert one(rec, "Less than a week ago").value == "2023-W37"
    assert one(rec, "last week").value == "2023-W37"
    assert one(rec, "This year").value == "2023"
    earlier = next(t for t in rec.times if "this month" in t.text)
    assert earlier.value == "2023-09" and earlier.anchor == "DCT"


def test_past_n_years_is_a_duration_ending_at_the_dct(analyze):
    rec = analyze("As many as 120,000 soldiers were killed over the past two years of fighting.",
                  published="2023-09-20")
    t = one(rec, "the past two years")
    assert (t.type, t.value, t.anchor) == ("DURATION", "P2Y", "DCT")


def test_weekday_follows_the_tense(analyze):
    # 2023-09-15 is a Friday.
    past = analyze("The minister resigned on Wednesday.", published="2023-09-15")
    assert one(past, "Wednesday").value == "2023-09-13"
    future = analyze("The minister will resign on Wednesday.", published="2023-09-15")
    assert one(future, "Wednesday").value == "2023-09-20"


def test_year_after_in(analyze):
    rec = analyze("The plant was closed in 2019 after a fire.", published="2023-09-15")
    t = one(rec, "2019")
    assert (t.type, t.value) == ("DATE", "2019")


def test_two_days_later_is_anchored_to_the_previous_date(analyze):
    text = "The ceasefire was signed on March 3, 2021. Two days later, fighting resumed."
    rec = analyze(text, published="2023-09-15")
    signed = one(rec, "March 3, 2021")
    later = one(rec, "Two days later")
    assert later.value == "2021-03-05"
    assert later.anchor == f"{signed.start}-{signed.end}"


def test_relative_days_parts_of_day_and_clock_times(analyze):
    rec = analyze("Talks began yesterday and resume tomorrow. Ministers spoke this morning and "
                  "will meet at 3 p.m. Friday.", published="2023-09-13")  # a Wednesday
    assert one(rec, "yesterday").value == "2023-09-12"
    assert one(rec, "tomorrow").value == "2023-09-14"
    morning = one(rec, "this morning")
    assert (morning.type, morning.value) == ("TIME", "2023-09-13TMO")
    clock = next(t for t in rec.times if "3 p.m." in t.text)
    assert (clock.type, clock.value) == ("TIME", "2023-09-15T15:00")


def test_months_quarters_and_seasons_use_the_tense(analyze):
    rec = analyze("Profits fell in the fourth quarter. Sales collapsed in October and recovered "
                  "last summer. The vote will be held in June.", published="2013-03-22")
    assert one(rec, "the fourth quarter").value == "2012-Q4"
    assert one(rec, "October").value == "2012-10"
    assert one(rec, "last summer").value == "2012-SU"
    assert one(rec, "June").value == "2013-06"


def test_durations_and_sets(analyze):
    rec = analyze("The siege lasted three months. Rescuers had 48 hours. It was the worst flu in a "
                  "decade. The council meets every Monday and twice a week pays $5 million a year.",
                  published="2013-03-22")
    assert one(rec, "three months").value == "P3M"
    assert one(rec, "48 hours").value == "PT48H"
    assert one(rec, "a decade").value == "P10Y"
    assert one(rec, "every Monday").value == "XXXX-WXX-1"
    assert one(rec, "twice a week").value == "P1W"
    rate = one(rec, "a year")
    assert (rate.type, rate.value) == ("SET", "P1Y")


def test_present_reference_and_ago(analyze):
    rec = analyze("The two sides are now aligned. The deal was struck four years ago.",
                  published="2013-03-21")
    assert one(rec, "now").value == "PRESENT_REF"
    assert one(rec, "four years ago").value == "2009"


def test_not_times(analyze):
    rec = analyze("He may resign. Some 2000 troops and 1,500 police marched to the capital.",
                  published="2013-03-21")
    assert rec.times == []


def test_offsets_are_exact(analyze):
    text = "SEOUL — On Sept. 13, 2023, Kim met Putin; a week later he was home by 8 p.m. on Sunday."
    rec = analyze(text, published="2023-09-20")
    assert rec.times
    for t in rec.times:
        assert text[t.start:t.end] == t.text


# ------------------------------------------------------------------ the DCT when none is given

def test_dct_inferred_from_a_wire_dateline(analyze):
    rec = analyze("SEOUL, Sept 13, 2023 (Reuters) - North Korea's leader arrived in Russia "
                  "yesterday for talks.")
    assert (rec.dct.source, rec.dct.value) == ("inferred", "2023-09-13")
    assert any("dateline" in e for e in rec.dct.evidence)
    assert one(rec, "yesterday").value == "2023-09-12"


def test_dct_inferred_from_the_latest_present_date(analyze):
    text = ("Less than a week ago, the leaders met in eastern Russia. The summit ended last week. "
            "This year, two launches failed. Observers have counted 2,187 tanks lost as of "
            "mid-September 2023, and the army now uses vehicles built in the 1940s.")
    rec = analyze(text)
    assert rec.dct.source == "inferred" and rec.dct.value == "2023-09"
    assert any("mid-September 2023" in e for e in rec.dct.evidence)
    assert one(rec, "Less than a week ago").value == "2023-09"
    assert one(rec, "last week").value == "2023-09"
    assert one(rec, "This year").value == "2023"


def test_no_evidence_leaves_relative_values_unresolved(analyze):
    # Never the machine clock: with nothing in the text to anchor them, values stay None.
    rec = analyze("Officials met last week. They will meet again next month, on Wednesday.")
    assert rec.dct.source == "unknown" and rec.dct.value is None
    assert rec.times and all(t.value is None for t in rec.times)


def test_a_past_event_date_is_not_taken_as_the_dct(analyze):
    rec = analyze("The raid in May 2010 killed nine activists. The two governments restored ties "
                  "last week.")
    assert rec.dct.value is None
    assert one(rec, "May 2010").value == "2010-05"
    assert one(rec, "last week").value is None


def test_no_clock_in_the_code():
    for path in (SRC / "extract").rglob("*.py"):
        if "tim" not in path.name and "timex" not in path.parts:
            continue
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(?:datetime|date)\.(?:now|today|utcnow)\(|time\.time\(", code), path
        assert not re.search(r"^\s*(?:import|from)\s+dateparser", code, re.M), path


# ------------------------------------------------------------------ knowledge is data

def test_editing_the_word_list_takes_effect(tmp_path):
    from dateline.extract.timex.grammar import Grammar
    from dateline.extract.timex.lexicon import DEFAULT_PATH, build
    from dateline.nlp import load

    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    text = "The treaty was signed on Unity Day and has held ever since."
    doc = load()(text)
    from dateline.extract.timex import annotate

    before, _ = annotate(text, doc, "2023-09-20", g=Grammar(build(data)))
    assert not any(f.parse.start == text.index("Unity Day") for f in before)
    data["holidays"]["Unity Day"] = "10-03"
    after, _ = annotate(text, doc, "2023-09-20", g=Grammar(build(data)))
    hit = [f for f in after if text[f.parse.start:f.parse.end] == "Unity Day"]
    assert hit and hit[0].value == "2023-10-03"  # no year named: the current one


@pytest.mark.parametrize("value,expected", [("2013-03-22", "2013-W12"), ("2023-09-20", "2023-W38")])
def test_week_arithmetic(value, expected):
    from dateline.extract.timex import values as V

    anchor = V.anchor_from_value(value)
    assert V.resolve(anchor, lambda d: V.fmt_week(d)) == expected


def test_an_interval_dct_coarsens_disagreeing_values():
    from datetime import date

    from dateline.extract.timex import values as V

    sept = V.Anchor(date(2023, 9, 11), date(2023, 9, 30), "2023-09")
    assert V.resolve(sept, V.shifted("W", -1)) == "2023-09"  # weeks 36..38, all in September
    assert V.resolve(sept, V.shifted("Y", 0)) == "2023"
    year = V.Anchor(date(2023, 1, 1), date(2023, 12, 31), "2023")
    assert V.resolve(year, V.shifted("W", -1)) is None  # could be December 2022


def test_trigger_scan_finds_what_a_full_scan_finds():
    """`Grammar.find` tries rules only near trigger words (for speed); it must miss nothing."""
    from dateline.extract.timex.grammar import grammar

    text = ("On Friday, March 22, 2013, at 3:30 p.m. EDT, officials said the first quarter of 2012 "
            "and mid-2011 were weak. The past several months, late last July, the 1990s, the "
            "20th century, two and a half years ago, every other week, 12 to 18 months, 0930 GMT, "
            "in the spring of 2010, 22 March 2013, 3/22/2013, 2013-03-22T10:00, FY2013, this "
            "weekend, early in the day, for years, weeks before the vote, twice a year, now.")
    g = grammar()
    key = lambda ps: sorted((p.rule, p.start, p.end) for p in ps)  # noqa: E731
    assert key(g.find(text)) == key(g.find_slow(text))


def test_time_patterns_do_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    code = ("import hashlib; from dateline.extract.timex import grammar as g; "
            "print(hashlib.sha1(repr([r.regex.pattern for r in g.grammar().rules]).encode()).hexdigest())")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in "123"}
    assert len(outs) == 1


@pytest.mark.parametrize("text, expected", [
    ("She led the company from 2004 to 2009.", [("2004", "2004"), ("2009", "2009")]),
    ("The index rose to 2009 points.", []),
    ("Cup 2018 day five: the hosts won.", [("2018", "2018")]),
    ("On Wednesday the delegates are to travel to Geneva.", [("Wednesday", "2018-06-27")]),
    ("On Wednesday the delegates were in Geneva.", [("Wednesday", "2018-06-20")]),
])
def test_year_ranges_years_before_units_and_plans(text, expected):
    import dateline
    rec = dateline.analyze(text, published="2018-06-21")
    assert [(t.text, t.value) for t in rec.times] == expected
