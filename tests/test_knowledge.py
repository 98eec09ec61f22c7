"""Knowledge is data: an edit to a table takes effect, without touching code."""
from __future__ import annotations

import pytest

from dateline import knowledge



def test_new_rocket_in_gazetteer_is_found(user_knowledge, analyze):
    text = "The Zorya-7 rocket failed shortly after launch, engineers in Kazan said."
    assert not any(e.name == "Zorya-7" for e in analyze(text).entities)
    (user_knowledge / "gazetteer.tsv").write_text("Zorya-7\tPRODUCT\tRUS\t\tZoria-7\n")
    knowledge.reload()
    rec = analyze(text)
    rocket = next(e for e in rec.entities if e.name == "Zorya-7")
    assert (rocket.type, rocket.country) == ("PRODUCT", "RUS")


def test_new_country_alias_is_used(user_knowledge, analyze):
    (user_knowledge / "country_aliases.tsv").write_text("Freedonian\tFRE\tdemonym\n")
    knowledge.reload()
    assert knowledge.country_of("Freedonian").iso3 == "FRE"


def test_new_role_word_is_used(user_knowledge, analyze):
    (user_knowledge / "roles.tsv").write_text("harbourmaster\tGOV\n")
    knowledge.reload()
    rec = analyze("Port harbourmaster Ilse Brandt said on Monday that the port in Hamburg would close.")
    assert next(e for e in rec.entities if e.name == "Ilse Brandt").role == "GOV"
