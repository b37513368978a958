"""How long exporting a large selection takes: fetching context, then each format.

Usage: python benchmarks/bench_export.py [DOCUMENTS]  (default 200 documents, each with 10
comments and 10 claims, all marked). Prints seconds and output size per format; the goal is
that marking a few thousand records and exporting them feels instant (well under a second).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.export import FORMATS, bundle_for
from store.records import (
    AnyRecord,
    ClaimDraft,
    CommentDraft,
    DocumentDraft,
    Quantity,
)
from store.store import Store

SENTENCE = (
    "Amaq claims that all of the following were seized: 44 tanks, 7 BMPs, 7 130mm "
    "cannons, 14 23mm cannons, several anti-armor rocket launchers."
)


def _draft(number: int) -> DocumentDraft:
    body = " ".join([SENTENCE] * 10)
    step = len(SENTENCE) + 1
    return DocumentDraft(
        title=f"Jihadis celebrate capture of Russian base, part {number}",
        body=body,
        source=f"bench-{number}.txt",
        url=f"https://example.org/{number}",
        site="Outlet",
        author="Reporter",
        comments=[
            CommentDraft(f"reader {i}", f"Comment {i}: why did the planes not return?")
            for i in range(10)
        ],
        claims=[
            ClaimDraft(
                SENTENCE,
                i * step,
                i * step + len(SENTENCE),
                claimant="Amaq",
                quantities=(Quantity(44, "44", "tanks"), Quantity(7, "7", "BMPs")),
            )
            for i in range(10)
        ],
    )


def main() -> None:
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "bench.sqlite3"))
        store.add_documents([_draft(n) for n in range(documents)])
        marked: list[AnyRecord] = [*store.list_claims(), *store.list_comments()]
        started = time.perf_counter()
        bundle = bundle_for(store, marked)
        print(f"{len(marked):,} records marked; bundle_for {time.perf_counter() - started:.3f} s")
        for exporter in FORMATS.values():
            started = time.perf_counter()
            text = exporter.render(bundle)
            seconds = time.perf_counter() - started
            print(f"{exporter.name:<12} {seconds:.3f} s  {len(text.encode()) / 1e6:6.2f} MB")
        store.close()


if __name__ == "__main__":
    main()
