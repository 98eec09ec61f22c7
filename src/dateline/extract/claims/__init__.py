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

from spacy.tokens import Doc, Span

from ...record import Claim
from ..context import Context
from . import lexicon as _lexicon
from .attribution import TimeFinder, quote_speaker, syntactic_source
from .lexicon import Lexicon
from .numbers import NumberPhrase, find_numbers, match_after
from .syntax import Roles, find_roles

log = logging.getLogger(__name__)

__all__ = ["run", "extract", "find_numbers"]

NAME_ENTS = {"PERSON", "ORG", "PRODUCT", "FAC", "GPE", "LOC", "EVENT", "WORK_OF_ART", "LAW",
             "NORP", "LANGUAGE"}
TIME_ENTS = {"DATE", "TIME"}
YEAR = re.compile(r"^(1[0-9]|20)\d\d$")
DECADE = re.compile(r"^'?\d{2,4}s$")
NAME_DIGITS = re.compile(r"(?<![\d,.])\d{3,}(?![\d,.]\d)")


def run(ctx: Context) -> None:
    ctx.record.claims = extract(ctx)


def extract(ctx: Context, lex: Lexicon | None = None) -> list[Claim]:
    lex = lex or _lexicon.load()
    doc = ctx.doc
    start_tok = 0
    if ctx.body_start:
        span = doc.char_span(ctx.body_start, len(ctx.record.text), alignment_mode="expand")
        start_tok = span.start if span is not None else 0
    phrases = find_numbers(doc, lex, start_tok)
    if not phrases:
        return []
    ent_at = _entity_labels(doc)
    times = TimeFinder(ctx, lex)
    text = ctx.record.text
    # First pass: which phrases state a figure. Numbers of 3+ digits seen as parts of names
    # anywhere in the report ("Boeing 787") are names everywhere ("the 787", "787 orders").
    kept: list[tuple[NumberPhrase, Roles]] = []
    names: set[str] = _name_digits(ctx)
    for p in phrases:
        roles = find_roles(doc, p, lex, text)
        verdict = is_claim(doc, p, roles, lex, ent_at)
        if verdict is NAME:
            if p.first_digits and len(p.first_digits) >= 3:
                names.add(p.first_digits)
            continue
        if verdict:
            kept.append((p, roles))
    claims: list[Claim] = []
    # Time expressions that are really figures ("about a quarter" read as P3M) are not times.
    taken = [(doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1])) for p, _ in kept]
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
            if p.bound == "exact":
                # "500 homes or more": the hedge may follow the counted noun.
                after, a_end = match_after(doc, obj.i + 1, lex.hedges_after,
                                           ceil=doc[obj.i].sent.end)
                if after is not None:
                    p.bound = after
                    e_char = doc[a_end - 1].idx + len(doc[a_end - 1])
        sent = doc[p.num_start].sent
        anchor = roles.predicate or roles.head
        source = quote_speaker(ctx, s_char, e_char) or syntactic_source(ctx, anchor, sent, lex)
        time = times.find(sent, s_char, e_char, anchor, taken)
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


def _namey(tok) -> bool:
    """A proper noun or a brand-like word ("iOS", "iPhone", "McLaren"), even when mis-tagged."""
    if tok.is_punct or not tok.text[:1].isalpha():
        return False
    if tok.pos_ == "PROPN":
        return True
    return tok.is_alpha and any(c.isupper() for c in tok.text[1:]) and not tok.is_upper


def _clean(v: float) -> float:
    """120000.0 -> 120000 (ints read better in JSON); fractions keep 6 digits."""
    r = round(v, 6)
    return int(r) if float(r).is_integer() else r


def _entity_labels(doc: Doc) -> dict[int, Span]:
    """spaCy's entity over each token (one pass; looked up per number token)."""
    return {t: e for e in doc.ents for t in range(e.start, e.end)}


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


def is_claim(doc: Doc, p: NumberPhrase, roles: Roles, lex: Lexicon, ent_at: dict[int, Span]
             ) -> bool | _Name:
    """False for numbers that state nothing: dates, ages, durations, ordinals, identifiers,
    parts of names (NAME, remembered for the rest of the report), and small counts of
    already-known participants ("the two leaders"). Ordinals ("5th", "third") never get here:
    they are not number tokens."""
    if p.bound == "invalid":
        return False
    for test in (_identifier, _name_part, _date_or_duration, _participants_or_model,
                 _not_a_count):
        verdict = test(doc, p, roles, lex, ent_at)
        if verdict is not None:
            return verdict
    return True


def _prev(doc: Doc, p: NumberPhrase):
    return doc[p.start - 1] if p.start > 0 else None


def _next(doc: Doc, k: int):
    return doc[k] if k < len(doc) else None


def _money(p: NumberPhrase) -> bool:
    return p.unit is not None and p.unit.kind in ("currency", "percent")


def _identifier(doc, p, roles, lex, ent_at):
    """'page 5', 'Flight 370', 'aged 45', 'Smith, 45,'."""
    prev = _prev(doc, p)
    if prev is not None and prev.lower_ in lex.kind("label") and p.start == p.num_start:
        return False
    head = roles.head
    if head.dep_ in ("nummod", "appos", "npadvmod", "compound") and not _money(p) and \
            head.head.i == p.start - 1 and head.head.pos_ in ("NOUN", "PROPN"):
        # "Article 5", "Flight 370": the parser hangs the number on the noun to its left.
        return NAME if head.head.pos_ == "PROPN" else False
    nxt = _next(doc, p.end)
    if head.dep_ == "appos" and head.head.pos_ == "PROPN" and not _money(p) and \
            p.value < 130 and prev is not None and prev.text == "," and \
            (nxt is None or nxt.is_punct):
        return False  # an age in apposition to a name
    if roles.predicate is not None and roles.predicate.lower_ in lex.kind("label"):
        return False  # "children aged ten, thirteen and two"
    return None


def _name_part(doc, p, roles, lex, ent_at):
    """Inside a named entity, right after a proper noun ("Boeing 737", "iOS 5"), glued to
    letters ("3G"). Single tokens like "Soyuz-2", "G7", "Chollima-1" are never numbers."""
    for k in p.tokens():
        ent = ent_at.get(k)
        if ent is not None and ent.label_ in NAME_ENTS:
            # A round number alone in a "PRODUCT" is the model's slip ("below the 9000 mark").
            if not (ent.start == p.num_start and ent.end == p.num_end and p.value % 10 == 0):
                return NAME
    if p.unit is None and p.bound == "exact":
        prev, nxt = _prev(doc, p), _next(doc, p.end)
        if prev is not None and p.start == p.num_start and p.plain_digits and _namey(prev):
            return NAME
        if nxt is not None and not doc[p.num_end - 1].whitespace_ and nxt.is_alpha and \
                p.end == p.num_end:
            return NAME
    return None


def _date_or_duration(doc, p, roles, lex, ent_at):
    """Years, dates, clock times, decades, durations and ages ("two years", "45-year-old")."""
    if _money(p):
        return None
    after = _next(doc, p.num_end)
    if after is not None and after.lower_ in ("a", "an", "per", "each", "every"):
        return None  # a rate: "15 a year"
    for k in p.tokens():
        ent = ent_at.get(k)
        if ent is not None and ent.label_ in TIME_ENTS:
            # The model's DATE also covers "between 3 and 5": only a date word makes it a date.
            if _has_time_word(doc, ent.start, ent.end, lex):
                return False
            break
    obj = roles.object_tok
    if p.plain_digits and YEAR.match(p.plain_digits):
        # "in 2007", "the 2008 election" are years; "2000 people" is a count.
        if not (obj is not None and roles.head.dep_ == "nummod" and obj.tag_ in ("NNS", "NNPS")):
            return False
    if DECADE.match(doc[p.num_start].text):
        return False
    units = lex.kind("time_unit")
    if obj is not None and (obj.lower_ in units or obj.lemma_.lower() in units):
        return False
    if after is not None and (after.lower_ in units or after.lower_ in lex.kind("time_word")):
        return False
    if after is not None and after.text == "-" and p.num_end + 1 < len(doc) and \
            doc[p.num_end + 1].lower_ in units:
        return False
    prev = _prev(doc, p)
    if prev is not None and prev.lower_ in lex.kind("time_word") and p.start == p.num_start:
        return False  # "March 3"
    return None


def _participants_or_model(doc, p, roles, lex, ent_at):
    """A small count behind a definite determiner points back at people already named ("the
    two leaders", "their two nations", "the two"). Behind a definite or a possessive, a bare
    integer counting no plural noun is a model name ("the 787", "Boeing's 787")."""
    prev = _prev(doc, p)
    obj = roles.object_tok
    definite = p.unit is None and p.start == p.num_start and prev is not None and (
        prev.lower_ in lex.kind("definite") or prev.tag_ == "POS")
    if definite and (p.words_only or p.value < 100) and prev.tag_ != "POS":
        return False
    plural = obj is not None and obj.tag_ in ("NNS", "NNPS")
    if definite and p.first_digits and len(p.first_digits) >= 3 and not plural and \
            p.bound == "exact" and p.value % 10:
        # Model numbers are seldom round: "its 777 airliner" is a name; "the 250 required",
        # "the 9000 mark" are figures.
        return NAME if obj is not None and obj.tag_ in ("NN", "NNP") else False
    if obj is not None and p.first_digits and p.unit is None and any(
            c.dep_ == "nummod" and c.i < p.num_start for c in obj.lefts):
        return NAME  # "five new 737 aircraft": an inner number on the same noun is a model
    return None


def _not_a_count(doc, p, roles, lex, ent_at):
    """'one' (mostly a pronoun or article: "one of the", "one news site claims"; a claim only
    with a hedge, "at least one"), zero, and list numbering ("1." opening a line)."""
    if p.value == 1 and p.value_max is None and p.unit is None and p.bound == "exact":
        return False
    if p.value == 0 and not _money(p):
        return False
    first = doc[p.num_start]
    if first.i + 1 < len(doc) and doc[first.i + 1].text in (".", ")") and \
            (first.i == 0 or "\n" in doc[first.i - 1].text_with_ws) and p.end == p.num_end:
        return False
    return None
