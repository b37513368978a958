"""Each export format, parsed back by a real parser and checked for what a reader relies on."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from store.export import FORMATS, ExportBundle, ExportError, bundle_for, citation, citations
from store.export.claimreview import export_claimreview
from store.export.csv_export import BOM, FORMULA_TRIGGERS, export_csv
from store.export.json_export import export_json, export_jsonl
from store.export.markdown import export_markdown
from store.records import AnyRecord, ClaimStatus, CommentRecord, iso
from store.store import Store
from tests.export_data import (
    AUTHOR,
    EVAN,
    HOSTILE_FORMULA,
    HOSTILE_MARKDOWN,
    HOSTILE_SUM,
    HOSTILE_TITLE,
    KILLED,
    ORYX,
    PADDY,
    SEIZED,
    SITE,
    TITLE,
    URL,
    Seeded,
    hostile_article,
    markdown_blocks,
    seed,
)
from tests.reviewer_config import REVIEWER


@pytest.fixture
def seeded(store: Store) -> Seeded:
    return seed(store)


def _everything(seeded: Seeded) -> list[AnyRecord]:
    return [
        *seeded.claims,
        seeded.comments[2],
        seeded.hostile,
        *seeded.hostile_comments,
        seeded.hostile_claim,
    ]


# -- Markdown --------------------------------------------------------------------------------


def test_markdown_groups_records_under_their_articles_with_attribution(
    store: Store, seeded: Seeded
) -> None:
    blocks = markdown_blocks(export_markdown(bundle_for(store, _everything(seeded))))
    headings = [text for kind, text in blocks if kind == "h2"]
    assert headings == [TITLE, HOSTILE_TITLE]
    palmyra = blocks[: blocks.index(("h2", HOSTILE_TITLE))]
    items = [text for kind, text in palmyra if kind == "item"]
    assert {f"Outlet: {SITE}", f"Author: {AUTHOR}", "Published: 2016-12-13", f"URL: {URL}"} <= set(
        items
    )
    quotes = [text for kind, text in palmyra if kind == "quote"]
    assert quotes == [SEIZED, KILLED, ORYX, EVAN]
    # each claim's facts follow its quote
    after_seized = palmyra[palmyra.index(("quote", SEIZED)) + 1 :]
    assert after_seized[:4] == [
        ("item", "Claimant: Amaq (claims)"),
        ("item", "Quantities: 44 tanks; 7 BMPs; dozens anti-armor rockets"),
        ("item", "Status: unverifiable"),
        ("item", "Note: Of course, it is impossible to independently verify these figures."),
    ]
    assert ("item", "Note: Amaq figure | not confirmed by anyone else") in palmyra
    assert ("item", "Claimant: not named") in palmyra
    assert (
        "item",
        f"Found in: a comment by Moose on {SITE} (a reader's claim, not the outlet's)",
    ) in palmyra
    assert ("paragraph", "Evan wrote:") in palmyra


def test_markdown_keeps_hostile_text_literal(store: Store, seeded: Seeded) -> None:
    markdown = export_markdown(bundle_for(store, [seeded.hostile, *seeded.hostile_comments]))
    blocks = markdown_blocks(markdown)
    quotes = [text for kind, text in blocks if kind == "quote"]
    assert quotes == [HOSTILE_FORMULA, HOSTILE_SUM, HOSTILE_MARKDOWN]
    assert [text for kind, text in blocks if kind.startswith("h")] == [
        "claimdesk brief",
        HOSTILE_TITLE,
        "Comments",
    ]
    html = MarkdownIt("commonmark").render(markdown)
    assert "<script>" not in html and "<a href" not in html
    assert "\x1b" not in markdown
    assert ("paragraph", "␛[31mred␛[0m wrote:") in blocks


def _as_written(text: str) -> str:
    """What a reader should see of ``text`` in a quote: lines trimmed, blank runs as one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs = "\n".join(line.strip() for line in lines).split("\n\n")
    return "\n\n".join(p.strip("\n") for p in paragraphs if p.strip("\n"))


@given(st.text(alphabet=st.sampled_from('ab 1.-+=*_`#>|<[]()!\\&;:~\n\r\té"'), max_size=60))
def test_markdown_quotes_any_text_literally(body: str) -> None:
    comment = CommentRecord(
        id=1, article_id=1, parent_id=None, author="a", posted=None, body=body, position=0
    )
    bundle = ExportBundle(items=(comment,), articles={1: hostile_article()})
    quotes = [text for kind, text in markdown_blocks(export_markdown(bundle)) if kind == "quote"]
    assert quotes == [_as_written(body) or "(empty)"]


def test_markdown_of_an_article_alone_names_its_source(store: Store, seeded: Seeded) -> None:
    blocks = markdown_blocks(export_markdown(bundle_for(store, [seeded.hostile])))
    assert ("item", "Source: hostile.txt") in blocks
    assert ("paragraph", "1 article") in blocks


# -- CSV -------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    decoded = text.encode("utf-8").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(decoded, newline="")))


def test_csv_has_one_row_per_record_with_its_kind(store: Store, seeded: Seeded) -> None:
    chosen = _everything(seeded)
    rows = _csv_rows(export_csv(bundle_for(store, chosen)))
    assert [(row["kind"], int(row["id"])) for row in rows] == [(r.kind, r.id) for r in chosen]
    seized, killed, oryx, evan = rows[:4]
    assert seized["text"] == SEIZED and seized["claimant"] == "Amaq"
    assert seized["quantities"] == "44 tanks; 7 BMPs; dozens anti-armor rockets"
    assert (seized["status"], seized["site"], seized["article_url"]) == ("unverifiable", SITE, URL)
    assert killed["note"] == "Amaq figure | not confirmed\nby anyone else"
    assert (oryx["author"], oryx["comment_id"]) == ("Moose", str(seeded.comments[1].id))
    assert oryx["found_in"] == f"in a comment by Moose on {SITE}"  # never the outlet's claim
    assert seized["found_in"] == SITE
    assert evan["text"] == EVAN and evan["parent_id"] == str(seeded.comments[1].id)


def test_csv_neutralises_formulas_in_every_text_cell(store: Store, seeded: Seeded) -> None:
    rows = _csv_rows(export_csv(bundle_for(store, _everything(seeded))))
    by_text = {row["text"] for row in rows}
    assert "'" + HOSTILE_FORMULA in by_text and "'" + HOSTILE_SUM in by_text
    claim = next(
        row
        for row in rows
        if row["kind"] == "claim" and row["article_id"] == str(seeded.hostile.id)
    )
    assert claim["claimant"] == "'@attacker"
    # text that looks like a negative number is text too: prefixed, as the module documents
    assert claim["quantities"] == "'-5 degrees"
    assert all(not cell.startswith(FORMULA_TRIGGERS) for row in rows for cell in row.values())
    # ids stay plain numbers a spreadsheet can sort
    assert all(row["id"].isdigit() and row["article_id"].isdigit() for row in rows)


@given(st.text())
def test_csv_cell_is_the_text_or_the_text_made_inert(body: str) -> None:
    comment = CommentRecord(
        id=1, article_id=1, parent_id=None, author="a", posted=None, body=body, position=0
    )
    bundle = ExportBundle(items=(comment,), articles={1: hostile_article()})
    [row] = _csv_rows(export_csv(bundle))
    assert row["text"] in (body, "'" + body)
    assert not row["text"].startswith(FORMULA_TRIGGERS)


# -- JSON and JSONL --------------------------------------------------------------------------


def test_json_is_the_as_json_shapes_with_the_articles_they_need(
    store: Store, seeded: Seeded
) -> None:
    bundle = bundle_for(store, [seeded.claims[2], seeded.comments[2]])
    objects = json.loads(export_json(bundle))
    palmyra = store.get_article(seeded.palmyra.id)
    assert palmyra is not None
    moose, evan = seeded.comments[1], seeded.comments[2]
    # the article first, then the comment the claim came from and the marked comment, then
    # the claim: the order an importer needs to rebuild links
    assert objects == [
        palmyra.as_json(),
        moose.as_json(),
        evan.as_json(),
        seeded.claims[2].as_json(),
    ]
    lines = export_jsonl(bundle).splitlines()
    assert [json.loads(line) for line in lines] == objects


def test_json_keeps_unicode_and_control_characters_exact(store: Store, seeded: Seeded) -> None:
    objects = json.loads(
        export_jsonl(bundle_for(store, seeded.hostile_comments))
        .replace("\n", ",")
        .rstrip(",")
        .join("[]")
    )
    assert [o["body"] for o in objects if o["kind"] == "comment"] == [
        HOSTILE_FORMULA,
        HOSTILE_SUM,
        HOSTILE_MARKDOWN,
    ]
    assert "\x1b[31mred\x1b[0m" in [o.get("author") for o in objects]


# -- ClaimReview -----------------------------------------------------------------------------


def _empty_values(value: Any, path: str = "$") -> list[str]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _empty_values(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _empty_values(item, f"{path}[{i}]")]
    return [path] if value is None or value == "" else []


def _reviewed(store: Store, chosen: list[AnyRecord]) -> Any:
    bundle = bundle_for(store, chosen)
    made = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    return json.loads(export_claimreview(replace(bundle, reviewer=REVIEWER, made_at=made)))


def test_claimreview_has_the_required_fields_and_no_nulls(store: Store, seeded: Seeded) -> None:
    chosen: list[AnyRecord] = [*seeded.claims, seeded.hostile_claim, seeded.comments[0]]
    reviews = _reviewed(store, chosen)
    assert [r["claimReviewed"] for r in reviews] == [
        SEIZED,
        KILLED,
        ORYX,
        seeded.hostile_claim.text,
    ]
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["itemReviewed"]["@type"] == "Claim"
        appearance = review["itemReviewed"]["appearance"]
        if appearance["@type"] == "Comment":  # a reader's claim appears in their comment
            appearance = appearance["isPartOf"]
        assert appearance["@type"] == "NewsArticle"
    assert _empty_values(reviews) == []
    seized, killed, oryx, hostile = reviews
    assert seized["url"] == f"https://ledger.example/factcheck/claims/{seeded.claims[0].id}"
    assert seized["author"] == {
        "@type": "Organization",
        "name": "Harbour Ledger Fact Check",
        "url": "https://ledger.example/factcheck",
    }
    assert seized["datePublished"] == "2026-12-01"  # never judged: the day it is published
    assert seized["reviewRating"]["alternateName"] == "Unverifiable"
    assert seized["itemReviewed"]["author"] == {"@type": "Organization", "name": "Amaq"}
    appearance = seized["itemReviewed"]["appearance"]
    assert appearance == {
        "@type": "NewsArticle",
        "headline": TITLE,
        "url": URL,
        "author": {"@type": "Person", "name": AUTHOR},
        "datePublished": "2016-12-13T21:05:00+00:00",
        "publisher": {"@type": "Organization", "name": SITE},
    }
    # no claimant: the article's own assertion, credited to its author
    assert killed["itemReviewed"]["author"] == {"@type": "Person", "name": AUTHOR}
    assert oryx["itemReviewed"]["datePublished"] == "2016-12-14T01:30:00+00:00"
    # Oryx's claim was made in Moose's comment: it appears there, never as the outlet's
    where = oryx["itemReviewed"]["appearance"]
    assert where["@type"] == "Comment" and where["author"] == {"@type": "Person", "name": "Moose"}
    assert where["description"] == f"in a comment by Moose on {SITE}"
    assert oryx["itemReviewed"]["author"] == {"@type": "Organization", "name": "Oryx"}
    assert "datePublished" not in hostile["itemReviewed"]  # its article has no date


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (ClaimStatus.UNVERIFIED, "Unverified"),
        (ClaimStatus.UNVERIFIABLE, "Unverifiable"),
        (ClaimStatus.CORROBORATED, "Corroborated"),
        (ClaimStatus.DISPUTED, "Disputed"),
        (ClaimStatus.FALSE, "False"),
    ],
)
def test_claimreview_rating_follows_the_status(
    store: Store, seeded: Seeded, status: ClaimStatus, name: str
) -> None:
    judged = store.set_claim_status(seeded.claims[0].id, status)
    [review] = _reviewed(store, [judged])
    assert review["reviewRating"]["alternateName"] == name
    assert judged.judged_at is not None and review["datePublished"] == iso(judged.judged_at)


def test_claimreview_refuses_a_selection_without_claims(store: Store, seeded: Seeded) -> None:
    with pytest.raises(ExportError, match="claims"):
        export_claimreview(bundle_for(store, [seeded.palmyra, seeded.comments[0]]))


# -- citations -------------------------------------------------------------------------------


def test_citations_attribute_claims_comments_and_articles(store: Store, seeded: Seeded) -> None:
    seized, _, oryx = seeded.claims
    paddy = seeded.comments[0]
    assert citation(seized, seeded.palmyra) == (
        f'> "{SEIZED}" — Amaq, via {SITE} (2016-12-13) <{URL}>'
    )
    assert citation(paddy, seeded.palmyra) == (
        f'> "{PADDY}" — Paddy Singh, comment on "{TITLE}" (2016-12-13) <{URL}>'
    )
    assert citation(seeded.palmyra, seeded.palmyra) == (
        f'> "{TITLE}" — {AUTHOR}, {SITE} (2016-12-13) <{URL}>'
    )
    assert citation(oryx, seeded.palmyra, seeded.comments[1]) == (
        f'> "{ORYX}" — Oryx, in a comment by Moose on {SITE} (2016-12-14) <{URL}>'
    )
    no_claimant = replace(oryx, claimant=None)
    assert citation(no_claimant, seeded.palmyra, seeded.comments[1]) == (
        f'> "{ORYX}" — Moose, in a comment on {SITE} (2016-12-14) <{URL}>'
    )


def test_citations_are_one_line_each_and_inert(store: Store, seeded: Seeded) -> None:
    text = citations(bundle_for(store, [seeded.comments[2], *seeded.hostile_comments]))
    quoted = text.strip().split("\n\n")
    assert len(quoted) == 4 and all("\n" not in line for line in quoted)
    assert quoted[0].startswith('> "The lone pawn is my favorite… Looking at the photos')
    assert "\x1b" not in text and "␛[31mred␛[0m" in text


def test_every_format_is_registered_with_a_distinct_extension() -> None:
    assert set(FORMATS) == {"md", "csv", "json", "jsonl", "claimreview"}
    assert len({f.extension for f in FORMATS.values()}) == len(FORMATS)


def test_markdown_leaves_a_lone_tilde_as_written() -> None:
    """Issue 19: "about ~11 million" read "about \\~11 million" in the brief; a tilde is
    escaped only where two could pair into a strikethrough."""
    from store.export.markdown import block, inline

    assert inline("about ~11 million") == "about ~11 million"
    assert block("saved in ~/notes") == ["saved in ~/notes"]
    assert inline("not ~~struck~~") == "not \\~\\~struck\\~\\~"
    html = MarkdownIt("commonmark").enable("strikethrough").render(inline("a ~~b~~ c"))
    assert "<s>" not in html and "~~b~~" in html
