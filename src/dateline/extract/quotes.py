"""Quotations: direct, partial and indirect speech, each with its speaker.

- direct    the words inside quotation marks, attributed by a speech verb next to them
            ("“…,” he added" / "McCann said: “…”" / "“…” ― Jane Doe" / "PENCE: …"), or
            going on from the quotation or the report just before it; a paragraph set off
            after "The governor added:" without marks is one too;
- partial   a quoted fragment inside a sentence ("pledged their “full support”"), attributed to
            the subject of the verb that governs it;
- indirect  the clause a speech verb reports ("has stated that …", "told reporters …",
            "…, citing …", "according to …").

The text span of a direct or partial quote is the content inside the marks; of an indirect one,
the reported clause. Everything is read from the one dependency parse (ctx.doc) and the quotation
marks in the text; the verbs and cue words are data (knowledge/speech_verbs.tsv,
knowledge/quote_cues.yaml). Speakers are noun phrases linked to document entities, with pronouns
resolved to the most recent compatible subject (see quoting/speakers.py); a quote whose speaker
cannot be found keeps speaker None.

Hand-written: no library extracts attributed quotations from a spaCy parse.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..record import Quote, Span, Speaker
from .context import Context
from .quoting.cues import CLAUSE, OBJECT, QUOTE, SOURCE, cue_words, speech_verbs
from .quoting.marks import MARKS, Quoted, find_quoted
from .quoting.speakers import Speakers

log = logging.getLogger(__name__)

_SENT_END = frozenset({".", "!", "?", ";"})
_TAIL_DEPS = frozenset({"advmod", "npadvmod", "aux", "auxpass", "neg", "punct", "prep", "dative",
                        "dobj"})
_TRIM = " \t\r\n,;:.\u2014\u2013-"
_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.'\u2019-]+(?:[ \t][A-Z][A-Z.'\u2019-]+){0,2}):[ \t]+")
# Passing a clause of these kinds on the way up from a quoted fragment leaves its sentence frame.
_CLAUSE_WALLS = frozenset({"relcl", "acl", "parataxis", "appos"})
_MIN_INDIRECT_TOKENS = 3
# A "complement" opening with these is a time or reason clause the parser misattached
# ("said before he died"), not what was said.
_NOT_REPORTED = frozenset({"before", "after", "because", "until", "while", "although", "though",
                           "since", "unless", "once"})


@dataclass
class Cue:
    token: Token
    frames: frozenset[str]
    start: int
    end: int
    speaker: Speaker | None
    # The token the speaker was read from (None: imperative, infinitive, agentless passive).
    subject: Token | None = None


@dataclass
class _Attribution:
    cue: Cue | None
    speaker: Speaker | None
    end: int  # where the attribution ends: a quotation right after it continues the speaker


@functools.lru_cache(maxsize=4)
def _dash_pattern(dashes: str) -> re.Pattern[str]:
    # [^\S\n] is white space within the line (no-break spaces included).
    return re.compile(r"[^\S\n]*[" + re.escape(dashes) + r"][^\S\n]*"
                      r"(?P<name>[A-Z][\w'\u2019-]*(?:\.?[^\S\n]+[A-Z][\w'\u2019-]*|\.(?=[A-Z]))*)"
                      r"[^\S\n.,]*[.,]?[^\S\n]*(?:\n|$)")


class _Quotes:
    """One document's pass: cues, quoted spans, then attribution."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = ctx.record.text
        self.doc: Doc = ctx.doc
        self.body = body_offset(ctx)
        self.starts = self.doc.to_array("IDX").tolist()
        self.start_token = bisect.bisect_left(self.starts, self.body)
        self.quoted = find_quoted(self.text, self.body)
        self.inside = self._inside_mask()
        self.speakers = Speakers(ctx, self.start_token, lambda i: self.inside[i], self.starts)
        self.cues = self._cues()
        self.used: set[int] = set()  # cue tokens that attribute a quotation in marks

    # ------------------------------------------------------------------ indexes

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def _inside_mask(self) -> list[bool]:
        mask = [False] * len(self.doc)
        for q in self.quoted:
            for i in range(self.token_at(q.start), self.token_at(max(q.start, q.end - 1)) + 1):
                mask[i] = True
        return mask

    def _cues(self) -> dict[int, Cue]:
        verbs = speech_verbs()
        doc = self.doc
        out: dict[int, Cue] = {}
        # Only tokens whose lemma or form can start a cue are looked at (array filter, no Token
        # objects for the rest of the document).
        lemmas = doc.to_array("LEMMA")[self.start_token:]
        lowers = doc.to_array("LOWER")[self.start_token:]
        firsts = [get_string_id(w) for w in (*verbs.verbs, *(p[0] for p in verbs.phrasal),
                                           *(p[0] for p in verbs.prepositions))]
        hits = numpy.flatnonzero(numpy.isin(lemmas, firsts) | numpy.isin(lowers, firsts))
        for i in (hits + self.start_token).tolist():
            tok = doc[i]
            frames = None
            end_tok = tok
            if tok.i + 1 < len(doc) and (tok.lower_, doc[tok.i + 1].lower_) in verbs.prepositions:
                frames = verbs.prepositions[(tok.lower_, doc[tok.i + 1].lower_)]
                end_tok = doc[tok.i + 1]
            elif tok.dep_ != "amod" and (tok.pos_ == "VERB" or tok.tag_ in ("NNS", "VBZ") and any(
                    ch.dep_ == "nsubj" for ch in tok.children)):
                # (a tagger slip: "But Trump claims that …" with "claims" as a plural noun)
                lemma = tok.lemma_.lower()
                prt = next((c for c in tok.children if c.dep_ == "prt"), None)
                if prt is not None and (lemma, prt.lower_) in verbs.phrasal:
                    frames = verbs.phrasal[(lemma, prt.lower_)]
                else:
                    frames = verbs.verbs.get(lemma)
            if not frames:
                continue
            if SOURCE in frames:
                subj = next((c for c in end_tok.children if c.dep_ == "pobj"), None)
            else:
                subj = subject_of(tok, lambda t, v=tok: self._usable_subject(t, v))
            speaker = self.speakers.of_subject(subj) if subj is not None else None
            out[tok.i] = Cue(tok, frames, tok.idx, end_tok.idx + len(end_tok.text), speaker, subj)
        return out

    def _usable_subject(self, subj: Token, verb: Token) -> bool:
        """A subject outside quotation marks and in the verb's paragraph (the parser sometimes
        runs a sentence over a line break: "2:45 p.m.⏎⏎Connecticut’s tax commissioner says")."""
        if self.inside[subj.i] and not self.inside[verb.i]:
            return False
        a, b = sorted((subj.idx, verb.idx))
        return "\n" not in self.text[a:b]

    # ------------------------------------------------------------------ quotations in marks

    def marked(self) -> list[Quote]:
        """Quotations in marks, attributed; scare quotes and titles left out."""
        out: list[Quote] = []
        last: _Attribution | None = None  # the previous direct quotation's, for continuations
        for q in self.quoted:
            kind = "partial" if self._embedded(q) else "direct"
            start, end = q.start, q.end
            label = _LABEL.match(self.text, start, end) if kind == "direct" else None
            if label:  # a transcript: "PENCE: Well, look, …"
                who = self.speakers.named(label.start("label"), label.end("label"))
                found = _Attribution(None, who, q.outer_end)
                start = label.end()
            else:
                found = self._attribution(q, kind)
            if found is None and kind == "direct" and last is not None and \
                    not self.text[last.end:q.open].strip(" \t\r\n.,"):
                found = _Attribution(None, last.speaker, q.outer_end)  # the speaker goes on
            if found is None and kind == "direct":
                found = self._after_report(q)
            if kind == "partial" and (found is None or found.speaker is None):
                continue  # scare quotes, or a fragment nobody can be found to have said
            if found is None and len(self.text[start:end].split()) < 4:
                continue  # a word or two in marks with no speaker is not a quotation
            if self._is_title(q) or _parenthetical(self.text[start:end]):
                continue
            # The comma before a closing mark stands in for the speaker's full stop.
            while end > start and self.text[end - 1] in ", \t":
                end -= 1
            if end <= start:
                continue
            cue = found.cue if found else None
            out.append(Quote(text=self.text[start:end], start=start, end=end, kind=kind,
                             speaker=_own(found.speaker if found else None),
                             cue=_cue_span(cue, self.text)))
            if kind == "direct" and cue is not None:
                self.used.add(cue.token.i)
            last = found if kind == "direct" else None
        return out

    def _after_report(self, q: Quoted) -> _Attribution | None:
        """A quotation opening right after a sentence that reports someone's speech is theirs:
        "Jordan said the officer would be charged.⏎⏎“I will make this promise to you …”"."""
        k = q.open - 1
        while k >= self.body and self.text[k].isspace():
            k -= 1
        if k < self.body or self.text[k] not in ".!?" or "\n\n\n" in self.text[k:q.open]:
            return None
        sent = self.doc[self.token_at(k)].sent
        found = [c for i, c in self.cues.items() if sent.start <= i < sent.end and not self.inside[i]
                 and c.frames & {QUOTE, CLAUSE} and c.speaker is not None]
        # (no cue of its own: the verb belongs to the report before)
        return _Attribution(None, found[-1].speaker, q.outer_end) if found else None

    def _attribution(self, q: Quoted, kind: str) -> _Attribution | None:
        """Who says the quotation, tried in the order reporters' conventions make most certain."""
        if kind == "partial":
            c = self._governing(q)
            if c is not None:
                return _Attribution(c, c.speaker, q.outer_end)
        c, after = self._tail(q)
        if c is not None:
            return _Attribution(c, c.speaker, after)
        dash = _dash_pattern(cue_words().dashes).match(self.text, q.outer_end)
        if dash:
            return _Attribution(None, self.speakers.named(dash.start("name"), dash.end("name")),
                                dash.end())
        if kind == "direct":
            c = self._lead(q) or self._complement_of(q)
            if c is not None:
                return _Attribution(c, c.speaker, q.outer_end)
            who = self._introduced_by(q)
            if who is not None:
                return _Attribution(None, who, q.outer_end)
        return None

    def _introduced_by(self, q: Quoted) -> Speaker | None:
        """A person's sentence ending in a colon introduces what they said, speech verb or not:
        "Sanders made the following comment: “…”", "The mayor took to Twitter:⏎⏎“…”"."""
        k = q.open - 1
        while k >= self.body and self.text[k] in " \t\r\n":
            k -= 1
        if k < self.body or self.text[k] != ":" or "\n\n\n" in self.text[k:q.open]:
            return None
        # The verb the words before the colon hang from (the parse often runs the sentence on
        # into the quotation, so its root may be inside the marks).
        verb = self.doc[self.token_at(k) - 1] if self.token_at(k) > 0 else None
        for _ in range(6):
            if verb is None or self.inside[verb.i] or verb.pos_ in ("VERB", "AUX"):
                break
            verb = verb.head if verb.head.i != verb.i else None
        if verb is None or self.inside[verb.i] or verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)
        if subj is None or self.inside[subj.i]:
            return None
        who = self.speakers.of_subject(subj)
        if who is None:
            return None
        ent = self.ctx.record.entity(who.entity) if who.entity else None
        if ent is not None:
            return who if ent.type == "PERSON" else None
        person = subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN" and not subj.ent_type_ \
            or subj.lemma_.lower() in cue_words().person_nouns
        return who if person else None

    def blocks(self) -> list[Quote]:
        """A paragraph set off after "The governor added:" is a direct quotation even without
        marks (block quotes lose their indentation in plain text)."""
        out = []
        text = self.text
        for c in self.cues.values():
            if QUOTE not in c.frames or self.inside[c.token.i] or c.speaker is None:
                continue
            line_end = text.find("\n", c.end)
            if line_end < 0:
                continue
            rest = text[c.end:line_end].rstrip()
            if not rest.endswith(":") or len(rest) > 80 or MARKS.search(rest):
                continue
            start = line_end
            while start < len(text) and text[start].isspace():
                start += 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start < 20 or MARKS.match(text, start):
                continue
            out.append(Quote(text=text[start:end], start=start, end=end, kind="direct",
                             speaker=_own(c.speaker), cue=_cue_span(c, text)))
        return out

    def _prev_char(self, i: int) -> int:
        """Offset of the last non-blank character before i on the same line (-1 at line start)."""
        j = i - 1
        while j >= 0 and self.text[j] in " \t":
            j -= 1
        return j if j >= 0 and self.text[j] != "\n" else -1

    def _embedded(self, q: Quoted) -> bool:
        """Quoted words running inside a sentence ("pledged their “full support”")."""
        j = self._prev_char(q.open)
        if j < 0:
            return False
        ch = self.text[j]
        if ch in ":,\u2014\u2013\u2015(" or ch in ".!?" or MARKS.match(ch):
            return False
        prev = self.doc[self.token_at(j)]
        c = self.cues.get(prev.i)
        if c is not None and QUOTE in c.frames:
            return False  # said “We will win.”
        c = self.cues.get(prev.head.i)
        if prev.dep_ in ("dobj", "dative", "npadvmod") and c is not None and QUOTE in c.frames:
            return False  # told reporters “…”
        return True

    def _governing(self, q: Quoted) -> Cue | None:
        """The speech verb a quoted fragment depends on, walking up the parse within its sentence
        frame: "pledged their “full support”", "said the bill was “a disgrace”", "blasted Clinton
        as a “disgrace”", or a cue interjected in the clause ("…, he added, are like “…”")."""
        first, last = self.token_at(q.start), self.token_at(max(q.start, q.end - 1))
        root = next((t for t in self.doc[first:last + 1] if not first <= t.head.i <= last), None)
        if root is None:
            return None
        tok = root
        for _ in range(12):
            head = tok.head
            if head.i == tok.i or self.inside[head.i]:
                return None
            c = self.cues.get(head.i)
            if c is not None:
                return c
            if head.pos_ in ("VERB", "AUX"):
                aside = next((self.cues[ch.i] for ch in head.children if ch.dep_ == "parataxis"
                              and ch.i in self.cues and not self.inside[ch.i]), None)
                if aside is not None:
                    return aside
                if head.dep_ in _CLAUSE_WALLS:
                    return None
            tok = head
        return None

    def _tail(self, q: Quoted) -> tuple[Cue | None, int]:
        """“…,” McCann said / “…,” said McCann / “…?” he asked."""
        if q.close is None:
            return None, -1
        doc = self.doc
        j = bisect.bisect_left(self.starts, q.outer_end)
        after = self.text[q.outer_end:q.outer_end + 2]
        if after[:1] == "\n":
            return None, -1
        k = j
        while k < len(doc) and doc[k].is_punct and not MARKS.search(doc[k].text) and k - j < 3:
            k += 1
        if k >= len(doc):
            return None, -1
        content_end = self.text[q.end - 1]
        comma_after = after[:1] in (",", "\u2014", "\u2013")
        if content_end == "." and not comma_after and not doc[k].is_lower:
            return None, -1  # a new sentence starts after a full stop
        for m in range(k, min(len(doc), k + 40)):
            tk = doc[m]
            if (tk.is_space and "\n" in tk.text) or MARKS.search(tk.text):
                return None, -1
            c = self.cues.get(m)
            if c is not None and c.frames & {QUOTE, CLAUSE}:
                if self._only_frame(k, m, c) and c.speaker is not None:
                    return c, tk.sent.end_char
                named = self._name_before(k, m)
                if named is not None:
                    return dataclasses.replace(c, speaker=named), tk.sent.end_char
                if self._only_frame(k, m, c):
                    return c, tk.sent.end_char
            if tk.text in _SENT_END:
                return None, -1
        return None, -1

    def _name_before(self, a: int, b: int) -> Speaker | None:
        """“…,” Tulsa police Chief Ann Moore said / “…,” Gale, a top aide, said: when the parse
        leaves the speech verb without a subject (or hangs it on the quotation), a person named
        right between the closing mark and the verb, with at most an apposition and no verb of
        its own, is the speaker."""
        doc = self.doc
        # (a name the tagger calls a verb, like "Tulsa", is still a name)
        if b - a > 16 or any(doc[i].pos_ in ("VERB", "AUX") and not doc[i].ent_type_
                             or self.inside[i] for i in range(a, b)):
            return None
        for ent, s, e in self.ctx.entities_in(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)):
            if ent.type != "PERSON":
                continue
            # Only title words may stand before the name ("police Chief"), not a phrase the
            # quotation runs on with ("… of the Clinton proposals, Mr. Holtz-Eakin said").
            lead = [t for t in doc[a:b] if t.idx < s]
            if len(lead) > 4 or any(t.pos_ not in ("PROPN", "NOUN", "ADJ") and not t.ent_type_
                                    for t in lead):
                return None
            return Speaker(name=self.text[doc[a].idx:e], entity=ent.id)
        return None

    def _only_frame(self, a: int, b: int, c: Cue) -> bool:
        """Tokens a..b-1 are the cue's subject or its adverbs: nothing else stands between."""
        verb = c.token
        allowed: set[int] = set()
        for child in verb.children:
            if child.i < b and (child.dep_ in ("nsubj", "nsubjpass") or child.dep_ in _TAIL_DEPS):
                allowed.update(t.i for t in child.subtree)
        return all(i in allowed or self.doc[i].is_punct for i in range(a, b))

    def _lead(self, q: Quoted) -> Cue | None:
        """McCann said: “…” / He told reporters, “…” / The Times reports:⏎⏎“…”."""
        doc = self.doc
        j = self._prev_char(q.open)
        t0 = self.token_at(q.open)
        if j < 0:
            # At a paragraph start: the previous paragraph may end "… said:".
            k = q.open - 1
            while k >= self.body and self.text[k] in " \t\r\n":
                k -= 1
            if k < self.body or self.text[k] != ":":
                return None
            sent = doc[self.token_at(k)].sent
            found = [c for i, c in self.cues.items() if sent.start <= i < sent.end
                     and c.frames & {QUOTE, CLAUSE} and not self.inside[i]]
            return found[-1] if found else None
        lo = max(doc[t0].sent.start if t0 < len(doc) else 0, t0 - 30, self.start_token)
        if t0 > 0:
            lo = max(lo, doc[t0 - 1].sent.start)
        for m in range(t0 - 1, lo - 1, -1):
            tk = doc[m]
            if (tk.is_space and "\n" in tk.text) or MARKS.search(tk.text) or self.inside[m]:
                return None
            c = self.cues.get(m)
            if c is None or not (c.frames & {QUOTE, SOURCE}):
                continue
            if SOURCE in c.frames:
                return c  # According to X, “…”
            sub = {t.i for t in tk.subtree}
            between = range(m + 1, t0)
            if all(i in sub or doc[i].is_punct for i in between) and not any(
                    doc[i].pos_ == "VERB" and i in self.cues for i in between):
                return self._outer_voice(c)
            return None
        return None

    def _outer_voice(self, c: Cue) -> Cue:
        """An inference verb reported inside another's words with a common noun for subject
        gives the quotation to the reporting speaker: "Blackburn told the magazine the pattern
        suggested something deep: “…”" is Blackburn's."""
        subj, words = c.subject, cue_words()
        if subj is None or c.token.lemma_.lower() not in words.inference_verbs or \
                subj.pos_ != "NOUN" or subj.ent_type_ or \
                subj.lemma_.lower() in words.person_nouns | words.group_nouns:
            return c
        tok = c.token
        for _ in range(4):
            if tok.dep_ not in ("ccomp", "conj") or tok.head.i == tok.i:
                break
            tok = tok.head
            outer = self.cues.get(tok.i)
            if outer is not None and QUOTE in outer.frames and outer.speaker is not None \
                    and not self.inside[tok.i]:
                return outer
        return c

    def _complement_of(self, q: Quoted) -> Cue | None:
        """A speech verb whose complement the quotation is, however far the parse puts them."""
        first, last = self.token_at(q.start), self.token_at(max(q.start, q.end - 1))
        root = next((t for t in self.doc[first:last + 1] if not first <= t.head.i <= last), None)
        if root is None or root.dep_ not in ("ccomp", "parataxis", "dobj", "xcomp"):
            return None
        c = self.cues.get(root.head.i)
        if c is None or QUOTE not in c.frames or self.inside[root.head.i]:
            return None
        a, b = sorted((c.start, q.open))
        return c if "\n" not in self.text[a:b] else None

    def _is_title(self, q: Quoted) -> bool:
        """Short Title Case words in marks name a book, a show or an ad (“The Apprentice,”
        “Fox News Sunday”), and so do words after a naming word ("a spot titled “Arrogant”")."""
        content = self.text[q.start:q.end].rstrip(".,;:")
        words = content.split()
        if not words or len(words) > 6 or any(ch in content for ch in ".!?,;:"):
            return False
        j = self._prev_char(q.open)
        if j >= 0:
            prev = self.doc[self.token_at(j)]
            if prev.lower_ in cue_words().naming_words and (
                    prev.dep_ in ("acl", "amod", "compound") or prev.pos_ == "NOUN"):
                return True
        long_words = [w for w in words if w[:1].isalpha() and len(w) > 3]
        capitals = sum(w[:1].isupper() for w in words)
        return bool(long_words) and all(w[:1].isupper() for w in long_words) and \
            2 * capitals >= len(words) and (len(words) > 1 or q.close is not None and self._embedded(q))

    # ------------------------------------------------------------------ reported speech

    def reported(self) -> list[Quote]:
        out = []
        spans = [(q.start, q.end) for q in self.quoted]
        for c in self.cues.values():
            if self.inside[c.token.i] or c.subject is None:
                continue  # "it goes without saying", "was asked how", "tell us …": nobody speaks
            if c.token.i in self.used and not any(
                    ch.dep_ == "ccomp" and ch.left_edge.lower_ == "that" for ch in c.token.children):
                continue  # the verb attributes a quotation in marks already
            span = self._content(c)
            if span is None:
                continue
            start, end = span
            if _covered(start, end, spans) >= 0.6:
                continue  # the clause is a quotation in marks, already taken as direct
            out.append(Quote(text=self.text[start:end], start=start, end=end, kind="indirect",
                             speaker=_own(c.speaker), cue=_cue_span(c, self.text)))
        return out

    def _content(self, c: Cue) -> tuple[int, int] | None:
        tok = c.token
        if any(ch.dep_ == "neg" for ch in tok.children):
            return None
        if SOURCE in c.frames:
            return self._sourced_clause(c)
        comp = None
        if CLAUSE in c.frames:
            comp = self._complement(tok)
        if comp is None and OBJECT in c.frames and not any(
                ch.dep_ == "aux" and ch.lower_ == "to" for ch in tok.children):
            # (an infinitive — "needs to confirm judges" — reports nothing yet)
            comp = next((ch for ch in tok.children if ch.dep_ in ("dobj", "ccomp")), None)
            if comp is not None and comp.right_edge.i - comp.left_edge.i + 1 < 2:
                comp = None
        if comp is not None:
            a, b = comp.left_edge.i, comp.right_edge.i
            if comp.dep_ != "dobj" and b - a + 1 < _MIN_INDIRECT_TOKENS:
                return None
            return self._char_span(a, b, tok)
        if self._aside(c):
            # "Climate change, Mr. Obama often says, is the greatest threat" / "Hawaii, as an
            # adviser pointed out, rarely gets two hurricanes": the clause around the interjected
            # cue is what is reported.
            skip = {t.i for t in tok.subtree}
            rest = [t.i for t in tok.head.subtree if t.i not in skip]
            if len(rest) >= _MIN_INDIRECT_TOKENS:
                return self._char_span(min(rest), max(rest), tok)
        return None

    def _aside(self, c: Cue) -> bool:
        """A cue interjected between commas with a subject of its own (", he said,")."""
        tok = c.token
        if not c.frames & {CLAUSE, QUOTE} or c.subject is None or c.subject.head.i != tok.i:
            return False
        as_clause = tok.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ == "as"
                                                 for ch in tok.children)
        if tok.dep_ != "parataxis" and not as_clause:
            return False
        first = c.subject.left_edge
        return as_clause or tok.left_edge.text == "," or (
            first.i > 0 and self.doc[first.i - 1].text == ",")

    def _complement(self, tok: Token) -> Token | None:
        """The clause a speech verb reports: the complement after it, else one before it set
        off by a comma ("The economy is growing, the minister said"), never one across a colon."""
        before = after = None
        for ch in tok.children:
            is_clause = ch.dep_ == "ccomp" or (
                ch.dep_ == "advcl" and ch.left_edge.lower_ == "that" and ch.i > tok.i)
            if not is_clause:
                continue
            # "said after he died" is a time clause; "After some delays, the bridge is safe,
            # she said" opens the reported clause with a phrase of its own.
            if ch.left_edge.lower_ in _NOT_REPORTED and (ch.i > tok.i or ch.left_edge.dep_ == "mark"):
                continue
            if ch.i > tok.i and after is None:
                after = ch
            elif ch.i < tok.i:
                before = ch
        if after is not None:
            return after
        if before is not None:
            gap = self.doc[before.i:tok.i]
            if not any(t.text in (":", ";") for t in gap):
                return before
        return None

    def _sourced_clause(self, c: Cue) -> tuple[int, int] | None:
        """"According to X, …" / "…, according to X": the clause the phrase hangs from."""
        tok = c.token
        head = tok.head
        for _ in range(6):
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        if head.i == tok.i:
            return None
        skip = {t.i for t in tok.subtree}
        toks = [t.i for t in head.subtree if t.i not in skip]
        if not toks:
            return None
        a, b = min(toks), max(toks)
        if min(skip) <= a:
            a = max(a, max(skip) + 1)
        elif max(skip) >= b:
            b = min(b, min(skip) - 1)
        if b < a:
            return None
        return self._char_span(a, b, tok)

    def _char_span(self, a: int, b: int, cue: Token) -> tuple[int, int] | None:
        doc = self.doc
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        # Reported speech stays in the cue's paragraph, whatever the parse attached.
        para_start = self.text.rfind("\n", 0, cue.idx) + 1
        para_end = self.text.find("\n", cue.idx)
        start = max(start, para_start)
        end = min(end, para_end if para_end >= 0 else len(self.text))
        dateline = self.ctx.dateline
        if dateline and start < dateline["text_start"] <= cue.idx:
            start = dateline["text_start"]  # "KLAIPEDA, Lithuania (Wire) - " is not reported
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        # A lone mark at the start of a clause belongs to a quotation the clause only partly
        # holds; keep marks only when they pair up.
        m = MARKS.match(self.text, start)
        if m and not MARKS.search(self.text, m.end(), end):
            start = m.end()
        return (start, end) if end - start >= 3 else None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subject_of(verb: Token, usable: Callable[[Token], bool] = lambda t: True,
               depth: int = 0) -> Token | None:
    """The subject speaking through `verb`: its own, or that of the verb it hangs from
    ("McCann said, indicating that …", "He smiled and said …", "issued a statement saying …"),
    or, in "“…,” said Sanders", the name after it. `usable` rejects subjects the parse found
    inside the quotation or in another paragraph."""
    passive = False
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and usable(child):
            return child
        if child.dep_ in ("nsubjpass", "auxpass"):
            passive = True
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.head.i == verb.i and nxt.pos_ in ("PROPN", "NOUN", "PRON") \
            and nxt.dep_ in ("nsubj", "dobj", "npadvmod", "attr", "dative", "oprd", "appos") \
            and nxt.ent_type_ not in ("DATE", "TIME") and usable(nxt):
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if prev is not None and (prev.is_punct or MARKS.search(prev.text)):
            return nxt  # “…,” said Sanders
    if depth >= 3 or verb.head.i == verb.i:
        return None
    if verb.dep_ == "pcomp":
        # "responded by saying …", "refuses to discuss it, aside from saying …"
        owner = verb.head
        while owner.pos_ in ("ADP", "ADV") and owner.head.i != owner.i:
            owner = owner.head
        if owner.pos_ in ("VERB", "AUX"):
            return subject_of(owner, usable, depth + 1)
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head.pos_ in ("VERB", "AUX"):
        subj = subject_of(verb.head, usable, depth + 1)
        # "It is worth noting that …": an empty subject speaks for nobody.
        if subj is not None and verb.head.pos_ == "AUX" and subj.lower_ in ("it", "this", "that", "there"):
            return None
        return subj
    if verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj"):
        owner = verb.head.head
        if owner.dep_ == "prep":
            owner = owner.head
        if owner.pos_ in ("VERB", "AUX"):
            return subject_of(owner, usable, depth + 1)
    return None


def body_offset(ctx: Context) -> int:
    """Where quotations are looked for: the body as the layout stage found it. Headline lines
    inside it stay in: "Flynn says Trump ‘absolutely right’" is attributed speech."""
    return ctx.body_start


def _parenthetical(content: str) -> bool:
    """A stage direction in a transcript: “(CROSSTALK.)”."""
    return content.startswith("(") and content.rstrip(".").endswith(")") and ")" not in content[1:-2]


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / max(1, end - start)


def _own(speaker: Speaker | None) -> Speaker | None:
    """Each quote gets its own Speaker (pronoun resolution shares them while it works)."""
    return dataclasses.replace(speaker) if speaker is not None else None


def _cue_span(c: Cue | None, text: str) -> Span | None:
    return Span(text[c.start:c.end], c.start, c.end) if c is not None else None


def _absorb(marked: list[Quote], reported: list[Quote]) -> list[Quote]:
    """A partial quotation inside a reported clause of the same verb is part of that clause."""
    kept = []
    for q in marked:
        if q.kind == "partial" and any(
                r.start <= q.start and q.end <= r.end and r.cue and q.cue and
                (r.cue.start, r.cue.end) == (q.cue.start, q.cue.end) for r in reported):
            continue
        kept.append(q)
    return kept


def run(ctx: Context) -> None:
    if not ctx.record.text.strip() or len(ctx.doc) == 0 or not ctx.doc.has_annotation("DEP"):
        return  # (no parse, no attribution: the stage never guesses from the surface alone)
    work = _Quotes(ctx)
    marked = work.marked()
    reported = work.reported()
    quotes = _absorb(marked, reported) + reported + work.blocks()
    quotes.sort(key=lambda q: (q.start, q.end))
    ctx.record.quotes = quotes
    log.debug("%d quotes (%d in marks, %d reported)", len(quotes), len(marked), len(reported))
