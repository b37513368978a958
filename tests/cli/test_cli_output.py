"""`claimdesk list/search/stats` in a pipe and on a terminal: TSV, JSON, JSON Lines, the table.

Output to a pipe is the entry point's own ``main`` writing to in-memory files, which are no
terminal either (tests/cli/running.py), then read by `cut` and `sort` where the point is that
they work; the terminal is a real pseudo-terminal of a given
width, so the table is drawn exactly as a person at that width would see it.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from store.records import ClaimDraft, CommentDraft, DocumentDraft
from store.store import Store
from tests.cli.running import Completed, claimdesk
from tests.conftest import ROOT
from tests.search_sample import TANKS_CLAIM, TITLE, other_draft, sample_draft
from tui.commands.output import GAP, Field, fit_cell, fitted_widths, tsv_escape, tsv_unescape

TRICKY_TITLE = "Tabs\there, a line\nbreak, a back\\slash and \x1b]0;pwned\x07 a title escape"
TRICKY_CLAIM = "Officials said\tthat 12 convoys\ncrossed the border at night."
WIDE_TITLE = "東京の港で貨物量が増えたと政府が発表したが、その数字には疑問が残る" * 2


def _tricky_draft() -> DocumentDraft:
    body = f"Reporting from the border. {TRICKY_CLAIM} Nobody confirmed it."
    start = body.index(TRICKY_CLAIM)
    return DocumentDraft(
        title=TRICKY_TITLE,
        body=body,
        source="tricky.txt",
        url="https://example.org/tricky",
        comments=[CommentDraft("Ana\tMaria", "First line\nsecond line")],
        claims=[ClaimDraft(TRICKY_CLAIM, start, start + len(TRICKY_CLAIM), claimant="Officials")],
    )


def _wide_draft() -> DocumentDraft:
    return DocumentDraft(title=WIDE_TITLE, body="港の話。" * 40, source="wide.txt", claims=[])


@pytest.fixture
def filled_db(db_path: str) -> str:
    store = Store.open(db_path)
    store.add_documents([sample_draft(), other_draft(), _tricky_draft(), _wide_draft()])
    store.close()
    return db_path


def _claimdesk(*argv: str, stdin: str | None = None) -> Completed:
    """The command with its standard output a pipe (not a terminal), in this process."""
    return claimdesk(*argv, stdin=stdin)


def _on_a_terminal(*argv: str, columns: int) -> str:
    """What the real command prints on a pseudo-terminal ``columns`` wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *argv],
        cwd=ROOT,
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=slave,
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def _tsv(text: str) -> list[dict[str, str]]:
    header, *lines = text.splitlines()
    names = header.split("\t")
    return [dict(zip(names, map(tsv_unescape, line.split("\t")), strict=True)) for line in lines]


def test_piped_list_is_tsv_with_whole_fields_one_record_a_line(filled_db: str) -> None:
    done = _claimdesk("--db", filled_db, "list", "claims")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "id\tarticle_id\tstatus\tclaimant\ttext"
    claims = _tsv(done.stdout)
    assert len(lines) == 1 + len(claims) and all(line.count("\t") == 4 for line in lines)
    texts = [claim["text"] for claim in claims]
    assert TANKS_CLAIM in texts  # 200 characters: whole, not cut at 70 with an ellipsis
    assert TRICKY_CLAIM in texts  # its tab and line feed came back through the escaping
    assert "\\t" in done.stdout and "Officials said\\tthat 12 convoys\\ncrossed" in done.stdout


def test_cut_and_sort_read_the_fields(filled_db: str) -> None:
    listed = _claimdesk("--db", filled_db, "list", "articles").stdout
    cut = subprocess.run(
        ["cut", "-f5"], input=listed, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert cut[0] == "title" and TITLE in cut
    assert tsv_escape(TRICKY_TITLE) in cut and WIDE_TITLE in cut
    ordered = subprocess.run(
        ["sort", "-t", "\t", "-k1,1n"],
        input="\n".join(listed.splitlines()[1:]) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [int(line.split("\t")[0]) for line in ordered.splitlines()] == [1, 2, 3, 4]


def test_tsv_shows_no_control_character_and_gives_each_back(filled_db: str) -> None:
    """ESC and BEL in a title could drive the terminal a TSV is printed on: they are escaped."""
    out = _claimdesk("--db", filled_db, "list", "articles", "--format", "tsv").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out and "back\\\\slash" in out
    assert {row["title"] for row in _tsv(out)} >= {TRICKY_TITLE, TITLE}
    for text in (TRICKY_TITLE, "a\\tb", "\\", "x\\x41\u009b", "\r\n"):
        assert tsv_unescape(tsv_escape(text)) == text


def test_tsv_keeps_what_the_table_leaves_out(filled_db: str) -> None:
    articles = _tsv(_claimdesk("--db", filled_db, "list", "articles").stdout)
    tricky = next(a for a in articles if a["title"] == TRICKY_TITLE)
    assert tricky["url"] == "https://example.org/tricky"
    [comment] = [
        c
        for c in _tsv(_claimdesk("--db", filled_db, "list", "comments").stdout)
        if c["author"] == "Ana\tMaria"
    ]
    assert comment["body"] == "First line\nsecond line"


@pytest.mark.parametrize("command", [["list", "claims"], ["search", "tanks"], ["stats"]])
def test_every_format_on_request(filled_db: str, command: list[str]) -> None:
    base = ["--db", filled_db, *command]
    as_json = json.loads(_claimdesk(*base, "--format", "json").stdout)
    assert json.loads(_claimdesk(*base, "--json").stdout) == as_json  # the old flag, kept
    lines = _claimdesk(*base, "--format", "jsonl").stdout.splitlines()
    from_lines = [json.loads(line) for line in lines]
    assert from_lines == (as_json if isinstance(as_json, list) else [as_json])
    tsv = _claimdesk(*base, "--format", "tsv").stdout
    assert tsv.splitlines()[0].split("\t")[0] in ("id", "kind", "store")
    assert len(tsv.splitlines()) == 1 + len(from_lines)
    table = _claimdesk(*base, "--format", "table").stdout
    assert "\t" not in table and table.splitlines()[0].split()[0] in ("ID", "KIND", "store")


def test_search_tsv_has_the_match_and_the_whole_headline(filled_db: str) -> None:
    done = _claimdesk("--db", filled_db, "search", "tanks", "--kind", "claim")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "kind\tid\tarticle_id\tscore\tfield\tsnippet\ttext"
    [hit, *_] = _tsv(done.stdout)
    assert hit["kind"] == "claim" and hit["text"] == TANKS_CLAIM
    assert "tanks" in hit["snippet"] and float(hit["score"]) > 0


def test_stats_tsv_gives_each_count_a_column(filled_db: str) -> None:
    [stats] = _tsv(_claimdesk("--db", filled_db, "stats").stdout)
    assert stats["articles"] == "4" and int(stats["claims"]) >= 4
    assert stats["store"].endswith("cli.sqlite3") and int(stats["size_bytes"]) > 0


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_the_table_on_a_terminal_fits_its_width(filled_db: str, columns: int) -> None:
    screen = _on_a_terminal("--db", filled_db, "list", "articles", columns=columns)
    lines = screen.splitlines()
    assert lines[0].split() == ["ID", "PUBLISHED", "CLAIMS", "COMMENTS", "TITLE"]
    assert all(cell_len(line) <= columns for line in lines), screen
    assert "\x1b" not in screen and "\t" not in screen
    tricky = next(line for line in lines if "Tabs" in line)
    assert "␛]0;pwned␇" in tricky or tricky.endswith("…")  # shown literally, never obeyed
    wide = next(line for line in lines if "東京" in line)
    if cell_len(WIDE_TITLE) + 40 > columns:
        assert wide.endswith("…") and cell_len(wide) >= columns - 1
    else:
        assert wide.endswith(WIDE_TITLE)


def test_at_80_columns_the_text_gets_the_room(filled_db: str) -> None:
    screen = _on_a_terminal("--db", filled_db, "list", "claims", columns=80)
    header, *rows = screen.splitlines()
    assert header.split() == ["ID", "ARTICLE", "STATUS", "CLAIMANT", "CLAIM"]
    tanks = next(row for row in rows if "Amaq claims that all" in row)
    assert tanks.endswith("…") and cell_len(tanks) == 80
    assert "unverified" in tanks  # the judgement is never cut
    assert len(rows) == sum(1 for _ in _tsv(_claimdesk("--db", filled_db, "list", "claims").stdout))


def test_search_table_on_a_terminal_fits(filled_db: str) -> None:
    screen = _on_a_terminal("--db", filled_db, "search", "palmyra", columns=70)
    header, *rows = screen.splitlines()
    assert header.split()[:5] == ["KIND", "ID", "ARTICLE", "SCORE", "FIELD"]
    assert rows and all(cell_len(line) <= 70 for line in rows)


def test_fzf_style_pick_round_trip(filled_db: str, tmp_path: Path) -> None:
    """The pipeline the issue names: pick a line, keep its id, export that claim."""
    if shutil.which("awk") is None:
        pytest.skip("awk is not installed")
    listed = _claimdesk("--db", filled_db, "list", "claims").stdout
    picked = subprocess.run(
        ["awk", "-F", "\t", '$4 == "Officials" {print $1}'],
        input=listed,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    exported = _claimdesk(
        "--db",
        filled_db,
        "export",
        "--kind",
        "claim",
        "--ids",
        picked.strip(),
        "--format",
        "json",
        "-o",
        "-",
    )
    assert exported.returncode == 0, exported.stderr
    assert [o["text"] for o in json.loads(exported.stdout) if o["kind"] == "claim"] == [
        TRICKY_CLAIM
    ]


@given(st.text(alphabet=st.sampled_from("ab 東…é\u0301"), max_size=30), st.integers(1, 20))
def test_a_cell_is_exactly_its_width_in_any_script(text: str, width: int) -> None:
    cell = fit_cell(text, width)
    assert cell_len(cell) == width
    if cell_len(text) > width:
        assert cell.rstrip().endswith("…")


@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=6), st.integers(1, 200), st.integers(0, 120)
)
def test_columns_fit_any_room_above_their_minimums(
    natural: list[int], text: int, spare: int
) -> None:
    fields = [Field(f"f{i}", "H", str, 12, 4) for i in range(len(natural))]
    fields.append(Field("text", "TEXT", str, None, 20))
    room = 4 * len(natural) + 20 + len(GAP) * len(natural) + spare
    widths = fitted_widths(fields, [*natural, text], room)
    assert sum(widths) + len(GAP) * len(natural) <= room
    assert widths[-1] >= min(text, 20)
    assert all(w <= n for w, n in zip(widths, [*natural, text], strict=True))
