"""``claimdesk feeds …``, ``claimdesk refresh`` and the URL half of ``claimdesk import``.

Parsers are added by :func:`add_parsers` and run by :func:`run`, so :mod:`tui.cli` only hooks
them in. Output follows ``import``: one line per feed or document (failures on stderr, naming
the URL), a summary, a progress bar on a terminal, exit 1 when anything failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from store.paths import db_file
from store.safe_text import one_line
from tui.commands.common import check_store_folder, open_store
from tui.commands.output import Field, chosen_format, write_records
from tui.errors import CommandError

if TYPE_CHECKING:
    from store.fetch.refresh import FeedResult

COMMANDS = ("feeds", "refresh")


def seconds_arg(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < number <= 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 3600: {value!r}")
    return number


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``feeds`` and ``refresh`` sub-commands."""
    feeds = sub.add_parser("feeds", help="subscribe to feeds: add, list, remove, import, export")
    actions = feeds.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="subscribe to feed URLs")
    add.add_argument("urls", nargs="+", metavar="URL")
    add.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        help="a tag for these feeds (repeat for more)",
    )
    lst = actions.add_parser("list", help="the subscriptions with their last status")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    rm = actions.add_parser("remove", help="unsubscribe (the articles stay)")
    rm.add_argument("urls", nargs="+", metavar="URL")
    imp = actions.add_parser(
        "import", help="subscribe to the feeds of an OPML file or a newsboat urls file"
    )
    imp.add_argument("file", metavar="FILE")
    exp = actions.add_parser("export", help="write the subscriptions as OPML 2.0")
    exp.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE|-",
        help="where to write; - for standard output",
    )
    exp.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    refresh = sub.add_parser("refresh", help="fetch subscribed feeds and import what is new")
    refresh.add_argument(
        "urls", nargs="*", metavar="URL", help="only these subscribed feeds (default: all)"
    )
    refresh.add_argument(
        "--timeout",
        type=seconds_arg,
        default=30.0,
        metavar="S",
        help="give up on a server after S seconds (default 30)",
    )
    refresh.add_argument(
        "--full-pages",
        action="store_true",
        help="for new entries that are summaries, fetch the linked page (full text and comments)",
    )
    refresh.add_argument(
        "-q", "--quiet", action="store_true", help="print only failures and the summary"
    )


def run(args: argparse.Namespace) -> int:
    """Run a ``feeds`` or ``refresh`` command parsed by :func:`add_parsers`."""
    if args.command == "refresh":
        return refresh_command(
            args.db,
            args.urls or None,
            timeout=args.timeout,
            full_pages=args.full_pages,
            quiet=args.quiet,
        )
    action = args.feeds_action
    if action == "add":
        return add_command(args.db, args.urls, args.tag)
    if action == "list":
        return list_command(args.db, as_json=args.json)
    if action == "remove":
        return remove_command(args.db, args.urls)
    if action == "import":
        return import_list_command(args.db, args.file)
    return export_command(args.db, args.output, force=args.force)


# -- subscriptions ---------------------------------------------------------------------------


def add_command(
    db: str | None, urls: Sequence[str], tags: Sequence[str], out: TextIO | None = None
) -> int:
    from store.fetch.client import is_web_url
    from store.fetch.subscriptions import add_subscription

    out = out or sys.stdout
    bad = [url for url in urls if not is_web_url(url)]
    if bad:
        raise CommandError(f"{one_line(bad[0])}: not an http(s) URL")
    with open_store(db) as store:
        for url in urls:
            if add_subscription(store, url.strip(), tags):
                print(f"subscribed  {one_line(url)}", file=out)
            else:
                print(
                    f"already     {one_line(url)} (tags added)"
                    if tags
                    else f"already     {one_line(url)}",
                    file=out,
                )
    print("`claimdesk refresh` (or R in the app) fetches them", file=out)
    return 0


_LIST_FIELDS: list[Field] = [
    Field("title", "TITLE", lambda s: s.title or "", 28, 8),
    Field("tags", "TAGS", lambda s: ",".join(s.tags), 14, 4),
    Field(
        "last_fetched",
        "FETCHED",
        lambda s: s.last_fetched.isoformat() if s.last_fetched else "",
        16,
        10,
        shown=lambda s: s.last_fetched.strftime("%Y-%m-%d %H:%M") if s.last_fetched else "never",
    ),
    Field("entries", "ENTRIES", lambda s: str(s.entries), 7),
    Field("status", "STATUS", lambda s: s.status, 24, 8),
    Field("url", "URL", lambda s: s.url, None, 20),
]
"""The URL last and (nearly) whole: it is what `refresh URL` and `feeds remove` take."""


def list_command(db: str | None, as_json: bool = False, out: TextIO | None = None) -> int:
    from store.fetch.subscriptions import list_subscriptions

    out = out or sys.stdout
    with open_store(db) as store:
        subscriptions = list_subscriptions(store)
    fmt = chosen_format("json" if as_json else None, out)
    if not subscriptions and fmt == "table":
        print(
            "no subscriptions: `claimdesk feeds add URL` or `claimdesk feeds import FILE`", file=out
        )
    else:
        write_records(fmt, _LIST_FIELDS, subscriptions, out, lambda s: s.as_json())
    return 0


def remove_command(
    db: str | None, urls: Sequence[str], out: TextIO | None = None, err: TextIO | None = None
) -> int:
    from store.fetch.subscriptions import remove_subscription

    out, err = out or sys.stdout, err or sys.stderr
    status = 0
    with open_store(db) as store:
        for url in urls:
            if remove_subscription(store, url.strip()):
                print(f"removed     {one_line(url)} (its articles stay)", file=out)
            else:
                print(f"claimdesk: {one_line(url)}: not subscribed", file=err)
                status = 1
    return status


def import_list_command(
    db: str | None, file: str, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    from store.fetch.opml import FeedListError, read_feed_list
    from store.fetch.subscriptions import add_subscription

    out, err = out or sys.stdout, err or sys.stderr
    path = Path(file)
    try:
        found = read_feed_list(path.read_bytes())
    except OSError as error:
        raise CommandError(f"{file}: cannot read: {error.strerror or error}") from error
    except FeedListError as error:
        raise CommandError(f"{file}: {error}") from error
    for problem in found.problems:
        print(f"warning  {one_line(file)}: {one_line(problem)}", file=err)
    added = 0
    with open_store(db) as store:
        for feed in found.feeds:
            added += add_subscription(store, feed.url, feed.tags, feed.title)
    print(
        f"{len(found.feeds)} feeds in {file}: {added} subscribed, "
        f"{len(found.feeds) - added} already",
        file=out,
    )
    return 0


def export_command(
    db: str | None, output: str, force: bool = False, out: TextIO | None = None
) -> int:
    from store.fetch.opml import write_opml
    from store.fetch.subscriptions import list_subscriptions

    out = out or sys.stdout
    with open_store(db) as store:
        subscriptions = list_subscriptions(store)
    data = write_opml(subscriptions)
    if output == "-":
        out.write(data.decode("utf-8"))
        return 0
    path = Path(output)
    try:
        with path.open("wb" if force else "xb") as file:
            file.write(data)
    except FileExistsError:
        raise CommandError(f"{output}: already exists (--force replaces it)") from None
    except OSError as error:
        raise CommandError(f"{output}: cannot write: {error.strerror or error}") from error
    print(f"{len(subscriptions)} feeds written to {output}", file=out)
    return 0


# -- refresh ---------------------------------------------------------------------------------


def _feed_line(result: FeedResult) -> str:
    line = f"{one_line(result.url)}: {one_line(result.status if result.ok else result.reason)}"
    extra = []
    if result.pages:
        extra.append(f"{result.pages} full pages")
    if result.page_failures:
        extra.append(f"{result.page_failures} pages failed, their summaries kept")
    if result.refused:
        extra.append(f"{result.refused} entries refused by the store")
    return line + (f" ({', '.join(extra)})" if extra else "")


def refresh_command(
    db: str | None,
    urls: Sequence[str] | None,
    timeout: float = 30.0,
    full_pages: bool = False,
    quiet: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    quick: bool = True,
) -> int:
    """Fetch the subscribed feeds; one line per feed, a summary; exit 1 if any failed.

    A SQLite store is first refreshed without SQLAlchemy (:mod:`store.fetch.unchanged`): when
    every feed answers 304 or fails, the store is never opened through
    :class:`~store.store.Store`, which costs ≈0.5 s of imports. ``quick=False`` (for the tests
    that compare the two) takes the full way from the start.
    """
    from store.fetch.results import RefreshReport
    from store.fetch.unchanged import refresh_unchanged
    from tui.commands.refresh_progress import RefreshProgress

    out, err = out or sys.stdout, err or sys.stderr

    def show(result: FeedResult) -> None:
        if not result.ok:
            bar.print(f"failed   {_feed_line(result)}", err)
        elif not quiet:
            bar.print(f"{'new' if result.new else 'ok':<8} {_feed_line(result)}", out)
        for outcome in result.outcomes:
            if outcome.error is not None:
                bar.print(f"failed   {one_line(outcome.title, 60)}: {one_line(outcome.error)}", err)
            for warning in outcome.warnings:
                bar.print(f"warning  {one_line(outcome.title, 60)}: {one_line(warning)}", err)

    started = time.perf_counter()
    with RefreshProgress(err) as bar:
        done = None
        if quick:
            check_store_folder(db)
            done = refresh_unchanged(
                db_file(db), urls, timeout=timeout, listener=show, progress=bar.counts
            )
        if done is not None and done.saved:
            report = RefreshReport([s.result for s in done.settled])
        else:
            from store.fetch.refresh import refresh_feeds, refresh_rest

            with open_store(db) as store:
                if done is None:
                    report = refresh_feeds(
                        store,
                        urls,
                        timeout=timeout,
                        full_pages=full_pages,
                        listener=show,
                        progress=bar.counts,
                    )
                else:
                    report = refresh_rest(
                        store,
                        done,
                        timeout=timeout,
                        full_pages=full_pages,
                        listener=show,
                        progress=bar.counts,
                    )
    seconds = time.perf_counter() - started
    if not report.results:
        print("no subscriptions: `claimdesk feeds add URL` first", file=out)
        return 0
    unchanged = sum(1 for r in report.results if r.ok and r.new == 0)
    print(
        f"{len(report.results)} feeds: {report.new} new articles, "
        f"{sum(1 for r in report.results if r.new)} feeds with new entries, {unchanged} "
        f"with nothing new, {report.failed} failed ({seconds:.2f} s)",
        file=out,
    )
    return 0 if report.ok else 1


# -- import URL ------------------------------------------------------------------------------


def import_targets(
    db: str | None,
    targets: Sequence[str],
    quiet: bool = False,
    timeout: float = 30.0,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """``claimdesk import``: URLs are fetched here, files and folders go to the file import."""
    from store.fetch.client import is_web_url
    from tui.commands.importing import import_command

    urls = [t for t in targets if is_web_url(t)]
    paths = [t for t in targets if not is_web_url(t)]
    status = 0
    if urls:
        status |= import_urls_command(db, urls, quiet=quiet, timeout=timeout, out=out, err=err)
    if paths or not urls:
        status |= import_command(db, paths, quiet=quiet, out=out, err=err)
    return status


def import_urls_command(
    db: str | None,
    urls: Sequence[str],
    quiet: bool = False,
    timeout: float = 30.0,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Fetch and import pages and feeds; one line per document, as for files."""
    from store.fetch.refresh import import_urls
    from tui.commands.refresh_progress import RefreshProgress

    out, err = out or sys.stdout, err or sys.stderr

    def show(result: FeedResult) -> None:
        if not result.ok:
            bar.print(f"failed   {one_line(result.url)}: {one_line(result.reason)}", err)
            return
        for outcome in result.outcomes:
            if outcome.error is not None:
                bar.print(
                    f"failed   {one_line(result.url)}: {one_line(outcome.title, 60)}: "
                    f"{one_line(outcome.error)}",
                    err,
                )
                continue
            if not quiet:
                what = "added   " if outcome.created else "already "
                detail = (
                    f" ({outcome.comments} comments, {outcome.claims} claims)"
                    if outcome.created
                    else f" (in the store as article {outcome.article_id})"
                )
                bar.print(
                    f"{what} {one_line(result.url)}: {one_line(outcome.title, 60)}{detail}", out
                )
            for warning in outcome.warnings:
                bar.print(f"warning  {one_line(result.url)}: {one_line(warning)}", err)

    started = time.perf_counter()
    with open_store(db) as store, RefreshProgress(err, unit="URLs") as bar:
        report = import_urls(store, urls, timeout=timeout, listener=show, progress=bar.counts)
    seconds = time.perf_counter() - started
    outcomes = [o for r in report.results for o in r.outcomes]
    added = sum(1 for o in outcomes if o.created)
    already = sum(1 for o in outcomes if not o.created and o.error is None)
    failed = report.failed + sum(1 for o in outcomes if o.error is not None)
    fetched = len(report.results)
    print(
        f"{fetched} URL{'' if fetched == 1 else 's'}: {added} added, {already} already in "
        f"the store, {failed} failed ({seconds:.2f} s)",
        file=out,
    )
    return 0 if failed == 0 else 1
