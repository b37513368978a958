"""Text from the web is shown literally: no markup, no links, no terminal control sequences."""

from __future__ import annotations

from pathlib import Path

from store.records import ClaimDraft, CommentDraft, DocumentDraft
from store.store import Store
from tests.app_helpers import SIZE, make_app, screen_segments, screen_text, settle, sync
from tui.app.widgets.highlight import Span, highlighted

MARKUP_AUTHOR = "[bold red]ALERT[/bold red]"
LINK = "[link=https://evil.example]click me[/link]"
OSC_TITLE = "\x1b]0;pwned title\x07"
CLEAR = "\x1b[2J"
BODY = f"Intro {LINK} then {OSC_TITLE}and {CLEAR}more. The claim is here."


def hostile_store(tmp_path: Path) -> Store:
    store = Store.open(str(tmp_path / "hostile.sqlite3"))
    claim = "The claim is here."
    start = BODY.index(claim)
    store.add_document(
        DocumentDraft(
            title=f"Hostile {OSC_TITLE}title [b]bold?[/b]",
            body=BODY,
            source="hostile.txt",
            site="[i]x[/i].org",
            comments=[CommentDraft(MARKUP_AUTHOR, f"{LINK} and {CLEAR} bell\x07")],
            claims=[ClaimDraft(claim, start, start + len(claim), claimant=MARKUP_AUTHOR)],
        )
    )
    return store


def assert_inert(app: object) -> None:
    """Nothing on screen carries a link or a raw control character."""
    for segment in screen_segments(app):  # type: ignore[arg-type]
        assert not any(ch in segment.text for ch in "\x1b\x07\x9b"), repr(segment.text)
        assert segment.style is None or not segment.style.link, segment


@sync
async def test_lists_show_markup_and_controls_literally(tmp_path: Path) -> None:
    app = make_app(hostile_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[i]x[/i].org" in text
        assert "Hostile ␛]0;pwned title␇title [b]bold?[/b]" in text
        assert_inert(app)
        await pilot.press("2")
        await settle(pilot)
        assert "[bold red]AL" in screen_text(app)  # the claimant, literally
        assert_inert(app)
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]ALERT" in text  # the author, literally
        assert "[link=https://evil.example]click me[/link] and ␛[2J bell␇" in text
        assert_inert(app)


@sync
async def test_reader_shows_markup_and_controls_literally(tmp_path: Path) -> None:
    app = make_app(hostile_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t", "j")  # the comment: its full text shows below the thread
        await pilot.pause()
        text = screen_text(app)
        assert "[link=https://evil.example]click me[/link]" in text
        assert "␛]0;pwned title␇" in text and "␛[2J" in text
        assert MARKUP_AUTHOR in text
        assert_inert(app)


def test_highlight_keeps_spans_on_the_right_words_around_controls() -> None:
    text = "a\x1b[2Jb CLAIM c"
    start = text.index("CLAIM")
    shown = highlighted(text, [Span(start, start + 5, "bold")])
    assert shown.plain == "a␛[2Jb CLAIM c"
    bold = [shown.plain[s.start : s.end] for s in shown.spans if "bold" in str(s.style)]
    assert bold == ["CLAIM"]
