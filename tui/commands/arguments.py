"""Argument types shared by the command line's parsers (``tui/cli.py`` and its sub-parsers)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

EXPORT_SEARCH_LIMIT = 500
"""How many search hits ``claimdesk export QUERY`` exports unless ``--limit`` says otherwise
(here, not in :mod:`tui.commands.exporting`, so that building the parser imports no exporter)."""


def whole_number(least: int, not_one: str, too_small: str) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number of at least ``least``; each message names the
    value given ("not an id (a whole number): 'x'", "offsets start at 0: '-1'")."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{not_one}: {value!r}") from None
        if number < least:
            raise argparse.ArgumentTypeError(f"{too_small}: {value!r}")
        return number

    return parse
