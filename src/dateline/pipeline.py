"""From a Document to a Record: one parse, then every extractor in order.

Stage order (each reads the parsed doc and what earlier stages put in the record):

1. layout     title, dek, byline, dateline from the text's first lines (metadata wins)
2. entities   spaCy NER corrected with document-level evidence and knowledge tables; merged
3. actors     country + CAMEO role for persons, organisations and groups
4. places     offline geocoding of GPE/LOC/FAC entities
5. times      TIMEX3 values against the document creation time (inferred when unknown)
6. quotes     direct, partial and indirect speech with resolved speakers
7. claims     quantitative claims with bound, object, source and time
8. events     CAMEO-coded interactions between actors, merged per real-world event

Nothing after this module sees a spaCy Doc: records are the boundary.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from .errors import InputError
from .extract import actors, claims, entities, events, layout, places, quotes, times
from .extract.context import Context
from .ingest.document import Document
from .ingest.validate import check_text
from .nlp import load
from .record import DCT, Record, content_id

log = logging.getLogger(__name__)

Stage = Callable[[Context], None]
STAGES: list[tuple[str, Stage]] = [
    ("entities", entities.run),
    ("actors", actors.run),
    ("places", places.run),
    ("times", times.run),
    ("quotes", quotes.run),
    ("claims", claims.run),
    ("events", events.run),
]


def new_record(document: Document) -> Record:
    text = document.text
    rec = Record(id=document.id or content_id(text), text=text, title=document.title,
                 authors=list(document.authors), published=document.published,
                 url=document.url, source=document.source)
    if document.published:
        rec.dct = DCT(value=document.published[:10], source="metadata",
                      evidence=["publication date from the source's metadata"])
    return rec


def build_record(document: Document, doc) -> Record:
    """Run every stage over an already-parsed doc."""
    rec = new_record(document)
    ctx = Context(doc=doc, record=rec)
    layout.run(ctx)
    for name, stage in STAGES:
        stage(ctx)
        if name == "entities":
            ctx.reindex()
    return rec


def analyze_document(document: Document) -> Record:
    check_text(document.text, document.source or "<text>")
    return build_record(document, load()(document.text))


def analyze(text: str, published: str | None = None, *, title: str | None = None,
            id: str | None = None, url: str | None = None) -> Record:
    """Analyse one report and return its record (see shared/spec/RECORD.md)."""
    doc = Document(text=text, published=published, title=title, id=id, url=url)
    rec = analyze_document(doc)
    if published:
        rec.dct.source = "given"
        rec.dct.evidence = ["publication date given by the caller"]
    return rec


def analyze_many(documents: Iterable[Document | InputError], batch_size: int = 16,
                 n_process: int = 1) -> Iterator[Record | InputError]:
    """Analyse a stream of documents with one `nlp.pipe`; rejected items pass through in order.

    Items that are InputErrors already (unreadable files) and documents whose text fails the
    checks are yielded as InputErrors, so a batch never stops for one bad report.
    """
    nlp = load()
    pending: list[Document | InputError] = []

    def flush() -> Iterator[Record | InputError]:
        docs = [d for d in pending if isinstance(d, Document)]
        parsed = iter(nlp.pipe((d.text for d in docs), batch_size=batch_size,
                               n_process=n_process))
        for item in pending:
            if isinstance(item, InputError):
                yield item
                continue
            doc = next(parsed)
            try:
                yield build_record(item, doc)
            except Exception as exc:  # one report's bug must not sink the batch
                log.exception("extraction failed on %s", item.source)
                yield InputError(item.source or item.id or "<text>", "E005",
                                 f"internal error during extraction: {exc!r}")
        pending.clear()

    for item in documents:
        if isinstance(item, Document):
            try:
                check_text(item.text, item.source or item.id or "<text>")
            except InputError as err:
                item = err
        pending.append(item)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()
