"""Who did what to whom: from a word in the dependency parse to coded actors.

An argument slot (a subject, an object, the object of "with") points at a head token. This module
turns it into actors (`record.Actor` with country + CAMEO role + entity id):

- a name the entity stage found ("Vladimir Putin", "Moscow") -> that entity, coded by the actor
  stage (entity.country / entity.role) or, while that is missing, by a small fallback here;
- a group phrase ("American intelligence", "Russian troops", "Senior Hungarian and Romanian
  officials") -> the lead's `actors.code_phrase` when it exists, else countries of the names
  inside the phrase plus a role word from knowledge/roles.tsv;
- pronouns, "the latter", "the two leaders", "both nations" -> the nearest fitting actors before.

Hand-written: spaCy has no coreference in the small English model, and no library codes CAMEO
actors; the rules are short recency heuristics, good enough for news prose.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Token

from ... import knowledge
from ...record import Actor, Entity
from ..actors import known_person
from ..context import Context

ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PRON_PERSON = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PRON_THING = frozenset({"it", "its", "itself"})
PRON_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PRON_PERSON | PRON_THING | PRON_PLURAL
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Plural descriptions that point back at the two parties of the story ("the two leaders").
GROUP_WORDS = {"leader": "PERSON", "president": "PERSON", "head": "PERSON", "man": "PERSON",
               "nation": "GPE", "country": "GPE", "state": "GPE", "government": "GPE",
               "capital": "GPE", "neighbour": "GPE", "neighbor": "GPE", "side": None,
               "two": None, "party": None, "ally": None}
# "his critics", "Russia's enemies": the possessor is the other side, not the group itself.
COUNTERPARTS = frozenset({"critic", "opponent", "rival", "enemy", "foe", "adversary", "victim",
                          "detractor", "challenger", "neighbour", "neighbor", "counterpart"})
NP_HEAD_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "poss", "appos", "ROOT",
                          "dative", "attr", "npadvmod"})
_WORD = re.compile(r"[A-Za-z][\w.'’-]*")


@dataclass
class Arg:
    actor: Actor
    token: int          # head token of the phrase
    place: bool = False  # the actor is a place (its country acts)
    key: str = ""       # identity for merging: entity id or country/role/name

    @property
    def country(self) -> str | None:
        return self.actor.country


class Participants:
    """Resolves argument heads to actors for one document; caches per token."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.record.text
        self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        self._cache: dict[int, list[Arg]] = {}
        self._ent_tok: dict[int, Entity | None] = {}
        self._coded: dict[str, tuple[str | None, str | None]] = {}
        mentions = sorted((m.start, m.end, e) for e in ctx.record.entities for m in e.mentions)
        self._mentions = mentions
        self._mention_starts = [m[0] for m in mentions]
        self._code_phrase = _lead_code_phrase()
        self.event_nouns: frozenset[str] = frozenset()  # set by the finder from the lexicon

    # ------------------------------------------------------------------ lines

    def line(self, tok: Token) -> int:
        return bisect.bisect_right(self._newlines, tok.idx)

    def on_line(self, tok: Token, line: int) -> list[Token]:
        """Maximal nominal subtrees of `tok` that lie on `line` (for parses crossing line breaks:
        a photo credit glued onto the caption's subject, a headline glued onto the dek)."""
        inside = [t for t in tok.subtree if self.line(t) == line]
        ids = {t.i for t in inside}
        return [t for t in inside if t.head.i not in ids or t.head.i == t.i
                if t.pos_ in ("PROPN", "NOUN", "PRON", "NUM")]

    # ------------------------------------------------------------------ entities

    def entity_of(self, tok: Token) -> Entity | None:
        if tok.i not in self._ent_tok:
            ent = None
            i = bisect.bisect_right(self._mention_starts, tok.idx) - 1
            end = tok.idx + len(tok)
            while i >= 0:
                s, e, cand = self._mentions[i]
                if s <= tok.idx and e >= end:
                    ent = cand
                    break
                if tok.idx - s > 120:
                    break
                i -= 1
            self._ent_tok[tok.i] = ent
        return self._ent_tok[tok.i]

    def code_entity(self, ent: Entity, tok: Token | None = None) -> tuple[str | None, str | None]:
        """(country, role) of an entity: the actor stage's codes, else a fallback from knowledge."""
        if ent.country or ent.role:
            return ent.country, ent.role
        if ent.id not in self._coded:
            country, role = None, None
            known = known_person(ent.name) if ent.type == "PERSON" or ent.name in knowledge.people() \
                else None
            if known:
                country, role = known  # ("Putin" alone: the one well-known Putin)
                country = country[:3] if country else None  # (the slot of an "IGOUNO")
            else:
                hit = knowledge.country_of(ent.name)
                if hit:
                    country = hit.iso3
                    role = "GOV" if hit.kind == "capital" else None
                elif ent.geo and isinstance(ent.geo.get("country"), str) and len(ent.geo["country"]) == 3:
                    country = ent.geo["country"]
                else:
                    country, role = self._words_code(ent.name)
            self._coded[ent.id] = (country, role)
        country, role = self._coded[ent.id]
        if tok is not None and ent.type == "PERSON" and (country is None or role is None):
            pc, pr = self._premodifier_code(tok, ent)
            country, role = country or pc, role or pr
        return country, role

    def _premodifier_code(self, tok: Token, ent: Entity) -> tuple[str | None, str | None]:
        """"North Korean leader Kim Jong Un": country and role from the words before the name."""
        start = tok.left_edge.idx
        m_start = next((m.start for m in ent.mentions if m.start <= tok.idx < m.end), tok.idx)
        if m_start <= start:
            return None, None
        country = None
        for e, s, _ in self.ctx.entities_in(start, m_start):
            if e is not ent and e.type in ("NORP", "GPE"):
                country = self.code_entity(e)[0] or country
        return country, _role_in(self.text[start:m_start])

    def _words_code(self, name: str) -> tuple[str | None, str | None]:
        country = None
        for word in re.findall(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?", name):
            hit = knowledge.country_of(word) or knowledge.country_of(word.split()[0])
            if hit:
                country = hit.iso3
                break
        return country, _role_in(name)

    def arg_for_entity(self, ent: Entity, tok: Token) -> Arg:
        country, role = self.code_entity(ent, tok)
        return Arg(Actor(ent.name, country, role, ent.id, _code(ent, country)), tok.i,
                   ent.type in PLACE_TYPES, ent.id)

    # ------------------------------------------------------------------ resolution

    def resolve(self, tok: Token | None, line: int | None = None) -> list[Arg]:
        """Actors a phrase headed by `tok` stands for (coordinations give several)."""
        if tok is None:
            return []
        if line is not None and self.line(tok) != line:
            out: list[Arg] = []
            for t in self.on_line(tok, line):
                out += self.resolve(t)
            return _dedupe(out)
        heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        for c in tok.children:
            # "The US, Russia, and Switzerland": the parser makes a list an apposition
            if c.dep_ == "appos" and c.conjuncts and self.entity_of(c) is not None:
                heads += [c] + [x for x in c.conjuncts if x.i > c.i]
        out = []
        for h in heads:
            out += self.one(h)
        return _dedupe(out)

    def one(self, tok: Token, depth: int = 0) -> list[Arg]:
        if tok.i in self._cache:
            return self._cache[tok.i]
        self._cache[tok.i] = []  # guards against cycles while resolving
        out = self._one(tok, depth)
        self._cache[tok.i] = out
        return out

    def _one(self, tok: Token, depth: int) -> list[Arg]:
        low = tok.lower_
        if low in PRONOUNS:
            return self.antecedent(tok, depth)
        if low in ("latter", "former"):
            return self._latter(tok)
        ent = self.entity_of(tok)
        ent_arg = None
        if ent is not None and ent.type in ACTOR_TYPES:
            ent_arg = self.arg_for_entity(ent, tok)
            if ent_arg.country:
                return [ent_arg]
            # "Iraqi Kurds", "the Sudanese opposition": the name has no country, its modifier does
        lemma = tok.lemma_.lower()
        if lemma in GROUP_WORDS and tok.tag_ in ("NNS", "NNPS", "CD") and self._definite(tok):
            pair = self._recent_pair(tok, GROUP_WORDS[lemma])
            if pair:
                return pair
        if tok.pos_ not in ("NOUN", "PROPN", "NUM", "X"):
            return [ent_arg] if ent_arg else []
        if self.event_nouns and lemma in self.event_nouns and tok.pos_ == "NOUN":
            # "a Kabul car bombing killed five": an event is not an actor; only its
            # possessor ("Israel's strike") says who acted
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None:
                return self.resolve(poss)
            return self._author(tok)
        start = tok.left_edge.i
        if self.line(self.doc[start]) != self.line(tok):
            start = tok.i
        start = self._trim(start, tok)
        args = self._phrase(start, tok.i + 1, tok)
        if args:
            return args
        role = _role_in(tok.lemma_) or _role_in(tok.text)
        for c in tok.children:
            if c.dep_ == "poss" and lemma not in COUNTERPARTS:
                inner = self.resolve(c)
                if inner:
                    return [_with_role(a, role) for a in inner]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "in", "at", "within", "inside",
                                                 "throughout", "across", "around"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        inner = [a for a in self.resolve(p) if a.country]
                        if inner:
                            return [_with_role(a, role, place_ok=False) for a in inner]
        for c in tok.children:
            if c.dep_ == "appos":
                inner = self.resolve(c)
                if inner:
                    return inner
        for c in tok.children:
            # "workers affiliated with the Serbian Workers' Union", "militants loyal to X"
            if c.dep_ in ("acl", "amod") and c.i > tok.i:
                for pp in c.children:
                    if pp.dep_ == "prep" and pp.lower_ in ("with", "to", "from", "of"):
                        for p in pp.children:
                            if p.dep_ == "pobj":
                                inner = [a for a in self.resolve(p) if a.country]
                                if inner:
                                    return [_with_role(a, role, place_ok=False) for a in inner]
        return [ent_arg] if ent_arg else []

    def _author(self, tok: Token) -> list[Arg]:
        """Who an event noun's own modifiers say acted: a demonym ("an Australian ultimatum",
        "Israeli air strikes"), an organisation or person ("a United Nations appeal"), a
        country named as a modifier ("US drone attacks"). A city or region in front of the
        noun is where it happened ("a Kabul car bombing"), not who did it."""
        for c in tok.children:
            if c.i > tok.i or c.dep_ not in ("amod", "compound", "nmod"):
                continue
            ent = self.entity_of(c)
            if ent is None:
                continue
            if ent.type in ("NORP", "ORG", "PERSON"):
                pass
            elif ent.type == "GPE":
                hit = knowledge.country_of(ent.name)
                if hit is None or hit.kind != "name":
                    continue
            else:
                continue
            args = [a for a in self.resolve(c) if a.country]
            if args:
                return args
        return []

    def _trim(self, start: int, head: Token) -> int:
        """Drop leading words that do not name the group: "as many as 120,000 Russian soldiers"
        -> "Russian soldiers", "increased Western nations" -> "Western nations"."""
        roles = knowledge.roles()
        while start < head.i:
            t = self.doc[start]
            if t.text[:1].isupper() or self.entity_of(t) is not None or t.lower_ in roles:
                break
            if t.dep_ == "poss" or t.pos_ == "PRON":
                break
            start += 1
        return start

    def _phrase(self, start: int, end: int, head: Token) -> list[Arg]:
        """A group phrase: the lead's code_phrase, else names inside + a role word."""
        span = self.doc[start:end]
        c0, c1 = span.start_char, span.end_char
        if self._code_phrase is not None:
            try:
                actor = self._code_phrase(self.ctx, c0, c1)
            except Exception:  # the lead's coder is new; never let it sink the stage
                actor = None
            if actor is not None and actor.country:
                ent = self.ctx.record.entity(actor.entity) if actor.entity else None
                # "the Komsomolsk-on-Amur aircraft facility": a place phrase acts through its country
                place = ent is not None and ent.type in PLACE_TYPES and head.pos_ == "NOUN" \
                    and not _role_in(head.text)
                key = actor.entity or f"{actor.country}/{actor.role}"
                if ent is not None and ent.type == "NORP" and self.entity_of(head) is not ent:
                    # "Georgian demonstrators" and "the Georgian government" share a demonym,
                    # not an identity: the group is the demonym in its role
                    key = f"{key}/{actor.role or _role_in(head.text) or head.lemma_.lower()}"
                return [Arg(actor, head.i, place or (ent is not None and ent.type in PLACE_TYPES
                                                     and self.entity_of(head) is ent), key)]
        inside = [(e, s, t) for e, s, t in self.ctx.entities_in(c0, c1) if e.type in ACTOR_TYPES]
        if not inside:
            return []
        role = _role_in(self.text[c0:c1])
        out = []
        for ent, s, t in inside:
            country, erole = self.code_entity(ent)
            if not country:
                continue
            name = self.text[c0:c1]
            name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
            place = ent.type in PLACE_TYPES and len(inside) == 1 and not role
            out.append(Arg(Actor(name, country, role or (erole if ent.type == "ORG" else None),
                                 ent.id if ent.type in ("ORG", "PERSON") or place else None,
                                 _code(ent, country)),
                           head.i, place, f"{country}/{role}/{name.lower()}"))
        return _dedupe(out)

    # ------------------------------------------------------------------ reference

    def _definite(self, tok: Token) -> bool:
        words = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "poss")}
        if tok.lower_ == "two":
            return "the" in words or "both" in words
        return bool(words & {"the", "both", "two", "these", "those"})

    def _prior_mentions(self, tok: Token, window: int = 1500):
        """Entity mentions before `tok`, nearest first, within `window` characters."""
        i = bisect.bisect_left(self._mention_starts, tok.idx) - 1
        while i >= 0:
            s, e, ent = self._mentions[i]
            if tok.idx - s > window:
                return
            if e <= tok.idx:
                yield s, e, ent
            i -= 1

    def _recent_pair(self, tok: Token, kind: str | None) -> list[Arg]:
        """The two most recent distinct parties before `tok` ("the two" prefers people)."""
        if kind is None:
            return self._recent_pair(tok, "PERSON") or self._recent_pair(tok, "GPE")
        found: list[Arg] = []
        for s, e, ent in self._prior_mentions(tok):
            if kind == "PERSON" and ent.type != "PERSON":
                continue
            if kind == "GPE" and ent.type not in ("GPE", "NORP"):
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            arg = self.arg_for_entity(ent, span.root)
            if not arg.country or any(a.country == arg.country for a in found):
                continue
            found.append(arg)
            if len(found) == 2:
                return list(reversed(found))
        return []

    def _latter(self, tok: Token) -> list[Arg]:
        found: list[Arg] = []
        for s, e, ent in self._prior_mentions(tok, 600):
            if ent.type not in ("PERSON", "GPE", "ORG", "NORP"):
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            arg = self.arg_for_entity(ent, span.root)
            if arg.country and not any(a.country == arg.country for a in found):
                found.append(arg)
            if len(found) == 2:
                break
        if not found:
            return []
        return [found[0]] if tok.lower_ == "latter" or len(found) == 1 else [found[1]]

    def antecedent(self, tok: Token, depth: int = 0) -> list[Arg]:
        """Nearest fitting actor before a pronoun: earlier in its sentence, else the subjects of
        the two sentences before it, else anything there (nearest first)."""
        if depth > 2:
            return []
        order = [self.doc[i] for i in range(tok.i - 1, tok.sent.start - 1, -1)]
        first = tok.sent.start
        for _ in range(2):
            if first == 0:
                break
            prev = self.doc[first - 1].sent
            toks = [self.doc[i] for i in range(prev.end - 1, prev.start - 1, -1)]
            order += [t for t in toks if _is_subject(t)] + [t for t in toks if not _is_subject(t)]
            first = prev.start
        for t in order:
            hit = self._fits(tok, t, depth)
            if hit:
                return hit
        return []

    def _fits(self, pron: Token, t: Token, depth: int) -> list[Arg]:
        low = pron.lower_
        if t.dep_ not in NP_HEAD_DEPS or t.pos_ not in ("PROPN", "NOUN", "NUM", "PRON"):
            return []
        if t.pos_ == "PRON" and t.lower_ not in PRONOUNS:
            return []
        if t.dep_ == "poss" and t.head == pron.head:
            return []
        if low in PRON_PLURAL:
            if t.pos_ == "PRON" and t.lower_ not in PRON_PLURAL:
                return []
            plural = bool(t.conjuncts) or t.tag_ in ("NNS", "NNPS", "CD") or t.lower_ in PRON_PLURAL
            cands = [a for a in (self.resolve(t) if plural else self.one(t, depth + 1)) if a.country]
            if len(cands) >= 2 or (cands and (plural or self._collective(cands[0]))):
                return cands
            return []
        if t.pos_ == "PRON" and (t.lower_ in PRON_PLURAL or (t.lower_ in PRON_PERSON) != (low in PRON_PERSON)):
            return []
        cands = [a for a in self.one(t, depth + 1) if a.country]
        if not cands or t.tag_ in ("NNS", "NNPS"):
            return []
        ent = self.ctx.record.entity(cands[0].actor.entity) if cands[0].actor.entity else None
        etype = ent.type if ent else None
        if low in PRON_PERSON and etype == "PERSON":
            return cands[:1]
        if low in PRON_THING and etype != "PERSON":
            return cands[:1]
        return []

    def _collective(self, arg: Arg) -> bool:
        ent = self.ctx.record.entity(arg.actor.entity) if arg.actor.entity else None
        return ent is None or ent.type in ("GPE", "ORG", "NORP")


def same_actor(a: Arg, b: Arg) -> bool:
    """The same party: one key, or one entity in one role ("Georgian demonstrators" and
    "the Georgian government" share a demonym, not an identity)."""
    return a.key == b.key or bool(a.actor.entity and a.actor.entity == b.actor.entity
                                  and a.actor.role == b.actor.role)


def _is_subject(t: Token) -> bool:
    return t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass"))


def _lead_code_phrase():
    try:
        from .. import actors
    except Exception:  # pragma: no cover - the actor stage is being written
        return None
    return getattr(actors, "code_phrase", None)


def _role_in(text: str) -> str | None:
    """The CAMEO role of the last role word in a phrase ("Russian President" -> GOV)."""
    roles = knowledge.roles()
    words = [w.lower().strip(".'’") for w in _WORD.findall(text)]
    best = None
    for i in range(len(words)):
        for n in (3, 2, 1):
            key = " ".join(words[i:i + n])
            if len(words[i:i + n]) == n and key in roles:
                best = roles[key]
                break
    return best


def _with_role(arg: Arg, role: str | None, place_ok: bool = True) -> Arg:
    if not role or arg.actor.role == role:
        return arg
    a = arg.actor
    return Arg(Actor(a.name, a.country, role, a.entity, a.code), arg.token, arg.place and place_ok,
               f"{arg.key}/{role}")


def _dedupe(args: list[Arg]) -> list[Arg]:
    seen, out = set(), []
    for a in args:
        k = (a.key, a.country)
        if k not in seen:
            seen.add(k)
            out.append(a)
    return out


def _code(ent: Entity, country: str | None) -> str | None:
    """The entity's full CAMEO code, when the actor keeps the entity's country slot."""
    return ent.code if ent.code and country and ent.code.startswith(country) else None
