"""Query parameters: declared once, validated strictly, described in the OpenAPI document.

Every endpoint lists the `Param`s it takes; `parse` turns a request's query string into clean
Python values or raises `BadRequest` naming the parameter and what would be accepted. An unknown
or repeated parameter is an error too, so a typo ("limt=5") is reported instead of ignored.
An empty value ("country=") means "not given", which is what an HTML form sends for "any".
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..record import ENTITY_TYPES, MODALITIES

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
MAX_OFFSET = 1_000_000
MAX_TEXT = 200

_INT = re.compile(r"[0-9]{1,9}")  # ASCII digits only: int() would also take "٣" or "1_0"
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_COUNTRY = re.compile(r"[A-Za-z]{3}")
_ROOT = re.compile(r"[0-9]{1,2}")


class BadRequest(Exception):
    """A request the API refuses, with the status, a code, a message and the parameter at fault."""

    def __init__(self, message: str, parameter: str | None = None, status: int = 400,
                 code: str = "bad_parameter") -> None:
        super().__init__(message)
        self.message, self.parameter, self.status, self.code = message, parameter, status, code

    def to_dict(self) -> dict[str, Any]:
        body = {"status": self.status, "code": self.code, "message": self.message}
        if self.parameter:
            body["parameter"] = self.parameter
        return {"error": body}


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # int | text | date | country | root | choice
    doc: str
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = field(default_factory=tuple)
    max_length: int = MAX_TEXT
    required: bool = False
    # Name of the Python keyword the value is passed as ("from" is a keyword in Python).
    key: str | None = None

    @property
    def target(self) -> str:
        return self.key or self.name

    def schema(self) -> dict[str, Any]:
        """JSON Schema of the parameter, for the OpenAPI document."""
        if self.kind == "int":
            s: dict[str, Any] = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        elif self.kind == "date":
            s = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
        elif self.kind == "country":
            s = {"type": "string", "pattern": "^[A-Za-z]{3}$"}
        elif self.kind == "root":
            s = {"type": "string", "pattern": r"^\d{1,2}$", "description": "01 to 20"}
        elif self.kind == "choice":
            s = {"type": "string", "enum": list(self.choices)}
        else:
            s = {"type": "string", "maxLength": self.max_length}
        if self.default is not None:
            s["default"] = self.default
        return {k: v for k, v in s.items() if v is not None}

    def convert(self, raw: str) -> Any:
        if self.kind == "int":
            if not _INT.fullmatch(raw):
                raise BadRequest(f"{self.name} must be a whole number, got {raw[:40]!r}", self.name)
            value = int(raw)
            if self.minimum is not None and value < self.minimum:
                raise BadRequest(f"{self.name} must be at least {self.minimum}", self.name)
            if self.maximum is not None and value > self.maximum:
                raise BadRequest(f"{self.name} must be at most {self.maximum}", self.name)
            return value
        if self.kind == "date":
            return _date(self.name, raw)
        if self.kind == "country":
            if not _COUNTRY.fullmatch(raw):
                raise BadRequest(f"{self.name} must be a three-letter code such as RUS or PRK, "
                                 f"got {raw[:40]!r}", self.name)
            return raw.upper()
        if self.kind == "root":
            if not _ROOT.fullmatch(raw) or not 1 <= int(raw) <= 20:
                raise BadRequest(f"{self.name} must be a CAMEO root code from 01 to 20, "
                                 f"got {raw[:40]!r}", self.name)
            return f"{int(raw):02d}"
        if self.kind == "choice":
            value = raw.upper() if self.choices and self.choices[0].isupper() else raw.lower()
            if value not in self.choices:
                raise BadRequest(f"{self.name} must be one of {', '.join(self.choices)}, "
                                 f"got {raw[:40]!r}", self.name)
            return value
        if len(raw) > self.max_length:
            raise BadRequest(f"{self.name} is longer than {self.max_length} characters", self.name)
        return raw


def _date(name: str, raw: str) -> str:
    m = _DATE.fullmatch(raw)
    if not m:
        raise BadRequest(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got {raw[:40]!r}", name)
    year, month, day = m.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise BadRequest(f"{name} is not a real date: {raw!r}", name) from None
    return raw


def check_text(name: str, raw: str) -> None:
    """No control characters anywhere: they have no meaning in a query and upset FTS5 and logs."""
    if any(not ch.isprintable() for ch in raw):
        raise BadRequest(f"{name} contains control characters", name)


def parse(query: Sequence[tuple[str, str]], params: Sequence[Param]) -> dict[str, Any]:
    """Validate a query string (as key/value pairs) against the declared parameters."""
    declared = {p.name: p for p in params}
    seen: dict[str, str] = {}
    for key, raw in query:
        if key not in declared:
            known = ", ".join(declared) or "none"
            raise BadRequest(f"unknown parameter {key[:40]!r}; this endpoint takes: {known}", key[:40])
        if key in seen:
            raise BadRequest(f"{key} is given more than once", key)
        check_text(key, raw)
        seen[key] = raw.strip()
    values: dict[str, Any] = {}
    for p in params:
        raw = seen.get(p.name, "")
        if raw == "":
            if p.required:
                raise BadRequest(f"{p.name} is required", p.name)
            values[p.target] = p.default
        else:
            values[p.target] = p.convert(raw)
    return values


LIMIT = Param("limit", "int", f"Page size (at most {MAX_PAGE_SIZE}).", DEFAULT_PAGE_SIZE,
              minimum=1, maximum=MAX_PAGE_SIZE)
OFFSET = Param("offset", "int", "How many items to skip.", 0, minimum=0, maximum=MAX_OFFSET)
PAGE = (LIMIT, OFFSET)
DATE_FROM = Param("from", "date", "Earliest date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.",
                  key="date_from")
DATE_TO = Param("to", "date", "Latest date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.",
                key="date_to")
COUNTRY = Param("country", "country", "ISO 3166 alpha-3 country or CAMEO bloc code.")
ENTITY_TYPE = Param("type", "choice", "Entity type.", choices=ENTITY_TYPES)
MODALITY = Param("modality", "choice", "Event modality.", choices=MODALITIES)
ROOT = Param("root", "root", "CAMEO root code, 01 to 20.")
QUERY = Param("q", "text", "Full-text search (words, all must occur; operators are not special).",
              max_length=MAX_TEXT)
