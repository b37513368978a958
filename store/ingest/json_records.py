"""JSON and JSON Lines in the shapes ``claimdesk list --json`` prints, so stores can swap data.

Every object has a ``kind`` (article, claim, comment) and an ``id``; claims and comments name
their ``article_id``, comments their ``parent_id`` and claims their ``comment_id``. Records are
grouped by article into drafts that carry their comments and their claims *as stored* (status,
note, offsets), so nothing is extracted again. Ids are the exporting store's: they only tie
records together here, and the importing store assigns its own.

A JSON array is read whole (a file under the reading size limit). JSON Lines is streamed: an
article is handed on as soon as it has the comments and claims its ``comment_count`` and
``claim_count`` announce, so an export written article by article (the article, then its
comments and claims) is imported in constant memory whatever its size. The file is read once:
a bad line 900,000 is only found after 899,999 lines were handed on, so the importer writes a
streamed file inside one transaction and rolls it back on the failure, and the file is refused
whole as in every other format (see :func:`store.importer._write_streamed`).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.file_names import stored_name
from store.ingest.errors import ImportFailure
from store.ingest.reading import MAX_BYTES, os_reason
from store.records import (
    INT64,
    KINDS,
    ClaimDraft,
    ClaimStatus,
    CommentDraft,
    DocumentDraft,
    Quantity,
)

_STATUSES = {status.value: status for status in ClaimStatus}

Located = tuple[str, dict[str, Any]]
"""A record with where it was found ("line 12", "item 3") for error messages."""


def looks_like_json_array(head: str) -> bool:
    return head.lstrip().startswith("[")


def looks_like_json_lines(head: str) -> bool:
    return head.lstrip().startswith("{")


def parse_json_records(text: str, source: str) -> list[DocumentDraft]:
    """Drafts from a JSON array of records (or one record object)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailure(
            f"invalid JSON: line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise ImportFailure("invalid JSON: nested too deeply to read") from None
    except ValueError:  # Python's limit of 4,300 digits for a whole number
        raise ImportFailure("invalid JSON: a number with too many digits") from None
    items = data if isinstance(data, list) else [data]
    return list(_drafts(((f"item {n}", item) for n, item in enumerate(items, 1)), source))


def parse_json_lines(text: str, source: str) -> list[DocumentDraft]:
    """Drafts from JSON Lines already in memory (see :func:`stream_json_lines` for files)."""
    return list(_drafts(_records(text.splitlines()), source))


MAX_RECORD_BYTES = MAX_BYTES
"""The longest line (one record) read: the limit of a whole file, since a record is held whole.
One 100 MB record took 5:45 and 3.3 GB before there was a limit."""


def stream_json_lines(path: Path, max_record: int | None = None) -> Iterator[DocumentDraft]:
    """Drafts from a JSON Lines file of any size, as they are read; a bad line raises
    ImportFailure after the drafts before it were yielded (the caller takes them back).

    One line (one record) is held whole, so a line longer than ``max_record`` bytes is
    refused as a file of that size would be, without reading the rest of it into memory.
    """
    limit = MAX_RECORD_BYTES if max_record is None else max_record
    yield from _drafts(_records(_lines(path, limit)), stored_name(path))


def _lines(path: Path, max_record: int) -> Iterator[str]:
    """The file's lines, decoded one by one so an error can name its line."""
    number = 0
    try:
        with path.open("rb") as file:
            while raw := file.readline(max_record + 1):
                number += 1
                if len(raw) > max_record and not raw.endswith(b"\n"):
                    raise ImportFailure(
                        f"line {number}: a record of more than "
                        f"{_size(max_record)} (the limit for one record, as "
                        "for a file)"
                    )
                if number == 1:
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise ImportFailure(
                        f"line {number}: not UTF-8 text (byte {error.start + 1} of the line)"
                    ) from None
    except OSError as error:
        raise ImportFailure(f"line {number + 1}: {os_reason(error)}") from error


def _size(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit:,} bytes"


def _records(lines: Iterable[str]) -> Iterator[Located]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ImportFailure(f"invalid JSON on line {number}: {error.msg}") from None
        except RecursionError:
            raise ImportFailure(f"line {number}: nested too deeply to read") from None
        except ValueError:  # Python's limit of 4,300 digits for a whole number
            raise ImportFailure(f"line {number}: a number with too many digits") from None
        yield f"line {number}", record


@dataclass(slots=True)
class _Pending:
    """An article's records, gathered until it has all its comments and claims."""

    article: Located | None = None
    comments: list[Located] = field(default_factory=list)
    claims: list[Located] = field(default_factory=list)

    def complete(self) -> bool:
        if self.article is None:
            return False
        record = self.article[1]
        comments, claims = record.get("comment_count"), record.get("claim_count")
        return (
            isinstance(comments, int)
            and isinstance(claims, int)
            and len(self.comments) >= comments
            and len(self.claims) >= claims
        )


def _drafts(records: Iterable[Located], source: str) -> Iterator[DocumentDraft]:
    """Group records by article id; yield each article's draft when it is complete."""
    pending: dict[Any, _Pending] = {}
    done: set[Any] = set()
    for where, record in records:
        try:  # a try costs nothing in the loop; a context manager per record did
            draft = _take(where, record, pending, done, source)
        except ImportFailure:
            raise
        except Exception as error:
            raise _unforeseen(where, error) from None
        if draft is not None:
            yield draft
    for key, group in pending.items():
        if group.article is None:
            where, record = (group.comments + group.claims)[0]
            raise ImportFailure(
                f"{where}: {_a(record['kind'])} of article {key}, which the file does not have"
            )
        try:
            draft = _draft(group, source)
        except ImportFailure:
            raise
        except Exception as error:
            raise _unforeseen(group.article[0], error) from None
        yield draft


def _unforeseen(where: str, error: Exception) -> ImportFailure:
    """A safety net: any error of Python's reading a record becomes one line naming it.

    Every field is checked by type (:data:`_FIELDS`), so this should never be met; if a shape
    nobody foresaw gets through, the user still gets the line, not a traceback.
    """
    if isinstance(error, RecursionError):
        return ImportFailure(f"{where}: nested too deeply to read")
    if isinstance(error, OverflowError | ValueError):
        return ImportFailure(f"{where}: a number or time out of range")
    return ImportFailure(f"{where}: a value of a type this field cannot hold")


def _shown(value: Any) -> str:
    """A value from the file as an error message quotes it: short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _a(noun: str) -> str:
    """ "a claim", "an article"."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _take(
    where: str, record: Any, pending: dict[Any, _Pending], done: set[Any], source: str
) -> DocumentDraft | None:
    """File one record under its article; the article's draft once it is complete."""
    kind, key = _kind_and_article(where, record)
    if key in done:
        raise ImportFailure(
            f"{where}: {_a(kind)} for article {key} after all the comments "
            "and claims its counts announce"
        )
    group = pending.get(key)
    if group is None:  # not setdefault: that would build a _Pending for every record
        group = pending[key] = _Pending()
    if kind == "article":
        if group.article is not None:
            raise ImportFailure(f"{where}: article {key} appears twice")
        group.article = (where, record)
    else:
        (group.comments if kind == "comment" else group.claims).append((where, record))
    if group.complete():
        done.add(key)
        return _draft(pending.pop(key), source)
    return None


def _kind_and_article(where: str, record: Any) -> tuple[str, Any]:
    if not isinstance(record, dict):
        raise ImportFailure(f"{where}: not a JSON object")
    kind = record.get("kind")
    if kind not in KINDS:
        raise ImportFailure(f"{where}: kind must be one of {', '.join(KINDS)}, not {_shown(kind)}")
    key = record.get("id") if kind == "article" else record.get("article_id")
    if not isinstance(key, int | str) or isinstance(key, bool):
        field_name = "id" if kind == "article" else "article_id"
        raise ImportFailure(f"{where}: {_a(kind)} without a valid {field_name}")
    return kind, key


def _draft(group: _Pending, source: str) -> DocumentDraft:
    assert group.article is not None
    article = _checked(group.article, "article")[1]
    comments = [_checked(c, "comment") for c in group.comments]
    # Page order is ``position``; the sort is stable, so records without one keep file order.
    comments.sort(key=lambda c: c[1].get("position") or 0)
    comment_index = {record.get("id"): index for index, (_, record) in enumerate(comments)}
    has_claims = "claim_count" in article or bool(group.claims)
    return DocumentDraft(
        title=article["title"],
        body=article["body"],
        source=article.get("source") or source,
        url=article.get("url"),
        site=article.get("site"),
        author=article.get("author"),
        published=_time(group.article[0], article.get("published")),
        images=article.get("images") or [],
        tags=article.get("tags") or [],
        comments=[_comment(c, comment_index) for c in comments],
        claims=(
            [_claim(_checked(c, "claim"), comment_index) for c in group.claims]
            if has_claims
            else None
        ),
    )


def _comment(located: Located, index: dict[Any, int]) -> CommentDraft:
    where, record = located
    parent = record.get("parent_id")
    if parent is not None and parent not in index:
        raise ImportFailure(
            f"{where}: comment {record.get('id')} replies to comment {parent}, "
            "which its article does not have"
        )
    return CommentDraft(
        author=record.get("author") or "",
        body=record["body"],
        posted=_time(where, record.get("posted")),
        parent_index=index[parent] if parent is not None else None,
    )


def _claim(located: Located, index: dict[Any, int]) -> ClaimDraft:
    where, record = located
    comment = record.get("comment_id")
    if comment is not None and comment not in index:
        raise ImportFailure(
            f"{where}: claim {record.get('id')} is in comment {comment}, "
            "which its article does not have"
        )
    status = record.get("status", ClaimStatus.UNVERIFIED.value)
    if status.__class__ is not str or status not in _STATUSES:
        raise ImportFailure(f"{where}: unknown claim status {_shown(status)}")
    return ClaimDraft(
        text=record["text"],
        start=record.get("start") or 0,
        end=record.get("end") or 0,
        claimant=record.get("claimant"),
        attribution=record.get("attribution"),
        hedges=tuple(record.get("hedges") or ()),
        quantities=tuple(_quantity(where, q) for q in _listed(where, record, "quantities")),
        status=_STATUSES[status],
        note=record.get("note") or "",
        method=record.get("method") or "",
        comment_index=index[comment] if comment is not None else None,
        manual=record.get("edited") is True,
        judged_at=_time(where, record.get("judged_at")),
        claimant_type=record.get("claimant_type"),
    )


def _listed(where: str, record: dict[str, Any], name: str) -> list[Any]:
    value = record.get(name) or []
    if value.__class__ is not list:
        raise ImportFailure(f"{where}: {name} must be a list")
    return value


def _quantity(where: str, value: Any) -> Quantity:
    if value.__class__ is not dict:
        raise ImportFailure(f"{where}: a quantity that is not an object")
    count, text, item = value.get("count"), value.get("text"), value.get("item")
    unit, high, whole = value.get("unit"), value.get("high"), value.get("of")
    for number in (count, high, whole):
        if number is not None and number.__class__ not in (int, float):
            raise ImportFailure(f"{where}: a quantity count that is not a number")
    if not (text is None or text.__class__ is str) or not (item is None or item.__class__ is str):
        raise ImportFailure(f"{where}: a quantity's text and item must be text")
    if unit is not None and unit.__class__ is not str:
        raise ImportFailure(f"{where}: a quantity's unit must be text")
    return Quantity(count, text or "", item or "", unit=unit, high=high, of=whole)


# -- field types, as data: one loop per record instead of a call per field -------------------

_TEXT = "text"
_TEXT_OR_NULL = "text or null"
_WHOLE_NUMBER = "a whole number"
_TEXT_LIST = "a list of text"
_ID = "a whole number or text"

_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "article": (
        ("title", _TEXT),
        ("body", _TEXT),
        ("url", _TEXT_OR_NULL),
        ("site", _TEXT_OR_NULL),
        ("author", _TEXT_OR_NULL),
        ("published", _TEXT_OR_NULL),
        ("source", _TEXT_OR_NULL),
        ("images", _TEXT_LIST),
        ("tags", _TEXT_LIST),
    ),
    "comment": (
        ("id", _ID),
        ("parent_id", _ID),
        ("author", _TEXT_OR_NULL),
        ("body", _TEXT),
        ("posted", _TEXT_OR_NULL),
        ("position", _WHOLE_NUMBER),
    ),
    "claim": (
        ("id", _ID),
        ("comment_id", _ID),
        ("text", _TEXT),
        ("start", _WHOLE_NUMBER),
        ("end", _WHOLE_NUMBER),
        ("claimant", _TEXT_OR_NULL),
        ("attribution", _TEXT_OR_NULL),
        ("hedges", _TEXT_LIST),
        ("note", _TEXT_OR_NULL),
        ("method", _TEXT_OR_NULL),
    ),
}
"""Each field a record of a kind may have, and the JSON type it must be (null allowed unless
the rule is plain text). ``bool`` is refused where a number is meant: ``__class__ is int``."""


def _checked(located: Located, kind: str) -> Located:
    """The record, unchanged, once every field of :data:`_FIELDS` has the right type."""
    where, record = located
    for name, rule in _FIELDS[kind]:
        value = record.get(name)
        if value is None:
            ok = rule is not _TEXT
        elif rule is _WHOLE_NUMBER:
            ok = value.__class__ is int and value in INT64
        elif rule is _ID:
            ok = value.__class__ is int or value.__class__ is str
        elif rule is _TEXT_LIST:
            ok = value.__class__ is list and all(v.__class__ is str for v in value)
        else:
            ok = value.__class__ is str
        if not ok:
            raise ImportFailure(f"{where}: {name} must be {rule}")
    return located


def _time(where: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        moment.astimezone(UTC)  # stored as UTC: a time past the end of time is refused here
        return moment
    except ValueError:
        raise ImportFailure(f"{where}: not an ISO 8601 time: {value[:40]!r}") from None
    except OverflowError:  # 9999-12-31T23:59-01:00 is past the end of time in UTC
        raise ImportFailure(f"{where}: a time out of range: {value[:40]!r}") from None
