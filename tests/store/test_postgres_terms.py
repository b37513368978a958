"""The PostgreSQL index's terms are FTS5's, piece by remembered piece: for any text, the terms
:class:`store.search.postgres_index.Terms` gives are the ones FTS5's tokenizer makes of the
whole text (so the two databases find the same records). No server needed."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from store.search import postgres_index
from store.search.index import TOKENIZER
from store.search.postgres_index import Terms
from tests.conftest import SAMPLE_DIR


def _fts5_terms(texts: list[str]) -> list[list[str]]:
    """Each whole text through FTS5, as the index had it before pieces were remembered."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(c0, tokenize='{TOKENIZER}', content='')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.executemany("INSERT INTO t (rowid, c0) VALUES (?, ?)", list(enumerate(texts)))
    terms: list[list[str]] = [[] for _ in texts]
    for doc, term in db.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        terms[doc].append(term)
    db.close()
    return terms


_ALPHABET = (
    "abcXYZ019 \t\n.,;:'\"-_/\\|()[]{}<>!?@#$%^&*+=~`\x00\x1f"
    "éÉüÜßøØñçÇœŒæı"  # letters folded, stripped of diacritics, or kept
    "\u0301\u0308"  # combining marks after a letter
    "—–«»’“”…·•"  # punctuation that is not ASCII
    "ДжЁё日本語한국어العربية"  # other scripts
    "\u00a0\u2009\u3000"  # spaces that are not ASCII
    "²³½①ⅷ"  # numbers of other kinds
    "\ue000"  # private use
)


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 (texts to tokenize, not secrets)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 60))) for _ in range(count)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_terms_of_any_text_are_what_fts5_makes_of_it_whole(seed: int) -> None:
    texts = _random_texts(3_000, seed)
    terms = Terms()
    try:
        # Twice: the first time learns the pieces, the second reads them from memory.
        for _ in range(2):
            assert [row[0] for row in terms.of([[text] for text in texts])] == _fts5_terms(texts)
    finally:
        terms.close()


def test_the_terms_of_real_pages_and_the_sample_data_are_what_fts5_makes(
    real_world: Path,
) -> None:
    from lxml import html as lxml_html

    texts = []
    for path in sorted((real_world / "html").glob("*.html")):
        tree = lxml_html.fromstring(path.read_bytes())
        texts += [text for text in tree.itertext() if text.strip()]
    texts += [path.read_text(errors="replace") for path in sorted(SAMPLE_DIR.iterdir())]
    assert len(texts) > 1_000
    terms = Terms()
    try:
        ours = [row[0] for row in terms.of([[text] for text in texts])]
    finally:
        terms.close()
    assert ours == _fts5_terms(texts)


def test_columns_keep_their_own_terms_and_the_memory_starts_again_when_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each column of a row is cut on its own (no term spans two), and a memory past its
    bound is replaced, not grown, with the same terms coming out."""
    monkeypatch.setattr(postgres_index, "KNOWN_PIECES", 10)
    monkeypatch.setattr(postgres_index, "_known", {})
    terms = Terms()
    try:
        rows = [["Tanks seized", "Amaq"], ["", "Übermäßig—Palmyra's"], ["running ran", ""]]
        expected = [[_fts5_terms([text])[0] for text in row] for row in rows]
        assert terms.of(rows) == expected
        for seed in range(3):
            texts = _random_texts(50, seed)
            assert [row[0] for row in terms.of([[text] for text in texts])] == _fts5_terms(texts)
        assert len(postgres_index._known) > 10  # one call's pieces are all kept
        assert terms.of(rows) == expected
        # That call began the memory again: it holds the pieces of these rows alone.
        pieces = {b"tanks", b"seized", b"amaq", "Übermäßig—palmyra".encode(), b"s"}
        assert set(postgres_index._known) == pieces | {b"running", b"ran"}
    finally:
        terms.close()
