"""Who is speaking: speaker noun phrases, their entities, and pronoun speakers.

A speaker is the subject of a speech verb (or the object of "according to", or a name after an
attribution dash). A named subject links to the document entity at its head ("McCann" and "Father
James McCann" both point at the entity "James McCann"); a common noun phrase keeps its words as the
name ("experts", "a spokesman for the ministry") and links to the entity of a named part, if any
("American intelligence" → American). Pronouns are resolved the simple way reporters write them:
"he"/"she" to the most recent person who was a subject before, "they" to the most recent group,
"it" to the most recent organisation or thing; a gender the document gives a person ("Mr.",
"spokeswoman", or "Clinton says she …" where no one else is named) must not clash. First and second person ("we said") are never resolved.

Hand-written: spaCy's small model has no coreference, and a coreference model would be another
parse of every document; subject-chain resolution is what the quotation task needs.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Token

from ...record import Entity, Speaker
from ..context import Context
from .cues import cue_words

PERSON, GROUP, THING = "person", "group", "thing"
_ENTITY_CLASSES = {
    "PERSON": frozenset({PERSON}),
    "ORG": frozenset({GROUP, THING}),
    "NORP": frozenset({GROUP}),
    "GPE": frozenset({GROUP, THING}),
    "LOC": frozenset({THING}),
    "FAC": frozenset({THING}),
    "PRODUCT": frozenset({THING}),
    "EVENT": frozenset({THING}),
}
_STOP_DEPS = frozenset({"punct", "relcl", "acl", "appos", "advcl", "parataxis", "ccomp"})
_RIGHT_DEPS = frozenset({"prep", "pobj", "compound", "flat", "nummod", "cc", "conj", "case"})
_PUNCT_CUT = frozenset(",;:()[]\u201c\u201d\"\u2014\u2013\u2015")
_MAX_NP = 12
# How far back a pronoun looks for its antecedent, in sentences.
WINDOW = 8


@dataclass
class Candidate:
    token: int
    sentence: int
    classes: frozenset[str]
    gender: str | None
    speaker: Speaker


class Speakers:
    """Speaker lookup for one document; pronoun antecedents are found in one pass over subjects."""

    def __init__(self, ctx: Context, start_token: int, quoted: Callable[[int], bool],
                 token_starts: list[int] | None = None):
        self.ctx = ctx
        self._tok_starts = token_starts if token_starts is not None else \
            ctx.doc.to_array("IDX").tolist()
        self._sent_starts = [s.start for s in ctx.doc.sents]
        self.words = cue_words()
        self._quoted = quoted
        self._resolved: dict[int, Speaker | None] = {}
        self._chain: list[Candidate] = []
        self._gender_cache: dict[str, str | None] = {}
        self._votes: dict[str, Counter] | None = None
        mentions = sorted(((m.start, m.end, e) for e in ctx.record.entities for m in e.mentions),
                          key=lambda m: (m[0], m[1]))
        self._mentions = mentions
        self._mention_starts = [m[0] for m in mentions]
        self._build(start_token)

    # ------------------------------------------------------------------ public

    def of_subject(self, tok: Token) -> Speaker | None:
        """The speaker a subject token stands for (resolved when it is a pronoun)."""
        if tok.i in self._resolved:
            return self._resolved[tok.i]
        return self._speaker(tok, self._sent_index(tok.i))

    def named(self, start: int, end: int) -> Speaker:
        """A speaker given by a bare name in the text (after a dash, a transcript label)."""
        text = self.ctx.record.text[start:end]
        ent = self.ctx.entity_at(start, end) or self._entity_by_name(text)
        return Speaker(name=text, entity=ent.id if ent else None)

    # ------------------------------------------------------------------ noun phrases

    def phrase(self, head: Token) -> tuple[int, int]:
        """Character span of the noun phrase headed by `head`, without appositions or clauses."""
        doc = head.doc
        left = head.i
        # Left dependents, but never across punctuation ("Trump, 70," keeps "Trump").
        for i in range(head.i - 1, head.left_edge.i - 1, -1):
            if _cuts(doc[i]) or self._quoted(i) != self._quoted(head.i):
                break
            left = i
        right = head.i
        for child in head.rights:
            if child.dep_ not in _RIGHT_DEPS or any(
                    _cuts(doc[i]) for i in range(right + 1, child.left_edge.i)):
                break
            sub = list(child.subtree)
            if any(_cuts(t) or t.dep_ in _STOP_DEPS for t in sub):
                break
            if sub[-1].i - left + 1 > _MAX_NP:
                break
            right = sub[-1].i
        while left < right and doc[left].is_punct:
            left += 1
        while right > left and doc[right].is_punct and doc[right].text not in (".",):
            right -= 1
        start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
        return start, end

    def _speaker(self, head: Token, sentence: int) -> Speaker | None:
        low = head.lower_
        if low in self.words.unresolvable:
            return None
        if low in self.words.pronouns:
            cand = self._antecedent(self.words.pronouns[low], _gender_of_word(low, self.words),
                                    head.i, sentence)
            return cand.speaker if cand else None
        if low in ("who", "that", "which") and head.head.dep_ == "relcl":
            noun = head.head.head
            return self.of_subject(noun) if noun.i != head.i else None
        dateline = self.ctx.dateline
        # "WASHINGTON -- President Obama, dedicating …, said": the parser makes the wire
        # dateline the subject; a place heading the story never speaks.
        in_dateline = dateline is not None and dateline["start"] <= head.idx < dateline["end"]
        if in_dateline or self.ctx.entity_at(head.idx, head.idx + len(head.text)) is None:
            # "the election, Minyon Moore, a senior adviser, called …": a misattached subject
            # with a named person in apposition; the person is the speaker.
            named = next((ch for ch in head.children if ch.dep_ == "appos" and
                          (e := self.ctx.entity_at(ch.idx, ch.idx + len(ch.text))) is not None
                          and e.type == "PERSON"), None)
            if named is not None and (in_dateline or
                                      head.lemma_.lower() not in self.words.person_nouns):
                head = named
            elif in_dateline:
                return None
        start, end = self.phrase(head)
        ent = self._entity_of(head, start, end)
        return Speaker(name=self.ctx.record.text[start:end], entity=ent.id if ent else None)

    def _entity_of(self, head: Token, start: int, end: int) -> Entity | None:
        ent = self.ctx.entity_at(head.idx, head.idx + len(head.text))
        if ent is not None:
            return ent
        # A named part of a common noun phrase ("a spokesman for the Kremlin", "American
        # intelligence"), but not a possessor ("Trump's lawyer" is not Trump).
        doc = head.doc
        best = None
        for e, s, _ in self.ctx.entities_in(start, end):
            tok = doc[self._token_at(s)]
            owned = False
            while tok.i != head.i and tok.head.i != tok.i:
                if tok.dep_ == "poss":
                    owned = True
                    break
                tok = tok.head
            if not owned:
                best = e
        return best

    def _entity_by_name(self, name: str) -> Entity | None:
        low = name.lower().strip(" .")
        for e in self.ctx.record.entities:
            if e.type != "PERSON":
                continue
            if e.name.lower() == low or e.name.lower().split()[-1:] == [low]:
                return e
            if any(m.text.lower() == low for m in e.mentions):
                return e
        return None

    # ------------------------------------------------------------------ pronouns

    def _build(self, start_token: int) -> None:
        """Walk the subjects in order, resolving pronouns against the chain so far."""
        doc = self.ctx.doc
        deps = doc.to_array("DEP")[start_token:]
        wanted = [get_string_id("nsubj"), get_string_id("nsubjpass")]
        for i in (numpy.flatnonzero(numpy.isin(deps, wanted)) + start_token).tolist():
            if self._quoted(i):
                continue
            tok = doc[i]
            si = self._sent_index(i)
            speaker = self._speaker(tok, si)
            self._resolved[i] = speaker
            if speaker is None:
                continue
            classes, gender = self._classes(tok, speaker)
            if classes:
                self._chain.append(Candidate(i, si, classes, gender, speaker))

    def _sent_index(self, i: int) -> int:
        return bisect.bisect_right(self._sent_starts, i) - 1

    def _classes(self, head: Token, speaker: Speaker) -> tuple[frozenset[str], str | None]:
        low = head.lower_
        if low in self.words.pronouns:
            # A resolved pronoun carries its antecedent's classes on (kept as found).
            prior = next((c for c in reversed(self._chain) if c.speaker is speaker), None)
            if prior is None:
                return frozenset(), None
            return prior.classes, _gender_of_word(low, self.words) or prior.gender
        ent = self.ctx.record.entity(speaker.entity) if speaker.entity else None
        at_head = ent is not None and self.ctx.entity_at(head.idx, head.idx + len(head.text)) is ent
        plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
        if at_head:
            classes = _ENTITY_CLASSES.get(ent.type, frozenset({THING}))
            if plural and ent.type == "PERSON":
                classes = frozenset({GROUP})
            gender = self._entity_gender(ent) if ent.type == "PERSON" else None
            return classes, gender
        lemma = head.lemma_.lower()
        if lemma in self.words.person_nouns or head.lower_ in self.words.person_nouns:
            gender = _gender_of_word(head.lower_, self.words)
            return (frozenset({GROUP}), None) if plural else (frozenset({PERSON}), gender)
        if plural:
            return frozenset({GROUP}), None
        if lemma in self.words.group_nouns:
            return frozenset({GROUP, THING}), None
        if head.pos_ in ("NOUN", "PROPN"):
            return frozenset({THING}), None
        return frozenset(), None

    def _entity_gender(self, ent: Entity) -> str | None:
        """Gender the document gives a person: a gendered title before one of its mentions
        ("Mr.", "Father"; "Sen." carries none), else the pronouns of the sentences
        where it is the only person named ("Clinton says she is thrilled")."""
        if ent.id in self._gender_cache:
            return self._gender_cache[ent.id]
        text = self.ctx.record.text
        found = None
        for m in ent.mentions:
            before = text[max(0, m.start - 12):m.start].split()
            if before:
                found = _gender_of_word(before[-1].lower(), self.words)
                if found:
                    break
        if found is None:
            votes = self._gender_votes().get(ent.id)
            if votes:
                (top, n), *rest = votes.most_common()
                if not rest or n >= 2 * rest[0][1]:
                    found = top
        self._gender_cache[ent.id] = found
        return found

    def _gender_votes(self) -> dict[str, Counter]:
        """Per person entity, the gendered pronouns in the clauses it is the subject of, when
        no other person is named there ("Clinton says she is thrilled", "Trump said his …")."""
        if self._votes is not None:
            return self._votes
        votes: dict[str, Counter] = defaultdict(Counter)
        doc = self.ctx.doc
        for start, end, ent in self._mentions:
            if ent.type != "PERSON":
                continue
            tok = doc[self._token_at(start)]
            while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i and tok.head.idx < end:
                tok = tok.head
            if tok.dep_ != "nsubj" or self._quoted(tok.i):
                continue
            clause = tok.head
            lo, hi = clause.left_edge.idx, clause.right_edge.idx
            j = bisect.bisect_left(self._mention_starts, lo)
            others = any(m[2].type == "PERSON" and m[2].id != ent.id
                         for m in self._mentions[j:bisect.bisect_right(self._mention_starts, hi)])
            if others:
                continue
            for t in clause.subtree:
                # Subject and possessive pronouns may be the subject again; an object pronoun
                # ("Clinton blasted him") never is.
                if (t.tag_ == "PRP$" or t.tag_ == "PRP" and t.dep_ in ("nsubj", "nsubjpass")) \
                        and not self._quoted(t.i):
                    g = _gender_of_word(t.lower_, self.words)
                    if g:
                        votes[ent.id][g] += 1
        self._votes = dict(votes)
        return self._votes

    def _antecedent(self, kind: str, gender: str | None, at: int, sentence: int) -> Candidate | None:
        for cand in reversed(self._chain):
            if cand.token >= at:
                continue
            if sentence - cand.sentence > WINDOW:
                break
            if kind in cand.classes and (gender is None or cand.gender in (None, gender)):
                return cand
        if kind != PERSON:
            return None
        # No person was a subject lately: the most recent person named at all.
        doc = self.ctx.doc
        limit = doc[at].idx
        i = bisect.bisect_left(self._mention_starts, limit) - 1
        while i >= 0:
            s, _, ent = self._mentions[i]
            if self._sent_index(self._token_at(s)) < sentence - WINDOW:
                break
            if ent.type == "PERSON" and not self._quoted(self._token_at(s)):
                g = self._entity_gender(ent)
                if gender is None or g in (None, gender):
                    return Candidate(self._token_at(s), sentence, frozenset({PERSON}), g,
                                     Speaker(name=ent.name, entity=ent.id))
            i -= 1
        return None

    def _token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._tok_starts, char) - 1)


def _cuts(tok: Token) -> bool:
    """Punctuation that ends a speaker phrase; a hyphen inside a word ("Korea-Russia") does not."""
    if tok.is_space or tok.text in _PUNCT_CUT:
        return True
    return tok.text == "-" and (bool(tok.whitespace_) or
                                (tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)))


def _gender_of_word(word: str, words) -> str | None:
    if word in words.male:
        return "male"
    if word in words.female:
        return "female"
    return None
