"""Find, filter, merge and resolve the time expressions of one document."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from . import values as V
from .dct import Inferred, infer, parse_known
from .grammar import REF, TENSE, Grammar, Parse, grammar
from .tense import direction

log = logging.getLogger(__name__)

# Entities a month or weekday name inside of is a name, not a date ("April Ryan").
NAME_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "GPE", "NORP"})
_NAME_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                  "mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class Found:
    parse: Parse
    value: str | None
    anchor: str | None  # "DCT", "start-end" of the text anchor, or None


def _tok(doc: Doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


def _keep(p: Parse, doc: Doc, text: str, lex) -> bool:
    """Reject matches the parse shows are not times (modal 'may', '1500 troops', 'daily paper')."""
    if p.rule in ("month", "rel_month", "weekday", "set_weekdays", "month_day", "holiday"):
        span = _tok(doc, p.start, p.end)
        if span is None:
            return True
        for t in span:
            if t.ent_type_ in NAME_ENTS and t.text[:3].lower() in _NAME_PREFIXES:
                return False
        if p.rule == "month":
            t = span[-1]
            if t.tag_ == "MD" or t.pos_ in ("VERB", "AUX"):
                return False
            if t.lower_ in ("may", "march") and t.ent_type_ != "DATE":
                prev = doc[t.i - 1].lower_ if t.i > 0 else ""
                if prev not in lex.month_cues:
                    return False
    elif p.rule == "year" and "bare_year" in p.flags:
        span = _tok(doc, p.start, p.end)
        if span is None:
            return True
        t = span[-1]
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        prev = doc[t.i - 1] if t.i > 0 else None
        if t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "ORG", "PRODUCT", "FAC"):
            return False
        if nxt is not None and (nxt.lower_ in lex.measure_words or nxt.text.startswith("%")):
            return False
        year = int(p.value)
        if year < 1900 and t.ent_type_ != "DATE":
            return False
        if prev is not None and prev.lower_ in lex.quantity_words and t.ent_type_ != "DATE" \
                and not _closes_year_range(doc, t.i, year):
            return False
        if nxt is not None and nxt.tag_ in ("NNS",) and t.ent_type_ != "DATE" and \
                (prev is None or prev.lower_ not in lex.year_determiners):
            return False
        if prev is not None and prev.text in ("$", "€", "£", "#", "No", "No.", "number"):
            return False
    elif "adverb" in p.flags:
        span = _tok(doc, p.start, p.end)
        if span is not None and span[-1].pos_ != "ADV":
            return False
    elif p.rule == "refword":
        span = _tok(doc, p.start, p.end)
        low = text[p.start:p.end].lower()
        if low == "now" and span is not None and span[-1].pos_ not in ("ADV", "ADP", "NOUN", "PROPN", "INTJ"):
            return False
    return True


def _closes_year_range(doc: Doc, i: int, year: int) -> bool:
    """"from 2004 to 2009": a year after "to" that an earlier year opens is a year too (while
    "rose to 2009" is a count)."""
    if i < 2 or doc[i - 1].lower_ not in ("to", "through", "until", "till"):
        return False
    first = doc[i - 2]
    return first.like_num and len(first.text) == 4 and first.text.isdigit() and \
        1000 <= int(first.text) < year


def _select(parses: list[Parse], g: Grammar) -> list[Parse]:
    """Non-overlapping parses, longest first (then rule order)."""
    parses = sorted(parses, key=lambda p: (-(p.end - p.start), g.priority.get(p.rule, 99), p.start))
    taken: list[Parse] = []
    occupied = []
    for p in parses:
        if any(p.start < e and s < p.end for s, e in occupied):
            continue
        taken.append(p)
        occupied.append((p.start, p.end))
    return sorted(taken, key=lambda p: p.start)


_GLUE = re.compile(r"^[ \t]*(?:at|on|)[ \t]*$", re.I)


def _merge_clocks(parses: list[Parse], text: str) -> list[Parse]:
    """'3 p.m. Friday', 'Friday at 3 p.m.', '15:00 GMT Saturday' -> one TIME expression."""
    out: list[Parse] = []
    i = 0
    while i < len(parses):
        p = parses[i]
        nxt = parses[i + 1] if i + 1 < len(parses) else None
        if nxt is not None and _GLUE.match(text[p.end:nxt.start]):
            clock, day = (p, nxt) if p.clock and not nxt.clock else (nxt, p) if nxt.clock and not p.clock else (None, None)
            if clock is not None and day.fn is not None and "day" in day.flags or \
                    clock is not None and day.rule == "rel_day" or \
                    clock is not None and day.value and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value or ""):
                out.append(_with_clock(day, clock, min(p.start, nxt.start), max(p.end, nxt.end)))
                i += 2
                continue
        out.append(p)
        i += 1
    return out


def _with_clock(day: Parse, clock: Parse, start: int, end: int) -> Parse:
    suffix = clock.clock

    if day.fn is not None:
        fn = day.fn

        def timed(d, t, fn=fn):
            v = fn(d, t)
            return (v.split("T")[0] + suffix) if v else v
        return replace(day, type="TIME", fn=timed, start=start, end=end, clock=None)
    return replace(day, type="TIME", value=day.value + suffix, start=start, end=end, clock=None)


_UNTIL = re.compile(r"(?i)\b(?:until|till|til)\s+$")
_SINCE = re.compile(r"(?i)\b(?:since|ago|earlier|previous|last|past)\s+(?:the\s+)?$")


def _tense(doc: Doc, text: str, p: Parse) -> int:
    if _SINCE.search(text[max(0, p.start - 12):p.start]):
        return -1  # "since November" looks back whatever the verb says
    until = bool(_UNTIL.search(text[max(0, p.start - 12):p.start]))
    return direction(doc, p.start, p.end, until=until)


def find_times(text: str, doc: Doc, g: Grammar | None = None) -> list[Parse]:
    """The document's time expressions: the rules' matches the parse does not contradict, plus
    spaCy DATE/TIME entities the rules missed when their words have a clear meaning."""
    g = g or grammar()
    parses = _select([p for p in g.find(text) if _keep(p, doc, text, g.lex)], g)
    extra = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = ent.start_char, ent.end_char
        if any(p.start < e and s < p.end for p in parses):
            continue
        p = g.from_entity(ent.text, s, e)
        if p is not None:
            extra.append(p)
    if extra:
        parses = sorted(parses + extra, key=lambda p: p.start)
    return _merge_clocks(parses, text)


def annotate(text: str, doc: Doc, dct_value: str | None, url: str | None = None,
             g: Grammar | None = None) -> tuple[list[Found], Inferred | None]:
    """All times with values; the inferred DCT when `dct_value` is None and the text supports one."""
    g = g or grammar()
    parses = find_times(text, doc, g)
    tenses = [_tense(doc, text, p) if (p.base == TENSE or p.explicit) else 0 for p in parses]
    anchor = parse_known(dct_value)
    inferred = None
    if anchor is None:
        inferred = infer(text, list(zip(parses, tenses)), g, url, doc)
        anchor = inferred.anchor if inferred else None
    found: list[Found] = []
    ref: V.Anchor | None = None
    ref_label: str | None = None
    for p, tense in zip(parses, tenses):
        label = None
        if p.fn is None:
            value = p.value
            if "dct_span" in p.flags and anchor is not None:
                label = "DCT"  # the duration ends (or starts) at the document time
        elif p.base == REF and ref is not None and (ref.exact or "day" not in p.flags):
            value = V.resolve(ref, lambda d, p=p, t=tense: p.fn(d, t))
            label = ref_label
        else:
            value = V.resolve(anchor, lambda d, p=p, t=tense: p.fn(d, t))
            label = "DCT" if anchor is not None else None
        found.append(Found(p, value, label))
        if value and p.type in ("DATE", "TIME") and (p.explicit or p.fn is not None):
            a = V.anchor_from_value(value)
            if a is not None:
                ref, ref_label = a, f"{p.start}-{p.end}"
    return found, inferred
