"""The team store beside SQLite, in the same run: import, search latency, the same hits, copy.

    python benchmarks/bench_postgres.py                   # 10k records (make bench)
    python benchmarks/bench_postgres.py --records 100000  # issue 16's figures
    python benchmarks/bench_postgres.py --records 1000000

Starts a throwaway PostgreSQL server (Debian's initdb/pg_ctl, on a Unix socket: see
``tests/pg_server.py``; fsync off, as a scratch server), generates the search benchmark's
synthetic store (``bench_search.py``: 1 article, 3 claims, 6 comments per document over a
≥200k-word vocabulary), and then, for SQLite and PostgreSQL alike:

- imports it through ``Store.add_documents`` in batches of 500, as an import does (with the
  ANALYZE a large import ends with on PostgreSQL);
- runs the search benchmark's 36 queries three times through ``SearchEngine`` (p50/p95,
  the two engines interleaved query by query so both see the same load);
- compares the top-10 hits of every query, and every record as ``list`` returns it;
- copies the SQLite store into an empty PostgreSQL database (``claimdesk copy``'s code).

Prints figures against issue 16's goals; asserts nothing. Timings on a shared machine are
noisy: compare the two columns of one run, not runs with each other.

    python benchmarks/bench_postgres.py --sqlite STORE.sqlite3 --postgres URL

benchmarks an existing pair instead (e.g. a real-word store and its ``claimdesk copy``),
nothing imported or copied: the same query mix, made from a seeded sample of the SQLite
store's articles, the engines interleaved query by query, and the same-hits check.

    python benchmarks/bench_postgres.py --copy-from STORE.sqlite3

copies an existing SQLite store (e.g. the real-word million records) into a new database on
a throwaway server, timed (wall, and the CPU of this process, its worker and the server),
and then benchmarks the pair as above. The SQLite store is only read.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_search  # noqa: E402
from bench_search import make_documents, make_queries, make_vocabulary  # noqa: E402

from store.db import analyze_after_bulk_write  # noqa: E402
from store.records import DocumentDraft  # noqa: E402
from store.search.engine import SearchEngine  # noqa: E402
from store.store import Store  # noqa: E402
from tests.pg_server import PostgresServer, find_bin_dir  # noqa: E402

ROUNDS = 3


class _Text(bench_search.Text):
    """bench_search's word draws, the same draws in the same order, without slicing the
    200k-word pool at every sentence (its ``words`` copies the rest of the pool each call:
    936 s to generate 100k records in session 5, 40 s this way)."""

    def __init__(self, vocabulary: list[str], rng: random.Random) -> None:
        super().__init__(vocabulary, rng)
        self.taken = 0

    def words(self, count: int) -> list[str]:
        if len(self.pool) - self.taken < count:
            self.pool = self.pool[self.taken :]
            self.taken = 0
            self.pool.extend(self.rng.choices(self.vocabulary, self.weights, k=200_000))
        taken = self.pool[self.taken : self.taken + count]
        self.taken += count
        rng = self.rng
        return [rng.choice(bench_search.COMMON) if rng.random() < 0.35 else w for w in taken]


def _load() -> str:
    """The machine's load beside the figures (other programs share its cores)."""
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def _import(store: Store, documents: list[DocumentDraft]) -> float:
    store.is_empty()  # the schema first, outside the timing
    started = time.perf_counter()
    for start in range(0, len(documents), 500):
        store.add_documents(documents[start : start + 500])
    # As ``claimdesk import`` ends (store.importer.import_paths): PostgreSQL's planner
    # statistics for a large import, timed with it (SQLite: nothing).
    analyze_after_bulk_write(store._get_engine(), len(documents))
    return time.perf_counter() - started


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * share) - 1)] * 1000


def _search(engines: dict[str, SearchEngine], queries: list[str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in engines}
    for engine in engines.values():
        engine.search(queries[0])  # open the source: connection, first pages
    for _ in range(ROUNDS):
        for query in queries:
            for name, engine in engines.items():
                started = time.perf_counter()
                engine.search(query)
                times[name].append(time.perf_counter() - started)
    return times


def _same_hits(a: SearchEngine, b: SearchEngine, queries: list[str]) -> int:
    same = 0
    for query in queries:
        left = [(h.kind, h.id, round(h.score, 6), h.field) for h in a.search(query, limit=10)]
        right = [(h.kind, h.id, round(h.score, 6), h.field) for h in b.search(query, limit=10)]
        same += left == right
        if left != right:
            print(f"  differs: {query!r}\n    sqlite {left}\n    postgres {right}")
    return same


def _speed() -> str:
    """The host's speed beside the figures: CPU seconds of a loop of 10M additions (it varies
    by up to 1.7x within an hour on the shared machine)."""
    started = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return f"10M-addition loop {time.process_time() - started:.2f} s CPU"


def _sampled_documents(path: str, count: int = 400) -> list[DocumentDraft]:
    """A seeded sample of an existing SQLite store's articles with their first comment, as
    drafts for :func:`make_queries` (which reads a title, a body and a first comment)."""
    import sqlite3

    from store.records import CommentDraft

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        top = db.execute("SELECT coalesce(max(id), 0) FROM article").fetchone()[0]
        rng = random.Random(4)  # noqa: S311 (a seeded sample)
        documents = []
        for article_id in sorted(rng.sample(range(1, top + 1), min(count, top))):
            row = db.execute(
                "SELECT a.title, a.body, (SELECT body FROM comment WHERE article_id = a.id "
                "ORDER BY id LIMIT 1) FROM article a WHERE a.id = ?",
                (article_id,),
            ).fetchone()
            if row is not None and row[2]:
                documents.append(
                    DocumentDraft(
                        title=row[0] or "",
                        source=path,
                        body=row[1] or "",
                        comments=[CommentDraft(author="", body=row[2])],
                    )
                )
        return documents
    finally:
        db.close()


def _existing_pair(sqlite_path: str, postgres_url: str) -> None:
    """Search p50/p95 and the same hits for an existing SQLite store and PostgreSQL store."""
    print(_load(), "|", _speed())
    queries = make_queries(_sampled_documents(sqlite_path), seed=3)
    stores = {"sqlite": Store.open(sqlite_path), "postgres": Store.open(postgres_url)}
    engines = {name: SearchEngine(store) for name, store in stores.items()}
    print(f"{len(queries)} queries x {ROUNDS}, interleaved")
    times = _search(engines, queries)
    same = _same_hits(engines["sqlite"], engines["postgres"], queries)
    print(f"{'':28}{'SQLite':>12}{'PostgreSQL':>14}{'ratio':>8}")
    for label, share in (("search p50 (ms)", 0.5), ("search p95 (ms)", 0.95)):
        left, right = (_percentile(times[n], share) for n in ("sqlite", "postgres"))
        print(f"{label:28}{left:12.1f}{right:14.1f}{right / left:8.2f}")
    mean = {n: statistics.mean(t) * 1000 for n, t in times.items()}
    print(f"{'search mean (ms)':28}{mean['sqlite']:12.1f}{mean['postgres']:14.1f}")
    print(f"identical top-10 hits: {same}/{len(queries)} queries")
    print(_load(), "|", _speed())
    for engine in engines.values():
        engine.close()
    for store in stores.values():
        store.close()


def _server_cpu(server: PostgresServer) -> float:
    """CPU seconds of the server's processes so far (the postmaster and its children, from
    /proc; 0 where there is none)."""
    import os

    try:
        postmaster = int((server.data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == postmaster:
            total += sum(int(value) for value in fields[11:15])
        elif int(fields[1]) == postmaster:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _copy_existing(sqlite_path: str, server: PostgresServer) -> str:
    """Copy an existing SQLite store into a new database of ``server``, timed; its URL."""
    import resource

    from store.copying import copy_store

    print(_load(), "|", _speed())
    source = Store.open(sqlite_path)
    dest = Store.open(server.create_database("copied"))
    dest.is_empty()
    cpu, children, server_cpu = (
        time.process_time(),
        resource.getrusage(resource.RUSAGE_CHILDREN),
        _server_cpu(server),
    )
    started = time.perf_counter()
    outcome = copy_store(source, dest)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    print(
        f"copy SQLite -> PostgreSQL: {wall:.1f} s wall for {outcome.articles:,} articles, "
        f"{outcome.comments:,} comments, {outcome.claims:,} claims; CPU: this process "
        f"{time.process_time() - cpu:.1f} s, worker {worker:.1f} s, "
        f"server {_server_cpu(server) - server_cpu:.1f} s"
    )
    print(_load(), "|", _speed())
    source.close()
    dest.close()
    return server.url("copied")


def _same_records(a: Store, b: Store, ignore_import_time: bool) -> bool:
    from dataclasses import asdict

    for kind in ("article", "claim", "comment"):
        left, right = ([asdict(r) for r in store.list_records(kind)] for store in (a, b))
        if ignore_import_time:
            for row in (*left, *right):
                row.pop("imported_at", None)
        if left != right:
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--vocabulary", type=int, default=220_000)
    parser.add_argument("--sqlite", help="an existing SQLite store (with --postgres)")
    parser.add_argument("--postgres", help="an existing PostgreSQL store's URL (with --sqlite)")
    parser.add_argument("--copy-from", help="an existing SQLite store to copy and benchmark")
    args = parser.parse_args()
    if args.copy_from:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            print("PostgreSQL is not installed (apt-get install postgresql): nothing to compare")
            return
        server = PostgresServer.start(bin_dir)
        try:
            _existing_pair(args.copy_from, _copy_existing(args.copy_from, server))
        finally:
            server.stop()
        return
    if args.sqlite or args.postgres:
        if not (args.sqlite and args.postgres):
            parser.error("--sqlite and --postgres go together")
        _existing_pair(args.sqlite, args.postgres)
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL is not installed (apt-get install postgresql): nothing to compare")
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    server = PostgresServer.start(bin_dir)
    try:
        bench_search.Text = _Text  # type: ignore[misc]
        print(_load(), "|", _speed())
        started = time.perf_counter()
        vocabulary = make_vocabulary(args.vocabulary, random.Random(1))  # noqa: S311 (seeded)
        documents = make_documents(args.records, vocabulary, seed=2)
        queries = make_queries(documents, seed=3)
        print(
            f"generated {len(documents):,} documents ({len(documents) * 10:,} records) in "
            f"{time.perf_counter() - started:.1f} s; {len(queries)} queries x {ROUNDS}"
        )
        sqlite = Store.open(str(workdir / "store.sqlite3"))
        postgres = Store.open(server.create_database("imported"))
        imports = {"sqlite": _import(sqlite, documents), "postgres": _import(postgres, documents)}
        copied = Store.open(server.create_database("copied"))
        copied.is_empty()
        from store.copying import copy_store

        started = time.perf_counter()
        outcome = copy_store(sqlite, copied)
        copy_seconds = time.perf_counter() - started
        engines = {"sqlite": SearchEngine(sqlite), "postgres": SearchEngine(postgres)}
        times = _search(engines, queries)
        same = _same_hits(engines["sqlite"], engines["postgres"], queries)
        copied_engine = SearchEngine(copied)
        same_copy = _same_hits(engines["sqlite"], copied_engine, queries)
        records = len(documents) * 10
        print(f"{'':28}{'SQLite':>12}{'PostgreSQL':>14}{'ratio':>8}")
        print(
            f"{'import (s)':28}{imports['sqlite']:12.1f}{imports['postgres']:14.1f}"
            f"{imports['postgres'] / imports['sqlite']:8.2f}"
        )
        print(
            f"{'import (records/s)':28}{records / imports['sqlite']:12,.0f}"
            f"{records / imports['postgres']:14,.0f}"
        )
        for label, share in (("search p50 (ms)", 0.5), ("search p95 (ms)", 0.95)):
            left, right = (_percentile(times[n], share) for n in ("sqlite", "postgres"))
            print(f"{label:28}{left:12.1f}{right:14.1f}{right / left:8.2f}")
        mean = {n: statistics.mean(t) * 1000 for n, t in times.items()}
        print(f"{'search mean (ms)':28}{mean['sqlite']:12.1f}{mean['postgres']:14.1f}")
        print(
            f"copy SQLite -> PostgreSQL: {copy_seconds:.1f} s for {outcome.articles:,} articles "
            f"({records / copy_seconds:,.0f} records/s)"
        )
        print(
            f"identical top-10 hits, imported stores: {same}/{len(queries)} queries; "
            f"SQLite vs its copy: {same_copy}/{len(queries)}"
        )
        print(
            f"identical records: imported (import times aside) "
            f"{_same_records(sqlite, postgres, ignore_import_time=True)}; "
            f"copy {_same_records(sqlite, copied, ignore_import_time=False)}"
        )
        print(_load(), "|", _speed())
        for engine in (*engines.values(), copied_engine):
            engine.close()
        for store in (sqlite, postgres, copied):
            store.close()
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
