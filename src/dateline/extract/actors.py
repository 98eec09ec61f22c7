"""Actor coding: a country (ISO alpha-3 or bloc) and a CAMEO agent code for each entity.

Read from the text first — premodifiers ("North Korean leader Kim Jong Un" → PRK GOV),
appositions ("McCann, a Jesuit scholar at Xavier" → EDU), possessives ("Russia's President")
— then from knowledge tables (`people.tsv`, `gazetteer.tsv`, `country_aliases.tsv`).
Capitals used for their governments ("between Moscow and Pyongyang") are coded as the
government and flagged as metonyms. CAMEO actor coding has no off-the-shelf implementation
for spaCy parses, so these rules are written here; the words they use are data (`roles.tsv`).

`code_phrase` codes any noun phrase ("American intelligence" → USA SPY) for the quote, claim
and event extractors.
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from .. import knowledge
from ..record import Actor, Entity
from .context import Context

# Honorifics give a role only when nothing more specific is said about the person.
HONORIFICS = frozenset("father sister brother reverend rev mr mrs ms dr sir dame".split())
_WINDOW_POS = frozenset({"PROPN", "NOUN", "ADJ", "PUNCT", "PART"})
_STOP_BEFORE = frozenset({"former", "ex", "late", "then"})  # "former President X" is not GOV now
_METONYM_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


def _match_words(words: list[str]) -> tuple[str | None, str | None, str]:
    """(country, role, evidence) from a short list of words, longest phrases first."""
    roles = knowledge.roles()
    event_heads = knowledge.actor_words().get("event_head", frozenset())
    country = role = None
    why = []
    n = len(words)
    used = [False] * n
    for size in (3, 2, 1):
        for i in range(n - size + 1):
            if any(used[i:i + size]):
                continue
            phrase = " ".join(words[i:i + size])
            hit = knowledge.country_of(phrase)
            if hit and i + size < n and words[i + size].lower() in event_heads:
                hit = None  # "an Iraq War veteran": the name is part of an event's name
            if hit and country is None and hit.kind in ("name", "demonym", "bloc"):
                country = hit.iso3
                used[i:i + size] = [True] * size
                why.append(phrase)
                continue
            r = roles.get(phrase.lower())
            if r and role is None:
                role = r
                used[i:i + size] = [True] * size
                why.append(phrase)
    return country, role, " ".join(why)


def premodifier_words(doc, start_tok: int) -> list[str]:
    """The words just before a name that describe it: "North Korean leader" in front of Kim."""
    words: list[str] = []
    i = start_tok - 1
    while i >= 0 and len(words) < 6:
        t = doc[i]
        if t.text in ("'s", "’s"):
            i -= 1
            continue
        if t.pos_ not in _WINDOW_POS or t.text in (",", "(", ")", '"', "“", "”") or "\n" in t.text:
            break
        if t.lower_ in _STOP_BEFORE:
            return []
        if t.is_punct and t.text != "-":
            break
        words.insert(0, t.text.replace("’s", "").replace("'s", ""))
        i -= 1
    return [w for w in words if w and w != "-"]


def apposition_words(doc, end_tok: int) -> list[str]:
    """The descriptive phrase after ", " that follows a name: ", a Jesuit scholar at Xavier"."""
    i = end_tok
    # skip post-nominals such as ", S.J.," or ", Jr.,"
    while i < len(doc) and doc[i].text == "," and i + 2 < len(doc) and doc[i + 2].text == "," \
            and len(doc[i + 1].text) <= 4:
        i += 2
    if i >= len(doc) or doc[i].text != ",":
        return []
    words = []
    j = i + 1
    if j < len(doc) and doc[j].lower_ in _STOP_BEFORE:
        return []
    while j < len(doc) and len(words) < 10:
        t = doc[j]
        if t.text in (",", ";", ".", ":") or t.pos_ in ("VERB", "AUX") or "\n" in t.text:
            break
        if t.lower_ in _STOP_BEFORE:
            return []
        if t.pos_ not in ("DET",):
            words.append(t.text)
        j += 1
    return words


def code_person(ctx: Context, ent: Entity) -> None:
    doc = ctx.doc
    evidence: list[tuple[int, str | None, str | None, str]] = []  # (rank, country, role, why)
    for m in ent.mentions:
        span = ctx.span(m.start, m.end)
        if span is None:
            continue
        pre = premodifier_words(doc, span.start)
        honor = [w for w in pre if w.lower() in HONORIFICS]
        plain = [w for w in pre if w.lower() not in HONORIFICS]
        c, r, why = _match_words(plain)
        if c or r:
            evidence.append((0, c, r, f"premodifier: {why}"))
        c, r, why = _match_words(apposition_words(doc, span.end))
        if c or r:
            evidence.append((1, c, r, f"apposition: {why}"))
        c, r, why = _match_words(honor)
        if r:
            evidence.append((3, None, r, f"title: {why}"))
    known = known_person(ent.name)
    if known:
        evidence.append((2, known[0], known[1], f"people table: {ent.name}"))
    if ent.name in ctx.record.authors:
        evidence.append((2, None, "MED", "byline author"))
    for rank, c, r, why in sorted(evidence, key=lambda e: e[0]):
        if c and not ent.country:
            ent.country = c
            ent.evidence.append(why)
        if r and not ent.role:
            ent.role = r
            if why not in ent.evidence:
                ent.evidence.append(why)


def known_person(name: str) -> tuple[str, str] | None:
    """(country, role) from people.tsv: the full name, else a lone surname when every listed
    person of that surname has the same code ("Obama"; not "Kim", who may be of either Korea)."""
    people = knowledge.people()
    if name in people:
        return people[name]
    name = name.strip()
    if " " in name or not name[:1].isupper():
        return None
    hits = _surnames().get(name)
    return next(iter(hits)) if hits and len(hits) == 1 else None


_SURNAME_CACHE: dict[int, dict[str, set[tuple[str, str]]]] = {}


def _surnames() -> dict[str, set[tuple[str, str]]]:
    people = knowledge.people()
    key = id(people)  # rebuilt when knowledge.reload() gives a new table
    if key not in _SURNAME_CACHE:
        out: dict[str, set[tuple[str, str]]] = {}
        for full, code in people.items():
            parts = full.split()
            if len(parts) > 1:
                out.setdefault(parts[-1], set()).add(code)
        _SURNAME_CACHE.clear()
        _SURNAME_CACHE[key] = out
    return _SURNAME_CACHE[key]


def _blocs() -> frozenset[str]:
    return frozenset(c.iso3 for c in knowledge.country_names().values() if c.kind == "bloc")


def code_organization(ctx: Context, ent: Entity) -> bool:
    """An international or non-governmental organisation (organizations.tsv) takes its CAMEO
    code ("the Red Cross" -> NGOIRC) unless the text ties this one to a country ("the Kenyan
    Red Cross", "Russia's Security Council"). Returns True when the entity was coded."""
    org = knowledge.organization_of(ent.name)
    if org is None:
        return False
    for m in ent.mentions:
        span = ctx.span(m.start, m.end)
        if span is None:
            continue
        c, _, why = _match_words(premodifier_words(ctx.doc, span.start))
        if c and c not in _blocs():
            ent.country = ent.country or c
            ent.evidence.append(f"premodifier: {why}")
            return True
    if not ent.country or len(ent.country) != 3 or ent.country in _blocs() \
            or ent.country in ("IGO", "NGO", "IMG"):
        ent.country = org.code
        ent.evidence.append(f"organizations table: {org.name}")
    if org.role and not ent.role:
        ent.role = org.role
    return True


def code_org(ctx: Context, ent: Entity) -> None:
    if code_organization(ctx, ent):
        return
    words = ent.name.split()
    c, r, why = _match_words(words)
    roles = knowledge.roles()
    if not ent.role:
        # the head of an organisation's name says what it is: "Xavier University" → EDU
        for w in reversed(words):
            if w.lower() in roles:
                ent.role = roles[w.lower()]
                ent.evidence.append(f"name: {w}")
                break
    if c and not ent.country:
        ent.country = c
        ent.evidence.append(f"name: {why}")
    for m in ent.mentions:
        span = ctx.span(m.start, m.end)
        if span is None:
            continue
        pc, pr, pwhy = _match_words(premodifier_words(ctx.doc, span.start))
        if pc and not ent.country:
            ent.country = pc
            ent.evidence.append(f"premodifier: {pwhy}")
        if pr and not ent.role:
            ent.role = pr
            ent.evidence.append(f"premodifier: {pwhy}")
        if not ent.role and span.start >= 2 and ctx.doc[span.start - 1].lower_ in ("at", "of") \
                and ctx.doc[span.start - 2].lower_ in roles:
            # "a scholar at Xavier": the institution takes the affiliation's role
            ent.role = roles[ctx.doc[span.start - 2].lower_]
            ent.evidence.append(f"affiliation: {ctx.doc[span.start - 2].text} at")


def _is_metonymic(ctx: Context, ent: Entity) -> bool:
    for m in ent.mentions:
        span = ctx.span(m.start, m.end)
        if span is None:
            continue
        root = span.root
        if root.dep_ in _METONYM_DEPS:
            return True
        if _between_pair(span):
            return True
    return False


def _between_pair(span: SpacySpan) -> bool:
    """"between Moscow and Pyongyang", "talks with Beijing": relations between governments."""
    doc = span.doc
    i = span.start
    prev = doc[i - 1].lower_ if i >= 1 else ""
    prev2 = doc[i - 3].lower_ if i >= 3 else ""
    return prev in ("between", "with", "against", "toward", "towards") or \
        (prev == "and" and prev2 == "between")


def code_place(ctx: Context, ent: Entity) -> None:
    hit = knowledge.country_of(ent.name)
    if hit is None:
        return
    if not ent.country:
        ent.country = hit.iso3
    if hit.kind == "capital" and _is_metonymic(ctx, ent):
        ent.metonym = True
        ent.role = "GOV"
        ent.evidence.append("capital used for its government")


def code_group(ctx: Context, ent: Entity) -> None:
    hit = knowledge.country_of(ent.name)
    for m in ent.mentions:
        # "South American" where the model only marked "American": the longer name wins
        span = ctx.span(m.start, m.end)
        if span is not None and span.start >= 1:
            wider = knowledge.country_of(f"{ctx.doc[span.start - 1].text} {ent.name}")
            if wider is not None:
                hit = wider
                ent.evidence.append(f"name with the word before: {ctx.doc[span.start - 1].text} {ent.name}")
                break
    if hit and not ent.country:
        ent.country = hit.iso3


def _split_code(ent: Entity) -> None:
    """Keep `country` a three-letter slot: "IGOUNO" becomes country "IGO", code "IGOUNO"."""
    if ent.country and len(ent.country) > 3:
        ent.code = ent.code or ent.country
        ent.country = ent.country[:3]


def run(ctx: Context) -> None:
    _run(ctx)
    for ent in ctx.record.entities:
        _split_code(ent)


def _run(ctx: Context) -> None:
    for ent in ctx.record.entities:
        if ent.type in ("GPE", "NORP", "LOC") and code_organization(ctx, ent):
            continue  # "the EU" typed as a place or group by the model
        if ent.type == "PERSON":
            code_person(ctx, ent)
        elif ent.type == "ORG":
            code_org(ctx, ent)
        elif ent.type in ("GPE", "LOC"):
            code_place(ctx, ent)
        elif ent.type == "NORP":
            code_group(ctx, ent)


def code_phrase(ctx: Context, start: int, end: int) -> Actor | None:
    """Code any noun phrase as an actor: its entities first, then its own words.

    "American intelligence" → USA SPY (entity: the NORP "American"); "Russian troops" → RUS MIL;
    "North Korea" → PRK. Returns None when the phrase names neither a country nor a role.
    """
    span = ctx.span(start, end)
    if span is None:
        return None
    inside = ctx.entities_in(span.start_char, span.end_char)
    rank = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}
    inside.sort(key=lambda x: (rank.get(x[0].type, 9), x[1]))
    ent = inside[0][0] if inside else None
    words = [t.text for t in span if t.pos_ != "DET" and not t.is_punct]
    country, role, _ = _match_words(words)
    if ent is not None:
        country = ent.country or country
        if ent.type == "ORG" and ent.country in ("IGO", "NGO", "IMG") and role == "GOV":
            # "Red Cross officials", "UN officials": the organisation's staff, not a government
            role = None
        role = ent.role or role if ent.type in ("PERSON", "ORG") else role or ent.role
    if not country and not role:
        return None
    name_toks = [t for t in span if not (t.i == span.start and t.pos_ == "DET")]
    name = ctx.record.text[name_toks[0].idx:span.end_char] if name_toks else span.text
    code = ent.code if ent is not None and ent.country == country else None
    return Actor(name=name, country=country, role=role, entity=ent.id if ent else None, code=code)


def token_actor(ctx: Context, token: Token) -> Actor | None:
    """Code the noun phrase headed by a token (its left/right subtree up to the head)."""
    left = min((t.idx for t in token.subtree if t.i <= token.i and t.dep_ not in ("punct",)
                and t.dep_ not in ("relcl", "acl")), default=token.idx)
    right = token.idx + len(token)
    for t in token.rights:
        if t.dep_ in ("compound", "flat", "appos") or (t.dep_ == "prep" and t.lower_ == "of"):
            right = max(right, max(x.idx + len(x) for x in t.subtree))
    return code_phrase(ctx, left, right)
