"""Users' own keys: ``keys.toml`` in the config dir maps binding ids to keys.

Every binding in claimdesk carries an ``id`` (``list.down``, ``browser.mark``, ``app.help`` …;
the help screen shows them). A file such as::

    [keys]
    "list.down" = "j,down,ctrl+n"
    "browser.mark" = "x"

replaces those keys through Textual's :meth:`App.set_keymap`. A broken file never stops the
app: it is reported in one line and the default keys stay.

:func:`check_keymap` then says, one message per problem, what Textual would do silently: an
id that names no binding (``list.dwn``: ignored; the nearest ids are suggested), and a key
given to two actions of the same place (a list, the reader, a dialog), where Textual lets the
remapped one take it from the other.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class LoadedKeymap:
    """Binding id -> keys, plus a problem to show the user (or None)."""

    keys: dict[str, str] = field(default_factory=dict)
    problem: str | None = None

    @property
    def problems(self) -> list[str]:
        return [self.problem] if self.problem else []


def load_keymap(path: Path) -> LoadedKeymap:
    """Read ``path``; a missing file is an empty keymap, a broken one a one-line problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return LoadedKeymap()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return LoadedKeymap(problem=f"{path}: not read ({error}); using the default keys")
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return LoadedKeymap(problem=f'{path}: [keys] must be a table of id = "keys"')
    keys = {str(k): v for k, v in table.items() if isinstance(v, str) and v.strip()}
    skipped = sorted(str(k) for k in table if str(k) not in keys)
    problem = (
        f"{path}: ignored {', '.join(skipped)} (each value must be a string of keys)"
        if skipped
        else None
    )
    return LoadedKeymap(keys, problem)


def _keys(text: str) -> list[str]:
    return [key.strip() for key in text.split(",") if key.strip()]


def check_keymap(
    path: Path,
    keys: Mapping[str, str],
    places: Mapping[str, Sequence[object]],
    also_known: Iterable[str] = (),
) -> list[str]:
    """One line per problem in the user's ``keys``: unknown ids, and keys that two actions
    of one place (``places``: a name → its bindings, as one widget or screen declares them)
    would share once the keymap is applied. ``also_known``: ids of places not imported at
    start (the export dialog)."""
    known = {
        b.id for bindings in places.values() for b in bindings if isinstance(b, Binding) and b.id
    } | set(also_known)
    problems = []
    for binding_id in keys:
        if binding_id not in known:
            near = difflib.get_close_matches(binding_id, sorted(known), n=2, cutoff=0.6)
            hint = f" (did you mean {' or '.join(near)}?)" if near else ""
            problems.append(f"{path}: no key has the id {binding_id!r}: ignored{hint}")
    for place, bindings in places.items():
        owners: dict[str, list[str]] = {}
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            mine = keys.get(binding.id)
            for key in _keys(mine if mine is not None else binding.key):
                if binding.id not in owners.setdefault(key, []):
                    owners[key].append(binding.id)
        for key, ids in owners.items():
            if len(ids) > 1 and any(i in keys for i in ids):
                problems.append(
                    f"{path}: {key!r} is given to {' and '.join(ids)} ({place}); "
                    "one key does one thing: change one of them"
                )
    return problems
