"""Title, author, date and site of the dev set's news pages against hand labels.

python benchmarks/bench_metadata_real.py           # per field: right / labelled, and misses
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.importer import load_file  # noqa: E402
from tests.news_metadata import FIELDS, labels, pages_all_right, score  # noqa: E402

REAL_WORLD = ROOT.parent / "shared" / "real-world"


def main() -> None:
    drafts = {
        page: load_file(REAL_WORLD / "html" / f"adbar_trafilatura__{page}.html")[0]
        for page in labels()
    }
    scores = score(drafts)
    total = sum(s.right for s in scores.values())
    labelled = sum(s.labelled for s in scores.values())
    for field in FIELDS:
        s = scores[field]
        print(f"{field:7} {s.right:>3}/{s.labelled:<3} {s.right / s.labelled:6.1%}")
        for page in s.wrong:
            draft = drafts[page]
            got = {
                "title": draft.title[:70],
                "author": draft.author,
                "site": draft.site,
                "date": draft.published,
            }[field]
            print(f"        {page}: {got!r} (label {labels()[page][field]!r})")
    print(f"fields  {total:>3}/{labelled:<3} {total / labelled:6.1%}")
    good, pages = pages_all_right(drafts)
    print(f"pages   {good:>3}/{pages:<3} {good / pages:6.1%} with every labelled field right")


if __name__ == "__main__":
    main()
