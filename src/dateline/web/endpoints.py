"""The JSON API's endpoints, declared once: routes, validation and the OpenAPI document read this."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import data
from .params import (COUNTRY, DATE_FROM, DATE_TO, ENTITY_TYPE, MODALITY, PAGE, QUERY, ROOT,
                     Param)


@dataclass(frozen=True)
class Endpoint:
    path: str
    name: str
    summary: str
    params: tuple[Param, ...]
    payload: Callable[..., dict[str, Any]]
    schema: str  # component schema of the response (openapi.py)
    path_param: str | None = None  # name of the {path} parameter, passed as `key`
    path_key: str | None = None


SOURCE = Param("source", "text", "Start of the report's source path or URL.")
OBJECT = Param("object", "text", "What the claims count, exactly (e.g. 'tanks'); any case.")
ACTOR = Param("actor", "text", "An actor's name, as source or target.")
NAME = Param("name", "text", "Entity name, exactly as listed by /api/entities.", required=True)
SPEAKER = Param("speaker", "text", "Part of the speaker's name.")

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/reports", "reports", "Reports, filtered and searched, with item counts and facets.",
             (QUERY, DATE_FROM, DATE_TO, COUNTRY, SOURCE, *PAGE), data.reports, "ReportPage"),
    Endpoint("/api/reports/{id:path}", "report", "One report's full record (shared/spec/RECORD.md).",
             (), data.report, "Record", path_param="id", path_key="report_id"),
    Endpoint("/api/search", "search", "Full-text search over titles and texts (FTS5), best first.",
             (Param("q", "text", QUERY.doc, required=True), *PAGE), data.search, "SearchPage"),
    Endpoint("/api/entities", "entities", "Entities across reports, grouped by name and type.",
             (ENTITY_TYPE, COUNTRY, Param("name", "text", "Part of the name."), *PAGE),
             data.entities, "EntityPage"),
    Endpoint("/api/actor", "actor", "One actor: coding, mentions, events, quotes and counterparts.",
             (NAME, *PAGE), data.actor, "Actor"),
    Endpoint("/api/events", "events", "Events in time order with CAMEO root, country and modality filters.",
             (ROOT, COUNTRY, MODALITY, ACTOR, DATE_FROM, DATE_TO, *PAGE), data.events, "EventPage"),
    Endpoint("/api/claims", "claims", "Quantitative claims in time order, with the claimed objects.",
             (OBJECT, Param("source", "text", "Part of the claim source's name."), *PAGE),
             data.claims, "ClaimPage"),
    Endpoint("/api/quotes", "quotes", "Quotes with their speakers.",
             (SPEAKER, Param("report", "text", "Report id.", key="report_id"), *PAGE),
             data.quotes, "QuotePage"),
    Endpoint("/api/places", "places", "Geocoded places with report and event counts (for the map).",
             (COUNTRY, *PAGE), data.places, "PlacePage"),
)
