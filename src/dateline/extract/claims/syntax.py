"""What a number counts and what happened to it, from the dependency parse.

"as many as 120,000 Russian soldiers have been killed" -> object "Russian soldiers", measure
"killed"; "a minimum of 2,187 tanks being destroyed" -> "tanks", "destroyed"; "Profits rose 5%"
-> "Profits", "rose". Hand-written: no library maps a spaCy number token to its counted noun
and predicate.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .numbers import NumberPhrase

NOUNS = {"NOUN", "PROPN"}
VERBS = {"VERB", "AUX"}
# Left dependents of a noun kept in its name ("Russian soldiers", "North Korea's rocket").
NP_LEFT = {"amod", "compound", "nmod", "poss", "nummod", "npadvmod", "advmod", "quantmod"}
# Dependencies climbed from the counted noun up to its verb ("of 2,187 tanks" -> "minimum").
CLIMB = {"pobj", "prep", "compound", "nummod", "quantmod", "amod", "conj", "appos", "nmod",
         "npadvmod"}
MAX_OF_PP = 8


@dataclass
class Roles:
    object_tok: Token | None
    object_text: str
    object_start: int | None
    object_end: int | None
    measure: str | None
    predicate: Token | None
    head: Token          # the token standing for the whole phrase in the parse


def phrase_head(doc: Doc, p: NumberPhrase) -> Token:
    """The token of the phrase whose syntactic head lies outside it (last one if several)."""
    best = doc[p.num_end - 1]
    for i in range(p.num_start, p.end):
        t = doc[i]
        if not (p.start <= t.head.i < p.end) or t.head.i == t.i:
            best = t
    return best


def _np_span(doc: Doc, noun: Token, left_floor: int, with_of: bool) -> tuple[int, int]:
    """Character span of a noun phrase: left modifiers after `left_floor`, the noun, and an
    'of' phrase ("launches of North Korea's Chollima-1 rocket") when short."""
    left = noun.i
    for child in noun.lefts:
        if child.dep_ in NP_LEFT and child.i >= left_floor and child.pos_ != "NUM":
            left = min(left, child.left_edge.i if child.left_edge.i >= left_floor else child.i)
    while left < noun.i and doc[left].pos_ in ("DET", "PUNCT", "CCONJ"):
        left += 1
    right = noun.i
    if with_of:
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == noun.i + 1:
                if child.right_edge.i - child.i <= MAX_OF_PP:
                    right = child.right_edge.i
                break
    while right > noun.i and doc[right].pos_ == "PUNCT":
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def find_roles(doc: Doc, p: NumberPhrase, lex: Lexicon, text: str) -> Roles:
    """Object and measure of a phrase; `text` is the doc's text (Doc.text rebuilds it)."""
    head = phrase_head(doc, p)
    obj: Token | None = None
    via = ""
    h = head
    # A noun the number modifies: "120,000 Russian soldiers", "a $40 billion contract".
    if h.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod", "nounmod", "det") \
            and h.head.pos_ in NOUNS and h.head.i >= p.end:
        obj, via = h.head, "mod"
    if obj is None:
        # A partitive: "thousands of people", "5% of the workforce", "two of the victims".
        for child in h.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in NOUNS | {"PRON"}:
                    obj, via = pobj, "of"
                break
    if obj is None and p.unit is not None and p.unit.kind == "currency":
        # Money given as a sum "in" what it buys: "$1.2 billion in emergency aid".
        prep = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "in"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None \
            else None
        if pobj is not None and pobj.pos_ == "NOUN" and not pobj.ent_type_:
            obj, via = pobj, "in"
    predicate = _predicate(doc, obj if obj is not None else head, lex)
    if obj is None and predicate is not None and predicate.lemma_.lower() in lex.kind("level") \
            and head.dep_ not in ("nsubj", "nsubjpass"):
        # "The death toll rose to 45", "Unemployment stood at 5%": the subject is measured.
        subj = next((c for c in predicate.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ in NOUNS:
            obj, via = subj, "subject"
    if obj is not None:
        floor = p.end if via == "mod" else 0
        s, e = _np_span(doc, obj, floor, with_of=via != "of")
        obj_text = text[s:e]
    else:
        s = e = None
        obj_text = ""
    measure = None
    if predicate is not None and p.start <= predicate.i < p.end:
        predicate = None  # the parser made the number its own verb
    if predicate is not None:
        measure = predicate.text.lower()
        prt = next((c for c in predicate.children if c.dep_ == "prt"), None)
        if prt is not None:
            measure += " " + prt.text.lower()
    return Roles(obj, obj_text, s, e, measure, predicate, head)


def _content_verb(verb: Token, lex: Lexicon) -> Token:
    """Past light verbs to the content: "tried and failed" -> failed; "were dead" -> dead."""
    light = lex.kind("light")
    seen = 0
    while verb.lemma_.lower() in light and seen < 3:
        seen += 1
        nxt = next((c for c in verb.rights if c.dep_ == "conj" and c.pos_ in VERBS), None) \
            or next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ in VERBS), None) \
            or next((c for c in verb.rights if c.dep_ in ("acomp",)), None)
        if nxt is None:
            break
        verb = nxt
    return verb


def _predicate(doc: Doc, tok: Token, lex: Lexicon) -> Token | None:
    """The verb saying what happened to the counted thing."""
    light = lex.kind("light")
    # A participle or relative clause on the noun: "2,187 tanks being destroyed".
    for child in tok.rights:
        if child.dep_ in ("acl", "relcl") and child.pos_ in VERBS:
            verb = _content_verb(child, lex)
            if verb.lemma_.lower() not in light:
                return verb
    cur = tok
    for _ in range(6):
        dep, up = cur.dep_, cur.head
        if up.i == cur.i:
            return _content_verb(cur, lex) if cur.pos_ in VERBS else None
        if up.pos_ in VERBS and dep not in ("prep", "pobj", "compound", "nummod", "quantmod",
                                            "amod", "conj", "appos"):
            return _content_verb(up, lex)
        if dep == "pobj" and up.dep_ == "prep" and up.head.pos_ in VERBS:
            return _content_verb(up.head, lex)
        if dep == "pobj" and up.dep_ == "agent" and up.head.pos_ in VERBS:
            return _content_verb(up.head, lex)
        if dep in CLIMB:
            cur = up
            continue
        return None
    return None
