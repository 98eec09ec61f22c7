"""The OpenAPI 3.1 description of the JSON API, built from the endpoint declarations."""
from __future__ import annotations

from functools import cache
from typing import Any

from .endpoints import ENDPOINTS
from .params import MAX_PAGE_SIZE

_STR = {"type": ["string", "null"]}
_NUM = {"type": ["number", "null"]}
_INT = {"type": "integer"}


def _obj(props: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props, **extra}


def _page(item: str, **extra: Any) -> dict[str, Any]:
    return _obj({"items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
                 "total": _INT, "limit": _INT, "offset": _INT,
                 "next_offset": {"type": ["integer", "null"],
                                 "description": "offset of the next page; null on the last"},
                 **extra}, required=["items", "total", "limit", "offset", "next_offset"])


_FACET = {"type": "array", "items": _obj({"value": {"type": "string"}, "n": _INT})}
_DATED = {"date": _STR, "date_end": _STR,
          "dated_by": {"type": ["string", "null"], "enum": ["text", "report", None],
                       "description": "whether the date is the item's own time or its report's"}}

SCHEMAS: dict[str, Any] = {
    "Error": _obj({"error": _obj({"status": _INT, "code": {"type": "string"},
                                  "message": {"type": "string"}, "parameter": {"type": "string"}},
                                 required=["status", "code", "message"])}, required=["error"]),
    "Record": {"type": "object", "description": "The document record, contract v1 "
               "(shared/spec/RECORD.md): id, text, title, authors, published, dct, entities, "
               "times, quotes, claims, events; every start/end indexes text."},
    "ReportSummary": _obj({"id": {"type": "string"}, "title": _STR, "source": _STR, "url": _STR,
                           "published": _STR, "dct_value": _STR, "date": _STR, "n_chars": _INT,
                           "n_entities": _INT, "n_times": _INT, "n_quotes": _INT, "n_claims": _INT,
                           "n_events": _INT, "snippet": _STR,
                           "snippet_html": {"type": ["string", "null"],
                                            "description": "escaped snippet, matches in <mark>"}}),
    "SearchHit": _obj({"id": {"type": "string"}, "title": _STR, "published": _STR,
                       "dct_value": _STR, "snippet": _STR, "snippet_html": _STR}),
    "Entity": _obj({"name": {"type": "string"}, "type": {"type": "string"}, "country": _STR,
                    "role": _STR, "reports": _INT, "mentions": _INT, "has_geo": _INT}),
    "Event": _obj({"report_id": {"type": "string"}, "idx": _INT, "code": {"type": "string"},
                   "root": {"type": "string"}, "root_name": _STR, "plover": _STR, "modality": _STR,
                   "quad": {"type": ["integer", "null"]}, "trigger_text": _STR,
                   "trigger_start": _INT, "trigger_end": _INT,
                   "source_label": _STR, "source_country": _STR, "source_role": _STR,
                   "target_label": _STR, "target_country": _STR, "target_role": _STR,
                   "where_name": _STR, "when_text": _STR, "when_value": _STR,
                   "sentence_start": _INT, "sentence_end": _INT, "goldstein": _NUM,
                   "title": _STR, "report_date": _STR, **_DATED}),
    "Claim": _obj({"report_id": {"type": "string"}, "idx": _INT, "text": {"type": "string"},
                   "start": _INT, "end": _INT, "value": _NUM, "value_max": _NUM,
                   "bound": {"type": "string", "enum": ["exact", "lower", "upper", "approx", "range"]},
                   "object": _STR, "measure": _STR, "source_label": _STR, "time_text": _STR,
                   "time_value": _STR, "title": _STR, "report_date": _STR, **_DATED}),
    "Quote": _obj({"report_id": {"type": "string"}, "idx": _INT, "text": {"type": "string"},
                   "start": _INT, "end": _INT, "kind": {"type": "string"}, "speaker_name": _STR,
                   "speaker_label": _STR, "title": _STR, "date": _STR}),
    "Place": _obj({"name": {"type": "string"}, "type": _STR, "country": _STR, "lat": _NUM,
                   "lon": _NUM, "reports": _INT, "mentions": _INT, "events": _INT}),
    "Mention": _obj({"report_id": {"type": "string"}, "start": _INT, "end": _INT,
                     "text": {"type": "string"}, "left": _STR, "right": _STR, "title": _STR,
                     "date": _STR}),
}
SCHEMAS["ReportPage"] = _page("ReportSummary", facets=_obj({"countries": _FACET, "sources": _FACET}))
SCHEMAS["SearchPage"] = _page("SearchHit")
SCHEMAS["EntityPage"] = _page("Entity")
SCHEMAS["EventPage"] = _page("Event", facets=_obj({"roots": _FACET, "modalities": _FACET,
                                                  "countries": _FACET}))
SCHEMAS["ClaimPage"] = _page("Claim", objects={"type": "array", "items": _obj(
    {"value": {"type": "string"}, "n": _INT, "reports": _INT, "measures": _STR})})
SCHEMAS["QuotePage"] = _page("Quote")
SCHEMAS["PlacePage"] = _page("Place")


def _sub(item: str) -> dict[str, Any]:
    return _obj({"items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
                 "total": _INT})


SCHEMAS["Actor"] = _obj({
    "name": {"type": "string"}, "limit": _INT, "offset": _INT,
    "total": {"type": "integer", "description": "the longest of the three lists, for paging"},
    "next_offset": {"type": ["integer", "null"]},
    "profile": {"type": "array", "items": _obj({"type": {"type": "string"}, "country": _STR,
                                                "role": _STR, "reports": _INT, "mentions": _INT})},
    "mentions": _sub("Mention"), "events": _sub("Event"), "quotes": _sub("Quote"),
    "network": _obj({"nodes": {"type": "array", "items": _obj({"id": {"type": "string"},
                                                               "ego": {"type": "boolean"},
                                                               "events": _INT, "country": _STR})},
                     "edges": {"type": "array", "items": _obj({"source": {"type": "string"},
                                                               "target": {"type": "string"},
                                                               "events": _INT, "goldstein": _NUM})}})})

_ERRORS = {
    "400": "a parameter is unknown, repeated or invalid",
    "404": "nothing with that id or name",
    "503": "the query ran past its time limit; narrow it and retry",
}


@cache
def spec() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for ep in ENDPOINTS:
        parameters = [{"name": p.name, "in": "query", "required": p.required,
                       "description": p.doc, "schema": p.schema()} for p in ep.params]
        if ep.path_param:
            parameters.insert(0, {"name": ep.path_param, "in": "path", "required": True,
                                  "schema": {"type": "string", "maxLength": 200}})
        responses = {"200": {"description": "OK", "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{ep.schema}"}}}}}
        for status, why in _ERRORS.items():
            responses[status] = {"description": why, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}}
        paths[ep.path.replace(":path}", "}")] = {"get": {"operationId": ep.name, "summary": ep.summary,
                                  "parameters": parameters, "responses": responses}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Dateline", "version": "1",
                 "description": "Read-only JSON over a Dateline store of news-report records. "
                                f"Lists are paginated with limit (at most {MAX_PAGE_SIZE}) and "
                                "offset; errors are JSON objects with an `error` member."},
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
