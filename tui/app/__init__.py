"""The Textual app: the shell (:mod:`tui.app.app`), its screens, dialogs and widgets.

Everything that imports Textual lives in this package; the command line loads it only to open
the app. ``from tui.app import ClaimdeskApp`` is the one name the rest of the code needs. It is
resolved on first use, not when the package is imported, so that importing a light module of
the app (``tui.app.store_loader``) does not start Textual before ``TEXTUAL_FPS`` is set (see
:mod:`tui.perf.textual_settings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app.app import ClaimdeskApp

__all__ = ["ClaimdeskApp"]


def __getattr__(name: str) -> object:
    if name == "ClaimdeskApp":
        from tui.app.app import ClaimdeskApp

        return ClaimdeskApp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
