"""The claims extractor's word lists, read from knowledge/*.tsv once per process.

Knowledge is data: a new hedge ("upwards of"), currency or label word is a line in a TSV, not
code. `load()` reads the packaged tables; `load(folder)` reads the same file names from another
folder (tests use this to show that an edit to the data takes effect).
"""
from __future__ import annotations

import csv
import functools
from fractions import Fraction
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ...knowledge import HERE as KNOWLEDGE

FILES = ("number_words.tsv", "hedges.tsv", "claim_units.tsv", "claim_words.tsv")


@dataclass(frozen=True)
class NumberWord:
    value: float
    kind: str  # digit teen tens hundred scale abbr multiplier fraction vague article
    bound: str | None = None


@dataclass(frozen=True)
class Unit:
    code: str
    kind: str  # currency | percent | measure


class PhraseTable(dict):
    """Token tuple -> entry, with the first and last words of all its phrases kept aside so a
    look-up that cannot match stops after one set test (most numbers have no hedge)."""

    def __init__(self) -> None:
        super().__init__()
        self.first_words: set[str] = set()
        self.last_words: set[str] = set()
        self.max_len = 0

    def __setitem__(self, key: tuple[str, ...], value) -> None:
        super().__setitem__(key, value)
        self.first_words.add(key[0])
        self.last_words.add(key[-1])
        self.max_len = max(self.max_len, len(key))


@dataclass
class Lexicon:
    numbers: dict[str, NumberWord] = field(default_factory=dict)
    # Hedge phrases as token tuples -> bound, split by where they stand.
    hedges_before: PhraseTable = field(default_factory=PhraseTable)
    hedges_after: PhraseTable = field(default_factory=PhraseTable)
    # Units as token tuples (original case for symbols and abbreviations, see `unit_key`).
    units_before: PhraseTable = field(default_factory=PhraseTable)
    units_after: PhraseTable = field(default_factory=PhraseTable)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    phrases: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)

    def kind(self, kind: str) -> frozenset[str]:
        return self.words.get(kind, frozenset())

    def phrase_kind(self, kind: str) -> frozenset[tuple[str, ...]]:
        return self.phrases.get(kind, frozenset())


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return [[c.strip() for c in row] for row in csv.reader(fh, delimiter="\t",
                                                                  quoting=csv.QUOTE_NONE)
                if row and row[0].strip() and not row[0].startswith("#")]


def unit_key(text: str) -> str:
    """Units are matched case-sensitively when they are symbols or all-caps abbreviations
    ("GB", "MW": "gb"/"mw" are words too), case-insensitively when they are words."""
    return text if (not text.isalpha() or text.isupper() or any(c.isupper() for c in text[1:])) \
        else text.lower()


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


@functools.lru_cache(maxsize=4)
def load(folder: str | None = None) -> Lexicon:
    base = Path(folder) if folder else KNOWLEDGE
    lex = Lexicon()
    for row in _rows(base / "number_words.tsv"):
        word, value, kind, bound = (row + ["", "", "", ""])[:4]
        lex.numbers[word.lower()] = NumberWord(float(Fraction(value)), kind, bound or None)
    for row in _rows(base / "hedges.tsv"):
        phrase, bound, where = (row + ["", "", ""])[:3]
        target = lex.hedges_after if where == "after" else lex.hedges_before
        target[_tokens(phrase.lower())] = bound
    for row in _rows(base / "claim_units.tsv"):
        surface, code, kind, where = (row + ["", "", "", ""])[:4]
        target = lex.units_before if where == "before" else lex.units_after
        target[tuple(unit_key(w) for w in surface.split())] = Unit(code, kind)
    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for row in _rows(base / "claim_words.tsv"):
        if len(row) < 2:
            continue
        text, kind = row[0].lower(), row[1]
        if " " in text:
            phrases[kind].add(_tokens(text))
        else:
            words[kind].add(text)
            phrases[kind].add((text,))
    lex.words = {k: frozenset(v) for k, v in words.items()}
    lex.phrases = {k: frozenset(v) for k, v in phrases.items()}
    return lex
