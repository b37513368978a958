"""The command palette (ctrl+p) offers every action of the screen it was opened from.

Built from the screen's active bindings, so whatever a key does, the palette can do too, with
the key shown beside it for next time (posting's habit of contextual commands).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

Entry = tuple[str, str, Callable[[], object]]


class BindingsProvider(Provider):
    """Commands for the current screen's key bindings (help text: the keys)."""

    def _entries(self) -> Iterator[Entry]:
        seen: dict[str, list[str]] = {}
        actions: dict[str, Entry] = {}
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            name = binding.description
            seen.setdefault(name, []).append(self.app.get_key_display(binding.with_key(key)))
            run: Callable[[], object] = partial(self.app.run_action, binding.action, active.node)
            actions.setdefault(name, (name, "", run))
        for name, (_, _, run) in actions.items():
            yield name, "keys: " + " ".join(seen[name]), run

    async def discover(self) -> Hits:
        for name, keys, run in sorted(self._entries()):
            yield DiscoveryHit(name, run, help=keys)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, keys, run in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, text=name, help=keys)
