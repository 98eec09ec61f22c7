"""Geocoding behaviour on hand-written texts (offline gazetteer + context disambiguation).

Most tests build the place entities by hand, so they test the places stage alone, whatever the
entity stage finds; the last ones run the whole pipeline.
"""
from __future__ import annotations

import math
import re

import pytest

from dateline import geo, knowledge
from dateline.extract import places
from dateline.extract.context import Context
from dateline.nlp import load
from dateline.record import Entity, Mention, Record


def km(a, b):
    r = math.radians
    d = (math.sin(r(b[0] - a[0]) / 2) ** 2
         + math.cos(r(a[0])) * math.cos(r(b[0])) * math.sin(r(b[1] - a[1]) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(d))


def run_places(text: str, names: dict[str, str], metonyms: tuple[str, ...] = (),
               others: dict[str, str] | None = None) -> dict[str, Entity]:
    """Entities for every occurrence of each name (name -> type), then the places stage."""
    entities = []
    for i, (name, typ) in enumerate({**names, **(others or {})}.items()):
        mentions = [Mention(name, m.start(), m.end())
                    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
        assert mentions, name
        entities.append(Entity(id=f"e{i}", name=name, type=typ, mentions=mentions,
                               metonym=name in metonyms))
    ctx = Context(doc=load()(text), record=Record(id="t", text=text, entities=entities))
    ctx.reindex()
    places.run(ctx)
    return {e.name: e for e in entities}


def test_name_folding():
    assert geo.norm("the Côte d’Ivoire's") == "cote d ivoire"
    assert geo.norm("U.S.") == "us"
    assert geo.norm("St. Louis") == geo.norm("Saint Louis")
    assert geo.norm("Komsomolsk-on-Amur") == "komsomolsk on amur"


def test_facility_from_the_table():
    ents = run_places("Kim flew to the Vostochny Cosmodrome on Wednesday.",
                      {"Vostochny Cosmodrome": "FAC"})
    g = ents["Vostochny Cosmodrome"].geo
    assert g["kind"] == "facility" and g["country"] == "RUS" and g["feature"] == "spaceport"
    assert (g["lat"], g["lon"]) == (51.884, 128.334)
    assert ents["Vostochny Cosmodrome"].country == "RUS"  # filled when empty


def test_document_country_disambiguates():
    """Paris is the French capital, unless the report is about Texas towns."""
    texan = run_places("Storms hit Paris and Sulphur Springs on Monday; Texas officials in "
                       "Sulphur Springs said Paris lost power.",
                       {"Paris": "GPE", "Sulphur Springs": "GPE", "Texas": "GPE"})
    assert texan["Paris"].geo["country"] == "USA"
    assert texan["Paris"].geo["admin1"] == "US.TX"
    french = run_places("Protesters marched in Paris and Lyon, France, on Saturday.",
                        {"Paris": "GPE", "Lyon": "GPE", "France": "GPE"})
    assert french["Paris"].geo["country"] == "FRA"
    assert km((french["Paris"].geo["lat"], french["Paris"].geo["lon"]), (48.857, 2.352)) < 20


def test_written_container_picks_the_town():
    ents = run_places("A woman from Alexandria, La., was arrested on Friday.",
                      {"Alexandria": "GPE"})
    assert ents["Alexandria"].geo["admin1"] == "US.LA"
    ents = run_places("A woman from Alexandria was arrested on Friday.", {"Alexandria": "GPE"})
    assert ents["Alexandria"].geo["country"] == "EGY"  # the large one, with nothing else said


def test_division_of_the_document():
    ents = run_places("The Georgia state line runs south of Chattanooga, Tennessee.",
                      {"Georgia": "GPE", "Chattanooga": "GPE", "Tennessee": "GPE"})
    assert ents["Georgia"].geo["kind"] == "admin1" and ents["Georgia"].geo["country"] == "USA"
    ents = run_places("Russian troops entered Georgia and reached Tbilisi's suburbs.",
                      {"Georgia": "GPE", "Tbilisi": "GPE"})
    assert ents["Georgia"].geo["kind"] == "country" and ents["Georgia"].geo["country"] == "GEO"


def test_qualifier_keeps_the_country():
    ents = run_places("The summit was held in eastern Russia.", {"eastern Russia": "LOC"})
    g = ents["eastern Russia"].geo
    assert g["kind"] == "country" and g["country"] == "RUS" and g["qualifier"] == "eastern"
    ents = run_places("Kim travelled across eastern Russia by train; Russia welcomed him.",
                      {"Russia": "GPE"})
    g = ents["Russia"].geo
    assert g["kind"] == "country" and g["qualifier"] is None
    assert [q["qualifier"] for q in g["mention_qualifiers"]] == ["eastern"]


def test_division_words_are_stripped():
    g = run_places("Fires spread across Amur Oblast.", {"Amur Oblast": "GPE"})["Amur Oblast"].geo
    assert g["kind"] == "admin1" and g["country"] == "RUS"


def test_metonym_flag_is_kept_with_coordinates():
    ents = run_places("Talks between Moscow and Pyongyang went on for hours.",
                      {"Moscow": "GPE", "Pyongyang": "GPE"}, metonyms=("Moscow", "Pyongyang"))
    for name, point in (("Moscow", (55.756, 37.617)), ("Pyongyang", (39.034, 125.754))):
        g = ents[name].geo
        assert g["metonym"] is True and g["kind"] == "city"
        assert km((g["lat"], g["lon"]), point) < 30


def test_organisations_are_not_geocoded_but_nationalities_get_their_country():
    ents = run_places("Father James McCann, a Jesuit scholar at Xavier, spoke of Russian aims "
                      "in Ukraine, and of Jesuit and European schools.", {"Ukraine": "GPE"},
                      others={"Xavier": "ORG", "Russian": "NORP", "Jesuit": "NORP",
                              "European": "NORP"})
    assert ents["Xavier"].geo is None and ents["Jesuit"].geo is None
    g = ents["Russian"].geo
    assert g["demonym"] is True and g["kind"] == "country" and g["country"] == "RUS"
    assert ents["Russian"].type == "NORP"  # still a group, not a place
    assert ents["European"].geo["name"] == "Europe"  # knowledge/place_cues.tsv adjective
    assert ents["Ukraine"].geo["country"] == "UKR"


def test_place_inside_an_unknown_name_is_approximate():
    ents = run_places("Flights left Vancouver International Airport late.",
                      {"Vancouver International Airport": "FAC"})
    g = ents["Vancouver International Airport"].geo
    assert g["approximate"] is True and g["name"] == "Vancouver" and g["country"] == "CAN"
    ents = run_places("The Red River flooded.", {"Red River": "LOC"})
    assert ents["Red River"].geo is None  # not the town of Red, whatever its size


def test_unknown_place_is_left_alone():
    ents = run_places("They met at Zzyzxqwv Junction.", {"Zzyzxqwv Junction": "LOC"})
    assert ents["Zzyzxqwv Junction"].geo is None



def test_editing_facilities_table_takes_effect(user_knowledge):
    """A row added to facilities.tsv (here in the user's knowledge folder, read after ours)
    is used after a reload, and the entity stage's FAC names see it too."""
    assert not geo.gazetteer().lookup("Quillhaven Test Range")
    (user_knowledge / "facilities.tsv").write_text(
        "# a made-up range for the test\n"
        "name\tvariants\tcountry\tlat\tlon\tkind\n"
        "Quillhaven Test Range\tQuillhaven range\tNOR\t69.5\t18.9\ttest site\n",
        encoding="utf-8")
    knowledge.reload()
    hits = geo.gazetteer().lookup("Quillhaven range")
    assert [(p.kind, p.country, p.lat, p.lon, p.detail) for p, _ in hits] == \
        [("facility", "NOR", 69.5, 18.9, "test site")]
    assert any(k.name == "Quillhaven Test Range" for k in knowledge.gazetteer())
    ents = run_places("A missile was fired from the Quillhaven range.",
                      {"Quillhaven range": "FAC"})
    assert ents["Quillhaven range"].geo["lat"] == 69.5


def test_editing_regions_table_moves_a_country_point(user_knowledge):
    (user_knowledge / "regions.tsv").write_text(
        "name\tvariants\tkind\tcountry\tlat\tlon\n"
        "Ukraine\t\tcountry\tUKR\t50.45\t30.52\n", encoding="utf-8")
    knowledge.reload()
    ents = run_places("Aid reached Ukraine.", {"Ukraine": "GPE"})
    assert (ents["Ukraine"].geo["lat"], ents["Ukraine"].geo["lon"]) == (50.45, 30.52)


def test_editing_place_points_moves_a_division(user_knowledge):
    """A division's point from knowledge/place_points.tsv replaces the derived one."""
    (user_knowledge / "place_points.tsv").write_text(
        "name\tkind\tcountry\tlat\tlon\n"
        "Ohio\tadmin1\tUSA\t39.96\t-83.0\n", encoding="utf-8")
    knowledge.reload()
    ents = run_places("Voters in Ohio went to the polls.", {"Ohio": "GPE"})
    assert (ents["Ohio"].geo["lat"], ents["Ohio"].geo["lon"]) == (39.96, -83.0)


def test_division_points_follow_the_gazetteer_convention():
    """Virginia sits at GeoNames' point (Richmond), not the middle of its towns' box."""
    ents = run_places("Storms crossed Virginia overnight.", {"Virginia": "GPE"})
    g = ents["Virginia"].geo
    assert km((g["lat"], g["lon"]), (37.548, -77.447)) < 5


def test_bare_capital_beats_the_same_named_division():
    """A bare "Washington" in a national story is the capital; the state needs evidence."""
    ents = run_places("Officials in Washington said the United States would send aid.",
                      {"Washington": "GPE", "United States": "GPE"})
    assert ents["Washington"].geo["admin1"] == "US.DC"
    ents = run_places("Wildfires spread near Spokane and Yakima, Washington officials said; "
                      "Spokane schools closed.",
                      {"Washington": "GPE", "Spokane": "GPE", "Yakima": "GPE"})
    assert ents["Washington"].geo["admin1"] == "US.WA"


def test_names_of_one_place_do_not_vote_for_each_other():
    """"Dublin" and "Dublin Choir" read as the same town: their agreement is not evidence,
    the state named in the report is."""
    text = ("The Dublin Choir sang in Dublin on Friday. Dublin police closed roads and the Dublin "
            "Choir thanked Dublin residents, the Ohio arts board said.")
    ents = run_places(text, {"Dublin Choir": "FAC", "Dublin": "GPE", "Ohio": "GPE"})
    assert ents["Dublin"].geo["admin1"] == "US.OH"


def test_neighbouring_names_pick_each_other():
    """Spatial coherence: Paris beside a Henry County is the Tennessee pair, with no state
    named."""
    ents = run_places("Paris and Henry County have a long history of arts; the Henry County "
                      "fair opened in Paris this week.",
                      {"Paris": "GPE", "Henry County": "GPE"})
    assert ents["Paris"].geo["country"] == "USA"
    assert ents["Paris"].geo["admin1"] == ents["Henry County"].geo["admin1"]


def test_dotted_state_abbreviation_in_text_is_evidence():
    """"Tenn." written anywhere makes the Tennessee town likelier."""
    plain = run_places("Reporters said Columbia sent help.", {"Columbia": "GPE"})
    assert plain["Columbia"].geo["admin1"] == "US.SC"  # the largest, with nothing else said
    ents = run_places("Brick Hill, Tenn., reporters said Columbia sent help.",
                      {"Columbia": "GPE"})
    assert ents["Columbia"].geo["admin1"] == "US.TN"


def test_is_place_name_for_the_entity_stage():
    assert geo.is_place_name("Edmonton", min_population=100_000)
    assert geo.is_place_name("Vostochny Cosmodrome")
    assert not geo.is_place_name("Xavier")


def test_pipeline_geocodes_places_only(analyze):
    rec = analyze("North Korean leader Kim Jong Un met Vladimir Putin at the Vostochny "
                  "Cosmodrome in eastern Russia, a Jesuit scholar at Xavier said.",
                  published="2023-09-14")
    geocoded = {e.name: e for e in rec.entities if e.geo}
    # places, and nationality words marked as such ("North Korean" -> North Korea)
    assert all(e.type in ("GPE", "LOC", "FAC") or (e.type == "NORP" and e.geo["demonym"])
               for e in geocoded.values())
    assert "Xavier" not in geocoded
    cosmodrome = next(e for e in geocoded.values() if "Vostochny" in e.name)
    assert cosmodrome.geo["kind"] == "facility"
    russia = next(e for e in geocoded.values() if e.geo["kind"] == "country"
                  and e.geo["country"] == "RUS")
    assert russia.geo["qualifier"] == "eastern" or russia.geo.get("mention_qualifiers")


def test_continental_adjective_table_edit_takes_effect(user_knowledge):
    """knowledge/place_cues.tsv is data: an adjective row added in the user's folder counts."""
    (user_knowledge / "place_cues.tsv").write_text("adjective\tMercian\tEngland\n", encoding="utf-8")
    knowledge.reload()
    ents = run_places("Mercian farmers protested.", {}, others={"Mercian": "NORP"})
    assert ents["Mercian"].geo["name"] == "England"


# --- detection: places the entity stage must find and geocode (whole pipeline) ---------------


def geocoded(text: str) -> dict[str, dict]:
    """Mention text -> geo of its entity, for every mention of a geocoded entity."""
    import dateline

    rec = dateline.analyze(text)
    return {m.text: e.geo for e in rec.entities if e.geo for m in e.mentions}


def test_us_and_dotted_state_abbreviations_are_places():
    g = geocoded("The two engineers moved to the U.S. in 2001. One lives in Fresno, Calif., "
                 "the other near Wheeling, W.Va., where the U.S. Army has a depot.")
    assert g["U.S."]["country"] == "USA" and g["U.S."]["kind"] == "country"
    assert g["Calif."]["name"] == "California" and g["W.Va."]["name"] == "West Virginia"


def test_capitalised_datelines_are_places():
    g = geocoded("Plant to close. TOLEDO, Ohio (AP) — Workers at the glass plant were told on "
                 "Friday that it would shut.\nLater story. HALIFAX — A ferry ran aground.")
    assert g["TOLEDO"]["country"] == "USA" and g["TOLEDO"]["admin1"] == "US.OH"
    assert g["HALIFAX"]["kind"] == "city"


def test_legislators_state_after_party_letter():
    g = geocoded("Sen. Maria Ortega, D-N.M., and Rep. Tom Baxter, R-Okla, opposed the bill.")
    assert g["N.M."]["name"] == "New Mexico" and g["Okla"]["name"] == "Oklahoma"


def test_town_typed_as_organisation_or_person_in_place_context():
    g = geocoded("A Tuscaloosa man was arrested on Friday. Police in Tuscaloosa said he had "
                 "stolen a truck. Tuscaloosa police later released him.")
    assert g["Tuscaloosa"]["country"] == "USA"


def test_places_inside_organisation_names():
    import dateline

    rec = dateline.analyze("The Fresno Police Department asked for help. Lecturers at the "
                           "University of Manitoba and the Bank of England disagreed, and the "
                           "Nigerian Army was silent.")
    types = {e.name: e.type for e in rec.entities}
    assert types["Fresno Police Department"] == "ORG"  # the organisation stays
    g = {m.text: e.geo for e in rec.entities if e.geo for m in e.mentions}
    assert g["Fresno"]["admin1"] == "US.CA"
    assert g["Manitoba"]["country"] == "CAN" and g["England"]["country"] == "GBR"
    assert g["Nigerian"]["country"] == "NGA" and g["Nigerian"]["demonym"] is True


def test_county_lists_are_counties():
    g = geocoded("Schools in Walton and Oconee counties reopened on Monday.")
    assert g["Walton"]["kind"] == "admin2" and g["Oconee"]["kind"] == "admin2"


def test_a_persons_name_and_an_institution_are_not_places():
    import dateline

    rec = dateline.analyze("Michael Jordan said the Supreme Court ruling did not matter to "
                           "him. Jordan laughed, and a scholar at Xavier agreed.")
    assert not any(e.geo for e in rec.entities if e.name in ("Michael Jordan", "Xavier"))
    assert not any(m.text in ("Supreme", "Jordan") for e in rec.entities if e.geo
                   for m in e.mentions)


def test_the_planet_is_not_a_town():
    import dateline
    rec = dateline.analyze("Life has only been found on Earth, although probes have searched Mars "
                           "and the Moon for decades, scientists in Boston said.")
    by_name = {e.name: e for e in rec.entities}
    assert all(by_name[n].geo is None for n in ("Earth", "Mars") if n in by_name)
    assert by_name["Boston"].geo is not None


def test_union_of_countries_is_placed_on_its_continent():
    """"the EU" stays an organisation but gets Europe's point (place_cues.tsv `bloc`)."""
    import dateline

    rec = dateline.analyze("EU ministers met on Monday. The European Union said it would act.")
    eu = [e for e in rec.entities if e.type == "ORG" and e.geo]
    assert eu and eu[0].geo["name"] == "Europe"
