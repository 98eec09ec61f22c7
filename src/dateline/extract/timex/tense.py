"""Which way a clause points in time, from spaCy's parse: -1 past, +1 future, 0 unknown.

Used to place a bare "Friday" or "March" before or after the document time, as TIMEX3
normalisers do (HeidelTime's news mode uses the same idea).
"""
from __future__ import annotations

from spacy.tokens import Doc

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
# Other modals look ahead too ("should be completed in October", "may be signed on Sept 12"),
# unless perfect ("could have happened in May").
MODALS = frozenset({"should", "would", "could", "may", "might", "must", "can", "ca", "'d"})
# Verbs whose own time lies ahead: "a hearing has been scheduled for June 3".
FUTURE_VERBS = frozenset({"schedule", "plan", "slate", "expect", "due"})
# Governing words whose complement lies ahead: "is expected to meet Friday".
FUTURE_HEADS = frozenset({"plan", "schedule", "expect", "due", "set", "aim", "intend", "hope",
                          "prepare", "go", "plot", "promise", "vow", "pledge", "propose", "seek",
                          "want", "threaten", "slate", "poise", "ready", "likely", "able"})
PAST_TAGS = frozenset({"VBD", "VBN"})


def direction(doc: Doc, start: int, end: int, until: bool = False) -> int:
    """Tense of the clause governing [start, end). `until`: the expression ends a state
    ("postponed until Saturday"), which lies ahead unless the clause is a plain past."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    tok = span.root
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        return 0  # a premodifier ("the October elections") takes no tense from the clause
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD":
            break
        if tok.head is tok:
            return _sentence_fallback(tok)
        tok = tok.head
    else:
        return _sentence_fallback(tok)
    if tok.pos_ not in ("VERB", "AUX"):
        return _sentence_fallback(tok)
    d = verb_direction(tok)
    if until and not (d < 0 and tok.tag_ == "VBD"):
        return 1
    return d


def verb_direction(tok) -> int:
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return 1
    if any(a.lower_ in MODALS for a in auxes):
        return -1 if any(a.lemma_ == "have" for a in auxes) else 1
    if tok.lemma_.lower() in FUTURE_VERBS:
        return 1
    if any(a.tag_ == "TO" for a in auxes):
        # Infinitive: ahead of its governor ("an event to be held on October 12"), except under
        # a plain past verb ("agreed to sell it in October").
        head = tok.head
        if tok.dep_ in ("xcomp", "advcl") and head.tag_ == "VBD" and head.lemma_.lower() not in FUTURE_HEADS:
            return -1
        return 1
    if any(a.lower_ == "going" for a in auxes) or any(a.lower_ == "would" for a in auxes):
        return 1 if any(a.lower_ == "going" for a in auxes) else 0
    if tok.dep_ in ("xcomp", "ccomp", "advcl") and tok.head.lemma_.lower() in FUTURE_HEADS:
        return 1
    if tok.dep_ == "xcomp" and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
        head_dir = verb_direction(tok.head) if tok.head.pos_ != "ADJ" else 0
        return 1 if head_dir >= 0 and tok.tag_ == "VB" and tok.head.lemma_.lower() in FUTURE_HEADS else head_dir
    if tok.tag_ in PAST_TAGS or any(a.tag_ in PAST_TAGS for a in auxes):
        return -1
    if any(a.lemma_ == "have" for a in auxes):  # present perfect: "has met"
        return -1
    if tok.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return 1  # "is meeting Friday"
    if tok.lemma_ == "be" and tok.tag_ in ("VBZ", "VBP") and any(
            c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in tok.children):
        return 1  # "On Wednesday the delegates are to travel": a plan
    return 0


def _sentence_fallback(tok) -> int:
    """No governing verb (headlines, fragments): the sentence root's tense."""
    root = tok.sent.root
    if root.pos_ in ("VERB", "AUX"):
        return verb_direction(root)
    return 0


def present_clause(doc: Doc, start: int, end: int) -> bool:
    """Is [start, end) attached straight to a present or present-perfect verb ("unemployment
    stands at 5% in September 2023", "prices have doubled in 2023")? A date that modifies a
    noun first ("the raid in May 2010") describes that thing, not the writer's present."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return False
        if tok.pos_ in ("VERB", "AUX"):
            break
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX or a.lower_ in MODALS or a.tag_ in PAST_TAGS for a in auxes):
        return False
    if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return True
    return tok.tag_ in ("VBZ", "VBP") and not auxes
