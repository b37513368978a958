"""Import speed: a generated JSONL export and a folder of HTML pages with comment threads.

    python benchmarks/bench_import.py                      # 10k articles, 1,000 pages
    python benchmarks/bench_import.py --articles 100000    # the ~1M-record goal (< 60 s)
    python benchmarks/bench_import.py --pages 0            # JSONL only

Each import runs in a fresh process on an empty store in a temporary folder, so its peak RSS is
its own (worker processes counted separately). Goals: 100k articles with their claims and
comments (about 1M records) from JSONL in under 60 s; HTML pages at 100 pages/s or more.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

COMMENTS_PER_ARTICLE = 4
CLAIMS_PER_ARTICLE = 5
PARAGRAPHS = (
    "The port authority said on {day} that cargo tonnage fell {n} percent in March compared "
    "with a year earlier, the steepest monthly drop since 2020.",
    "According to the authority, {m} million tonnes passed through the terminals. Officials "
    "blamed a strike at two container terminals that lasted {n} days.",
    "The dockworkers' union disputes the figure and says throughput recovered within days; it "
    "claims that {k} workers joined the strike, not the {m}00 the authority reported.",
    "Independent analysts were cautious. A freight economist said the numbers were plausible "
    "but warned that transit cargo is counted twice in the monthly release.",
)


def _article_records(a: int) -> list[dict[str, Any]]:
    body = " ".join(
        p.format(day="Tuesday", n=a % 40 + 2, m=a % 9 + 1, k=a % 700 + 100) for p in PARAGRAPHS
    )
    records: list[dict[str, Any]] = [
        {
            "kind": "article",
            "id": a,
            "title": f"Port tonnage fell in March (report {a})",
            "url": f"https://bench.example/{a}",
            "site": "Bench Ledger",
            "author": "Dana Whitlock",
            "published": "2024-04-03T07:30:00+00:00",
            "body": body,
            "images": [],
            "tags": ["ports", "trade"],
            "source": "bench",
            "comment_count": COMMENTS_PER_ARTICLE,
            "claim_count": CLAIMS_PER_ARTICLE,
        }
    ]
    first_comment = a * 10
    for c in range(COMMENTS_PER_ARTICLE):
        records.append(
            {
                "kind": "comment",
                "id": first_comment + c,
                "article_id": a,
                "parent_id": first_comment if c % 2 else None,
                "author": f"reader{c}",
                "posted": "2024-04-03T11:02:00+00:00",
                "position": c,
                "body": f"The union said {c + 3}00 workers were on strike, not 900.",
            }
        )
    for k in range(CLAIMS_PER_ARTICLE):
        on_comment = k == CLAIMS_PER_ARTICLE - 1
        records.append(
            {
                "kind": "claim",
                "id": a * 10 + k,
                "article_id": a,
                "comment_id": first_comment if on_comment else None,
                "text": "cargo tonnage fell 12 percent",
                "start": 40,
                "end": 69,
                "claimant": "The port authority",
                "attribution": "said",
                "hedges": [],
                "quantities": [{"count": 12, "text": "12", "item": "percent"}],
                "status": "unverified",
                "note": "",
                "method": "bench",
            }
        )
    return records


def write_jsonl(path: Path, articles: int) -> int:
    """Write ``articles`` articles with comments and claims, article by article; return records."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for a in range(1, articles + 1):
            for record in _article_records(a):
                out.write(json.dumps(record) + "\n")
                count += 1
    return count


def _page(n: int) -> str:
    body = "".join(
        f"<p>{p.format(day='Monday', n=n % 30 + 3, m=n % 7 + 2, k=n % 500 + 50)}</p>"
        for p in PARAGRAPHS
    )

    def comment(i: int, replies: str = "") -> str:
        children = f'<ol class="children">{replies}</ol>' if replies else ""
        return (
            f'<li class="comment"><article class="comment-body"><footer>'
            f'<div class="comment-author vcard"><b class="fn">reader{i}</b></div>'
            f'<time datetime="2024-04-0{i % 9 + 1}T10:00:00+00:00">April</time></footer>'
            f'<div class="comment-content"><p>Reader {i} said {i * 7} ships were late.</p>'
            f"</div></article>{children}</li>"
        )

    thread = comment(1, comment(2) + comment(3, comment(4))) + comment(5)
    return (
        f"<!DOCTYPE html><html><head><title>Harbour report {n}</title>"
        f'<link rel="canonical" href="https://pages.example/{n}">'
        f'<meta name="author" content="Dana Whitlock">'
        f'<meta property="article:published_time" content="2024-04-03T09:30:00+02:00">'
        f'</head><body><nav><a href="/">Home</a><a href="/trade">Trade</a></nav>'
        f"<article><h1>Harbour report {n}</h1>{body}</article>"
        f'<div id="comments"><ol class="comment-list">{thread}</ol></div>'
        f"<footer>© Bench Ledger</footer></body></html>"
    )


def write_pages(folder: Path, pages: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(pages):
        (folder / f"page{n:06}.html").write_text(_page(n), encoding="utf-8")


def run_import(target: Path, db: Path) -> dict[str, float]:
    """Import ``target`` into a new store at ``db``; time, counts and peak RSS (this process)."""
    sys.path.insert(0, str(ROOT))
    from store.importer import import_paths
    from store.store import Store

    store = Store.open(str(db))
    started = time.perf_counter()
    report = import_paths(store, [target])
    seconds = time.perf_counter() - started
    counts = store.counts()
    store.close()
    kib = 1024
    return {
        "seconds": seconds,
        "files": report.files,
        "failed": report.failed,
        "documents": counts["article"],
        "records": sum(counts.values()),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1e6,
        "workers_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1e6,
    }


def _in_child(target: Path, db: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--run", str(target), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _report(name: str, result: dict[str, float], extra: str = "") -> None:
    seconds = result["seconds"]
    print(
        f"{name}: {result['documents']:,.0f} documents, {result['records']:,.0f} records "
        f"in {seconds:.1f} s -> {result['documents'] / seconds:,.0f} documents/s, "
        f"{result['records'] / seconds:,.0f} records/s{extra}; peak RSS "
        f"{result['peak_rss_mb']:.0f} MB (workers {result['workers_peak_rss_mb']:.0f} MB)"
        + (f"; {result['failed']:.0f} FAILED" if result["failed"] else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=10_000, help="JSONL articles")
    parser.add_argument("--pages", type=int, default=1_000, help="HTML pages")
    parser.add_argument("--run", nargs=2, metavar=("TARGET", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_import(Path(args.run[0]), Path(args.run[1]))))
        return
    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-") as tmp:
        folder = Path(tmp)
        if args.articles:
            corpus = folder / "export.jsonl"
            started = time.perf_counter()
            lines = write_jsonl(corpus, args.articles)
            print(
                f"wrote {args.articles:,} articles as {lines:,} JSONL records "
                f"({corpus.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f}"
                " s"
            )
            _report("JSONL", _in_child(corpus, folder / "jsonl.sqlite3"))
        if args.pages:
            pages = folder / "pages"
            write_pages(pages, args.pages)
            print(f"wrote {args.pages:,} HTML pages with 5-comment threads")
            result = _in_child(pages, folder / "html.sqlite3")
            _report("HTML", result, f", {result['files'] / result['seconds']:,.0f} pages/s")


if __name__ == "__main__":
    main()
