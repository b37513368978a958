"""The reader: one article's body with its claims highlighted, its claims, its comment thread.

Opened on an article, or on a claim or comment "at that spot": the body scrolls to the claim's
paragraph (or the thread to its comment) and the cursor lands on it. Opened from a search hit
in the body, it scrolls to the matched word. Everything shown comes from one worker read;
judging a claim elsewhere updates it here through the app's ``claim_judged`` signal.

``space`` marks what has the focus (a claim, a comment, else the article) into the app's one
set of marks; marked claims and comments carry a ●, and the status line counts every mark.

``n``/``N`` step through the words of the last search query in this article, found the way
the search engine found them (typos and completions included, see
:mod:`store.search.matching`); the matches are drawn in the search colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Header, Label, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from store.records import AnyRecord, ArticleRecord, ClaimRecord, CommentRecord, RecordKind
from store.safe_text import one_line, printable
from tui.app.columns import STATUS_STYLES, day, first_line
from tui.app.contract import DeskScreen
from tui.app.visual import Selection, warm_up
from tui.app.widgets.article_body import ArticleBody
from tui.app.widgets.desk_footer import DeskFooter
from tui.app.widgets.highlight import Span, highlighted
from tui.app.widgets.hit_list import MATCH_STYLE
from tui.app.widgets.message_line import MessageLine
from tui.app.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app import ClaimdeskApp

CLAIM_STYLE = "underline on #4a3b00"
CURRENT_CLAIM_STYLE = "bold #000000 on #ffd75f"
CURRENT_MATCH_STYLE = "bold #ffffff on #005fd7"
VISUAL_STYLE = "bold #000000 on #87d7ff"
"""The text the visual mode has selected (V)."""
"""The match ``n``/``N`` stepped to; the others are in the search colour, MATCH_STYLE."""


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything the reader shows, read in one go by a worker."""

    article: ArticleRecord
    claims: tuple[ClaimRecord, ...]
    comments: tuple[CommentRecord, ...]


@dataclass(frozen=True, slots=True)
class SearchMatches:
    """Where the words of ``query`` occur in the article's body and in each comment."""

    query: str
    body: tuple[tuple[int, int], ...] = ()
    comments: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)


class ClaimList(OptionList):
    """The article's claims: status, claimant and quote."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="reader.claims.down"),
        Binding("k", "cursor_up", "Up", show=False, id="reader.claims.up"),
        Binding("g", "first", "First", show=False, id="reader.claims.first"),
        Binding("G", "last", "Last", show=False, id="reader.claims.last"),
    ]


class CommentTree(Tree[CommentRecord]):
    """Comments threaded under their parents; enter folds a thread, space marks a comment.

    A row longer than the pane is cut with an ellipsis (never a horizontal scroll bar): the
    whole comment shows below the thread."""

    DEFAULT_CSS = "CommentTree { overflow-x: hidden; }"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "screen.toggle_mark", "Mark", id="reader.comments.mark"),
        Binding("j", "cursor_down", "Down", show=False, id="reader.comments.down"),
        Binding("k", "cursor_up", "Up", show=False, id="reader.comments.up"),
        Binding("g", "scroll_home", "First", show=False, id="reader.comments.first"),
        Binding("G", "scroll_end", "Last", show=False, id="reader.comments.last"),
    ]

    def render_label(self, node: TreeNode[CommentRecord], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room > 0 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label


class ReaderScreen(DeskScreen):
    """One article, read closely."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back", id="reader.back"),
        Binding(
            "v",
            "judge",
            "Judge claim",
            id="reader.judge",
            tooltip="Set the highlighted claim's status and note",
        ),
        Binding("p", "parent", "Parent comment", id="reader.parent"),
        Binding("space", "toggle_mark", "Mark", id="reader.mark"),
        Binding("c", "focus_claims", "Claims", show=False, id="reader.focus_claims"),
        Binding("t", "focus_thread", "Thread", show=False, id="reader.focus_thread"),
        Binding("b", "focus_body", "Body", show=False, id="reader.focus_body"),
        Binding(
            "z",
            "toggle_wide",
            "Full width",
            id="reader.wide",
            tooltip="Give the article's text the whole width (z again brings the panes back)",
        ),
        Binding(
            "n",
            "next_match",
            "Next match",
            id="reader.next_match",
            tooltip="The next place the last search query matches in this article",
        ),
        Binding("N", "previous_match", "Previous match", show=False, id="reader.previous_match"),
        # Visual mode (tui/app/visual.py): V selects text of the body to make a claim of; the
        # keys below act only while a selection is shown (check_action), else they fall
        # through to the body's scrolling and the screen's other keys.
        Binding(
            "V",
            "visual",
            "Select text",
            show=False,
            id="reader.visual",
            tooltip="Select body text (sentence by sentence) to add it as a claim",
        ),
        *(
            Binding(keys, action, description, show=shown, priority=True, id=f"reader.{name}")
            for keys, action, description, shown, name in (
                ("j,down", "visual_sentence(1)", "Longer", True, "visual.longer"),
                ("k,up", "visual_sentence(-1)", "Shorter", True, "visual.shorter"),
                ("l,right", "visual_word(1)", "+word", False, "visual.word_more"),
                ("h,left", "visual_word(-1)", "−word", False, "visual.word_less"),
                ("w", "visual_start(1)", "Start later", False, "visual.start_later"),
                ("b", "visual_start(-1)", "Start earlier", False, "visual.start_earlier"),
                ("J", "visual_move(1)", "Next sentence", True, "visual.next"),
                ("K", "visual_move(-1)", "Previous sentence", False, "visual.previous"),
                ("enter", "visual_claim", "Make claim", True, "visual.claim"),
                ("escape", "visual_cancel", "Stop selecting", True, "visual.cancel"),
            )
        ),
    ]

    app: ClaimdeskApp

    class Loaded(Message):
        def __init__(self, view: ArticleView | None, reason: str = "") -> None:
            super().__init__()
            self.view = view
            self.reason = reason

    class Matched(Message):
        def __init__(self, matches: SearchMatches, step: int) -> None:
            super().__init__()
            self.matches = matches
            self.step = step

    def __init__(
        self,
        article_id: int,
        focus: tuple[RecordKind, int] | None = None,
        body_offset: int | None = None,
        query: str = "",
    ) -> None:
        """``focus``: a claim or comment to land on; ``body_offset``: a place in the body to
        scroll to; ``query``: a search whose matches to show at once (else ``n`` finds them)."""
        super().__init__()
        self.article_id = article_id
        self.focus_on = focus
        self.body_offset = body_offset
        self.search_query = query
        self.matches = SearchMatches("")
        self.match_index: int | None = None
        self.view: ArticleView | None = None
        self.current_claim_id: int | None = None
        self._comment_nodes: dict[int, TreeNode[CommentRecord]] = {}
        self.selection: Selection | None = None
        """The visual mode's selection in the body (None: not selecting)."""
        self._reloading = False
        self._focus_after_reload: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield ArticleBody(Static("Loading…", id="article-head"), id="body")
            with Vertical(id="side"):
                yield Label("Claims", id="claims-title", classes="pane-title")
                yield ClaimList(id="claims")
                yield Label("Comments", id="comments-title", classes="pane-title")
                tree = CommentTree("Comments", id="comments")
                tree.show_root = False
                yield tree
                yield Static("", id="comment-text")
        yield StatusBar(id="status")
        yield MessageLine(id="message")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._load(self.article_id)
        self._show_status()
        self.app.claim_judged.subscribe(self, self.show_judged)
        self.app.marks_changed.subscribe(self, self._show_marks, immediate=True)
        self.app.store_changed.subscribe(self, self._follow_store)

    def _show_marks(self, _news: None = None) -> None:
        """The marks changed (here or on another screen): the ● signs and the count."""
        self._show_status()
        if self.view is None:
            return
        self._fill_claims()
        for comment in self.view.comments:
            node = self._comment_nodes.get(comment.id)
            if node is not None:
                node.set_label(self._comment_label(comment))

    def _show_status(self) -> None:
        if self.selection is not None:
            chosen = self.selection
            self.query_one(StatusBar).show(
                "VISUAL",
                f"{len(chosen.text):,} characters selected",
                "j/k a sentence more/less · l/h a word · w/b start · J/K next/previous · "
                "enter make a claim · escape stop",
                marks=len(self.app.marks),
            )
            return
        article = self.view.article if self.view else None
        where = (
            "this article is marked" if article is not None and self.app.is_marked(article) else ""
        )
        self.query_one(StatusBar).show("Reader", where, marks=len(self.app.marks))

    def _mark_sign(self, record: AnyRecord) -> Text:
        return Text("● " if self.app.is_marked(record) else "  ", style="bold")

    @work(thread=True, exclusive=True, exit_on_error=False, group="reader")
    def _load(self, article_id: int) -> None:
        store = self.app.store
        try:
            article = store.get_article(article_id)
            if article is None:
                self.post_message(self.Loaded(None, f"article {article_id} is not in the store"))
                return
            view = ArticleView(
                article,
                tuple(store.list_claims(article_id=article_id)),
                tuple(store.list_comments(article_id=article_id)),
            )
        except Exception as error:  # shown as one line, never a traceback
            self.post_message(self.Loaded(None, str(error)))
            return
        self.post_message(self.Loaded(view))
        warm_up()  # the visual mode's sentence splitter, before the first V

    def on_reader_screen_loaded(self, message: Loaded) -> None:
        if message.view is None:
            self.app.say(one_line(message.reason, 200), error=True)
            self.app.pop_screen()
            return
        self.view = message.view
        self.sub_title = one_line(message.view.article.title, 80)
        if self._reloading:  # claims added, deleted or edited, or the article's facts
            self._reloading = False
            self._show_reloaded()
            return
        self._fill_claims()
        self._fill_comments()
        self._fill_body()
        self._show_status()
        # After a refresh: the tree places its nodes on lines only when it lays itself out.
        self.call_after_refresh(self._go_to_focus)
        if self.search_query:
            self._match(self.search_query, step=0)

    # -- filling -----------------------------------------------------------------------------

    def _article_head(self, article: ArticleRecord) -> Text:
        head = Text(printable(article.title), style="bold")
        byline = " · ".join(
            one_line(part)
            for part in (article.site or "", article.author or "", day(article.published))
            if part
        )
        if byline:
            head.append("\n" + byline, style="italic")
        if article.url:
            head.append("\n" + one_line(article.url), style="dim")
        return head

    def _body_spans(self) -> list[Span]:
        assert self.view is not None
        spans = [
            Span(
                c.start,
                c.end,
                CURRENT_CLAIM_STYLE if c.id == self.current_claim_id else CLAIM_STYLE,
            )
            for c in self.view.claims
            if c.comment_id is None
        ]
        spans.extend(
            Span(start, end, CURRENT_MATCH_STYLE if index == self.match_index else MATCH_STYLE)
            for index, (start, end) in enumerate(self.matches.body)
        )
        if self.selection is not None:
            spans.append(Span(self.selection.start, self.selection.end, VISUAL_STYLE))
        return spans

    def _fill_body(self) -> None:
        assert self.view is not None
        self.query_one("#article-head", Static).update(self._article_head(self.view.article))
        self.query_one(ArticleBody).show(self.view.article.body, self._body_spans())

    def _refresh_body(self) -> None:
        self.query_one(ArticleBody).restyle(self._body_spans())

    def _claim_label(self, claim: ClaimRecord) -> Text:
        label = self._mark_sign(claim)
        label.append(f"{claim.status.value:<12} ", style=STATUS_STYLES.get(claim.status, ""))
        label.append(one_line(claim.claimant or "—", 16), style="bold")
        label.append(": " + one_line(claim.text))
        if claim.comment_id is not None:
            label.append("  (in a comment)", style="dim")
        if claim.manual:
            label.append("  ✎ by hand (H history)", style="dim italic")
        if claim.note:
            label.append(f"\n  note: {one_line(claim.note)}", style="italic")
        return label

    def _fill_claims(self) -> None:
        assert self.view is not None
        claims = self.query_one(ClaimList)
        highlighted_index = claims.highlighted
        claims.clear_options()
        claims.add_options(Option(self._claim_label(c), id=str(c.id)) for c in self.view.claims)
        if highlighted_index is not None and self.view.claims:
            claims.highlighted = min(highlighted_index, len(self.view.claims) - 1)
        self.query_one("#claims-title", Label).update(f"Claims ({len(self.view.claims)})")

    def _fill_comments(self) -> None:
        assert self.view is not None
        tree = self.query_one(CommentTree)
        tree.clear()
        nodes: dict[int, TreeNode[CommentRecord]] = {}
        for comment in self.view.comments:
            parent = nodes.get(comment.parent_id or -1, tree.root)
            nodes[comment.id] = parent.add(self._comment_label(comment), data=comment, expand=True)
        for node in nodes.values():
            node.allow_expand = bool(node.children)
        tree.root.expand_all()
        self._comment_nodes = nodes
        self.query_one("#side").set_class(not self.view.comments, "no-comments")
        self.query_one("#comments-title", Label).update(f"Comments ({len(self.view.comments)})")

    def _comment_label(self, comment: CommentRecord) -> Text:
        label = self._mark_sign(comment)
        label.append(one_line(comment.author, 24), style="bold")
        label.append(f" · {day(comment.posted)} · " if comment.posted else " · ", style="dim")
        label.append(one_line(first_line(comment.body), 80))
        return label

    def _go_to_focus(self) -> None:
        if self.focus_on is None:
            self.query_one(ArticleBody).focus()
            if self.body_offset is not None:
                self._scroll_body_to(self.body_offset)
            return
        kind, record_id = self.focus_on
        if kind == "claim":
            claims = self.query_one(ClaimList)
            claims.highlighted = claims.get_option_index(str(record_id))
            claims.focus()
        elif kind == "comment":
            self._select_comment(record_id)
            self.query_one(CommentTree).focus()

    def _select_comment(self, comment_id: int) -> None:
        node = self._comment_nodes.get(comment_id)
        if node is not None:
            tree = self.query_one(CommentTree)
            tree.move_cursor(node)
            tree.scroll_to_node(node, animate=False)

    # -- following the cursor ----------------------------------------------------------------

    def claim(self, claim_id: int) -> ClaimRecord | None:
        if self.view is None:
            return None
        return next((c for c in self.view.claims if c.id == claim_id), None)

    @property
    def highlighted_claim(self) -> ClaimRecord | None:
        option = self.query_one(ClaimList).highlighted_option
        return self.claim(int(option.id)) if option is not None and option.id else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        claim = self.claim(int(event.option.id or 0))
        if claim is None:
            return
        self.current_claim_id = claim.id
        self._refresh_body()
        if claim.comment_id is None:
            self._scroll_body_to(claim.start)
        else:
            self._select_comment(claim.comment_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        claim = self.claim(int(event.option.id or 0))
        if claim is not None and claim.comment_id is None:
            self._scroll_body_to(claim.start)

    def _scroll_body_to(self, offset: int) -> None:
        self.query_one(ArticleBody).scroll_to_offset(offset)

    @property
    def highlighted_comment(self) -> CommentRecord | None:
        node = self.query_one(CommentTree).cursor_node
        return node.data if node is not None else None

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[CommentRecord]) -> None:
        self._show_comment(event.node.data)

    def _show_comment(self, comment: CommentRecord | None) -> None:
        if comment is None or self.view is None:
            return
        spans = [
            Span(
                c.start,
                c.end,
                CURRENT_CLAIM_STYLE if c.id == self.current_claim_id else CLAIM_STYLE,
            )
            for c in self.view.claims
            if c.comment_id == comment.id
        ]
        text = Text(one_line(comment.author), style="bold")
        parent = next((c for c in self.view.comments if c.id == comment.parent_id), None)
        if parent is not None:
            text.append(f" replying to {one_line(parent.author)}", style="dim")
        text.append("\n")
        spans.extend(
            Span(start, end, MATCH_STYLE)
            for start, end in self.matches.comments.get(comment.id, ())
        )
        text.append_text(highlighted(comment.body, spans))
        self.query_one("#comment-text", Static).update(text)

    # -- search matches (n / N) --------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="reader-match")
    def _match(self, query: str, step: int) -> None:
        """Find ``query``'s words in the body and comments, then move ``step`` matches."""
        view = self.view
        if view is None:
            return
        try:
            matcher = self.app.search.matcher(query)
        except Exception as error:  # a refused query or an unreadable store: one line
            self.post_message(self.Matched(SearchMatches(query), step=0))
            self.app.call_from_thread(self.app.say, str(error), error=True)
            return
        matches = SearchMatches(
            query,
            tuple(matcher.spans(view.article.body)),
            {c.id: tuple(matcher.spans(c.body)) for c in view.comments},
        )
        self.post_message(self.Matched(matches, step))

    def on_reader_screen_matched(self, message: Matched) -> None:
        self.matches = message.matches
        self.match_index = None
        if self.body_offset is not None:
            # Opened at a matched word: that one is the current match, n goes to the next.
            self.match_index = next(
                (i for i, (_start, end) in enumerate(self.matches.body) if end > self.body_offset),
                None,
            )
        elif (anchor := self._focused_claim()) is not None:
            # Opened on a claim (a search hit): a match inside it is the current one, else n
            # goes to the first match after it (not back to the article's first match).
            after = next(
                (i for i, (_start, end) in enumerate(self.matches.body) if end > anchor.start),
                len(self.matches.body),
            )
            inside = after < len(self.matches.body) and self.matches.body[after][0] < anchor.end
            self.match_index = after if inside else (after - 1 if after else None)
        if message.step:
            self._step_match(message.step)
        else:
            self._refresh_body()
        self._show_comment(self.highlighted_comment)

    def _focused_claim(self) -> ClaimRecord | None:
        """The claim in the body this reader was opened on, if it was (from a claim hit)."""
        if self.focus_on is None or self.focus_on[0] != "claim":
            return None
        claim = self.claim(self.focus_on[1])
        return claim if claim is not None and claim.comment_id is None else None

    def _request_step(self, step: int) -> None:
        query = self.app.last_query
        if not query.strip():
            self.app.say(
                "No search yet: press / to search; then n and N step through its matches here"
            )
            return
        if self.view is None:
            return
        if query != self.matches.query:
            self._match(query, step)
            return
        self._step_match(step)

    def _step_match(self, step: int) -> None:
        body = self.matches.body
        query = one_line(self.matches.query, 40)
        if not body:
            # The query is the user's text: "[/]" in it is not markup.
            self.app.say(f"No match for {query!r} in this article's text")
            return
        if self.match_index is None:
            self.match_index = 0 if step > 0 else len(body) - 1
        else:
            self.match_index = (self.match_index + step) % len(body)
        self._refresh_body()
        self._scroll_body_to(body[self.match_index][0])
        self.app.say(f"Match {self.match_index + 1} of {len(body)} for {query!r}")

    def action_next_match(self) -> None:
        self._request_step(1)

    def action_previous_match(self) -> None:
        self._request_step(-1)

    # -- actions -----------------------------------------------------------------------------

    def current_item(self) -> AnyRecord | None:
        """What ``space``, ``e``, ``y`` and ``o`` act on: the focused pane's item (None when
        that pane has no cursor yet: marking the article instead would surprise), else the
        article."""
        focused = self.focused
        if isinstance(focused, ClaimList):
            return self.highlighted_claim
        if isinstance(focused, CommentTree):
            return self.highlighted_comment
        return self.view.article if self.view else None

    def action_judge(self) -> None:
        claim = self.highlighted_claim
        if claim is None:
            self.app.say(
                "This article has no claims"
                if self.view and not self.view.claims
                else "No claim is highlighted (the claims pane is on the right, key c)"
            )
            return
        self.app.judge_claim(claim)

    def action_parent(self) -> None:
        comment = self.highlighted_comment
        if comment is None or comment.parent_id is None:
            self.app.say("This comment is not a reply")
            return
        self._select_comment(comment.parent_id)
        self.query_one(CommentTree).focus()

    def action_toggle_mark(self) -> None:
        record = self.current_item()
        if record is not None:
            self.app.toggle_mark(record)  # the marks_changed signal redraws the signs

    def action_focus_claims(self) -> None:
        claims = self.query_one(ClaimList)
        if claims.highlighted is None and claims.option_count:
            claims.highlighted = 0  # so v judges it at once
        if self.has_class("wide"):
            self.action_toggle_wide()
        claims.focus()

    def action_toggle_wide(self) -> None:
        """``z``: the body alone, at the full width (the claims and thread panes hidden), or
        back. Going to a pane (``c``, ``t``) brings them back."""
        self.toggle_class("wide")
        if self.has_class("wide") and not isinstance(self.focused, ArticleBody):
            self.query_one(ArticleBody).focus()

    def action_focus_thread(self) -> None:
        if self.has_class("wide"):
            self.action_toggle_wide()
        tree = self.query_one(CommentTree)
        if tree.cursor_node is None and self._comment_nodes:
            tree.move_cursor(next(iter(self._comment_nodes.values())))
        tree.focus()

    def action_focus_body(self) -> None:
        self.query_one(ArticleBody).focus()

    # -- editing by hand: reloading and visual mode (tui/app/editing.py, tui/app/visual.py) ---

    def reload(self, focus_claim: int | None = None) -> None:
        """Read the article again in place (its claims or facts were changed by hand),
        keeping the body where it is; ``focus_claim``: highlight that claim then."""
        self._reloading = True
        self._focus_after_reload = focus_claim
        self._load(self.article_id)

    def _show_reloaded(self) -> None:
        assert self.view is not None
        self.query_one("#article-head", Static).update(self._article_head(self.view.article))
        self._fill_claims()
        self._refresh_body()
        self._show_status()
        focus, self._focus_after_reload = self._focus_after_reload, None
        if focus is not None:
            claims = self.query_one(ClaimList)
            index = claims.get_option_index(str(focus)) if self.claim(focus) else None
            if index is not None:
                claims.highlighted = index
                claims.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("visual_"):
            return self.selection is not None
        return True

    def _set_selection(self, selection: Selection | None) -> None:
        self.selection = selection
        self._refresh_body()
        self._show_status()
        self.refresh_bindings()

    def action_visual(self) -> None:
        """``V``: start selecting (the sentence at the top of the view, or the text dragged
        over with the mouse), or, while selecting, take in one more sentence."""
        if self.view is None:
            return
        if self.selection is not None:
            self.action_visual_sentence(1)
            return
        body = self.query_one(ArticleBody)
        text = self.view.article.body
        top = body.offset_at_top()
        span = None
        dragged = self.get_selected_text()
        if dragged and dragged.strip():
            from store.editing import find_text

            span = find_text(text, dragged, near=top)
            self.clear_selection()
        if not text.strip():
            self.app.say("This article has no text to select")
            return
        body.focus()
        self._set_selection(Selection(text, top, span))

    def _changed_selection(self) -> None:
        assert self.selection is not None
        self._refresh_body()
        self._show_status()

    def action_visual_sentence(self, step: int) -> None:
        if self.selection is not None:
            self.selection.sentence_end(step)
            self._changed_selection()

    def action_visual_word(self, step: int) -> None:
        if self.selection is not None:
            self.selection.end_word(step)
            self._changed_selection()

    def action_visual_start(self, step: int) -> None:
        if self.selection is not None:
            self.selection.start_word(step)
            self._changed_selection()

    def action_visual_move(self, step: int) -> None:
        if self.selection is not None:
            self.selection.move(step)
            self._changed_selection()
            self._scroll_body_to(self.selection.start)

    def action_visual_claim(self) -> None:
        """``enter`` while selecting: the claim dialog on the selection."""
        chosen = self.selection
        if chosen is None:
            return
        self._set_selection(None)
        self.app.editor.add_claim(self.article_id, chosen.start, chosen.end)

    def action_visual_cancel(self) -> None:
        self._set_selection(None)

    def show_judged(self, claim: ClaimRecord) -> None:
        """A claim was judged (here or elsewhere): show its new status and note."""
        if self.view is None or self.claim(claim.id) is None:
            return
        claims = tuple(claim if c.id == claim.id else c for c in self.view.claims)
        self.view = replace(self.view, claims=claims)
        self._fill_claims()

    # -- following the store (issue 14: another process's edits and re-extraction) ----------

    class Reread(Message):
        """The article read again after the store changed (None: gone or unreadable)."""

        def __init__(self, view: ArticleView | None) -> None:
            super().__init__()
            self.view = view

    def _follow_store(self, _news: None = None) -> None:
        if self.view is not None:
            self._reread(self.article_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reader-reread")
    def _reread(self, article_id: int) -> None:
        store = self.app.store
        try:
            article = store.get_article(article_id)
            view = (
                None
                if article is None
                else ArticleView(
                    article,
                    tuple(store.list_claims(article_id=article_id)),
                    tuple(store.list_comments(article_id=article_id)),
                )
            )
        except Exception:  # the next change tries again; the article on screen stays
            return
        self.post_message(self.Reread(view))

    def on_reader_screen_reread(self, message: Reread) -> None:
        """Show what changed, and only that: the claims (their highlight kept by index), the
        thread (its cursor kept on its comment), the head and body; the scroll stays."""
        old, new = self.view, message.view
        if old is None or new is None or new == old:
            return
        self.view = new
        if new.claims != old.claims:
            self._fill_claims()
            self._refresh_body()
        if new.comments != old.comments:
            current = self.highlighted_comment
            self._fill_comments()
            if current is not None:
                self._select_comment(current.id)
        if new.article != old.article:
            self.sub_title = one_line(new.article.title, 80)
            if new.article.body != old.article.body:
                self._fill_body()
            else:
                self.query_one("#article-head", Static).update(self._article_head(new.article))
        self._show_status()
