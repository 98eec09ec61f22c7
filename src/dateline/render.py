"""A readable, plain-text view of a record for the terminal."""
from __future__ import annotations

from .record import Record


def _code(country: str | None, role: str | None) -> str:
    return " ".join(x for x in (country, role) if x) or "-"


def render(rec: Record, width: int = 100) -> str:
    out = [f"== {rec.title or '(untitled)'}  [{rec.id}]"]
    if rec.source:
        out.append(f"   source: {rec.source}")
    meta = []
    if rec.authors:
        meta.append("by " + ", ".join(rec.authors))
    meta.append(f"published: {rec.published or 'unknown'}")
    meta.append(f"dct: {rec.dct.value or 'unknown'} ({rec.dct.source})")
    out.append("   " + "; ".join(meta))
    if rec.entities:
        out.append("entities:")
        for e in rec.entities:
            geo = f"  @ {e.geo['lat']:.2f},{e.geo['lon']:.2f}" if e.geo and "lat" in e.geo else ""
            flag = "  (metonym)" if e.metonym else ""
            out.append(f"  {e.type:<8} {e.name:<32} {_code(e.country, e.role):<10} "
                       f"x{len(e.mentions)}{geo}{flag}")
    if rec.times:
        out.append("times:")
        for t in rec.times:
            out.append(f"  {t.type:<8} {t.text!r:<36} -> {t.value or 'unresolved'}")
    if rec.quotes:
        out.append("quotes:")
        for q in rec.quotes:
            who = q.speaker.name if q.speaker else "(unattributed)"
            body = q.text if len(q.text) <= width else q.text[:width - 1] + "…"
            out.append(f"  {q.kind:<8} {who}: “{body}”")
    if rec.claims:
        out.append("claims:")
        for c in rec.claims:
            value = f"{c.value:g}" + (f"–{c.value_max:g}" if c.value_max is not None else "")
            extra = []
            if c.measure:
                extra.append(c.measure)
            if c.source:
                extra.append(f"source: {c.source.name}")
            if c.time:
                extra.append(f"time: {c.time.text} ({c.time.value or '?'})")
            out.append(f"  {c.bound:<6} {value} {c.object}" + (f"  [{'; '.join(extra)}]" if extra else ""))
    if rec.events:
        out.append("events:")
        for ev in rec.events:
            src = ev.source.name if ev.source else "?"
            tgt = ev.target.name if ev.target else "-"
            where = f" @ {ev.where.name}" if ev.where else ""
            when = f" ({ev.when.value or ev.when.text})" if ev.when else ""
            more = f" +{len(ev.mentions)} mentions" if ev.mentions else ""
            out.append(f"  {ev.code} {ev.plover or '':<10} {src} -> {tgt}: '{ev.trigger.text}' "
                       f"[{ev.modality}]{where}{when}{more}")
    return "\n".join(out)
