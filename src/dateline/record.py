"""The document record: Dateline's data model, in one place.

The record is the contract between single-document extraction and everything after it (store,
exports, web page, Dask workers); its JSON form is fixed by shared/spec/RECORD.md. Every span
field is a character offset into `Record.text` (end exclusive), so `text[start:end] == span.text`.
Fields beyond the contract (e.g. `Quote.cue`, `Time.mod`) are additions, never renames.
"""
from __future__ import annotations

import dataclasses
import hashlib
import typing
from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "EVENT")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
QUOTE_KINDS = ("direct", "partial", "indirect")
BOUNDS = ("exact", "lower", "upper", "approx", "range")
MODALITIES = ("asserted", "reported", "planned", "possible", "negated")
DCT_SOURCES = ("metadata", "given", "inferred", "unknown")


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Mention(Span):
    pass


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    geo: dict[str, Any] | None = None
    # The whole CAMEO actor code when country + role can't hold it: an international body
    # keeps its type in `country` ("IGO", "NGO", "IMG", as CAMEO puts it in the country slot)
    # and its full code here ("IGOUNO" United Nations, "NGOAMN" Amnesty International).
    code: str | None = None
    # Why the actor code was chosen ("premodifier: Russian President"), for reviewers.
    evidence: list[str] = field(default_factory=list)
    metonym: bool = False


@dataclass
class DCT:
    value: str | None = None
    source: str = "unknown"
    evidence: list[str] = field(default_factory=list)


@dataclass
class Time:
    text: str
    start: int
    end: int
    type: str
    value: str | None = None
    mod: str | None = None
    # What the value was resolved against: "DCT" (the document creation time), or "start-end"
    # offsets of the expression a relative one counts from ("two days later"); None if absolute.
    anchor: str | None = None


@dataclass
class Speaker:
    name: str
    entity: str | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str
    speaker: Speaker | None = None
    cue: Span | None = None


@dataclass
class TimeRef:
    text: str
    value: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Claim:
    text: str
    start: int
    end: int
    value: float
    bound: str = "exact"
    object: str = ""
    value_max: float | None = None
    measure: str | None = None
    source: Speaker | None = None
    time: TimeRef | None = None
    unit: str | None = None


@dataclass
class Actor:
    name: str
    country: str | None = None
    role: str | None = None
    entity: str | None = None
    code: str | None = None  # the full CAMEO code of an international body (see Entity.code)


@dataclass
class Place:
    name: str
    entity: str | None = None


@dataclass
class Event:
    code: str
    root: str
    plover: str | None
    modality: str
    trigger: Span
    source: Actor | None
    target: Actor | None = None
    where: Place | None = None
    when: TimeRef | None = None
    sentence: dict[str, int] = field(default_factory=dict)
    # Further spans telling the same event (title, caption, body) — one event, many mentions.
    mentions: list[Span] = field(default_factory=list)
    goldstein: float | None = None
    quad_class: int | None = None


@dataclass
class Record:
    id: str
    text: str
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    source: str | None = None
    dct: DCT = field(default_factory=DCT)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        return _build(cls, data)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def content_id(text: str) -> str:
    """Stable id for a report: the same text always gets the same id, so re-ingest is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _build(tp: Any, data: Any) -> Any:
    """Rebuild nested dataclasses from their `asdict` form (inverse of `Record.to_dict`)."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_build(item, x) for x in data]
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(args[0], data) if len(args) == 1 else data
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _build(hints[k], v) for k, v in data.items() if k in known})
    return data
