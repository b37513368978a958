"""JSON Lines under attack (issue 20): a bad record is one line naming its line, never a
traceback, and the files after it are still imported; a record is bounded like a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.importer import ImportReport, import_paths
from store.ingest import json_records
from store.store import Store
from tests.faults_helpers import article_line, consistency_problems, write_lines

PYTHON_WORDS = (
    "Error",
    "Traceback",
    "unhashable",
    "NoneType",
    "int too large",
    "object has no",
    "not subscriptable",
    "not iterable",
)


def _import_between_good_files(tmp_path: Path, bad_lines: list[str]) -> tuple[ImportReport, Store]:
    folder = tmp_path / "pile"
    folder.mkdir()
    write_lines(folder / "1-before.jsonl", [article_line(1, "before the bad file")])
    write_lines(folder / "2-bad.jsonl", [article_line(7, "good line of a bad file")], raw=bad_lines)
    write_lines(folder / "3-after.jsonl", [article_line(1, "after the bad file")])
    store = Store.open(str(tmp_path / "s.sqlite3"))
    return import_paths(store, [folder]), store


def _only_failure(report: ImportReport) -> str:
    [failure] = [f for f in report.failures if not f.skipped]
    assert failure.path.name == "2-bad.jsonl"
    reason = failure.reason
    assert "\n" not in reason and not any(word in reason for word in PYTHON_WORDS), reason
    return reason


def _article(**fields: Any) -> str:
    record = article_line(9, "the bad one")
    record.update(fields)
    return json.dumps(record)


def _with_comment(**comment: Any) -> list[str]:
    record = {"kind": "comment", "id": 1, "article_id": 9, "body": "a reply", **comment}
    return [_article(comment_count=1), json.dumps(record)]


def _with_claim(**claim: Any) -> list[str]:
    record = {"kind": "claim", "id": 1, "article_id": 9, "text": "t", **claim}
    return [_article(claim_count=1), json.dumps(record)]


BAD_LINES: dict[str, tuple[list[str], str]] = {
    # TypeError before: a list or dict where an id is expected
    "a list as parent_id": (_with_comment(parent_id=[1]), "line 3: parent_id must be"),
    "a list as a comment id": (_with_comment(id=[1]), "line 3: id must be"),
    "a dict as comment_id": (_with_claim(comment_id={"a": 1}), "line 3: comment_id must be"),
    "a list as status": (_with_claim(status=["false"]), "line 3: unknown claim status"),
    "a number as quantities": (_with_claim(quantities=5), "line 3: quantities must be a list"),
    # OverflowError before: a time past the end of time in UTC, numbers past 64 bits
    "a date out of range": (
        [_article(published="9999-12-31T23:59:59-01:00")],
        "line 2: a time out of range",
    ),
    "a start past 64 bits": (_with_claim(start=2**70), "line 3: start must be a whole number"),
    "a count that is not a number": (
        _with_claim(quantities=[{"count": "many"}]),
        "line 3: a quantity count that is not a number",
    ),
    # RecursionError before: 100,000-deep nesting
    "deep nesting": (["[" * 100_000 + "]" * 100_000], "line 2: nested too deeply"),
    "a number of 5,000 digits": (
        ['{"kind": "article", "id": ' + "9" * 5000 + "}"],
        "line 2: a number with too many digits",
    ),
}


@pytest.mark.parametrize("case", list(BAD_LINES))
def test_a_bad_record_is_one_line_naming_it_and_later_files_are_imported(
    case: str, tmp_path: Path
) -> None:
    lines, expected = BAD_LINES[case]
    report, store = _import_between_good_files(tmp_path, lines)
    assert expected in _only_failure(report)
    titles = {a.title for a in store.list_articles()}
    assert titles == {"before the bad file", "after the bad file"}  # the bad file: none of it


def test_a_line_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    path = write_lines(folder / "2-bad.jsonl", [article_line(1, "one"), article_line(2, "two")])
    path.write_bytes(path.read_bytes() + b'{"kind": "article", "title": "caf\xe9"}\n')
    report = import_paths(Store.open(str(tmp_path / "s.sqlite3")), [folder])
    assert "line 3: not UTF-8 text" in _only_failure(report)


def test_a_record_larger_than_the_limit_is_refused_without_reading_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_records, "MAX_RECORD_BYTES", 4096)
    report, store = _import_between_good_files(tmp_path, [_article(body="x" * 10_000)])
    reason = _only_failure(report)
    assert "line 2: a record of more than 4,096 bytes" in reason
    assert {a.title for a in store.list_articles()} == {"before the bad file", "after the bad file"}


def test_a_record_within_the_limit_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_records, "MAX_RECORD_BYTES", 4096)
    path = write_lines(tmp_path / "ok.jsonl", [article_line(1, "fits", body="x" * 3000)])
    report = import_paths(Store.open(str(tmp_path / "s.sqlite3")), [path])
    assert report.added == 1


# -- random records of every field type --------------------------------------------------------

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "9999-12-31T23:59:59-01:00",
            "0001-01-01T00:00:00+01:00",
            "2024-02-30",
            "2026-11-24T10:00:00",
            "\udcff",
            "</script>",
            "\x1b]0;x\x07",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
_VALID: dict[str, dict[str, Any]] = {
    "article": {
        "kind": "article",
        "id": 9,
        "title": "random",
        "body": "random body",
        "url": "https://example.org/r",
        "site": "example.org",
        "author": "A",
        "published": "2026-11-24T10:00:00+01:00",
        "source": "r.jsonl",
        "images": ["https://example.org/i.png"],
        "tags": ["t"],
        "comment_count": 2,
        "claim_count": 2,
    },
    "comment": {
        "kind": "comment",
        "id": 1,
        "article_id": 9,
        "parent_id": None,
        "author": "B",
        "body": "a reply",
        "posted": "2026-11-24T11:00:00Z",
        "position": 0,
    },
    "claim": {
        "kind": "claim",
        "id": 1,
        "article_id": 9,
        "comment_id": None,
        "text": "c",
        "start": 0,
        "end": 1,
        "claimant": "C",
        "attribution": "C said",
        "hedges": ["reportedly"],
        "note": "",
        "method": "hand",
        "status": "false",
        "quantities": [{"count": 3, "text": "3", "item": "drones"}],
    },
}
"""A record of each kind with every field the importer reads, all valid."""


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    """An article, two comments and two claims, valid but for one to three fields of any
    record, each left out or set to any JSON value: so every check is reached."""
    records = [dict(_VALID["article"])]
    for kind in ("comment", "claim"):
        for number in (1, 2):
            record = dict(_VALID[kind])
            record["id"] = number
            if number == 2 and kind == "comment":
                record.update(parent_id=1, position=1)
            if number == 2 and kind == "claim":
                record["comment_id"] = 2
            records.append(record)
    for _ in range(draw(st.integers(1, 3))):
        record = records[draw(st.integers(0, len(records) - 1))]
        name = draw(st.sampled_from(sorted(record)))
        if draw(st.integers(0, 4)) == 0:
            del record[name]
        else:
            record[name] = draw(_JSON)
    return records


def test_random_records_of_every_field_type_never_escape_as_tracebacks(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.sqlite3"))
    folder = tmp_path / "pile"
    folder.mkdir()
    write_lines(folder / "1-before.jsonl", [article_line(1, "before the bad file")])
    write_lines(folder / "3-after.jsonl", [article_line(1, "after the bad file")])
    bad = folder / "2-bad.jsonl"
    seen = {"failed": 0, "stored": 0}

    @settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(_records())
    def check(records: list[dict[str, Any]]) -> None:
        bad.write_text(
            "\n".join(json.dumps(r) for r in records) + "\n",
            encoding="utf-8",
            errors="surrogatepass",
        )
        report = import_paths(store, [folder])  # no exception, whatever the records
        failures = [f for f in report.failures if not f.skipped]
        refused = [o for o in report.outcomes if o.error is not None]
        for reason in [f.reason for f in failures] + [o.error or "" for o in refused]:
            assert "\n" not in reason and not any(w in reason for w in PYTHON_WORDS), reason
        assert all(f.path == bad for f in failures) and len(failures) <= 1
        if failures:
            assert failures[0].reason.startswith(("line ", "not UTF-8", "invalid JSON")), failures[
                0
            ].reason
        seen["failed" if failures or refused else "stored"] += 1
        titles = {a.title for a in store.list_articles()}
        assert {"before the bad file", "after the bad file"} <= titles

    check()
    assert seen["failed"] > 10  # the strategy does reach the checks
    assert consistency_problems(tmp_path / "s.sqlite3") == []


def test_a_count_past_64_bits_is_kept_as_a_figure(tmp_path: Path) -> None:
    """Such a figure is stored (its value and words; the 64-bit count column stays empty), as
    when the extractor reads it in a text: no reason to refuse the file."""
    report, store = _import_between_good_files(
        tmp_path, _with_claim(quantities=[{"count": 2**64, "text": "18446744073709551616"}])
    )
    assert not [f for f in report.failures if not f.skipped]
    [claim] = store.list_claims()
    assert claim.quantities[0].count == 2**64 and claim.quantities[0].text.startswith("1844")
