"""A report as read from its source, before analysis."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None  # path (and line) it came from, for error messages and the store
