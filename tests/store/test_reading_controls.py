"""Counting control characters (how a decoded file or answer is told to be binary) counts
exactly the characters a scan for them finds, in any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.ingest.errors import ImportFailure
from store.ingest.reading import count_control_bytes, count_controls, decode_document

_SCAN = re.compile("[\x00-\x08\x0e-\x1f]")


@given(st.text(alphabet=st.characters(codec=None, max_codepoint=0x10FFFF)))
def test_count_controls_counts_what_a_scan_finds(text: str) -> None:
    assert count_controls(text) == len(_SCAN.findall(text))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("plain text\twith tab\r\nand breaks\x0b\x0c", 0),
        ("\x00\x08\x0e\x1f", 4),
        ("é漢\U0001f600\x7f\x80\x9f", 0),  # DEL and C1 controls are not counted, as before
        ("lone \ud800 surrogate \x01", 1),
    ],
)
def test_count_controls_on_edges(text: str, count: int) -> None:
    assert count_controls(text) == count


def test_a_document_full_of_controls_is_refused_as_binary() -> None:
    with pytest.raises(ImportFailure, match="binary data"):
        decode_document(("abc\x01" * 100).encode())
    assert decode_document(("a" * 2000 + "\x01" * 5).encode()).text.startswith("a")


@given(st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0x10FFFF)))
def test_the_count_on_utf8_bytes_is_the_count_on_their_text(text: str) -> None:
    """A UTF-8 answer's controls are counted on its bytes, not on its text encoded again."""
    assert count_control_bytes(("\ufeff" + text).encode()) == count_controls(text)


@pytest.mark.parametrize("charset", ["utf-8", "UTF8", "latin-1"])
def test_an_answer_full_of_controls_is_refused_as_binary_whatever_its_charset(
    charset: str,
) -> None:
    from store.fetch.documents import decode_body

    with pytest.raises(ImportFailure, match="binary data"):
        decode_body(("\ufeffé" + "abc\x01" * 100).encode(charset, "ignore"), charset)
    kept = decode_body(("é" + "a" * 2000 + "\x01" * 17).encode(charset), charset)
    assert kept.text.endswith("\x01")
