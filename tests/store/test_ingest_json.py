"""JSON and JSON Lines in the shapes ``claimdesk list --json`` prints: what one store exports,
another imports, with claims kept as judged and nothing extracted twice."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from store.importer import import_paths
from store.ingest import json_records, reading
from store.ingest.reading import MAX_BYTES
from store.records import ClaimStatus
from store.store import Store
from tests.conftest import SAMPLE_DIR, SEED_PAGE
from tui.cli import main
from tui.commands.listing import list_command

SAMPLES = [
    SEED_PAGE,
    SAMPLE_DIR / "001_harbour_ledger_grain_exports.html",
    SAMPLE_DIR / "002_harbour_ledger_feed.xml",
]


def _export(db: str) -> list[dict[str, Any]]:
    """Every record, as ``claimdesk list <kind> --json`` prints them, kind after kind."""
    records: list[dict[str, Any]] = []
    for kind in ("articles", "claims", "comments"):
        out = io.StringIO()
        assert list_command(db, kind, fmt="json", out=out) == 0
        records += json.loads(out.getvalue())
    return records


def _content(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Records without the ids a store assigns: references become article fingerprints and
    comment positions, and the import time is dropped."""
    articles = {r["id"]: r for r in records if r["kind"] == "article"}
    comments = {r["id"]: r for r in records if r["kind"] == "comment"}

    def article_key(article_id: int) -> str:
        return str(articles[article_id]["fingerprint"])

    def comment_key(comment_id: int | None) -> Any:
        if comment_id is None:
            return None
        comment = comments[comment_id]
        return (article_key(comment["article_id"]), comment["position"])

    content: dict[str, list[Any]] = {"article": [], "claim": [], "comment": []}
    for r in records:
        kept = {k: v for k, v in r.items() if k not in ("id", "imported")}
        if r["kind"] != "article":
            kept["article_id"] = article_key(r["article_id"])
        if r["kind"] == "comment":
            kept["parent_id"] = comment_key(r["parent_id"])
        if r["kind"] == "claim":
            kept["comment_id"] = comment_key(r["comment_id"])
        content[r["kind"]].append(json.dumps(kept, sort_keys=True))
    return {kind: sorted(values) for kind, values in content.items()}


@pytest.fixture
def exported(tmp_path: Path) -> list[dict[str, Any]]:
    """The sample data imported into a store, one claim judged, and everything listed."""
    folder = tmp_path / "samples"
    folder.mkdir()
    for path in SAMPLES:
        shutil.copy(path, folder / path.name)
    source_db = str(tmp_path / "source.sqlite3")
    assert main(["--db", source_db, "import", "-q", str(folder)]) == 0
    store = Store.open(source_db)
    claim = store.list_claims(limit=1)[0]
    store.set_claim_status(claim.id, ClaimStatus.DISPUTED, "the port's records disagree")
    store.close()
    records = _export(source_db)
    assert {r["kind"] for r in records} == {"article", "claim", "comment"}
    return records


@pytest.mark.parametrize("layout", ["jsonl", "json array"])
def test_round_trip_into_an_empty_store(
    exported: list[dict[str, Any]], tmp_path: Path, layout: str
) -> None:
    dump = tmp_path / ("export.jsonl" if layout == "jsonl" else "export.json")
    if layout == "jsonl":
        dump.write_text("".join(json.dumps(r) + "\n" for r in exported), encoding="utf-8")
    else:
        dump.write_text(json.dumps(exported, indent=2), encoding="utf-8")
    target_db = str(tmp_path / "target.sqlite3")
    assert main(["--db", target_db, "import", "-q", str(dump)]) == 0
    assert _content(_export(target_db)) == _content(exported)
    disputed = [r for r in _export(target_db) if r.get("status") == "disputed"]
    assert [r["note"] for r in disputed] == ["the port's records disagree"]
    assert main(["--db", target_db, "import", "-q", str(dump)]) == 0  # idempotent
    assert _content(_export(target_db)) == _content(exported)


def _grouped_lines(
    articles: int, comments: int = 2, claims: int = 2, body_size: int = 0
) -> list[str]:
    """A JSONL export written article by article: the article, its comments, its claims."""
    lines: list[str] = []
    for a in range(1, articles + 1):
        body = f"Article {a}: the agency said {a} ships were delayed." + " x" * body_size
        lines.append(
            json.dumps(
                {
                    "kind": "article",
                    "id": a,
                    "title": f"Article {a}",
                    "body": body,
                    "url": f"https://example.org/{a}",
                    "comment_count": comments,
                    "claim_count": claims,
                }
            )
        )
        for c in range(comments):
            cid = a * 100 + c
            lines.append(
                json.dumps(
                    {
                        "kind": "comment",
                        "id": cid,
                        "article_id": a,
                        "parent_id": cid - 1 if c else None,
                        "author": f"r{c}",
                        "body": f"Reply {c}",
                        "position": c,
                    }
                )
            )
        for k in range(claims):
            lines.append(
                json.dumps(
                    {
                        "kind": "claim",
                        "id": a * 100 + k,
                        "article_id": a,
                        "comment_id": a * 100 + k if k else None,
                        "text": f"{a} ships",
                        "start": 0,
                        "end": 7,
                        "status": "corroborated",
                        "note": "port log",
                        "quantities": [{"count": a, "text": str(a), "item": "ships"}],
                    }
                )
            )
    return lines


def test_jsonl_larger_than_the_whole_file_limit_is_streamed(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limits scaled down 32×: the same behaviour on 1 MiB instead of 32 (a minute of
    # claim extraction on 40 bodies of 400 kB each, for nothing the test looks at).
    monkeypatch.setattr(reading, "MAX_BYTES", MAX_BYTES // 32)
    monkeypatch.setattr(json_records, "MAX_RECORD_BYTES", MAX_BYTES // 32)
    articles = 40
    body_size = reading.MAX_BYTES // articles // 2 + 1000  # " x" is two bytes
    lines = _grouped_lines(articles, body_size=body_size)
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert big.stat().st_size > reading.MAX_BYTES
    report = import_paths(store, [big])
    assert report.ok and report.added == articles
    assert store.counts() == {"article": articles, "claim": 2 * articles, "comment": 2 * articles}
    as_array = tmp_path / "big.json"
    as_array.write_text("[" + ",\n".join(lines) + "]", encoding="utf-8")
    refused = import_paths(store, [as_array])
    assert not refused.ok and "too large" in refused.failures[0].reason
    assert "the limit is 1 MiB" in refused.failures[0].reason


def test_jsonl_keeps_threads_claims_and_quantities(store: Store, tmp_path: Path) -> None:
    dump = tmp_path / "x.jsonl"
    dump.write_text("\n".join(_grouped_lines(2, comments=3)), encoding="utf-8")
    assert import_paths(store, [dump]).added == 2
    first, second, third = store.list_comments(article_id=1)
    assert (first.parent_id, second.parent_id, third.parent_id) == (None, first.id, second.id)
    claims = store.list_claims(article_id=1)
    assert [c.comment_id for c in claims] == [None, second.id]
    assert {(c.status, c.note) for c in claims} == {(ClaimStatus.CORROBORATED, "port log")}
    assert claims[0].quantities[0].count == 1


def test_records_in_any_order_are_grouped(store: Store, tmp_path: Path) -> None:
    lines = _grouped_lines(3)
    dump = tmp_path / "shuffled.jsonl"
    dump.write_text("\n".join(reversed(lines)), encoding="utf-8")  # children before articles
    assert import_paths(store, [dump]).added == 3
    assert store.counts() == {"article": 3, "claim": 6, "comment": 6}


def test_a_bad_line_late_in_a_big_jsonl_refuses_the_whole_file(
    store: Store, tmp_path: Path
) -> None:
    lines = _grouped_lines(1200, comments=0, claims=0)  # more than two write batches
    lines.append('{"kind": "article", "id": 5000, "title": "Cut short", "bo')
    dump = tmp_path / "broken.jsonl"
    dump.write_text("\n".join(lines), encoding="utf-8")
    report = import_paths(store, [dump])
    [failure] = report.failures
    assert failure.path == dump and "line 1201" in failure.reason
    assert store.counts()["article"] == 0


def _articles(path: Path, *titles: str) -> Path:
    """A JSON array of plain articles (claims extracted on import), one per title."""
    path.write_text(
        json.dumps(
            [
                {
                    "kind": "article",
                    "id": n,
                    "title": title,
                    "body": f"{title}: the agency said 40 ships were delayed.",
                    "url": f"https://other.example/{title}",
                }
                for n, title in enumerate(titles, 1)
            ]
        ),
        encoding="utf-8",
    )
    return path


def test_a_jsonl_refused_after_several_batches_takes_back_only_itself(
    store: Store, tmp_path: Path
) -> None:
    """Four write batches in, a record that breaks the file: the store keeps what it had and
    what the other files of the same import brought, and no line ever said the file's
    documents were added."""
    assert import_paths(store, [_articles(tmp_path / "earlier.json", "Earlier")]).ok
    before = store.counts()
    lines = _grouped_lines(1600, comments=1, claims=1)  # 4,800 lines: 3 batches, and more
    lines.append(json.dumps({"kind": "comment", "id": 5, "article_id": 1, "body": "late"}))
    broken = tmp_path / "b_broken.jsonl"
    broken.write_text("\n".join(lines), encoding="utf-8")
    after = tmp_path / "c_after.jsonl"  # articles 1 and 2 again: new, since taken back
    after.write_text("\n".join(_grouped_lines(2)), encoding="utf-8")
    events: list[Any] = []
    report = import_paths(
        store,
        [_articles(tmp_path / "a_before.json", "Before"), broken, after],
        listener=events.append,
    )
    [failure] = report.failures
    assert failure.path == broken and "line 4801" in failure.reason
    assert str(broken) not in {o.source for o in report.outcomes}
    assert failure in events
    assert str(broken) not in {getattr(e, "source", None) for e in events}
    assert report.added == 3 and len(report.outcomes) == 3
    assert store.counts() == {
        "article": before["article"] + 3,
        "claim": before["claim"] + 1 + 4,
        "comment": before["comment"] + 4,
    }
    assert {a.title for a in store.list_articles()} == {
        "Earlier",
        "Before",
        "Article 1",
        "Article 2",
    }


def test_an_article_twice_in_one_jsonl_batches_apart_is_stored_once(
    store: Store, tmp_path: Path
) -> None:
    lines = _grouped_lines(700, comments=0, claims=0)
    copy = json.loads(lines[49]) | {"id": 9999}  # article 50 again, as document 651
    lines.insert(650, json.dumps(copy))
    dump = tmp_path / "repeated.jsonl"
    dump.write_text("\n".join(lines), encoding="utf-8")
    report = import_paths(store, [dump])
    assert report.ok and (report.added, report.unchanged) == (700, 1)
    first, again = (o for o in report.outcomes if o.title == "Article 50")
    assert (first.created, again.created) == (True, False)
    assert again.article_id == first.article_id
    assert store.counts()["article"] == 700


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"kind": "claim", "id": 1, "article_id": 9, "text": "x"}, "which the file does not have"),
        ({"kind": "tweet", "id": 1}, "kind must be one of"),
        ({"kind": "article", "id": 2, "title": 5, "body": "b"}, "title must be text"),
    ],
)
def test_records_that_do_not_fit_are_refused_plainly(
    store: Store, tmp_path: Path, record: dict[str, Any], reason: str
) -> None:
    dump = tmp_path / "odd.json"
    dump.write_text(
        json.dumps([{"kind": "article", "id": 1, "title": "t", "body": "b"}, record]),
        encoding="utf-8",
    )
    report = import_paths(store, [dump])
    assert reason in report.failures[0].reason
    assert store.is_empty()


def test_articles_without_claims_get_claims_extracted(store: Store, tmp_path: Path) -> None:
    dump = tmp_path / "plain.json"
    dump.write_text(
        json.dumps(
            [
                {
                    "kind": "article",
                    "id": 1,
                    "title": "Ships",
                    "body": "The agency said 40 ships were delayed.",
                }
            ]
        ),
        encoding="utf-8",
    )
    [outcome] = import_paths(store, [dump]).outcomes
    assert outcome.created and outcome.claims >= 1
