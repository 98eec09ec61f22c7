"""quotes extraction — not built yet; see the open issue. Leaves the record's part empty."""
from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    return None
