"""Making untrusted document text safe to put on a terminal.

Article, comment and author text comes from the web. Control characters (ESC, BEL, the C1 range)
would let a page retitle the terminal, clear it or worse, so they are shown as visible symbols
instead: a reader sees that something was there, and the terminal never acts on it. The same
pictures appear in the app, the command line and exported briefs, so this lives in the store.
Rich markup is a separate concern: widgets get :class:`rich.text.Text`, never markup strings.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline made visible."""
    return _CONTROL.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str, width: int | None = None) -> str:
    """``text`` on one line (breaks folded to spaces), cut to ``width`` with an ellipsis."""
    line = printable(_LINE_BREAKS.sub(" ", text.replace("\t", " ")).strip())
    if width is not None and len(line) > width:
        return line[: max(width - 1, 0)] + "…"
    return line
