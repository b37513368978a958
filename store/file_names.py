"""File names as the store keeps them: text that always encodes, without losing a byte.

On Linux a file name is bytes; Python hands names that are not UTF-8 over with lone surrogates
("surrogateescape"), which no database, JSON file or terminal can take. Such a name is kept as
its ``file://`` URI instead, whose percent escapes (``%FF``) give back the exact bytes
(``urllib.parse.unquote_to_bytes``); every other name is kept as it is. Showing a name on a
terminal is :func:`store.safe_text.printable`'s job (it shows a stray byte as ``\\xff``).
"""

from __future__ import annotations

from pathlib import Path


def stored_name(path: Path) -> str:
    """``str(path)``, or its ``file://`` URI when the name is not valid UTF-8."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return path.absolute().as_uri()
    return text
