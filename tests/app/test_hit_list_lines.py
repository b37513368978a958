"""A hit's headline fills its cells exactly, in any script (tui.app.widgets.hit_list)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from store.safe_text import one_line, printable
from tui.app.widgets.hit_list import _fitted, _fitted_segments

TEXTS = [
    "short",
    "x" * 200,
    "Щуюаи жбтбчзи " * 20,
    "日本語のテキスト" * 20,
    "e\u0301" * 150,
    "a\u200db" * 60,
    "tab\tand\nnewline " * 10,
    "",
    "شصنق tomaros " * 15,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("cells", [10, 50, 97])
def test_a_headline_takes_exactly_its_cells(text: str, cells: int) -> None:
    fitted = _fitted(text, cells)
    assert cell_len(fitted) == cells
    assert "\n" not in fitted and "\t" not in fitted


def test_a_long_headline_ends_in_an_ellipsis_and_a_short_one_is_padded() -> None:
    assert _fitted("Щуюаи " * 40, 20) == ("Щуюаи " * 4)[:19] + "…"
    assert _fitted("日本語のテキスト" * 5, 9) == "日本語の…"
    assert _fitted("Oryx", 8) == "Oryx    "


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("cells", [0, 7, 50, 300])
def test_a_line_of_pieces_takes_exactly_its_cells(text: str, cells: int) -> None:
    match, pad = Style(bold=True), Style(italic=True)
    pieces = [
        Segment("  body: ", None),
        Segment(printable(one_line(text)), match),
        Segment(" tail", None),
    ]
    fitted = _fitted_segments(pieces, cells, pad)
    assert sum(cell_len(piece.text) for piece in fitted) == cells
    assert "".join(piece.text for piece in fitted).startswith("  body: "[:cells])
    total = sum(cell_len(piece.text) for piece in pieces)
    if total <= cells:  # every piece whole, then padding in the pad style
        assert fitted == pieces + [Segment(" " * (cells - total), pad)] * (total < cells)
    else:  # cut: the pieces keep their styles, and nothing is padded but a split wide char
        assert all(piece.style in (None, match) for piece in fitted)
