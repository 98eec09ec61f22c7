"""Actor coding: country and CAMEO role from the text and from knowledge tables."""
from __future__ import annotations

from dateline.extract import actors


def _analysed_context(text: str):
    """The stage context after the whole pipeline ran, for calling actors.code_phrase."""
    from dateline.extract.context import Context
    from dateline.ingest.document import Document
    from dateline.nlp import load
    from dateline.pipeline import build_record

    doc = load()(text)
    ctx = Context(doc=doc, record=build_record(Document(text=text), doc))
    ctx.reindex()
    return ctx


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
    text = "American intelligence has stated that Russian troops withdrew."
    ctx = _analysed_context(text)
    a = actors.code_phrase(ctx, 0, len("American intelligence"))
    assert (a.country, a.role) == ("USA", "SPY")
    start = text.index("Russian troops")
    b = actors.code_phrase(ctx, start, start + len("Russian troops"))
    assert (b.country, b.role) == ("RUS", "MIL")


def test_past_leaders_from_people_table_and_lone_surname(analyze):
    rec = analyze("Bill Clinton spoke with Boris Yeltsin by telephone. Later Obama flew home.")
    assert (ent(rec, "Bill Clinton").country, ent(rec, "Bill Clinton").role) == ("USA", "GOV")
    assert ent(rec, "Boris Yeltsin").country == "RUS"
    assert ent(rec, "Obama").country == "USA"  # one listed Obama: the surname alone is enough


def test_ambiguous_lone_surname_stays_uncoded():
    from dateline.extract.actors import known_person

    assert known_person("Bush") == ("USA", "GOV")  # both Bushes: same code
    assert known_person("Kim") is None  # Kims of both Koreas are listed


def test_international_organisations_get_cameo_codes(analyze):
    rec = analyze("The Red Cross and Amnesty International criticised the European Union "
                  "and NATO on Friday.")
    # CAMEO's international type takes the three-letter country slot; the whole code is kept.
    codes = {name: (ent(rec, name).country, ent(rec, name).code) for name in
             ("Red Cross", "Amnesty International", "European Union", "NATO")}
    assert codes == {"Red Cross": ("NGO", "NGOIRC"), "Amnesty International": ("NGO", "NGOAMN"),
                     "European Union": ("IGO", "IGOEUREEC"), "NATO": ("IGO", "IGOWSTNAT")}
    assert all(e.country is None or len(e.country) == 3 for e in rec.entities)
    actors = [a for ev in rec.events for a in (ev.source, ev.target) if a is not None]
    assert actors and all(a.code == ent(rec, a.name).code for a in actors
                          if any(e.name == a.name for e in rec.entities))


def test_national_branch_of_an_organisation_keeps_its_country(analyze):
    rec = analyze("Volunteers from the Kenyan Red Cross handed out water in Mombasa.")
    assert next(e for e in rec.entities if "Red Cross" in e.name).country == "KEN"


def test_aliases_prc_and_argentine(analyze):
    rec = analyze("The PRC protested after an Argentine court ruled on the case.")
    names = {e.name: e.country for e in rec.entities}
    assert names.get("PRC") == "CHN"
    assert names.get("Argentine") == "ARG"


def test_south_american_is_a_region_not_the_usa(analyze):
    rec = analyze("South American leaders gathered in Quito on Monday.")
    assert "USA" not in {e.country for e in rec.entities}


def test_country_in_a_war_name_is_not_a_nationality(analyze):
    rec = analyze("John Harlow, an Iraq War veteran, testified in Denver on Tuesday.")
    assert ent(rec, "John Harlow").country is None


def test_organization_table_edit_takes_effect(analyze, user_knowledge):
    from dateline import knowledge

    (user_knowledge / "organizations.tsv").write_text(
        "Northern Fisheries Council\tIGOFSH\t\tNFC\n", encoding="utf-8")
    knowledge.reload()
    assert knowledge.organization_of("the NFC").code == "IGOFSH"
    assert knowledge.organization_of("United Nations").code == "IGOUNO"  # ours are kept


def test_actor_words_edit_takes_effect(user_knowledge):
    from dateline import knowledge
    from dateline.extract.actors import _match_words

    assert _match_words(["Iraq", "policy", "veteran"])[0] == "IRQ"
    (user_knowledge / "actor_words.tsv").write_text("policy\tevent_head\n", encoding="utf-8")
    knowledge.reload()
    assert _match_words(["Iraq", "policy", "veteran"])[0] is None



def test_staff_of_an_international_body_are_not_a_government(analyze):
    text = "Red Cross officials visited the camp near the border."
    ctx = _analysed_context(text)
    a = actors.code_phrase(ctx, 0, len("Red Cross officials"))
    assert a is not None and a.country in ("NGO", "IGO") and a.role != "GOV"
