"""What crosses the wire between client and workers.

Records are plain dataclasses and pickle as they are. InputError does not round-trip through
pickle (its __init__ takes source/code/detail but Exception pickles only the message), so a
rejection travels as a `Rejected` and becomes an InputError again on the client.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..record import Record


@dataclass(frozen=True)
class Rejected:
    source: str
    code: str
    detail: str

    @classmethod
    def of(cls, err: InputError) -> "Rejected":
        return cls(err.source, err.code, err.detail)

    def error(self) -> InputError:
        return InputError(self.source, self.code, self.detail)


Result = Record | InputError
WireResult = Record | Rejected


def to_wire(result: Result) -> WireResult:
    return Rejected.of(result) if isinstance(result, InputError) else result


def from_wire(result: WireResult) -> Result:
    return result.error() if isinstance(result, Rejected) else result
