"""Search on the sample page: labelled queries with the hit a reader expects first."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.records import ClaimStatus, CommentDraft, DocumentDraft
from store.search.engine import SearchEngine
from store.search.hits import SearchHit
from store.search.query import QueryError
from store.store import Store
from tests.search_sample import MEN_CLAIM, ORYX_CLAIM, TANKS_CLAIM, other_draft, sample_draft

pytestmark = pytest.mark.both_databases


@pytest.fixture
def engine(store: Store) -> Iterator[SearchEngine]:
    store.add_documents([sample_draft(), other_draft()])
    searching = SearchEngine(store)
    yield searching
    searching.close()


def _top(engine: SearchEngine, query: str) -> SearchHit:
    hits = engine.search(query)
    assert hits, f"no hits for {query!r}"
    return hits[0]


def _marked(hit: SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.spans]


def test_typos_in_two_words_find_the_tanks_claim_first(engine: SearchEngine) -> None:
    hit = _top(engine, "palmira tnaks")
    assert (hit.kind, hit.text, hit.field) == ("claim", TANKS_CLAIM, "claim text")
    assert "tanks" in _marked(hit)


def test_a_name_and_a_model_find_the_comment_and_its_claim(engine: SearchEngine) -> None:
    hits = engine.search("oryx s-125")
    assert {(h.kind, h.text[:30]) for h in hits[:2]} == {
        ("claim", ORYX_CLAIM[:30]),
        ("comment", "This was a huge gain for IS. O"),
    }
    assert {"Oryx", "S-125"} <= set(_marked(hits[0]))


def test_author_scope_finds_only_that_authors_comments(engine: SearchEngine) -> None:
    hits = engine.search("author:evan")
    assert hits and all(h.kind == "comment" and h.field == "author" for h in hits)
    assert {h.text[:8] for h in hits} == {"The lone", "Good new"}


def test_claimant_and_quantity_filter_find_the_352_men(engine: SearchEngine) -> None:
    hits = engine.search("claimant:amaq qty:>100")
    assert [h.text for h in hits] == [MEN_CLAIM]
    assert [h.text for h in engine.search("claimant:amaq qty:<100")] == [TANKS_CLAIM]


def test_negation_leaves_out_records_that_say_the_word(engine: SearchEngine) -> None:
    hits = engine.search("!russian")
    assert hits
    assert all("russian" not in h.text.lower() for h in hits)
    assert any(h.text == TANKS_CLAIM for h in hits)  # its article's title is context only


def test_exact_word_gets_no_typo_tolerance(engine: SearchEngine) -> None:
    assert _top(engine, "'tanks").text == TANKS_CLAIM
    assert engine.search("'tnaks") == []
    assert engine.search("tnaks")


def test_prefix_and_suffix_anchor_to_the_field(engine: SearchEngine) -> None:
    hit = _top(engine, "^why")
    assert hit.text.startswith("Why did not the Russian planes")
    assert _marked(hit) == ["Why"]
    assert _top(engine, "leadership$").text.endswith("Poor leadership?")


def test_partial_last_word_is_completed(engine: SearchEngine) -> None:
    hit = _top(engine, "olive harv")
    assert hit.kind == "article" and hit.text == "Olive harvest grows in the valley"
    finished = engine.search_result("olive harv ")  # a finished word is not completed:
    assert finished.dropped == ("harv",)  # it matches nothing, so it is left out, and said
    assert finished.notice == "no match for 'harv'; results without it"


def test_or_finds_either_word(engine: SearchEngine) -> None:
    kinds_texts = {(h.kind, h.text) for h in engine.search("olives | oryx")}
    assert ("claim", ORYX_CLAIM) in kinds_texts
    assert ("article", "Olive harvest grows in the valley") in kinds_texts


def test_site_and_tag_filter_by_article(engine: SearchEngine) -> None:
    assert {h.article_id for h in engine.search("tag:syria")} == {1}
    assert {h.article_id for h in engine.search("site:example valley")} == {2}


def test_kind_filter_and_kinds_argument(engine: SearchEngine) -> None:
    assert {h.kind for h in engine.search("kind:comment russians")} == {"comment"}
    assert {h.kind for h in engine.search("russians", kinds={"article"})} == {"article"}


def test_snippet_spans_and_offset_point_at_the_words(engine: SearchEngine, store: Store) -> None:
    hit = next(h for h in engine.search("infogrpahic") if h.kind == "article")
    assert hit.field == "body"
    assert [w.lower() for w in _marked(hit)] == ["infographic"]
    [article] = store.list_articles(ids=[hit.article_id])
    assert article.body[hit.offset :].lower().startswith("infographic")
    assert "\n" not in hit.snippet


def test_status_filter_follows_judgement_without_restart(
    engine: SearchEngine, store: Store
) -> None:
    assert engine.search("status:disputed") == []
    claim = next(c for c in store.list_claims() if c.text == MEN_CLAIM)
    store.set_claim_status(claim.id, ClaimStatus.DISPUTED)
    assert [h.id for h in engine.search("status:disputed")] == [claim.id]


def test_records_imported_after_the_engine_opened_are_found(
    engine: SearchEngine, store: Store
) -> None:
    assert engine.search("zarqawi") == []
    store.add_documents(
        [
            DocumentDraft(
                title="Zarqawi network revisited",
                body="A look back.",
                source="later.txt",
                published=datetime(2017, 1, 1, tzinfo=UTC),
                comments=[CommentDraft("Nadia", "Zarkawi was killed in 2006.")],
            )
        ]
    )
    hits = engine.search("zarqawi")
    assert {h.kind for h in hits} == {"article", "comment"}  # "Zarkawi" one typo away


def _write_elsewhere(store: Store, sql: str, *params: object) -> None:
    """Run ``sql`` (``?`` placeholders) on a connection of its own, as another program would."""
    if store.path is None:
        import psycopg

        from store.search.postgres_source import connection_string

        with psycopg.connect(connection_string(store.url)) as pg:
            pg.execute(sql.replace("?", "%s").encode(), params)
        return
    with sqlite3.connect(store.path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(sql, params)
        for table in ("article_fts", "claim_fts", "comment_fts"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")  # noqa: S608


def test_a_record_edited_after_it_was_found_shows_its_new_text(
    engine: SearchEngine, store: Store
) -> None:
    # The source remembers the records it read; another connection's write must not leave
    # the old text in the hits.
    hit = _top(engine, "palmira tnaks")
    _write_elsewhere(
        store, "UPDATE claim SET text = ? WHERE id = ?", hit.text + " Edited later.", hit.id
    )
    again = [h for h in engine.search("palmira tnaks") if (h.kind, h.id) == (hit.kind, hit.id)]
    assert [h.text for h in again] == [hit.text + " Edited later."]


def test_deleting_an_article_keeps_the_index_consistent(engine: SearchEngine, store: Store) -> None:
    assert engine.search("palmyra")
    _write_elsewhere(store, "DELETE FROM article WHERE id = ?", 1)
    assert engine.search("palmyra") == []


def test_a_store_from_before_search_gets_its_index_on_upgrade(tmp_path: object) -> None:
    from pathlib import Path

    from store.search.index import SEARCH_TABLES

    path = Path(str(tmp_path)) / "old.sqlite3"
    store = Store.open(str(path))
    store.add_documents([sample_draft()])
    store.close()
    with sqlite3.connect(path) as conn:  # make it look like a store written before step 2
        for name in SEARCH_TABLES:
            conn.execute(f"DROP TABLE {name}")
        conn.execute("UPDATE schema_version SET version = 1")
    reopened = Store.open(str(path))
    engine = SearchEngine(reopened)
    try:
        assert _top(engine, "palmira tnaks").text == TANKS_CLAIM
    finally:
        engine.close()
        reopened.close()


def test_a_word_that_matches_nothing_is_left_out_and_said(engine: SearchEngine) -> None:
    alone = engine.search_result("tanks ")
    result = engine.search_result("tanks xyzzyq ")
    assert result.state == "hits" and result.hits == alone.hits
    assert result.notice == "no match for 'xyzzyq'; results without it"
    nothing = engine.search_result("xyzzyq plughw ")
    assert (nothing.state, list(nothing.hits)) == ("no_match", [])
    assert nothing.notice == "no match for 'xyzzyq', 'plughw'"
    assert engine.search_result("qty:>", as_typed=True).state == "nothing_yet"


def test_searching_a_missing_store_finds_nothing_and_creates_nothing(tmp_path: object) -> None:
    from pathlib import Path

    store = Store.open(str(Path(str(tmp_path)) / "none" / "x.sqlite3"))
    assert SearchEngine(store).search("tanks") == []
    assert SearchEngine(store).search_result("tanks").state == "empty_store"
    assert not (Path(str(tmp_path)) / "none").exists()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.lists(
        st.sampled_from(
            [
                "tank",
                "!",
                "'",
                "^",
                "$",
                "|",
                " ",
                "author:",
                "qty:>",
                "1",
                "kind:claim",
                '"',
                "*",
                "NOT",
                "(",
                "s-125",
                "\u0627",
            ]
        )
    ).map("".join)
)
def test_no_query_string_makes_search_fail(engine: SearchEngine, text: str) -> None:
    try:
        hits = engine.search(text)
    except QueryError as error:
        assert str(error)
    else:
        assert all(0 <= h.score <= 100 for h in hits)
        for hit in hits:
            assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.spans)


@pytest.mark.parametrize("query", ["palmira", "seizd", "amak", "oryx s-125", "kind:claim tnaks"])
def test_every_hit_marks_a_word_that_found_it(engine: SearchEngine, query: str) -> None:
    hits = engine.search(query)
    assert hits
    for hit in hits:
        assert _marked(hit), (query, hit.kind, hit.field, hit.snippet[:60])


def test_a_claim_found_through_its_articles_title_shows_that_title(engine: SearchEngine) -> None:
    hits = engine.search("kind:claim palmira")
    through_title = [hit for hit in hits if "palmyra" not in hit.text.lower()]
    assert through_title  # the page's claims do not name Palmyra; its title does
    for hit in through_title:
        assert hit.field == "article title" and _marked(hit) == ["Palmyra"]


def test_the_first_letter_of_a_new_word_keeps_the_hits_while_typing(engine: SearchEngine) -> None:
    assert engine.search("q") == []  # no word of the sample is the letter q
    before = engine.search("palmira", as_typed=True)
    assert before
    assert engine.search("palmira q", as_typed=True) == before  # "q" may become any word
    # A finished query: no record has "q", so it is answered without it, and says so.
    finished = engine.search_result("palmira q")
    assert finished.hits == before and finished.dropped == ("q",)
    assert engine.search_result("palmira q ", as_typed=True).dropped == ("q",)
    assert engine.search("palmira qu", as_typed=True) != before  # two letters complete


def test_a_word_typed_as_stored_stands_only_for_far_commoner_neighbours(store: Store) -> None:
    """ "plank" is stored, so it is meant: its rarer neighbour "planks" is not marked as a
    typo of it; "wilh" is stored once, and "with", a hundred times commoner, still is."""
    body = "The plank lay beside two planks. " + "Tanks went with the column. " * 100
    store.add_documents(
        [
            DocumentDraft(title="Planks", body=body, source="p.txt", claims=[]),
            DocumentDraft(title="Names", body="Anna Wilh signed it.", source="w.txt", claims=[]),
        ]
    )
    searching = SearchEngine(store)
    try:
        plank = searching.matcher("plank ")
        text = "the plank lay beside two planks."
        assert [text[start:end] for start, end in plank.spans(text)] == ["plank"]
        wilh = searching.matcher("wilh ")
        text = "tanks went with anna wilh"
        assert [text[start:end] for start, end in wilh.spans(text)] == ["with", "wilh"]
    finally:
        searching.close()


def test_a_rare_word_beside_a_typo_that_also_starts_a_rare_word_finds_its_record(
    store: Store,
) -> None:
    """ "riss wilh": the record meant says "riss" beside "will"; "wilh" also begins the rare
    "wilhelmina", which no record holds beside "riss", and two hundred newer records say
    "miss" beside "with" (typo neighbours of both words)."""
    store.add_documents(
        [
            DocumentDraft(title="Old", body="Riss said he will come.", source="r.txt", claims=[]),
            DocumentDraft(title="Queen", body="Wilhelmina reigned.", source="q.txt", claims=[]),
            *(
                DocumentDraft(
                    title=f"Report {n}", body="A miss with the rest.", source=f"{n}.txt", claims=[]
                )
                for n in range(200)
            ),
        ]
    )
    searching = SearchEngine(store)
    try:
        hits = searching.search("riss wilh", limit=10)
        assert hits and (hits[0].kind, hits[0].text) == ("article", "Old")
    finally:
        searching.close()


def test_a_lone_misspelling_shows_the_best_record_of_each_word_it_may_stand_for(
    store: Store,
) -> None:
    """ "skooled" is one edit from "spooled" and "cooled", two from "schooled": scored by
    likeness to what was typed, the twelve newer spooled and cooled notes filled the first
    ten hits. Each word it may stand for now shows its best record before the second of any
    (the first hit is still the closest); beside another word, the records decide."""
    drafts = [
        DocumentDraft(title="Schooled", body="She was schooled at home.", source="s.txt", claims=[])
    ]
    drafts += [
        DocumentDraft(
            title=f"Note {n}",
            body=f"The water was {'spooled' if n % 2 else 'cooled'} again.",
            source=f"{n}.txt",
            claims=[],
        )
        for n in range(12)
    ]
    store.add_documents(drafts)
    engine = SearchEngine(store)
    try:
        hits = engine.search("skooled", limit=10, kinds={"article"})
        assert len(hits) == 10
        assert "schooled" in [h.text.lower() for h in hits[:3]]
        assert hits[0].score == max(h.score for h in hits)
        beside = engine.search("skooled water", limit=10, kinds={"article"})
        assert [h.score for h in beside] == sorted((h.score for h in beside), reverse=True)
    finally:
        engine.close()


def test_words_that_match_apart_but_never_together_give_the_records_of_all_but_one(
    engine: SearchEngine,
) -> None:
    # "tanks" is in the Palmyra article only, "olives" in the harvest article only: each
    # finds its records, and no record holds both.
    olives = engine.search_result("olives ")
    result = engine.search_result("olives tanks ")
    assert result.state == "hits" and result.hits == olives.hits
    assert result.notice == "no record holds 'tanks' with the other words; results without it"
    # The last word is the one left out first; a typo in the other is still read as its word.
    tanks = engine.search_result("tanks olives ")
    assert tanks.hits == engine.search_result("tanks ").hits
    assert engine.search_result("tanks olivse ").apart == ("olivse",)
    # A word the store does not have at all is said apart from one that only never meets.
    both = engine.search_result("olives xyzzyq tanks ")
    assert both.hits == olives.hits
    assert both.notice == (
        "no match for 'xyzzyq'; no record holds 'tanks' with the other words; results without them"
    )
    # A site: word is a filter the user set: never left out.
    assert engine.search_result("site:example.org tanks ").state == "no_match"
