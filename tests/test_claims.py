"""Quantitative claims: hand-written sentences for each bound, number form, source, time and
the numbers that are not claims. The claims stage runs on its own here (parse + extract), so
these tests do not depend on the other stages; record.quotes / record.times are filled by hand
where a test needs them."""
from __future__ import annotations

import shutil

import pytest

from dateline.extract import claims as claims_stage
from dateline.extract.claims import lexicon
from dateline.extract.context import Context
from dateline.nlp import load
from dateline.record import Quote, Record, Speaker, Time


def extract(text: str, quotes=(), times=(), body_start: int = 0, lex=None):
    doc = load()(text)
    rec = Record(id="t", text=text, quotes=list(quotes), times=list(times))
    ctx = Context(doc=doc, record=rec, body_start=body_start)
    out = claims_stage.extract(ctx, lex)
    for c in out:  # provenance holds for every claim
        assert text[c.start:c.end] == c.text
    return out


def one(text: str, **kw):
    found = extract(text, **kw)
    assert len(found) == 1, [(c.text, c.value) for c in found]
    return found[0]


# ------------------------------------------------------------------ bounds

@pytest.mark.parametrize("hedge,bound", [
    ("as many as", "upper"), ("up to", "upper"), ("fewer than", "upper"),
    ("a minimum of", "lower"), ("at least", "lower"), ("more than", "lower"), ("over", "lower"),
    ("about", "approx"), ("nearly", "approx"), ("some", "approx"), ("roughly", "approx"),
])
def test_hedge_gives_bound(hedge, bound):
    c = one(f"Officials said {hedge} 300 villagers were evacuated.")
    assert c.value == 300
    assert c.bound == bound
    assert c.text.lower().startswith(hedge)


def test_plain_number_is_exact():
    c = one("The storm destroyed 48 houses.")
    assert (c.value, c.bound) == (48, "exact")


def test_trailing_hedge():
    assert one("The fire destroyed 500 homes or more.").bound == "lower"


@pytest.mark.parametrize("text,lo,hi", [
    ("Between 3 and 5 people were injured.", 3, 5),
    ("Three to five soldiers died in the attack.", 3, 5),
    ("The plant employs 200-250 workers.", 200, 250),
    ("The rebels hold between 12 and 20 million dollars.", 12e6, 20e6),
])
def test_ranges(text, lo, hi):
    c = one(text)
    assert c.bound == "range"
    assert (c.value, c.value_max) == (lo, hi)


def test_change_is_not_a_range():
    found = extract("Unemployment rose from 5% to 7% last year.")
    assert all(c.bound != "range" for c in found)


# ------------------------------------------------------------------ number forms

@pytest.mark.parametrize("text,value", [
    ("Two soldiers were wounded.", 2),
    ("The army lost 120,000 troops.", 120000),
    ("The budget allots 2.3 billion dollars to roads.", 2.3e9),
    ("A dozen tanks were destroyed.", 12),
    ("Half a million people fled the city.", 500000),
    ("Twenty-five people were hurt.", 25),
    ("The ministry counted two hundred thousand refugees.", 200000),
    ("The fund lost 3.2bn euros.", 3.2e9),
])
def test_number_values(text, value):
    assert one(text).value == pytest.approx(value)


def test_percent_and_money_units():
    found = {c.unit: c for c in extract("Profits rose 5% to $40 billion.")}
    assert found["percent"].value == 5
    assert found["USD"].value == 40e9


def test_vague_plural_counts():
    c = one("Dozens of civilians were killed in the strike.")
    assert (c.value, c.bound, c.object) == (24, "lower", "civilians")


def test_fraction():
    c = one("Nearly a third of the population has left.")
    assert c.value == pytest.approx(1 / 3, rel=1e-3)
    assert c.bound == "approx"
    assert "population" in c.object


# ------------------------------------------------------------------ object and measure

def test_object_and_measure():
    c = one("As many as 120,000 Russian soldiers have been killed in action.")
    assert c.object == "Russian soldiers"
    assert c.measure == "killed"
    assert c.text == "As many as 120,000 Russian soldiers"


def test_measure_is_first_of_a_verb_list():
    c = one("Analysts counted a minimum of 2,187 tanks being either destroyed, captured or "
            "abandoned.")
    assert (c.value, c.bound, c.object, c.measure) == (2187, "lower", "tanks", "destroyed")


def test_measure_skips_light_verb_and_object_keeps_of_phrase():
    c = one("Two launches of the Nuri rocket have tried and failed to reach orbit.")
    assert c.measure == "failed"
    assert c.object.startswith("launches of")


def test_level_verb_measures_its_subject():
    c = one("The death toll rose to 45 on Sunday.")
    assert c.object == "death toll"
    assert c.measure == "rose"


# ------------------------------------------------------------------ source

def test_source_from_reporting_verb():
    c = one("American intelligence has stated that as many as 9,000 soldiers have died.")
    assert c.source is not None and c.source.name == "American intelligence"


def test_source_from_according_to():
    c = one("Some 4,000 people fled the town, according to the United Nations.")
    assert c.source is not None and "United Nations" in c.source.name


def test_source_from_trailing_said():
    c = one("Twelve protesters were arrested, police said.")
    assert c.source is not None and c.source.name.lower() == "police"


def test_source_from_quote_stage():
    text = "The minister said that 300 schools would close."
    q = Quote(text="that 300 schools would close", start=text.index("that"), end=len(text) - 1,
              kind="indirect", speaker=Speaker("Minister Ann Lee", "e1"))
    c = one(text, quotes=[q])
    assert (c.source.name, c.source.entity) == ("Minister Ann Lee", "e1")


def test_no_source_when_unattributed():
    assert one("The storm destroyed 48 houses.").source is None


# ------------------------------------------------------------------ time

def test_time_prefers_as_of():
    c = one("On Monday observers counted at least 600 tanks destroyed as of mid-May 2022.")
    assert c.time is not None and "mid-May 2022" in c.time.text


def test_time_over_the_past():
    c = one("As many as 900 fighters have been killed over the past two years.")
    assert c.time is not None and "the past two years" in c.time.text


def test_time_in_same_sentence_from_times_stage():
    text = "This year, two launches of the rocket have failed."
    t = Time(text="This year", start=0, end=9, type="DATE", value="2023")
    c = one(text, times=[t])
    assert (c.time.text, c.time.value) == ("This year", "2023")


def test_time_only_from_the_same_sentence():
    c = one("Talks began in March. Officials said 40 prisoners were released.")
    assert c.time is None


# ------------------------------------------------------------------ not claims

@pytest.mark.parametrize("text", [
    "The talks were held in 2007.",                      # year
    "Elections take place on 3 March 2011.",             # date
    "It was the third time in a decade.",                # ordinal
    "The two leaders met in Vladivostok.",               # known participants
    "The two nations signed a pact.",
    "Both sides agreed.",
    "The two reportedly met on Tuesday.",
    "He was jailed for two years.",                      # duration
    "They met in a multi-day summit.",
    "A 45-year-old man was arrested.",                   # ages
    "Smith, 45, was arrested.",
    "The victims were aged 45 and 50.",
    "The Soyuz-2 rocket and the Chollima-1 rocket flew.",   # names
    "The G7 leaders met.",
    "Flight 370 vanished.",
    "The airline flies the Boeing 737 and the 787.",
    "See page 5 of the report.",                         # labels
    "Call 555-1234 for details.",                        # phone
    "The home side won 3-1.",                            # score
    "One of the men said nothing.",                      # pronoun "one"
    "The meeting started at 10:30 a.m.",                 # clock time
    "Tanks built in the 1940s were used.",               # decade
])
def test_not_claims(text):
    assert extract(text) == []


def test_reference_like_paragraph_has_only_the_claims():
    text = ("The two leaders met last week. While the two leaders did not disclose specific "
            "actions, officials said 3,000 workers would be sent. The two nations are not "
            "aligned.")
    found = extract(text)
    assert [(c.value, c.object) for c in found] == [(3000, "workers")]


def test_headline_block_is_skipped():
    text = "Rebels kill 40 in raid\n\nBy Ann Lee\n\nGunmen killed 40 villagers on Monday."
    found = extract(text, body_start=text.index("Gunmen"))
    assert [c.start for c in found] == [text.index("40 villagers")]


# ------------------------------------------------------------------ knowledge is data

def test_editing_the_hedge_table_takes_effect(tmp_path):
    for name in lexicon.FILES:
        src = lexicon.KNOWLEDGE / name
        if src.is_file():
            shutil.copy(src, tmp_path / name)
    text = "The fund holds a whopping 500 paintings."
    assert one(text).bound == "exact"
    with (tmp_path / "hedges.tsv").open("a", encoding="utf-8") as fh:
        fh.write("a whopping\tlower\n")
    c = one(text, lex=lexicon.load(str(tmp_path)))
    assert c.bound == "lower"
    assert c.text.startswith("a whopping")


def test_editing_number_words_takes_effect(tmp_path):
    for name in lexicon.FILES:
        src = lexicon.KNOWLEDGE / name
        if src.is_file():
            shutil.copy(src, tmp_path / name)
    with (tmp_path / "number_words.tsv").open("a", encoding="utf-8") as fh:
        fh.write("gross\t144\tmultiplier\n")
    c = one("The shop sold a gross pencils.", lex=lexicon.load(str(tmp_path)))
    assert c.value == 144


@pytest.mark.parametrize("text, expected", [
    ("Nearly 7 million people face hunger after a third consecutive failed rainy season.",
     [(7e6, "approx", "people")]),
    ("She won a third term in office.", []),
    ("A quarter of the crop was lost.", [(0.25, "exact", "crop")]),
    ("The UN appealed for $1.2 billion in emergency aid for the Sahel.",
     [(1.2e9, "exact", "emergency aid")]),
    ("The firm earned $3 million in March.", [(3e6, "exact", "")]),
])
def test_ordinal_a_third_and_money_in_what_it_buys(text, expected):
    import dateline
    rec = dateline.analyze(text, published="2024-05-01")
    assert [(c.value, c.bound, c.object) for c in rec.claims] == expected
