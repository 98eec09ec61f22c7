"""Pair quotation marks into quoted spans.

Hand-written: no library pairs news typography. Reports mix curly and straight double marks, use a
closing mark where an opening one belongs (”Fear. I am afraid …”), and follow the convention that
a quotation running over several paragraphs reopens each paragraph without closing the previous
one. The direction of a mark is read from its neighbours (space before and a letter after opens);
curly shape only breaks ties, and straight marks toggle. A paragraph is a line.

Single marks (‘ ’ ') are left alone: in English news they nest inside double marks or are
apostrophes, and telling them apart costs more than the rare British-style quotation brings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Double marks; two apostrophes ('') stand for one in some wire and archive texts.
MARKS = re.compile("''|[\"\u201c\u201d\u201e\u201f]")
_OPEN_SHAPES = "\u201c\u201e\u201f"
# What may stand before an opening mark, or after a closing one, besides white space.
_BEFORE_OPEN = "([{\u2014\u2013-/\u2015:"
_AFTER_CLOSE = ",.;:!?)]}\u2014\u2013\u2015-\u2026'\u2019"


@dataclass(frozen=True)
class Quoted:
    """One quotation: [start, end) is the content inside the marks."""

    start: int
    end: int
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the paragraph ended first
    outer_end: int  # just after the closing mark (the content's end when there is none)


def direction(text: str, i: int, j: int | None = None) -> str | None:
    """'open', 'close' or None (can't tell) for the mark at text[i:j]."""
    j = i + 1 if j is None else j
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[j] if j < len(text) else "\n"
    space_before = prev.isspace() or prev in _BEFORE_OPEN
    space_after = nxt.isspace() or nxt in _AFTER_CLOSE
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    ch = text[i]
    if ch in _OPEN_SHAPES:
        return "open"
    if ch == "\u201d":
        return "close"
    return None


def _line_start(text: str, i: int) -> bool:
    j = text.rfind("\n", 0, i)
    return not text[j + 1:i].strip()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _after_mark(text: str, i: int) -> int:
    return i + 2 if text.startswith("''", i) else i + 1


def find_quoted(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """Every double-quoted span in text[start:end], in order; one linear pass over the marks."""
    end = len(text) if end is None else end
    out: list[Quoted] = []
    opened: int | None = None  # offset of the current opening mark
    segments: list[int] = []  # opening marks of the paragraphs of a multi-paragraph quotation
    last = start

    def close_unterminated() -> None:
        # The paragraph ended before a closing mark: each paragraph is a quotation of its own
        # (transcripts, lists of reader comments), ending where its line ends.
        for o in segments:
            nl = text.find("\n", o)
            s, e = _trimmed(text, _after_mark(text, o), nl if 0 <= nl < end else end)
            if e > s:
                out.append(Quoted(s, e, o, None, e))

    for m in MARKS.finditer(text, start, end):
        i = m.start()
        way = direction(text, i, m.end())
        if opened is not None and "\n" in text[last:i]:
            if way != "close" and _line_start(text, i):
                segments.append(i)  # the quotation goes on in a new paragraph
                last = i
                continue
            close_unterminated()
            opened, segments = None, []
        if opened is None:
            if way != "close":
                opened, segments, last = i, [i], i
            continue
        if way == "open" and text[i - 1:i].isspace() and not _line_start(text, i):
            # An opening mark inside an open quotation: the earlier mark was never closed.
            close_unterminated()
            opened, segments, last = i, [i], i
            continue
        s, e = _trimmed(text, _after_mark(text, opened), i)
        if e > s:
            out.append(Quoted(s, e, opened, i, m.end()))
        opened, segments, last = None, [], i
    if opened is not None:
        close_unterminated()
    return out
