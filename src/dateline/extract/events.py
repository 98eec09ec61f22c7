"""events — CAMEO-coded interactions between actors, one event per real-world event.

Reads the parse (never re-parses), the entities with their actor codes and the resolved times;
writes `record.events`. The work is in `eventing/`: `lexicon` (cameo_verbs.yaml + cameo_codes.tsv),
`participants` (phrase -> coded actors), `modality`, `triggers` (event mentions) and `merge`
(mentions -> events).
"""
from __future__ import annotations

import logging

from .context import Context
from .eventing import lexicon as _lexicon
from .eventing.merge import build
from .eventing.triggers import Finder

log = logging.getLogger(__name__)


def run(ctx: Context) -> None:
    lex = _lexicon.lexicon()
    candidates = Finder(ctx, lex).run()
    ctx.record.events = build(candidates, lex)
    log.debug("events: %d mentions -> %d events", len(candidates), len(ctx.record.events))
