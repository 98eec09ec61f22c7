"""TIMEX3 values as calendar ranges, so timelines and charts can place them.

Hand-written because the charts need only the calendar forms (day, week, month, quarter, season,
year, decade); durations and sets ("P2Y", "XXXX-WXX-1") have no place on a time axis and give None.
"""
from __future__ import annotations

import datetime as _dt
import re

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(WE|\d))?")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})X")
# Northern-hemisphere meteorological seasons; winter runs into the next year.
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_range(year: int, first: int, last: int) -> tuple[_dt.date, _dt.date]:
    y_last, m_last = year + (last - 1) // 12, (last - 1) % 12 + 1
    end = _dt.date(y_last + m_last // 12, m_last % 12 + 1, 1) - _dt.timedelta(days=1)
    return _dt.date(year, first, 1), end


def timex_range(value: str | None) -> tuple[str, str] | None:
    """First and last day (ISO) a TIMEX3 value covers, or None when it is not on the calendar."""
    if not value:
        return None
    try:
        rng = _calendar_range(value.strip())
    except ValueError:  # "2023-02-30", "2023-W60": not a real date
        return None
    return (rng[0].isoformat(), rng[1].isoformat()) if rng else None


def _calendar_range(value: str) -> tuple[_dt.date, _dt.date] | None:
    if m := _DAY.fullmatch(value):
        day = _dt.date(*map(int, m.groups()))
        return day, day
    if m := _WEEK.fullmatch(value):
        year, week, part = int(m[1]), int(m[2]), m[3]
        if part and part != "WE":
            day = _dt.date.fromisocalendar(year, week, int(part))
            return day, day
        first = _dt.date.fromisocalendar(year, week, 6 if part == "WE" else 1)
        return first, _dt.date.fromisocalendar(year, week, 7)
    if m := _MONTH.fullmatch(value):
        return _month_range(int(m[1]), int(m[2]), int(m[2]))
    if m := _QUARTER.fullmatch(value):
        q = int(m[2])
        return _month_range(int(m[1]), 3 * q - 2, 3 * q)
    if m := _HALF.fullmatch(value):
        h = int(m[2])
        return _month_range(int(m[1]), 6 * h - 5, 6 * h)
    if m := _SEASON.fullmatch(value):
        return _month_range(int(m[1]), *_SEASONS[m[2]])
    if m := _YEAR.fullmatch(value):
        return _dt.date(int(m[1]), 1, 1), _dt.date(int(m[1]), 12, 31)
    if m := _DECADE.fullmatch(value):
        return _dt.date(int(m[1]) * 10, 1, 1), _dt.date(int(m[1]) * 10 + 9, 12, 31)
    return None


def place_on_calendar(item: dict, own: str, fallback: str) -> None:
    """Add `date`, `date_end` and `dated_by` to an API item from its own TIMEX value or a fallback.

    Events and claims carry their own time when the text gives one; otherwise the report's date
    stands in, and `dated_by` says which, so a chart can mark the difference.
    """
    for key, label in ((own, "text"), (fallback, "report")):
        rng = timex_range(item.get(key))
        if rng:
            item["date"], item["date_end"], item["dated_by"] = rng[0], rng[1], label
            return
    item["date"] = item["date_end"] = item["dated_by"] = None
