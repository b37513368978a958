"""The PostgreSQL index's terms and ``tsvector`` literals, without a server: the terms must be
FTS5's own for the same text (search on PostgreSQL finds what SQLite finds), and the
literals must keep each column's positions, PostgreSQL's limits and the quoting rules."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from store.ingest.html_page import parse_html_page
from store.search.index import TOKENIZER
from store.search.postgres_index import (
    MAX_POSITION,
    MAX_POSITIONS_PER_TERM,
    START,
    TAG,
    Terms,
    tsvector,
)

AWKWARD = [
    "",
    "—",
    "...",
    "naïve café Ærøskøbing ŒUVRE straße",
    "1939–1945, 3.5%, well-known e-mail: a_b@c.de http://x.y/z?q=1#f",
    "O'Brien's \\ back\\slash «quoted» “curly” 「日本語のテキスト」 Ελληνικά русский",
    "tab\there\nnew line\r\x00nul \x1f unit",
    "ﬁne ligature, Ｆｕｌｌｗｉｄｔｈ, combining e\u0301 and a\u0308",
    "emoji 🙂 between👍words, zero\u200bwidth, soft\u00adhyphen",
    "running runner runs ran RUNNING Running",
]


def _fts5_terms(texts: list[list[str]]) -> list[list[list[str]]]:
    """The terms SQLite's own FTS5 table makes of each row's columns (the oracle)."""
    width = max(len(row) for row in texts)
    db = sqlite3.connect(":memory:")
    names = [f"c{i}" for i in range(width)]
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5({', '.join(names)}, tokenize='{TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.executemany(
        f"INSERT INTO t (rowid, {', '.join(names)}) VALUES ({', '.join('?' * (width + 1))})",  # noqa: S608
        [(n, *row, *[""] * (width - len(row))) for n, row in enumerate(texts)],
    )
    out: list[list[list[str]]] = [[[] for _ in row] for row in texts]
    for doc, col, term in db.execute("SELECT doc, col, term FROM v ORDER BY doc, col, offset"):
        out[doc][names.index(col)].append(term)
    db.close()
    return out


def test_terms_are_fts5s_own_for_awkward_and_random_text() -> None:
    pieces = [*AWKWARD, *"aé—'\\_-.0 \t\u00a0\u3000"]
    rng = random.Random(16)  # noqa: S311 (reproducible test text)
    texts = [[rng.choice(AWKWARD), rng.choice(AWKWARD)] for _ in range(40)]
    texts += [["".join(rng.choice(pieces) for _ in range(12))] * 2 for _ in range(200)]
    texts += [["".join(chr(rng.randrange(32, 0x3000)) for _ in range(60)), ""] for _ in range(200)]
    terms = Terms()
    try:
        # Twice: the second time every piece is remembered.
        assert terms.of(texts) == _fts5_terms(texts)
        assert terms.of(texts[::-1]) == _fts5_terms(texts[::-1])
    finally:
        terms.close()


def test_terms_are_fts5s_own_for_real_pages(real_world: Path) -> None:
    texts = []
    for page in sorted((real_world / "html").rglob("*.htm*"))[:60]:
        for draft in parse_html_page(page.read_text(errors="replace"), str(page)):
            texts.append([draft.title or "", draft.body or "", draft.author or ""])
            texts += [[comment.body or "", comment.author or ""] for comment in draft.comments]
    assert len(texts) > 100
    terms = Terms()
    try:
        assert terms.of(texts) == _fts5_terms(texts)
    finally:
        terms.close()


def test_terms_forgotten_past_the_limit_are_asked_again() -> None:
    terms = Terms()
    terms.MAX_PIECES = 3
    try:
        first = [["alpha beta gamma", "delta"], ["epsilon beta", "zeta Alpha"]]
        second = [["Running runners", "naïve—café"]]
        for texts in (first, second, first, second + first):
            assert terms.of(texts) == _fts5_terms(texts)
    finally:
        terms.close()


def _reference(
    columns: list[list[str]], weights: str, tags: Sequence[str] = ()
) -> dict[str, list[str]]:
    """What a ``tsvector`` must hold, written plainly: each column after a start marker at
    the next position, positions clamped to PostgreSQL's largest, a lexeme's first 255 kept."""
    found: dict[str, list[str]] = {}
    position = 0
    groups = [(terms, weight, "") for terms, weight in zip(columns, weights, strict=True)]
    if tags:
        groups.append((list(tags), "D", TAG))
    for terms, weight, prefix in groups:
        if not terms:
            continue
        for lexeme in [prefix + START, *(prefix + t for t in terms)]:
            position += 1
            spots = found.setdefault(lexeme, [])
            if len(spots) < MAX_POSITIONS_PER_TERM:
                spots.append(f"{min(position, MAX_POSITION)}{weight}")
    return found


def _parsed(literal: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in literal.split(" ") if literal else []:
        lexeme, spots = entry.rsplit(":", 1)
        assert lexeme.startswith("'") and lexeme.endswith("'")
        out[lexeme[1:-1].replace("''", "'").replace("\\\\", "\\")] = spots.split(",")
    return out


def test_a_vector_keeps_columns_apart_and_postgresqls_limits() -> None:
    long_body = [f"w{n % 700}" for n in range(MAX_POSITION + 500)]
    cases: list[tuple[list[list[str]], str, list[str]]] = [
        ([["tanks", "seized"], [], ["amaq"], ["tanks"] * 300], "ABCD", []),
        ([["a"], ["b"], ["c"], long_body, ["syria", "war"]], "ABCDD", ["syria", "war"]),
        ([[], [], ["x"]], "ABC", []),
        ([["o'brien", "back\\slash"], ["it's"], []], "ABC", []),
        ([["the"] * 1000, ["the"]], "AB", []),
    ]
    for columns, weights, tags in cases:
        got = _parsed(tsvector(columns, weights, tags=tags))
        assert got == _reference(columns, weights, tags)
    assert tsvector([[], []], "AB") == ""
