"""Search on real words, beside tantivy: recall per query family and latency, interleaved.

    python benchmarks/bench_search_real.py --records 100000          # iterate
    python benchmarks/bench_search_real.py --records 1000000         # the issue-17 figures
    python benchmarks/bench_search_real.py --records 100000 --fresh  # re-import (timed)

The corpus (issue 17): records of real English words drawn by their frequency in wordfreq's
list, with real first names, surnames and places from faker (several locales) as authors,
claimants and words of the text; 1 article, 3 claims and 6 comments per document, the shape
of ``bench_search.py``. It is written in batches of 500 inside one ``Store.transaction`` (the
path ``claimdesk import`` takes for a file, timed) and cached under ``/work/scratch/search/``
(outside the repository), as is a tantivy index of the same records (one document per
record: its own text, and for a claim or comment its article's title, as claimdesk indexes
them).

450 queries, drawn from records of the store:

- ``typo-1`` / ``typo-2``: a real misspelling from codespell's dictionary (what people type)
  of a word of the record, within the typo budget (1 edit up to 4 letters, 2 beyond, a
  transposition counting one), alone or beside the record's rarest other word;
- ``prefix-3`` / ``prefix-4+``: the record's rarest word and the first letters of another;
- ``exact``: two rare words of the record.

A hit is relevant if its text holds every intended word (the corrected or completed ones);
recall@k is the share of queries with a relevant hit among the first k. Each query is asked
of claimdesk (``SearchEngine.search``, in process) and tantivy (fuzzy term queries with the
same typo budget, an exact term boosted, a prefix for the last word of a prefix query), one
after the other, alternating which goes first. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The benchmark draws seeded pseudo-random text on purpose (S311): reproducible, not secret.
# ruff: noqa: S311
from cached_store import cached_store  # noqa: E402

from store.records import ClaimDraft, CommentDraft, DocumentDraft, Quantity  # noqa: E402

CACHE = Path(os.environ.get("CLAIMDESK_BENCH_CACHE", "/work/scratch/search"))
VOCABULARY = 150_000
"""wordfreq words drawn from (its English list holds ≈320k; the tail is noise and names)."""
FAMILIES = {"typo-1": 130, "typo-2": 70, "prefix-3": 50, "prefix-4+": 100, "exact": 100}
KINDS = ("article", "claim", "comment")


# -- corpus -------------------------------------------------------------------------------------


def real_words() -> tuple[list[str], list[float]]:
    """wordfreq's most frequent English words (letters only) and their frequencies."""
    from wordfreq import top_n_list, word_frequency

    chosen = [w for w in top_n_list("en", VOCABULARY * 2) if w.isalpha()][:VOCABULARY]
    return chosen, [word_frequency(w, "en") for w in chosen]


def real_names(rng: random.Random) -> tuple[list[str], list[str]]:
    """People and places from faker's name lists in several locales, drawn here (a Faker's
    own draws differed from run to run even when seeded)."""
    import importlib

    firsts: set[str] = set()
    lasts: set[str] = set()
    cities: set[str] = set()
    for locale in ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "nl_NL"):
        person = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for names in ("first_names", "first_names_male", "first_names_female"):
            firsts.update(getattr(person, names, ()))
        lasts.update(getattr(person, "last_names", ()))
        address = importlib.import_module(f"faker.providers.address.{locale}").Provider
        cities.update(getattr(address, "cities", ()) or getattr(address, "city_names", ()))
    first, last = sorted(firsts), sorted(lasts)
    people = sorted({f"{rng.choice(first)} {rng.choice(last)}" for _ in range(30_000)})
    places = sorted(cities) or ["Springfield"]
    return people, places


class Writer:
    """Sentences of real words by frequency, with a name or a place now and then."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words, weights = real_words()
        self.cumulative: list[float] = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.people, self.places = real_names(rng)
        self.pool: list[str] = []

    def word(self) -> str:
        if not self.pool:
            self.pool = self.rng.choices(self.words, cum_weights=self.cumulative, k=100_000)
        return self.pool.pop()

    def sentence(self, count: int) -> str:
        out: list[str] = []
        for _ in range(count):
            roll = self.rng.random()
            if roll < 0.03:
                out.append(self.rng.choice(self.people))
            elif roll < 0.05:
                out.append(self.rng.choice(self.places))
            else:
                out.append(self.word())
        return " ".join(out).capitalize() + "."

    def person(self) -> str:
        return self.rng.choice(self.people)


def make_documents(records: int, seed: int = 7) -> list[DocumentDraft]:
    rng = random.Random(seed)
    writer = Writer(rng)
    documents = []
    for number in range(max(1, records // 10)):
        sentences = [writer.sentence(rng.randint(8, 22)) for _ in range(8)]
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
                    claimant=writer.person(),
                    quantities=(Quantity(count, str(count), "units"),),
                )
            )
        documents.append(
            DocumentDraft(
                title=writer.sentence(rng.randint(5, 10)).rstrip("."),
                body=body,
                source=f"real-{number}.txt",
                url=f"https://real.example/{number}",
                site=f"site{number % 50}.example",
                author=writer.person(),
                tags=[rng.choice(writer.places).lower()],
                comments=[
                    CommentDraft(writer.person(), writer.sentence(rng.randint(10, 45)))
                    for _ in range(6)
                ],
                claims=claims,
            )
        )
    return documents


def record_texts(documents: list[DocumentDraft]) -> dict[tuple[str, int], str]:
    """Each record's searchable text by (kind, id), ids as a fresh store assigns them."""
    texts: dict[tuple[str, int], str] = {}
    claim_id = comment_id = 0
    for number, doc in enumerate(documents, 1):
        texts[("article", number)] = " ".join(
            [doc.title, doc.body, doc.author or "", doc.site or "", *doc.tags]
        )
        for comment in doc.comments:
            comment_id += 1
            texts[("comment", comment_id)] = f"{comment.body} {comment.author} {doc.title}"
        for claim in doc.claims or []:
            claim_id += 1
            texts[("claim", claim_id)] = f"{claim.text} {claim.claimant or ''} {doc.title}"
    return texts


# -- the two systems ------------------------------------------------------------------------------


def build_store(path: Path, documents: list[DocumentDraft], final: Path) -> None:
    from store.store import Store

    store = Store.open(str(path))
    store.is_empty()
    started = time.perf_counter()
    cpu = time.process_time()  # both threads: the writer and the one counting words
    try:  # as ``claimdesk import`` writes a file: batches of 500 in one transaction
        with store.transaction() as transaction:
            for start in range(0, len(documents), 500):
                transaction.add_documents(documents[start : start + 500])
    finally:
        store.close()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    records = sum(1 + len(d.comments) + len(d.claims or []) for d in documents)
    (Path(str(final) + ".import.json")).write_text(
        json.dumps({"seconds": seconds, "cpu_seconds": cpu, "records": records})
    )
    print(
        f"  import: {records:,} records in {seconds:.1f} s wall, {cpu:.1f} s CPU "
        f"({records / seconds:,.0f}/s; load {os.getloadavg()[0]:.1f}, "
        f"10M-addition loop {loop_seconds():.2f} s CPU)"
    )


def loop_seconds() -> float:
    """CPU time of a 10M-addition Python loop: the host's speed, which varies by up to 1.7x
    within an hour here, to read an import's time against."""
    started = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - started


def build_tantivy(path: Path, texts: dict[tuple[str, int], str]) -> None:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("all", stored=False, tokenizer_name="default")
    builder.add_integer_field("k", stored=True)
    builder.add_integer_field("rid", stored=True)
    schema = builder.build()
    path.mkdir(parents=True)
    index = tantivy.Index(schema, path=str(path))
    writer = index.writer(heap_size=300_000_000, num_threads=2)
    for (kind, record_id), text in texts.items():
        writer.add_document(tantivy.Document(all=text, k=KINDS.index(kind), rid=record_id))
    writer.commit()
    writer.wait_merging_threads()


class Tantivy:
    def __init__(self, path: Path) -> None:
        import tantivy

        self.tantivy = tantivy
        self.index = tantivy.Index.open(str(path))
        self.index.reload()
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def search(self, query: str, prefix_last: bool, limit: int) -> list[tuple[str, int]]:
        from store.search.vocabulary import words

        Q, Occur = self.tantivy.Query, self.tantivy.Occur  # noqa: N806
        tokens = words(query)
        musts = []
        for number, token in enumerate(tokens):
            budget = 0 if len(token) < 3 else 1 if len(token) <= 4 else 2
            alternatives = [
                (Occur.Should, Q.boost_query(Q.term_query(self.schema, "all", token), 3.0))
            ]
            if budget:
                alternatives.append(
                    (
                        Occur.Should,
                        Q.fuzzy_term_query(
                            self.schema, "all", token, distance=budget, transposition_cost_one=True
                        ),
                    )
                )
            if prefix_last and number == len(tokens) - 1:
                alternatives.append(
                    (
                        Occur.Should,
                        Q.fuzzy_term_query(
                            self.schema,
                            "all",
                            token,
                            distance=0 if len(token) <= 4 else 1,
                            transposition_cost_one=True,
                            prefix=True,
                        ),
                    )
                )
            musts.append((Occur.Must, Q.boolean_query(alternatives)))
        found = self.searcher.search(Q.boolean_query(musts), limit).hits
        out = []
        for _, address in found:
            doc = self.searcher.doc(address)
            out.append((KINDS[doc["k"][0]], int(doc["rid"][0])))
        return out


# -- queries --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    family: str
    query: str
    intended: tuple[str, ...]


def misspellings() -> dict[str, list[str]]:
    """codespell's dictionary turned round: a correct word -> the ways people misspell it."""
    import codespell_lib

    path = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        fixes = [r.strip() for r in right.split(",") if r.strip()]
        if len(fixes) == 1 and wrong.isalpha() and fixes[0].isalpha():
            found.setdefault(fixes[0].lower(), []).append(wrong.lower())
    return found


def typo_budget(word: str) -> int:
    return 0 if len(word) < 3 else 1 if len(word) <= 4 else 2


def make_cases(
    texts: dict[tuple[str, int], str],
    counts: Counter[str],
    seed: int = 11,
) -> list[Case]:
    from rapidfuzz.distance import OSA

    from store.search.vocabulary import words

    rng = random.Random(seed)
    wrong_of = misspellings()
    keys = list(texts)
    want = dict(FAMILIES)
    cases: list[Case] = []

    def rare(tokens: list[str], exclude: set[str], shortest: int) -> list[str]:
        pool = sorted(
            {t for t in tokens if len(t) >= shortest and t not in exclude},
            key=lambda t: (counts[t], t),
        )
        return pool[:3]

    tries = 0
    while any(want.values()) and tries < 200_000:
        tries += 1
        tokens = words(texts[rng.choice(keys)])
        if len(tokens) < 4:
            continue
        family = rng.choice([f for f, n in want.items() if n])
        if family.startswith("typo"):
            options = []
            for token in set(tokens):
                for wrong in wrong_of.get(token, ()):
                    distance = OSA.distance(wrong, token)
                    if (
                        0 < distance <= typo_budget(wrong)
                        and family == f"typo-{distance}"
                        and wrong not in counts
                    ):
                        options.append((token, wrong))
            if not options:
                continue
            token, wrong = rng.choice(sorted(options))
            other = rare(tokens, {token}, 4)
            if rng.random() < 0.25 or not other:
                cases.append(Case(family, wrong, (token,)))
            else:
                pair = [wrong, other[0]]
                rng.shuffle(pair)
                cases.append(Case(family, " ".join(pair), (token, other[0])))
        elif family.startswith("prefix"):
            picked = rare(tokens, set(), 4)
            if len(picked) < 2:
                continue
            first, second = picked[0], rng.choice(picked[1:])
            if len(second) < 5:
                continue
            cut = 3 if family == "prefix-3" else rng.randint(4, len(second) - 1)
            cases.append(Case(family, f"{first} {second[:cut]}", (first, second)))
        else:
            picked = rare(tokens, set(), 3)
            if len(picked) < 2:
                continue
            cases.append(Case(family, f"{picked[0]} {picked[1]}", (picked[0], picked[1])))
        want[family] -= 1
    return cases


# -- measuring ------------------------------------------------------------------------------------


def relevant(text: str, intended: tuple[str, ...]) -> bool:
    from store.search.vocabulary import words

    have = set(words(text))
    return all(word in have for word in intended)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def run(
    db: Path, peer: Tantivy, cases: list[Case], texts: Mapping[tuple[str, int], str], limit: int
) -> None:
    from store.search.engine import SearchEngine
    from store.store import Store

    engine = SearchEngine(Store.open(str(db)))
    engine.search("warm up the connection")

    def ours(case: Case) -> list[tuple[str, int]]:
        return [(hit.kind, hit.id) for hit in engine.search(case.query, limit=limit)]

    def theirs(case: Case) -> list[tuple[str, int]]:
        return peer.search(case.query, case.family.startswith("prefix"), limit)

    systems: dict[str, Callable[[Case], list[tuple[str, int]]]] = {
        "claimdesk": ours,
        "tantivy": theirs,
    }
    times: dict[str, list[float]] = {name: [] for name in systems}
    ranks: dict[str, list[tuple[str, int | None, int]]] = {name: [] for name in systems}
    for number, case in enumerate(cases):
        order = list(systems) if number % 2 == 0 else list(reversed(systems))
        for name in order:
            started = time.perf_counter()
            hits = systems[name](case)
            times[name].append(time.perf_counter() - started)
            first = next(
                (i for i, key in enumerate(hits) if relevant(texts.get(key, ""), case.intended)),
                None,
            )
            ranks[name].append((case.family, first, len(hits)))
    families = [*FAMILIES, "typo (all)", "prefix (all)", "all"]
    print(f"\n{'family':<13}{'n':>5}  " + "".join(f"{name + ' r@1/3/10':>26}" for name in systems))
    for family in families:

        def member(f: str, family: str = family) -> bool:
            return (
                family == "all"
                or f == family
                or (family.endswith("(all)") and f.startswith(family.split()[0]))
            )

        row = f"{family:<13}"
        n = 0
        for name in systems:
            picked = [first for f, first, _ in ranks[name] if member(f)]
            n = len(picked)
            figures = [
                sum(1 for r in picked if r is not None and r < k) / max(n, 1) for k in (1, 3, 10)
            ]
            row += f"{'':>8}{figures[0]:.2f} / {figures[1]:.2f} / {figures[2]:.2f}"
        print(f"{row[:13]}{n:>5}  {row[13:]}")
    for name in systems:
        empty = sum(1 for _, _, count in ranks[name] if count == 0)
        print(
            f"{name:>10}: p50 {statistics.median(times[name]) * 1000:5.1f} ms, "
            f"p95 {percentile(times[name], 0.95) * 1000:5.1f} ms, "
            f"max {max(times[name]) * 1000:6.1f} ms; {empty} queries with no hit"
        )
    misses = [
        (case.family, case.query)
        for case, (_, first, _) in zip(cases, ranks["claimdesk"], strict=True)
        if first is None
    ]
    print(f"claimdesk misses ({len(misses)}):", "; ".join(f"{f}:{q}" for f, q in misses[:40]))
    engine.close()


def store_figures(db: Path) -> None:
    info = Path(str(db) + ".import.json")
    if info.exists():
        data = json.loads(info.read_text())
        print(f"import (when built): {data['records']:,} records in {data['seconds']:.1f} s")
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as conn:
        sizes = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
        names = {
            row[0]: row[1]
            for row in conn.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"
            )
        }
    search = sum(
        size
        for name, size in sizes.items()
        if name.startswith(("search_", "article_fts", "claim_fts", "comment_fts"))
    )
    records = sum(
        size
        for name, size in sizes.items()
        if names.get(name, name) in ("article", "claim", "comment", "claim_quantity")
    )
    print(
        f"store {sum(sizes.values()) / 2**20:,.0f} MiB: records {records / 2**20:,.0f} MiB, "
        f"search index {search / 2**20:,.0f} MiB ({search / max(records, 1):.2f}x the records)"
    )
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[:8]:
        print(f"    {name:<32} {size / 2**20:8.1f} MiB")


class StoredTexts(Mapping[tuple[str, int], str]):
    """:func:`record_texts` of a store's records, read from the store when asked for (the
    words are what matters: the order of the fields is not :func:`record_texts`'s)."""

    SQL = {
        "article": "SELECT title, body, author, site, tags FROM article WHERE id = ?",
        "claim": "SELECT c.text, c.claimant, a.title FROM claim c "
        "JOIN article a ON a.id = c.article_id WHERE c.id = ?",
        "comment": "SELECT m.body, m.author, a.title FROM comment m "
        "JOIN article a ON a.id = m.article_id WHERE m.id = ?",
    }

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)

    def __getitem__(self, key: tuple[str, int]) -> str:
        from store.search.index import tags_text

        row = self.conn.execute(self.SQL[key[0]], (key[1],)).fetchone()
        if row is None:
            raise KeyError(key)
        values = list(row)
        if key[0] == "article" and values[4]:
            values[4] = tags_text(values[4])
        return " ".join(str(value or "") for value in values)

    def __iter__(self) -> Iterator[tuple[str, int]]:
        raise NotImplementedError("the records are read one by one")

    def __len__(self) -> int:
        return 0


def measure_cached(digest: str, db: Path | None, limit: int) -> None:
    """The measuring half of :func:`main` for a corpus generated before."""
    db = db or CACHE / f"real-{digest}.sqlite3"
    cases = [
        Case(c["family"], c["query"], tuple(c["intended"]))
        for c in json.loads((CACHE / f"cases-{digest}.json").read_text())
    ]
    started = time.perf_counter()
    from store.store import Store

    store = Store.open(str(db))
    store.is_empty()  # any schema step now, not in the first query's time
    store.close()
    print(f"store opened (and upgraded if it had to be) in {time.perf_counter() - started:.1f} s")
    store_figures(db)
    print(
        f"corpus {digest}, {len(cases)} queries: "
        + ", ".join(f"{f} {sum(1 for c in cases if c.family == f)}" for f in FAMILIES)
    )
    run(db, Tantivy(CACHE / f"tantivy-{digest}"), cases, StoredTexts(db), limit)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="the claimdesk store (default: in the cache)")
    parser.add_argument("--fresh", action="store_true", help="import the store again (timed)")
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument(
        "--corpus",
        metavar="DIGEST",
        help="measure the cached corpus of this digest with --store, without generating it "
        "again (minutes at 1M records): the records' texts are read from the store",
    )
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores")
    if args.corpus:
        measure_cached(args.corpus, args.store, args.limit)
        return
    started = time.perf_counter()
    documents = make_documents(args.records)
    texts = record_texts(documents)
    digest = hashlib.sha256("\n".join(texts.values()).encode()).hexdigest()[:12]
    print(
        f"generated {len(documents):,} documents ({len(texts):,} records, corpus "
        f"{digest}) in {time.perf_counter() - started:.0f} s"
    )
    db = args.store or CACHE / f"real-{digest}.sqlite3"
    if args.fresh and db.exists():
        for stale in db.parent.glob(db.name + "*"):
            stale.unlink()
    cached_store(db, lambda partial: build_store(partial, documents, db))
    index = CACHE / f"tantivy-{digest}"
    if not index.exists():
        started = time.perf_counter()
        build_tantivy(index.with_suffix(".partial"), texts)
        index.with_suffix(".partial").rename(index)
        print(f"  tantivy index built in {time.perf_counter() - started:.0f} s")
    cases_file = CACHE / f"cases-{digest}.json"
    if cases_file.exists():
        cases = [
            Case(c["family"], c["query"], tuple(c["intended"]))
            for c in json.loads(cases_file.read_text())
        ]
    else:
        from store.search.vocabulary import count_words

        cases = make_cases(texts, count_words(texts.values()))
        cases_file.write_text(json.dumps([c.__dict__ for c in cases], indent=0))
    documents.clear()  # the texts are all the measuring needs
    store_figures(db)
    print(
        f"{len(cases)} queries: "
        + ", ".join(f"{f} {sum(1 for c in cases if c.family == f)}" for f in FAMILIES)
    )
    run(db, Tantivy(index), cases, texts, args.limit)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    print(f"code at {commit}")


if __name__ == "__main__":
    main()
