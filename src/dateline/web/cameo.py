"""CAMEO root labels for the page, read from static/cameo.json (the scripts read the same file)."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def table() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("static", "cameo.json").read_text("utf-8"))


def root_name(root: Any) -> str | None:
    entry = table()["roots"].get(root) if isinstance(root, str) else None
    return entry["name"] if entry else None


def quad_of(root: Any) -> int | None:
    entry = table()["roots"].get(root) if isinstance(root, str) else None
    return entry["quad"] if entry else None


def quad_class(given: Any, root: Any) -> int:
    """CAMEO quad class 1-4 (given, else from the root), 0 when unknown: pages use it in class names."""
    quad = given or quad_of(root)
    return quad if quad in (1, 2, 3, 4) else 0
