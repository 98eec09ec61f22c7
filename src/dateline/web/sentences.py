"""Sentence stretches of a stored report, for anchors ("#s4") the side panel links back to.

Stored records keep no parse, so this is a hand-written splitter: sentence-final punctuation
followed by space and a capital (or an opening quote), and every line break. Event sentences
come from the parser, so where the record has them they win: no cut is made inside one.
"""
from __future__ import annotations

import bisect
import re

# Sentence end: . ! ? (optionally closing quotes/brackets), spaces, then what can open a sentence.
_CUT = re.compile(r"""[.!?]["'\u201d\u2019)\]]*(\s+)(?=["'\u201c\u2018(\[]?[A-Z0-9])""")
# Abbreviations that end in a full stop without ending the sentence (display-only heuristic).
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Adm|Gov|Sen|Rep|Rev|St|Jr|Sr|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Co)"
                     r"|\b[A-Z](?:\.[A-Z])*)\.$")


def sentence_spans(text: str, hints: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Cover `text` with consecutive (start, end) stretches, spaces trimmed; `hints` are kept whole."""
    cuts = {0, len(text)}
    for m in _CUT.finditer(text):
        if not _ABBREV.search(text[max(0, m.start() - 12):m.start() + 1]):
            cuts.add(m.start(1))
    for i, ch in enumerate(text):
        if ch == "\n":
            cuts.add(i)
    good = [(s, e) for s, e in hints if 0 <= s < e <= len(text)]
    for s, e in good:
        cuts = {c for c in cuts if not s < c < e}
    for s, e in good:
        cuts.update((s, e))
    ordered = sorted(cuts)
    spans = []
    for a, b in zip(ordered, ordered[1:]):
        # Trim the spaces the cut left on either side so anchors sit on words.
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


class SentenceIndex:
    """Which sentence holds an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def of(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0 if self.spans else None
        return i
