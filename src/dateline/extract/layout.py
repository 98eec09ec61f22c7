"""Headline, dek and byline from the first lines of a plain-text report.

Metadata from the source (HTML meta, JSONL fields, the caller) always wins; this only fills
what is missing, for reports laid out like wire copy or magazine pages:

    Headline in Title Case
    <blank>
    One-sentence dek.
    <blank>
    By Jane Doe, Staff Writer
    <body…>

Hand-written: no library detects headline blocks in plain text.
"""
from __future__ import annotations

import re

from .context import Context

BYLINE = re.compile(r"^\s*(?:[Bb]y|BY):?\s+(?P<names>[^\n]{2,160}?)\s*$")
# Role words that end a byline name ("Jack Pluth, Guest Writer"; "Ann Lee | Reuters").
_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\||;|\s[-–—]\s)\s*")
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|al|bin|da|di|la|le))*$")
_ROLE_WORDS = frozenset(
    "writer editor correspondent reporter staff contributor columnist guest senior associated "
    "press reuters afp news bureau chief analyst photographer intern special contributing "
    "desk service".split())


# "SEOUL, Sept 13 (Reuters) -", "KLAIPEDA, Lithuania, June 4 (Wire) -", "ANKARA (AP) —"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?"
    r"(?:,?\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*[-–—]+\s", re.M)


def byline_names(line: str) -> list[str]:
    """Names from a byline's text: 'Jack Pluth, Guest Writer' -> ['Jack Pluth']."""
    names = []
    for part in _SPLIT.split(line.strip()):
        part = part.strip(" .")
        if not part or not _NAME.match(part):
            continue
        words = part.split()
        if any(w.lower().strip(".") in _ROLE_WORDS for w in words) or len(words) > 5:
            continue
        names.append(part)
    return names


def _lines(text: str, limit: int = 12) -> list[tuple[int, int, str]]:
    """(start, end, stripped line) of the first non-empty lines."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        line = raw.strip()
        if line:
            start = pos + raw.index(line[0])
            out.append((start, start + len(line), line))
            if len(out) >= limit:
                break
        pos += len(raw)
    return out


def _is_headline(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":")) \
        and not BYLINE.match(line) and len(line.split()) <= 25


def run(ctx: Context) -> None:
    rec = ctx.record
    lines = _lines(rec.text)
    if not lines:
        return
    byline_at = next((i for i, (_, _, line) in enumerate(lines[:6]) if BYLINE.match(line)), None)
    first = lines[0][2]
    has_head = _is_headline(first) and (len(lines) > 1 and (byline_at is not None
                                                            or len(lines[1][2]) > len(first)))
    if has_head and not rec.title:
        rec.title = first
    if byline_at is not None:
        names = byline_names(BYLINE.match(lines[byline_at][2]).group("names"))
        if names and not rec.authors:
            rec.authors = names
        if has_head and byline_at == 2 and not rec.subtitle:
            rec.subtitle = lines[1][2]
        ctx.body_start = lines[byline_at][1]
    elif has_head:
        ctx.body_start = lines[0][1]
    m = DATELINE.search(rec.text, ctx.body_start, min(len(rec.text), ctx.body_start + 400))
    if m and (m.start() == 0 or rec.text[m.start() - 1] == "\n"):
        ctx.dateline = {k: v for k, v in m.groupdict().items() if v}
        ctx.dateline["start"], ctx.dateline["end"] = m.start("place"), m.end("place")
        ctx.dateline["text_start"] = m.end()  # where the story's first sentence begins
