"""Quantitative claims: a number, what it counts, what happened to it, who says so and when.

    "American intelligence has stated that as many as 120,000 Russian soldiers have been
     killed in action over the past two years"
    -> Claim(value=120000, bound="upper", object="Russian soldiers", measure="killed",
             source=Speaker("American intelligence"), time=TimeRef("the past two years"))

One linear pass over the parsed doc finds number phrases (numbers.py, with hedges, units and
ranges), drops numbers that are not claims (dates, ages, durations, ordinals, identifiers,
parts of names, counts that only name known participants: `is_claim`), reads object and
measure from the dependency parse (syntax.py), then source and time (attribution.py).
"""
from __future__ import annotations

import logging
import re

from spacy.tokens import Doc

from ...record import Claim
from ..context import Context
from . import lexicon as _lexicon
from .attribution import TimeFinder, quote_speaker, syntactic_source
from .lexicon import Lexicon
from .numbers import NumberPhrase, find_numbers
from .syntax import Roles, find_roles

log = logging.getLogger(__name__)

__all__ = ["run", "extract", "find_numbers"]

NAME_ENTS = {"PERSON", "ORG", "PRODUCT", "FAC", "GPE", "LOC", "EVENT", "WORK_OF_ART", "LAW",
             "NORP", "LANGUAGE"}
TIME_ENTS = {"DATE", "TIME"}
YEAR = re.compile(r"^(1[0-9]|20)\d\d$")
DECADE = re.compile(r"^'?\d{2,4}s$")
NAME_DIGITS = re.compile(r"(?<![\d,.])\d{2,}(?![\d,.]\d)")


def run(ctx: Context) -> None:
    ctx.record.claims = extract(ctx)


def extract(ctx: Context, lex: Lexicon | None = None) -> list[Claim]:
    lex = lex or _lexicon.load()
    doc = ctx.doc
    start_tok = 0
    if ctx.body_start:
        span = doc.char_span(ctx.body_start, len(doc.text), alignment_mode="expand")
        start_tok = span.start if span is not None else 0
    phrases = find_numbers(doc, lex, start_tok)
    if not phrases:
        return []
    ent_at = _entity_labels(doc)
    times = TimeFinder(ctx, lex)
    text = ctx.record.text
    # First pass: which phrases state a figure. Numbers seen as parts of names anywhere in the
    # report ("Boeing 787", "iPhone 3G") are names everywhere ("the 787", "787 orders").
    kept: list[tuple[NumberPhrase, Roles]] = []
    names: set[str] = _name_digits(ctx)
    for p in phrases:
        roles = find_roles(doc, p, lex)
        verdict = is_claim(doc, p, roles, lex, ent_at, ctx)
        if verdict is NAME:
            if p.first_digits and len(p.first_digits) >= 2:
                names.add(p.first_digits)
            continue
        if verdict:
            kept.append((p, roles))
    claims: list[Claim] = []
    for p, roles in kept:
        if p.first_digits in names and p.unit is None and (
                p.bound == "exact" or p.bound == "range" and doc[p.num_start + 1].text == "-"):
            continue
        s_char = doc[p.start].idx
        e_tok = doc[p.end - 1]
        e_char = e_tok.idx + len(e_tok)
        obj = roles.object_tok
        if obj is not None and p.end <= obj.i <= p.end + 4 and \
                all(doc[k].dep_ != "punct" for k in range(p.end, obj.i)):
            # The claim's text runs on to the counted noun: "as many as 120,000 Russian soldiers".
            e_char = obj.idx + len(obj)
        sent = doc[p.num_start].sent
        anchor = roles.predicate or roles.head
        source = quote_speaker(ctx, s_char, e_char) or syntactic_source(ctx, anchor, sent, lex)
        time = times.find(sent, s_char, e_char, anchor)
        claims.append(Claim(
            text=text[s_char:e_char], start=s_char, end=e_char, value=_clean(p.value),
            bound=p.bound, object=roles.object_text,
            value_max=_clean(p.value_max) if p.value_max is not None else None,
            measure=roles.measure, source=source, time=time,
            unit=p.unit.code if p.unit else None))
    log.debug("%d claims from %d number phrases", len(claims), len(phrases))
    return claims


class _Name:
    """Verdict of `is_claim` for a number that is part of a name: falsy, and remembered."""

    def __bool__(self) -> bool:
        return False


NAME = _Name()


def _name_digits(ctx: Context) -> set[str]:
    """Digit strings inside named entities of the record ("Boeing 787 Dreamliner")."""
    out = set()
    for e in ctx.record.entities:
        if e.type in NAME_ENTS:
            for m in e.mentions:
                out.update(NAME_DIGITS.findall(m.text))
    return out


def _clean(v: float) -> float:
    """120000.0 -> 120000 (ints read better in JSON); fractions keep 6 digits."""
    r = round(v, 6)
    return int(r) if float(r).is_integer() else r


def _entity_labels(doc: Doc) -> dict[int, str]:
    return {t: e.label_ for e in doc.ents for t in range(e.start, e.end)}


def _has_time_word(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    words = lex.kind("time_word") | lex.kind("time_unit")
    for k in range(start, end):
        t = doc[k]
        low = t.lower_
        if low in words or low.rstrip(".") in words or YEAR.match(t.text) or DECADE.match(t.text):
            return True
        if "-" in low and any(part in words for part in low.split("-")):
            return True
    return False


def is_claim(doc: Doc, p: NumberPhrase, roles: Roles, lex: Lexicon, ent_at: dict[int, str],
             ctx: Context) -> bool | _Name:
    """False for numbers that state nothing: dates, ages, durations, ordinals, identifiers,
    parts of names, and small counts of already-known participants ("the two leaders")."""
    if p.bound == "invalid":
        return False
    money = p.unit is not None and p.unit.kind in ("currency", "percent")
    toks = range(p.num_start, p.num_end)
    first = doc[p.num_start]
    prev = doc[p.start - 1] if p.start > 0 else None
    # Identifiers: "page 5", "Flight 370", "aged 45" — and "Article 5" where the parser hangs
    # the number on a noun to its left.
    if prev is not None and prev.lower_ in lex.kind("label") and p.start == p.num_start:
        return False
    if roles.head.dep_ in ("nummod", "appos", "npadvmod", "compound") and \
            roles.head.head.i < p.num_start and roles.head.head.pos_ in ("NOUN", "PROPN") and \
            roles.head.head.i == p.start - 1 and not money:
        return NAME if roles.head.head.pos_ == "PROPN" else False
    # "Smith, 45, was arrested": an age in apposition to a name.
    nxt = doc[p.end] if p.end < len(doc) else None
    if roles.head.dep_ == "appos" and roles.head.head.pos_ == "PROPN" and not money and \
            p.value < 130 and prev is not None and prev.text == "," and \
            (nxt is None or nxt.is_punct):
        return False
    # Parts of names ("Soyuz-2", "G7" are single tokens and never reach here): inside a named
    # entity, right after a proper noun ("Boeing 737", "iOS 5"), glued to letters ("3G").
    for k in toks:
        label = ent_at.get(k)
        if label in NAME_ENTS:
            return NAME
    if p.unit is None and p.bound == "exact":
        if prev is not None and prev.pos_ == "PROPN" and p.start == p.num_start and \
                p.plain_digits and not prev.is_punct:
            return NAME
        last = doc[p.num_end - 1]
        if nxt is not None and not last.whitespace_ and nxt.is_alpha and p.end == p.num_end:
            return NAME
    # Dates and clock times: a number inside a DATE/TIME entity that has a date word, a year,
    # "1940s", "10:30".
    rate = nxt is not None and nxt.lower_ in ("a", "an", "per", "each", "every")
    if not money and not rate:
        for k in toks:
            if ent_at.get(k) in TIME_ENTS:
                ent = next(e for e in doc.ents if e.start <= k < e.end)
                if _has_time_word(doc, ent.start, ent.end, lex):
                    return False
                break
        if p.plain_digits and YEAR.match(p.plain_digits):
            # "in 2007", "the 2008 election" are years; "2000 people" is a count.
            obj = roles.object_tok
            if not (obj is not None and roles.head.dep_ == "nummod" and obj.tag_ in ("NNS", "NNPS")):
                return False
        if DECADE.match(first.text):
            return False
        # Durations and ages: the counted thing is a unit of time ("two years", "45-year-old").
        obj = roles.object_tok
        if obj is not None and (obj.lower_ in lex.kind("time_unit") or
                                obj.lemma_.lower() in lex.kind("time_unit")):
            return False
        nxt = doc[p.num_end] if p.num_end < len(doc) else None
        if nxt is not None and (nxt.lower_ in lex.kind("time_unit") or
                                nxt.lower_ in lex.kind("time_word")):
            return False
        if nxt is not None and nxt.text == "-" and p.num_end + 1 < len(doc) and \
                doc[p.num_end + 1].lower_ in lex.kind("time_unit"):
            return False
        if prev is not None and prev.lower_ in lex.kind("time_word") and p.start == p.num_start:
            return False  # "March 3"
    # Ordinal-looking tokens ("5th") never match DIGITS; ordinal words are not number words.
    # Known participants: "the two leaders", "their two nations", "the two" — a small count
    # behind a definite determiner points back at people already named. Behind a definite or a
    # possessive, a bare integer that counts no plural noun is a model name ("the 787",
    # "Boeing's 787", "its 777 airliner").
    definite = p.unit is None and p.start == p.num_start and prev is not None and (
        prev.lower_ in lex.kind("definite") or prev.tag_ == "POS")
    if definite and (p.words_only or p.value < 100) and prev.tag_ != "POS":
        return False
    obj = roles.object_tok
    plural = obj is not None and obj.tag_ in ("NNS", "NNPS")
    if definite and p.first_digits and len(p.first_digits) >= 3 and not plural and \
            p.bound == "exact":
        return NAME
    # "five new 737 aircraft": a second, inner number on the same noun is a model.
    if obj is not None and p.first_digits and p.unit is None and any(
            c.dep_ == "nummod" and c.i < p.num_start for c in obj.lefts):
        return NAME
    # "one" is mostly a pronoun or article ("one of the", "no one", "one day"): a claim only
    # when it counts a noun.
    if p.value == 1 and p.value_max is None and not money and p.first_word in ("one", "1", "a", "an"):
        if roles.object_tok is None or roles.head.dep_ != "nummod" or \
                any(doc[k].lower_ in ("more", "other", "another", "last", "such")
                    for k in range(p.num_end, roles.object_tok.i)):
            return False
    if p.value == 0 and not money:
        return False
    # Bare numbers in the headline block or lists ("1." at the start of a line).
    if first.i + 1 < len(doc) and doc[first.i + 1].text in (".", ")") and \
            (first.i == 0 or "\n" in doc[first.i - 1].text_with_ws) and p.end == p.num_end:
        return False
    return True
