"""Loaders for Dateline's knowledge tables (TSV in this folder), each read once per process.

Knowledge is data: add a demonym, a role word or a rocket by editing a TSV, not code. Lines
starting with `#` are comments; columns are tab-separated; empty trailing columns may be omitted.
Country names, alternative spellings, demonyms and capitals come from countryinfo and pycountry;
`country_aliases.tsv` only adds what those lack (short forms like "U.S.", blocs like "Western").
"""
from __future__ import annotations

import csv
import functools
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

HERE = Path(str(resources.files(__package__)))
# A folder of the user's own tables, read after ours (same file names): extend Dateline's
# knowledge without editing the installed package.
USER_DIR_ENV = "DATELINE_KNOWLEDGE_DIR"


def table_paths(name: str) -> list[Path]:
    paths = [HERE / name]
    extra = os.environ.get(USER_DIR_ENV)
    if extra:
        paths.append(Path(extra) / name)
    return [p for p in paths if p.is_file()]


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for path in table_paths(name):
        with path.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not row or not row[0].strip() or row[0].startswith("#"):
                    continue
                rows.append([c.strip() for c in row])
    return rows


def reload() -> None:
    """Forget every loaded table (after editing a TSV or setting DATELINE_KNOWLEDGE_DIR)."""
    import gc

    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and \
                getattr(obj, "__module__", "").startswith("dateline."):
            obj.cache_clear()


@dataclass(frozen=True)
class CountryName:
    iso3: str
    kind: str  # name | demonym | capital | bloc


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, CountryName]:
    """Surface form -> country (or bloc) code, from countryinfo plus our alias table."""
    import countryinfo

    out: dict[str, CountryName] = {}
    weight: dict[str, int] = {}

    def add(name: str, iso3: str, kind: str, population: int) -> None:
        # Shared forms ("American" is also the demonym of American Samoa) go to the most
        # populous country, which is what news means far more often than not.
        if name not in out or population > weight[name]:
            out[name], weight[name] = CountryName(iso3, kind), population

    for c in countryinfo.all_countries():
        info = c.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        pop = int(info.get("population") or 0)
        for n in [info.get("name", "")] + list(info.get("altSpellings") or []):
            if n and len(n) > 3 and n.isascii():
                add(n.title() if n.islower() else n, iso3, "name", pop)
        dem = info.get("demonym")
        if dem:
            add(dem, iso3, "demonym", pop)
            add(dem + "s", iso3, "demonym", pop)
        caps = info.get("capital")
        for cap in caps if isinstance(caps, list) else [caps]:
            if isinstance(cap, str) and cap:
                add(cap, iso3, "capital", pop)
    for row in read_tsv("country_aliases.tsv"):
        name, iso3, kind = (row + ["", "name"])[:3]
        out[name] = CountryName(iso3, kind or "name")
    return out


def country_of(name: str) -> CountryName | None:
    names = country_names()
    hit = names.get(name)
    if hit is None and name[:1].islower():
        hit = names.get(name[:1].upper() + name[1:])
    return hit


@functools.lru_cache(maxsize=1)
def roles() -> dict[str, str]:
    """Lower-cased role word or phrase -> CAMEO agent code."""
    return {row[0].lower(): row[1] for row in read_tsv("roles.tsv") if len(row) >= 2}


@dataclass(frozen=True)
class Known:
    name: str
    type: str
    country: str | None
    role: str | None
    variants: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def gazetteer() -> list[Known]:
    """Named things the model misses or mistypes, plus facility names from facilities.tsv."""
    out = []
    for row in read_tsv("gazetteer.tsv"):
        name, typ, country, role, variants = (row + [""] * 5)[:5]
        out.append(Known(name, typ, country or None, role or None,
                         tuple(v for v in variants.split("|") if v)))
    out.extend(_facilities())
    return out


def _facilities() -> list[Known]:
    """FAC names from the places table (owned by the geocoder; read by header names)."""
    out = []
    for path in table_paths("facilities.tsv"):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not ln.startswith("#")]
        if not lines:
            continue
        header = [h.strip().lower() for h in lines[0].split("\t")]
        if "name" not in header:
            continue
        for ln in lines[1:]:
            row = dict(zip(header, (c.strip() for c in ln.split("\t"))))
            variants = tuple(v for v in (row.get("variants") or "").split("|") if v)
            out.append(Known(row["name"], "FAC", row.get("country") or None, None, variants))
    return out


@functools.lru_cache(maxsize=1)
def people() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in read_tsv("people.tsv") if len(row) >= 3}


@dataclass(frozen=True)
class Organization:
    name: str
    code: str           # CAMEO international actor code: IGOUNO, NGOAMN, IMGMUSALQ, ...
    role: str | None


@functools.lru_cache(maxsize=1)
def organizations() -> dict[str, Organization]:
    """Name or variant of an international or non-governmental organisation -> its CAMEO code
    (organizations.tsv). Keys are the forms as written; `organization_of` also tries without a
    leading "the" and case-folded."""
    out: dict[str, Organization] = {}
    for row in read_tsv("organizations.tsv"):
        name, code, role, variants = (row + [""] * 4)[:4]
        if not name or not code:
            continue
        org = Organization(name, code, role or None)
        for form in [name] + [v for v in variants.split("|") if v]:
            out[form] = org
    return out


@functools.lru_cache(maxsize=1)
def _organizations_folded() -> dict[str, Organization]:
    # only forms longer than an acronym: "who"/"eu" folded would match ordinary words
    return {k.lower(): v for k, v in organizations().items() if not k.isupper()}


def organization_of(name: str) -> Organization | None:
    name = name.strip()
    if name[:4].lower() == "the ":
        name = name[4:]
    orgs = organizations()
    return orgs.get(name) or _organizations_folded().get(name.lower())


@functools.lru_cache(maxsize=1)
def place_cues() -> dict[str, dict[str, str]]:
    """Cue words of place_cues.tsv by kind: {kind: {word: value}} ("adjective" rows map an
    adjective to the place it names; other kinds map the word to itself)."""
    out: dict[str, dict[str, str]] = {}
    for row in read_tsv("place_cues.tsv"):
        if len(row) < 2 or not row[1]:
            continue
        kind, word = row[0], row[1]
        out.setdefault(kind, {})[word] = row[2] if len(row) > 2 and row[2] else word
    return out


@functools.lru_cache(maxsize=1)
def actor_words() -> dict[str, frozenset[str]]:
    """kind -> lower-cased words (actor_words.tsv), e.g. "event_head": war, conflict, ..."""
    out: dict[str, set[str]] = {}
    for row in read_tsv("actor_words.tsv"):
        if len(row) >= 2:
            out.setdefault(row[1], set()).add(row[0].lower())
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def non_persons() -> dict[str, str]:
    """Name -> type for names the model mistypes PERSON that never name a person
    (non_persons.tsv: platforms, apps, brands)."""
    return {row[0]: row[1] for row in read_tsv("non_persons.tsv") if len(row) >= 2 and row[1]}


@dataclass(frozen=True)
class ShortForm:
    form: str
    place: str                     # the gazetteer name it stands for
    needs: tuple[str, ...]         # one of these must be written elsewhere in the document
    not_after: str | None          # a regex the text before the form must not match


@functools.lru_cache(maxsize=1)
def place_short_forms() -> dict[str, ShortForm]:
    """Place abbreviations written bare ("UK", "BC", "T&T") -> ShortForm
    (place_short_forms.tsv; the header row names the columns)."""
    out: dict[str, ShortForm] = {}
    for row in read_tsv("place_short_forms.tsv"):
        form, place, needs, not_after = (row + [""] * 4)[:4]
        if not form or not place or form == "form":
            continue
        out[form] = ShortForm(form, place, tuple(w.strip() for w in needs.split(",") if w.strip()),
                              not_after or None)
    return out
