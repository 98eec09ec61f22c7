"""The document creation time: read from metadata, or inferred from the text — never the clock.

Inference, strongest evidence first (hand-written; no library infers a DCT from news text):

1. a wire dateline with a full date ("SEOUL, Sept 13, 2023 (Reuters) -"), or a full date
   alone at the start of one of the first lines ("September 1, 2007" under a headline),
2. a date in the URL (/2023/09/13/),
3. a dateline without a year, with the year of the latest explicit date in the text,
4. the latest explicit date (month or day named with its year), when the text presents it as
   the writer's present: "as of mid-September 2023", "so far in 2023", or a present or
   present-perfect verb it attaches to directly. The report cannot be older than that date, so
   the DCT is the interval from it to the end of its month — relative dates resolve against
   both ends and keep only what both agree on ("last week" -> "2023-09"). "This year"
   elsewhere in the text is noted as agreeing evidence.

A latest date without such a cue is only a lower bound: on TempEval-3 with the DCT withheld,
taking it as the DCT resolved 1 relative expression right and 9 wrong (articles of March 2013
whose latest date was "May 2010" or "2011"), so it is not used, and neither is a bare year with
"this year" somewhere else. Without evidence the DCT stays unknown and relative values null.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import values as V
from .grammar import S0, YEAR, Grammar, Parse
from .tense import present_clause

_ISO = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:[T ].*)?$")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")
_THIS_YEAR = re.compile(r"(?i)\b(?:this|so\s+far\s+this|earlier\s+this|later\s+this)\s+year\b")
_AS_OF = re.compile(r"(?i)\b(?:as\s+of|as\s+at|so\s+far\s+in|to\s+date\s+in|so\s+far\s+this|"
                    r"up\s+to)\s+(?:the\s+)?(?:end\s+of\s+|middle\s+of\s+)?$")
_FUTURE_PREP = re.compile(r"(?i)\b(?:by|until|till|through|before|in\s+time\s+for)\s+(?:the\s+)?"
                          r"(?:end\s+of\s+|start\s+of\s+|middle\s+of\s+)?$")


@dataclass
class Inferred:
    anchor: V.Anchor
    value: str
    evidence: list[str]


def parse_known(value: str | None) -> V.Anchor | None:
    """An anchor from a DCT string in metadata ("2013-03-22", "2013-03-22T10:00Z", "2013-03")."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    v = "-".join(x for x in m.groups() if x)
    return V.anchor_from_value(v)


def _dateline_re(g: Grammar) -> re.Pattern:
    M, wires = g.lex.month_re, "|".join(re.escape(w) for w in g.lex.wires)
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    dt = (rf"(?P<date>{M}{S0}{day}(?:{S0},?{S0}{YEAR})?|{day}{S0}{M}(?:{S0},?{S0}{YEAR})?)")
    return re.compile(
        rf"^[ \t]*[A-Z][A-Za-z.'’ -]{{1,40}}?(?:,[ \t]*[A-Z][A-Za-z. ]{{1,30}}?)?[ \t]*,[ \t]*{dt}"
        rf"[ \t]*(?:\((?:{wires})\)[ \t]*)?(?:[-–—:]|\()", re.M)


_DATELINE_CACHE: dict[int, re.Pattern] = {}


def _topline_re(g: Grammar) -> re.Pattern:
    """A full date alone at the start of a line near the top ("September 01, 2007" under the
    headline, as wiki and press-release pages print their date)."""
    M, WD = g.lex.month_re, g.lex.weekday_any_re
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    return re.compile(rf"^[ \t]*(?:{WD},?[ \t]+)?(?P<date>{M}[ \t]*{day}[ \t]*,?[ \t]*{YEAR}|"
                      rf"{day}[ \t]+{M}[ \t]*,?[ \t]*{YEAR})", re.M)


def _month_year_day(d: str, g: Grammar):
    """Month number and the year/day matches of a written date ("Sept 13, 2023")."""
    mo = g.month_of(d)
    rest = g.month_c.sub(" ", d, count=1)
    ym = re.search(r"(1[0-9]\d\d|20\d\d)", rest)
    dm = re.search(r"(?<!\d)(3[01]|[12]\d|0?[1-9])(?!\d)", rest[:ym.start()] if ym else rest)
    return mo, ym, dm


def topline(text: str, g: Grammar, limit: int = 600) -> tuple[re.Match, date] | None:
    rx = _DATELINE_CACHE.get(-id(g))
    if rx is None:
        rx = _DATELINE_CACHE[-id(g)] = _topline_re(g)
    m = rx.search(text[:limit])
    if not m:
        return None
    mo, ym, dm = _month_year_day(m.group("date"), g)
    try:
        return m, date(int(ym.group(1)), mo, int(dm.group(1)))
    except (ValueError, AttributeError, TypeError):
        return None


def dateline(text: str, g: Grammar, limit: int = 1500) -> tuple[re.Match, int | None, int, int] | None:
    """(match, year or None, month, day) of a wire dateline near the top of the text."""
    rx = _DATELINE_CACHE.get(id(g))
    if rx is None:
        rx = _DATELINE_CACHE[id(g)] = _dateline_re(g)
    m = rx.search(text[:limit])
    if not m:
        return None
    mo, ym, dm = _month_year_day(m.group("date"), g)
    if not (mo and dm):
        return None
    return m, (int(ym.group(1)) if ym else None), mo, int(dm.group(1))


def _candidates(parses: list[tuple[Parse, int]], text: str) -> list[tuple[Parse, V.Anchor]]:
    """Explicit dates outside future clauses, with their extent."""
    out = []
    for p, tense in parses:
        if not p.explicit or p.value is None or tense > 0:
            continue
        if _FUTURE_PREP.search(text[max(0, p.start - 40):p.start]):
            continue
        a = V.anchor_from_value(p.value)
        if a is not None:
            out.append((p, a))
    return out


def _present_cue(p: Parse, text: str, doc) -> str | None:
    """Why the text presents this date as its own present, or None."""
    cue = _AS_OF.search(text[max(0, p.start - 30):p.start])
    if cue:
        return f"introduced by {cue.group(0).strip()!r}"
    if doc is not None and present_clause(doc, p.start, p.end):
        return "in a present-tense clause"
    return None


def infer(text: str, parses: list[tuple[Parse, int]], g: Grammar, url: str | None = None,
          doc=None) -> Inferred | None:
    """Infer the DCT from the text; `parses` are (parse, tense direction) of the found times."""
    dl = dateline(text, g)
    if dl and dl[1]:
        m, y, mo, d = dl
        try:
            day = date(y, mo, d)
            return Inferred(V.Anchor(day, day, day.isoformat()), day.isoformat(),
                            [f"dateline {m.group(0).strip()!r}"])
        except ValueError:
            pass
    top = topline(text, g)
    if top:
        m, day = top
        return Inferred(V.Anchor(day, day, day.isoformat()), day.isoformat(),
                        [f"date line at the top of the text {m.group(0).strip()!r}"])
    if url:
        um = _URL_DATE.search(url)
        if um:
            try:
                day = date(int(um.group(1)), int(um.group(2)), int(um.group(3)))
                return Inferred(V.Anchor(day, day, day.isoformat()), day.isoformat(),
                                [f"date in the URL {um.group(0)!r}"])
            except ValueError:
                pass
    cands = _candidates(parses, text)
    if dl and not dl[1] and cands:
        m, _, mo, d = dl
        year = max(a.hi.year for _, a in cands)
        try:
            day = date(year, mo, d)
            return Inferred(V.Anchor(day, day, day.isoformat()), day.isoformat(),
                            [f"dateline {m.group(0).strip()!r}",
                             f"year {year} from the latest year named in the text"])
        except ValueError:
            pass
    if not cands:
        return None
    # The latest explicit date, finest first among those starting in the same year; used only
    # when the text presents it as its present.
    latest_year = max(a.lo.year for _, a in cands)
    same_year = [(p, a) for p, a in cands if a.lo.year == latest_year]
    fine = [(p, a) for p, a in same_year if (a.hi - a.lo).days < 32] or same_year
    p, a = max(fine, key=lambda pa: (pa[1].lo, -(pa[1].hi - pa[1].lo).days))
    cue = _present_cue(p, text, doc)
    if cue is None:
        return None
    lo = a.lo
    if p.mod == "MID" and (a.hi - a.lo).days > 20:
        lo = lo + timedelta(days=10)
    elif p.mod == "END" and (a.hi - a.lo).days > 20:
        lo = lo + timedelta(days=20)
    hi = a.hi if (a.hi - a.lo).days > 31 else max(a.hi, V.month_end(lo.year, lo.month))
    value = V.common([V.fmt_day(lo), V.fmt_day(hi)])
    if value is None:
        return None
    ev = [f"latest explicit date {text[p.start:p.end]!r} (chars {p.start}-{p.end}), {cue}: "
          f"the report is not older than it"]
    this_year = _THIS_YEAR.search(text)
    if this_year and lo.year == hi.year:
        ev.append(f"agrees with {this_year.group(0)!r} (char {this_year.start()})")
    return Inferred(V.Anchor(lo, hi, value), value, ev)
