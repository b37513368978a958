"""What each ``claimdesk`` sub-command does, one module per command family.

Printing lives here; logic lives in :mod:`store`. :mod:`tui.cli` parses the arguments and calls
these functions.
"""

from tui.commands.copying import copy_command
from tui.commands.exporting import EXPORT_SEARCH_LIMIT, export_command
from tui.commands.importing import import_command
from tui.commands.listing import list_command, paths_command, stats_command
from tui.commands.opening import open_app
from tui.commands.reextracting import reextract_command
from tui.commands.searching import search_command

__all__ = [
    "EXPORT_SEARCH_LIMIT",
    "copy_command",
    "export_command",
    "import_command",
    "list_command",
    "open_app",
    "paths_command",
    "reextract_command",
    "search_command",
    "stats_command",
]
