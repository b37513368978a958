"""The article dialog: its URL, outlet, author and published date (``E`` on an article).

A page saved without its address gets one here, so its citations and exports carry it. The
date is ``YYYY-MM-DD`` (a full ISO time is taken too; empty clears it); a date that cannot be
read is said in the dialog, which stays open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store.records import ArticleRecord
from store.safe_text import printable


@dataclass(frozen=True, slots=True)
class ArticleEdit:
    """What the user saved ("" clears a field; ``published`` None with ``clear`` clears it)."""

    url: str
    site: str
    author: str
    published: datetime | None


def read_date(text: str) -> datetime | None:
    """``YYYY-MM-DD`` or an ISO time as a UTC moment; ValueError when it is neither."""
    text = text.strip()
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class ArticleEditModal(ModalScreen[ArticleEdit | None]):
    """Edit an article's facts; dismisses with an :class:`ArticleEdit`, or None."""

    DEFAULT_CSS = """
    ArticleEditModal { align: center middle; }
    #edit-article { width: 90%; max-width: 100; height: auto; max-height: 100%;
                    border: thick $accent; background: $surface; padding: 0 1; }
    #edit-article-title { margin-bottom: 1; max-height: 3; }
    #edit-article .edit-row { height: 1; margin-bottom: 1; }
    #edit-article .edit-row Label { width: 11; color: $text-muted; }
    #edit-article .edit-row Input { height: 1; border: none; padding: 0; width: 1fr;
                                    background: $boost; }
    #edit-article .edit-row Input:focus { background: $panel-lighten-2; border: none; }
    #edit-article-problem { color: $error; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="edit_article.cancel"),
        Binding("ctrl+s", "save", "Save", id="edit_article.save"),
    ]

    def __init__(self, article: ArticleRecord) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        article = self.article
        published = article.published.date().isoformat() if article.published else ""
        with Vertical(id="edit-article"):
            yield Label("Edit the article", classes="dialog-title")
            yield Static(Text(printable(article.title), style="bold"), id="edit-article-title")
            for label, name, value, hint in (
                ("URL", "url", article.url or "", "https://…"),
                ("Outlet", "site", article.site or "", "the site or paper"),
                ("Author", "author", article.author or "", "who wrote it"),
                ("Published", "published", published, "YYYY-MM-DD"),
            ):
                with Horizontal(classes="edit-row"):
                    yield Label(label)
                    yield Input(value, placeholder=hint, id=f"edit-article-{name}")
            yield Static("", id="edit-article-problem")
            yield Static(
                "tab next field · enter or ctrl+s save · escape cancel", classes="dialog-help"
            )

    def on_mount(self) -> None:
        self.query_one("#edit-article-url", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def _value(self, name: str) -> str:
        return self.query_one(f"#edit-article-{name}", Input).value.strip()

    def action_save(self) -> None:
        try:
            published = read_date(self._value("published"))
        except ValueError:
            self.query_one("#edit-article-problem", Static).update(
                Text(f"not a date: {self._value('published')!r} (write it YYYY-MM-DD)")
            )
            self.query_one("#edit-article-published", Input).focus()
            return
        url = self._value("url")
        if url and not url.lower().startswith(("http://", "https://")):
            self.query_one("#edit-article-problem", Static).update(
                Text("the URL must start with https:// or http://")
            )
            self.query_one("#edit-article-url", Input).focus()
            return
        self.dismiss(ArticleEdit(url, self._value("site"), self._value("author"), published))

    def action_cancel(self) -> None:
        self.dismiss(None)
