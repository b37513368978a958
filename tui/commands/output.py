"""How ``list``, ``search`` and ``stats`` print rows: a table for a person, TSV or JSON for scripts.

The conventions (the README's "In scripts" section says the same to users):

- ``--format table|tsv|json|jsonl``; without it, a table when standard output is a terminal
  and TSV when it is not, so ``claimdesk list claims | cut -f5`` gets whole fields.
- The table fits the terminal's width: the text column gets what the others leave, the others
  shrink to a minimum when the terminal is narrow, and every cut cell ends in "…". Text is
  made printable first (:func:`store.safe_text.one_line`), so no document can drive the
  terminal. A table written somewhere else (``--format table > file``) is cut only to
  ``$COLUMNS`` if that is set, else not at all.
- TSV: one header line of field names (the JSON keys), then one line per record; fields are
  separated by one tab and are never quoted. Inside a field a backslash is written ``\\\\``,
  a tab ``\\t``, a line feed ``\\n``, a carriage return ``\\r``, and any other control character
  (C0, DEL, C1) ``\\xNN``; :func:`tsv_unescape` reverses it exactly, and so does PostgreSQL's
  ``COPY … FROM`` in its text format (the same escapes). A record is always one line, so ``cut``,
  ``awk -F'\\t'``, ``sort -t$'\\t'`` and ``fzf --delimiter='\\t'`` see the fields as they are.
  The stdlib :mod:`csv` module is not used because it cannot write this: with
  ``QUOTE_NONE`` and an ``escapechar`` it writes a backslash followed by a *real* line feed (a
  record spread over two lines), and the excel-tab dialect's quoting (``"a<TAB>b"``) is
  something none of those tools read.
- JSON: one array of objects (``json``) or one object per line (``jsonl``), as ``--json`` has
  always printed them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TextIO, cast

from store.safe_text import json_safe, one_line
from tui.commands.progress_bar import is_terminal

OutputFormat = Literal["table", "tsv", "json", "jsonl"]
FORMATS: tuple[OutputFormat, ...] = ("table", "tsv", "json", "jsonl")
GAP = "  "
"""What separates two table columns."""
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Field:
    """One column: its TSV name (the JSON key), its table heading, how to read it from a row.

    ``value`` gives the whole field for TSV; ``shown`` (default ``value``) what the table
    shows, e.g. a date without its time. In a table the column is at most ``width`` cells wide
    (``None``: the text column, which takes the room the others leave) and, when the terminal
    is narrow, at least ``min_width``. ``in_table=False`` keeps a field to TSV.
    """

    name: str
    heading: str
    value: Callable[[Any], str]
    width: int | None
    min_width: int = 4
    shown: Callable[[Any], str] | None = None
    in_table: bool = True


def chosen_format(requested: str | None, out: TextIO) -> OutputFormat:
    """``--format`` if given, else a table on a terminal and TSV anywhere else."""
    if requested is not None:
        return cast(OutputFormat, requested)
    return "table" if is_terminal(out) else "tsv"


def write_records(
    fmt: OutputFormat,
    fields: Sequence[Field],
    rows: Sequence[Any],
    out: TextIO,
    as_json: Callable[[Any], Mapping[str, Any]],
) -> None:
    """``rows`` in ``fmt``; ``as_json`` gives a row's object for the JSON formats."""
    if fmt == "json":
        write_json([as_json(row) for row in rows], out)
    elif fmt == "jsonl":
        for row in rows:
            out.write(json_safe(json.dumps(as_json(row), ensure_ascii=False)) + "\n")
    elif fmt == "tsv":
        write_tsv([f.name for f in fields], ([f.value(row) for f in fields] for row in rows), out)
    else:
        write_table([f for f in fields if f.in_table], rows, out)


def write_json(data: object, out: TextIO) -> None:
    """Indented JSON; controls and invisible characters escaped (:func:`json_safe`)."""
    out.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


# -- TSV --------------------------------------------------------------------------------------

_TSV_SPECIAL = re.compile(r"[\\\x00-\x1f\x7f-\x9f]")
_TSV_NAMED = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_ESCAPE = re.compile(r"\\(x[0-9a-f]{2}|.)", re.DOTALL)
_TSV_UNNAMED = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def tsv_escape(text: str) -> str:
    """One field as it goes between tabs (see the module docstring)."""
    return _TSV_SPECIAL.sub(lambda m: _TSV_NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def tsv_unescape(field: str) -> str:
    """The text :func:`tsv_escape` wrote ``field`` from."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16)) if len(code) == 3 else _TSV_UNNAMED.get(code, code)

    return _TSV_ESCAPE.sub(one, field)


def write_tsv(header: Sequence[str], rows: Iterable[Sequence[str]], out: TextIO) -> None:
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(map(tsv_escape, row)) + "\n")


# -- the table --------------------------------------------------------------------------------


def write_table(fields: Sequence[Field], rows: Sequence[Any], out: TextIO) -> None:
    """Rows as aligned columns, one line each, fitted to the terminal (see the module)."""
    from rich.cells import cell_len  # ≈10 ms: only a table drawn for a person pays it

    cells = [[one_line((f.shown or f.value)(row)) for f in fields] for row in rows]
    natural = [
        max([cell_len(f.heading), *(cell_len(line[i]) for line in cells)])
        for i, f in enumerate(fields)
    ]
    widths = fitted_widths(fields, natural, table_width(out))
    print(_line([f.heading for f in fields], widths), file=out)
    for line in cells:
        print(_line(line, widths), file=out)


def fitted_widths(fields: Sequence[Field], natural: Sequence[int], room: int | None) -> list[int]:
    """Each column's width in cells: as wide as its content up to its ``width``; when that
    overflows ``room``, the text column (``width=None``) keeps at least its ``min_width`` and
    the widest other columns give up cells first, down to their own ``min_width``."""
    widths = [
        n if f.width is None else min(n, f.width) for f, n in zip(fields, natural, strict=True)
    ]
    if room is None:
        return widths
    room -= len(GAP) * (len(fields) - 1)
    flexible = [i for i, f in enumerate(fields) if f.width is None]
    for i in flexible:
        widths[i] = min(widths[i], fields[i].min_width)  # what it needs at the least
    while sum(widths) > room:
        shrinkable = [
            i for i in range(len(fields)) if i not in flexible and widths[i] > fields[i].min_width
        ]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    spare = max(room - sum(widths), 0)
    for i in flexible:
        grown = min(natural[i], widths[i] + spare)
        spare -= grown - widths[i]
        widths[i] = grown
    return widths


def table_width(out: TextIO) -> int | None:
    """The cells a line may take: ``$COLUMNS`` if set, else the terminal's width, else none."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not is_terminal(out):
        return None
    try:
        return os.get_terminal_size(out.fileno()).columns or None
    except (OSError, ValueError):
        return None


def fit_cell(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis if it is longer, padded if shorter."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        text = set_cell_size(text, max(width - 1, 0)) + ELLIPSIS if width else ""
    return set_cell_size(text, width)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return GAP.join(fit_cell(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()
