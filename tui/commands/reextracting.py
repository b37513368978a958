"""``claimdesk reextract``: today's claim rules over the documents already in the store."""

from __future__ import annotations

import sys
from typing import TextIO

from tui.commands.common import open_store


def reextract_command(db: str | None, out: TextIO | None = None) -> int:
    """Re-extract every document's claims; a claim the user judged is never changed."""
    out = out or sys.stdout
    with open_store(db) as store:
        report = store.reextract()
    print(
        f"reextracted {report.articles} articles: {report.added} claims added, "
        f"{report.updated} updated, {report.removed} removed, "
        f"{report.kept_judged} claims you judged or edited kept as they are",
        file=out,
    )
    return 0
