"""JSON and JSON Lines: exactly the ``as_json`` shapes that ``claimdesk list --json`` prints.

An export must import again, and a claim or comment means nothing without its article (the
JSON importer rebuilds documents from articles). So every article a marked claim or comment
belongs to is written too, before its comments and claims, and so is the comment a marked
claim was found in. Ids are those of the exporting store; the importer gives new ones and uses
these only to link records. A comment's ``parent_id`` may name a comment not in the export
(the reply was marked, the comment it answers was not); the importer then keeps it top-level.
"""

from __future__ import annotations

import json
from typing import Any

from store.export.bundle import ExportBundle
from store.records import CommentRecord
from store.safe_text import json_safe


def export_objects(bundle: ExportBundle) -> list[dict[str, Any]]:
    """The records to write, as ``as_json`` dicts, each article followed by its own records."""
    objects: list[dict[str, Any]] = []
    for group in bundle.groups():
        objects.append(group.article.as_json())
        comments: dict[int, CommentRecord] = {c.id: c for c in group.comments}
        for claim in group.claims:
            source = bundle.comment_of(claim)
            if source is not None:
                comments.setdefault(source.id, source)
        objects += [c.as_json() for c in sorted(comments.values(), key=lambda c: c.position)]
        objects += [claim.as_json() for claim in group.claims]
    return objects


def export_json(bundle: ExportBundle) -> str:
    """One JSON array, indented for people who open the file."""
    return json_safe(json.dumps(export_objects(bundle), ensure_ascii=False, indent=2)) + "\n"


def export_jsonl(bundle: ExportBundle) -> str:
    """One JSON object per line, for tools that stream records."""
    return "".join(
        json_safe(json.dumps(obj, ensure_ascii=False)) + "\n" for obj in export_objects(bundle)
    )
