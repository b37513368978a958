"""Who publishes a ClaimReview: the fact-checking organisation, from ``config.toml``.

A ClaimReview without its reviewer, its date and its own page cannot be published (Google's
validator refuses it, and a reader cannot tell whose verdict it is), so the export asks for one
rather than guessing. ``config.toml`` in the config folder (``claimdesk paths``) holds::

    [reviewer]
    name = "Harbour Ledger Fact Check"
    url = "https://ledger.example/factcheck"
    review_url = "https://ledger.example/factcheck/claims/{id}"   # optional

``review_url`` is where each review is published, ``{id}`` standing for the claim's id; without
it a review's URL is the reviewer's with ``#claim-{id}``. ``claimdesk export
--reviewer-name/--reviewer-url`` override the file, field by field.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from store.paths import app_paths

CONFIG_NAME = "config.toml"


class ReviewerError(ValueError):
    """The reviewer is missing or cannot be read; ``str()`` says what to set, in one line."""


@dataclass(frozen=True, slots=True)
class Reviewer:
    """The organisation that publishes the reviews."""

    name: str
    url: str
    review_url: str | None = None

    def url_of(self, claim_id: int) -> str:
        """Where the review of claim ``claim_id`` is published."""
        if self.review_url:
            return self.review_url.replace("{id}", str(claim_id))
        return f"{self.url.split('#')[0]}#claim-{claim_id}"


def config_file() -> Path:
    return app_paths().config_dir / CONFIG_NAME


def missing_reviewer(path: Path | None = None, flags: bool = True) -> str:
    """What the user must set, in one line."""
    where = path or config_file()
    also = " (or pass --reviewer-name and --reviewer-url)" if flags else ""
    return (
        f"ClaimReview needs a reviewer: set [reviewer] name and url in {where}{also}, "
        "so each review names who published it"
    )


def _text(table: dict[str, object], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReviewerError(f"{path}: [reviewer] {key} must be a string")
    return value.strip() or None


def load_reviewer(
    path: Path | None = None, name: str | None = None, url: str | None = None
) -> Reviewer | None:
    """The reviewer from ``path`` (default: the config file) with ``name``/``url`` (the
    command line's) taking precedence; None when neither gives a name and a URL.

    ReviewerError for a file that cannot be read, a web address that is not one, or a
    ``review_url`` without ``{id}`` (every review would claim the same page).
    """
    path = path or config_file()
    table: dict[str, object] = {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ReviewerError(f"{path}: not read ({error})") from error
    found = data.get("reviewer", {})
    if not isinstance(found, dict):
        raise ReviewerError(f"{path}: [reviewer] must be a table (name, url, review_url)")
    table = found
    name = (name or "").strip() or _text(table, "name", path)
    url = (url or "").strip() or _text(table, "url", path)
    review_url = _text(table, "review_url", path)
    if not name or not url:
        return None
    for key, value in (("url", url), ("review_url", review_url)):
        if value is not None and not value.lower().startswith(("https://", "http://")):
            raise ReviewerError(f"the reviewer's {key} must be a web address: {value!r}")
    if review_url is not None and "{id}" not in review_url:
        raise ReviewerError(
            f"{path}: [reviewer] review_url must hold {{id}}, where each claim's id goes"
        )
    return Reviewer(name, url, review_url)
