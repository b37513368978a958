"""The Textual app: the shell (:mod:`tui.app.app`), its screens, dialogs and widgets.

Everything under this package may import Textual; nothing outside it does (the command line
loads it only to open the app). ``from tui.app import ClaimdeskApp`` is the one name the rest
of the code needs.
"""

from tui.app.app import ClaimdeskApp

__all__ = ["ClaimdeskApp"]
