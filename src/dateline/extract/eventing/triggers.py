"""Event mentions in one parsed document: verbs and nouns from the lexicon, with their actors.

For every verb whose lemma has patterns ("met", "visited", "pledged") the parse gives the source
(subject, or the agent of a passive, or the controller of an infinitive: "urged X to meet", "agreed
to provide") and the target (object, dative, or the object of a listed preposition). For every
event noun ("summit", "talks", "invasion", "the supply of equipment from A to B") the actors come
from the possessive, demonym/name modifiers and the of/by/from/to/between/with/in phrases, else
from the subject of a light verb ("held talks", "imposed sanctions"). Frame verbs re-code the event
they govern (agreed to X -> intent; refused to X -> reject; threatened to X -> threaten; demanded
X -> demand). Headlines, which the parser reads badly, get a shallow left-actor/verb/right-actor
reading. Hand-written: no library codes CAMEO events from a spaCy parse.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from ... import knowledge
from ...record import Entity, Place, TimeRef
from ..context import Context
from .lexicon import Lexicon, Pattern
from .modality import Modality, noun_modality, verb_modality
from .participants import ACTOR_TYPES, PLACE_TYPES, Arg, Participants, same_actor
from .setting import Setting

HOSTILE_TARGET_ROOTS = frozenset({"02", "10", "11", "12", "13"})
THREAT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
# roots whose target may be given only by the place where the act happens
PLACE_TARGET_ROOTS = frozenset({"07", "08", "09", "14", "15", "16", "17", "18", "19", "20"})
PREP_LIGHT = frozenset({("in", "engage"), ("in", "participate"), ("in", "join"), ("in", "take"),
                        ("in", "remain"), ("on", "remain"), ("on", "go"), ("on", "stay"),
                        ("into", "enter"), ("on", "embark"), ("on", "put"), ("on", "place"),
                        ("for", "call"), ("in", "stay")})


@dataclass
class Candidate:
    code: str
    tok: int
    start: int
    end: int
    sources: list[Arg]
    targets: list[Arg]
    modality: Modality
    pattern: Pattern
    nominal: bool
    line: int
    sentence: tuple[int, int]
    text: str = ""
    headline: bool = False
    definite: bool = False  # "the meeting", "Putin's visit": points back at a known event
    plover: str | None = None  # PLOVER category when it is not the code's own (see finish)
    where: Place | None = None
    when: TimeRef | None = None
    notes: list[str] = field(default_factory=list)


class Finder:
    def __init__(self, ctx: Context, lex: Lexicon):
        self.ctx = ctx
        self.lex = lex
        self.doc = ctx.doc
        self.text = ctx.record.text
        self.p = Participants(ctx)
        self.p.event_nouns = frozenset(lex.nouns)
        self.consumed: set[int] = set()
        self.by_tok: dict[int, Candidate] = {}
        self._headlines = self._headline_lines()
        self.setting = Setting(ctx, self.p)

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Candidate]:
        verbs = self.lex.verbs
        nouns = self.lex.nouns
        for tok in self.doc:
            if tok.pos_ == "VERB" and tok.dep_ != "amod" and self.lex.vlemma(tok) in verbs:
                c = self.verb(tok)
                if c is not None:
                    self.by_tok[tok.i] = c
        self.apply_frames()
        for tok in self.doc:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in self.consumed:
                key = tok.lemma_.lower()
                if key not in nouns and tok.lower_ in nouns:
                    key = tok.lower_
                if key in nouns and (tok.pos_ == "NOUN" or self.p.line(tok) in self._headlines):
                    c = self.noun(tok, key)
                    if c is not None:
                        self.by_tok[tok.i] = c
        self.headline_fallback()
        out = sorted(self.by_tok.values(), key=lambda c: c.start)
        for c in out:
            self.finish(c)
        return out

    # ------------------------------------------------------------------ verbs

    def _obj_heads(self, v: Token) -> list[Token]:
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)
        heads = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")
                 or (passive and c.dep_ == "nsubjpass")]
        return heads + [cj for h in heads for cj in h.conjuncts if cj.i > h.i]

    def phrase_lemmas(self, head: Token | None, depth: int = 0) -> set[str]:
        if head is None:
            return set()
        out = {head.lemma_.lower(), head.lower_}
        for c in head.children:
            if c.dep_ in ("compound", "amod", "nmod", "advmod"):
                out.add(c.lemma_.lower())
                out.add(c.lower_)
            elif c.dep_ == "prep" and c.lower_ == "of" and depth < 2:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out |= self.phrase_lemmas(p, depth + 1)
        return out

    def match_verb(self, v: Token) -> tuple[Pattern, str] | None:
        pats = self.lex.verbs.get(self.lex.vlemma(v))
        if not pats:
            return None
        prts = {c.lower_ for c in v.children if c.dep_ == "prt"}
        preps = {c.lower_: c for c in v.children if c.dep_ in ("prep", "agent", "dative")}
        objs = self._obj_heads(v)
        obj_lemmas: set[str] = set()
        for o in objs:
            obj_lemmas |= self.phrase_lemmas(o)
        extra = {c.lower_ for c in v.children if c.dep_ in ("advmod", "npadvmod")}
        subj = self.subject(v)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            extra |= self.phrase_lemmas(subj)  # "suicide bombers killed" -> 1831
        for p in pats:
            if p.prt and p.prt not in prts:
                continue
            if p.prep and p.prep not in preps:
                continue
            lemmas = set(obj_lemmas)
            if p.prep:
                for po in preps[p.prep].children:
                    if po.dep_ in ("pobj", "pcomp"):
                        lemmas |= self.phrase_lemmas(po)
            if p.objects and not (p.objects & lemmas):
                continue
            if p.objects is not None and not p.objects and not objs:
                continue
            return p, p.theme_code(lemmas | extra)
        return None

    def _child(self, v: Token, deps: tuple[str, ...]) -> Token | None:
        """A dependent of `v` with one of `deps`, preferring one on the verb's own line (a parse
        that glued a headline onto the lede can give the verb two subjects)."""
        kids = [c for c in v.children if c.dep_ in deps]
        line = self.p.line(v)
        return next((c for c in kids if self.p.line(c) == line), kids[0] if kids else None)

    def subject(self, v: Token, depth: int = 0) -> Token | None:
        """The understood subject of a verb, following control and coordination."""
        line = self.p.line(v)
        # two subjects mean a parse error ("KYIV, Ukraine - Russia attacked …", a headline glued
        # onto the lede): the one on the verb's line and nearest to it is the real one
        kids = sorted(v.children, key=lambda c: (self.p.line(c) != line, abs(v.i - c.i)))
        for c in kids:
            if c.dep_ in ("nsubj", "csubj", "expl"):
                if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                    return v.head
                if c.dep_ == "expl":
                    continue
                return c
        if depth > 4 or v.head is v:
            return None
        head = v.head
        if v.dep_ == "xcomp":
            # object control ("urged the EC to support", "led Putin to meet") when the object
            # can act; "used tear gas to disperse" is controlled by the subject
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if (obj is not None and self.lex.vlemma(head) not in self.lex.frames.get("commit", ())
                    and (obj.pos_ == "PRON" or self.p.resolve(obj))):
                return obj
            if head.pos_ in ("ADJ",) and head.dep_ == "acomp":
                return self.subject(head.head, depth + 1)
            raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if raised is not None:
                return raised  # "Obama is scheduled to attend", "was expected to visit"
            return self.subject(head, depth + 1)
        if v.dep_ in ("conj", "advcl", "pcomp"):
            if head.pos_ in ("VERB", "AUX"):
                return self.subject(head, depth + 1)
            if v.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
                gov = head.head
                if head.lower_ in ("for", "of"):
                    # "jailed a student for helping …", "accused X of violating …"
                    obj = next((c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")), None)
                    if obj is not None:
                        return obj
                return self.subject(gov, depth + 1)  # "gain from renewing ties"
            return None
        if v.dep_ == "relcl":
            return head
        if v.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
            if v.tag_ in ("VBN",):
                return None
            return head
        return None

    def _prep_obj(self, tok: Token, word: str) -> Token | None:
        for c in tok.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word:
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        return None

    def _args(self, tok: Token | None, line: int) -> list[Arg]:
        return [a for a in self.p.resolve(tok, line) if a.country]

    def verb_args(self, v: Token, p: Pattern) -> tuple[list[Arg], list[Arg]]:
        line = self.p.line(v)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)
        if passive:
            subj = self._prep_obj(v, "by")
            obj = self._child(v, ("nsubjpass",))
        else:
            subj = self.subject(v)
            obj = self._child(v, ("dobj",))

        def slot(name: str) -> list[Arg]:
            if name == "subj":
                return self._args(subj, line)
            if name == "dobj":
                if obj is None:
                    return []
                if (self.p.entity_of(obj) is not None or obj.pos_ == "PRON"
                        or obj.lemma_.lower() in knowledge.roles()):
                    # a name, a pronoun or a role noun ("the Libyan ambassador") is the target
                    found = self._args(obj, line)
                    if found:
                        return found
                # "pledged their support of Russia", "imposed sanctions on Iran"
                for w in ("of", "on", "against", "to", "from", "by", "with", "for"):
                    inner = self._prep_obj(obj, w)
                    if inner is not None:
                        found = self._args(inner, line)
                        if found:
                            return found
                return self._args(obj, line)
            if name == "dative":
                d = next((c for c in v.children if c.dep_ == "dative"), None)
                if d is None:
                    return []
                if d.pos_ == "ADP":
                    d = next((c for c in d.children if c.dep_ == "pobj"), None)
                return self._args(d, line)
            pobj = self._prep_obj(v, name)
            if pobj is None and obj is not None:
                pobj = self._prep_obj(obj, name)
            if pobj is None:
                return []
            found = self._args(pobj, line)
            if not found and pobj.pos_ == "NOUN" and self.p.entity_of(pobj) is None:
                # "advised against travel to Tunisia": the party is inside the object's phrase
                for w in ("to", "on", "against"):
                    inner = self._prep_obj(pobj, w)
                    found = self._args(inner, line) if inner is not None else []
                    if found:
                        break
            return found

        sources: list[Arg] = []
        for name in p.source:
            sources = slot(name)
            if sources:
                break
        targets: list[Arg] = []
        for name in p.target:
            targets = [a for a in slot(name) if not any(same_actor(a, s) for s in sources)]
            if targets:
                break
        if not targets:
            targets = [a for a in self._shared_target(v, line) if not any(same_actor(a, s) for s in sources)]
        if not targets and p.code[:2] in PLACE_TARGET_ROOTS and not p.reciprocal:
            targets = [a for a in self._place_target(v, line) if not any(same_actor(a, s) for s in sources)]
        if not targets and p.code[:2] in HOSTILE_TARGET_ROOTS:
            # "demanded that the US cancel…": the clause's subject is the target;
            # "threatened to cut off electricity to X": the clause's object or to/against-phrase
            for c in v.children:
                if c.dep_ not in ("ccomp", "xcomp"):
                    continue
                cands = [] if c.dep_ == "xcomp" else self._args(self.subject(c), line)
                if not cands:
                    obj = next((o for o in c.children if o.dep_ == "dobj"), None)
                    cands = self._args(obj, line) if obj is not None and self.p.entity_of(obj) else []
                for w in ("to", "against", "on", "with", "from"):
                    if cands:
                        break
                    pobj = self._prep_obj(c, w)
                    cands = self._args(pobj, line) if pobj is not None else []
                targets = [a for a in cands if not any(same_actor(a, s) for s in sources)]
                if targets:
                    break
        return sources, targets

    def _place_target(self, v: Token, line: int) -> list[Arg]:
        """"suspended aid deliveries in Baghdad", "protesters rallied in Kirkuk": when no party is
        named as the target, the country where a sanction, protest, arrest or attack happens is
        the one it is aimed at (CAMEO coders code the place's country)."""
        for node in [v] + self._obj_heads(v):
            for pp in node.children:
                if pp.dep_ != "prep" or pp.lower_ not in ("in", "at", "inside", "near", "outside"):
                    continue
                pobj = next((x for x in pp.children if x.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                found = [a for a in self._args(pobj, line) if a.place]
                if found:
                    return found[:1]
        return []

    def _shared_target(self, v: Token, line: int) -> list[Arg]:
        """Objects a verb shares with its neighbours in the parse: "established ties with and
        opened an embassy in Tehran" (a preposition left without its object takes the conjoined
        verb's), "opened fire to disperse protesters" (the purpose clause's object is the one
        fired at)."""
        dangling = [c for c in v.children if c.dep_ == "prep" and not any(
            x.dep_ in ("pobj", "pcomp") for x in c.children)]
        for o in self._obj_heads(v):
            dangling += [c for c in o.children if c.dep_ == "prep" and not any(
                x.dep_ in ("pobj", "pcomp") for x in c.children)]
        if dangling:
            for cj in v.conjuncts:
                if cj.i < v.i:
                    continue
                for node in [cj] + self._obj_heads(cj):
                    for pp in node.children:
                        if pp.dep_ != "prep":
                            continue
                        pobj = next((x for x in pp.children if x.dep_ == "pobj"), None)
                        found = self._args(pobj, line) if pobj is not None else []
                        if found:
                            return found
        for c in v.children:
            if c.dep_ == "advcl" and c.pos_ == "VERB" and any(
                    x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
                obj = next((x for x in c.children if x.dep_ == "dobj"), None)
                found = self._args(obj, line) if obj is not None else []
                if found:
                    return found
        return []

    def verb(self, v: Token) -> Candidate | None:
        m = self.match_verb(v)
        if m is None:
            return None
        p, code = m
        sources, targets = self.verb_args(v, p)
        if p.objects is not None and not p.objects and not targets:
            return None
        for o in self._obj_heads(v):
            self.consumed.add(o.i)
        return self._candidate(v, code, sources, targets, verb_modality(v, self.lex), p, False)

    def _candidate(self, tok: Token, code: str, sources: list[Arg], targets: list[Arg],
                   modality: Modality, p: Pattern, nominal: bool) -> Candidate:
        definite = nominal and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these"))
            for c in tok.children)
        return Candidate(code=code, tok=tok.i, start=tok.idx, end=tok.idx + len(tok),
                         sources=sources, targets=targets, modality=modality, pattern=p,
                         nominal=nominal, line=self.p.line(tok), sentence=self.setting.sentence(tok),
                         text=tok.text, headline=self.p.line(tok) in self._headlines,
                         definite=definite)

    # ------------------------------------------------------------------ frames

    def governor(self, v: Token) -> tuple[Token, str] | None:
        """The frame verb governing `v` and how: "xcomp" ("refused to go") or "ccomp"."""
        node = v
        for _ in range(2):
            if node.dep_ not in ("xcomp", "ccomp") or node.head is node:
                return None
            how = node.dep_
            node = node.head
            if node.pos_ == "ADJ" and node.dep_ == "acomp":
                node = node.head
            if node.pos_ == "VERB" and self.lex.frame_of(self.lex.vlemma(node)):
                return node, how
        return None

    def must_clauses(self) -> None:
        """"Russia said Sudan must return the helicopter": a demand by the speaker on Sudan."""
        reports = self.lex.modality.get("report_verbs", frozenset())
        for v in self.doc:
            if v.pos_ not in ("VERB", "AUX") or v.dep_ != "ccomp":
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "must" for c in v.children):
                continue
            f = v.head
            fl = self.lex.vlemma(f)
            if fl not in reports and fl not in self.lex.frames.get("demand", ()):
                continue
            line = self.p.line(f)
            speaker = self._args(self.subject(f), line)
            asked = [a for a in self._args(self.subject(v), line)
                     if not any(same_actor(a, s) for s in speaker)]
            if not speaker or not asked:
                continue
            c = self.by_tok.get(v.i)
            if c is not None:
                c.code = self.lex.mapped("demand_codes", c.code, "100")
                c.targets = asked or c.targets
                c.sources = speaker
            else:
                p = Pattern(lemma=self.lex.vlemma(v), code="100")
                c = self._candidate(v, "100", speaker, asked, verb_modality(f, self.lex), p, False)
                self.by_tok[v.i] = c
            c.notes.append(f"frame must: {f.text}")
            c.modality = verb_modality(f, self.lex)
            self.by_tok.pop(f.i, None)

    def apply_frames(self) -> None:
        self.must_clauses()
        for i, c in list(self.by_tok.items()):
            if any(n.startswith("frame") for n in c.notes):
                continue
            if c.nominal:
                continue
            v = self.doc[c.tok]
            gov = self.governor(v)
            if gov is None:
                continue
            f, how = gov
            frame = self.lex.frame_of(self.lex.vlemma(f))
            if how != "xcomp" and frame in ("commit", "refuse", "threaten"):
                continue  # "warned that Iran could attack": a report, not a threat by the speaker
            own = self.by_tok.get(f.i)
            if frame == "commit":
                if own is not None and not own.notes:
                    del self.by_tok[f.i]
                continue
            if frame == "report":
                self._reported_act(c, v, f)
                continue
            if frame == "wish":
                fsubj = self._args(self.subject(f), self.p.line(f))
                other = [a for a in c.sources if not any(same_actor(a, s) for s in fsubj)]
                if other and fsubj:
                    # "Obama wants Putin to attack X": an appeal to Putin (as "urged Putin to")
                    frame = "appeal"
                else:
                    # "the US wants to help Israel": the wisher's expressed intent
                    if c.code[:2] not in THREAT_ROOTS:
                        c.code = self.lex.mapped("intent_codes", c.code, c.code)
                    c.notes.append(f"frame wish: {f.text}")
                    continue
            table = {"refuse": ("refuse_codes", "120"), "threaten": ("threat_codes", "130"),
                     "demand": ("demand_codes", "100"), "appeal": ("appeal_codes", "020")}.get(frame)
            if table is None:
                continue
            fsubj = self._args(self.subject(f), self.p.line(f))
            if not fsubj and own is not None:
                fsubj = own.sources
            if frame in ("demand", "appeal"):
                asked = [a for a in c.sources if not any(a.key == s.key for s in fsubj)]
                c.targets = asked or c.targets
            c.sources = fsubj
            c.code = self.lex.mapped(table[0], c.code, table[1])
            c.modality = verb_modality(f, self.lex)
            c.notes.append(f"frame {frame}: {f.text}")
            if own is not None:
                del self.by_tok[f.i]

    def _reported_act(self, c: Candidate, v: Token, f: Token) -> None:
        """"The US claimed that ISIL had attacked Iraq": a state saying that another actor
        committed a hostile act accuses it (CAMEO 112, PETRARCH's nested coding), an event of its
        own on the speech verb; the attack stays too, as reported, since the text does tell of it.
        Only for a speaker named before the verb and a "that" clause, so the wire's closing
        attribution ("…, police said") adds no accusation."""
        if c.code[:2] not in self.lex.maps.get("report_codes", {}) or c.nominal:
            return
        if not any(ch.dep_ == "mark" and ch.lower_ == "that" for ch in v.children) or v.head.i != f.i:
            return
        subj = self.subject(f)
        if subj is None or subj.i > f.i:
            return
        speaker = self._args(subj, self.p.line(f))
        accused = [a for a in c.sources if not any(same_actor(a, s) for s in speaker)]
        if not speaker or not accused or any(s.actor.role for s in speaker if s.actor.role in ("MED",)):
            return
        if f.i in self.by_tok:
            return  # the speech verb is coded already ("accused")
        self.by_tok[f.i] = replace(
            c, code=self.lex.mapped("report_codes", c.code, "112"), tok=f.i, start=f.idx,
            end=f.idx + len(f.text), text=f.text, sources=speaker, targets=accused,
            modality=verb_modality(f, self.lex), plover=None, notes=[f"frame report: {f.text}"])

    # ------------------------------------------------------------------ nouns

    def noun(self, n: Token, key: str) -> Candidate | None:
        if n.dep_ == "compound" and n.head.lemma_.lower() in self.lex.nouns:
            return None
        head = n.head
        # "met in a summit", "signed an agreement": the verb already told this event
        gov = head.head if n.dep_ == "pobj" and head.dep_ == "prep" else head
        if gov.i in self.by_tok and gov.i != n.i:
            gc = self.by_tok[gov.i]
            if not gc.nominal:
                pats = self.lex.nouns[key]
                if any(gc.code[:2] == p.code[:2] for p in pats) or n.dep_ in ("dobj", "nsubjpass"):
                    return None
        mods = {c.lemma_.lower() for c in n.children if c.dep_ in ("compound", "amod", "nmod", "nummod")}
        mods |= {c.lower_ for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
        of_obj = self._prep_obj(n, "of")
        of_lemmas = self.phrase_lemmas(of_obj) if of_obj is not None else set()
        chosen = None
        for p in self.lex.nouns[key]:
            if p.plural and n.tag_ not in ("NNS", "NNPS"):
                continue
            if p.prep and self._prep_obj(n, p.prep) is None:
                continue
            if p.objects and not (p.objects & (mods | of_lemmas)):
                continue
            chosen = p
            break
        if chosen is None:
            return None
        p = chosen
        lv = self._light_verb(n)
        # the light verb may say which kind: "lodged a protest" is a formal complaint
        code = p.theme_code(mods | (of_lemmas if p.of == "theme" else set()) | {n.lower_}
                            | ({self.lex.vlemma(lv)} if lv is not None else set()))
        line = self.p.line(n)
        sources: list[Arg] = []
        targets: list[Arg] = []
        pair: list[Arg] = []
        poss = next((c for c in n.children if c.dep_ == "poss"), None)
        if poss is not None:
            sources += self._args(poss, line)
        # names and demonyms before the noun: "Russian invasion", "a North Korea-Russia deal"
        left = n.left_edge.i
        poss_ids = {t.i for t in poss.subtree} if poss is not None else set()
        seen = set()
        for t in self.doc[left:n.i]:
            if t.i in poss_ids or t.dep_ in ("det",) or self.p.line(t) != line:
                continue
            ent = self.p.entity_of(t)
            if ent is None or ent.type not in ACTOR_TYPES or ent.id in seen:
                continue
            if ent.type == "PERSON" and t.dep_ not in ("compound", "nmod"):
                continue
            if ent.type in PLACE_TYPES and not _country_like(ent):
                continue  # "a Tulsa rally", "a Kabul bombing": where, not who
            seen.add(ent.id)
            arg = self.p.arg_for_entity(ent, t)
            if arg.country:
                pair.append(arg)
        sources += pair  # a reciprocal pair ("North Korea-Russia deal") is paired up later
        for c in n.children:
            if c.dep_ != "prep":
                continue
            w = c.lower_
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if w == "of":
                if p.of == "theme":
                    continue
                args = self._args(pobj, line)
                if p.of == "source":
                    sources += args
                elif p.of == "both":
                    sources += args
                else:
                    targets += args
            elif w in ("by", "from"):
                sources += self._args(pobj, line)
            elif w in ("between", "among"):
                sources += self._args(pobj, line)
            elif w == "in" and p.in_ == "target":
                targets += self._args(pobj, line)
            elif w in p.target:
                targets += self._args(pobj, line)
        if not sources:
            if lv is not None:
                sources = self._args(self.subject(lv), self.p.line(lv))
                if not targets:
                    for w in p.target:
                        pobj = self._prep_obj(lv, w)
                        if pobj is not None:
                            targets = self._args(pobj, line)
                            if targets:
                                break
        sources = _unique(sources)
        targets = [t for t in _unique(targets) if not any(same_actor(t, s) for s in sources)]
        return self._candidate(n, code, sources, targets, noun_modality(n, self.lex), p, True)

    def _light_verb(self, n: Token) -> Token | None:
        h = n.head
        if n.dep_ in ("dobj", "nsubjpass", "attr") and h.pos_ == "VERB":
            return h if self.lex.vlemma(h) in self.lex.light_verbs else None
        if n.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ == "VERB":
            # "engaged in talks", "went on strike" — not "announced it at a rally"
            v = h.head
            return v if (h.lower_, self.lex.vlemma(v)) in PREP_LIGHT else None
        if n.dep_ == "conj":
            return self._light_verb(h) if h.pos_ in ("NOUN", "PROPN") else None
        return None

    # ------------------------------------------------------------------ headlines

    def _headline_lines(self) -> set[int]:
        """Lines set in title case (headlines, photo captions' credits): the parse is unreliable."""
        out = set()
        by_line: dict[int, list[Token]] = {}
        for tok in self.doc:
            if tok.is_alpha:
                by_line.setdefault(self.p.line(tok), []).append(tok)
        for line, toks in by_line.items():
            if len(toks) > 20 or len(toks) < 2:
                continue
            caps = sum(1 for t in toks if t.text[:1].isupper() or t.lower_ in _SMALL_WORDS)
            if caps / len(toks) >= 0.8:
                out.add(line)
        return out

    def headline_fallback(self) -> None:
        """Headlines: actors left of a verb act on actors right of it ("Kim and Putin Meet")."""
        for line in self._headlines:
            toks = [t for t in self.doc if self.p.line(t) == line]
            if any(t.i in self.by_tok and not self.by_tok[t.i].nominal for t in toks):
                continue
            for t in toks:
                low = t.lower_
                pats = self.lex.verbs.get(low) or self.lex.verbs.get(t.lemma_.lower())
                if pats is None and low.endswith("s"):
                    pats = self.lex.verbs.get(low[:-1]) or self.lex.verbs.get(low[:-2] if low.endswith("es") else "")
                if not pats or t.i in self.by_tok:
                    continue
                p = next((x for x in pats if x.objects is None and not x.prep and not x.prt), None)
                if p is None:
                    continue
                left = self._line_actors(toks, None, t.i, t)
                right = self._line_actors(toks, t.i + 1, None, t)
                if not left:
                    continue
                if not p.place_target:
                    right = [a for a in right if not a.place]  # "Meet in Paris": where, not whom
                if p.reciprocal and len(left) >= 2:
                    right = []
                elif not right and not p.alone and t.tag_ in ("NNS", "NNPS"):
                    continue  # "… in Moscow as Talks Begin": a plural noun, not a verb
                c = self._candidate(t, p.code, left, right[:1], Modality(), p, False)
                c.headline = True
                self.by_tok[t.i] = c
                break

    def _line_actors(self, toks: list[Token], lo: int | None, hi: int | None,
                     trigger: Token) -> list[Arg]:
        out, seen = [], set()
        t_ent = self.p.entity_of(trigger)
        for t in toks:
            if (lo is not None and t.i < lo) or (hi is not None and t.i >= hi):
                continue
            ent = self.p.entity_of(t)
            if ent is None or ent.type not in ACTOR_TYPES or ent.id in seen or ent is t_ent:
                continue
            seen.add(ent.id)
            arg = self.p.arg_for_entity(ent, t)
            if arg.country:
                out.append(arg)
        return out

    def _is_person(self, a: Arg) -> bool:
        ent = self.ctx.record.entity(a.actor.entity) if a.actor.entity else None
        return ent is not None and ent.type == "PERSON"

    def _conditional(self, v: Token) -> bool:
        """An "if"/"unless" clause on the verb: "will withdraw unless …"."""
        for ch in v.children:
            if ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                          for m in ch.children):
                return True
        return False

    def finish(self, c: Candidate) -> None:
        if c.pattern.roles and c.sources:
            c.code = c.pattern.role_code(c.sources[0].actor.role, c.code)
        framed = any(n.startswith("frame") for n in c.notes)
        if c.pattern.persons and not framed and c.sources and c.targets and all(
                self._is_person(a) for a in (c.sources[0], c.targets[0])):
            c.code = c.pattern.persons  # "Biden attacked Trump for …": words, not weapons
        m = c.modality
        framed = any(n.startswith("frame") for n in c.notes)
        root = c.code[:2]
        conditional = not c.nominal and self._conditional(self.doc[c.tok])
        if not framed and root in THREAT_ROOTS and not m.attempt and (
                (m.value == "planned" and not m.purpose and (m.commit or conditional or not c.nominal))
                or (m.value == "possible" and conditional)):
            # "will impose a curfew", "plans to impose restrictions", "may halt mediation if …":
            # an announced hostile act is a threat in CAMEO
            c.code = self.lex.mapped("threat_codes", c.code, "130")
            c.notes.append("threat: announced hostile act")
        elif not framed and root == "08" and conditional and m.value in ("planned", "possible"):
            c.code = self.lex.mapped("threat_codes", c.code, "131")
            c.notes.append("threat: conditional withdrawal")
        elif m.commit and m.value == "planned" and not framed:
            # "pledged to provide aid": CAMEO codes the expressed intent. "will supply arms": the
            # act itself, planned (modality says so); PLOVER files an announced cooperative act
            # under AGREE either way, so the category is the intent code's
            intent = (c.pattern.intent if c.code == c.pattern.code and c.pattern.intent
                      else self.lex.mapped("intent_codes", c.code, c.code))
            if m.pledged:
                c.code = intent
            elif intent != c.code:
                info = self.lex.info(intent)
                c.plover = info.plover if info else None
                c.notes.append(f"planned: intent {intent}")
        c.where = self.setting.where(c)
        c.when = self.setting.when(c)


_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for",
                          "with", "by", "as", "vs", "from", "over", "after"})


def _country_like(ent: Entity) -> bool:
    """A country, capital or bloc — a place name that can stand for a state actor."""
    kind = (ent.geo or {}).get("kind")
    if kind:
        return kind == "country" or bool((ent.geo or {}).get("metonym"))
    hit = knowledge.country_of(ent.name)
    return hit is not None and hit.kind in ("name", "capital", "bloc")


def _unique(args: list[Arg]) -> list[Arg]:
    seen, out = set(), []
    for a in args:
        if a.key not in seen:
            seen.add(a.key)
            out.append(a)
    return out
