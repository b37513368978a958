"""Search at scale: index build, query latency, `claimdesk search` as a process, fzf beside it.

    python benchmarks/bench_search.py --records 10000
    python benchmarks/bench_search.py --records 1000000 --keep /tmp/bench-1m.sqlite3
    python benchmarks/bench_search.py --db /tmp/bench-1m.sqlite3   # query a store you have

Generates a store of N records (1 article, 3 claims, 6 comments per document) over a synthetic
vocabulary of ≥200k distinct words (Latin-script words, names, Cyrillic and Arabic words, drawn
Zipf-like so some are common and most are rare), written through ``Store.add_documents`` in
batches like an import. Prints figures against the goals of issue 5; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The benchmark draws seeded pseudo-random text on purpose (S311): reproducible, not secret.
# ruff: noqa: S311
from store.records import ClaimDraft, CommentDraft, DocumentDraft, Quantity  # noqa: E402

SYLLABLES = [
    "ka",
    "ra",
    "mi",
    "to",
    "sel",
    "an",
    "dor",
    "vi",
    "lu",
    "pre",
    "gen",
    "os",
    "tar",
    "bel",
    "un",
    "cho",
    "ix",
    "mar",
    "ten",
    "sy",
    "qua",
    "ber",
    "fo",
    "lin",
    "zed",
    "ha",
]
CYRILLIC = "абвгдежзиклмнопрстуфхцчшщыэюя"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "were",
    "said",
    "claims",
    "forces",
    "army",
    "tanks",
    "base",
    "city",
    "killed",
    "reported",
    "militants",
    "video",
    "attack",
]


def make_vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        roll = rng.random()
        if roll < 0.70:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        elif roll < 0.80:
            word = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() + "ov"
        elif roll < 0.90:
            word = "".join(rng.choice(CYRILLIC) for _ in range(rng.randint(4, 9)))
        else:
            word = "".join(rng.choice(ARABIC) for _ in range(rng.randint(3, 7)))
        words.add(word)
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


class Text:
    """Zipf-ish word draws: common function words, then the vocabulary's long tail."""

    def __init__(self, vocabulary: list[str], rng: random.Random) -> None:
        self.vocabulary = vocabulary
        self.rng = rng
        self.weights = [1.0 / (rank + 10) ** 0.9 for rank in range(len(vocabulary))]
        self.pool: list[str] = []

    def words(self, count: int) -> list[str]:
        if len(self.pool) < count:
            self.pool.extend(self.rng.choices(self.vocabulary, self.weights, k=200_000))
        taken, self.pool = self.pool[:count], self.pool[count:]
        return [self.rng.choice(COMMON) if self.rng.random() < 0.35 else w for w in taken]

    def sentence(self, count: int) -> str:
        return " ".join(self.words(count)).capitalize() + "."


def make_documents(records: int, vocabulary: list[str], seed: int) -> list[DocumentDraft]:
    rng = random.Random(seed)
    text = Text(vocabulary, rng)
    documents = []
    for number in range(max(1, records // 10)):
        sentences = [text.sentence(rng.randint(8, 22)) for _ in range(8)]
        body = " ".join(sentences)
        claims = []
        for index in rng.sample(range(len(sentences)), 3):
            start = body.index(sentences[index])
            count = rng.randint(1, 500)
            claims.append(
                ClaimDraft(
                    sentences[index],
                    start,
                    start + len(sentences[index]),
                    claimant=rng.choice(vocabulary).capitalize(),
                    quantities=(Quantity(count, str(count), "units"),),
                )
            )
        documents.append(
            DocumentDraft(
                title=text.sentence(rng.randint(5, 10)).rstrip("."),
                body=body,
                source=f"bench-{number}.txt",
                url=f"https://bench.example/{number}",
                site=f"site{number % 50}.example",
                author=rng.choice(vocabulary).capitalize(),
                published=datetime(2020, 1, 1, tzinfo=UTC),
                tags=[rng.choice(vocabulary)],
                comments=[
                    CommentDraft(
                        rng.choice(vocabulary).capitalize(), text.sentence(rng.randint(10, 45))
                    )
                    for _ in range(6)
                ],
                claims=claims,
            )
        )
    return documents


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randint(1, len(word) - 3)
    kind = rng.choice(["swap", "drop", "sub"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeiou") + word[i + 1 :]


def make_queries(documents: list[DocumentDraft], seed: int) -> list[str]:
    """≥30 queries a reader might type: typos, half-typed last words, scopes and filters."""
    rng = random.Random(seed)
    queries: list[str] = []
    for _ in range(40):
        doc = rng.choice(documents)
        source = rng.choice([doc.title, doc.body, doc.comments[0].body])
        words = [w.strip(".").lower() for w in source.split() if len(w) >= 5]
        if len(words) < 2:
            continue
        first, second = rng.sample(words, 2)
        shape = len(queries) % 6
        if shape == 0:
            queries.append(f"{typo(first, rng)} {typo(second, rng)}")
        elif shape == 1:
            queries.append(f"{first} {second[: max(3, len(second) // 2)]}")
        elif shape == 2:
            queries.append(typo(first, rng))
        elif shape == 3:
            queries.append(f"{typo(first, rng)} qty:>100")
        elif shape == 4:
            queries.append(f"{first[:4]}")
        else:
            queries.append(f"{first} !{second}")
    return queries[:36]


def build(path: Path, documents: list[DocumentDraft], with_index: bool) -> float:
    from store import store as store_module
    from store.store import Store

    store = Store.open(str(path))
    store.is_empty()
    saved = store_module._index_words
    pending = store_module.WriteTransaction._pending_words
    if not with_index:
        assert store.path is not None
        with sqlite3.connect(store.path) as conn:
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'"):
                conn.execute(f'DROP TRIGGER "{name}"')
        store_module._index_words = lambda conn, rows: None
        store_module.WriteTransaction._pending_words = lambda self, conn: None  # type: ignore[method-assign]
    started = time.perf_counter()
    try:  # as ``claimdesk import`` writes a file: batches of 500 in one transaction
        with store.transaction() as transaction:
            for start in range(0, len(documents), 500):
                transaction.add_documents(documents[start : start + 500])
    finally:
        store_module._index_words = saved
        store_module.WriteTransaction._pending_words = pending  # type: ignore[method-assign]
        store.close()
    return time.perf_counter() - started


def measure_queries(db: str, queries: list[str]) -> None:
    """Runs in its own process, so its peak RSS is the search process's alone."""
    from store.search.engine import SearchEngine
    from store.store import Store

    engine = SearchEngine(Store.open(db))
    started = time.perf_counter()
    engine.search(queries[0])
    first = time.perf_counter() - started
    times = []
    counts = []
    for _ in range(3):
        for query in queries:
            started = time.perf_counter()
            counts.append(len(engine.search(query)))
            times.append(time.perf_counter() - started)
    times.sort()
    print(
        json.dumps(
            {
                "first_ms": first * 1000,
                "p50_ms": statistics.median(times) * 1000,
                "p95_ms": times[int(len(times) * 0.95) - 1] * 1000,
                "max_ms": times[-1] * 1000,
                "hits_mean": statistics.mean(counts),
                "rss_mib": _peak_rss_mib(),
            }
        )
    )


def _peak_rss_mib() -> float:
    """VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child of this
    (large) generator process would report the generator's memory as its own."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def process_times(db: str, queries: list[str]) -> tuple[float, float]:
    """Median wall time of `claimdesk search` runs, and their peak RSS (via /usr/bin/time)."""
    times = []
    peaks = [0.0]
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    for query in queries:
        started = time.perf_counter()
        done = subprocess.run(
            [*timer, sys.executable, "-m", "tui", "--db", db, "search", query, "--limit", "20"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr  # 1: no hits (grep's convention)
        times.append(time.perf_counter() - started)
        if timer:
            peaks.append(int(done.stderr.split()[-1]) / 1024)
    return statistics.median(times), max(peaks)


def fzf_times(db: Path, queries: list[str], workdir: Path) -> float | None:
    if shutil.which("fzf") is None:
        return None
    lines = workdir / "records.txt"
    with sqlite3.connect(db) as conn, lines.open("w", encoding="utf-8") as out:
        for kind, sql in (
            ("article", "SELECT id, title || ' ' || body FROM article"),
            ("claim", "SELECT id, text FROM claim"),
            ("comment", "SELECT id, author || ' ' || body FROM comment"),
        ):
            for record_id, text in conn.execute(sql):
                out.write(f"{kind} {record_id} {text.replace(chr(10), ' ')}\n")
    times = []
    for query in queries:
        with lines.open("rb") as source:
            started = time.perf_counter()
            subprocess.run(
                ["fzf", "--filter", query], stdin=source, capture_output=True, check=False
            )
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--vocabulary", type=int, default=220_000)
    parser.add_argument("--keep", type=Path, help="write the store here and keep it")
    parser.add_argument(
        "--compare", action="store_true", help="also import without the search index, to price it"
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="query this store (no generation, no import figures); the queries "
        "are drawn from its records",
    )
    parser.add_argument(
        "--measure", nargs=2, metavar=("DB", "QUERIES_JSON"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.measure:
        measure_queries(args.measure[0], json.loads(Path(args.measure[1]).read_text()))
        return

    workdir = Path(tempfile.mkdtemp(prefix="bench-search-"))
    if args.db:
        try:
            query_existing(args.db, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return
    db = args.keep or workdir / "store.sqlite3"
    try:
        started = time.perf_counter()
        vocabulary = make_vocabulary(args.vocabulary, random.Random(1))
        documents = make_documents(args.records, vocabulary, seed=2)
        queries = make_queries(documents, seed=3)
        print(
            f"generated {len(documents):,} documents ({len(documents) * 10:,} records) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if args.compare:
            bare = build(workdir / "bare.sqlite3", documents, with_index=False)
            print(f"import without search index: {bare:.1f} s")
        seconds = build(db, documents, with_index=True)
        print(
            f"import with search index:    {seconds:.1f} s "
            f"({len(documents) * 10 / seconds:,.0f} records/s)"
        )
        with sqlite3.connect(db) as conn:
            distinct = conn.execute("SELECT count(*) FROM search_vocab").fetchone()[0]
            keys = conn.execute("SELECT count(*) FROM search_word_key").fetchone()[0]
            from store.search.index import rebuild

            started = time.perf_counter()
            rebuild(conn)
            conn.commit()
            rebuilt = time.perf_counter() - started
        size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20
        print(
            f"vocabulary: {distinct:,} distinct words, {keys:,} deletion keys; "
            f"store {size:,.0f} MiB"
        )
        print(f"index rebuild from the tables (upgrade of an existing store): {rebuilt:.1f} s")
        report_queries(db, queries, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def query_existing(db: Path, workdir: Path) -> None:
    """The query figures for a store already built (by ``--keep`` or the UI benchmark)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_search_ui import store_queries

    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as conn:
        records = sum(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("article", "claim", "comment")
        )
    print(f"{db}: {records:,} records")
    report_queries(db, store_queries(db, 36), workdir)


def report_queries(db: Path, queries: list[str], workdir: Path) -> None:
    query_file = workdir / "queries.json"
    query_file.write_text(json.dumps(queries))
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(db), str(query_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout)
    print(
        f"engine over {len(queries)} queries x3: p50 {figures['p50_ms']:.1f} ms, "
        f"p95 {figures['p95_ms']:.1f} ms, max {figures['max_ms']:.1f} ms, first "
        f"{figures['first_ms']:.1f} ms, {figures['hits_mean']:.0f} hits on average; "
        f"peak RSS {figures['rss_mib']:.0f} MiB"
    )
    sample = queries[:8]
    whole, rss = process_times(str(db), sample)
    print(
        f"`claimdesk search` whole process: median {whole * 1000:.0f} ms over "
        f"{len(sample)} queries; peak RSS {rss:.0f} MiB"
    )
    fzf = fzf_times(db, sample, workdir)
    if fzf is None:
        print("fzf not installed: no comparison")
    else:
        print(
            f"`fzf --filter` on the same records as lines: median {fzf * 1000:.0f} ms "
            f"({fzf / whole:.1f}x the claimdesk process)"
        )
    print("queries:", " · ".join(queries))


if __name__ == "__main__":
    main()
