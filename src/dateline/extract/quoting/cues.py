"""The quotation extractor's knowledge: speech verbs (speech_verbs.tsv) and cue words
(quote_cues.yaml), each read once per process (knowledge.reload() forgets them). Edit the data,
not the code; a user's folder of tables (DATELINE_KNOWLEDGE_DIR) extends both."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import yaml

from ... import knowledge

CLAUSE, QUOTE, OBJECT, PARTIAL, SOURCE = "clause", "quote", "object", "partial", "source"


@dataclass(frozen=True)
class SpeechVerbs:
    # lemma -> frames, for one-word verbs
    verbs: dict[str, frozenset[str]]
    # (lemma, particle) -> frames, for phrasal verbs ("point out")
    phrasal: dict[tuple[str, str], frozenset[str]]
    # (preposition word, its object preposition) -> frames ("according", "to")
    prepositions: dict[tuple[str, str], frozenset[str]]


@functools.lru_cache(maxsize=1)
def speech_verbs() -> SpeechVerbs:
    verbs: dict[str, frozenset[str]] = {}
    phrasal: dict[tuple[str, str], frozenset[str]] = {}
    preps: dict[tuple[str, str], frozenset[str]] = {}
    for row in knowledge.read_tsv("speech_verbs.tsv"):
        cue = row[0].lower()
        frames = frozenset(f.strip() for f in (row[1] if len(row) > 1 else CLAUSE).split(",")
                           if f.strip())
        words = cue.split()
        if SOURCE in frames and len(words) == 2:
            preps[(words[0], words[1])] = frames
        elif len(words) == 2:
            phrasal[(words[0], words[1])] = frames
        elif len(words) == 1:
            verbs[cue] = frames
    return SpeechVerbs(verbs, phrasal, preps)


@dataclass(frozen=True)
class CueWords:
    pronouns: dict[str, str]
    unresolvable: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    person_nouns: frozenset[str]
    group_nouns: frozenset[str]
    naming_words: frozenset[str]
    inference_verbs: frozenset[str]
    dashes: str


@functools.lru_cache(maxsize=1)
def cue_words() -> CueWords:
    data: dict = {}
    # Ours first, then the user's folder (DATELINE_KNOWLEDGE_DIR): lists and maps extend ours.
    for path in knowledge.table_paths("quote_cues.yaml"):
        _merge(data, yaml.safe_load(path.read_text(encoding="utf-8")) or {})

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    gender = data.get("gender") or {}
    return CueWords(
        pronouns={str(k).lower(): str(v) for k, v in (data.get("pronouns") or {}).items()},
        unresolvable=words("unresolvable"),
        male=frozenset(str(w).lower() for w in gender.get("male") or []),
        female=frozenset(str(w).lower() for w in gender.get("female") or []),
        person_nouns=words("person_nouns"),
        group_nouns=words("group_nouns"),
        naming_words=words("naming_words"),
        inference_verbs=words("inference_verbs"),
        dashes=str(data.get("attribution_dashes") or ""),
    )


def _merge(into: dict, more: dict) -> None:
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + value
        else:
            into[key] = value


def clear_caches() -> None:
    """Forget the loaded tables (tests edit the data and reload)."""
    speech_verbs.cache_clear()
    cue_words.cache_clear()
