"""Making untrusted document text safe to put on a terminal.

Article, comment and author text comes from the web. Control characters (ESC, BEL, the C1 range)
would let a page retitle the terminal, clear it or worse, so they are shown as visible symbols
instead: a reader sees that something was there, and the terminal never acts on it. The same
pictures appear in the app, the command line and exported briefs, so this lives in the store.
Rich markup is a separate concern: widgets get :class:`rich.text.Text`, never markup strings.

Invisible characters that change what a reader *sees* are shown too, as ``<U+202E>``: the bidi
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which reorder a line so that
"exe.txt" reads "txt.exe") and the zero-width space, word joiner and BOM (U+200B, U+2060–U+2064,
U+FEFF, which hide that two names differ). Left as they are: the zero-width joiner and
non-joiner (U+200C, U+200D: Persian and Indic text and emoji sequences need them) and the
directional marks LRM/RLM/ALM, which right-to-left text uses and which reorder nothing.
A lone surrogate (a file name that was not UTF-8, see :mod:`store.file_names`) shows as the
byte it stands for, ``\xff``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\ud800-\udfff]"
)
INVISIBLE = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff]")
"""What JSON may carry but should carry escaped (``\\u202e``): see :func:`json_safe`."""
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline made visible."""
    return _CONTROL.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str, width: int | None = None) -> str:
    """``text`` on one line (breaks folded to spaces), cut to ``width`` with an ellipsis."""
    line = printable(_LINE_BREAKS.sub(" ", text.replace("\t", " ")).strip())
    if width is not None and len(line) > width:
        return line[: max(width - 1, 0)] + "…"
    return line


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with C1 controls, bidi
    overrides and zero-width characters written as ``\\u`` escapes.

    The data is unchanged (a reader decodes them back); the file is safe to ``cat`` to a
    terminal and shows what is hidden in it. Outside strings JSON has only ASCII, so every
    match is inside a string, where an escape is always valid.
    """
    return INVISIBLE.sub(_json_escape, encoded)


_SCRIPT_ENDERS = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_safe(encoded: str) -> str:
    """JSON text that can be pasted inside an HTML ``<script>`` element (JSON-LD).

    ``</script>`` or ``<!--`` in a claim would end or derail the element it is pasted into, so
    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026``, as Go's and
    Django's JSON-for-HTML do; the JSON decodes to the same text. Also :func:`json_safe`.
    """
    return json_safe(encoded).translate(_SCRIPT_ENDERS)
