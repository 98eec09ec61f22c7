"""Where and when an event happened, and the sentence that tells it.

where: a locative phrase on the trigger ("met … at the Vostochny Cosmodrome"), the visited or
attacked place, a locative phrase further down the trigger's phrase, one on a verb governing the
trigger ("said in Beijing"), else the report's dateline ("KYIV, Ukraine —"). when: a date from
record.times in the trigger's own clause. sentence: the parser's sentence, cut at line breaks
(headline, caption and body lines are separate statements even where the parse runs on).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...record import Place, TimeRef
from ..context import Context
from .participants import PLACE_TYPES, Participants

if TYPE_CHECKING:
    from .triggers import Candidate

LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "on"})
DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,40}?)(?:,\s*[A-Z][\w .'-]{2,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*[-–—:]\s")


class Setting:
    def __init__(self, ctx: Context, participants: Participants):
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.record.text
        self.p = participants
        self._dateline = self._find_dateline()

    def sentence(self, tok: Token) -> tuple[int, int]:
        sent = tok.sent
        start, end = sent.start_char, sent.end_char
        nl = self.text.rfind("\n", start, tok.idx)
        if nl >= 0:
            start = nl + 1
        nl = self.text.find("\n", tok.idx, end)
        if nl >= 0:
            end = nl
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def place_of(self, tok: Token) -> Place | None:
        ent = self.p.entity_of(tok)
        if ent is not None and ent.type in PLACE_TYPES:
            return Place(ent.name, ent.id)
        span = self.doc[tok.left_edge.i:tok.i + 1]
        for e, s, _ in self.ctx.entities_in(span.start_char, span.end_char):
            if e.type in PLACE_TYPES:
                return Place(e.name, e.id)
        if any(t.pos_ == "PROPN" for t in span) and tok.pos_ == "NOUN":
            words = [t for t in span if t.dep_ not in ("det", "poss", "case", "amod") or t.pos_ == "PROPN"]
            if words:
                name = self.text[words[0].idx:tok.idx + len(tok)]
                if "\n" not in name:
                    return Place(name, None)
        return None

    def where(self, c: "Candidate") -> Place | None:
        """A locative phrase on the trigger, the visited place, a locative phrase further down
        the trigger's phrase, one elsewhere in the sentence, else the dateline."""
        tok = self.doc[c.tok]
        frontier = [tok]
        for depth in range(3):
            nxt = []
            for node in frontier:
                for ch in node.children:
                    if ch.dep_ == "prep" and ch.lower_ in LOCATIVE:
                        for pobj in ch.children:
                            if pobj.dep_ != "pobj":
                                continue
                            place = self.place_of(pobj)
                            if place is not None and ch.lower_ != "on":
                                return place
                            nxt.append(pobj)
                    elif ch.dep_ in ("dobj", "pobj") and ch.pos_ in ("NOUN", "PROPN"):
                        nxt.append(ch)
            if depth == 0 and (c.pattern.place_target or c.code[:2] >= "15"):
                # where a visit or an attack happens: the visited or attacked place
                for a in c.targets:
                    if a.place:
                        return Place(a.actor.name, a.actor.entity)
            frontier = nxt
        # a locative phrase on a verb that governs the trigger ("… said in Beijing")
        actors = {a.actor.entity for a in c.sources + c.targets}
        for anc in tok.ancestors:
            for ch in anc.children:
                if ch.dep_ == "prep" and ch.lower_ in ("in", "at", "near"):
                    for pobj in ch.children:
                        ent = self.p.entity_of(pobj) if pobj.dep_ == "pobj" else None
                        if ent is not None and ent.type in PLACE_TYPES and ent.id not in actors:
                            return Place(ent.name, ent.id)
        return self._dateline

    def _find_dateline(self) -> Place | None:
        start = self.ctx.body_start
        m = DATELINE.match(self.text[start:start + 120])
        if not m:
            return None
        s = start + m.start(1)
        for e, _, _ in self.ctx.entities_in(s, s + len(m.group(1)) + 1):
            if e.type in PLACE_TYPES:
                return Place(e.name, e.id)
        return None

    def when(self, c: "Candidate") -> TimeRef | None:
        """A date in the trigger's own clause (not in a clause under it), else None."""
        s0, s1 = c.sentence
        times = [t for t in self.ctx.record.times if s0 <= t.start and t.end <= s1
                 and t.type in ("DATE", "TIME")]
        if not times:
            return None
        tok = self.doc[c.tok]
        anchors = [tok]
        if c.nominal and tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
            anchors.append(tok.head if tok.dep_ != "pobj" else tok.head.head)
        for anchor in anchors:
            skip = [ch for ch in anchor.children
                    if ch.dep_ in ("ccomp", "advcl", "relcl", "acl", "conj", "parataxis")]
            if c.nominal and anchor is not tok:
                skip.append(tok)
            blocked = [(ch.left_edge.idx, ch.right_edge.idx + len(ch.right_edge)) for ch in skip]
            lo = anchor.left_edge.idx
            hi = anchor.right_edge.idx + len(anchor.right_edge)
            for t in times:
                if lo <= t.start and t.end <= hi and not any(b0 <= t.start < b1 for b0, b1 in blocked):
                    return TimeRef(t.text, t.value, t.start, t.end)
        return None
