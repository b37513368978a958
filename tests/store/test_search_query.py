"""The query language: what each piece of syntax means, and that no string breaks the parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.search.query import (
    Clause,
    QuantityRange,
    QueryError,
    WordTerm,
    parse_query,
)


def test_space_is_and_and_bar_is_or() -> None:
    query = parse_query("palmira tanks | bmps")
    assert query.clauses == (
        Clause((WordTerm("palmira"),)),
        Clause((WordTerm("tanks"), WordTerm("bmps"))),
    )
    assert parse_query("tanks|bmps").clauses == parse_query("tanks | bmps").clauses


def test_modifiers_give_match_modes() -> None:
    modes = [c.words[0].mode for c in parse_query("'exact ^pre suf$ ^whole$ plain").clauses]
    assert modes == ["exact", "prefix", "suffix", "whole", "fuzzy"]


def test_negation_and_scopes() -> None:
    query = parse_query("!russian author:evan claimant:'amaq")
    assert query.exclusions == (WordTerm("russian"),)
    assert query.clauses == (
        Clause((WordTerm("evan", scope="author"),)),
        Clause((WordTerm("amaq", "exact", "claimant"),)),
    )


def test_filters_on_kind_status_and_quantity() -> None:
    query = parse_query("kind:claim|comment status:unverifiable qty:>100 qty:10..20")
    assert query.kinds == frozenset({"claim", "comment"})
    assert query.statuses == (frozenset({"unverifiable"}),)
    assert query.quantities == ((QuantityRange(101, None),), (QuantityRange(10, 20),))
    assert parse_query("!kind:comment").kinds == frozenset({"article", "claim"})
    assert parse_query("qty:<=5").quantities == ((QuantityRange(None, 5),),)
    assert parse_query("qty:44").quantities == ((QuantityRange(44, 44),),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("status:bogus", "unknown status 'bogus'"),
        ("kind:c", "unknown kind 'c'"),
        ("qty:lots", "qty:lots is not a figure filter"),
        ("claimnt:amaq", "unknown field 'claimnt:'"),
        ("!tanks|bmps", "cannot be one side of an OR"),
        ("kind:claim|author:evan", "can only be OR-ed with values of the same filter"),
        ("tag:syria|author:evan", "site: and tag: choose articles"),
        ("qty:>99999999999999999999", "too large"),
    ],
)
def test_bad_queries_get_a_plain_message(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(text)


def test_half_typed_pieces_are_ignored_while_typing() -> None:
    for text in ("", "   ", "!", "'", "^", "$", "tanks |", "| tanks", "author:", "status:"):
        parsed = parse_query(text)
        assert all(clause.words for clause in parsed.clauses)
    assert parse_query("tanks |").clauses == (Clause((WordTerm("tanks"),)),)
    assert parse_query("status:").is_empty


@pytest.mark.parametrize(
    "unfinished", ["qty:>", "qty:>=", "qty:<", "qty:-", "qty:10..", "qty:10.", "qty:>5|<"]
)
def test_a_figure_filter_half_typed_at_the_end_waits_for_its_number(unfinished: str) -> None:
    typed = parse_query(f"tanks {unfinished}", typing=True)
    assert typed.clauses == (Clause((WordTerm("tanks"),)),)
    assert typed.quantities in ((), ((QuantityRange(6, None),),))  # "qty:>5|<": the >5 stays
    with pytest.raises(QueryError, match="is not a figure filter"):
        parse_query(f"tanks {unfinished}")  # finished (the command line, or a space after it)
    with pytest.raises(QueryError, match="is not a figure filter"):
        parse_query(f"{unfinished} tanks", typing=True)  # not the word being typed


def test_a_wrong_figure_is_refused_even_while_typing() -> None:
    for wrong in ("qty:x", "qty:>x", "qty:>>", "qty:10...", "qty:1..2..3"):
        with pytest.raises(QueryError):
            parse_query(f"tanks {wrong}", typing=True)


def test_urls_and_times_are_words_not_fields() -> None:
    assert parse_query("https://example.org").clauses[0].words[0].scope is None


QUERY_PIECES = st.lists(
    st.sampled_from(
        [
            *"ab !'^$|:<>=.,-_\"*()0123456789",
            "kind:",
            "qty:",
            "status:",
            "tag:",
            "author:",
            "..",
            "\x00",
            "\u0627",
            "é",
        ]
    )
).map("".join)


@given(QUERY_PIECES | st.text())
def test_any_string_parses_or_gets_a_query_error(text: str) -> None:
    try:
        parse_query(text)
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
