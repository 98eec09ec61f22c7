"""One report as the page shows it: highlighted text plus the side panel's lists.

Everything comes from the stored record (shared/spec/RECORD.md). Values from the record are
untrusted: they reach HTML only through `highlight.render` (text escaped piece by piece) or
Jinja's autoescaping, and class names are taken from fixed lists, never from the record.
"""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from ..record import BOUNDS, ENTITY_TYPES, QUOTE_KINDS, TIME_TYPES
from .cameo import quad_class, root_name
from .highlight import Mark, render
from .sentences import SentenceIndex, sentence_spans

log = logging.getLogger(__name__)

BOUND_SIGNS = {"exact": "", "lower": "≥ ", "upper": "≤ ", "approx": "≈ ", "range": ""}


def actor_url(name: str) -> str:
    return "/actor?" + urlencode({"name": name})


def _pick(value: Any, allowed: tuple[str, ...], other: str) -> str:
    return value if value in allowed else other


def _quad(event: dict) -> int:
    return quad_class(event.get("quad_class"), event.get("root"))


def _fits(text: str, item: dict) -> bool:
    """Offsets inside the text and pointing at the item's own text (provenance holds)."""
    start, end = item.get("start"), item.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return False
    return item.get("text") is None or text[start:end] == item["text"]


def format_number(value: Any) -> str:
    if not isinstance(value, (int, float)):
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def claim_value(claim: dict) -> str:
    """"≥ 1,000" / "200–300": the claimed number with its bound."""
    value = format_number(claim.get("value"))
    if claim.get("bound") == "range" and claim.get("value_max") is not None:
        return f"{value}–{format_number(claim['value_max'])}"
    return BOUND_SIGNS.get(claim.get("bound"), "") + value


class ReportView:
    """Builds the marks and the panel lists of one record."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record
        self.text: str = record.get("text") or ""
        self.entities = {e.get("id"): e for e in record.get("entities") or []}
        hints = [(ev["sentence"].get("start"), ev["sentence"].get("end"))
                 for ev in record.get("events") or [] if isinstance(ev.get("sentence"), dict)]
        hints = [(s, e) for s, e in hints if isinstance(s, int) and isinstance(e, int)]
        self.sentences = sentence_spans(self.text, hints)
        self.index = SentenceIndex(self.sentences)
        self.skipped = 0

    def name_of(self, ref: dict | None) -> str | None:
        """An actor/speaker/source's display name: its entity's name when it points at one."""
        if not ref:
            return None
        entity = self.entities.get(ref.get("entity"))
        return (entity or {}).get("name") or ref.get("name")

    def sentence(self, start: Any) -> int | None:
        return self.index.of(start) if isinstance(start, int) else None

    def _keep(self, item: dict) -> bool:
        ok = _fits(self.text, item)
        if not ok:
            self.skipped += 1
            log.debug("span off the text, not highlighted: %r", item)
        return ok

    # --- marks -----------------------------------------------------------------------------
    def marks(self) -> list[Mark]:
        out = [Mark(s, e, "sentence", "sent", anchor=f"s{i}") for i, (s, e) in enumerate(self.sentences)]
        anchored: set[int] = set()
        for ent in self.record.get("entities") or []:
            etype = _pick(ent.get("type"), ENTITY_TYPES, "OTHER")
            title = " · ".join(str(x) for x in (ent.get("name"), etype, ent.get("country"),
                                                ent.get("role")) if x)
            label = Markup('<a class="ent-label" href="{}">{}</a>').format(
                actor_url(str(ent.get("name") or "")), etype)
            for m in ent.get("mentions") or []:
                if self._keep(m):
                    # Anchored by offset, so a mention found in the store links here ("#m120").
                    anchor = f"m{m['start']}" if m["start"] not in anchored else None
                    anchored.add(m["start"])
                    out.append(Mark(m["start"], m["end"], "entity", f"ent ent-{etype}", tag="mark",
                                    anchor=anchor, label=label, attrs={"title": title}))
        for i, t in enumerate(self.record.get("times") or []):
            if self._keep(t):
                ttype = _pick(t.get("type"), TIME_TYPES, "DATE")
                value = t.get("value") or "unresolved"
                out.append(Mark(t["start"], t["end"], "time", f"hl-time time-{ttype}", anchor=f"t{i}",
                                label=Markup('<span class="hl-label">{}</span>').format(value),
                                attrs={"title": f"{ttype} → {value}"}))
        for i, q in enumerate(self.record.get("quotes") or []):
            if self._keep(q):
                out.append(self._quote_mark(i, q))
        for i, c in enumerate(self.record.get("claims") or []):
            if self._keep(c):
                out.append(Mark(c["start"], c["end"], "claim",
                                f"hl-claim bound-{_pick(c.get('bound'), BOUNDS, 'exact')}",
                                anchor=f"c{i}", attrs={"title": self._claim_title(c)},
                                label=Markup('<span class="hl-label">{} {}</span>').format(
                                    claim_value(c), c.get("object") or "")))
        for i, ev in enumerate(self.record.get("events") or []):
            trig = ev.get("trigger") or {}
            title = self._event_title(ev)
            quad = _quad(ev)
            if self._keep(trig):
                out.append(Mark(trig["start"], trig["end"], "trigger", f"hl-trigger quad-{quad}",
                                anchor=f"ev{i}", attrs={"title": title},
                                label=Markup('<sup class="hl-code">{}</sup>').format(ev.get("code") or "")))
            for extra in ev.get("mentions") or []:
                if _fits(self.text, extra):
                    out.append(Mark(extra["start"], extra["end"], "trigger",
                                    f"hl-trigger echo quad-{quad}", attrs={"title": title}))
        return out

    def _quote_mark(self, i: int, q: dict) -> Mark:
        kind = _pick(q.get("kind"), QUOTE_KINDS, "direct")
        speaker = self.name_of(q.get("speaker"))
        if speaker:
            label = Markup('<a class="hl-label speaker" href="{}" data-quote="q{}" title="speaker">'
                           '— {}</a>').format(actor_url(speaker), i, speaker)
        else:
            label = Markup('<span class="hl-label speaker none">— unattributed</span>')
        return Mark(q["start"], q["end"], "quote", f"hl-quote quote-{kind}", anchor=f"q{i}",
                    label=label, attrs={"title": f"{kind} quote" + (f" · {speaker}" if speaker else "")})

    def _claim_title(self, c: dict) -> str:
        parts = [f"{claim_value(c)} {c.get('object') or ''}".strip(), c.get("bound") or ""]
        if c.get("measure"):
            parts.append(str(c["measure"]))
        if self.name_of(c.get("source")):
            parts.append("source: " + str(self.name_of(c.get("source"))))
        if isinstance(c.get("time"), dict) and c["time"].get("value"):
            parts.append("time: " + str(c["time"]["value"]))
        return " · ".join(p for p in parts if p)

    def _event_title(self, ev: dict) -> str:
        who = " → ".join(x for x in (self.name_of(ev.get("source")), self.name_of(ev.get("target"))) if x)
        return " · ".join(str(x) for x in (ev.get("code"), ev.get("plover"), who, ev.get("modality")) if x)

    # --- page ------------------------------------------------------------------------------
    def html(self) -> Markup:
        return render(self.text, self.marks())

    def panel(self) -> dict[str, list[dict]]:
        """Events, quotes, claims, entities and times for the side panel, each with its sentence."""
        events = []
        for i, ev in enumerate(self.record.get("events") or []):
            trig = ev.get("trigger") or {}
            sent = ev.get("sentence") if isinstance(ev.get("sentence"), dict) else {}
            events.append({
                "anchor": f"ev{i}", "code": ev.get("code"), "root": ev.get("root"),
                "root_name": root_name(ev.get("root")), "plover": ev.get("plover"),
                "quad": _quad(ev),
                "modality": ev.get("modality"), "trigger": trig.get("text"),
                "source": self.name_of(ev.get("source")), "target": self.name_of(ev.get("target")),
                "where": self.name_of(ev.get("where")),
                "when": (ev.get("when") or {}).get("value") or (ev.get("when") or {}).get("text"),
                "sentence": self.sentence(sent.get("start", trig.get("start")))})
        quotes = [{"anchor": f"q{i}", "text": q.get("text"), "kind": q.get("kind"),
                   "speaker": self.name_of(q.get("speaker")), "sentence": self.sentence(q.get("start"))}
                  for i, q in enumerate(self.record.get("quotes") or [])]
        claims = [{"anchor": f"c{i}", "text": c.get("text"), "value": claim_value(c),
                   "bound": c.get("bound"), "object": c.get("object"), "measure": c.get("measure"),
                   "source": self.name_of(c.get("source")),
                   "time": (c.get("time") or {}).get("value") or (c.get("time") or {}).get("text"),
                   "sentence": self.sentence(c.get("start"))}
                  for i, c in enumerate(self.record.get("claims") or [])]
        entities = sorted(
            ({"anchor": _first_anchor(e), "name": e.get("name"),
              "type": _pick(e.get("type"), ENTITY_TYPES, "OTHER"),
              "country": e.get("country"), "role": e.get("role"),
              "mentions": len(e.get("mentions") or []),
              "geo": bool(e.get("geo")) and e.get("type") != "NORP"}
             for e in self.record.get("entities") or []),
            key=lambda e: (-e["mentions"], str(e["name"])))
        times = [{"anchor": f"t{i}", "text": t.get("text"), "type": t.get("type"), "value": t.get("value"),
                  "sentence": self.sentence(t.get("start"))}
                 for i, t in enumerate(self.record.get("times") or [])]
        return {"events": events, "quotes": quotes, "claims": claims, "entities": entities,
                "times": times}


def _first_anchor(entity: dict) -> str | None:
    starts = [m.get("start") for m in entity.get("mentions") or [] if isinstance(m.get("start"), int)]
    return f"m{min(starts)}" if starts else None


def safe_url(url: Any) -> str | None:
    """A report's URL only when it is http(s): a "javascript:" URL must never become a link."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


__all__ = ["ReportView", "actor_url", "claim_value", "format_number", "safe_url"]
