"""Quotations: direct, partial and indirect speech, each with its speaker.

- direct    the words inside quotation marks, attributed by a speech verb next to them
            ("“…,” he added" / "McCann said: “…”" / "“…” ― Jane Doe") or continuing the
            previous speaker's quotation in the next paragraph;
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
import functools
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..record import Quote, Span, Speaker
from .context import Context
from .quoting.cues import CLAUSE, OBJECT, PARTIAL, QUOTE, SOURCE, cue_words, speech_verbs
from .quoting.marks import MARKS, Quoted, find_quoted
from .quoting.speakers import Speakers

log = logging.getLogger(__name__)

_SENT_END = frozenset({".", "!", "?", ";"})
_LEAD_DEPS = frozenset({"dobj", "dative", "npadvmod", "prep", "advmod", "punct", "prt", "agent",
                        "neg", "aux", "auxpass", "nsubj", "ccomp", "parataxis", "dep", "xcomp",
                        "mark", "oprd"})
_TAIL_DEPS = frozenset({"advmod", "npadvmod", "aux", "auxpass", "neg", "punct", "prep", "dative",
                        "dobj"})
_TRIM = " \t\r\n,;:.\u2014\u2013-"
_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.'\u2019-]+(?:[ \t][A-Z][A-Z.'\u2019-]+){0,2}):[ \t]+")
# Passing a clause of these kinds on the way up from a quoted fragment leaves its sentence frame.
_CLAUSE_WALLS = frozenset({"relcl", "acl", "advcl", "parataxis", "appos"})
_MIN_INDIRECT_TOKENS = 3


@dataclass
class Cue:
    token: Token
    frames: frozenset[str]
    start: int
    end: int
    speaker: Speaker | None


@functools.lru_cache(maxsize=4)
def _dash_pattern(dashes: str) -> re.Pattern[str]:
    return re.compile(r"[ \t]*[" + re.escape(dashes) + r"][ \t]*"
                      r"(?P<name>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})"
                      r"[ \t.,]*(?:\n|$)")


class _Quotes:
    """One document's pass: cues, quoted spans, then attribution."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = ctx.record.text
        self.doc: Doc = ctx.doc
        self.body = body_offset(ctx)
        self.starts = [t.idx for t in self.doc]
        self.start_token = bisect.bisect_left(self.starts, self.body)
        self.quoted = find_quoted(self.text, self.body)
        self.inside = self._inside_mask()
        self.speakers = Speakers(ctx, self.start_token, lambda i: self.inside[i])
        self.cues = self._cues()

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
        for tok in doc[self.start_token:]:
            frames = None
            end_tok = tok
            if tok.i + 1 < len(doc) and (tok.lower_, doc[tok.i + 1].lower_) in verbs.prepositions:
                frames = verbs.prepositions[(tok.lower_, doc[tok.i + 1].lower_)]
                end_tok = doc[tok.i + 1]
            elif tok.pos_ == "VERB" and tok.dep_ != "amod":
                lemma = tok.lemma_.lower()
                prt = next((c for c in tok.children if c.dep_ == "prt"), None)
                if prt is not None and (lemma, prt.lower_) in verbs.phrasal:
                    frames = verbs.phrasal[(lemma, prt.lower_)]
                else:
                    frames = verbs.verbs.get(lemma)
            if not frames:
                continue
            if SOURCE in frames:
                obj = next((c for c in end_tok.children if c.dep_ == "pobj"), None)
                speaker = self.speakers.of_subject(obj) if obj is not None else None
            else:
                subj = subject_of(tok)
                speaker = self.speakers.of_subject(subj) if subj is not None else None
            out[tok.i] = Cue(tok, frames, tok.idx, end_tok.idx + len(end_tok.text), speaker)
        return out

    # ------------------------------------------------------------------ quotations in marks

    def marked(self) -> list[Quote]:
        out: list[Quote] = []
        last_speaker: Speaker | None = None
        last_end = -1
        for q in self.quoted:
            start, end, speaker, cue, attr_end = q.start, q.end, None, None, q.outer_end
            kind = "partial" if self._embedded(q) else "direct"
            label = _LABEL.match(self.text, start, end)
            if label and kind == "direct":
                speaker = self.speakers.named(label.start("label"), label.end("label"))
                start = label.end()
                found = True
            else:
                found = False
            if not found and kind == "partial":
                c = self._governing(q)
                if c is not None:
                    cue, speaker, found = c, c.speaker, True
            if not found:
                c, after = self._tail(q)
                if c is not None:
                    cue, speaker, found, attr_end = c, c.speaker, True, after
            if not found:
                dash = _dash_pattern(cue_words().dashes).match(self.text, q.outer_end)
                if dash:
                    speaker = self.speakers.named(dash.start("name"), dash.end("name"))
                    found, attr_end = True, dash.end()
            if not found and kind == "direct":
                c = self._lead(q)
                if c is not None:
                    cue, speaker, found = c, c.speaker, True
            if not found and kind == "direct":
                c = self._complement_of(q)
                if c is not None:
                    cue, speaker, found = c, c.speaker, True
            if not found and kind == "direct" and last_end >= 0 and \
                    not self.text[last_end:q.open].strip(" \t\r\n.,"):
                speaker, found = last_speaker, True  # the same speaker goes on
            if not found and not self._speech_like(q):
                continue
            if kind == "partial" and not found:
                continue
            if kind == "direct" and self._is_title(q):
                continue
            if end <= start:
                continue
            out.append(Quote(text=self.text[start:end], start=start, end=end, kind=kind,
                             speaker=speaker, cue=_cue_span(cue, self.text)))
            if found and kind == "direct":
                last_speaker, last_end = speaker, attr_end
            else:
                last_speaker, last_end = None, -1
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
        head = prev.head
        if prev.dep_ in ("dobj", "dative", "npadvmod", "pobj") and self.cues.get(head.i) is not None \
                and QUOTE in self.cues[head.i].frames and prev.dep_ != "pobj":
            return False  # told reporters “…”
        return True

    def _governing(self, q: Quoted) -> Cue | None:
        """The speech verb a quoted fragment depends on (walking up the parse from it)."""
        first, last = self.token_at(q.start), self.token_at(max(q.start, q.end - 1))
        root = next((t for t in self.doc[first:last + 1] if not first <= t.head.i <= last), None)
        if root is None:
            return None
        tok = root
        for _ in range(10):
            if tok.head.i == tok.i:
                return None
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ in _CLAUSE_WALLS and tok.i != root.i:
                return None
            tok = tok.head
            c = self.cues.get(tok.i)
            if c is not None and not self.inside[tok.i]:
                return c
        return None

    def _tail(self, q: Quoted) -> tuple[Cue | None, int]:
        """“…,” McCann said / “…,” said McCann / “…?” he asked."""
        if q.close is None:
            return None, -1
        doc = self.doc
        j = bisect.bisect_left(self.starts, q.close + 1)
        after = self.text[q.close + 1:q.close + 3]
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
            if c is not None and QUOTE in c.frames | {CLAUSE} and self._only_frame(k, m, c):
                return c, tk.sent.end_char
            if tk.text in _SENT_END:
                return None, -1
        return None, -1

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
                     and QUOTE in c.frames | {CLAUSE} and not self.inside[i]]
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
                return c
            return None
        return None

    def _complement_of(self, q: Quoted) -> Cue | None:
        """A speech verb whose complement the quotation is, however far the parse puts them."""
        first, last = self.token_at(q.start), self.token_at(max(q.start, q.end - 1))
        root = next((t for t in self.doc[first:last + 1] if not first <= t.head.i <= last), None)
        if root is None or root.dep_ not in ("ccomp", "parataxis", "dobj", "xcomp"):
            return None
        c = self.cues.get(root.head.i)
        if c is not None and QUOTE in c.frames and not self.inside[root.head.i]:
            return c
        return None

    def _speech_like(self, q: Quoted) -> bool:
        """Whole sentences in marks are speech even without a cue; a word or two is not."""
        words = self.text[q.start:q.end].split()
        return len(words) >= 4

    def _is_title(self, q: Quoted) -> bool:
        """Short Title Case words in marks name a book, a show or an ad (“The Apprentice”)."""
        words = self.text[q.start:q.end].split()
        if len(words) > 6 or self.text[q.end - 1] in ".!?,":
            return False
        j = self._prev_char(q.open)
        if j >= 0:
            prev = self.doc[self.token_at(j)]
            if prev.lower_ in cue_words().naming_words and prev.dep_ in ("acl", "amod", "compound") \
                    or prev.pos_ in ("NOUN",) and prev.lower_ in cue_words().naming_words:
                return True
        content = [w for w in words if w[:1].isalpha() and len(w) > 3]
        return bool(content) and all(w[:1].isupper() for w in content)

    # ------------------------------------------------------------------ reported speech

    def reported(self, marked: list[Quote]) -> list[Quote]:
        out = []
        spans = [(q.start, q.end) for q in self.quoted]
        for c in self.cues.values():
            if self.inside[c.token.i]:
                continue
            span = self._content(c)
            if span is None:
                continue
            start, end = span
            if _covered(start, end, spans) >= 0.6:
                continue  # the clause is a quotation in marks, already taken as direct
            out.append(Quote(text=self.text[start:end], start=start, end=end, kind="indirect",
                             speaker=c.speaker, cue=_cue_span(c, self.text)))
        return out

    def _content(self, c: Cue) -> tuple[int, int] | None:
        tok = c.token
        if any(ch.dep_ == "neg" for ch in tok.children):
            return None
        if SOURCE in c.frames:
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
            # Keep the side of the clause that does not hold the "according to" phrase.
            a, b = min(toks), max(toks)
            if min(skip) > a and max(skip) < b:
                pass
            elif min(skip) <= a:
                a = max(a, max(skip) + 1)
            else:
                b = min(b, min(skip) - 1)
            return self._char_span(a, b)
        comp = None
        if CLAUSE in c.frames:
            comp = next((ch for ch in tok.children if ch.dep_ == "ccomp"), None)
        if comp is None and OBJECT in c.frames:
            comp = next((ch for ch in tok.children if ch.dep_ in ("dobj", "ccomp")), None)
        if comp is None:
            return None
        a, b = comp.left_edge.i, comp.right_edge.i
        if b - a + 1 < _MIN_INDIRECT_TOKENS:
            return None
        return self._char_span(a, b)

    def _char_span(self, a: int, b: int) -> tuple[int, int] | None:
        doc = self.doc
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        piece = self.text[start:end]
        lead = len(piece) - len(piece.lstrip(_TRIM))
        start += lead
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        # A lone opening mark at the start or closing mark at the end of a clause belongs to a
        # quotation the clause only partly holds; keep marks only when they pair up.
        while end > start and self.text[start] in "\"\u201c\u201d" and \
                not MARKS.search(self.text, start + 1, end):
            start += 1
        return (start, end) if end - start >= 3 else None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject speaking through `verb`: its own, or that of the verb it hangs from
    ("McCann said, indicating that …", "He smiled and said …", "issued a statement saying …")."""
    passive = False
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
        if child.dep_ in ("nsubjpass", "auxpass"):
            passive = True
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if depth >= 3 or verb.head.i == verb.i:
        return None
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj"):
        owner = verb.head.head
        if owner.dep_ == "prep":
            owner = owner.head
        if owner.pos_ in ("VERB", "AUX"):
            return subject_of(owner, depth + 1)
    return None


def body_offset(ctx: Context) -> int:
    """Where the body starts: after the layout stage's headline block, and after a first line
    that repeats the title (headlines quote loosely: "Pence: …", “‘in Their Heads’”)."""
    text = ctx.record.text
    start = ctx.body_start
    title = (ctx.record.title or "").strip()
    if title and start == 0:
        first = text.lstrip()
        line = first.split("\n", 1)[0].strip()
        if line and (line == title or line.rstrip(".") == title.rstrip(".")):
            start = text.index(line) + len(line)
    return start


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / max(1, end - start)


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
    if not ctx.record.text.strip() or len(ctx.doc) == 0:
        return
    work = _Quotes(ctx)
    marked = work.marked()
    reported = work.reported(marked)
    quotes = _absorb(marked, reported) + reported
    quotes.sort(key=lambda q: (q.start, q.end))
    ctx.record.quotes = quotes
    log.debug("%d quotes (%d in marks, %d reported)", len(quotes), len(marked), len(reported))
