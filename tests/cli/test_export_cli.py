"""``claimdesk export`` end to end, and exports of the real page once its importer exists."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from store.export import bundle_for
from store.export.json_export import export_jsonl
from store.paths import app_paths
from store.records import AnyRecord
from store.store import Store
from tests.conftest import SEED_PAGE
from tests.export_data import KILLED, ORYX, SEIZED, Seeded, markdown_blocks, seed
from tests.reviewer_config import write_reviewer
from tui.cli import main

pytestmark = pytest.mark.both_databases


@pytest.fixture
def seeded(store: Store) -> Seeded:
    return seed(store)


def _run(store: Store, *args: str) -> int:
    return main(["--db", store.url, "export", *args])


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    return lines[0]


def test_export_claims_by_id_to_standard_output(
    store: Store, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = f"{seeded.claims[0].id},{seeded.claims[2].id}"
    assert _run(store, "--kind", "claim", "--ids", ids, "--format", "json", "-o", "-") == 0
    objects = json.loads(capsys.readouterr().out)
    assert [o["kind"] for o in objects] == ["article", "comment", "claim", "claim"]
    assert [o["text"] for o in objects if o["kind"] == "claim"] == [SEIZED, ORYX]


def test_export_to_a_file_prints_the_path_and_never_overwrites_silently(
    store: Store, seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.md"
    assert _run(store, "--kind", "claims", "--format", "md", "-o", str(target)) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(target)
    assert f"{store.counts()['claim']} claims" in err and "Markdown" in err
    first = target.read_text(encoding="utf-8")
    assert SEIZED in first and KILLED in first
    assert _run(store, "--kind", "claim", "--ids", "1", "--format", "md", "-o", str(target)) == 1
    assert "add --force" in _one_error_line(capsys.readouterr().err)
    assert target.read_text(encoding="utf-8") == first
    assert (
        _run(store, "--kind", "claim", "--ids", "1", "--format", "md", "-o", str(target), "--force")
        == 0
    )
    assert KILLED not in target.read_text(encoding="utf-8")


def test_export_everything_to_the_default_folder(
    store: Store, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(store, "--format", "csv") == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == app_paths().export_dir
    assert path.name.startswith("claimdesk-") and path.suffix == ".csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    kinds = [row["kind"] for row in rows]
    counts = store.counts()
    assert {kind: kinds.count(kind) for kind in counts} == counts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "claim", "--ids", "99", "--format", "md"], "no claim with id 99"),
        (
            ["--kind", "comment", "--format", "claimreview"],
            "ClaimReview JSON-LD (claims only) needs claims",
        ),
        (
            ["--kind", "article", "--ids", "1", "--format", "md", "-o", "/dev/null/brief.md"],
            "cannot write /dev/null/brief.md",
        ),
    ],
)
def test_export_failures_are_one_line(
    store: Store, seeded: Seeded, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(store, *args) == 1
    assert message in _one_error_line(capsys.readouterr().err)


def test_export_of_an_empty_store_says_there_is_nothing(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(store, "--format", "json", "-o", "-") == 1
    assert "nothing to export" in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "args",
    [
        ["--ids", "1", "--format", "md"],  # ids of which kind?
        ["tanks", "--kind", "claim", "--ids", "1", "--format", "md"],
        ["--kind", "claim", "--ids", "one", "--format", "md"],
        ["--format", "pdf"],
    ],
)
def test_export_usage_errors_exit_2(
    store: Store, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _run(store, *args)
    assert stopped.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_export_query_exports_what_search_finds(
    store: Store, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    """`claimdesk export oryx` exports the hits of the real search engine, with their articles."""
    assert _run(store, "oryx", "--kind", "claim", "--format", "jsonl", "-o", "-") == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    claims = [o for o in objects if o["kind"] == "claim"]
    assert claims and all("Oryx" in o["text"] for o in claims)
    assert {o["id"] for o in objects if o["kind"] == "article"} == {seeded.palmyra.id}


def test_a_query_that_cannot_be_read_is_one_line(
    store: Store, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(store, "qty:>abc", "--format", "md") == 2  # a usage error, as in search
    assert "qty" in _one_error_line(capsys.readouterr().err)


# -- with the parallel work merged -----------------------------------------------------------


def test_real_page_claims_export_in_every_format(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("store.ingest.savedpage")
    pytest.importorskip("store.claims")
    from store.importer import import_paths

    report = import_paths(store, [SEED_PAGE])
    assert report.ok and report.added == 1
    claims = store.list_claims()
    assert claims, "the seed page has claims (Amaq's list of seized weapons at least)"
    texts = sorted(claim.text for claim in claims)
    written: dict[str, str] = {}
    write_reviewer()
    for fmt in ("md", "csv", "json", "jsonl", "claimreview"):
        target = tmp_path / f"page.{fmt}"
        assert _run(store, "--kind", "claim", "--format", fmt, "-o", str(target)) == 0
        written[fmt] = target.read_text(encoding="utf-8-sig")
    capsys.readouterr()
    quotes = [text for kind, text in markdown_blocks(written["md"]) if kind == "quote"]
    assert sorted(" ".join(q.split()) for q in quotes) == sorted(" ".join(t.split()) for t in texts)
    rows = csv.DictReader(io.StringIO(written["csv"], newline=""))
    assert sorted(row["text"].removeprefix("'") for row in rows) == texts
    for fmt in ("json", "jsonl"):
        objects = (
            json.loads(written[fmt])
            if fmt == "json"
            else [json.loads(line) for line in written[fmt].splitlines()]
        )
        assert sorted(o["text"] for o in objects if o["kind"] == "claim") == texts
    reviews = json.loads(written["claimreview"])
    assert sorted(r["claimReviewed"] for r in reviews) == texts


def test_jsonl_export_imports_again_into_an_empty_store(
    store: Store, seeded: Seeded, tmp_path: Path
) -> None:
    pytest.importorskip("store.ingest.json_records")
    pytest.importorskip("store.claims")
    from store.importer import import_paths

    chosen: list[AnyRecord] = [
        seeded.claims[0],
        seeded.claims[2],
        seeded.comments[2],
        seeded.hostile,
    ]
    exported = tmp_path / "marked.jsonl"
    exported.write_text(export_jsonl(bundle_for(store, chosen)), encoding="utf-8")
    fresh = Store.open(str(tmp_path / "fresh.sqlite3"))
    try:
        report = import_paths(fresh, [exported])
        assert report.ok, report.failures
        assert sorted(a.title for a in fresh.list_articles()) == sorted(
            [seeded.palmyra.title, seeded.hostile.title]
        )
        judged = {(c.text, c.status, c.quantities, c.claimant) for c in fresh.list_claims()}
        assert {
            (c.text, c.status, c.quantities, c.claimant)
            for c in (seeded.claims[0], seeded.claims[2])
        } <= judged
        bodies = {c.body for c in fresh.list_comments()}
        assert {seeded.comments[1].body, seeded.comments[2].body} <= bodies
    finally:
        fresh.close()
