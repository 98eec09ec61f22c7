"""One event per real-world event per document.

A report tells its main event several times: the headline ("Kim and Putin Meet in Summit"), the
lede ("Kim met Putin"), a photo caption, later "the meeting", "the summit". Mentions with the same
CAMEO root (and kind: a visit is not a meeting), the same pair of actors and compatible times
become one `Event` whose `mentions` list the other spans. A mention that lacks an actor ("the
meeting's conclusion", "the war in Ukraine") joins the event of the same kind that shares its
known actor; if there is none it is dropped, since an event without its parties says nothing.
Hand-written: event coreference is not something spaCy or another installed library does.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import combinations

from ...record import Event, Span
from .lexicon import Lexicon
from .participants import Arg
from .triggers import Candidate

SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
ONE_ACTOR_ROOTS = frozenset({"01", "08", "14", "15"})
MODALITY_RANK = {"asserted": 0, "reported": 1, "planned": 2, "possible": 3, "negated": 4}


def kind(code: str) -> str:
    """Codes that tell the same kind of happening (a visit and its hosting are one trip)."""
    if code[:3] in ("042", "043"):
        return "04-visit"
    if code[:2] == "04":
        return "04-meet"
    return code[:2]


@dataclass
class Mention:
    cand: Candidate
    source: Arg | None
    target: Arg | None

    @property
    def code(self) -> str:
        return self.cand.code

    def side_keys(self) -> list[str]:
        return [_ident(a) for a in (self.source, self.target) if a is not None]


@dataclass
class Group:
    mentions: list[Mention] = field(default_factory=list)
    key: tuple = ()

    @property
    def first(self) -> int:
        return min(m.cand.start for m in self.mentions)

    def countries(self) -> set[str]:
        out = set()
        for m in self.mentions:
            for a in (m.source, m.target):
                if a is not None and a.country:
                    out.add(a.country)
        return out

    def time(self) -> str | None:
        return next((m.cand.when.value for m in self.mentions if m.cand.when and m.cand.when.value), None)


def _ident(a: Arg) -> str:
    return a.country or a.key


def pairs(c: Candidate) -> list[tuple[Arg | None, Arg | None]]:
    if c.targets:
        out = [(s, t) for s in c.sources for t in c.targets if s.key != t.key]
        return out or [(c.sources[0] if c.sources else None, None)]
    if len(c.sources) >= 2 and (c.pattern.reciprocal or c.code[:2] in SYMMETRIC_ROOTS):
        return list(combinations(c.sources, 2))[:6]
    if c.sources:
        return [(s, None) for s in c.sources]
    return [(None, None)]


def _key(m: Mention) -> tuple:
    src, tgt = _ident(m.source) if m.source else None, _ident(m.target) if m.target else None
    neg = m.cand.modality.value == "negated"
    if m.code[:2] in SYMMETRIC_ROOTS or m.cand.pattern.reciprocal:
        return (kind(m.code), frozenset(x for x in (src, tgt) if x), neg)
    return (kind(m.code), src, tgt, neg)


def _span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX3 date value covers (None when it is not a calendar date)."""
    if not value:
        return None
    try:
        m = re.match(r"^(\d{4})-W(\d{2})$", value)
        if m:
            first = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return first, first + dt.timedelta(days=6)
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
        if not m:
            return None
        y = int(m.group(1))
        if m.group(3):
            d = dt.date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            first = dt.date(y, mo, 1)
            nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None


def _time_ok(a: str | None, b: str | None) -> bool:
    """Compatible times: either unknown, or calendar spans that overlap ("2023-W37", "2023-09")."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def build(cands: list[Candidate], lex: Lexicon) -> list[Event]:
    complete: list[Mention] = []
    partial: list[Mention] = []
    for c in cands:
        for s, t in pairs(c):
            m = Mention(c, s, t)
            if s is not None and (t is not None or c.pattern.alone) and s.country:
                complete.append(m)
            elif c.nominal or (s is not None and s.country):
                # a nominal mention, or a verb whose target is missing ("Kim met …"); a verb
                # without its source ("soldiers were killed") does not say who acted
                partial.append(m)
    groups: list[Group] = []
    for m in sorted(complete, key=lambda m: m.cand.start):
        key = _key(m)
        when = m.cand.when.value if m.cand.when else None
        g = next((g for g in groups if g.key == key and _time_ok(g.time(), when)), None)
        if g is None:
            groups.append(Group([m], key))
        else:
            g.mentions.append(m)
    alone: list[Mention] = []
    for m in partial:
        g = _attach(m, groups)
        if g is not None:
            g.mentions.append(m)
        elif (m.source is not None and m.source.country and m.target is None
              and (m.cand.pattern.alone or m.code[:2] in ONE_ACTOR_ROOTS or not m.cand.nominal
                   or (m.code[:2] == "03" and m.cand.pattern.code[:2] != "03"))):
            # "Syria declared a ceasefire", "Akayev resigned", "agreed to withdraw": one-actor
            # events CAMEO codes without a target (statements, yielding, protest, force posture,
            # and intents to do such things)
            alone.append(m)
    for m in sorted(alone, key=lambda m: m.cand.start):
        key = _key(m)
        g = next((g for g in groups if g.key == key), None)
        if g is None:
            groups.append(Group([m], key))
        else:
            g.mentions.append(m)
    groups.sort(key=lambda g: g.first)
    return [_event(g, lex) for g in groups]


def _attach(m: Mention, groups: list[Group]) -> Group | None:
    """The event a partial mention refers back to: same kind, sharing its known actor."""
    known = [a.country for a in (m.source, m.target) if a is not None and a.country]
    k = kind(m.code)
    neg = m.cand.modality.value == "negated"
    fits = [g for g in groups if g.key[0] == k and g.key[-1] == neg
            and all(c in g.countries() for c in known)]
    if not fits:
        return None
    if not known and not (m.cand.nominal and m.cand.definite and _eventive(m, fits)):
        return None
    before = [g for g in fits if g.first <= m.cand.start]
    return max(before, key=lambda g: g.first) if before else min(fits, key=lambda g: g.first)


def _eventive(m: Mention, fits: list[Group]) -> bool:
    """Whether an actorless "the X" can only mean an event told before: a meeting, a visit,
    an attack or a war does; "the support", "the agreement" may be anything of that kind
    unless the same word told the event before."""
    if kind(m.code) in ("04-meet", "04-visit", "18", "19", "20"):
        return True
    return any(x.cand.text.lower() == m.cand.text.lower() for g in fits for x in g.mentions)


def _rank(m: Mention) -> tuple:
    c = m.cand
    return (m.source is None, m.target is None, MODALITY_RANK.get(c.modality.value, 5),
            c.headline, c.nominal, c.where is None, c.start)


def _event(g: Group, lex: Lexicon) -> Event:
    ms = sorted(g.mentions, key=_rank)
    best = ms[0]
    c = best.cand
    info = lex.info(c.code)
    # the best-attested modality among the mentions that name the parties themselves
    told = [m for m in ms if m.source is not None and (m.target is not None or m.cand.pattern.alone)]
    modality = min((m.cand.modality.value for m in told or ms), key=lambda v: MODALITY_RANK.get(v, 5))
    if best.cand.modality.value == "negated":
        modality = "negated"
    where = c.where or next((m.cand.where for m in ms if m.cand.where), None)
    when = c.when or next((m.cand.when for m in ms if m.cand.when), None)
    text = c.text
    seen = {(c.start, c.end)}
    mentions = []
    for m in sorted(ms[1:], key=lambda m: m.cand.start):
        span = (m.cand.start, m.cand.end)
        if span in seen:
            continue
        seen.add(span)
        mentions.append(Span(m.cand.text, *span))
    return Event(
        code=c.code, root=c.code[:2], plover=c.plover or (info.plover if info else None),
        modality=modality,
        trigger=Span(text, c.start, c.end),
        source=best.source.actor if best.source else None,
        target=best.target.actor if best.target else None,
        where=where, when=when, sentence={"start": c.sentence[0], "end": c.sentence[1]},
        mentions=mentions, goldstein=info.goldstein if info else None,
        quad_class=info.quad_class if info else None)
