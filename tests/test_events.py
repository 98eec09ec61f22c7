"""Behaviour of the CAMEO event stage on hand-written sentences."""
from __future__ import annotations

import shutil

import pytest

from dateline.extract.eventing import lexicon as lexicon_mod


def _events(analyze, text, published=None):
    rec = analyze(text, published=published)
    for ev in rec.events:  # provenance of every span
        assert rec.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        assert ev.sentence["start"] <= ev.trigger.start < ev.sentence["end"]
        for m in ev.mentions:
            assert rec.text[m.start:m.end] == m.text
    return rec, rec.events


def _find(events, src, tgt=None, root=None):
    for ev in events:
        pair = (ev.source.country if ev.source else None, ev.target.country if ev.target else None)
        if pair[0] == src and (tgt is None or pair[1] == tgt) and (root is None or ev.root == root):
            return ev
    raise AssertionError(f"no {src}->{tgt} {root} event in {[(e.code, e.source, e.target) for e in events]}")


def test_asserted_meeting_with_actors_place_time_and_scales(analyze):
    rec, events = _events(analyze, "Russian President Vladimir Putin met Chinese President Xi Jinping "
                                    "in Beijing on Monday.", published="2024-05-21")
    ev = _find(events, "RUS", "CHN", "04")
    assert ev.code == "040" and ev.plover == "CONSULT" and ev.modality == "asserted"
    assert ev.source.name == "Vladimir Putin" and ev.source.role == "GOV"
    assert ev.source.entity and rec.entity(ev.source.entity).name == "Vladimir Putin"
    assert ev.trigger.text == "met"
    assert ev.where is not None and ev.where.name == "Beijing"
    assert ev.when is not None and ev.when.text == "Monday" and ev.when.value == "2024-05-20"
    assert ev.goldstein == 1.0 and ev.quad_class == 1


def test_reported_event(analyze):
    _, events = _events(analyze, "Officials in Kyiv said Russia attacked Ukraine with drones overnight.")
    ev = _find(events, "RUS", "UKR", "19")
    assert ev.modality == "reported" and ev.quad_class == 4 and ev.goldstein == -10.0


def test_planned_event_is_coded_as_the_act_and_filed_as_agree(analyze):
    _, events = _events(analyze, "Japan will send humanitarian aid to Ukraine, the foreign ministry said.")
    ev = _find(events, "JPN", "UKR")
    assert ev.modality == "planned"
    assert ev.code == "073"  # the act (provide humanitarian aid); modality says it is planned
    assert ev.plover == "AGREE"  # PLOVER: an announced cooperative act


def test_purpose_clause_is_planned(analyze):
    _, events = _events(analyze, "Turkish President Recep Tayyip Erdogan flew to Moscow to discuss "
                                 "grain exports with Vladimir Putin.")
    discuss = [e for e in events if e.trigger.text == "discuss"]
    assert discuss and discuss[0].modality == "planned"


def test_possible_event(analyze):
    _, events = _events(analyze, "Iran could attack Israel within days, analysts warned.")
    ev = _find(events, "IRN", "ISR", "19")
    assert ev.modality == "possible"


def test_negated_event_is_kept_and_marked(analyze):
    _, events = _events(analyze, "Germany did not sign the agreement with Poland.")
    ev = _find(events, "DEU", "POL", "05")
    assert ev.code == "057" and ev.modality == "negated"


def test_nominal_events(analyze):
    _, events = _events(analyze, "Russia's invasion of Ukraine entered its third year.")
    ev = _find(events, "RUS", "UKR", "19")
    assert ev.trigger.text == "invasion"
    _, events = _events(analyze, "Experts worry about the supply of weapons from Iran to Russia.")
    ev = _find(events, "IRN", "RUS", "07")
    assert ev.code == "072" and ev.trigger.text == "supply"
    _, events = _events(analyze, "A summit between France and Germany opened in Paris.")
    ev = _find(events, "FRA", "DEU", "04")
    assert ev.trigger.text == "summit" and ev.where.name == "Paris"


def test_frames_recode_the_governed_event(analyze):
    _, events = _events(analyze, "Turkey refused to release the detained Greek soldiers.")
    ev = _find(events, "TUR", root="12")
    assert ev.code == "1243"  # refuse to release persons or property
    _, events = _events(analyze, "Iran threatened to attack Israel.")
    assert _find(events, "IRN", "ISR", "13").code == "1384"


def test_demand_in_reported_must_clause(analyze):
    _, events = _events(analyze, "China said Japan must apologize for the incident.")
    ev = _find(events, "CHN", "JPN", "10")
    assert ev.plover == "DEMAND"


def test_pronoun_and_group_actors(analyze):
    _, events = _events(analyze, "North Korea said it would supply artillery shells to Russia.")
    ev = _find(events, "PRK", "RUS", "07")
    assert ev.code == "072" and ev.modality == "planned" and ev.plover == "AGREE"
    _, events = _events(analyze, "Russian troops shelled Ukrainian positions near Bakhmut.")
    ev = _find(events, "RUS", "UKR", "19")
    assert ev.source.role == "MIL" and ev.code == "194"
    assert ev.where.name == "Bakhmut"


def test_the_two_leaders_refers_back(analyze):
    text = ("Indian Prime Minister Narendra Modi and Japanese Prime Minister Fumio Kishida spoke at "
            "a forum in Lisbon on Friday. The two leaders later met to discuss trade.")
    _, events = _events(analyze, text)
    ev = next(e for e in events if e.root == "04" and "met" in
              {e.trigger.text} | {m.text for m in e.mentions})
    assert {ev.source.country, ev.target.country} == {"IND", "JPN"}


def test_title_caption_and_body_merge_into_one_event(analyze):
    text = ("Macron and Scholz Meet in Paris\n\n"
            "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on "
            "Tuesday. The meeting lasted two hours, and the two leaders agreed to meet again.")
    rec, events = _events(analyze, text, published="2024-03-14")
    meets = [e for e in events if e.root == "04"]
    assert len(meets) == 1
    ev = meets[0]
    assert {ev.source.country, ev.target.country} == {"FRA", "DEU"}
    told = {m.text for m in ev.mentions} | {ev.trigger.text}
    assert {"Meet", "met", "meeting"} <= told
    assert ev.trigger.text == "met"  # the body's mention, not the headline's, is the main one


def test_different_visits_are_not_merged_with_the_meeting(analyze):
    text = ("Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in Tokyo "
            "on Monday. Modi also visited a shipyard in Japan.")
    _, events = _events(analyze, text)
    codes = sorted(e.code for e in events if e.root == "04")
    assert codes == ["040", "042"]


def test_dateline_is_the_fallback_place_and_not_an_actor(analyze):
    _, events = _events(analyze, "KYIV, Ukraine (Reuters) - Russia attacked Ukrainian energy "
                                 "infrastructure overnight, officials said.")
    ev = _find(events, "RUS", "UKR", "19")
    assert ev.where is not None and ev.where.name == "Kyiv"


def test_unrelated_sentence_has_no_event(analyze):
    _, events = _events(analyze, "The weather in Paris was mild on Sunday, and the museums were busy.")
    assert events == []


def test_edit_to_the_patterns_file_takes_effect(analyze, tmp_path):
    text = "France snubbed Germany at the ceremony."
    assert not [e for e in analyze(text).events if e.trigger.text == "snubbed"]
    patched = tmp_path / "cameo_verbs.yaml"
    shutil.copy(lexicon_mod.PATTERNS_FILE, patched)
    body = patched.read_text(encoding="utf-8").replace(
        "\nverbs:\n", '\nverbs:\n  snub: {code: "111"}\n', 1)
    patched.write_text(body, encoding="utf-8")
    lexicon_mod.use_lexicon(patched)
    try:
        events = analyze(text).events
    finally:
        lexicon_mod.use_lexicon(None)
    ev = _find(events, "FRA", "DEU", "11")
    assert ev.code == "111" and ev.trigger.text == "snubbed" and ev.plover == "DISAPPROVE"


def test_user_knowledge_folder_extends_the_patterns(analyze, user_knowledge):
    from dateline import knowledge

    text = "Norway lauded and feted Sweden."
    (user_knowledge / "cameo_verbs.yaml").write_text('verbs:\n  fete: {code: "051"}\n', encoding="utf-8")
    knowledge.reload()
    lex = lexicon_mod.lexicon()
    assert "fete" in lex.verbs and "meet" in lex.verbs  # ours are kept
    events = analyze(text).events
    assert any(e.trigger.text == "feted" and e.code == "051" for e in events)


def test_code_table_covers_all_roots_with_scales():
    lex = lexicon_mod.lexicon()
    roots = {f"{i:02d}" for i in range(1, 21)}
    assert roots <= set(lex.codes)
    used = {p.code[:2] for pats in list(lex.verbs.values()) + list(lex.nouns.values()) for p in pats}
    assert roots <= used | {c[:2] for pats in lex.verbs.values() for p in pats for _, c in p.themes}
    for code, info in lex.codes.items():
        assert info.goldstein is not None and -10 <= info.goldstein <= 10, code
        assert info.quad_class in (1, 2, 3, 4), code
    assert lex.info("190").plover == "FIGHT" and lex.info("190").plover_2021 == "ASSAULT"


@pytest.mark.parametrize("word", ["staged", "planned"])
def test_lemma_repair(word):
    class Tok:
        lemma_ = {"staged": "stag", "planned": "plann"}[word]
        lower_ = word

    assert lexicon_mod.lemma_in(Tok(), {"stage", "plan"}) == {"staged": "stage", "planned": "plan"}[word]


def test_demonym_on_an_object_noun_names_its_author_as_target(analyze):
    _, events = _events(analyze, "Chile on Monday rejected a Bolivian ultimatum over the border dispute.")
    ev = _find(events, "CHL", "BOL", "12")
    assert ev.trigger.text == "rejected"


def test_troops_withdrawn_from_a_country_target_that_country(analyze):
    _, events = _events(analyze, "Armenia withdrew its troops from Azerbaijan last month.")
    _find(events, "ARM", "AZE", "08")


@pytest.mark.parametrize("text,src,tgt,root", [
    ("Peru dismissed an appeal from Ecuador to reopen the talks.", "PER", "ECU", "12"),
    ("Ghana flouted a Togolese embargo on fuel exports.", "GHA", "TGO", "12"),
    ("Bolivian officials lambasted Chile on Friday.", "BOL", "CHL", "11"),
    ("Thousands of Kenyans sought asylum in Tanzania last year.", "KEN", "TZA", "02"),
])
def test_more_verbs_per_root(analyze, text, src, tgt, root):
    _, events = _events(analyze, text)
    _find(events, src, tgt, root)


def test_past_leader_acts_for_his_country(analyze):
    _, events = _events(analyze, "Hosni Mubarak met Yitzhak Rabin in Cairo on Sunday.")
    _find(events, "EGY", "ISR", "04")


# ---- issue #4, round 2: planned acts, wishes, reported accusations, shared and place targets

@pytest.mark.parametrize("text, src, tgt, code, modality", [
    # a bare future keeps the act's own code, planned
    ("Germany will supply tanks to Poland next year.", "DEU", "POL", "072", "planned"),
    # a pledge stays an intent
    ("Germany pledged to supply tanks to Poland.", "DEU", "POL", "0332", "planned"),
    # wanting another actor to act is an appeal to it; wanting to act oneself, an intent
    ("France wants Germany to help Mali.", "FRA", "DEU", "02", None),
    ("Japan wants to help Vietnam.", "JPN", "VNM", "03", None),
])
def test_planned_acts_intents_and_appeals(analyze, text, src, tgt, code, modality):
    _, events = _events(analyze, text)
    ev = _find(events, src, tgt, code[:2])
    assert ev.code.startswith(code)
    assert ev.modality == modality if modality else ev.modality != "negated"
    if code == "072":
        assert ev.plover == "AGREE"  # PLOVER files an announced cooperative act under AGREE


def test_claim_that_another_state_attacked_is_an_accusation_and_a_reported_attack(analyze):
    _, events = _events(analyze, "Britain claimed that Iran had attacked Iraq.")
    ev = _find(events, "GBR", "IRN", "11")
    assert ev.code.startswith("112") and ev.trigger.text == "claimed"
    attack = _find(events, "IRN", "IRQ", "19")
    assert attack.modality == "reported"


def test_closing_attribution_keeps_the_reported_attack(analyze):
    _, events = _events(analyze, "Iran attacked Iraq on Monday, British officials said.")
    ev = _find(events, "IRN", "IRQ", "19")
    assert ev.modality == "reported"


def test_dangling_preposition_takes_the_conjoined_verbs_object(analyze):
    _, events = _events(analyze, "Chile has established diplomatic ties with and opened an "
                                 "embassy in Hanoi.")
    _find(events, "CHL", "VNM", "05")


def test_place_gives_the_target_when_no_party_is_named(analyze):
    _, events = _events(analyze, "Kenyan police arrested dozens of students in Nairobi on Friday.")
    ev = _find(events, "KEN", "KEN", "17")
    assert ev.target.name == "Nairobi"


def test_meeting_place_is_not_a_target(analyze):
    _, events = _events(analyze, "Putin met Xi Jinping in Beijing.")
    _find(events, "RUS", "CHN", "04")


def test_purpose_clause_object_is_the_target(analyze):
    _, events = _events(analyze, "Indian soldiers opened fire to disperse Pakistani protesters.")
    _find(events, "IND", "PAK", "19")


def test_attempted_hostile_act_is_not_a_threat(analyze):
    _, events = _events(analyze, "Iran tried to hack the networks of Israeli banks.")
    ev = _find(events, "IRN", "ISR")
    assert ev.root == "17" and ev.modality == "planned"


def test_light_verb_selects_the_noun_code(analyze):
    _, events = _events(analyze, "Peru lodged a formal protest with Bolivia.")
    ev = _find(events, "PER", "BOL", "11")
    assert ev.code == "114"


def test_edit_to_attempt_verbs_takes_effect(analyze, tmp_path):
    text = "Iran tried to hack the networks of Israeli banks."
    patched = tmp_path / "cameo_verbs.yaml"
    shutil.copy(lexicon_mod.PATTERNS_FILE, patched)
    body = patched.read_text(encoding="utf-8").replace(
        "attempt_verbs: [try, attempt]", "attempt_verbs: [attempt]", 1)
    assert body != lexicon_mod.PATTERNS_FILE.read_text(encoding="utf-8")
    patched.write_text(body, encoding="utf-8")
    lexicon_mod.use_lexicon(patched)
    try:
        events = analyze(text).events
    finally:
        lexicon_mod.use_lexicon(None)
    assert _find(events, "IRN", "ISR").root == "13"  # an announced hostile act again
