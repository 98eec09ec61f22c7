"""Number phrases in a parsed doc: "120,000", "2.3 billion", "half a million", "$5m", "3 to 5%".

Hand-written: number-word libraries (word2number, text2num) parse strings, not spaCy tokens with
offsets, and none reads "half a million", "a dozen", "tens of thousands" or a currency glued to
a scale ("$5m"); quantulum3/CQE give value+unit only and re-tokenise the text. This module walks
the doc's tokens once, left to right, and groups number tokens into phrases with a value, a
unit, a range and the hedge words next to them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, PhraseTable, Unit, unit_key

# "120,000", "2.3", ".5", "1,234.5"; digits glued to a scale abbreviation: "3.2bn", "5m".
DIGITS = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
GLUED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([A-Za-z]{1,3})$")
# A currency symbol the tokenizer left on the number: "AU$40", "US$10".
GLUED_CURRENCY = re.compile(r"^([A-Z]{0,3}[$€£¥₹₽₩])((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$")
_HAS_DIGIT = re.compile(r"\d")
RANGE_LINKS = {"to", "-", "–", "—", "and", "or"}
# Scale abbreviations that are also ordinary letters/words are only read after a currency.
PLAIN_ABBR = {"bn", "mn", "mln", "tn"}


@dataclass
class NumberPhrase:
    start: int                    # first token (hedge and currency included)
    end: int                      # token after the last one (unit included)
    num_start: int                # first number token
    num_end: int                  # token after the last number token
    value: float
    value_max: float | None = None
    bound: str = "exact"
    unit: Unit | None = None
    words_only: bool = False      # written in words ("two"), not digits
    has_scale: bool = False
    plain_digits: str | None = None   # the digit string when the phrase is one bare integer
    first_word: str = ""          # lower-cased first number word ("one", "a", "half")
    first_digits: str | None = None   # the first token when it is a bare integer ("737")

    def tokens(self) -> range:
        return range(self.num_start, self.num_end)


def _number_kind(tok: Token, lex: Lexicon) -> str | None:
    """'digits', 'glued', or the number-word kind of a token; None when it is no number."""
    text = tok.text
    if DIGITS.match(text):
        return "digits"
    m = GLUED_CURRENCY.match(text)
    if m and (m.group(1),) in lex.units_before:
        return "glued_currency"
    m = GLUED.match(text)
    if m:
        suffix = m.group(2)
        if suffix.lower() in lex.numbers and lex.numbers[suffix.lower()].kind == "abbr":
            return "glued"
        unit = lex.units_after.get((unit_key(suffix),))
        if unit is not None and unit.kind == "measure":
            return "glued_unit"
    w = lex.numbers.get(tok.lower_)
    return w.kind if w else None


def _parse_digits(text: str) -> float:
    return float(text.replace(",", "").replace("−", "-"))


def _match_before(doc: Doc, end: int, table: PhraseTable, key=str.lower, floor: int = 0):
    """Longest entry of `table` (token tuples) ending just before token `end`."""
    if end <= floor or key(doc[end - 1].text) not in table.last_words:
        return None, end
    for n in range(min(table.max_len, end - floor), 0, -1):
        words = tuple(key(doc[k].text) for k in range(end - n, end))
        hit = table.get(words)
        if hit is not None:
            return hit, end - n
    return None, end


def match_after(doc: Doc, start: int, table: PhraseTable, key=str.lower,
                ceil: int | None = None):
    """Longest entry of `table` starting at token `start`; (entry, end) or (None, start)."""
    ceil = len(doc) if ceil is None else ceil
    if start >= ceil or key(doc[start].text) not in table.first_words:
        return None, start
    for n in range(min(table.max_len, ceil - start), 0, -1):
        words = tuple(key(doc[k].text) for k in range(start, start + n))
        hit = table.get(words)
        if hit is not None:
            return hit, start + n
    return None, start


class _Run:
    """One maximal group of number tokens and its value."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current: float | None = None
        self.scale = False
        self.words_only = True
        self.vague_bound: str | None = None
        self.fraction = False
        self.glued_unit: Unit | None = None
        self.glued_currency: Unit | None = None


def _read_run(doc: Doc, i: int, stop: int, lex: Lexicon, currency: bool) -> tuple[int, _Run] | None:
    """Read number tokens from token i; returns (end, run) or None when i starts no number."""
    kinds = []
    run = _Run()
    j = i
    prev = None
    while j < stop:
        tok = doc[j]
        kind = _number_kind(tok, lex)
        low = tok.lower_
        if kind is None:
            # Connectors inside one number: "twenty-five", "one hundred and five", "half a million",
            # "tens of thousands".
            nxt = _number_kind(doc[j + 1], lex) if j + 1 < stop else None
            if low == "-" and prev == "tens" and nxt == "digit" and not tok.whitespace_ \
                    and not doc[j - 1].whitespace_:
                j += 1
                continue
            if low == "-" and prev in ("digit", "article") and nxt == "fraction":
                j += 1
                continue
            if low == "and" and prev in ("hundred", "scale") and nxt in ("digit", "teen", "tens"):
                j += 1
                continue
            if low == "of" and prev == "vague" and nxt == "vague":
                j += 1
                continue
            break
        if not kinds:
            # What may open a number: digits, a number word, "half", an article before a scale.
            if kind in ("abbr", "multiplier", "scale", "hundred") or (
                    kind == "fraction" and low != "half"):
                return None
            if kind == "article":
                nxt = _number_kind(doc[j + 1], lex) if j + 1 < stop else None
                if nxt not in ("scale", "hundred", "multiplier", "fraction"):
                    return None
                if nxt == "fraction" and doc[j + 1].lower_ == "half":
                    return None  # "a half" is rarely a figure
            if low == "half":
                nxt = doc[j + 1].lower_ if j + 1 < stop else ""
                if nxt not in ("of", "a", "an"):
                    return None  # "at half the price"
            if kind == "vague":
                # "thousands of ..." counts only before "of" (else "the 1990s"-like plurals).
                if j + 1 >= stop or doc[j + 1].lower_ != "of":
                    return None
        else:
            # What may continue one: scales after numbers, digits after tens, etc.
            ok = False
            if kind in ("scale", "hundred"):
                ok = prev in ("digits", "digit", "teen", "tens", "hundred", "article", "fraction",
                              "scale")
                if kind == "scale" and prev == "scale":
                    ok = False
            elif kind == "abbr":
                ok = prev == "digits" and (currency or low in PLAIN_ABBR)
            elif kind == "multiplier":
                ok = prev in ("digit", "digits", "article", "teen")
            elif kind == "fraction":
                ok = prev in ("digit", "article") and low != "half"
            elif kind == "article":
                # "half a million"
                nxt = _number_kind(doc[j + 1], lex) if j + 1 < stop else None
                ok = prev == "fraction" and nxt in ("scale", "hundred")
            elif kind in ("digit", "teen"):
                ok = prev in ("tens", "hundred", "scale") and kind == "digit" or \
                    prev in ("hundred", "scale") and kind == "teen"
            elif kind == "tens":
                ok = prev in ("hundred", "scale")
            elif kind == "vague":
                ok = prev == "vague"  # "hundreds of thousands"
            if not ok:
                break
        _apply(run, tok, kind, lex)
        kinds.append(kind)
        prev = kind
        j += 1
        if kind in ("glued", "glued_unit"):
            break
        if kind == "glued_currency":
            currency = True
            prev = "digits"
    if not kinds:
        return None
    if kinds[-1] == "article":
        return None
    if kinds == ["article", "fraction"] and j < stop and doc[j].lower_ != "of" and \
            doc[j].pos_ in ("ADJ", "NOUN", "PROPN"):
        return None  # "a third consecutive season", "a fifth term": ordinals, not fractions
    return j, run


def _apply(run: _Run, tok: Token, kind: str, lex: Lexicon) -> None:
    low = tok.lower_
    if kind == "digits":
        run.current = _parse_digits(tok.text)
        run.words_only = False
    elif kind == "glued_currency":
        m = GLUED_CURRENCY.match(tok.text)
        run.current = _parse_digits(m.group(2))
        run.words_only = False
        run.glued_currency = lex.units_before[(m.group(1),)]
    elif kind == "glued_unit":
        run.current = _parse_digits(GLUED.match(tok.text).group(1))
        run.words_only = False
        run.glued_unit = lex.units_after[(unit_key(GLUED.match(tok.text).group(2)),)]
    elif kind == "glued":
        m = GLUED.match(tok.text)
        run.total += _parse_digits(m.group(1)) * lex.numbers[m.group(2).lower()].value
        run.scale = True
        run.words_only = False
    elif kind in ("digit", "teen", "tens"):
        run.current = (run.current or 0) + lex.numbers[low].value
    elif kind == "hundred":
        run.current = (run.current or 1) * 100
    elif kind in ("scale", "abbr"):
        run.total += (run.current if run.current is not None else 1) * lex.numbers[low].value
        run.current = None
        run.scale = True
    elif kind == "multiplier":
        run.current = (run.current or 1) * lex.numbers[low].value
    elif kind == "fraction":
        run.current = (run.current or 1) * lex.numbers[low].value
        run.fraction = True
    elif kind == "article":
        if run.current is None:
            run.current = 1
    elif kind == "vague":
        w = lex.numbers[low]
        if run.current is None:
            run.current = w.value
        else:  # "tens of thousands": 20 x 1,000 (the second word's base is half its least value)
            run.current = run.current * w.value / 2
        run.vague_bound = w.bound or "lower"


def _value(run: _Run) -> float:
    return run.total + (run.current or 0)


def find_numbers(doc: Doc, lex: Lexicon, start: int = 0, end: int | None = None
                 ) -> list[NumberPhrase]:
    """Every number phrase in doc[start:end], left to right, ranges merged."""
    end = len(doc) if end is None else end
    out: list[NumberPhrase] = []
    numbers = lex.numbers
    # One cheap pass picks candidate tokens (digits or number words); only those are read.
    candidates = [t.i for t in doc[start:end]
                  if t.like_num or t.lower_ in numbers or _HAS_DIGIT.search(t.text)]
    done = start
    for i in candidates:
        if i < done:
            continue  # inside the previous phrase
        phrase = _phrase_at(doc, i, end, lex)
        if phrase is None:
            continue
        out.append(phrase)
        done = max(phrase.end, i + 1)
    return out


def _phrase_at(doc: Doc, i: int, stop: int, lex: Lexicon) -> NumberPhrase | None:
    sent = doc[i].sent
    floor, ceil = sent.start, min(sent.end, stop)
    unit_before, ub_start = _match_before(doc, i, lex.units_before, key=unit_key, floor=floor)
    got = _read_run(doc, i, ceil, lex, currency=unit_before is not None and
                    unit_before.kind == "currency")
    if got is None:
        return None
    j, run = got
    value = _value(run)
    unit_after, ua_end = match_after(doc, j, lex.units_after, key=unit_key, ceil=ceil)
    unit = unit_before or run.glued_currency or unit_after or run.glued_unit
    phrase_start = ub_start if unit_before else i
    phrase_end = ua_end if unit_after else j
    first = doc[i]
    phrase = NumberPhrase(
        start=phrase_start, end=phrase_end, num_start=i, num_end=j, value=value, unit=unit,
        words_only=run.words_only, has_scale=run.scale,
        plain_digits=first.text if j == i + 1 and DIGITS.match(first.text) else None,
        first_word=first.lower_,
        first_digits=first.text if re.match(r"^\d+$", first.text) else None)
    if run.vague_bound:
        phrase.bound = run.vague_bound
    if run.fraction and not run.scale and unit is None:
        phrase.unit = Unit("fraction", "fraction")
    _read_range(doc, phrase, run, ceil, lex)
    _read_hedges(doc, phrase, floor, ceil, lex)
    return phrase


def _read_range(doc: Doc, phrase: NumberPhrase, run1: _Run, ceil: int, lex: Lexicon) -> None:
    """'3 to 5', '200-250', 'between 3 and 5', '$12 million to $20 million', 'two or three'."""
    k = phrase.end
    if k >= ceil or doc[k].lower_ not in RANGE_LINKS:
        return
    link = doc[k].lower_
    before_first = doc[phrase.start - 1].lower_ if phrase.start > 0 else ""
    if link == "and" and before_first != "between":
        return
    if link == "to" and before_first == "from":
        return  # "from 3 to 5": a change, two figures
    if link == "or" and (not phrase.words_only or phrase.end > phrase.num_end
                         or before_first == "either"):
        return  # "15'' or 17''" are two figures; "two or three" is one
    k += 1
    unit2, _ = _match_before(doc, k + 1, lex.units_before, key=unit_key, floor=k) \
        if k < ceil else (None, k)
    if unit2 is not None:
        k += 1
    if k >= ceil:
        return
    got = _read_run(doc, k, ceil, lex, currency=unit2 is not None)
    if got is None:
        return
    j2, run2 = got
    v1, v2 = phrase.value, _value(run2)
    if run2.scale and not run1.scale and v1 < 1000:
        # "between 12 and 20 million": the scale is written once.
        for t in range(k, j2):
            w = lex.numbers.get(doc[t].lower_)
            if w and w.kind in ("scale", "abbr"):
                v1 *= w.value
                break
    unit_after2, ua_end = match_after(doc, j2, lex.units_after, key=unit_key, ceil=ceil)
    u1 = phrase.unit.code if phrase.unit and phrase.unit.kind != "fraction" else None
    u2 = (unit2 or unit_after2)
    u2 = u2.code if u2 else None
    if u1 and u2 and u1 != u2:
        return
    if phrase.end > phrase.num_end and u2 is None and link != "-":
        return  # "rose 5% to 1,200": a unit closed the first figure
    if not v2 > v1:
        if link == "-":
            phrase.bound = "invalid"  # "3-1", "555-1234"-like: a score or an identifier
        return
    linked = any(doc[t].head.i in range(k, j2) for t in range(phrase.num_start, phrase.num_end)) \
        or any(doc[t].head.i in range(phrase.num_start, phrase.num_end) for t in range(k, j2))
    if link in ("to", "or") and not (linked or v2 <= 10 * v1):
        return
    if link == "-" and phrase.plain_digits and len(doc[k].text) >= 4 and \
            len(phrase.plain_digits) == 3:
        phrase.bound = "invalid"  # a phone number
        return
    phrase.value, phrase.value_max, phrase.bound = v1, v2, "range"
    phrase.num_end = j2
    phrase.end = ua_end if unit_after2 else j2
    phrase.unit = phrase.unit or (unit2 or unit_after2)
    phrase.has_scale = phrase.has_scale or run2.scale
    phrase.words_only = phrase.words_only and run2.words_only
    phrase.plain_digits = None
    if before_first == "between":
        phrase.start -= 1


def _read_hedges(doc: Doc, phrase: NumberPhrase, floor: int, ceil: int, lex: Lexicon) -> None:
    """Bound from the words touching the phrase: 'as many as 120,000', '500 or more'."""
    if phrase.bound in ("range", "invalid"):
        return
    bound, h_start = _match_before(doc, phrase.start, lex.hedges_before, floor=floor)
    if bound is not None:
        phrase.bound = bound
        phrase.start = h_start
    after, a_end = match_after(doc, phrase.end, lex.hedges_after, ceil=ceil)
    if after is not None:
        if phrase.bound == "exact" or bound is None:
            phrase.bound = after
        phrase.end = max(phrase.end, a_end)
