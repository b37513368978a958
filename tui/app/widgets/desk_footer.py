"""The footer: the keys that matter most, as many as the terminal's width holds.

Textual's ``Footer`` shows every binding marked ``show`` in the order the widgets declare
them, and cuts the line where the terminal ends: at 80 columns it ended at "q Qui", at 120 at
"v Judge c", and ``y``/``o``/``a`` never showed. This footer ranks the keys (:data:`RANKS`,
by binding id, so a key the user remapped shows its new key) and keeps, best first, those
that fit the width whole; keys not marked ``show`` but ranked (copy, open URL, article) join
when there is room. The command palette's ``^p`` is left to the help screen.

At 80 columns the browser shows ``? Help  q Quit  / Search  ⏎ Open  space Mark  e Export
v Judge  s Sort``; at 120 ``y Copy``, ``o Browser``, ``a Article`` and the view keys join.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

RANKS: dict[str, int] = {
    "app.help": 0,
    "browser.quit": 1,
    "reader.back": 1,
    "search.close": 1,
    "app.search": 2,
    "list.open": 3,
    "hits.open": 3,
    "search.open": 3,
    "browser.mark": 4,
    "reader.mark": 4,
    "search.mark": 4,
    "reader.comments.mark": 4,
    "search.switch_focus": 4,
    "app.export": 5,
    "app.judge": 6,
    "reader.judge": 6,
    "reader.wide": 7,
    "reader.next_match": 8,
    "list.sort": 8,
    "reader.parent": 9,
    "app.copy": 10,
    "app.open_url": 11,
    "browser.article": 12,
    "browser.articles": 13,
    "browser.claims": 13,
    "browser.comments": 13,
    "browser.filter": 14,
    "app.refresh_feeds": 15,
    "app.import": 16,
}
"""Lower first. A binding marked ``show`` but not ranked comes after these."""
UNRANKED = 50
SHORT: dict[str, str] = {
    "app.judge": "Judge",
    "reader.judge": "Judge",
    "reader.parent": "Parent",
    "app.open_url": "Browser",
    "reader.next_match": "Next match",
    "app.refresh_feeds": "Refresh",
}
"""Shorter words for the footer (the help screen keeps the full description)."""
GROUPS: dict[str, str] = {
    "browser.articles": "Views",
    "browser.claims": "Views",
    "browser.comments": "Views",
}
"""Bindings shown as one entry, their keys then one word: "1 2 3 Views"."""


class DeskFooter(Footer):
    """A compact footer that keeps the most important keys that fit (see the module)."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._drawn: tuple[tuple[str, str, str, bool, str], ...] | None = None
        """What the last :meth:`compose` drew (see :func:`_keys_of`); None before it."""

    def _entries(self) -> list[tuple[int, str, list[tuple[Binding, bool, str]], str]]:
        """(rank, label, bindings, id) of every key the footer may show, best first."""
        entries: dict[str, tuple[int, str, list[tuple[Binding, bool, str]], str]] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            name = binding.id or binding.action
            rank = RANKS.get(name, UNRANKED if binding.show else -1)
            if rank < 0:
                continue
            group = GROUPS.get(name)
            key = group or name
            if key in entries:
                if group is not None:
                    entries[key][2].append((binding, enabled, tooltip))
                continue
            label = group or SHORT.get(name, binding.description)
            entries[key] = (rank, label, [(binding, enabled, tooltip)], key)
        return sorted(entries.values(), key=lambda entry: entry[0])

    def _fitting(self) -> list[tuple[int, str, list[tuple[Binding, bool, str]], str]]:
        room = self.size.width or self.app.size.width
        chosen = []
        for entry in self._entries():
            _rank, label, bindings, _key = entry
            keys = sum(cell_len(self.app.get_key_display(b)) + 1 for b, _e, _t in bindings)
            width = keys + cell_len(label) + 1
            if width <= room:
                chosen.append(entry)
                room -= width
        return chosen

    def _changed(self) -> bool:
        """Whether the keys that fit now differ from the ones drawn."""
        return self._drawn is None or _keys_of(self._fitting()) != self._drawn

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Recompose only when the keys to show changed.

        Textual's footer recomposes on every change of the screen's bindings: each focus move,
        each screen push, often with the same keys as before. Each recompose mounts a dozen
        key widgets and restyles them (≈3 ms; 8 of them in the app's first frame).
        """
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._changed():
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        chosen = self._fitting()
        self._drawn = _keys_of(chosen)
        for _rank, label, bindings, key in chosen:
            if key in GROUPS.values():
                for binding, enabled, tooltip in bindings:
                    yield FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        "",
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip or binding.description,
                    ).data_bind(compact=Footer.compact)
                yield FooterLabel(f"{label} ")  # apart from the next key, as keys are
                continue
            binding, enabled, tooltip = bindings[0]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                label,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.description,
            ).data_bind(compact=Footer.compact)

    def on_resize(self, _event: events.Resize) -> None:
        if self._bindings_ready and self._changed():
            self.call_after_refresh(self.recompose)


def _keys_of(
    chosen: list[tuple[int, str, list[tuple[Binding, bool, str]], str]],
) -> tuple[tuple[str, str, str, bool, str], ...]:
    """What the footer draws for ``chosen``: (key, label, action, enabled, tooltip) each."""
    return tuple(
        (binding.key, label, binding.action, enabled, tooltip)
        for _rank, label, bindings, _key in chosen
        for binding, enabled, tooltip in bindings
    )
