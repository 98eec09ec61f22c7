"""The reference article through Dateline, scored by ../shared/eval/score.py.

    python benchmarks/reference.py [--json]
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "corpus" / "reference" / "kim-putin-summit-2023.txt"
GOLD = SHARED / "gold" / "kim-putin-summit-2023.json"


def score_reference(extra: list[str] | None = None) -> tuple[int, str]:
    import dateline

    rec = dateline.analyze(ARTICLE.read_text(encoding="utf-8"))
    rec.source = str(ARTICLE)
    out = Path(tempfile.mkdtemp()) / "kim-putin-summit-2023.json"
    out.write_text(json.dumps(rec.to_dict(), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(GOLD), str(out),
                           *(extra or [])], capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def main() -> int:
    if not ARTICLE.is_file():
        print(f"skip: {ARTICLE} not present")
        return 0
    code, text = score_reference(sys.argv[1:])
    print(text)
    return code


if __name__ == "__main__":
    sys.exit(main())
