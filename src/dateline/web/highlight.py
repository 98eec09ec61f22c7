"""Text with highlighted spans, as HTML in which every piece of the report is escaped.

Spans overlap freely (a quote holds entities, a claim may straddle a quote's end), while HTML
elements must nest. `render` cuts the text at every span boundary and keeps a stack of open
elements: when a span ends under others, those are closed and reopened, so each span becomes one
or more fragments and the HTML stays well formed. The first fragment carries the span's anchor id
and the last its label. Hand-written: displaCy renders entities only, without overlaps.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Fixed nesting preference, outermost first, when spans start together.
LAYERS = {"sentence": 0, "quote": 1, "claim": 2, "entity": 3, "time": 4, "trigger": 5}
START, END = "\x02", "\x03"  # match markers the store puts into search snippets


@dataclass
class Mark:
    start: int
    end: int
    layer: str
    classes: str
    tag: str = "span"
    anchor: str | None = None
    label: Markup | None = None
    attrs: dict[str, str] = field(default_factory=dict)

    def open_tag(self, first: bool) -> str:
        attrs = {"class": self.classes + ("" if first else " cont"), **self.attrs}
        if first and self.anchor:
            attrs["id"] = self.anchor
        inner = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items() if v is not None)
        return f"<{self.tag}{inner}>"


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """HTML of `text` with each mark as an element around its characters (see module doc)."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    order = {id(m): (LAYERS[m.layer], -m.end, m.start, i) for i, m in enumerate(marks)}
    starting: dict[int, list[Mark]] = {}
    for m in marks:
        starting.setdefault(m.start, []).append(m)
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    stack: list[Mark] = []
    active: list[Mark] = []
    begun: set[int] = set()

    def close_from(i: int, at: int) -> None:
        while len(stack) > i:
            m = stack.pop()
            if m.end <= at and m.label is not None:
                out.append(m.label)
            out.append(f"</{m.tag}>")

    for a, b in zip(bounds, bounds[1:]):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        ended = [i for i, m in enumerate(stack) if m.end <= a]
        if ended:
            close_from(ended[0], a)
        on_stack = {id(m) for m in stack}
        for m in sorted((m for m in active if id(m) not in on_stack), key=lambda m: order[id(m)]):
            out.append(m.open_tag(id(m) not in begun))
            begun.add(id(m))
            stack.append(m)
        out.append(str(escape(text[a:b])))
    close_from(0, len(text))
    return Markup("".join(out))


def snippet_html(snippet: str | None) -> Markup:
    """An FTS snippet (matches between START/END markers) escaped, matches in <mark>."""
    if not snippet:
        return Markup("")
    out, inside = [], False
    for ch_run in _split_markers(snippet):
        if ch_run == START and not inside:
            out.append("<mark>")
            inside = True
        elif ch_run == END and inside:
            out.append("</mark>")
            inside = False
        elif ch_run not in (START, END):
            out.append(str(escape(ch_run)))
    if inside:
        out.append("</mark>")
    return Markup("".join(out))


def _split_markers(s: str) -> list[str]:
    parts, buf = [], []
    for ch in s:
        if ch in (START, END):
            if buf:
                parts.append("".join(buf))
                buf = []
            parts.append(ch)
        else:
            buf.append(ch)
    if buf:
        parts.append("".join(buf))
    return parts
