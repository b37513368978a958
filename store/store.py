"""The Store: owns the engine, opens a short connection per call, returns plain records.

Nothing outside :mod:`store` opens sessions or writes SQL; the interface and the command line
call these methods (from worker threads in the app) and get frozen dataclasses back. The one
longer-lived connection is a :class:`WriteTransaction`, which an importer holds for a whole
streamed file so that the file is stored entirely or not at all.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from store import browse, editing, schema
from store.converters import article_record, claim_record, comment_record
from store.db import (
    WRITE_OPTION,
    DriverMissingError,
    connection_problem,
    create_engine,
    is_postgres,
)
from store.models import ARTICLE as A
from store.models import CLAIM as CL
from store.models import COMMENT as C
from store.models import QUANTITY as Q
from store.paths import resolve_db_url, sqlite_file, store_file_problem
from store.records import (
    AnyRecord,
    ArticleRecord,
    ClaimDraft,
    ClaimRecord,
    ClaimStatus,
    CommentRecord,
    DocumentDraft,
    Quantity,
    RecordKind,
)
from store.search.index import record_texts
from store.search.pending import PendingWords
from store.search.vocabulary import add_texts
from store.sqlite_wait import BUSY_TIMEOUT_MS
from store.writing import (
    IdCounter,
    RowBatch,
    add_claims,
    add_comments,
    article_row,
    chunks,
    fingerprint,
    insert_many,
    problem,
    refusal,
    transaction_lost,
)

if TYPE_CHECKING:
    from store.reextract import ReextractReport


@dataclass(frozen=True, slots=True)
class AddOutcome:
    """What happened to one document handed to :meth:`Store.add_documents`."""

    title: str
    source: str
    article_id: int | None
    created: bool
    comments: int = 0
    claims: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None
    file: str | None = None
    """The file the document was read from, set by the importer: one JSON export holds many
    documents whose ``source`` names the files *they* came from, and the user named this one."""


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts and size, for ``claimdesk stats`` and the status bar."""

    url: str
    path: str | None
    articles: int
    claims: int
    comments: int
    size_bytes: int
    schema_version: int


class StoreError(RuntimeError):
    """The store cannot be opened or used; ``str()`` is one line naming it and why."""


def _build_indexes_left_missing(engine: Engine, where: str) -> None:
    """PostgreSQL: the search indexes a killed copy left missing, built at the opening
    (:func:`store.search.postgres_index.build_indexes_left_missing`). A build refused (a
    role that does not own the tables) does not stop the opening: searches are right
    without them, only slower, and the owner's next opening or copy builds them."""
    from store.search.postgres_index import IndexBuildError, build_indexes_left_missing

    with contextlib.suppress(IndexBuildError):
        build_indexes_left_missing(engine, where)


class Store:
    """A claimdesk store at a SQLAlchemy URL (SQLite by default)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._identity: tuple[int, int] | None = None
        """(device, inode) of the SQLite file as opened: see :meth:`_check_same_file`."""

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        """Open the store named by ``--db``, ``CLAIMDESK_DB`` or the platform default."""
        return cls(resolve_db_url(db))

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for other backends and in-memory stores."""
        return sqlite_file(self.url)

    @property
    def where(self) -> str:
        """The store as error messages name it: its file, or its URL without a password."""
        if self.path is not None:
            return str(self.path)
        url = sa.make_url(self.url)
        return self.url if url.password is None else url.render_as_string(hide_password=True)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # -- connections -------------------------------------------------------------------------

    def _get_engine(self) -> Engine:
        # Created on first use, never at import or construction, so `claimdesk paths` and
        # `--help` never touch the disk.
        with self._lock:
            if self._engine is None:
                self._engine = self._open_engine()
            return self._engine

    def _open_engine(self) -> Engine:
        where = self.where
        try:
            if self.path is not None:
                problem = store_file_problem(self.path)
                if problem is not None:
                    raise StoreError(f"cannot open the store {where}: {problem}")
                self.path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url)
            schema.upgrade(engine)
            if is_postgres(self.url):
                _build_indexes_left_missing(engine, where)
        except DriverMissingError as error:
            raise StoreError(str(error)) from error
        except schema.SchemaError as error:
            raise StoreError(f"{where}: {error}") from error
        except DBAPIError as error:
            if is_postgres(self.url) and isinstance(error, OperationalError):
                raise StoreError(connection_problem(self.url, error.orig or error)) from error
            raise StoreError(f"cannot open the store {where}: {error.orig}") from error
        except ImportError as error:
            # create_engine imports the URL's driver: postgresql:// without psycopg installed.
            raise StoreError(
                f"cannot open the store {where}: its database driver "
                f"({error.name or 'for this URL'}) is not installed"
            ) from error
        except (SQLAlchemyError, OSError) as error:
            raise StoreError(
                f"cannot open the store {where}: {getattr(error, 'strerror', None) or error}"
            ) from error
        if self.path is not None:
            self._identity = _file_identity(self.path)
        return engine

    def _check_same_file(self) -> None:
        """Refuse to write when the file under the store's path is not the one opened.

        SQLite keeps writing to the file it opened: if another program deleted or replaced
        it meanwhile, every judgement would go to an unlinked inode and be lost when the app
        closes, without a word. A ``stat`` per write transaction costs microseconds.
        """
        path = self.path
        if path is None or self._identity is None:
            return
        now = _file_identity(path)
        if now is None:
            raise StoreError(
                f"the store file {path} was deleted while claimdesk "
                "had it open; restore it, or restart claimdesk to start a new one"
            )
        if now != self._identity:
            raise StoreError(
                f"the store file {path} was replaced by another file "
                "while claimdesk had it open; restart claimdesk to use the new one"
            )

    def check(self) -> None:
        """Open the database now and check its schema (StoreError if it is not a usable store).

        Cheap: it reads no table, unlike a count, which on a cold million-record store reads
        every page. A missing SQLite file is left missing (an empty store, created on first
        write).
        """
        if self.exists():
            self._get_engine()

    def exists(self) -> bool:
        """Whether there is anything to read (a missing SQLite file is an empty store)."""
        path = self.path
        return path is None or path.exists()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection to read with; a database error (a corrupt page met mid-read) becomes a
        one-line StoreError."""
        try:
            with self._get_engine().connect() as conn:
                yield conn
        except DBAPIError as error:
            raise StoreError(f"cannot read the store {self.where}: {error.orig}") from error

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction; a database error that ends it becomes a one-line StoreError
        (another program holding the store past the busy timeout is the usual one)."""
        engine = self._get_engine()
        try:
            with (
                engine.connect().execution_options(**{WRITE_OPTION: True}) as conn,
                _write_settings(conn),
                conn.begin(),
            ):
                self._check_same_file()  # under the write lock: nobody writes meanwhile
                yield conn
        except DBAPIError as error:
            where = self.where
            reason = str(error.orig)
            if "locked" in reason or "busy" in reason:
                reason += f" (another program kept it busy for over {BUSY_TIMEOUT_MS // 1000} s)"
            raise StoreError(f"cannot write to the store {where}: {reason}") from error

    # -- writing -----------------------------------------------------------------------------

    def add_document(self, draft: DocumentDraft) -> AddOutcome:
        """Store one document (see :meth:`add_documents`)."""
        return self.add_documents([draft])[0]

    def add_documents(self, drafts: Sequence[DocumentDraft]) -> list[AddOutcome]:
        """Store documents with their comments and claims, in one transaction of their own.

        The same as :meth:`WriteTransaction.add_documents` (which says what is skipped and what
        happens when the database refuses a document), committed before returning.
        """
        with self.transaction() as transaction:
            return transaction.add_documents(drafts)

    @contextmanager
    def transaction(self) -> Iterator[WriteTransaction]:
        """One write transaction for many batches: all of them are stored, or none.

        Leaving the ``with`` block normally commits; an exception leaving it rolls back
        everything written in it, and is raised again. An importer streams a file of any size
        through this in batches, so the file is all-or-nothing without being read twice.

        The price is the write lock (``BEGIN IMMEDIATE``, see :mod:`store.db`): it is taken at
        the first write and held until the block ends, so another writer (the app judging a
        claim, a second import) waits for the whole block, and fails after the busy timeout
        if the block takes longer. Readers are not blocked (WAL). Nothing is opened until the
        first document is written, so a transaction that writes nothing neither creates the
        store nor takes the lock.
        """
        with ExitStack() as held:
            transaction = WriteTransaction(self, held)
            yield transaction
            transaction.finish()  # before ``held`` commits; not after an exception

    def set_claim_status(
        self, claim_id: int, status: ClaimStatus, note: str | None = None
    ) -> ClaimRecord:
        """Judge a claim; ``note=None`` keeps the note it has. Raises KeyError if unknown.

        The same edit as :meth:`edit_claim` (so the judgement is in the history, with its
        time); saving the status it already has still marks the claim judged."""
        with self._write() as conn:
            exists = conn.execute(sa.select(CL.c.id).where(CL.c.id == claim_id)).first()
            if exists is None:
                raise KeyError(f"no claim with id {claim_id}")
            changes = editing.ClaimChanges(status=ClaimStatus(status), note=note)
            now = datetime.now(UTC)
            if not editing.edit_claim(conn, claim_id, changes, now, editing.who_edits(conn)):
                conn.execute(
                    sa.update(CL).where(CL.c.id == claim_id).values(judged=True, judged_at=now)
                )
        claim = self.get_claim(claim_id)
        assert claim is not None
        return claim

    # -- editing by hand (see store.editing) -------------------------------------------------

    def _edit(self, run: Callable[[Connection, datetime, str], Any]) -> Any:
        """Run one edit in a write transaction of its own, with the time and who edits;
        :class:`~store.editing.EditError` (one line) when it cannot be made."""
        with self._write() as conn:
            return run(conn, datetime.now(UTC), editing.who_edits(conn))

    def edit_claim(self, claim_id: int, changes: editing.ClaimChanges) -> ClaimRecord:
        """Change a claim's claimant, attribution, figures, status or note by hand."""
        self._edit(lambda conn, now, who: editing.edit_claim(conn, claim_id, changes, now, who))
        return self._claim_now(claim_id)

    def add_claim(
        self,
        article_id: int,
        start: int,
        end: int,
        claimant: str | None = None,
        changes: editing.ClaimChanges | None = None,
    ) -> ClaimRecord:
        """Add body text ``start..end`` of an article as a claim (see
        :func:`store.editing.add_claim`), with ``changes`` to the suggested fields (the app's
        dialog) in the same transaction."""

        def add(conn: Connection, now: datetime, who: str) -> int:
            claim_id = editing.add_claim(conn, article_id, start, end, now, who, claimant)
            if changes is not None:
                editing.edit_claim(conn, claim_id, changes, now, who)
            return claim_id

        return self._claim_now(self._edit(add))

    def delete_claim(self, claim_id: int) -> None:
        """Delete a claim (kept aside: :meth:`restore_claim` brings it back)."""
        self._edit(lambda conn, now, who: editing.delete_claim(conn, claim_id, now, who))

    def restore_claim(self, claim_id: int) -> ClaimRecord:
        """Bring a deleted claim back, with its id."""
        self._edit(lambda conn, now, who: editing.restore_claim(conn, claim_id, now, who))
        return self._claim_now(claim_id)

    def deleted_claims(self, article_id: int | None = None) -> list[editing.DeletedClaim]:
        """The deleted claims (of one article), the last deleted first."""
        if not self.exists():
            return []
        with self._read() as conn:
            return editing.deleted_claims(conn, article_id)

    def edit_article(self, article_id: int, changes: editing.ArticleChanges) -> ArticleRecord:
        """Change an article's URL, site, author or date by hand."""
        self._edit(lambda conn, now, who: editing.edit_article(conn, article_id, changes, now, who))
        article = self.get_article(article_id)
        assert article is not None
        return article

    def history(self, kind: editing.EditedKind, record_id: int) -> list[editing.HistoryEntry]:
        """Every change made by hand to one claim or article, oldest first."""
        if not self.exists():
            return []
        with self._read() as conn:
            return editing.history(conn, kind, record_id)

    def draft_claim(self, article_id: int, start: int, end: int) -> ClaimDraft:
        """What :meth:`add_claim` would store for this span (the dialog's prefilled claimant)."""
        article = self.get_article(article_id)
        if article is None:
            raise editing.EditError(f"no article with id {article_id}")
        return editing.drafted_claim(article.body, start, end)

    def _claim_now(self, claim_id: int) -> ClaimRecord:
        claim = self.get_claim(claim_id)
        if claim is None:
            raise editing.EditError(f"no claim with id {claim_id}")
        return claim

    def reextract(self, progress: Callable[[int, int], None] | None = None) -> ReextractReport:
        """Extract the claims of every stored document again (see :mod:`store.reextract`):
        updated, added and removed by today's rules, a judged claim never touched.
        ``progress(done, total)`` is called after each batch of articles."""
        from store.reextract import ReextractReport, article_ids, id_batches, reextract_articles

        report = ReextractReport()
        if not self.exists():
            return report
        with self._read() as conn:
            ids = article_ids(conn)
        for batch in id_batches(ids):
            with self._write() as conn:
                inserted = reextract_articles(conn, batch, report)
                _index_words(conn, inserted)
            if progress is not None:
                progress(report.articles, len(ids))
        return report

    # -- reading -----------------------------------------------------------------------------

    def counts(self) -> dict[RecordKind, int]:
        """How many articles, claims and comments the store holds."""
        if not self.exists():
            return {"article": 0, "claim": 0, "comment": 0}
        with self._read() as conn:

            def count(table: sa.Table) -> int:
                return int(
                    conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
                )

            return {"article": count(A), "claim": count(CL), "comment": count(C)}

    def is_empty(self) -> bool:
        """Whether the store holds no article: one row looked for, not a count (the search
        screen asks this whenever a query finds nothing, and counting a million rows on a cold
        cache took 0.9 s)."""
        if not self.exists():
            return True
        with self._read() as conn:
            return conn.execute(sa.select(A.c.id).limit(1)).first() is None

    def stats(self) -> StoreStats:
        counts = self.counts()
        path = self.path
        size = 0
        if path is not None:
            size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
        version = 0
        if self.exists():
            with self._read() as conn:
                version = schema.current_version(conn)
                if is_postgres(self.url):
                    size = int(
                        conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
                        or 0
                    )
        return StoreStats(
            url=self.url
            if sa.make_url(self.url).password is None
            else sa.make_url(self.url).render_as_string(hide_password=True),
            path=str(path) if path else None,
            articles=counts["article"],
            claims=counts["claim"],
            comments=counts["comment"],
            size_bytes=size,
            schema_version=version,
        )

    def list_articles(
        self, limit: int | None = None, offset: int = 0, ids: Sequence[int] | None = None
    ) -> list[ArticleRecord]:
        """Articles, newest published first (undated last), with claim and comment counts."""
        if not self.exists():
            return []
        claim_count = sa.select(sa.func.count()).where(CL.c.article_id == A.c.id).scalar_subquery()
        comment_count = sa.select(sa.func.count()).where(C.c.article_id == A.c.id).scalar_subquery()
        query = sa.select(A, claim_count.label("claim_count"), comment_count.label("comment_count"))
        if ids is not None:
            query = query.where(A.c.id.in_(list(ids)))
        query = query.order_by(A.c.published.is_(None), A.c.published.desc(), A.c.id)
        query = query.limit(limit).offset(offset)
        with self._read() as conn:
            return [article_record(row) for row in conn.execute(query)]

    def list_records(
        self, kind: RecordKind, limit: int | None = None, ids: Sequence[int] | None = None
    ) -> Sequence[AnyRecord]:
        """Records of one kind, in that kind's list order: the one place that picks the reader,
        so callers that take a kind (list, export, paging) need no table of their own."""
        if kind == "article":
            return self.list_articles(limit=limit, ids=ids)
        if kind == "claim":
            return self.list_claims(limit=limit, ids=ids)
        return self.list_comments(limit=limit, ids=ids)

    def get_article(self, article_id: int) -> ArticleRecord | None:
        found = self.list_articles(ids=[article_id])
        return found[0] if found else None

    def list_claims(
        self,
        limit: int | None = None,
        offset: int = 0,
        article_id: int | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[ClaimRecord]:
        """Claims in article order, then by their place in the text."""
        if not self.exists():
            return []
        query = sa.select(CL, A.c.title.label("article_title")).join(A, A.c.id == CL.c.article_id)
        if article_id is not None:
            query = query.where(CL.c.article_id == article_id)
        if ids is not None:
            query = query.where(CL.c.id.in_(list(ids)))
        query = (
            query.order_by(
                CL.c.article_id, CL.c.comment_id.is_not(None), CL.c.comment_id, CL.c.start
            )
            .limit(limit)
            .offset(offset)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
            quantities = self._quantities(conn, [row.id for row in rows])
        return [claim_record(row, quantities.get(row.id, ())) for row in rows]

    def get_claim(self, claim_id: int) -> ClaimRecord | None:
        found = self.list_claims(ids=[claim_id])
        return found[0] if found else None

    def _quantities(
        self, conn: Connection, claim_ids: list[int]
    ) -> dict[int, tuple[Quantity, ...]]:
        found: dict[int, list[Quantity]] = {}
        for chunk in chunks(claim_ids, 500):
            query = sa.select(Q).where(Q.c.claim_id.in_(chunk)).order_by(Q.c.claim_id, Q.c.position)
            for row in conn.execute(query):
                found.setdefault(row.claim_id, []).append(quantity_of_row(row._mapping))
        return {key: tuple(value) for key, value in found.items()}

    def list_comments(
        self,
        limit: int | None = None,
        offset: int = 0,
        article_id: int | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[CommentRecord]:
        """Comments in article order, then in their order on the page."""
        if not self.exists():
            return []
        query = sa.select(C, A.c.title.label("article_title")).join(A, A.c.id == C.c.article_id)
        if article_id is not None:
            query = query.where(C.c.article_id == article_id)
        if ids is not None:
            query = query.where(C.c.id.in_(list(ids)))
        query = query.order_by(C.c.article_id, C.c.position).limit(limit).offset(offset)
        with self._read() as conn:
            return [comment_record(row) for row in conn.execute(query)]

    # -- browsing (the app's paged lists; see store.browse) ----------------------------------

    def count_rows(self, kind: RecordKind) -> int:
        """How many rows the list of ``kind`` has (0 for a store not created yet)."""
        if not self.exists():
            return 0
        with self._read() as conn:
            return browse.count_rows(conn, kind)

    def browse_page(
        self,
        kind: RecordKind,
        order: browse.SortOrder,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[AnyRecord]:
        """Records ``offset .. offset+limit`` of the list of ``kind`` sorted by ``order``.

        Only that page is read: ids from an index walk, then the records of those ids.
        """
        if not self.exists():
            return []
        with self._read() as conn:
            ids = browse.page_ids(conn, kind, order, offset, limit, total)
        records = self.list_records(kind, ids=ids)
        by_id = {record.id: record for record in records}
        return [by_id[i] for i in ids if i in by_id]

    def browse_ids(self, kind: RecordKind, order: browse.SortOrder) -> list[int]:
        """Every id of the list of ``kind`` in ``order``, and nothing else: the app's "mark
        all" (a million ids take about 35 MB; a million records would take gigabytes)."""
        if not self.exists():
            return []
        with self._read() as conn:
            return browse.page_ids(conn, kind, order, 0, browse.count_rows(conn, kind))


class WriteTransaction:
    """Documents written in batches into one transaction: see :meth:`Store.transaction`.

    Each batch is written as :meth:`Store.add_documents` always did (the one code path: that
    method is a transaction of one batch). What a batch reports is final only once the
    transaction commits: if it rolls back, "created" documents were never stored.
    """

    def __init__(self, store: Store, held: ExitStack) -> None:
        self._store = store
        self._held = held
        self._conn: Connection | None = None
        self._words: PendingWords | None = None

    def _pending_words(self, conn: Connection) -> PendingWords | None:
        """The SQLite vocabulary counted so far (merged at :meth:`finish`); None elsewhere."""
        if self._words is None and conn.dialect.name == "sqlite":
            self._words = self._held.enter_context(PendingWords())
        return self._words

    def finish(self) -> None:
        """Merge the words of every batch into the search vocabulary, once, just before the
        transaction commits (see :class:`PendingWords`)."""
        if self._conn is not None and self._words is not None:
            self._words.merge_into(self._conn.connection.dbapi_connection)  # type: ignore[arg-type]

    def _connection(self) -> Connection:
        # Opened on the first write, and closed (committed or rolled back) with ``held``.
        if self._conn is None:
            self._conn = self._held.enter_context(self._store._write())
        return self._conn

    def add_documents(self, drafts: Sequence[DocumentDraft]) -> list[AddOutcome]:
        """Write documents with their comments and claims; skip ones already stored.

        A document already in the store (same URL, or same fingerprint when it has none) is
        not written again; that includes documents written earlier in this transaction, which
        its own reads see. A draft that cannot be stored as it is (:func:`problem`) is refused
        without being written. The batch is written with one bulk insert per table; if the
        database refuses it, each document is retried alone inside its own savepoint, so one
        bad document never takes another with it, and never leaves half of itself behind.
        """
        problems = {id(d): reason for d in drafts if (reason := problem(d)) is not None}
        valid = [d for d in drafts if id(d) not in problems]
        written = iter(self._add_valid(valid))
        return [
            AddOutcome(d.title, d.source, None, created=False, error=problems[id(d)])
            if id(d) in problems
            else next(written)
            for d in drafts
        ]

    def _add_valid(self, drafts: Sequence[DocumentDraft]) -> list[AddOutcome]:
        if not drafts:
            return []
        conn = self._connection()
        words = self._pending_words(conn)
        if words is not None:
            words.before_batch(conn.connection.dbapi_connection, len(drafts))  # type: ignore[arg-type]
        try:
            with conn.begin_nested():
                return _write_batch(conn, drafts, words)
        except Exception as error:  # any error: retry one by one, below
            self._still_usable(conn, error)
        outcomes: list[AddOutcome] = []
        for draft in drafts:
            try:
                with conn.begin_nested():
                    outcomes.extend(_write_batch(conn, [draft], words))
            except Exception as error:  # whatever it is, it is this document's
                self._still_usable(conn, error)
                outcomes.append(
                    AddOutcome(
                        title=draft.title,
                        source=draft.source,
                        article_id=None,
                        created=False,
                        error=refusal(error),
                    )
                )
        return outcomes

    def _still_usable(self, conn: Connection, error: Exception) -> None:
        """Raise StoreError if ``error`` ended the whole transaction, not one savepoint.

        SQLite rolls the entire transaction back by itself on some errors (disk full, I/O
        error); a savepoint opened after that would start a new transaction of its own and
        commit later documents without the earlier ones, so half an all-or-nothing file
        would land. Such errors, and any that leaves no transaction open, fail the whole
        transaction.
        """
        if transaction_lost(conn, error):
            where = self._store.where
            reason = str(error.orig) if isinstance(error, DBAPIError) else refusal(error)
            raise StoreError(
                f"cannot write to the store {where}: {reason}; "
                "nothing of this transaction was saved"
            ) from error


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _next_ids(conn: Connection) -> IdCounter:
    """The next free ids, read in the write transaction: it sees its own earlier batches, and
    no other writer can take an id before it commits (it holds the write lock)."""

    def next_id(table: sa.Table) -> int:
        return int(conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0) + 1

    return IdCounter(next_id(A), next_id(C), editing.next_claim_id(conn), next_id(Q))


def _existing(
    conn: Connection, drafts: Sequence[DocumentDraft], prints: Sequence[str]
) -> dict[str, int]:
    """Ids of stored articles matching any draft, keyed by ``url:`` / ``fp:`` strings."""
    urls = [d.url for d in drafts if d.url]
    found: dict[str, int] = {}
    for chunk in chunks(urls, 500):
        for row in conn.execute(sa.select(A.c.id, A.c.url).where(A.c.url.in_(chunk))):
            found[f"url:{row.url}"] = row.id
    for chunk in chunks(prints, 500):
        query = sa.select(A.c.id, A.c.fingerprint).where(A.c.fingerprint.in_(chunk))
        for row in conn.execute(query):
            found[f"fp:{row.fingerprint}"] = row.id
    return found


def _write_batch(
    conn: Connection, drafts: Sequence[DocumentDraft], words: PendingWords | None = None
) -> list[AddOutcome]:
    """Write ``drafts`` (one savepoint: the caller's); their words go to ``words`` when
    given (SQLite: counted in a thread while the inserts run), else to the index now."""
    ids = _next_ids(conn)
    prints = [fingerprint(d.title, d.body) for d in drafts]  # once: hashing is not free
    known = _existing(conn, drafts, prints)
    now = datetime.now(UTC)
    rows = RowBatch()
    outcomes: list[AddOutcome] = []
    for draft, print_ in zip(drafts, prints, strict=True):
        keys = [f"fp:{print_}"] + ([f"url:{draft.url}"] if draft.url else [])
        existing = next((known[k] for k in keys if k in known), None)
        if existing is not None:
            outcomes.append(
                AddOutcome(
                    draft.title,
                    draft.source,
                    existing,
                    created=False,
                    warnings=tuple(draft.warnings),
                )
            )
            continue
        article_id = ids.article
        ids.article += 1
        for key in keys:
            known[key] = article_id
        rows.articles.append(article_row(draft, article_id, print_, now))
        comment_ids = add_comments(rows, draft, article_id, ids)
        claims = draft.claims or []
        add_claims(rows, claims, article_id, comment_ids, ids)
        outcomes.append(
            AddOutcome(
                draft.title,
                draft.source,
                article_id,
                created=True,
                comments=len(draft.comments),
                claims=len(claims),
                warnings=tuple(draft.warnings),
            )
        )
    counted = None if words is None else words.count(rows)
    for table, batch in (
        (A, rows.articles),
        (C, rows.comments),
        (CL, rows.claims),
        (Q, rows.quantities),
    ):
        if batch:
            insert_many(conn, table, batch)
    if words is None or counted is None:
        _index_words(conn, rows)
    else:
        words.add(counted)
    return outcomes


@contextmanager
def _write_settings(conn: Connection) -> Iterator[None]:
    """SQLite's statement journals in memory, and a larger page cache, while this connection
    writes.

    Every multi-row INSERT that fires the search index's triggers keeps a statement journal
    (see :func:`store.writing.insert_many`), which spills to a temporary file past 64 KiB;
    in memory it is bounded by one statement's pages and saved ≈8% of the store's time in
    the 100k-article import.

    The records' secondary indexes (titles, authors, claimants, URLs, fingerprints) take
    each new row at a random place, and a large import's transaction outgrows SQLite's 2 MiB
    page cache: every such insert then reads its page back through the WAL (a transaction's
    spilled pages stay there until it commits) and spills another. With
    :data:`WRITE_CACHE_KIB` the batches of a 100k-record import into a 1M-record store took
    4.0–4.5 s of CPU instead of 5.0–6.5. SQLite takes the pages only as they are used, and
    gives them back when the size is reset.

    Reset afterwards, so the pooled connection reads (and sorts) with SQLite's defaults.
    """
    driver = conn.connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):
        yield
        return
    cache = driver.execute("PRAGMA cache_size").fetchone()[0]
    driver.execute("PRAGMA temp_store = MEMORY")
    driver.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        driver.execute("PRAGMA temp_store = DEFAULT")
        driver.execute(f"PRAGMA cache_size = {int(cache)}")


WRITE_CACHE_KIB = 128 * 1024
"""SQLite's page cache while a connection writes (see :func:`_write_settings`)."""


def _index_words(conn: Connection, rows: RowBatch) -> None:
    """Count the new records' words into the search vocabulary, in the same transaction.

    The full-text index follows the tables by itself (triggers, see :mod:`store.search.index`);
    the vocabulary needs Python's tokenizer, so the write path feeds it.
    """
    if conn.dialect.name == "sqlite":
        texts = record_texts(rows.articles, rows.claims, rows.comments)
        add_texts(conn.connection.dbapi_connection, texts)  # type: ignore[arg-type]
    elif conn.dialect.name == "postgresql":
        from store.search.postgres_index import index_rows

        index_rows(conn, rows)


def quantity_of_row(row: Any) -> Quantity:
    """A stored figure: its whole ``count``, else its ``value`` (a fraction or a huge count)."""
    count = row["count"]
    value = row.get("value")
    if count is None and value is not None:
        count = int(value) if value.is_integer() and abs(value) < 2**63 else value
    high, whole = row.get("high"), row.get("whole")
    return Quantity(
        count,
        row["text"],
        row["item"],
        unit=row.get("unit"),
        high=_whole_number(high),
        of=_whole_number(whole),
    )


def _whole_number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value.is_integer() and abs(value) < 2**63 else value
