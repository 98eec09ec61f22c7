"""TIMEX3 value arithmetic: calendar shifts, formatting, and resolution against an interval.

Hand-written: no library produces TIMEX3 values (weeks "2013-W11", seasons "2012-SU",
decades "194", reference words) or resolves against a document time given as an interval;
python-dateutil's relativedelta does the month/year arithmetic.

An `Anchor` is what relative expressions are resolved against: the document creation time or
an earlier date in the text. It is an interval of days [lo, hi] — one day when the DCT is
known, a month when it was inferred from "mid-September 2023". A relative expression is
resolved at both ends; when they disagree the value is coarsened to the finest granularity on
which they agree (month, then year), or left unresolved.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


@dataclass(frozen=True)
class Anchor:
    lo: date
    hi: date
    value: str  # the TIMEX3 value this anchor came from (for reports)

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?:-(?P<wd>\d|WE))?"
    r"|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$")


def interval(value: str | None) -> tuple[date, date] | None:
    """The days a TIMEX3 date value covers, or None for values without a calendar extent."""
    if not value:
        return None
    m = _VALUE.match(value)
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            d = date(y, int(m["m"]), int(m["d"]))
            return d, d
        if m["m"]:
            mo = int(m["m"])
            return date(y, mo, 1), month_end(y, mo)
        if m["w"]:
            monday = date.fromisocalendar(y, int(m["w"]), 1)
            if m["wd"] == "WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if m["wd"]:
                d = monday + timedelta(days=int(m["wd"]) - 1)
                return d, d
            return monday, monday + timedelta(days=6)
        if m["q"]:
            q = int(m["q"])
            return date(y, 3 * q - 2, 1), month_end(y, 3 * q)
        if m["h"]:
            h = int(m["h"])
            return date(y, 6 * h - 5, 1), month_end(y, 6 * h)
        if m["s"]:
            a, b = SEASON_MONTHS[m["s"]]
            return date(y, a, 1), (month_end(y, b) if b <= 12 else month_end(y + 1, b - 12))
    except ValueError:
        return None
    return date(y, 1, 1), date(y, 12, 31)


def common(values: list[str | None]) -> str | None:
    """One value for several: the value itself when all agree, else the month or year that
    contains all of them, else None."""
    vals = set(values)
    if len(vals) == 1:
        return values[0]
    spans = [interval(v) for v in vals]
    if any(s is None for s in spans):
        return None
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    if lo.year == hi.year:
        return f"{lo.year:04d}"
    return None


def resolve(anchor: Anchor | None, fn: Callable[[date], str | None]) -> str | None:
    """Apply a relative rule at both ends of the anchor; coarsen when they disagree."""
    if anchor is None:
        return None
    try:
        if anchor.exact:
            return fn(anchor.lo)
        return common([fn(anchor.lo), fn(anchor.hi)])
    except (ValueError, OverflowError):
        return None


def anchor_from_value(value: str | None) -> Anchor | None:
    span = interval(value)
    return Anchor(span[0], span[1], value) if span else None


# ------------------------------------------------------------------ formatting

def fmt_day(d: date) -> str:
    return d.isoformat()


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def fmt_month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def fmt_year(d: date) -> str:
    return f"{d.year:04d}"


def fmt_quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def fmt_half(d: date) -> str:
    return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"


def fmt_decade(d: date) -> str:
    return f"{d.year // 10:03d}"


def fmt_century(d: date) -> str:
    return f"{d.year // 100:02d}"


# Granularity letter -> (formatter, relativedelta keyword, multiplier).
GRAINS: dict[str, tuple[Callable[[date], str], str, int]] = {
    "D": (fmt_day, "days", 1),
    "W": (fmt_week, "weeks", 1),
    "M": (fmt_month, "months", 1),
    "Q": (fmt_quarter, "months", 3),
    "H": (fmt_half, "months", 6),
    "Y": (fmt_year, "years", 1),
    "DE": (fmt_decade, "years", 10),
    "CE": (fmt_century, "years", 100),
}


def shift(d: date, n: float, grain: str) -> date:
    """`d` moved by n units of `grain` (fractions only for days/weeks)."""
    _, key, mult = GRAINS[grain]
    amount = n * mult
    if key in ("days", "weeks"):
        return d + timedelta(**{key: amount})
    return d + relativedelta(**{key: int(round(amount))})


def shifted(grain: str, n: float) -> Callable[[date], str]:
    """Rule 'n units from the anchor, at that unit's granularity' ("last week", "two years ago")."""
    fmt = GRAINS[grain][0]
    return lambda d: fmt(shift(d, n, grain))


def weekday_near(d: date, iso_weekday: int, direction: int) -> date:
    """The given weekday nearest to d: direction -1 = on or before, +1 = on or after,
    -2 = strictly before ("last Friday"), +2 = strictly after ("next Friday")."""
    delta = iso_weekday - d.isoweekday()
    if direction in (-1, -2):
        back = (-delta) % 7
        if back == 0 and direction == -2:
            back = 7
        return d - timedelta(days=back)
    fwd = delta % 7
    if fwd == 0 and direction == 2:
        fwd = 7
    return d + timedelta(days=fwd)


def month_near(d: date, month: int, direction: int) -> str:
    """Year of a month named without one. Past (-1): the anchor's year unless that month is
    still ahead by more than one month (then the year before); future (+1) mirrors it;
    strict (-2/+2, "last May"/"next May"): strictly before/after the anchor's month;
    0: the anchor's year. News style names the year of any date outside the current year,
    so only a clear clash with the tense moves it."""
    y = d.year
    if direction == -2 and month >= d.month or direction == -1 and month > d.month + 1:
        y -= 1
    elif direction == 2 and month <= d.month or direction == 1 and month < d.month - 1:
        y += 1
    return f"{y:04d}-{month:02d}"


def day_near(d: date, month: int, day: int, direction: int) -> str:
    """Year of a month-day named without one ("March 5"): the anchor's year unless the tense
    puts it more than 45 days on the wrong side; with no tense, the nearer year."""
    y = d.year
    here = date(y, month, min(day, calendar.monthrange(y, month)[1]))
    if direction < 0 and here > d + timedelta(days=45):
        y -= 1
    elif direction > 0 and here < d - timedelta(days=45):
        y += 1
    elif direction == 0 and abs((here - d).days) > 183:
        y += 1 if here < d else -1
    return date(y, month, day).isoformat()


def duration(n: float | None, letter: str, time: bool = False) -> str:
    """P2Y, PT48H, PXM, P2.5Y; n None means an unknown count."""
    if n is None:
        num = "X"
    elif float(n).is_integer():
        num = str(int(n))
    else:
        num = f"{n:g}"
    return ("PT" if time else "P") + num + letter
