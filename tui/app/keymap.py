"""Users' own keys: ``keys.toml`` in the config dir maps binding ids to keys.

Every binding in claimdesk carries an ``id`` (``list.down``, ``browser.mark``, ``app.help`` …;
the help screen shows them). A file such as::

    [keys]
    "list.down" = "j,down,ctrl+n"
    "browser.mark" = "x"

replaces those keys through Textual's :meth:`App.set_keymap`. A broken file never stops the
app: it is reported in one line and the default keys stay.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LoadedKeymap:
    """Binding id -> keys, plus a problem to show the user (or None)."""

    keys: dict[str, str] = field(default_factory=dict)
    problem: str | None = None


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
