"""Did it happen? Modality of an event trigger from the dependency parse.

asserted   "Kim met Putin"
reported   "officials said Kim met Putin", "Kim reportedly met Putin"
planned    "Kim will meet Putin", "they plan to meet", "met to discuss", "pledged to provide"
possible   "Kim could meet Putin", "a potential deal"
negated    "the leaders did not disclose", "refused to withdraw" (the withdrawal)

When several cues apply the strongest qualification wins: negated > possible > planned > reported.
Cue words live in cameo_verbs.yaml (`modality:` and `frames:`). Hand-written: spaCy gives the
parse but no modality; the rules follow the auxiliaries, negation and governing verbs upward.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Lexicon

ORDER = ("negated", "possible", "planned", "reported", "asserted")
PLAN_NOUNS = frozenset({"plan", "proposal", "offer", "intention", "intent", "hope", "call", "bid",
                        "readiness", "willingness", "pledge", "promise", "commitment"})


@dataclass(frozen=True)
class Modality:
    value: str = "asserted"
    commit: bool = False  # promised, offered, agreed to, or announced for the future
    purpose: bool = False  # only the aim of another act ("met to discuss")
    pledged: bool = False  # the commitment is a speech act of its own ("pledged to", "agreed to",
    #                        "is ready to"), not only a future tense ("will supply")
    attempt: bool = False  # tried, not announced ("tried to hack"): an act, not a threat


def _pick(flags: set[str]) -> str:
    return next((m for m in ORDER if m in flags), "asserted")


def verb_modality(v: Token, lex: Lexicon) -> Modality:
    mod = lex.modality
    commits = lex.frames.get("commit", frozenset())
    ready = lex.frames.get("ready", frozenset())
    flags: set[str] = set()
    commit = conditional = purpose = pledged = attempt = False
    node, came, depth = v, None, 0
    while True:
        for c in node.children:
            d, low = c.dep_, c.lower_
            if d == "neg" or (d == "advmod" and low == "never"):
                flags.add("negated")
            elif d in ("aux", "auxpass"):
                if low in mod.get("future", ()):
                    flags.add("planned")
                    commit = True
                elif low in mod.get("conditional", ()):
                    conditional = True
                elif low in mod.get("possible", ()):
                    flags.add("possible")
            elif d == "advmod" and low in mod.get("possible_words", ()):
                flags.add("possible")
            elif d == "advmod" and low in mod.get("report_words", ()):
                flags.add("reported")
            elif d == "prep" and low == "according":
                flags.add("reported")
            elif d == "mark" and low in ("if", "unless"):
                flags.add("possible")
        if node is not v:
            lemma = lex.vlemma(node)
            if came == "xcomp":
                if lemma in commits or (node.pos_ == "ADJ" and lemma in ready):
                    flags.add("planned")
                    commit = pledged = True
                elif lemma in mod.get("attempt_verbs", ()):
                    flags.add("planned")
                    attempt = True
                elif lemma in mod.get("planned_verbs", ()):
                    flags.add("planned")
                elif lemma in mod.get("negative_verbs", ()):
                    flags.add("negated")
            elif came == "ccomp" and lemma in mod.get("report_verbs", ()):
                flags.add("reported")
        dep = node.dep_
        if depth >= 5 or node.head is node:
            break
        if dep == "advcl":
            # "met to discuss": an infinitive of purpose is intended, not (yet) done
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                flags.add("planned")
                purpose = node is v
            break
        if dep not in ("xcomp", "ccomp", "conj"):
            break
        if dep == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            break  # "…was not clear, but cooperation was prevalent": its own clause
        came = dep if dep != "conj" else came
        node = node.head
        depth += 1
    if conditional:
        # "announced it would free": reported future; a bare "would" is hypothetical
        if "reported" in flags:
            flags.add("planned")
            commit = True
        else:
            flags.add("possible")
    return Modality(_pick(flags), commit and "negated" not in flags, purpose,
                    pledged and "negated" not in flags, attempt)


def noun_modality(n: Token, lex: Lexicon) -> Modality:
    """A noun's own cues ("a planned summit", "no deal", "the potential for a deal"), then the
    governing verb's: all of them for a light verb ("will hold talks", "did not sign a deal"),
    only reporting for others ("said the attack …")."""
    mod = lex.modality
    flags: set[str] = set()
    for c in n.children:
        low = c.lower_
        if c.dep_ == "det" and low == "no":
            flags.add("negated")
        elif c.dep_ in ("amod", "advmod", "compound"):
            if low in mod.get("planned_words", ()):
                flags.add("planned")
            elif low in mod.get("possible_words", ()):
                flags.add("possible")
    node, steps = n, 0
    commit = pledged = False
    while node.head is not node and steps < 6:
        head = node.head
        steps += 1
        if head.pos_ in ("NOUN", "PROPN") and node.dep_ in ("pobj", "prep", "conj", "appos"):
            lemma = head.lemma_.lower()
            if lemma in mod.get("possible_words", ()) or lemma in ("possibility", "prospect", "chance"):
                flags.add("possible")
            elif lemma in PLAN_NOUNS:
                flags.add("planned")
        if head.pos_ in ("VERB", "AUX") and node.dep_ in ("dobj", "pobj", "prep", "nsubjpass",
                                                            "attr", "nsubj", "dative", "conj"):
            lemma = lex.vlemma(head)
            if node.dep_ == "nsubj" and any(c.dep_ == "acomp" for c in head.children):
                break  # "the deal was not clear": a judgement about the event, not its negation
            m = verb_modality(head, lex)
            if lemma in lex.light_verbs or lemma in lex.frames.get("commit", ()):
                flags.add(m.value)
                commit = m.commit or lemma in lex.frames.get("commit", ())
                pledged = m.pledged or lemma in lex.frames.get("commit", ())
                if lemma in lex.frames.get("commit", ()):
                    flags.add("planned")
            elif m.value == "reported":
                flags.add("reported")
            break
        if node.dep_ not in ("pobj", "prep", "conj", "appos", "compound", "amod"):
            break
        node = head
    flags.discard("asserted")
    return Modality(_pick(flags), commit and "negated" not in flags, False,
                    pledged and "negated" not in flags)
