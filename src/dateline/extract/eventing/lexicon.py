"""The event lexicon: CAMEO codes (cameo_codes.tsv) and word patterns (cameo_verbs.yaml).

Both files are read once per process and indexed by lemma, so the stage does one dict lookup per
token. A file of the same name in DATELINE_KNOWLEDGE_DIR is read after ours (its lemmas replace
ours, its code rows override ours); `knowledge.reload()` re-reads. `use_lexicon(path)` points the
stage at another patterns file instead.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ... import knowledge

PATTERNS_FILE = knowledge.HERE / "cameo_verbs.yaml"
CODES_FILE = knowledge.HERE / "cameo_codes.tsv"
DEFAULT_VERB_TARGETS = ("dobj", "dative", "with", "against", "to", "on", "at")
DEFAULT_NOUN_TARGETS = ("with", "against", "to", "on", "for")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    plover_2021: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Pattern:
    lemma: str
    code: str
    noun: bool = False
    objects: frozenset[str] | None = None  # None: no constraint; empty: needs an actor object
    prep: str | None = None
    prt: str | None = None
    themes: tuple[tuple[str, str], ...] = ()
    source: tuple[str, ...] = ("subj",)
    target: tuple[str, ...] = DEFAULT_VERB_TARGETS
    reciprocal: bool = False
    place_target: bool = False
    alone: bool = False
    intent: str | None = None
    of: str = "target"
    in_: str | None = None
    plural: bool = False
    roles: tuple[tuple[str, str], ...] = ()
    persons: str | None = None  # code when a person acts on a person ("Biden attacked Trump")

    def role_code(self, role: str | None, code: str) -> str:
        for r, c in self.roles:
            if r == role:
                return c
        return code

    def theme_code(self, lemmas: set[str]) -> str:
        for word, code in self.themes:
            if word in lemmas:
                return code
        return self.code


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    codes: dict[str, CameoCode]
    light_verbs: frozenset[str]
    frames: dict[str, frozenset[str]]
    maps: dict[str, dict[str, str]]
    modality: dict[str, frozenset[str]] = field(default_factory=dict)

    def info(self, code: str) -> CameoCode | None:
        return self.codes.get(code) or self.codes.get(code[:3]) or self.codes.get(code[:2])

    def mapped(self, table: str, code: str, default: str) -> str:
        """Look a code up in a frame map: full code, then 3-digit, then root."""
        m = self.maps.get(table, {})
        return m.get(code) or m.get(code[:3]) or m.get(code[:2]) or default

    @functools.cached_property
    def verb_vocab(self) -> frozenset[str]:
        words = set(self.verbs) | set(self.light_verbs)
        for v in self.frames.values():
            words |= v
        for k in ("planned_verbs", "negative_verbs", "report_verbs"):
            words |= self.modality.get(k, frozenset())
        return frozenset(words)

    def vlemma(self, tok) -> str:
        """A verb's lemma, repaired against our vocabulary when the lemmatizer slipped."""
        return lemma_in(tok, self.verb_vocab) or tok.lemma_.lower()

    def frame_of(self, lemma: str) -> str | None:
        for name, lemmas in self.frames.items():
            if lemma in lemmas:
                return name
        return None


def lemma_in(tok, table) -> str | None:
    """The token's lemma if `table` has it, else a form guessed from the surface word: the small
    model's lemmatizer has gaps ("staged" -> "stag"), and the tables hold citation forms."""
    lemma = tok.lemma_.lower()
    if lemma in table:
        return lemma
    low = tok.lower_
    if low in table:
        return low
    for cut, add in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                     ("d", ""), ("es", ""), ("s", "")):
        if low.endswith(cut) and len(low) > len(cut) + 2:
            stem = low[: -len(cut)] + add
            if stem in table:
                return stem
            if not add and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in table:
                return stem[:-1]  # "planned" -> "plan"
    return None


def _pattern(lemma: str, raw, noun: bool) -> Pattern:
    if isinstance(raw, str):
        raw = {"code": raw}
    if not isinstance(raw, dict) or "code" not in raw:
        raise ValueError(f"cameo_verbs.yaml: bad pattern for {lemma!r}: {raw!r}")
    objects = raw.get("objects")
    themes = raw.get("themes") or {}
    target = raw.get("target")
    return Pattern(
        lemma=lemma, code=str(raw["code"]), noun=noun,
        objects=None if objects is None else frozenset(str(o).lower() for o in objects),
        prep=raw.get("prep"), prt=raw.get("prt"),
        themes=tuple((str(k).lower(), str(v)) for k, v in themes.items()),
        source=tuple(raw.get("source") or ("subj",)),
        target=tuple(target) if target else (DEFAULT_NOUN_TARGETS if noun else DEFAULT_VERB_TARGETS),
        reciprocal=bool(raw.get("reciprocal")), place_target=bool(raw.get("place_target")),
        alone=bool(raw.get("alone")), intent=raw.get("intent"),
        of=str(raw.get("of") or "target"), in_=raw.get("in"), plural=bool(raw.get("plural")),
        roles=tuple((str(k).upper(), str(v)) for k, v in (raw.get("roles") or {}).items()),
        persons=str(raw["persons"]) if raw.get("persons") else None)


def _index(section: dict | None, noun: bool) -> dict[str, list[Pattern]]:
    out: dict[str, list[Pattern]] = {}
    for lemma, raw in (section or {}).items():
        items = raw if isinstance(raw, list) else [raw]
        out[str(lemma).lower()] = [_pattern(str(lemma).lower(), r, noun) for r in items]
    return out


def _codes(path: Path) -> dict[str, CameoCode]:
    out: dict[str, CameoCode] = {}
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        g, q = row.get("goldstein"), row.get("quad_class")
        out[row["code"]] = CameoCode(row["code"], row.get("name", ""),
                                     float(g) if g else None, int(q) if q else None,
                                     row.get("plover") or None, row.get("plover_2021") or None)
    return out


def _read_yaml(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data if isinstance(data, dict) else {}


def _merge(base: dict, extra: dict) -> dict:
    """The user's file on top of ours: a lemma's patterns replace ours, lists are extended,
    maps are updated."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            merged = dict(out[key])
            for k, v in value.items():
                if isinstance(v, list) and isinstance(merged.get(k), list) and key in ("frames", "modality"):
                    merged[k] = merged[k] + v
                else:
                    merged[k] = v
            out[key] = merged
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


@functools.lru_cache(maxsize=4)
def load(path: str | None = None, codes_path: str | None = None) -> Lexicon:
    """Read the patterns (ours, then DATELINE_KNOWLEDGE_DIR's) and the code table, once."""
    paths = [Path(path)] if path else knowledge.table_paths("cameo_verbs.yaml")
    data: dict = {}
    for p in paths:
        data = _merge(data, _read_yaml(p))
    frames = {k: frozenset(str(x).lower() for x in v) for k, v in (data.get("frames") or {}).items()}
    maps = {k: {str(a): str(b) for a, b in (data.get(k) or {}).items()}
            for k in ("intent_codes", "refuse_codes", "threat_codes", "demand_codes", "appeal_codes",
                      "report_codes")}
    modality = {k: frozenset(str(x).lower() for x in v)
                for k, v in (data.get("modality") or {}).items()}
    codes: dict[str, CameoCode] = {}
    for cp in ([Path(codes_path)] if codes_path else knowledge.table_paths("cameo_codes.tsv")):
        codes.update(_codes(cp))
    return Lexicon(verbs=_index(data.get("verbs"), False), nouns=_index(data.get("nouns"), True),
                   codes=codes,
                   light_verbs=frozenset(str(x).lower() for x in data.get("light_verbs") or ()),
                   frames=frames, maps=maps, modality=modality)


_current: str | None = None


def use_lexicon(path: str | Path | None) -> None:
    """Use another patterns file from now on (None: the packaged one)."""
    global _current
    _current = str(path) if path else None


def lexicon() -> Lexicon:
    return load(_current)
