"""What a search returns: one hit per record, saying where and how it matched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.records import RecordKind


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A record that matched, with enough to show *why* without reading the record again.

    ``field`` names the field that matched best ("title", "body", "claim text", "claimant",
    "comment body", "author", "tags", "site", "article title"). ``snippet`` is a short,
    one-line excerpt of that field, and ``spans`` are the matched words as (start, end)
    offsets into the snippet, for highlighting. ``offset`` is where the first match starts
    in the full field text, so the reader can jump there. ``text`` is the record's headline
    (an article's title, a claim's text, a comment's body).
    """

    kind: RecordKind
    id: int
    score: float
    field: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    text: str
    article_id: int
    offset: int

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "score": round(self.score, 1),
            "field": self.field,
            "snippet": self.snippet,
            "spans": [list(span) for span in self.spans],
            "text": self.text,
            "article_id": self.article_id,
            "offset": self.offset,
        }
