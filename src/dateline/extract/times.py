"""Times stage: TIMEX3 dates, times, durations and sets, resolved against the document time.

The work is in `dateline.extract.timex`; this stage fills `record.times` and, when the
document time is unknown but the text supports one, `record.dct` (source "inferred").
The machine clock is never read: with no DCT evidence relative values stay None.
"""
from __future__ import annotations

from ..record import DCT, Time
from .context import Context
from .timex import annotate


def run(ctx: Context) -> None:
    rec = ctx.record
    known = rec.dct.value if rec.dct.source in ("metadata", "given") or rec.dct.value else None
    found, inferred = annotate(rec.text, ctx.doc, known, url=rec.url)
    if inferred is not None:
        rec.dct = DCT(value=inferred.value, source="inferred", evidence=inferred.evidence)
    rec.times = [Time(text=rec.text[f.parse.start:f.parse.end], start=f.parse.start,
                      end=f.parse.end, type=f.parse.type, value=f.value, mod=f.parse.mod,
                      anchor=f.anchor if f.value else None)
                 for f in found]
