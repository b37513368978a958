"""A refresh's parsing worker starts without the database layer: SQLAlchemy's import alone is
≈0.4 s of CPU, paid again by every worker of every refresh, for nothing it parses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PARSE_EVERY_KIND = """
import sys
from pathlib import Path
from store.fetch.documents import ParseJob, parse_job

folder = Path(sys.argv[1])
for path, kind in ((next(folder.glob("html/*.html")), "text/html"),
                   (next(folder.glob("feeds/*.xml")), "application/rss+xml")):
    parsed = parse_job(ParseJob(path.read_bytes(), "s", "http://127.0.0.1/a", kind))
    assert parsed.failure is None and parsed.drafts, (path, parsed.failure)
print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "textual")))
"""


def test_a_worker_parses_pages_and_feeds_without_importing_the_database_layer(
    real_world: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PARSE_EVERY_KIND, str(real_world)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
