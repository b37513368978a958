"""What the app and its screens promise each other, in types mypy checks.

The app's keys (``v`` judge, ``e`` export, ``y`` copy, ``o`` open the URL) act on "what is under
the cursor" of whichever screen is on top. Every screen of the desk is a :class:`DeskScreen`
and answers :meth:`DeskScreen.current_item`; the app asks nothing else of it. (It used to look
for a ``current_record`` method with ``getattr``; the search screen had ``current_hit``
instead, so those four keys silently did nothing on a search hit.)

News that every screen may need goes the other way, as Textual signals the app owns and the
screens subscribe to in their ``on_mount`` (posting's ``env_changed_signal`` habit):

- ``claim_judged`` (:class:`~store.records.ClaimRecord`): a claim's status or note was saved;
- ``marks_changed`` (``None``): a mark was added or removed, on any screen;
- ``store_changed`` (``None``): records were added (the first run's sample import).

A signal reaches a screen that is not on top too, so coming back to it needs no refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.screen import Screen

from store.records import AnyRecord, ArticleRecord
from store.search.hits import SearchHit

if TYPE_CHECKING:
    from tui.app.app import ClaimdeskApp

Pointed = AnyRecord | SearchHit
"""What a cursor can be on: a record (lists, reader) or a search hit, which names its record
(``kind``, ``id``) and its article without being one."""


def article_id_of(item: Pointed) -> int:
    """The article an item belongs to (an article is its own)."""
    return item.id if isinstance(item, ArticleRecord) else item.article_id


class DeskScreen(Screen[None]):
    """A screen of the desk (the lists, the reader, search): what the app's keys act on."""

    HELP_NOTES: ClassVar[str] = ""
    """Shown under the key table on the help screen (the search syntax, for one)."""
    JUDGE_HINT: ClassVar[str] = "Judging works on claims"
    """What ``v`` says when the cursor is not on a claim: where to find one from here."""

    app: ClaimdeskApp

    def judge_hint(self) -> str:
        """What ``v`` says here when the cursor is not on a claim (:attr:`JUDGE_HINT`)."""
        return self.JUDGE_HINT

    def current_item(self) -> Pointed | None:
        """What ``e``, ``y``, ``o`` and ``v`` act on when nothing is marked: the row, claim,
        comment or hit under the cursor; None when there is none (an empty list)."""
        return None
