"""Time expressions in English news text: patterns and what each means.

Hand-written (in the spirit of HeidelTime's rule files): spaCy's DATE/TIME entities miss or
mis-bound many expressions and give no value, and dateparser resolves relative forms against
the machine clock, so neither can be the resolver. Each `Rule` pairs one regular expression
(built from the word lists in knowledge/time_words.yaml, compiled once per process) with a
function turning a match into a `Parse`: the expression's type and either a fixed TIMEX3 value
or a function that computes it from an anchor day (the document creation time, or an earlier
date in the text) and the tense of the clause.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import values as V
from .lexicon import Lexicon, load

# How a relative value is anchored.
DCT, REF, TENSE = "dct", "ref", "tense"

Fn = Callable[[date, int], "str | None"]


@dataclass
class Parse:
    type: str  # DATE | TIME | DURATION | SET
    value: str | None = None  # fixed value (absolute dates, durations, sets, *_REF)
    fn: Fn | None = None  # relative value from (anchor day, tense direction)
    base: str | None = None  # DCT | REF | TENSE when fn is set
    mod: str | None = None
    explicit: bool = False  # an absolute date that names its year (DCT evidence)
    clock: str | None = None  # "T15:00" of a bare clock time, for merging with a day
    rule: str = ""
    start: int = 0
    end: int = 0
    flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def relative(self) -> bool:
        return self.fn is not None


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern
    handler: Callable[[re.Match, "Grammar"], Parse | None]


S = r"[ \t\u00a0]+"  # spaces within one expression (never a line break)
S0 = r"[ \t\u00a0]*"
C = rf"(?:{S0},{S0}|{S})"  # comma or space between date parts ("March 01 , 2008")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?<![\d$£€#.,/'’])(?<!\d-)(?:1[0-9]\d\d|20\d\d)(?![\d%]|[.,]\d|-\d\d-)"
TZ = (r"(?:GMT|UTC|EST|EDT|ET|PST|PDT|PT|CST|CDT|CT|MST|MDT|BST|CET|CEST|EET|JST|KST|IST|MSK"
      r"|HKT|SGT|AEST|AEDT|Z)\b")
AMPM = r"(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)"
REL_WORDS = r"this|last|next|past|coming|previous|following|current|same|that|upcoming|prior|preceding"

_WORD_START = re.compile(r"(?<![\w'’])[\w'’]")
_DAY_NUM = re.compile(r"(?<![\d])(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])")
_YEAR_NUM = re.compile(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?!\d)")
_REL_OF_YEAR = re.compile(r"(?i)\b(this|last|next|previous|the\s+previous|the\s+following|"
                          r"the\s+next|current|the\s+current|the\s+same)\s+(?:fiscal\s+)?year\b")


class Grammar:
    """All rules, built from one lexicon; `find(text)` yields raw (unfiltered) parses."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        L = lex
        M = L.month_re
        WD, WDA = L.weekday_re, L.weekday_any_re
        NUM, VAGUE, UNIT, UNIT1 = L.number_re, L.vague_re, L.unit_re, L.unit_singular_re
        POD = L.alt(L.parts_of_day, "i")
        SEASON = L.alt(L.seasons, "i")
        phrase_mods = [k for k in L.date_mods if " " in k]
        word_mods = [k for k in L.date_mods if " " not in k]
        self.datemod_re = (
            r"(?:(?i:(?:the" + S + r")?(?:very" + S + r")?"
            + L.alt([k[4:] if k.startswith("the ") else k for k in phrase_mods])[3:-1]
            + ")" + S + r"(?:(?i:the)" + S + r")?|(?i:" + L.alt(word_mods)[3:-1] + r")(?:-|" + S
            + r"))")
        DM = rf"(?:{self.datemod_re})?"
        DURMOD = L.alt(L.duration_mods, "i")
        OF_YEAR = rf"(?:(?:{S}(?i:of)|{S0},)?{S}(?:{YEAR}|(?i:(?:this|last|next|the{S}previous|the{S}following){S}(?:fiscal{S})?year)))"
        ORDQ = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
        ORDC = (r"(?:\d{1,2}(?:st|nd|rd|th)|(?i:" + L.alt(L.ordinals)[3:-1] + "))")
        FREQ = L.alt(L.frequencies, "i")
        REFS = L.alt(L.references, "i")
        HOL = L.alt(L.holidays)
        COUNT = rf"(?:{NUM}|{VAGUE}|(?i:an?|one))"
        # "six straight days", "five trading days", "two more years"
        ADJ = r"(?:(?i:" + L.alt(L.duration_adjectives)[3:-1] + r")" + S + r")?"
        self.num_re = re.compile(NUM)
        self.vague_re = re.compile(VAGUE)
        self.unit_re_c = re.compile(UNIT)
        self.durmod_re = re.compile(rf"^{DURMOD}")
        self.datemod_c = re.compile(rf"^{self.datemod_re}")
        self.month_c = re.compile(M)
        self.weekday_c = re.compile(WDA)
        self.pod_c = re.compile(POD)
        self.season_c = re.compile(SEASON)
        self.ordinal_c = re.compile(ORDC)

        def r(name: str, pattern: str, handler) -> Rule:
            return Rule(name, re.compile(r"(?<![\w])" + pattern, re.UNICODE), handler)

        self.rules: list[Rule] = [
            r("iso", r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?(?![\d-])", self._iso),
            r("numeric", r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])", self._numeric),
            r("full_mdy", rf"{DM}(?:{WDA},?{S})?{M}{S0}{DAY}{C}{YEAR}", self._full),
            r("full_dmy", rf"{DM}(?:{WDA},?{S})?(?:(?i:the){S})?{DAY}(?:{S}(?i:of))?{S}{M}{C}{YEAR}",
              self._full),
            r("month_day", rf"{DM}(?:{WDA},?{S})?{M}{S0}{DAY}(?!{S0}[-–]?{S0}\d{{4}})", self._month_day),
            r("day_month", rf"{DM}(?:{WDA},?{S})?(?:(?i:the){S})?{DAY}(?:{S}(?i:of))?{S}{M}",
              self._month_day),
            r("month_year", rf"{DM}{M}{OF_YEAR}", self._month_year),
            r("rel_month", rf"{DM}(?i:last|this|next|past|coming){S}{M}", self._rel_month),
            r("month", rf"{DM}{M}", self._month),
            r("year", rf"{DM}(?:(?i:fiscal)(?:{S}(?i:year))?{S}|FY{S0}|(?i:the{S}year){S})?{YEAR}",
              self._year),
            r("year_short", rf"(?i:in|since|of|from|until|by|before|after|the|class|summer|spring|winter|fall|autumn){S}"
              rf"(?P<x>['’]\d\d)(?![\w'’])", self._year_short),
            r("decade", rf"(?:(?i:the){S})?{DM}(?:(?:1[0-9]|20)\d0|['’]?\d0)['’]?s\b", self._decade),
            r("decade_word", rf"(?i:the){S}{DM}(?i:(?:nineteen(?:-|{S}))?(?:twenties|thirties|forties|"
              rf"fifties|sixties|seventies|eighties|nineties))\b", self._decade),
            r("century", rf"(?:(?i:the){S})?{DM}{ORDC}(?:-|{S})(?i:century)\b", self._century),
            r("quarter", rf"(?:(?i:the){S})?{DM}{ORDQ}(?:-|{S})(?i:quarter)(?:{OF_YEAR})?",
              self._quarter),
            r("quarter_last", rf"(?:(?i:the){S})?(?i:final|last)(?:-|{S})(?i:quarter){OF_YEAR}", self._quarter),
            r("quarter_q", rf"Q([1-4])(?:{S0}{YEAR})?\b", self._quarter),
            r("half", rf"(?:(?i:the){S})?(?i:first|second)(?:-|{S})(?i:half){OF_YEAR}", self._quarter),
            r("season", rf"(?:(?:(?i:last|this|next|past|coming|early|late|mid)(?:-|{S})|(?i:the|in|during|by|since|until){S}"
              rf"(?:(?i:early|late){S})?){S0})?{SEASON}(?:{OF_YEAR})?\b", self._season),
            r("holiday", rf"{DM}{HOL}(?:{C}{YEAR})?", self._holiday),
            r("rel_day", rf"{DM}(?i:(?:the{S}day{S}(?:before|after){S})?(?:today|tonight|yesterday|tomorrow)"
              rf"(?:['’]s)?(?:{S}{POD})?|(?:this|last|tomorrow|yesterday){S}{POD})\b", self._rel_day),
            r("rel_unit", rf"{DM}(?:(?i:the){S})?(?i:{REL_WORDS}){S}(?:(?i:fiscal|calendar|financial){S})?"
              rf"(?:{UNIT1}|(?i:weekend))(?:['’]s)?\b", self._rel_unit),
            r("the_unit", rf"{DM}(?:(?i:the){S})?(?i:year|month|week|day|decade|century|session)\b", self._the_unit),
            r("in_the", rf"(?i:early|late|later|earlier){S}(?i:in|on){S}(?i:the){S}(?i:year|month|week|day|"
              rf"decade|session)\b", self._the_unit),
            r("ago", rf"(?:{DURMOD}{S})?{COUNT}{S0}(?:-|{S})?{S0}{ADJ}{UNIT}(?:{S}(?i:and{S}a{S}half))?{S}"
              rf"(?i:ago|earlier|later|before|after|afterwards?|prior|previously|hence|on)\b",
              self._ago),
            r("ago_vague", rf"(?i:(?:many|several|some|a{S}few|few){S})?(?i:years|decades|centuries|months|weeks|"
              rf"days|hours|minutes|moments){S}(?i:ago|later|earlier)\b", self._ago_vague),
            r("duration", rf"(?:(?i:the){S})?(?:(?i:past|last|next|first|final|previous|following|coming|"
              rf"recent|upcoming|remaining|entire|whole|full|initial|ensuing|preceding){S})?"
              rf"(?:{DURMOD}{S})?{COUNT}{S0}(?:-{S0})?{ADJ}{UNIT}(?:{S}(?i:and{S}a{S}half))?"
              rf"(?:{S0}-{S0}(?i:long|old)|{S}(?i:old)\b)?\b", self._duration),
            r("duration_range", rf"(?P<x>{NUM}){S0}(?:(?i:to|or|and)|[-–]){S0}(?={NUM}{S}{ADJ}{UNIT})",
              self._range_first),
            r("duration_half", rf"(?:{DURMOD}{S})?(?i:half{S}an?){S}{UNIT1}", self._duration),
            r("duration_plural", rf"(?:(?i:the){S})?(?i:past|last|next|coming|recent|upcoming|following|"
              rf"previous|preceding|ensuing){S}(?i:years|months|weeks|days|decades|hours|centuries)\b"
              rf"|(?i:years|decades|months|weeks|days|hours|centuries)-(?i:long|old)\b",
              self._duration_plural),
            r("duration_bare", rf"(?i:for|in|within|after|lasting|over{S}the|over|just|only|take|takes|took|"
              rf"taking|last|lasts|lasted|spend|spent|spends|wait|waited){S}(?P<x>(?i:years|months|"
              rf"weeks|decades|days|hours|minutes))\b(?!{S0}-|{S}(?i:of|old|ago|later|earlier)\b)",
              self._duration_plural),
            r("duration_bare_signal", rf"(?P<x>(?i:years|months|weeks|decades|days|hours|minutes))"
              rf"(?={S}(?i:before|after)\b)", self._duration_plural),
            r("set_every", rf"(?i:every|each|per){S}(?:(?i:other|single){S})?(?:{NUM}{S})?"
              rf"(?:{UNIT}|{WD}|{POD}|{SEASON}|(?i:weekend))\b", self._set),
            r("set_times", rf"(?i:once|twice|thrice|{NUM}{S}times){S}(?i:a|an|per|each|every){S}{UNIT1}\b",
              self._set),
            r("set_weekdays", rf"{WD[:-2]}s\b", self._set),
            r("set_freq", FREQ, self._set),
            r("set_adj", L.alt(L.frequency_adjectives, "i"),
              lambda m, g: Parse("SET", g.lex.frequency_adjectives[m.group(0).lower()])),
            r("weekday", rf"{DM}(?:(?i:last|this|next|coming|past){S})?{WD}(?:['’]s)?(?:{S}{POD})?",
              self._weekday),
            r("weekend", rf"{DM}(?i:the|this|last|next|past|coming)(?:{S}(?i:past|coming))?{S}(?i:weekend)\b",
              self._weekend),
            r("clock_ampm", rf"(?<![\d:.,$])(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?{S0}{AMPM}(?:{S0}\(?{TZ}\)?)?",
              self._clock),
            r("clock_24", rf"(?<![\d:.,$])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:{S0}(?:{TZ}|"
              rf"(?i:hours|hrs|local{S}time)\b))?", self._clock),
            r("clock_mil", rf"(?<![\d:.,$])(?:[01]\d|2[0-3])[0-5]\d{S0}(?:GMT|UTC|Z\b)", self._clock),
            r("clock_word", r"(?i:noon|midnight|midday)\b", self._clock),
            r("clock_oclock", rf"{NUM}{S}o['’]clock", self._clock),
            r("refword", REFS, self._refword),
        ]
        self.priority = {rule.name: i for i, rule in enumerate(self.rules)}
        self.cores = self._cores()
        self._mil_re = next(r.regex for r in self.rules if r.name == "clock_mil")

    # ------------------------------------------------------------------ matching
    def _cores(self) -> list[tuple[re.Pattern, bool, list[tuple[Rule, int, bool]], int]]:
        """Fast triggers for the rules, grouped: (regex over the lower-cased text, must start a
        word, [(rule, how far before the trigger its match may start, match may end before the
        trigger)], widest reach).

        Why: Python's re tries a pattern at every position unless it starts with literals, and
        the full rules start with optional case-insensitive modifiers, which makes scanning a
        text rule by rule slow. Each rule has a word it cannot match without (a month, a unit,
        a digit pattern); those are found with plain lower-case alternations, and the full rule
        is tried only at the word starts just before each hit."""
        L = self.lex

        def lw(words) -> str:
            # longest first; ties by the word, so the pattern is the same in every process
            return "(?:" + "|".join(re.escape(w) for w in sorted({w.lower() for w in words},
                                                                  key=lambda w: (-len(w), w))) + ")"
        units = lw(list(L.units) + [p for p, _ in L._plurals] + ["centur", "millenni"])
        months = lw(L.months)
        weekdays = lw(list(L.weekdays) + list(L.weekday_abbr))
        spec = {
            "iso": (r"\d{4}-\d\d-\d\d", 0), "numeric": (r"\d{1,2}/\d{1,2}/\d", 0),
            "full_mdy": (months, 60), "full_dmy": (months, 60), "month_day": (months, 60),
            "day_month": (months, 60), "month_year": (months, 45), "rel_month": (months, 45),
            "month": (months, 45), "year": (r"[12]\d\d\d", 35), "year_short": (r"['’]\d\d", 12),
            "decade": (r"\d0['’]?s", 40), "decade_word": ("ties", 50),
            "century": ("centur", 40), "quarter": ("quarter", 30), "quarter_last": ("quarter", 20),
            "quarter_q": (r"q[1-4]", 0), "half": ("half", 20), "season": (lw(L.seasons), 35),
            "holiday": (lw(h.split()[0] for h in L.holidays), 30),
            "rel_day": (lw(["today", "tonight", "yesterday", "tomorrow", *L.parts_of_day]), 40),
            "rel_unit": (lw(list(L.units) + ["weekend"]), 50),
            "the_unit": (lw(["year", "month", "week", "day", "decade", "century", "session"]), 50),
            "in_the": (lw(["year", "month", "week", "day", "decade", "session"]), 30),
            "ago": (units, 70), "ago_vague": (units, 25), "duration": (units, 80),
            "duration_half": ("half", 30), "duration_plural": (units, 40),
            "duration_bare": (units, 25), "duration_bare_signal": (units, 0),
            "duration_range": (units, 45),
            "set_every": (lw(["every", "each", "per"]), 0),
            "set_times": (lw(["once", "twice", "thrice", "times"]), 25),
            "set_weekdays": (weekdays, 0), "set_freq": (lw(k.split()[0] for k in L.frequencies), 0),
            "set_adj": (lw(L.frequency_adjectives), 0),
            "weekday": (weekdays, 45), "weekend": ("weekend", 30),
            "clock_ampm": (r"[ap]\.?m", 12), "clock_24": (r"\d:\d\d", 3),
            "clock_mil": (r"\d{4}[ \t\u00a0]*(?:utc|gmt|z)", 0),
            "clock_word": (lw(["noon", "midnight", "midday"]), 0), "clock_oclock": ("clock", 25),
            "refword": (lw(k.split()[-1].replace("'s", "") for k in L.references), 25),
        }
        # Triggers that may sit inside a word ("40s" in "1940s", "ties" in "nineties", "pm" in "3pm").
        inner = {"decade", "decade_word", "clock_ampm", "clock_24", "clock_oclock", "year",
                 "year_short", "iso", "numeric", "clock_mil"}
        groups: dict[tuple[str, bool], list[tuple[Rule, int, bool]]] = {}
        for rule in self.rules:
            core, reach = spec[rule.name]
            word = rule.name not in inner
            groups.setdefault((core, word), []).append((rule, reach, rule.name == "duration_range"))
        return [(re.compile(core), word, rules, max(r for _, r, _ in rules))
                for (core, word), rules in groups.items()]

    def find(self, text: str) -> list[Parse]:
        """Every match of every rule (overlapping), as parses with offsets."""
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two ("İ"): keep offsets
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        out: list[Parse] = []
        seen: set[tuple[str, int, int]] = set()
        for core, word, rules, widest in self.cores:
            for h in core.finditer(low):
                hs = h.start()
                if word and hs and (low[hs - 1].isalnum() or low[hs - 1] in "'’"):
                    continue
                lo = max(0, hs - widest)
                nl = text.rfind("\n", lo, hs)
                if nl >= 0:
                    lo = nl + 1
                starts = [w.start() for w in _WORD_START.finditer(text, lo, hs)]
                starts.append(hs)
                for rule, reach, ahead in rules:
                    for st in starts:
                        if st < hs - reach:
                            continue
                        m = rule.regex.match(text, st)
                        if m is None or (m.end() <= hs and not ahead):
                            continue
                        key = (rule.name, m.start(), m.end())
                        if key not in seen:
                            seen.add(key)
                            self._emit(rule, m, out)
                        break
        return out

    def find_slow(self, text: str) -> list[Parse]:
        """Reference implementation of `find` (every rule over the whole text), for tests."""
        out: list[Parse] = []
        for rule in self.rules:
            for m in rule.regex.finditer(text):
                self._emit(rule, m, out)
        return out

    def _emit(self, rule: Rule, m: re.Match, out: list[Parse]) -> None:
        p = rule.handler(m, self)
        if p is None:
            return
        if "x" in m.re.groupindex and m.group("x") is not None:
            p.start, p.end = m.span("x")
        elif not p.end:
            p.start, p.end = m.span()
        p.rule = rule.name
        out.append(p)

    def from_entity(self, text: str, start: int, end: int) -> Parse | None:
        """A spaCy DATE entity the rules left alone, when its words have a clear meaning:
        'the day' in 'ended the day at 7,114' is the reference day."""
        low = re.sub(r"\s+", " ", text.lower()).strip()
        if low in ("the day", "the session", "the trading day", "the trading session"):
            return Parse("DATE", fn=lambda d, t: V.fmt_day(d), base=REF, rule="entity",
                         start=start, end=end, flags=frozenset({"day"}))
        return None

    # ------------------------------------------------------------------ helpers
    def split_mod(self, text: str) -> tuple[str | None, str, bool]:
        """Leading date modifier -> (TIMEX3 mod, rest of text, had a modifier)."""
        m = self.datemod_c.match(text)
        if not m or not m.group(0):
            return None, text, False
        word = re.sub(r"\s+", " ", m.group(0).lower()).strip(" -")
        word = re.sub(r"^(?:the )?(?:very )?", "", word)
        word = re.sub(r" the$", "", word)
        table = self.lex.date_mods
        mod = table.get(word, table.get("the " + word))
        return mod, text[m.end():], True

    def month_of(self, text: str) -> int | None:
        m = self.month_c.search(text)
        return self.lex.month(m.group(0)) if m else None

    def count_unit(self, text: str) -> tuple[float | None, object, str | None]:
        """'two and a half years' -> (2.5, Unit(Y), mod); count None when vague."""
        mod = None
        dm = self.durmod_re.match(text)
        if dm:
            mod = self.lex.duration_mods.get(re.sub(r"\s+", " ", dm.group(0).lower()))
            text = text[dm.end():].lstrip()
        um = None
        for um in self.unit_re_c.finditer(text):
            pass
        if um is None:
            raise KeyError(text)
        unit = self.lex.unit(um.group(0))
        head = text[:um.start()].strip(" -\t")
        head = re.sub(r"(?i)^(?:the\s+)?(?:past|last|next|first|final|previous|following|coming|"
                      r"recent|upcoming|remaining|entire|whole|full|initial|ensuing|preceding)\s+",
                      "", head)
        head = re.sub(r"(?i)^the\s+", "", head)
        head = " ".join(w for w in head.split() if w.lower() not in self.lex.duration_adjectives)
        if dm is None:
            dm2 = self.durmod_re.match(head)
            if dm2:
                mod = self.lex.duration_mods.get(re.sub(r"\s+", " ", dm2.group(0).lower()))
                head = head[dm2.end():].strip()
        tail_half = re.search(r"(?i)and\s+a\s+half", text[um.end():])
        low = head.lower()
        if low in ("a", "an", "one", "half a", "half an"):
            n: float | None = 0.5 if low.startswith("half") else 1.0
        else:
            n = self.lex.number(head)
        if n is not None and tail_half:
            n += 0.5
        return n, unit, mod

    # ------------------------------------------------------------------ handlers
    def _iso(self, m, g) -> Parse | None:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            day = date(y, mo, d)
        except ValueError:
            return None
        if m.group(4):
            value = f"{day.isoformat()}T{m.group(4)}:{m.group(5)}" + (f":{m.group(6)}" if m.group(6) else "")
            return Parse("TIME", value, explicit=True)
        return Parse("DATE", day.isoformat(), explicit=True)

    def _numeric(self, m, g) -> Parse | None:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
        mo, d = (a, b) if a <= 12 else (b, a)  # US order unless impossible
        try:
            return Parse("DATE", date(year, mo, d).isoformat(), explicit=True)
        except ValueError:
            return None

    def _full(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        mo = self.month_of(rest)
        rest_wo_wd = self.weekday_c.sub("", rest, count=1)
        rest_wo_month = self.month_c.sub(" ", rest_wo_wd, count=1)
        ym = _YEAR_NUM.search(rest_wo_month)
        dm = _DAY_NUM.search(rest_wo_month[:ym.start()] if ym else rest_wo_month)
        if not (mo and ym and dm):
            return None
        try:
            value = date(int(ym.group(1)), mo, int(dm.group(1))).isoformat()
        except ValueError:
            return None
        return Parse("DATE", value, mod=mod, explicit=True)

    def _month_day(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        mo = self.month_of(rest)
        rest2 = self.month_c.sub(" ", self.weekday_c.sub("", rest, count=1), count=1)
        dm = _DAY_NUM.search(rest2)
        if not (mo and dm):
            return None
        day = int(dm.group(1))
        try:
            date(2000, mo, day)  # leap year: any valid month-day
        except ValueError:
            return None
        return Parse("DATE", fn=lambda d, tense: V.day_near(d, mo, day, tense), base=TENSE, mod=mod,
                     flags=frozenset({"day"}))

    def _year_of(self, text: str) -> tuple[int | None, Fn | None]:
        """Explicit year in a suffix ('of 2012'), or a year relative to the DCT ('of last year')."""
        ym = _YEAR_NUM.search(text)
        if ym:
            return int(ym.group(1)), None
        rm = _REL_OF_YEAR.search(text)
        if rm:
            word = rm.group(1).lower().split()[-1]
            delta = {"this": 0, "current": 0, "same": 0, "last": -1, "previous": -1, "next": 1,
                     "following": 1}[word]
            return None, (lambda d, tense: f"{d.year + delta:04d}")
        return None, None

    def _month_year(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        mo = self.month_of(rest)
        if not mo:
            return None
        year, rel = self._year_of(rest[self.month_c.search(rest).end():])
        if year:
            return Parse("DATE", f"{year:04d}-{mo:02d}", mod=mod, explicit=True)
        if rel:
            return Parse("DATE", fn=lambda d, t: f"{rel(d, t)}-{mo:02d}", base=DCT, mod=mod)
        return None

    def _rel_month(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        mo = self.month_of(rest)
        word = rest.split()[0].lower()
        direction = {"last": -2, "past": -2, "next": 2, "coming": 2, "this": 0}[word]
        if direction == 0:
            return Parse("DATE", fn=lambda d, t: V.month_near(d, mo, 0), base=DCT, mod=mod)
        return Parse("DATE", fn=lambda d, t: V.month_near(d, mo, direction), base=DCT, mod=mod)

    def _month(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        mo = self.month_of(rest)
        if not mo:
            return None
        return Parse("DATE", fn=lambda d, t: V.month_near(d, mo, t), base=TENSE, mod=mod,
                     flags=frozenset({"month"}))

    def _year(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        ym = _YEAR_NUM.search(rest)
        if not ym:
            return None
        flags = frozenset({"bare_year"}) if ym.start() == 0 and not mod else frozenset()
        return Parse("DATE", ym.group(1), mod=mod, explicit=True, flags=flags)

    def _year_short(self, m, g) -> Parse | None:
        yy = int(m.group("x")[1:])
        return Parse("DATE", f"{2000 + yy if yy < 30 else 1900 + yy}", explicit=True)

    def _the_unit(self, m, g) -> Parse | None:
        """'the end of the year', 'late in the day', bare 'the day' after a preposition."""
        text = m.group(0)
        mod, rest, had_mod = self.split_mod(text)
        low = text.lower()
        unit_word = low.split()[-1]
        inm = re.match(r"(early|late|later|earlier)\s+(?:in|on)\s+", low)
        if inm:
            mod, had_mod = {"early": "START", "late": "END"}.get(inm.group(1)), True
        if unit_word == "session":
            unit_word = "day"
        if not had_mod:
            if unit_word != "day" or not low.startswith("the"):
                return None
            before = m.string[max(0, m.start() - 20):m.start()].lower()
            after = m.string[m.end():m.end() + 20].lower()
            if not re.search(r"\b(?:on|for|during|throughout|of|over|across|since|into)\s+$", before) or \
                    re.match(r"\s*(?:before|after|of|when|that|which|on|in|he|she|they|we|i)\b", after):
                return None
        unit = self.lex.unit(unit_word)
        if unit is None:
            return None
        grain = unit.grain
        if grain == "D":
            return Parse("DATE", fn=lambda d, t: V.fmt_day(d), base=REF, mod=mod,
                         flags=frozenset({"day"}))

        def fn(d: date, tense: int) -> str:
            # "peaked by the end of the year" said in March: last year's end; "will start at
            # the beginning of the year" said in March: next year's start.
            step = -1 if tense < 0 and mod == "END" else 1 if tense > 0 and mod == "START" else 0
            return V.shifted(grain, step)(d)
        return Parse("DATE", fn=fn, base=TENSE, mod=mod)

    def _decade(self, m, g) -> Parse | None:
        text = re.sub(r"(?i)^the\s+", "", m.group(0))
        mod, rest, _ = self.split_mod(text)
        dm = re.search(r"(['’]?)(\d{2,4})['’]?s", rest)
        if dm:
            digits = dm.group(2)
            if len(digits) == 2 and not dm.group(1) and not (mod or m.group(0).lower().startswith("the")):
                return None  # "in their 70s" is an age
            if len(digits) == 4:
                return Parse("DATE", digits[:3], mod=mod)
            century = "20" if digits[0] in "01" else "19"
            return Parse("DATE", century + digits[0], mod=mod)
        words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}
        w = re.search(r"(?i)(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", rest)
        return Parse("DATE", f"19{words[w.group(1).lower()]}", mod=mod) if w else None

    def _century(self, m, g) -> Parse | None:
        text = re.sub(r"(?i)^the\s+", "", m.group(0))
        mod, rest, _ = self.split_mod(text)
        om = self.ordinal_c.search(rest)
        if not om:
            return None
        word = om.group(0).lower()
        n = int(re.match(r"\d+", word).group(0)) if word[0].isdigit() else self.lex.ordinals.get(word)
        if not n:
            return None
        return Parse("DATE", f"{n - 1:02d}", mod=mod)

    def _quarter(self, m, g) -> Parse | None:
        text = m.group(0)
        low = text.lower()
        qm = re.search(r"(?i)\b(first|second|third|fourth|1st|2nd|3rd|4th|final|last)\b|^q([1-4])", low)
        if not qm:
            return None
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4, "final": 4, "last": 4}.get(qm.group(1) or "", int(qm.group(2) or 0))
        half = "half" in low
        code = f"H{n}" if half else f"Q{n}"
        if half and n > 2:
            return None
        year, rel = self._year_of(text[qm.end():])
        if year:
            return Parse("DATE", f"{year:04d}-{code}", explicit=True)
        if rel:
            return Parse("DATE", fn=lambda d, t: f"{rel(d, t)}-{code}", base=DCT)
        if half:
            return None  # "the first half" alone is mostly sport

        def fn(d: date, tense: int) -> str:
            cur = (d.month - 1) // 3 + 1
            y = d.year - 1 if tense < 0 and n > cur else d.year
            return f"{y:04d}-{code}"
        return Parse("DATE", fn=fn, base=TENSE)

    def _season(self, m, g) -> Parse | None:
        text = m.group(0)
        sm = self.season_c.search(text)
        code = self.lex.seasons[sm.group(0).lower()]
        prefix = text[:sm.start()].strip().lower()
        words = prefix.split()
        suffix = text[sm.end():]
        year, rel = self._year_of(suffix)
        word = sm.group(0).lower()
        if not prefix and not year and not rel:
            return None
        if word == "fall" and not (year or rel or words and words[-1] in ("this", "last", "next", "the", "past", "coming")):
            return None
        if word == "fall" and re.match(r"(?i)\s+of\b", suffix) and not (year or rel):
            return None
        mod = None
        if any(w.startswith("early") for w in words):
            mod = "START"
        elif any(w.startswith("late") for w in words):
            mod = "END"
        elif any(w.startswith("mid") for w in words):
            mod = "MID"
        start = m.start()
        lead = re.match(r"(?i)(?:in|during|by|since|until)\s+", text)
        if lead:
            start += lead.end()
        if year:
            return Parse("DATE", f"{year:04d}-{code}", mod=mod, explicit=True, start=start, end=m.end())
        if rel:
            return Parse("DATE", fn=lambda d, t: f"{rel(d, t)}-{code}", base=DCT, mod=mod,
                         start=start, end=m.end())
        generic = bool(words) and words[-1] in ("in", "during")
        which = "last" if {"last", "past"} & set(words) else "next" if {"next", "coming"} & set(words) \
            else "this" if "this" in words else None

        def instance(y: int) -> tuple[date, date]:
            a, b = V.SEASON_MONTHS[code]
            return date(y, a, 1), (V.month_end(y, b) if b <= 12 else V.month_end(y + 1, b - 12))

        def fn(d: date, tense: int) -> str:
            ys = [d.year - 2, d.year - 1, d.year, d.year + 1]
            spans = [(y, *instance(y)) for y in ys]
            if which == "last" or (which is None and tense < 0):
                strict = which == "last"
                pick = [y for y, a, b in spans if (b < d if strict else a <= d)]
                y = pick[-1]
            elif which == "next" or (which is None and tense > 0):
                pick = [y for y, a, b in spans if (a > d if which == "next" else b >= d)]
                y = pick[0]
            elif generic:
                return f"XXXX-{code}"  # "birds feed in winter": any winter
            else:
                inside = [y for y, a, b in spans if a <= d <= b]
                y = inside[0] if inside else d.year
            return f"{y:04d}-{code}"
        return Parse("DATE", fn=fn, base=DCT if which else TENSE, mod=mod, start=start, end=m.end())

    def _holiday(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        ym = _YEAR_NUM.search(rest)
        name = re.sub(r"[’]", "'", re.sub(r"\s+", " ", rest[:ym.start()] if ym else rest)).strip(" ,")
        md = self.lex.holidays.get(name)
        if not md:
            return None
        mo, day = md
        if ym:
            return Parse("DATE", f"{ym.group(1)}-{mo:02d}-{day:02d}", mod=mod, explicit=True)
        return Parse("DATE", fn=lambda d, t: V.day_near(d, mo, day, t), base=TENSE, mod=mod)

    def _rel_day(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        low = re.sub(r"\s+", " ", rest.lower().replace("’", "'"))
        shift = 0
        if low.startswith("the day before"):
            shift, low = -1, low[len("the day before "):]
        elif low.startswith("the day after"):
            shift, low = 1, low[len("the day after "):]
        words = low.replace("'s", "").split()
        head = words[0]
        pod = self.lex.parts_of_day.get(words[-1]) if len(words) > 1 else None
        if head in ("this", "last") and not pod:
            return None
        shift += {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}[head]
        if head == "tonight":
            pod = "NI"
        if head == "last" and words[-1] not in ("night", "evening"):
            return None  # "last morning" is not idiomatic; "last evening" is

        def fn(d: date, t: int) -> str:
            day = V.fmt_day(d + timedelta(days=shift))
            return f"{day}T{pod}" if pod else day
        return Parse("TIME" if pod else "DATE", fn=fn, base=DCT, mod=mod)

    def _rel_unit(self, m, g) -> Parse | None:
        mod, rest, had_mod = self.split_mod(m.group(0))
        low = re.sub(r"\s+", " ", rest.lower().replace("’", "'")).replace("'s", "")
        words = low.split()
        the = words[0] == "the"
        if the:
            words = words[1:]
        rel = words[0]
        if rel == "the":
            return None
        words = [w for w in words[1:] if w not in ("fiscal", "calendar", "financial")]
        unit_word = words[-1] if words else ""
        if unit_word == "weekend":
            return self._weekend(m, g)
        unit = self.lex.unit(unit_word)
        if unit is None or unit_word.endswith("s") and unit_word not in self.lex.units:
            return None
        grain = unit.grain
        if unit.time:
            if rel in ("past", "last", "next", "coming", "previous", "following"):
                return Parse("DURATION", V.duration(unit.factor, unit.letter, True), mod=mod)
            return None
        if grain not in V.GRAINS:
            return None
        # "the past year", "the coming month": a period ending (starting) at the DCT; decades
        # and centuries after "the next/last/following" are spans too ("in the next decade").
        if the and not had_mod and (rel in ("past", "coming", "upcoming") or
                                    grain in ("DE", "CE") and rel in ("next", "last", "following", "previous")):
            return Parse("DURATION", V.duration(unit.factor, unit.letter), mod=mod, flags=frozenset({"dct_span"}))
        if rel in ("this", "current"):
            if grain == "D":
                return None
            return Parse("DATE", fn=lambda d, t: V.shifted(grain, 0)(d), base=DCT, mod=mod)
        dayf = frozenset({"day"}) if grain == "D" else frozenset()
        if rel in ("that", "same"):
            return Parse("DATE", fn=lambda d, t: V.shifted(grain, 0)(d), base=REF, mod=mod, flags=dayf)
        if rel in ("last", "past", "previous", "prior", "preceding"):
            base = REF if the and rel != "last" or grain == "D" else DCT
            if grain == "D" and not the and rel == "last":
                return None  # "last day of ..." is an ordinal, not yesterday
            return Parse("DATE", fn=lambda d, t: V.shifted(grain, -1)(d), base=base, mod=mod, flags=dayf)
        if rel in ("next", "coming", "upcoming", "following"):
            base = REF if the and rel in ("next", "following") or grain == "D" else DCT
            return Parse("DATE", fn=lambda d, t: V.shifted(grain, 1)(d), base=base, mod=mod, flags=dayf)
        return None

    def _ago(self, m, g) -> Parse | None:
        text = m.group(0)
        sig = re.search(r"(?i)\s(ago|earlier|later|before|after|afterwards?|prior|previously|hence|"
                        r"on)$", text)
        signal = sig.group(1).lower()
        body = text[:sig.start()]
        try:
            n, unit, mod = self.count_unit(body)
        except KeyError:
            return None
        if unit is None:
            return None
        tail = m.string[m.end():m.end() + 40]
        # "a month earlier than usual": a comparison, so the time is the duration.
        if signal in ("earlier", "later") and re.match(r"[ \t]+than\b", tail):
            return Parse("DURATION", self._dur_value(n, unit), mod=mod, start=m.start(),
                         end=m.start() + len(body.rstrip()))
        # "two days before the vote": a duration whose anchor is an event, not a date.
        if signal in ("before", "after", "prior", "on") and re.match(r"[ \t]+(?:to\s+)?[\w$“\"']", tail):
            if signal == "on" and not re.match(r"[ \t]+(?:,|\.)", tail):
                return None
            return Parse("DURATION", self._dur_value(n, unit), mod=mod, start=m.start(),
                         end=m.start() + len(body.rstrip()))
        if signal == "on":
            signal = "later"
        sign = -1 if signal in ("ago", "earlier", "before", "prior", "previously") else 1
        if n is None:
            return Parse("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
        base = DCT if signal in ("ago", "hence", "from now") else REF
        grain, count = unit.grain, n * unit.factor if unit.grain in ("D", "W", "M", "Y") else n
        if unit.time:
            grain, count = "D", 0 if n * unit.factor < 24 and unit.letter != "D" else n / 24
            if unit.letter == "H" and n >= 24:
                count = round(n / 24)

            def fn_t(d: date, t: int) -> str:
                return V.fmt_day(d + timedelta(days=sign * count))
            return Parse("DATE", fn=fn_t, base=base, mod=mod, flags=frozenset({"day"}))
        if grain == "Q":
            count = n
        if grain in ("DE", "CE"):
            count = n
        if not float(count).is_integer():
            if grain == "Y":
                grain, count = "M", count * 12
            if not float(count).is_integer():
                return Parse("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
        fmt_grain = {"D": "D", "W": "W", "M": "M", "Y": "Y", "Q": "Q", "DE": "Y", "CE": "Y"}[grain]
        step_grain = grain

        def fn(d: date, t: int) -> str:
            moved = V.shift(d, sign * count, step_grain)
            return V.GRAINS[fmt_grain][0](moved)
        return Parse("DATE", fn=fn, base=base, mod=mod,
                     flags=frozenset({"day"}) if grain == "D" else frozenset())

    def _ago_vague(self, m, g) -> Parse | None:
        low = m.group(0).lower()
        if low.endswith("ago") or low.endswith("earlier"):
            return Parse("DATE", "PAST_REF")
        return Parse("DATE", "FUTURE_REF")

    @staticmethod
    def _dur_value(n: float | None, unit) -> str:
        if n is None:
            return V.duration(None, unit.letter, unit.time)
        return V.duration(n * unit.factor, unit.letter, unit.time)

    def _duration(self, m, g) -> Parse | None:
        text = m.group(0)
        if re.search(r"(?i)old$", text):
            return None  # an age ("a 22-year-old son") describes a person, not a time
        core = re.sub(r"(?i)[-\s]*(?:long|old)$", "", text)
        try:
            n, unit, mod = self.count_unit(core)
        except KeyError:
            return None
        if unit is None:
            return None
        low = core.lower()
        head = re.sub(r"(?i)^(?:the\s+)?", "", low)
        after = m.string[m.end():m.end() + 30]
        before = m.string[max(0, m.start() - 30):m.start()]
        unit_word = self.unit_re_c.search(core[-20:])
        uw = unit_word.group(0).lower() if unit_word else ""
        # "a second time", "one minute's silence" (fine), "the second quarter": not durations.
        if uw in ("second", "sec") and re.match(r"(?i)(?:a|one)\s", head) and not re.match(r"\s*[,.;)]", after):
            return None
        if re.fullmatch(r"(?:1[0-9]|20)\d\d\s+\w+", head) and not uw.endswith("s"):
            return None  # "World Cup 2018 day five": a year before a singular unit counts nothing
        if uw in ("quarter", "quarters") and re.match(
                r"\s+(?:million|billion|trillion|thousand|hundred|percent|per\s+cent|point|mile|pound|"
                r"inch|acre|ton|dollar|share)", after, re.I):
            return None  # "a quarter million clips"
        if uw in ("quarter", "quarters", "half") and re.match(r"\s*(?:of\b|,|\.|;)", after) and \
                not any(w in self.lex.duration_adjectives for w in low.split()):
            return None  # "a quarter of its dealers": a fraction
        if head.startswith(("a ", "an ")) and n == 1 and re.search(
                r"(?i)(?:\d|%|\bpercent|\btimes|\btwice|\bonce|\bthrice|\bmillion|\bbillion|\btrillion|"
                r"\bdollars|\beuros|\bpounds|\byuan)\s*$", before):
            letter = unit.letter
            return Parse("SET", V.duration(unit.factor, letter, unit.time))
        if n is None and not re.search(r"(?i)\b(?:several|few|many|some|couple|number|numerous|"
                                       r"multiple|multi|countless|various)\b", low):
            return None
        # "the past two years", "the next four years": a span ending or starting at the DCT.
        span = frozenset({"dct_span"}) if re.match(
            r"(?i)(?:the\s+)?(?:past|last|next|coming|recent|upcoming)\b", text) else frozenset()
        return Parse("DURATION", self._dur_value(n, unit), mod=mod, flags=span)

    def _range_first(self, m, g) -> Parse | None:
        """'12' in '12 to 18 months': the first end of a range takes the second's unit."""
        tail = m.string[m.end():m.end() + 60]
        um = self.unit_re_c.search(tail)
        if um is None:
            return None
        try:
            n = self.lex.number(m.group("x"))
        except KeyError:
            return None
        unit = self.lex.unit(um.group(0))
        if unit is None or n is None:
            return None
        return Parse("DURATION", self._dur_value(n, unit))

    def _duration_plural(self, m, g) -> Parse | None:
        text = m.group("x") if "x" in m.re.groupindex and m.group("x") else m.group(0)
        um = self.unit_re_c.search(text)
        unit = self.lex.unit(um.group(0)) if um else None
        if unit is None:
            return None
        return Parse("DURATION", V.duration(None, unit.letter, unit.time))

    def _set(self, m, g) -> Parse | None:
        text = m.group(0)
        low = re.sub(r"\s+", " ", text.lower())
        if low in self.lex.frequencies:
            return Parse("SET", self.lex.frequencies[low], flags=frozenset({"adverb"})
                         if " " not in low else frozenset())
        wd = self.weekday_c.search(text)
        if wd:
            n = self.lex.weekdays.get(wd.group(0).rstrip("s"), self.lex.weekday_abbr.get(wd.group(0)[:3]))
            if n is None:
                for name, num in self.lex.weekdays.items():
                    if text.startswith(name) or name in text:
                        n = num
            return Parse("SET", f"XXXX-WXX-{n}")
        pod = self.pod_c.search(text)
        if pod and not self.unit_re_c.search(text):
            return Parse("SET", f"XXXX-XX-XXT{self.lex.parts_of_day[pod.group(0).lower()]}")
        sm = self.season_c.search(text)
        if sm and not self.unit_re_c.search(text):
            return Parse("SET", f"XXXX-{self.lex.seasons[sm.group(0).lower()]}")
        if "weekend" in low:
            return Parse("SET", "XXXX-WXX-WE")
        um = None
        for um in self.unit_re_c.finditer(text):
            pass
        if um is None:
            return None
        unit = self.lex.unit(um.group(0))
        n = 1.0
        if " other " in f" {low} ":
            n = 2.0
        nm = re.match(r"(?i)(?:every|each|per)\s+(?:other\s+)?(.+?)\s+\S+$", low)
        if nm and nm.group(1) not in ("other", "single"):
            try:
                n = self.lex.number(nm.group(1)) or 1.0
            except KeyError:
                pass
        return Parse("SET", V.duration(n * unit.factor, unit.letter, unit.time))

    def _weekday(self, m, g) -> Parse | None:
        before = m.string[max(0, m.start() - 12):m.start()]
        nm = re.search(r"([A-Z][a-z]+)[ \t]+$", before)
        if nm and nm.group(1) in self.lex.named_days:
            return None  # "Black Monday", "Good Friday": a name, not this week's day
        mod, rest, _ = self.split_mod(m.group(0))
        wm = self.weekday_c.search(rest)
        n = self.lex.weekdays.get(wm.group(0))
        words = rest[:wm.start()].lower().split()
        pod_m = self.pod_c.search(rest[wm.end():])
        pod = self.lex.parts_of_day[pod_m.group(0).lower()] if pod_m else None
        direction = {"last": -2, "past": -2, "next": 2, "coming": 2, "this": 0}.get(words[0]) if words else None

        def fn(d: date, tense: int) -> str:
            dirn = direction if direction is not None else (1 if tense > 0 else -1)
            if dirn == 0:
                dirn = 1 if tense > 0 else -1
            day = V.fmt_day(V.weekday_near(d, n, dirn))
            return f"{day}T{pod}" if pod else day
        return Parse("TIME" if pod else "DATE", fn=fn, base=TENSE, mod=mod, flags=frozenset({"day"}))

    def _weekend(self, m, g) -> Parse | None:
        mod, rest, _ = self.split_mod(m.group(0))
        words = set(rest.lower().split()[:-1])
        which = "last" if words & {"last", "past"} else "next" if words & {"next", "coming"} \
            else "this" if "this" in words else None

        def fn(d: date, tense: int) -> str:
            in_weekend = d.isoweekday() >= 6
            if which == "last" or which is None and tense <= 0 and not in_weekend:
                ref = d - timedelta(days=7)  # the weekend just gone
            elif (which == "next" or which is None and tense > 0) and in_weekend:
                ref = d + timedelta(days=7)
            else:
                ref = d  # this week's Saturday and Sunday
            return V.fmt_week(ref) + "-WE"
        return Parse("DATE", fn=fn, base=DCT if which else TENSE, mod=mod)

    def _clock(self, m, g) -> Parse | None:
        text = m.group(0)
        low = text.lower()
        if "noon" in low or "midday" in low:
            clock = "T12:00"
        elif "midnight" in low:
            clock = "T24:00"
        elif "clock" in low:
            try:
                h = int(self.lex.number(re.split(r"\s+o", low)[0]))
            except (KeyError, TypeError):
                return None
            clock = f"T{h:02d}:00"
        else:
            nm = re.match(r"(\d\d)(\d\d)(?!\d)()", text) if m.re is self._mil_re else None
            nm = nm or re.match(r"(\d{1,2})(?:[:.](\d\d))?(?::(\d\d))?", text)
            h, mi, sec = int(nm.group(1)), int(nm.group(2) or 0), nm.group(3)
            if re.search(r"(?i)p\.?m", low) and h < 12:
                h += 12
            elif re.search(r"(?i)a\.?m", low) and h == 12:
                h = 0
            if m.re is not self._mil_re and m.re.pattern.count(":[0-5]") and not re.search(r"(?i)\b(?:am|pm|a\.m|p\.m)", low):
                # "3:07:35" with no am/pm/zone after "in"/"of": a race time, i.e. a duration.
                before = m.string[max(0, m.start() - 12):m.start()].lower()
                has_zone = re.search(TZ + r"|hours|hrs|local", text)
                if sec and not has_zone:
                    return Parse("DURATION", f"PT{h}H{mi}M{int(sec)}S")
                if not has_zone and not re.search(r"\b(?:at|by|until|till|from|before|after|around|"
                                                   r"about|to|since)\s+$", before):
                    return None
            clock = f"T{h:02d}:{mi:02d}"
        return Parse("TIME", fn=lambda d, t: V.fmt_day(d) + clock, base=REF, clock=clock,
                     flags=frozenset({"day"}))

    def _refword(self, m, g) -> Parse | None:
        low = re.sub(r"\s+", " ", m.group(0).lower().replace("’", "'"))
        value = self.lex.references.get(low)
        if value is None:
            return None
        after = m.string[m.end():m.end() + 2]
        if after.startswith("-") and low == "now":  # "now-defunct"
            return None
        return Parse("DATE", value)


@functools.lru_cache(maxsize=4)
def grammar(path=None) -> Grammar:
    return Grammar(load(path))
