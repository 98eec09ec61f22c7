"""Who gives a figure and for when.

Source: the speaker of a quote (record.quotes) that contains the figure; else the subject of a
reporting verb governing its clause ("American intelligence has stated that …"); else
"according to X" in the same sentence. Time: the time expression of the same sentence
(record.times, or spaCy DATE entities when the times stage left none), preferring one pinned
by "as of" / "over the past", then one in the same clause, then the nearest.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...record import Speaker, TimeRef
from ..context import Context
from .lexicon import Lexicon

PRONOUNS_PERSON = {"he", "she", "him", "her"}
AGE = re.compile(r"\bold\b|\baged?\b", re.I)
NAME_LEFT = {"compound", "amod", "poss", "nmod", "flat", "npadvmod"}


def quote_speaker(ctx: Context, start: int, end: int) -> Speaker | None:
    for q in ctx.record.quotes:
        if q.start <= start and end <= q.end and q.speaker is not None:
            return Speaker(q.speaker.name, q.speaker.entity)
    return None


def _noun_phrase(doc: Doc, noun: Token) -> tuple[int, int]:
    left = noun.i
    for child in noun.lefts:
        if child.dep_ in NAME_LEFT:
            left = min(left, child.left_edge.i)
    right = noun.i
    # Proper names go on through "of"/"for": "the Syrian Observatory for Human Rights".
    if noun.pos_ == "PROPN":
        for child in noun.rights:
            if child.dep_ in ("prep",) and child.lower_ in ("of", "for") and \
                    child.i == right + 1 and child.right_edge.i - child.i <= 5:
                right = child.right_edge.i
            elif child.dep_ in ("compound", "flat") and child.i == right + 1:
                right = child.i
    while left < noun.i and doc[left].pos_ in ("DET", "PUNCT"):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def _speaker_from(ctx: Context, noun: Token) -> Speaker | None:
    doc = ctx.doc
    if noun.pos_ == "NUM":
        return None  # "one of the men said"
    if noun.pos_ == "PRON":
        if noun.lower_ not in PRONOUNS_PERSON:
            return None
        return _last_person_before(ctx, noun.idx)
    s, e = _noun_phrase(doc, noun)
    ent = ctx.entity_at(noun.idx, noun.idx + len(noun))
    if ent is not None:
        return Speaker(ctx.record.text[s:e] if e - s < 80 else ent.name, ent.id)
    return Speaker(ctx.record.text[s:e])


def _last_person_before(ctx: Context, pos: int) -> Speaker | None:
    best = None
    for e in ctx.record.entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            if m.end <= pos and (best is None or m.end > best[0]):
                best = (m.end, e)
    return Speaker(best[1].name, best[1].id) if best else None


def syntactic_source(ctx: Context, anchor: Token, sent: Span, lex: Lexicon) -> Speaker | None:
    """Subject of a reporting verb above the figure, or the X of 'according to X'."""
    report = lex.kind("report")
    inside = anchor
    cur = anchor
    for _ in range(8):
        up = cur.head
        if up.i == cur.i:
            break
        if up.pos_ in ("VERB", "AUX") and up.lemma_.lower() in report and \
                cur.dep_ not in ("nsubj", "nsubjpass", "csubj"):
            subj = next((c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and not (subj.left_edge.i <= inside.i <= subj.right_edge.i):
                sp = _speaker_from(ctx, subj)
                if sp is not None:
                    return sp
        cur = up
    # "…, police said." parsed as a parataxis/ccomp child of the clause's verb.
    root = cur
    for child in root.children:
        if child.dep_ in ("parataxis", "advcl", "ccomp") and child.lemma_.lower() in report \
                and child.i > anchor.i:
            subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                sp = _speaker_from(ctx, subj)
                if sp is not None:
                    return sp
    return according_to(ctx, sent, lex)


def according_to(ctx: Context, sent: Span, lex: Lexicon) -> Speaker | None:
    cues = lex.phrase_kind("source_cue")
    doc = ctx.doc
    for t in sent:
        for cue in cues:
            n = len(cue)
            if t.lower_ != cue[0] or t.i + n > sent.end:
                continue
            if tuple(doc[k].lower_ for k in range(t.i, t.i + n)) != cue:
                continue
            last = doc[t.i + n - 1]
            noun = next((c for c in last.children if c.dep_ in ("pobj", "dobj")), None)
            if noun is None and t.i + n < sent.end:
                # The parser often hangs the name elsewhere; take the next noun.
                noun = next((doc[k] for k in range(t.i + n, min(sent.end, t.i + n + 6))
                             if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].dep_ != "compound"),
                            None)
            if noun is not None:
                return _speaker_from(ctx, noun)
    return None


@dataclass
class _TimeCandidate:
    text: str
    start: int
    end: int
    value: str | None


class TimeFinder:
    """Time expressions per sentence, from the times stage or (fallback) spaCy DATE entities."""

    def __init__(self, ctx: Context, lex: Lexicon) -> None:
        self.ctx = ctx
        self.lex = lex
        times = ctx.record.times
        if times:
            cands = [_TimeCandidate(t.text, t.start, t.end, t.value) for t in times
                     if t.type in ("DATE", "DURATION", "TIME")]
        else:
            cands = [_TimeCandidate(e.text, e.start_char, e.end_char, None)
                     for e in ctx.doc.ents if e.label_ in ("DATE", "TIME")]
        cands.sort(key=lambda c: c.start)
        self.cands = cands
        self.starts = [c.start for c in cands]
        self.anchors = lex.phrase_kind("time_anchor")
        self.max_anchor = max((len(a) for a in self.anchors), default=0)

    def _anchored(self, c: _TimeCandidate) -> bool:
        span = self.ctx.span(c.start, c.end)
        if span is None:
            return False
        doc = self.ctx.doc
        words = [t.lower_ for t in doc[max(0, span.start - self.max_anchor):span.start]]
        inner = [t.lower_ for t in span[:3]]
        # "as of mid-September 2023" (anchor before) or a times span "the past two years"
        # whose "over" stands just before it.
        seq = words + inner
        for a in self.anchors:
            n = len(a)
            for k in range(len(seq) - n + 1):
                if tuple(seq[k:k + n]) == a and k <= len(words) and k + n >= len(words):
                    return True
        return False

    def find(self, sent: Span, claim_start: int, claim_end: int, anchor: Token | None,
             taken: list[tuple[int, int]] = ()) -> TimeRef | None:
        """The time of a figure at [claim_start, claim_end); `taken` holds the (sorted,
        disjoint) spans of all figures, which are never times."""
        lo = bisect.bisect_left(self.starts, sent.start_char)
        hi = bisect.bisect_left(self.starts, sent.end_char)
        best, best_key = None, None
        clause = _clause(anchor) if anchor is not None else None
        for c in self.cands[lo:hi]:
            if c.end > sent.end_char:
                continue
            if c.start < claim_end and claim_start < c.end:
                continue  # the figure itself ("two years" is not a time of itself)
            if AGE.search(c.text) or _overlaps(taken, c.start, c.end):
                continue  # an age ("92-year-old") or another figure
            span = self.ctx.span(c.start, c.end)
            same_clause = clause is not None and span is not None and \
                _clause(span.root) == clause
            dist = min(abs(c.start - claim_end), abs(claim_start - c.end))
            key = (self._anchored(c), same_clause, -dist)
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is None:
            return None
        return TimeRef(best.text, best.value, best.start, best.end)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


def _clause(tok: Token) -> int:
    """Index of the nearest verb at or above a token: a crude clause id."""
    cur = tok
    for _ in range(10):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("amod", "aux", "auxpass"):
            return cur.i
        if cur.head.i == cur.i:
            return cur.i
        cur = cur.head
    return cur.i
