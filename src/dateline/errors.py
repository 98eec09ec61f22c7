"""Dateline's exceptions, each with a code and a fix-it hint.

    DatelineError
    ├── InputError            a report cannot be read; the batch goes on without it
    │     codes: E001 empty, E002 binary, E003 undecodable, E004 too large,
    │            E005 malformed HTML/JSON, E006 not English, E007 unsupported kind, E008 missing
    └── StoreError            the store file cannot be opened or written
"""
from __future__ import annotations

MAX_TEXT_BYTES = 5 * 1024 * 1024

FIXES = {
    "E001": "the file has no text; remove it or fill it",
    "E002": "it looks binary; pass a .txt, .html or .jsonl file",
    "E003": "its bytes are not UTF-8 (or Latin-1); re-save it as UTF-8",
    "E004": f"it is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB of text; split it into reports",
    "E005": "it cannot be parsed; check the markup or the JSON on that line",
    "E006": "Dateline reads English only; translate it first or leave it out",
    "E007": "use .txt, .html/.htm, .jsonl, a folder of them, or - for stdin",
    "E008": "check the path",
}


class DatelineError(Exception):
    """Base of every error Dateline raises on purpose."""


class InputError(DatelineError):
    def __init__(self, source: str, code: str, detail: str = "") -> None:
        self.source, self.code, self.detail = source, code, detail
        what = f" ({detail})" if detail else ""
        super().__init__(f"{source}: [{code}] rejected{what} — fix: {FIXES[code]}")

    def __reduce__(self):
        # (pickled by Dask and multiprocessing: rebuild from the arguments, not the message)
        return (InputError, (self.source, self.code, self.detail))

    @property
    def reason(self) -> str:
        return str(self).split(": ", 1)[1]


class StoreError(DatelineError):
    pass
