"""The ``claimdesk`` command line: argument parsing and dispatch, nothing more.

Each sub-command lives in :mod:`tui.commands`. Usage errors exit 2 (argparse's habit, and a
malformed search query is one); a command that fails on bad input prints one line to stderr and
exits 1, never a traceback; a search that finds nothing exits 1, as grep does. How rows are
printed (table, TSV, JSON) is :mod:`tui.commands.output`.
Start-up is most of a short command's time, so this module imports only what the parser
needs, and ``main`` imports the one command module it runs: ``claimdesk refresh`` with nothing
new never loads the export, search or app code. Textual is imported only when the app is
opened. It matters twice for the ``claimdesk`` script: each worker of its process pool runs the
script again (multiprocessing's spawn), so whatever this module imports, every worker imports.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from store.export.formats import FORMATS
from store.records import KINDS
from store.safe_text import one_line
from tui.commands import editing_parsers, feeds
from tui.commands.arguments import EXPORT_SEARCH_LIMIT, whole_number
from tui.commands.output import FORMATS as OUTPUT_FORMATS
from tui.errors import CommandError, UsageError

LIST_KINDS = ("articles", "claims", "comments")
SEARCH_KINDS = ("article", "claim", "comment")


_positive_int = whole_number(1, "not a whole number", "must be 1 or more")


def _kind(value: str) -> str:
    """A record kind, singular or plural ("claim" or "claims")."""
    singular = value.lower().removesuffix("s")
    return singular if singular in KINDS else value


def _id_list(value: str) -> list[int]:
    """Ids as "1,2,3" (the option may also be repeated)."""
    try:
        ids = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of ids: {value!r}") from None
    if not ids or min(ids) < 1:
        raise argparse.ArgumentTypeError(f"ids are whole numbers from 1: {value!r}")
    return ids


def _add_format(parser: argparse.ArgumentParser, what: str) -> None:
    """``--format`` and its old alias ``--json``; without either, the output decides."""
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=OUTPUT_FORMATS,
        help="table (aligned, cut to the terminal), tsv (whole fields, a "
        "header line; \\t \\n \\\\ escaped), json (an array) or jsonl (one "
        "object a line); default: table on a terminal, else tsv",
    )
    parser.add_argument(
        "--json",
        dest="fmt",
        action="store_const",
        const="json",
        help=f"print {what}: the same as --format json",
    )


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    exp = sub.add_parser(
        "export",
        help="export records as " + ", ".join(FORMATS),
        description="Export the hits of QUERY, the records named by --ids, or with neither "
        "everything of --kind (default: all kinds). Claims and comments bring their articles.",
    )
    exp.add_argument("query", nargs="?", metavar="QUERY", help="export what this search finds")
    exp.add_argument("--kind", type=_kind, choices=KINDS, help="only records of this kind")
    exp.add_argument(
        "--ids",
        type=_id_list,
        action="extend",
        metavar="ID,...",
        help="ids of records of --kind, e.g. --kind claim --ids 1,2",
    )
    exp.add_argument(
        "--format",
        dest="fmt",
        required=True,
        choices=list(FORMATS),
        help=", ".join(f"{f.name}: {f.label}" for f in FORMATS.values()),
    )
    exp.add_argument(
        "-o",
        "--output",
        metavar="FILE|-",
        help="where to write; - for standard output (default: a new "
        "timestamped file in the exports folder, see `claimdesk paths`)",
    )
    exp.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    exp.add_argument(
        "--reviewer-name",
        metavar="T",
        help="claimreview: who publishes the reviews (else [reviewer] name in config.toml)",
    )
    exp.add_argument(
        "--reviewer-url",
        metavar="URL",
        help="claimreview: the reviewer's web address (else [reviewer] url in config.toml)",
    )
    exp.add_argument(
        "--limit",
        type=_positive_int,
        default=EXPORT_SEARCH_LIMIT,
        metavar="N",
        help="at most N search hits (default: %(default)s)",
    )


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

    imp = sub.add_parser("import", help="import files, folders and web pages or feeds (URLs)")
    imp.add_argument(
        "paths",
        nargs="+",
        metavar="PATH|URL",
        help="a file, a folder (recursive) or an http(s) URL",
    )
    imp.add_argument("-q", "--quiet", action="store_true", help="print only failures and summary")
    imp.add_argument(
        "--timeout",
        type=feeds.seconds_arg,
        default=30.0,
        metavar="S",
        help="give up on a URL's server after S seconds (default 30)",
    )

    lst = sub.add_parser("list", help="list articles, claims or comments")
    lst.add_argument("kind", choices=LIST_KINDS)
    _add_format(lst, "a JSON array")
    lst.add_argument("--limit", type=_positive_int, metavar="N", help="at most N records")

    sub.add_parser("paths", help="where the store, config and exports live")
    sub.add_parser(
        "reextract",
        help="extract the claims of stored documents again (a claim you judged is kept as it is)",
    )

    from store.search.query import QUERY_HELP

    search = sub.add_parser(
        "search",
        help="fuzzy search across articles, claims and comments",
        epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help="words to find (quote a query with ! in it from the shell)",
    )
    search.add_argument("--kind", choices=SEARCH_KINDS, help="only this kind of record")
    search.add_argument(
        "--limit", type=_positive_int, default=20, metavar="N", help="at most N hits (default 20)"
    )
    _add_format(search, "a JSON array of hits")

    stats = sub.add_parser("stats", help="counts of articles, claims, comments; store size")
    _add_format(stats, "a JSON object")

    _add_export(sub)
    feeds.add_parsers(sub)
    editing_parsers.add_parsers(sub)

    copy = sub.add_parser(
        "copy",
        help="copy a whole store into another (e.g. a SQLite file into PostgreSQL)",
        description="Copy every article of SRC, with its comments, claims, judgements and "
        "figures, into DEST. Articles DEST already has are left as they are there, so running "
        "it again copies nothing twice.",
    )
    copy.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    copy.add_argument("--to", dest="dest", required=True, metavar="PATH|URL")
    copy.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export":
        if args.ids and args.kind is None:
            parser.error("--ids needs --kind: which kind of record the ids name")
        if args.ids and args.query is not None:
            parser.error("export takes QUERY or --ids, not both")
    if args.command in editing_parsers.COMMANDS:
        editing_parsers.check(parser, args)
    try:
        if args.command == "import":
            return feeds.import_targets(args.db, args.paths, quiet=args.quiet, timeout=args.timeout)
        if args.command in feeds.COMMANDS:
            return feeds.run(args)
        if args.command in editing_parsers.COMMANDS:
            return editing_parsers.run(args)
        return _run(args)
    except CommandError as error:
        # Messages quote file names and queries: made printable like everything else.
        print(f"claimdesk: {one_line(str(error))}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `claimdesk list claims | head`: the reader left; stop quietly, as Unix tools do.
        # Python would complain again flushing stdout at exit, so point it at /dev/null.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def _run(args: argparse.Namespace) -> int:
    """Run one of the commands that live in their own modules, importing only that module."""
    if args.command == "list":
        from tui.commands.listing import list_command

        return list_command(args.db, args.kind, fmt=args.fmt, limit=args.limit)
    if args.command == "search":
        from tui.commands.searching import search_command

        return search_command(
            args.db, " ".join(args.query), kind=args.kind, limit=args.limit, fmt=args.fmt
        )
    if args.command == "paths":
        from tui.commands.listing import paths_command

        return paths_command(args.db)
    if args.command == "reextract":
        from tui.commands.reextracting import reextract_command

        return reextract_command(args.db)
    if args.command == "export":
        from tui.commands.exporting import export_command

        return export_command(
            args.db,
            args.fmt,
            query=args.query,
            kind=args.kind,
            ids=args.ids,
            output=args.output,
            force=args.force,
            limit=args.limit,
            reviewer_name=args.reviewer_name,
            reviewer_url=args.reviewer_url,
        )
    if args.command == "copy":
        from tui.commands.copying import copy_command

        return copy_command(args.source, args.dest, quiet=args.quiet)
    if args.command == "stats":
        from tui.commands.listing import stats_command

        return stats_command(args.db, fmt=args.fmt)
    from tui.commands.opening import open_app

    return open_app(args.db)
