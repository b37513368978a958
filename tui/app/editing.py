"""The app's corrections: edit a claim or an article, add a claim from the reader, delete and
restore claims, see what was changed by hand.

Keys (app-wide, see :class:`~tui.app.app.ClaimdeskApp`): ``E`` edits what is under the cursor
(a claim, or an article: a row, the reader's body, a search hit), also from the judging dialog;
``d`` deletes the claim under the cursor and ``u`` brings back the last one deleted (mutt's
delete and undelete); ``D`` lists the deleted claims (of the open article in the reader) and
``enter`` there restores one; ``H`` shows the claim's or article's history. The reader's ``V``
selects text to make a claim of (:mod:`tui.app.visual`), which ends in :meth:`Editor.add_claim`.

Each store call runs in a thread worker; the result comes back on the UI thread, where the
app's signals tell every screen: ``claim_judged`` for a changed claim (lists and reader show
it), ``store_changed`` for a claim added, deleted or restored and an article edited (the
lists read again), and the open readers of that article reload their claims in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from store.records import ArticleRecord, ClaimRecord, CommentRecord
from store.safe_text import one_line
from tui.app.modals.edit_article import ArticleEdit, ArticleEditModal
from tui.app.modals.edit_claim import ClaimEdit, ClaimEditModal, ClaimForm
from tui.app.modals.history import DeletedClaimsModal, HistoryModal

if TYPE_CHECKING:
    from store.editing import ClaimChanges
    from store.store import Store
    from tui.app import ClaimdeskApp
    from tui.app.contract import Pointed

T = TypeVar("T")
UNDO_DEPTH = 100
"""How many deletions ``u`` can take back, newest first (the ``D`` list has all of them)."""


def claim_form(claim: ClaimRecord) -> ClaimForm:
    return ClaimForm(
        text=claim.text,
        claimant=claim.claimant or "",
        attribution=claim.attribution or "",
        quantities=claim.quantities,
        status=claim.status,
        note=claim.note,
        claimant_type=claim.claimant_type,
        title=f"Edit claim {claim.id}",
    )


def changes_of(edit: ClaimEdit) -> ClaimChanges:
    from store.editing import ClaimChanges

    return ClaimChanges(
        claimant=edit.claimant,
        attribution=edit.attribution,
        status=edit.status,
        note=edit.note,
        quantities=edit.quantities,
        claimant_type=edit.claimant_type,
    )


class Editor:
    """Dialogs, then the store in a worker, then the news, for one app (UI thread)."""

    def __init__(self, app: ClaimdeskApp) -> None:
        self.app = app
        self.deleted: list[int] = []
        """Claims deleted in this session, the last one at the end (``u`` pops it)."""

    # -- running store calls -----------------------------------------------------------------

    def _run(self, job: Callable[[Store], T], done: Callable[[T], None], failed: str) -> None:
        """``job(store)`` in a thread worker, then ``done(result)`` on the UI thread; an error
        is one line (``failed``: what was not done)."""
        app = self.app

        def work() -> None:
            try:
                result = job(app.store)
            except Exception as error:  # an EditError, a store error: one line, no crash
                app.call_from_thread(
                    app.notify, one_line(f"{failed}: {error}", 200), severity="error", markup=False
                )
                return
            app.call_from_thread(done, result)

        app.run_worker(work, thread=True, group="edit", exit_on_error=False)

    def _read(self, item: Pointed, then: Callable[[Any], None]) -> None:
        """The record a search hit names (records are passed on as they are)."""
        if isinstance(item, ArticleRecord | ClaimRecord | CommentRecord):
            then(item)
            return
        kind, record_id = item.kind, item.id

        def read(store: Store) -> Any:
            found: object = None
            if kind == "claim":
                found = store.get_claim(record_id)
            elif kind == "article":
                found = store.get_article(record_id)
            if found is None:
                raise LookupError(f"{kind} {record_id} is no longer in the store")
            return found

        self._run(read, then, "Cannot read it")

    def _readers(self, article_id: int) -> list[Any]:
        from tui.app.screens.reader import ReaderScreen

        return [
            s
            for s in self.app.screen_stack
            if isinstance(s, ReaderScreen) and s.article_id == article_id
        ]

    def _claims_changed(self, article_id: int, focus: int | None = None) -> None:
        self.app.store_changed.publish(None)
        for reader in self._readers(article_id):
            reader.reload(focus_claim=focus)

    # -- E: edit -----------------------------------------------------------------------------

    def edit(self, item: Pointed | None) -> None:
        """``E``: the claim dialog on a claim, the article dialog on an article."""
        if item is None:
            self.app.say("Nothing to edit here: E edits the claim or article under the cursor")
            return
        if item.kind == "comment":
            self.app.say(
                "Comments are kept as they were written; E on a claim or an article edits it"
            )
            return
        self._read(item, self._open)

    def _open(self, record: Any) -> None:
        if isinstance(record, ClaimRecord):
            self.edit_claim(record)
        elif isinstance(record, ArticleRecord):
            self.edit_article(record)

    def edit_claim(self, claim: ClaimRecord) -> None:
        def save(edit: ClaimEdit | None) -> None:
            if edit is not None:
                changes = changes_of(edit)
                self._run(
                    lambda store: store.edit_claim(claim.id, changes),
                    self._claim_saved,
                    f"Claim {claim.id} not saved",
                )

        self.app.push_screen(ClaimEditModal(claim_form(claim)), save)

    def _claim_saved(self, claim: ClaimRecord) -> None:
        self.app.claim_judged.publish(claim)
        who = one_line(claim.claimant or "no claimant", 30)
        self.app.say(f"Claim {claim.id} saved: {who}, {claim.status.value}")

    def edit_article(self, article: ArticleRecord) -> None:
        def save(edit: ArticleEdit | None) -> None:
            if edit is None:
                return
            from store.editing import ArticleChanges

            changes = ArticleChanges(
                url=edit.url,
                site=edit.site,
                author=edit.author,
                published=edit.published,
                clear_published=edit.published is None,
            )
            self._run(
                lambda store: store.edit_article(article.id, changes),
                self._article_saved,
                f"Article {article.id} not saved",
            )

        self.app.push_screen(ArticleEditModal(article), save)

    def _article_saved(self, article: ArticleRecord) -> None:
        self.app.store_changed.publish(None)
        for reader in self._readers(article.id):
            reader.reload()
        self.app.say(f"Article {article.id} saved")

    # -- adding a claim (the reader's visual mode) ---------------------------------------------

    def add_claim(self, article_id: int, start: int, end: int) -> None:
        """The claim dialog on the text ``start..end`` of an article's body, prefilled with
        what the extractor reads there; saving adds it."""

        def suggest(store: Store) -> ClaimForm:
            draft = store.draft_claim(article_id, start, end)
            return ClaimForm(
                text=draft.text,
                claimant=draft.claimant or "",
                attribution=draft.attribution or "",
                quantities=draft.quantities,
                title="Add this text as a claim",
            )

        def ask(form: ClaimForm) -> None:
            def save(edit: ClaimEdit | None) -> None:
                if edit is None:
                    return
                changes = changes_of(edit)
                self._run(
                    lambda store: store.add_claim(article_id, start, end, edit.claimant, changes),
                    self._claim_added,
                    "Claim not added",
                )

            self.app.push_screen(ClaimEditModal(form), save)

        self._run(suggest, ask, "Cannot read the article")

    def _claim_added(self, claim: ClaimRecord) -> None:
        self._claims_changed(claim.article_id, focus=claim.id)
        who = one_line(claim.claimant or "no claimant", 30)
        self.app.say(f"Claim {claim.id} added ({who}); d deletes it again")

    # -- d, u, D: deleting and restoring ----------------------------------------------------

    def delete(self, item: Pointed | None) -> None:
        """``d``: delete the claim under the cursor (a hint anywhere else)."""
        if item is None or isinstance(item, ArticleRecord) or item.kind != "claim":
            self.app.say("d deletes a claim: put the cursor on one (u brings it back)")
            return
        claim_id, article_id = item.id, item.article_id

        def deleted(_none: None) -> None:
            self.deleted = [*self.deleted, claim_id][-UNDO_DEPTH:]
            self._claims_changed(article_id)
            self.app.say(f"Claim {claim_id} deleted · u undoes · D lists the deleted claims")

        self._run(
            lambda store: store.delete_claim(claim_id), deleted, f"Claim {claim_id} not deleted"
        )

    def undo(self) -> None:
        """``u``: bring back the claim deleted last in this session."""
        if not self.deleted:
            self.app.say("Nothing to undo: no claim was deleted (D lists the deleted claims)")
            return
        self.restore(self.deleted.pop())

    def restore(self, claim_id: int) -> None:
        if claim_id in self.deleted:
            self.deleted.remove(claim_id)

        from tui.app.screens.browser import BrowserScreen

        def restored(claim: ClaimRecord) -> None:
            self._claims_changed(claim.article_id, focus=claim.id)
            for screen in self.app.screen_stack:
                if isinstance(screen, BrowserScreen):
                    screen.record_list("claim").focus_on(claim.id)
            self.app.say(f"Claim {claim.id} restored")

        self._run(
            lambda store: store.restore_claim(claim_id), restored, f"Claim {claim_id} not restored"
        )

    def show_deleted(self, article_id: int | None, where: str = "") -> None:
        """``D``: the deleted claims (of one article); ``enter`` restores one."""

        def show(deleted: list[Any]) -> None:
            def chosen(claim_id: int | None) -> None:
                if claim_id is not None:
                    self.restore(claim_id)

            self.app.push_screen(DeletedClaimsModal(deleted, where), chosen)

        self._run(lambda store: store.deleted_claims(article_id), show, "Cannot list them")

    # -- H: history --------------------------------------------------------------------------

    def history(self, item: Pointed | None) -> None:
        """``H``: what was changed by hand in the claim or article under the cursor."""
        if item is None or item.kind == "comment":
            self.app.say("H shows the history of a claim or an article: put the cursor on one")
            return
        kind, record_id = item.kind, item.id

        def show(entries: list[Any]) -> None:
            self.app.push_screen(HistoryModal(f"{kind} {record_id}", entries))

        self._run(
            lambda store: store.history(kind, record_id),
            show,
            "Cannot read the history",
        )
