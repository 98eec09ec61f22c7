"""What every extractor receives: the parsed doc and the record being filled."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from ..record import Entity, Record


@dataclass
class Context:
    doc: Doc
    record: Record
    # Offsets of the body (after title/dek/byline lines); extractors that should ignore the
    # headline block (quotes, claims) start here.
    body_start: int = 0
    # The wire dateline opening the body, if any: {"place", "start", "end" (of the place),
    # "text_start" (after the whole dateline), "region"?, "date"?, "agency"?} — a place for
    # events and geocoding, a date hint for the DCT, and not part of the first sentence's words.
    dateline: dict | None = None
    _index: list[tuple[int, int, str]] = field(default_factory=list, repr=False)

    def span(self, start: int, end: int) -> SpacySpan | None:
        """The token span covering [start, end) (widened to token bounds)."""
        return self.doc.char_span(start, end, alignment_mode="expand")

    def reindex(self) -> None:
        self._index = sorted((m.start, m.end, e.id) for e in self.record.entities
                             for m in e.mentions)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), preferring the longest overlap."""
        if not self._index:
            self.reindex()
        i = bisect.bisect_left(self._index, (start - 200, 0, ""))
        best, best_len = None, 0
        for s, e, eid in self._index[i:]:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_len:
                best, best_len = eid, overlap
        return self.record.entity(best) if best else None

    def entities_in(self, start: int, end: int) -> list[tuple[Entity, int, int]]:
        """(entity, mention start, mention end) for every mention inside [start, end)."""
        if not self._index:
            self.reindex()
        i = bisect.bisect_left(self._index, (start, 0, ""))
        out = []
        for s, e, eid in self._index[i:]:
            if s >= end:
                break
            if e <= end:
                out.append((self.record.entity(eid), s, e))
        return out
