"""The reader and claim judging, driven with Pilot."""

from __future__ import annotations

from pathlib import Path

from store.records import ClaimStatus
from tests.app_helpers import (
    SIZE,
    browser,
    filled_store,
    kept_lines,
    make_app,
    messages,
    screen_text,
    settle,
    sync,
    until,
)
from tests.fixtures_store import KILLED, TANKS
from tui.app.modals.judge import JudgeClaimModal
from tui.app.screens.browser import BrowserScreen
from tui.app.screens.reader import CURRENT_CLAIM_STYLE, ClaimList, CommentTree, ReaderScreen
from tui.app.widgets.article_body import ArticleBody


def reader(app: object) -> ReaderScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReaderScreen)
    return screen


def styled(app: object, style: str) -> str:
    """The text shown on screen in exactly ``style`` (background and all)."""
    from rich.style import Style

    wanted = Style.parse(style)
    assert wanted.bgcolor is not None
    return "".join(
        seg.text
        for strip in app.screen._compositor.render_strips()  # type: ignore[attr-defined]
        for seg in strip
        if seg.style
        and seg.style.bgcolor is not None
        and seg.style.bgcolor.triplet == wanted.bgcolor.triplet
    )


@sync
async def test_reader_highlights_claims_and_threads_comments(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.view is not None and len(screen.view.claims) == 3
        text = screen_text(app)
        assert "longwarjournal.org · Thomas Joscelyn · 2016-12-13" in text
        assert "Comments (4)" in text
        tree = screen.query_one(CommentTree)
        tops = [node.data.author for node in tree.root.children if node.data]
        assert tops == ["Paddy Singh", "Timothy", "Evan"]
        timothy = tree.root.children[1]
        assert [n.data.author for n in timothy.children if n.data] == ["Moose"]
        # the first claim becomes the current one: shown in the highlight colour
        await pilot.press("c")  # c puts the cursor on the first claim
        await pilot.pause()
        assert screen.current_claim_id is not None
        assert "44 tanks" in styled(app, CURRENT_CLAIM_STYLE)


@sync
async def test_comment_thread_folds_and_jumps_to_parent(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "j", "j")  # Moose, the reply
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.highlighted_comment is not None
        assert screen.highlighted_comment.author == "Moose"
        assert "Moose replying to Timothy" in screen_text(app)
        await pilot.press("p")
        assert screen.highlighted_comment.author == "Timothy"
        await pilot.press("p")  # Timothy replies to nobody: a message, no move
        assert screen.highlighted_comment.author == "Timothy"
        tree = screen.query_one(CommentTree)
        await pilot.press("enter")  # fold Timothy's thread
        assert tree.cursor_node is not None and not tree.cursor_node.is_expanded
        assert "Moose ·" not in screen_text(app)
        await pilot.press("enter")
        assert "Moose ·" in screen_text(app)


@sync
async def test_a_claim_opens_its_article_at_that_spot(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "j")  # the second claim: 352 men
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = reader(app)
        claim = screen.highlighted_claim
        assert claim is not None and claim.text == KILLED
        assert isinstance(app.focused, ClaimList)
        assert "352 men" in styled(app, CURRENT_CLAIM_STYLE)


@sync
async def test_a_claim_in_a_comment_opens_at_its_comment(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "j", "j", "enter")  # Oryx, in Moose's comment
        await settle(pilot)
        screen = reader(app)
        assert screen.highlighted_comment is not None
        assert screen.highlighted_comment.author == "Moose"
        assert "S-125" in styled(app, CURRENT_CLAIM_STYLE)


@sync
async def test_judging_a_claim_saves_at_once_and_shows_everywhere(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "v")
        assert isinstance(app.screen, JudgeClaimModal)
        await pilot.press("4", "tab", *"Oryx photos", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        claim = store.list_claims(limit=1)[0]
        assert claim.text == TANKS
        assert claim.status is ClaimStatus.DISPUTED and claim.note == "Oryx photos"
        row = next(line for line in screen_text(app).splitlines() if "44 tanks" in line)
        assert "disputed" in row
        # in the reader too, and judged again from there (escape cancels, nothing changes)
        await pilot.press("enter")
        await settle(pilot)
        assert "note: Oryx photos" in screen_text(app)
        await pilot.press("v", "5", "escape")
        await settle(pilot)
        assert store.list_claims(limit=1)[0].status is ClaimStatus.DISPUTED
        await pilot.press("v", "5", "enter")
        await settle(pilot)
        assert store.list_claims(limit=1)[0].status is ClaimStatus.FALSE
        await pilot.press("escape")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "44 tanks" in line)
        assert "false" in row
        assert browser(app).kind == "claim"


@sync
async def test_judging_elsewhere_than_a_claim_explains(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        assert isinstance(app.screen, BrowserScreen)
        assert any("claims" in message for message in messages(app))


@sync
async def test_marking_in_the_reader_adds_to_the_same_marks(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("space")  # the body has focus: the article
        await pilot.press("t", "j", "space")  # a comment, in the thread
        await pilot.press("c", "space")  # a claim
        assert sorted(kind for kind, _ in app.marks) == ["article", "claim", "comment"]
        await pilot.press("escape")
        assert "3 marked" in screen_text(app)


async def _claim_in_reader(tmp_path: Path, size: tuple[int, int], then: int | None) -> list[str]:
    """The body's lines after opening the first claim at ``size`` (and narrowing the terminal
    to ``then`` columns once it is shown)."""
    tmp_path.mkdir()
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")
        await settle(pilot)
        body = reader(app).query_one(ArticleBody)
        if then is not None:
            wide = body.size.width
            await pilot.resize_terminal(then, size[1])
            await until(pilot, lambda: body.size.width < wide)
            await settle(pilot)
        return [text for text, _style in kept_lines(body)]


@sync
async def test_the_claims_paragraph_stays_in_view_when_the_text_wraps_anew(tmp_path: Path) -> None:
    """The body is scrolled to the claim before its text has settled: a scroll bar that
    appears afterwards, or a narrower terminal, wraps it anew. The view follows the claim's
    paragraph, as if the reader had opened at the new width (it was left where it was, one or
    more lines off; seen as a snapshot one line short on a loaded machine)."""
    narrowed = await _claim_in_reader(tmp_path / "narrowed", (80, 24), then=70)
    opened = await _claim_in_reader(tmp_path / "opened", (70, 24), then=None)
    assert narrowed == opened
