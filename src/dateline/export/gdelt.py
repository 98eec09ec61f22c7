"""Events as GDELT 2.0 event-table rows (tab-separated, one header line).

Only the columns Dateline can fill are written, in GDELT's order and with GDELT's names; the
README's "GDELT export" section says how each one is filled. Output is deterministic: ids are hashes of the
record id and the event's position, and dates come from the document, never the machine clock.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from typing import TextIO

from ..record import Actor, Event, Record

COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "DATEADDED", "SOURCEURL",
)
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state/province.
_GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 5, "city": 4, "facility": 4}


def event_id(record_id: str, index: int) -> int:
    """A stable 60-bit integer id for the index-th event of a record."""
    return int(hashlib.sha1(f"{record_id}:{index}".encode()).hexdigest()[:15], 16)


def _date(*values: str | None) -> dt.date | None:
    for v in values:
        m = _FULL_DATE.match(v or "")
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def _clean(text: str | None) -> str:
    """No tabs or line breaks inside a cell."""
    return re.sub(r"\s+", " ", text or "").strip()


# CAMEO's international actor types, which take the country slot of an actor code.
_INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "NGM", "MNC"})


def _actor(a: Actor | None) -> list[str]:
    """Code, name, country, known group, type. An international body ("IGOUNO") has no
    country; its type is the first three letters and its known group the last three."""
    if a is None:
        return ["", "", "", "", ""]
    international = a.country in _INTERNATIONAL
    code = a.code or (a.country or "") + (a.role or "")
    group = a.code[-3:] if a.code and len(a.code) > 3 else ""
    kind = a.role or (a.country if international else "")
    return [code, _clean(a.name).upper(), "" if international else a.country or "", group, kind]


def _lead_end(rec: Record) -> int:
    """End of the lead: the title (if in the text) plus the first body paragraph of 120+
    characters (a dek or a byline is shorter)."""
    text = rec.text
    for m in re.finditer(r"[^\n]+", text):
        if len(m.group().strip()) >= 120:
            return m.end()
    return len(text)


def _geo(rec: Record, ev: Event) -> list[str]:
    if ev.where is None:
        return ["0", "", "", "", ""]
    ent = rec.entity(ev.where.entity) if ev.where.entity else None
    geo = (ent.geo if ent else None) or {}
    kind = geo.get("kind")
    country = geo.get("country") or (ent.country if ent else None) or ""
    gtype = _GEO_TYPE.get(kind, 4 if geo else 0)
    if country == "USA" and gtype in (4, 5):
        gtype = 3 if gtype == 4 else 2
    name = _clean(ev.where.name)
    lat, lon = geo.get("lat"), geo.get("lon")
    return [str(gtype), name, country,
            f"{lat:.4f}" if isinstance(lat, (int, float)) else "",
            f"{lon:.4f}" if isinstance(lon, (int, float)) else ""]


def rows(rec: Record) -> Iterable[list[str]]:
    published = rec.dct.value if rec.dct else None
    lead_end = _lead_end(rec)
    for i, ev in enumerate(rec.events):
        day = _date(ev.when.value if ev.when else None, published, rec.published)
        starts = [ev.trigger.start] + [m.start for m in ev.mentions]
        added = _date(published, rec.published)
        yield [
            str(event_id(rec.id, i)),
            day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "",
            str(day.year) if day else "",
            f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
            *_actor(ev.source), *_actor(ev.target),
            "1" if min(starts) < lead_end else "0",
            ev.code, ev.code[:3], ev.code[:2],
            str(ev.quad_class) if ev.quad_class is not None else "",
            f"{ev.goldstein:.1f}" if ev.goldstein is not None else "",
            str(1 + len(ev.mentions)), "1", "1", "",
            *_geo(rec, ev),
            added.strftime("%Y%m%d") + "000000" if added else "",
            _clean(rec.url or rec.source or ""),
        ]


def write_gdelt(records: Iterable[Record], out: TextIO) -> int:
    """Write the events of `records` as GDELT 2.0 event rows; returns the number of rows."""
    out.write("\t".join(COLUMNS) + "\n")
    n = 0
    for rec in records:
        for row in rows(rec):
            out.write("\t".join(row) + "\n")
            n += 1
    return n
