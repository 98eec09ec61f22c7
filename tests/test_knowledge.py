"""Knowledge is data: an edit to a table takes effect, without touching code."""
from __future__ import annotations

import pytest

from dateline import knowledge


@pytest.fixture
def user_tables(tmp_path, monkeypatch):
    monkeypatch.setenv(knowledge.USER_DIR_ENV, str(tmp_path))
    yield tmp_path
    monkeypatch.delenv(knowledge.USER_DIR_ENV)
    knowledge.reload()


def test_new_rocket_in_gazetteer_is_found(user_tables, analyze):
    text = "The Zorya-7 rocket failed shortly after launch, engineers in Kazan said."
    assert not any(e.name == "Zorya-7" for e in analyze(text).entities)
    (user_tables / "gazetteer.tsv").write_text("Zorya-7\tPRODUCT\tRUS\t\tZoria-7\n")
    knowledge.reload()
    rec = analyze(text)
    rocket = next(e for e in rec.entities if e.name == "Zorya-7")
    assert (rocket.type, rocket.country) == ("PRODUCT", "RUS")


def test_new_country_alias_is_used(user_tables, analyze):
    (user_tables / "country_aliases.tsv").write_text("Freedonian\tFRE\tdemonym\n")
    knowledge.reload()
    assert knowledge.country_of("Freedonian").iso3 == "FRE"


def test_new_role_word_is_used(user_tables, analyze):
    (user_tables / "roles.tsv").write_text("harbourmaster\tGOV\n")
    knowledge.reload()
    rec = analyze("Port harbourmaster Ilse Brandt said on Monday that the port in Hamburg would close.")
    assert next(e for e in rec.entities if e.name == "Ilse Brandt").role == "GOV"
