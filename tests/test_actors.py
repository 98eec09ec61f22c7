"""Actor coding: country and CAMEO role from the text and from knowledge tables."""
from __future__ import annotations


def ent(rec, name):
    return next(e for e in rec.entities if e.name == name)


def test_premodifier_gives_country_and_role(analyze):
    rec = analyze("North Korean leader Kim Jong Un met Russian President Vladimir Putin on Wednesday.")
    assert (ent(rec, "Kim Jong Un").country, ent(rec, "Kim Jong Un").role) == ("PRK", "GOV")
    assert (ent(rec, "Vladimir Putin").country, ent(rec, "Vladimir Putin").role) == ("RUS", "GOV")


def test_apposition_beats_honorific(analyze):
    rec = analyze("“It will take years,” said Father Daniel Brennan, a Jesuit scholar at Loyola.")
    brennan = ent(rec, "Daniel Brennan")
    assert brennan.role == "EDU"


def test_honorific_used_when_nothing_else(analyze):
    rec = analyze("Father Daniel Brennan led the service on Sunday in Dublin.")
    assert ent(rec, "Daniel Brennan").role == "REL"


def test_former_office_is_not_coded_as_current(analyze):
    rec = analyze("Former President Alan Marsh spoke in Ohio on Monday.")
    assert ent(rec, "Alan Marsh").role is None


def test_capitals_between_each_other_code_as_governments(analyze):
    rec = analyze("Relations between Moscow and Pyongyang have warmed, analysts in Seoul said.")
    moscow, pyongyang = ent(rec, "Moscow"), ent(rec, "Pyongyang")
    assert (moscow.country, moscow.role, moscow.metonym) == ("RUS", "GOV", True)
    assert (pyongyang.country, pyongyang.role) == ("PRK", "GOV")


def test_capital_as_plain_location_is_not_metonymic(analyze):
    rec = analyze("The concert took place in Moscow last night.")
    assert not ent(rec, "Moscow").metonym


def test_demonym_and_bloc_codes(analyze):
    rec = analyze("American diplomats and Western governments criticised the vote.")
    names = {e.name: e.country for e in rec.entities}
    assert names.get("American") == "USA"
    assert names.get("Western") == "WST"


def test_code_phrase_for_groups(analyze):
    from dateline.extract import actors
    from dateline.extract.context import Context
    from dateline.nlp import load
    from dateline.pipeline import build_record
    from dateline.ingest.document import Document

    text = "American intelligence has stated that Russian troops withdrew."
    doc = load()(text)
    rec = build_record(Document(text=text), doc)
    ctx = Context(doc=doc, record=rec)
    ctx.reindex()
    a = actors.code_phrase(ctx, 0, len("American intelligence"))
    assert (a.country, a.role) == ("USA", "SPY")
    start = text.index("Russian troops")
    b = actors.code_phrase(ctx, start, start + len("Russian troops"))
    assert (b.country, b.role) == ("RUS", "MIL")
