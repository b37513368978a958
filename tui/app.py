"""The Textual app. (A first screen; the browser issue replaces it with the real views.)"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from store.importer import import_paths
from store.store import Store


class ClaimdeskApp(App[None]):
    """claimdesk's terminal interface over one :class:`Store`."""

    TITLE = "claimdesk"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store: Store, first_run_samples: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.first_run_samples = first_run_samples

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.load_summary()

    @work(thread=True, exclusive=True, group="store")
    def load_summary(self) -> None:
        """Count the store (importing the samples into an empty default store first)."""
        store = self.store
        if self.first_run_samples is not None and store.is_empty():
            report = import_paths(store, [self.first_run_samples])
            self.call_from_thread(
                self.notify, f"First run: imported {report.added} sample documents "
                f"from {self.first_run_samples}"
            )
        counts = store.counts()
        text = (f"{counts['article']} articles, {counts['claim']} claims, "
                f"{counts['comment']} comments")
        self.call_from_thread(self.query_one("#summary", Static).update, text)
