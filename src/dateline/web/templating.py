"""The Jinja environment: autoescaping on for every template, helpers for links and numbers."""
from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

import jinja2

from .cameo import root_name, table
from .report_view import actor_url, claim_value, format_number


def link(path: str, **params: Any) -> str:
    """`path?k=v...` with None and empty values left out, everything URL-encoded."""
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


def report_url(report_id: str, anchor: str | None = None) -> str:
    from urllib.parse import quote

    return "/reports/" + quote(report_id, safe="") + ("#" + anchor if anchor else "")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("dateline.web", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(link=link, report_url=report_url, actor_url=actor_url,
                       root_name=root_name, claim_value=claim_value, number=format_number,
                       quads=table()["quads"], roots=table()["roots"],
                       root_labels={k: f"{k} {v['name']}" for k, v in table()["roots"].items()})
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
