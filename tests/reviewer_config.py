"""A reviewer in ``config.toml``, as a fact-checking desk sets it up once for ClaimReview."""

from __future__ import annotations

from pathlib import Path

from store.export.reviewer import Reviewer, config_file

REVIEWER = Reviewer(
    "Harbour Ledger Fact Check",
    "https://ledger.example/factcheck",
    "https://ledger.example/factcheck/claims/{id}",
)


def write_reviewer(text: str | None = None) -> Path:
    """Write ``text`` (default: :data:`REVIEWER`) as the user's ``config.toml``; its path."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        text
        if text is not None
        else (
            "[reviewer]\n"
            f'name = "{REVIEWER.name}"\n'
            f'url = "{REVIEWER.url}"\n'
            f'review_url = "{REVIEWER.review_url}"\n'
        ),
        encoding="utf-8",
    )
    return path
