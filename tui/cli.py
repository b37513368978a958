"""The ``claimdesk`` command line: argument parsing and dispatch, nothing more.

Each sub-command lives in :mod:`tui.commands`. Usage errors exit 2 (argparse's habit); a
command that fails on bad input prints one line to stderr and exits 1, never a traceback.
Textual is imported only when the app is opened, so ``claimdesk list`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui import commands
from tui.errors import CommandError

LIST_KINDS = ("articles", "claims", "comments")
SEARCH_KINDS = ("article", "claim", "comment")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, shared by ``main`` and the tests."""
    parser = argparse.ArgumentParser(
        prog="claimdesk",
        description="Collect articles, the claims made in them and their comments; "
        "browse, search and export them from the keyboard. With no command, opens the app.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="the store: a SQLite file path or a SQLAlchemy URL "
        "(default: $CLAIMDESK_DB, else claimdesk.sqlite3 in the user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = sub.add_parser("import", help="import files and folders of documents")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder (recursive)")
    imp.add_argument("-q", "--quiet", action="store_true", help="print only failures and summary")

    lst = sub.add_parser("list", help="list articles, claims or comments")
    lst.add_argument("kind", choices=LIST_KINDS)
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.add_argument("--limit", type=_positive_int, metavar="N", help="at most N records")

    sub.add_parser("paths", help="where the store, config and exports live")

    from store.search.query import QUERY_HELP

    search = sub.add_parser(
        "search", help="fuzzy search across articles, claims and comments",
        epilog=QUERY_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", nargs="+", metavar="QUERY",
                        help="words to find (quote a query with ! in it from the shell)")
    search.add_argument("--kind", choices=SEARCH_KINDS, help="only this kind of record")
    search.add_argument("--limit", type=_positive_int, default=20, metavar="N",
                        help="at most N hits (default 20)")
    search.add_argument("--json", action="store_true", help="print a JSON array of hits")

    stats = sub.add_parser("stats", help="counts of articles, claims, comments; store size")
    stats.add_argument("--json", action="store_true", help="print a JSON object")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "import":
            return commands.import_command(args.db, args.paths, quiet=args.quiet)
        if args.command == "list":
            return commands.list_command(args.db, args.kind, as_json=args.json, limit=args.limit)
        if args.command == "search":
            return commands.search_command(args.db, " ".join(args.query), kind=args.kind,
                                           limit=args.limit, as_json=args.json)
        if args.command == "paths":
            return commands.paths_command(args.db)
        if args.command == "stats":
            return commands.stats_command(args.db, as_json=args.json)
        return commands.open_app(args.db)
    except CommandError as error:
        print(f"claimdesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
