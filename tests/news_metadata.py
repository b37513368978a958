"""Scoring the metadata claimdesk reads from the dev set's news pages against hand labels.

The labels (tests/data/news_metadata.json) were written from the raw HTML before looking at
what the importer gives. Used by tests/test_metadata_real.py and
benchmarks/bench_metadata_real.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.records import DocumentDraft

LABELS = Path(__file__).resolve().parent / "data" / "news_metadata.json"
FIELDS = ("title", "author", "date", "site")
UNKNOWN = "?"
_NOT_WORD = re.compile(r"[\W_]+")
_NAMES = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def labels() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))
    return {page: fields for page, fields in data.items() if not page.startswith("_")}


def _letters(text: str) -> str:
    return _NOT_WORD.sub("", text.casefold())


def _names(text: str | None) -> frozenset[str]:
    return frozenset(n.casefold() for n in _NAMES.split(text or "") if n.strip())


def _values(label: Any) -> list[Any]:
    return label if isinstance(label, list) else [label]


def right(field: str, label: Any, draft: DocumentDraft) -> bool:
    """Whether the draft's field matches one of the label's acceptable values."""
    for want in _values(label):
        if field == "title":
            got, wanted = _letters(draft.title), _letters(want)
            length = min(40, len(wanted))
            if got and got[:length] == wanted[:length]:
                return True
        elif field == "author":
            if _names(draft.author) == _names(want):
                return True
        elif field == "date":
            days = set()
            if draft.published is not None:
                days.add(draft.published.date().isoformat())
            if want in days or (want is None and not days):
                return True
        elif (draft.site or "").casefold() == (want or "").casefold():
            return True
    return False


@dataclass(frozen=True, slots=True)
class FieldScore:
    right: int
    labelled: int
    wrong: tuple[str, ...]


def score(drafts: dict[str, DocumentDraft]) -> dict[str, FieldScore]:
    """Per field: pages right, pages labelled, and the pages wrong (for the note)."""
    scores = {}
    for field in FIELDS:
        right_pages, wrong = 0, []
        labelled = 0
        for page, fields in labels().items():
            if fields[field] == UNKNOWN:
                continue
            labelled += 1
            if right(field, fields[field], drafts[page]):
                right_pages += 1
            else:
                wrong.append(page)
        scores[field] = FieldScore(right_pages, labelled, tuple(wrong))
    return scores


def pages_all_right(drafts: dict[str, DocumentDraft]) -> tuple[int, int]:
    """Pages whose every labelled field is right, and the pages."""
    table = labels()
    good = sum(
        1
        for page, fields in table.items()
        if all(fields[f] == UNKNOWN or right(f, fields[f], drafts[page]) for f in FIELDS)
    )
    return good, len(table)
