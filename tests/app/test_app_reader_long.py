"""The reader on a multi-megabyte body (issue 20, item 16): it opens, and finds its far end.

How fast it opens is measured in benchmarks/bench_reader_long.py, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.style import Style

from store.records import ClaimDraft, DocumentDraft
from store.store import Store
from tests.app_helpers import SIZE, make_app, screen_text, settle, sync
from tui.app.screens.reader import (
    CURRENT_CLAIM_STYLE,
    CURRENT_MATCH_STYLE,
    ClaimList,
    ReaderScreen,
)
from tui.app.widgets.article_body import PIECE, ArticleBody, pieces

FIRST = "The first paragraph of a very long report."
CLAIM = "Officials said 12 fighters were killed in the final clashes."
LAST = "The last words of the report."
SENTENCE = "Witnesses described convoys moving north along the old road after dark. "


def long_body(size: int, separator: str = "\n\n") -> str:
    """``size`` characters of paragraphs joined by ``separator``: FIRST, numbered ones, then
    CLAIM and LAST."""
    middle = [
        f"Paragraph {n}. " + ("A zebra was seen. " if n % 150 == 75 else "") + SENTENCE * 6
        for n in range(size // (len(SENTENCE) * 6))
    ]
    return separator.join([FIRST, *middle, "At the end: " + CLAIM, LAST])


def current_claim_text(app: object, style: str = CURRENT_CLAIM_STYLE) -> str:
    wanted = Style.parse(style).bgcolor
    assert wanted is not None
    return "".join(
        seg.text
        for strip in app.screen._compositor.render_strips()  # type: ignore[attr-defined]
        for seg in strip
        if seg.style and seg.style.bgcolor and seg.style.bgcolor.triplet == wanted.triplet
    )


def long_store(tmp_path: Path, size: int, separator: str = "\n\n") -> tuple[Store, int]:
    store = Store.open(str(tmp_path / "long.sqlite3"))
    body = long_body(size, separator)
    start = body.rindex(CLAIM)
    claim = ClaimDraft(text=CLAIM, start=start, end=start + len(CLAIM), claimant="Officials")
    store.add_documents([DocumentDraft(title="Long", body=body, source="long.txt", claims=[claim])])
    return store, store.list_articles()[0].id


# Blank-line separated paragraphs, and one paragraph per line: one 3 MB paragraph for the reader.
@pytest.mark.parametrize("separator", ["\n\n", "\n"], ids=["paragraphs", "lines"])
@sync
async def test_a_multi_megabyte_body_opens_and_jumps_to_a_claim_at_its_end(
    tmp_path: Path, separator: str
) -> None:
    store, article_id = long_store(tmp_path, 3_000_000, separator)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = ReaderScreen(article_id)
        app.push_screen(screen)
        await settle(pilot)
        assert FIRST in screen_text(app)
        assert CLAIM not in screen_text(app)
        await pilot.press("c")  # the claims pane: its one claim becomes the current one
        await settle(pilot)
        assert isinstance(app.focused, ClaimList)
        assert "12 fighters" in current_claim_text(app)
        assert FIRST not in screen_text(app)
        await pilot.press("b", "g")  # back to the top of the body
        await settle(pilot)
        assert FIRST in screen_text(app)
        await pilot.press("G")  # and to its very end
        await settle(pilot)
        assert LAST in screen_text(app)


@sync
async def test_n_and_shift_n_step_through_matches_beyond_the_first_window(tmp_path: Path) -> None:
    store, article_id = long_store(tmp_path, 300_000)  # "zebra" every 150 paragraphs
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.last_query = "zebra"
        screen = ReaderScreen(article_id)
        app.push_screen(screen)
        await settle(pilot)
        seen = []
        for _ in range(6):  # all five, then round to the first
            await pilot.press("n")
            await settle(pilot)
            assert current_claim_text(app, CURRENT_MATCH_STYLE) == "zebra"
            seen.append(re.findall(r"Paragraph (\d+)\. A zebra", screen_text(app)))
        assert seen == [["75"], ["225"], ["375"], ["525"], ["675"], ["75"]]
        await pilot.press("N")
        await settle(pilot)
        assert current_claim_text(app, CURRENT_MATCH_STYLE) == "zebra"
        assert "Paragraph 675. A zebra" in screen_text(app)


@sync
async def test_scrolling_a_long_body_reaches_the_text_after_the_first_window(
    tmp_path: Path,
) -> None:
    store, article_id = long_store(tmp_path, 300_000)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ReaderScreen(article_id))
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        first_window = len(body.query(".paragraph"))
        assert first_window < 600  # the body has about 650 paragraphs: not all are mounted
        for _ in range(60):  # page down past the paragraphs mounted at first
            body.scroll_page_down(animate=False)
            await pilot.pause()
        numbers = re.findall(r"Paragraph (\d+)\.", screen_text(app))
        assert numbers and int(numbers[0]) > first_window
        shown = [int(w.id.removeprefix("para-")) for w in body.query(".paragraph") if w.id]
        assert shown == sorted(shown) and len(shown) == len(set(shown))


def test_a_long_paragraph_is_cut_into_pieces_that_keep_their_offsets() -> None:
    body = FIRST + "\n\n" + "word " * 3000 + "\n".join(["line " * 100] * 40) + "x" * 9000
    shown = list(pieces(body))
    assert shown[0].paragraph.text == FIRST and not shown[0].continued
    assert all(p.paragraph.text == body[p.paragraph.start : p.paragraph.end] for p in shown)
    assert all(len(p.paragraph.text) <= PIECE for p in shown[1:])
    assert [p.continued for p in shown[1:]] == [True] * (len(shown) - 2) + [False]
    # only separators (a space or line break where a piece was cut) are left out
    covered = sum(len(p.paragraph.text) for p in shown) + 2
    assert len(body) - covered < len(shown)
