"""Checks every report passes before analysis; each failure is an InputError with a fix."""
from __future__ import annotations

import re

from ..errors import MAX_TEXT_BYTES, InputError

# Function words are the cheapest reliable signal for "is this English?": every English news
# paragraph is full of them and other languages (even Latin-script ones) almost never are.
_ENGLISH = frozenset(
    "the of and to a in is was that for on with as by at from it his her their has have had "
    "be are were said not but an or this which who will would its after they he she we".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def decode(raw: bytes, source: str) -> str:
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError(source, "E004", f"{len(raw):,} bytes")
    head = raw[:8192]
    if b"\x00" in head or _control_ratio(head) > 0.1:
        raise InputError(source, "E002")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, "E003", f"byte {exc.start}") from None


def _control_ratio(raw: bytes) -> float:
    if not raw:
        return 0.0
    bad = sum(1 for b in raw if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(raw)


def check_text(text: str, source: str) -> None:
    if not text or not text.strip():
        raise InputError(source, "E001")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise InputError(source, "E004", f"{len(text):,} characters")
    if "\x00" in text[:8192]:
        raise InputError(source, "E002")
    words = _WORD.findall(text[:20000].lower())
    if len(words) >= 20:
        share = sum(w in _ENGLISH for w in words) / len(words)
        if share < 0.08:
            raise InputError(source, "E006", f"only {share:.0%} English function words")
