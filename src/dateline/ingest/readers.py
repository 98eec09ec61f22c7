"""Readers: paths (files, folders, `-`) to Documents, or InputErrors for what cannot be read.

A reader never raises for a bad report: it yields an InputError in its place so a batch goes
on and the rejection can be recorded.
"""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .document import Document
from .validate import decode

log = logging.getLogger(__name__)
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

Item = Document | InputError


def read_paths(paths: Iterable[str | Path], published: str | None = None) -> Iterator[Item]:
    """Every report under the given paths, in a stable order."""
    for p in paths:
        if str(p) == "-":
            yield from _with_published(read_stdin(), published)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file()
                           and f.suffix.lower() in KNOWN and not f.name.startswith("."))
            for f in files:
                yield from _with_published(read_file(f), published)
        elif path.is_file():
            yield from _with_published(read_file(path), published)
        else:
            yield InputError(str(path), "E008", "no such file or folder")


def _with_published(items: Iterable[Item], published: str | None) -> Iterator[Item]:
    for item in items:
        if published and isinstance(item, Document) and not item.published:
            item.published = published
        yield item


def read_file(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(source, "E008", exc.strerror or str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(raw, source)
        return
    try:
        text = decode(raw, source)
    except InputError as err:
        yield err
        return
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_html(text)):
        yield read_html(text, source)
    elif suffix in TEXT_SUFFIXES:
        yield Document(text=text, source=source)
    else:
        yield InputError(source, "E007", f"unsupported file kind {suffix or '(none)'}")


def read_stdin() -> Iterator[Item]:
    raw = sys.stdin.buffer.read()
    try:
        text = decode(raw, "<stdin>")
    except InputError as err:
        yield err
        return
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from read_jsonl(raw, "<stdin>")
    elif _looks_html(text):
        yield read_html(text, "<stdin>")
    else:
        yield Document(text=text, source="<stdin>")


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_jsonl(raw: bytes, source: str) -> Iterator[Item]:
    """One `{"id", "text", "title"?, "published"?, "url"?}` per line; the given id is kept."""
    try:
        text = decode(raw, source)
    except InputError as err:
        yield err
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, "E005", f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield InputError(where, "E005", 'each line needs an object with a "text" string')
            continue
        authors = obj.get("authors") or []
        yield Document(text=obj["text"], id=str(obj["id"]) if obj.get("id") is not None else None,
                       title=obj.get("title"), published=_iso_date(obj.get("published")),
                       url=obj.get("url"), authors=list(authors) if isinstance(authors, list)
                       else [str(authors)], source=where)


def read_html(html: str, source: str) -> Item:
    """Main text and metadata of a web page, by trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          favor_precision=True)
        data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    except Exception as exc:  # trafilatura raises a zoo of lxml errors on broken markup
        return InputError(source, "E005", f"HTML could not be parsed: {exc}")
    text = (data or {}).get("text") or ""
    if not text.strip():
        return InputError(source, "E005", "no article text found in the HTML")
    author = data.get("author") or ""
    authors = [a.strip() for a in author.replace(" and ", ";").split(";") if a.strip()]
    return Document(text=text, title=data.get("title"), published=_iso_date(data.get("date")),
                    url=data.get("url"), authors=authors, source=source)


def _iso_date(value) -> str | None:
    if not value:
        return None
    value = str(value).strip()
    return value if len(value) >= 4 and value[:4].isdigit() else None
