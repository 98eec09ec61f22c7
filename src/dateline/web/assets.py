"""Where the browser libraries are: npm installs them into node_modules (see package.json).

Nothing from npm is copied into the repo; the app serves three folders of node_modules at
/vendor/... Found, in order: the `node_modules` argument, $DATELINE_NODE_MODULES, a node_modules
folder above this package (a source checkout), ./node_modules.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

# URL folder under /vendor → folder inside node_modules; only these are reachable.
VENDOR = {
    "d3": "d3/dist",
    "topojson": "topojson-client/dist",
    "world-atlas": "world-atlas",
}
# A file that proves each folder is installed.
PROBES = ("d3/dist/d3.min.js", "topojson-client/dist/topojson-client.min.js",
          "world-atlas/countries-110m.json")


def _complete(folder: Path) -> bool:
    return all((folder / probe).is_file() for probe in PROBES)


def find_node_modules(explicit: str | Path | None = None) -> Path | None:
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("DATELINE_NODE_MODULES"):
        candidates.append(Path(os.environ["DATELINE_NODE_MODULES"]))
    candidates += [parent / "node_modules" for parent in Path(__file__).resolve().parents]
    candidates.append(Path.cwd() / "node_modules")
    for folder in candidates:
        if _complete(folder):
            return folder
    log.warning("browser libraries not found (run `npm ci` in the Dateline checkout, or set "
                "DATELINE_NODE_MODULES); maps, charts and graphs will not draw")
    return None
