#!/usr/bin/env python3
"""GUM Wikinews benchmark: times, quotes, entities, merging and geocoding coverage.

    .venv/bin/python benchmarks/gum_bench.py [--limit N] [--json] [-v]

Data: ../shared/datasets/gum-wikinews/dep/GUM_news_*.conllu (24 Wikinews articles, CC BY 2.5;
GUM annotations CC BY 4.0). Each document's text is rebuilt from its `# text =` lines: tokens
are joined per SpaceAfter=No inside a sentence, sentences by one space (none after a token
marked SpaceAfter=No), paragraphs (`# newpar`) by a blank line, so the pipeline sees plain
news copy (headline, dateline line, body). Every token gets its character span in that text.
The full Dateline pipeline runs once (`analyze_many`) with published = `meta::dateCreated`
and the title = `meta::title`.

Scored against GUM's annotation:
- times: gold `<date when="…">` spans (TEI markup in MISC `XML=`). Detected = a record time
  overlaps it; value exact = our TIMEX3 value equals `when`; value partial = one value is the
  other at a coarser granularity ("2015-09" vs "2015-09-12", "2015-09-12TAF" vs "2015-09-12").
  Precision of our DATE times counts those that overlap a gold date; GUM marks only some
  dates, so it is indicative only.
- quotes: gold `<quote>` and `<q>` spans; GUM closes a quotation at each sentence end, so gold
  spans separated only by whitespace are joined first. Our direct/partial quotes; a match is
  token overlap of >= 30% of the shorter span, one-to-one, greedy in our order
  (shared/eval/quotes.py's rule). GUM marks no quotation at all in several articles that
  quote people at length; P/R/F1 are over the articles with quotation markup, and our quotes
  in the others are counted apart. `<q>` is mostly scare quotes and titles ('so-called "X"'),
  which Dateline does not treat as quotes; its recall is shown separately.
- entities: gold named mentions (the mention's head is a proper noun, or a title noun with a
  proper-noun flat/appos dependent: "musician <Name>") of type person -> PERSON,
  organization -> ORG, place -> GPE|LOC|FAC; mention-level P/R/F1, exact and overlap,
  one-to-one. Exact: our span without a leading "the"/trailing possessive equals the gold span
  so trimmed, or the gold's name alone (the proper-noun run around its name token); GUM
  mentions carry descriptors and modifiers ("Swedish captain <Name>"), so overlap is the
  figure to watch. Also type-blind (any of the three classes). Merging: gold named mentions
  paired type-blind, one-to-one, with ours; pairs of them in one gold coreference group vs
  pairs we put in one entity (pairwise P/R), and the share of gold groups (>= 2 paired named
  mentions) that land entirely in one of our entities.
- places: gold named place mentions with a Wikipedia identity; share detected and share whose
  overlapping entity has `geo` (coordinates are not checked: that needs a lookup).

Split: the first 12 documents by file name are dev, the rest test; figures for dev, test, all.
Reads the data read-only at run time; prints figures, asserts nothing
(tests/test_eval_gate_gum.py pins floors).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "datasets" / "gum-wikinews" / "dep"
DEV_SIZE = 12
TYPE_CLASS = {"person": "PERSON", "organization": "ORG", "place": "PLACE"}
OUR_CLASS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
QUOTE_TAGS = {"quote", "q"}
_TAG = re.compile(r"<(/?)([A-Za-z]+)([^<>]*)>")
_WHEN = re.compile(r'when:::"([^"]*)"')
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_POSS = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Token:
    start: int
    end: int
    upos: str
    xpos: str
    head: int  # global index of the syntactic head, -1 for the root
    deprel: str = ""


@dataclass
class Mention:
    start: int
    end: int
    etype: str
    group: str
    identity: str | None
    named: bool
    first: int  # first and last token index
    last: int
    # spans that count as an exact match: the mention without a leading determiner and a
    # trailing possessive, and its name alone (the proper-noun run around the name's head)
    exact: tuple[tuple[int, int], ...] = ()


@dataclass
class GumDoc:
    id: str
    title: str | None
    published: str | None
    text: str
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)   # {start, end, when}
    quotes: list[dict] = field(default_factory=list)  # {start, end, tag} (joined)
    raw_quotes: int = 0
    split: str = "dev"


# ---------------------------------------------------------------------------------- reading

def _misc(col: str) -> dict[str, str]:
    out = {}
    for part in col.split("|"):
        key, _, val = part.partition("=")
        out[key] = val
    return out


def _entity_events(value: str) -> list[tuple[str, str]]:
    """('open', attrs) / ('close', group) in order from an `Entity=` value.

    `(7-person-…-coref` opens, `7)` closes, `(7-person-…)` is a one-token mention."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            attrs = value[i + 1:j]
            out.append(("open", attrs))
            if j < len(value) and value[j] == ")":
                out.append(("close", attrs.split("-")[0]))
                j += 1
            i = j
        else:
            m = re.match(r"(\w+)\)", value[i:])
            if not m:
                break
            out.append(("close", m.group(1)))
            i += m.end()
    return out


def read_doc(path: Path) -> GumDoc:
    """One GUM CoNLL-U file -> text with token offsets, mentions, dates and quotes."""
    meta: dict[str, str] = {}
    sents: list[dict] = []
    cur: dict | None = None
    newpar = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key, _, val = line[2:].partition(" = ")
            if key.startswith("meta::"):
                meta[key[6:]] = val
            elif key == "newpar" or line.strip() == "# newpar":
                newpar = True
            elif key == "text":
                cur = {"text": val, "rows": [], "par": newpar}
                sents.append(cur)
                newpar = False
            continue
        if line.strip() == "# newpar":
            newpar = True
            continue
        if not line.strip() or cur is None:
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # empty nodes carry no text
        cur["rows"].append(cols)

    text_parts: list[str] = []
    pos = 0
    doc = GumDoc(id=path.stem, title=meta.get("title"), published=meta.get("dateCreated"), text="")
    open_mentions: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    open_tags: dict[str, list[tuple[int, str]]] = defaultdict(list)
    raw_mentions: list[tuple[int, int, list[str]]] = []
    raw_dates: list[tuple[int, int, str]] = []
    raw_quotes: list[tuple[int, int, str]] = []
    prev_space = True
    for si, s in enumerate(sents):
        if si:
            sep = "\n\n" if s["par"] else (" " if prev_space else "")
            text_parts.append(sep)
            pos += len(sep)
        base = pos
        stext = s["text"]
        text_parts.append(stext)
        pos += len(stext)
        cursor = 0
        mwt_end, mwt_span, mwt_cursor = 0, (0, 0), 0
        ids = {}
        for cols in s["rows"]:
            tid, form = cols[0], cols[1]
            misc = _misc(cols[9]) if len(cols) > 9 else {}
            if "-" in tid:
                a, b = (int(x) for x in tid.split("-"))
                at = stext.find(form, cursor)
                at = cursor if at < 0 else at
                mwt_span, mwt_end, mwt_cursor = (at, at + len(form)), b, at
                cursor = at + len(form)
                prev_space = misc.get("SpaceAfter") != "No"
                continue
            n = int(tid)
            if n <= mwt_end:
                # a word inside a multi-word token: its own characters when they are there
                # ("Trump" + "'s"), else the whole token's
                at = stext.find(form, mwt_cursor, mwt_span[1])
                span = (at, at + len(form)) if at >= 0 else mwt_span
                mwt_cursor = span[1] if at >= 0 else mwt_cursor
            else:
                at = stext.find(form, cursor)
                if at < 0:  # a form that differs from the text: take the next word
                    at = cursor + len(stext[cursor:]) - len(stext[cursor:].lstrip())
                    span = (at, at + len(stext[at:].split(" ", 1)[0]))
                else:
                    span = (at, at + len(form))
                cursor = span[1]
                prev_space = misc.get("SpaceAfter") != "No"
            ids[n] = len(doc.tokens)
            head = int(cols[6]) if cols[6].isdigit() else 0
            doc.tokens.append(Token(base + span[0], base + span[1], cols[3], cols[4], head,
                                    cols[7]))
            ti = len(doc.tokens) - 1
            for kind, arg in _entity_events(misc.get("Entity", "")):
                if kind == "open":
                    fields = arg.split("-")
                    open_mentions[fields[0]].append((ti, fields))
                elif open_mentions.get(arg):
                    first, fields = open_mentions[arg].pop()
                    raw_mentions.append((first, ti, fields))
            for close, name, attrs in _TAG.findall(misc.get("XML", "")):
                if not close:
                    open_tags[name].append((ti, attrs))
                elif open_tags.get(name):
                    first, attrs0 = open_tags[name].pop()
                    if name == "date" and _WHEN.search(attrs0):
                        raw_dates.append((first, ti, _WHEN.search(attrs0).group(1)))
                    elif name in QUOTE_TAGS:
                        raw_quotes.append((first, ti, name))
        # heads: sentence-local ids -> global token indices
        for n, gi in ids.items():
            h = doc.tokens[gi].head
            doc.tokens[gi].head = ids.get(h, -1) if h else -1
    doc.text = "".join(text_parts)
    toks = doc.tokens

    for first, last, fields in raw_mentions:
        etype = fields[1] if len(fields) > 1 else ""
        identity = fields[7] if len(fields) > 7 and fields[7] else None
        inside = range(first, last + 1)
        heads = [i for i in inside if (toks[i].head < first or toks[i].head > last)
                 and toks[i].upos != "PUNCT"]
        head = heads[0] if heads else first
        # a name is the head ("the Indonesian Navy") or, in GUM's UD, a flat/appos dependent
        # of a title noun ("Facebook co-founder Mark Zuckerberg": the head is "co-founder")
        name = head if toks[head].upos == "PROPN" else next(
            (i for i in inside if toks[i].head == head and toks[i].deprel in ("appos", "flat")
             and toks[i].upos == "PROPN"), None)
        a, b = first, last
        while a < b and toks[a].upos == "DET":
            a += 1
        while b > a and toks[b].xpos == "POS":
            b -= 1
        exact = [(toks[a].start, toks[b].end)]
        if name is not None:
            x = y = name
            while x > first and toks[x - 1].upos == "PROPN":
                x -= 1
            while y < last and toks[y + 1].upos == "PROPN":
                y += 1
            exact.append((toks[x].start, toks[y].end))
        doc.mentions.append(Mention(toks[first].start, toks[last].end, etype, fields[0],
                                    identity.replace("%2D", "-") if identity else None,
                                    name is not None, first, last, tuple(exact)))
    # "2010-09-04T22:30:00" -> "2010-09-04T22:30": TIMEX3 values stop at the minute
    doc.dates = [{"start": toks[a].start, "end": toks[b].end,
                  "when": re.sub(r"(T\d\d:\d\d):00$", r"\1", w)} for a, b, w in raw_dates]
    doc.raw_quotes = len(raw_quotes)
    joined: list[dict] = []
    for a, b, tag in sorted(raw_quotes):
        s0, s1 = toks[a].start, toks[b].end
        if joined and not doc.text[joined[-1]["end"]:s0].strip() and joined[-1]["tag"] == tag:
            joined[-1]["end"] = max(joined[-1]["end"], s1)
        else:
            joined.append({"start": s0, "end": s1, "tag": tag})
    doc.quotes = joined
    return doc


def load(limit: int | None = None, ids: list[str] | None = None) -> list[GumDoc]:
    paths = sorted(DATA.glob("GUM_news_*.conllu"))
    docs = [read_doc(p) for p in paths]
    for i, d in enumerate(docs):
        d.split = "dev" if i < DEV_SIZE else "test"
    if ids is not None:
        keep = set(ids)
        docs = [d for d in docs if d.id in keep]
    return docs[:limit] if limit else docs


def analyze(docs: list[GumDoc]) -> tuple[dict[str, dict], float]:
    """Records (as dicts) of the documents, by id, from one `analyze_many`; and the seconds."""
    import dateline
    from dateline.record import Record

    items = (dateline.Document(text=d.text, title=d.title, published=d.published, id=d.id)
             for d in docs)
    t0 = time.perf_counter()
    out = {}
    for rec in dateline.analyze_many(items):
        if isinstance(rec, Record):
            out[rec.id] = rec.to_dict()
        else:
            print(f"rejected: {rec}", file=sys.stderr)
    return out, time.perf_counter() - t0


# ---------------------------------------------------------------------------------- scoring

def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _shorter_share(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = _overlap(a0, a1, b0, b1)
    return inter / (min(a1 - a0, b1 - b0) or 1) if inter else 0.0


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3)}


def _granular(a: str, b: str) -> bool:
    """One value is the other at a coarser granularity ('2015-09' / '2015-09-12')."""
    short, long = sorted((a, b), key=len)
    return bool(short) and long.startswith(short) and long[len(short)] in "-T"


def score_times(doc: GumDoc, rec: dict, notes: list[str], c: Counter) -> None:
    ours = [t for t in rec.get("times") or [] if isinstance(t.get("start"), int)]
    for g in doc.dates:
        hits = [t for t in ours if _overlap(t["start"], t["end"], g["start"], g["end"])]
        c["time_gold"] += 1
        gtext = doc.text[g["start"]:g["end"]]
        if not hits:
            notes.append(f"time missed  {doc.id}: {gtext!r} = {g['when']}")
            continue
        c["time_detected"] += 1
        values = [t.get("value") or "" for t in hits]
        if g["when"] in values:
            c["time_exact"] += 1
        elif any(v and _granular(v, g["when"]) for v in values):
            c["time_partial"] += 1
            notes.append(f"time partial {doc.id}: {gtext!r} gold {g['when']} got {values}")
        elif not any(values):
            c["time_null"] += 1
            notes.append(f"time null    {doc.id}: {gtext!r} gold {g['when']}")
        else:
            c["time_wrong"] += 1
            notes.append(f"time wrong   {doc.id}: {gtext!r} gold {g['when']} got {values}")
    for t in ours:
        if t.get("type") != "DATE":
            continue
        c["time_pred_date"] += 1
        gold = [g for g in doc.dates if _overlap(t["start"], t["end"], g["start"], g["end"])]
        if gold:
            c["time_pred_on_gold"] += 1
            c["time_pred_value_ok"] += any(g["when"] == t.get("value") for g in gold)
        else:
            notes.append(f"time unannotated {doc.id}: {t['text']!r} = {t.get('value')}")


def score_quotes(doc: GumDoc, rec: dict, notes: list[str], c: Counter) -> None:
    ours = [q for q in rec.get("quotes") or [] if q.get("kind") in ("direct", "partial")
            and isinstance(q.get("start"), int)]
    if not doc.quotes:
        # GUM leaves quotation unmarked in some articles that plainly quote people (no <quote>
        # at all); our quotes there are counted apart, not as false
        c["quote_docs_unannotated"] += 1
        c["quote_pred_unannotated"] += len(ours)
        return
    c["quote_docs"] += 1
    used: set[int] = set()
    for q in ours:
        hit = next((j for j, g in enumerate(doc.quotes) if j not in used and _shorter_share(
            q["start"], q["end"], g["start"], g["end"]) >= 0.3), None)
        if hit is None:
            if not any(_shorter_share(q["start"], q["end"], g["start"], g["end"]) >= 0.3
                       for g in doc.quotes):
                c["quote_false"] += 1
                notes.append(f"quote false  {doc.id} ({q['kind']}): {q['text'][:70]!r}")
            else:
                c["quote_dup"] += 1  # a second piece of an already matched gold quote
            continue
        used.add(hit)
        c["quote_tp"] += 1
        c[f"quote_tp_{doc.quotes[hit]['tag']}"] += 1
    for j, g in enumerate(doc.quotes):
        c["quote_gold"] += 1
        c[f"quote_gold_{g['tag']}"] += 1
        if j not in used:
            notes.append(f"quote missed {doc.id} <{g['tag']}>: "
                         f"{doc.text[g['start']:g['end']][:70]!r}")


def _trim(start: int, end: int, text: str) -> tuple[int, int]:
    s = text[start:end]
    m = _LEAD.match(s)
    a = start + (m.end() if m else 0)
    p = _POSS.search(text[a:end])
    b = end - (len(p.group(0)) if p and end - len(p.group(0)) > a else 0)
    return a, b


def _match(gold: list[tuple], pred: list[tuple], exact: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best overlap (intersection over union)
    first, so nested gold mentions ("Aceh, Indonesia" and "Indonesia") each get their own.

    Items are (start, end, exact spans, class); class None matches any class."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g[3] is not None and p[3] != g[3]:
                continue
            if exact:
                if set(g[2]) & set(p[2]):
                    cands.append((1.0, i, j))
            else:
                ov = _overlap(g[0], g[1], p[0], p[1])
                if ov:
                    cands.append((ov / (max(g[1], p[1]) - min(g[0], p[0])), i, j))
    pairs, gi, pj = [], set(), set()
    for _, i, j in sorted(cands, reverse=True):
        if i not in gi and j not in pj:
            gi.add(i)
            pj.add(j)
            pairs.append((i, j))
    return pairs


def score_entities(doc: GumDoc, rec: dict, notes: list[str], c: Counter) -> None:
    text = doc.text
    gold = [m for m in doc.mentions if m.named and m.etype in TYPE_CLASS]
    g_items = [(m.start, m.end, m.exact, TYPE_CLASS[m.etype]) for m in gold]
    all_ours = []  # (start, end, entity id, type, has geo)
    for e in rec.get("entities") or []:
        for m in e.get("mentions") or []:
            if isinstance(m.get("start"), int):
                all_ours.append((m["start"], m["end"], e["id"], e["type"], bool(e.get("geo"))))
    ours = [o for o in all_ours if o[3] in OUR_CLASS]
    p_items = [(o[0], o[1], (_trim(o[0], o[1], text),), OUR_CLASS[o[3]]) for o in ours]
    for cls in ("PERSON", "ORG", "PLACE"):
        c[f"ent_gold_{cls}"] += sum(1 for g in g_items if g[3] == cls)
        c[f"ent_pred_{cls}"] += sum(1 for p in p_items if p[3] == cls)
    for mode in ("exact", "overlap"):
        pairs = _match(g_items, p_items, mode == "exact")
        for i, _ in pairs:
            c[f"ent_{mode}_tp_{g_items[i][3]}"] += 1
        c[f"ent_{mode}_tp"] += len(pairs)
        if mode == "overlap":
            matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
            for i, g in enumerate(gold):
                if i not in matched_g:
                    other = [o for o in all_ours if _overlap(o[0], o[1], g.start, g.end)]
                    why = f"as {other[0][3]}" if other else "undetected"
                    c[f"ent_miss_{'typed' if other else 'none'}"] += 1
                    c[f"ent_missed_as::{g.etype} as {other[0][3] if other else 'nothing'}"] += 1
                    notes.append(f"entity missed {doc.id} {g.etype}: "
                                 f"{text[g.start:g.end]!r} ({why})")
            for j, p in enumerate(p_items):
                if j in matched_p:
                    continue
                named = [g for g in gold if _overlap(p[0], p[1], g.start, g.end)]
                anyg = [m for m in doc.mentions if _overlap(p[0], p[1], m.start, m.end)]
                if named:
                    why = f"gold {named[0].etype}"
                elif any(m.etype in TYPE_CLASS and TYPE_CLASS[m.etype] == p[3] for m in anyg):
                    why = "inside unnamed gold of its type"
                elif anyg:
                    why = f"gold {anyg[-1].etype} (unnamed)"
                else:
                    why = "no gold mention"
                c[f"ent_false::{why.split(' (')[0] if why.startswith('gold ') else why}"] += 1
                notes.append(f"entity false {doc.id} {ours[j][3]}: {text[p[0]:p[1]]!r} ({why})")
    blind = _match([g[:3] + (None,) for g in g_items], p_items, False)
    c["ent_blind_tp"] += len(blind)

    # merging: a gold named mention belongs to the entity of the mention of ours it is paired
    # with type-blind (one-to-one, so a mention missed is not scored through its neighbour)
    ent_of = {i: ours[j][2] for i, j in blind}
    idx = sorted(ent_of)
    for x in range(len(idx)):
        for y in range(x + 1, len(idx)):
            a, b = idx[x], idx[y]
            same_gold = gold[a].group == gold[b].group
            same_ours = ent_of[a] == ent_of[b]
            c["merge_gold_pairs"] += same_gold
            c["merge_pred_pairs"] += same_ours
            c["merge_both"] += same_gold and same_ours
            if same_gold and not same_ours:
                notes.append(f"merge split  {doc.id}: {text[gold[a].start:gold[a].end]!r} / "
                             f"{text[gold[b].start:gold[b].end]!r}")
            elif same_ours and not same_gold:
                notes.append(f"merge joined {doc.id}: {text[gold[a].start:gold[a].end]!r} / "
                             f"{text[gold[b].start:gold[b].end]!r}")
    groups: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        groups[gold[i].group].append(i)
    for members in groups.values():
        if len(members) >= 2:
            c["merge_groups"] += 1
            c["merge_groups_whole"] += len({ent_of[i] for i in members}) == 1

    # places with a Wikipedia identity: detected, geocoded
    for g in gold:
        if g.etype != "place" or not g.identity:
            continue
        c["place_gold"] += 1
        over = [o for o in all_ours if _overlap(o[0], o[1], g.start, g.end)]
        c["place_detected"] += bool(over)
        if any(o[4] for o in over):
            c["place_geo"] += 1
        else:
            notes.append(f"place no geo {doc.id}: {text[g.start:g.end]!r} ({g.identity}; "
                         f"{'as ' + over[0][3] if over else 'undetected'})")


def summarize(c: Counter) -> dict:
    def ratio(a: str, b: str) -> float:
        return round(c[a] / c[b], 3) if c[b] else 0.0

    gold_n = sum(c[f"ent_gold_{k}"] for k in ("PERSON", "ORG", "PLACE"))
    pred_n = sum(c[f"ent_pred_{k}"] for k in ("PERSON", "ORG", "PLACE"))
    ents = {"gold": gold_n, "pred": pred_n,
            "exact": _prf(c["ent_exact_tp"], pred_n, gold_n),
            "overlap": _prf(c["ent_overlap_tp"], pred_n, gold_n),
            "type_blind_overlap": _prf(c["ent_blind_tp"], pred_n, gold_n)}
    for k in ("PERSON", "ORG", "PLACE"):
        ents[k] = {"gold": c[f"ent_gold_{k}"], "pred": c[f"ent_pred_{k}"],
                   "exact": _prf(c[f"ent_exact_tp_{k}"], c[f"ent_pred_{k}"], c[f"ent_gold_{k}"]),
                   "overlap": _prf(c[f"ent_overlap_tp_{k}"], c[f"ent_pred_{k}"],
                                   c[f"ent_gold_{k}"])}
    ents["missed_other_type"] = c["ent_miss_typed"]
    ents["missed_undetected"] = c["ent_miss_none"]
    ents["missed_as"] = {k.split("::", 1)[1]: v for k, v in c.most_common()
                         if k.startswith("ent_missed_as::")}
    ents["false_by_cause"] = {k.split("::", 1)[1]: v for k, v in sorted(c.items())
                              if k.startswith("ent_false::")}
    q = _prf(c["quote_tp"], c["quote_tp"] + c["quote_false"], c["quote_gold"])
    q.update(gold=c["quote_gold"], matched=c["quote_tp"], false=c["quote_false"],
             extra_pieces=c["quote_dup"], documents=c["quote_docs"],
             unannotated_documents=c["quote_docs_unannotated"],
             ours_in_unannotated=c["quote_pred_unannotated"],
             p_counting_unannotated=round(c["quote_tp"] / (c["quote_tp"] + c["quote_false"]
                                                           + c["quote_pred_unannotated"]), 3)
             if c["quote_tp"] + c["quote_false"] + c["quote_pred_unannotated"] else 0.0,
             r_quote=ratio("quote_tp_quote", "quote_gold_quote"),
             r_q=ratio("quote_tp_q", "quote_gold_q"))
    mp = c["merge_both"] / c["merge_pred_pairs"] if c["merge_pred_pairs"] else 0.0
    mr = c["merge_both"] / c["merge_gold_pairs"] if c["merge_gold_pairs"] else 0.0
    return {
        "times": {"gold": c["time_gold"], "detected": ratio("time_detected", "time_gold"),
                  "value_acc": ratio("time_exact", "time_gold"),
                  "value_partial": ratio("time_partial", "time_gold"),
                  "value_wrong": c["time_wrong"], "value_null": c["time_null"],
                  "value_acc_detected": ratio("time_exact", "time_detected"),
                  "our_dates": c["time_pred_date"],
                  "date_precision_indicative": ratio("time_pred_on_gold", "time_pred_date"),
                  "date_value_ok_on_gold": ratio("time_pred_value_ok", "time_pred_on_gold")},
        "quotes": q,
        "entities": ents,
        "merge": {"gold_pairs": c["merge_gold_pairs"], "pred_pairs": c["merge_pred_pairs"],
                  "p": round(mp, 3), "r": round(mr, 3),
                  "f1": round(2 * mp * mr / (mp + mr), 3) if mp + mr else 0.0,
                  "groups": c["merge_groups"],
                  "groups_whole": ratio("merge_groups_whole", "merge_groups")},
        "places": {"gold_with_identity": c["place_gold"],
                   "detected": ratio("place_detected", "place_gold"),
                   "geocoded": ratio("place_geo", "place_gold")},
    }


def run(limit: int | None = None, ids: list[str] | None = None,
        verbose: bool = False) -> dict:
    """Load, analyse once, score; figures for dev, test and all (halves that are present)."""
    docs = load(limit, ids)
    recs, seconds = analyze(docs)
    counters = {"dev": Counter(), "test": Counter(), "all": Counter()}
    notes: list[str] = []
    for d in docs:
        rec = recs.get(d.id) or {}
        assert rec.get("text", d.text) == d.text, f"{d.id}: record text differs from input"
        c = Counter()
        score_times(d, rec, notes, c)
        score_quotes(d, rec, notes, c)
        score_entities(d, rec, notes, c)
        counters[d.split] += c
        counters["all"] += c
    out = {k: summarize(c) for k, c in counters.items() if c}
    for k in out:
        out[k]["documents"] = sum(1 for d in docs if k == "all" or d.split == k)
    out["seconds"] = round(seconds, 1)
    if verbose:
        out["notes"] = notes
    return out


def _print(res: dict) -> None:
    print(f"GUM Wikinews: {res['all']['documents']} documents, pipeline {res['seconds']} s")
    for split in ("dev", "test", "all"):
        if split not in res:
            continue
        r = res[split]
        t, q, e, m, pl = r["times"], r["quotes"], r["entities"], r["merge"], r["places"]
        print(f"\n== {split} ({r['documents']} documents)")
        print(f"times    {t['gold']} gold dates: detected {t['detected']:.3f}  value exact "
              f"{t['value_acc']:.3f}  partial {t['value_partial']:.3f}  wrong {t['value_wrong']}"
              f"  null {t['value_null']}  (exact among detected {t['value_acc_detected']:.3f})")
        print(f"         our DATE times {t['our_dates']}: on a gold date "
              f"{t['date_precision_indicative']:.3f} (indicative: GUM marks only some dates), "
              f"value right there {t['date_value_ok_on_gold']:.3f}")
        print(f"quotes   {q['gold']} gold spans in {q['documents']} documents: P {q['p']:.3f}  "
              f"R {q['r']:.3f}  F1 {q['f1']:.3f}   matched {q['matched']}  false {q['false']}  "
              f"extra pieces {q['extra_pieces']}   R <quote> {q['r_quote']:.3f}  "
              f"R <q> {q['r_q']:.3f}")
        print(f"         {q['unannotated_documents']} documents without quotation markup hold "
              f"{q['ours_in_unannotated']} of our quotes (P counting them false "
              f"{q['p_counting_unannotated']:.3f})")
        print(f"entities {e['gold']} gold named / {e['pred']} ours: "
              f"exact P {e['exact']['p']:.3f} R {e['exact']['r']:.3f} F1 {e['exact']['f1']:.3f}"
              f"   overlap P {e['overlap']['p']:.3f} R {e['overlap']['r']:.3f} "
              f"F1 {e['overlap']['f1']:.3f}   type-blind overlap F1 "
              f"{e['type_blind_overlap']['f1']:.3f}")
        for k in ("PERSON", "ORG", "PLACE"):
            x = e[k]
            print(f"  {k:7} gold {x['gold']:4} ours {x['pred']:4}  exact F1 {x['exact']['f1']:.3f}"
                  f"  overlap P {x['overlap']['p']:.3f} R {x['overlap']['r']:.3f} "
                  f"F1 {x['overlap']['f1']:.3f}")
        print(f"  missed: {e['missed_other_type']} found with another type, "
              f"{e['missed_undetected']} undetected; top: "
              + ", ".join(f"{k} {v}" for k, v in list(e["missed_as"].items())[:6]))
        print(f"  false by what GUM has there: {e['false_by_cause']}")
        print(f"merging  named-mention pairs: P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f} "
              f"({m['gold_pairs']} gold / {m['pred_pairs']} ours)   gold groups in one entity "
              f"{m['groups_whole']:.3f} of {m['groups']}")
        print(f"places   {pl['gold_with_identity']} named with Wikipedia id: detected "
              f"{pl['detected']:.3f}  geocoded {pl['geocoded']:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N documents (by file name)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses per item")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"{DATA} is not present; nothing to measure")
        return 0
    res = run(args.limit, verbose=args.verbose)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    if args.verbose:
        for line in res["notes"]:
            print(line)
        print()
    _print(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
