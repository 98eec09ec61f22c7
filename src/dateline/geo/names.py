"""Name folding shared by the gazetteer index and the place resolver.

Hand-written because matching rules are ours: accents and punctuation are dropped ("São Paulo",
"Sao Paulo" and "SAO PAULO" fold alike; "U.S." -> "us"; "Komsomolsk-on-Amur" -> "komsomolsk on
amur"), possessives and a leading article go, whitespace collapses.
"""
from __future__ import annotations

import re
import unicodedata

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"'s?$|'s?(?=\s)")
_ABBREV_DOTS = re.compile(r"\b((?:[a-z]\.){2,})")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEADING = re.compile(r"^(?:the|a)\s+")
# Abbreviations that name the same thing as their long form.
_WORD_FORMS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


def fold(text: str) -> str:
    """Lower case without accents (NFKD, combining marks dropped)."""
    text = unicodedata.normalize("NFKD", text.translate(_APOS))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def norm(text: str) -> str:
    """The lookup key of a place name: 'the Côte d’Ivoire's' -> 'cote d ivoire'."""
    s = fold(text).strip()
    s = _POSSESSIVE.sub("", s)
    s = _ABBREV_DOTS.sub(lambda m: m.group(1).replace(".", ""), s)  # "u.s." -> "us"
    s = _NON_WORD.sub(" ", s).strip()
    s = _LEADING.sub("", s)
    words = [_WORD_FORMS.get(w, w) for w in s.split()]
    return " ".join(words)


def is_latin(text: str) -> bool:
    """True when the name is written in Latin letters (after dropping accents)."""
    folded = fold(text)
    return bool(folded) and all(ch.isascii() for ch in folded)
