"""The time words (knowledge/time_words.yaml) as lookup tables and regex fragments."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...knowledge import HERE

DEFAULT_PATH = HERE / "time_words.yaml"


@dataclass(frozen=True)
class Unit:
    letter: str  # TIMEX3 duration letter
    factor: int = 1  # decade = 10 years, quarter = 3 months
    time: bool = False  # hours/minutes/seconds take "PT"

    @property
    def grain(self) -> str:
        """Calendar granularity for shifts ("last quarter", "two decades ago")."""
        if self.time:
            return "D"
        if self.letter == "Y":
            return {10: "DE", 100: "CE"}.get(self.factor, "Y")
        if self.letter == "M" and self.factor == 3:
            return "Q"
        return self.letter


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    weekday_abbr: dict[str, int]
    numbers: dict[str, float]
    vague: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    references: dict[str, str]  # phrase (lower) -> PRESENT_REF/PAST_REF/FUTURE_REF
    frequencies: dict[str, str]
    date_mods: dict[str, str | None]
    duration_mods: dict[str, str | None]
    wires: tuple[str, ...]
    duration_adjectives: frozenset[str] = frozenset()
    named_days: frozenset[str] = frozenset()
    month_cues: frozenset[str] = frozenset()
    quantity_words: frozenset[str] = frozenset()
    measure_words: frozenset[str] = frozenset()
    year_determiners: frozenset[str] = frozenset()
    frequency_adjectives: dict[str, str] = field(default_factory=dict)

    def month(self, word: str) -> int | None:
        return self.months.get(word.rstrip(".").capitalize())

    def unit(self, word: str) -> Unit | None:
        w = word.lower().replace("’", "'")
        if w in self.units:
            return self.units[w]
        for plural, single in self.unit_plurals.items():
            if w == plural:
                return self.units.get(single)
        if w.endswith("s") and w[:-1] in self.units:
            return self.units[w[:-1]]
        return None

    @functools.cached_property
    def unit_plurals(self) -> dict[str, str]:
        return dict(self._plurals)

    def number(self, phrase: str) -> float | None:
        """'two' -> 2, 'twenty-one' -> 21, '18' -> 18, '2.5' -> 2.5, 'two and a half' -> 2.5;
        vague words -> None; unknown -> raises KeyError."""
        p = re.sub(r"\s+", " ", phrase.lower().replace("-", " ").replace(",", "")).strip()
        half = 0.0
        if p.endswith(" and a half"):
            p, half = p[: -len(" and a half")], 0.5
        if p in self.numbers:
            return self.numbers[p] + half
        if re.fullmatch(r"\d+(?:\.\d+)?", p):
            return float(p) + half
        parts = p.split(" ")
        if all(w in self.numbers for w in parts) and len(parts) == 2:
            return self.numbers[parts[0]] + self.numbers[parts[1]] + half
        if p in self.vague or p.replace(" ", "-") in self.vague:
            return None
        raise KeyError(phrase)

    # ------------------------------------------------------------ regex fragments
    @staticmethod
    def alt(words, flags: str = "") -> str:
        """Alternation of words, longest first, each ending on a word boundary."""
        parts = []
        # (ties broken by the word itself: set order changes with the process's hash seed)
        for w in sorted(set(words), key=lambda w: (-len(w), w)):
            e = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
            parts.append(e + (r"\b" if w[-1:].isalnum() else ""))
        body = "|".join(parts)
        return f"(?{flags}:{body})" if flags else f"(?:{body})"

    @functools.cached_property
    def month_re(self) -> str:
        # Full names case-sensitive (so "may" the verb never matches); abbreviations need a
        # period or a word boundary. ALL-CAPS forms too, for datelines and headlines.
        full = [m for m in self.months if len(m) > 4 or m in ("May", "June", "July")]
        abbr = [m for m in self.months if m not in full]
        names = sorted(full + [m.upper() for m in full if m != "May"], key=len, reverse=True)
        ab = sorted(abbr + [a.upper() for a in abbr], key=len, reverse=True)
        return ("(?:" + "|".join(n + r"\b" for n in names) + "|"
                + "|".join(a + r"(?:\.|\b)" for a in ab) + ")")

    @functools.cached_property
    def weekday_re(self) -> str:
        return "(?:" + "|".join(sorted(self.weekdays, key=len, reverse=True)) + r")\b"

    @functools.cached_property
    def weekday_any_re(self) -> str:
        abbr = "|".join(sorted(self.weekday_abbr, key=len, reverse=True))
        return "(?:" + "|".join(sorted(self.weekdays, key=len, reverse=True)) + r"\b|(?:" + abbr + r")\.)"

    @functools.cached_property
    def number_re(self) -> str:
        words = [w for w in self.numbers if w not in ("half a", "a half")]
        tens = [w for w, v in self.numbers.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
        ones = [w for w, v in self.numbers.items() if 1 <= v <= 9 and " " not in w]
        compound = f"(?:{'|'.join(tens)})[-\\s](?:{'|'.join(ones)})"
        return (r"(?:(?i:" + compound + "|" + self.alt(words)[3:-1] + r")|\d+(?:\.\d+)?)"
                r"(?i:\s+and\s+a\s+half)?")

    @functools.cached_property
    def vague_re(self) -> str:
        return self.alt(self.vague, "i")

    @functools.cached_property
    def unit_re(self) -> str:
        forms = set(self.units) | {p for p, _ in self._plurals}
        forms |= {u + "s" for u in self.units}
        return self.alt(forms, "i")

    @functools.cached_property
    def unit_singular_re(self) -> str:
        return self.alt(self.units, "i")

    _plurals: tuple[tuple[str, str], ...] = ()


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def build(data: dict[str, Any]) -> Lexicon:
    units = {k.lower(): Unit(v["letter"], int(v.get("factor", 1)), bool(v.get("time", False)))
             for k, v in (data.get("units") or {}).items()}
    refs = {}
    for value, phrases in (data.get("references") or {}).items():
        for p in phrases:
            refs[p.lower()] = value
    holidays = {}
    for name, md in (data.get("holidays") or {}).items():
        m, d = str(md).split("-")
        holidays[name] = (int(m), int(d))
    lex = Lexicon(
        months={str(k): int(v) for k, v in (data.get("months") or {}).items()},
        weekdays={str(k): int(v) for k, v in (data.get("weekdays") or {}).items()},
        weekday_abbr={str(k): int(v) for k, v in (data.get("weekday_abbreviations") or {}).items()},
        numbers={str(k).lower(): float(v) for k, v in (data.get("numbers") or {}).items()},
        vague=tuple(str(v).lower() for v in data.get("vague_numbers") or ()),
        ordinals={str(k).lower(): int(v) for k, v in (data.get("ordinals") or {}).items()},
        units=units,
        seasons={str(k).lower(): str(v) for k, v in (data.get("seasons") or {}).items()},
        parts_of_day={str(k).lower(): str(v) for k, v in (data.get("parts_of_day") or {}).items()},
        holidays=holidays,
        references=refs,
        frequencies={str(k).lower(): str(v) for k, v in (data.get("frequencies") or {}).items()},
        date_mods={str(k).lower(): v for k, v in (data.get("date_mods") or {}).items()},
        duration_mods={str(k).lower(): v for k, v in (data.get("duration_mods") or {}).items()},
        wires=tuple(str(w) for w in data.get("wire_services") or ()),
        named_days=frozenset(str(w) for w in data.get("named_days") or ()),
        month_cues=frozenset(str(w).lower() for w in data.get("month_cues") or ()),
        quantity_words=frozenset(str(w).lower() for w in data.get("quantity_words") or ()),
        measure_words=frozenset(str(w).lower() for w in data.get("measure_words") or ()),
        year_determiners=frozenset(str(w).lower() for w in data.get("year_determiners") or ()),
        duration_adjectives=frozenset(str(w).lower() for w in data.get("duration_adjectives") or ()),
        frequency_adjectives={str(k).lower(): str(v)
                              for k, v in (data.get("frequency_adjectives") or {}).items()},
        _plurals=tuple((str(k).lower(), str(v).lower())
                       for k, v in (data.get("unit_plurals") or {}).items()),
    )
    return lex


@functools.lru_cache(maxsize=4)
def load(path: Path | None = None) -> Lexicon:
    return build(_load_yaml(Path(path) if path else DEFAULT_PATH))
