"""The command line of :mod:`tui.commands.editing`: ``claim``, ``article`` and ``history``.

Kept beside the commands (as :mod:`tui.commands.feeds` keeps its parsers) so :mod:`tui.cli`
gains three lines, not a page: :func:`add_parsers` builds them and :func:`run` dispatches.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from store.records import ClaimStatus
from tui.commands import editing
from tui.commands.arguments import whole_number

COMMANDS = ("claim", "article", "history")
STATUSES = [status.value for status in ClaimStatus]


_id = whole_number(1, "not an id (a whole number)", "ids are whole numbers from 1")
_offset = whole_number(0, "not a character offset", "offsets start at 0")


def _date(value: str) -> datetime:
    try:
        return editing.published_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_format(parser: argparse.ArgumentParser) -> None:
    from tui.commands.output import FORMATS

    parser.add_argument(
        "--format", dest="fmt", choices=FORMATS, help="table, tsv, json or jsonl (see `list`)"
    )
    parser.add_argument(
        "--json", dest="fmt", action="store_const", const="json", help="the same as --format json"
    )


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``claim``, ``article`` and ``history`` sub-commands."""
    claim = sub.add_parser(
        "claim", help="correct claims by hand: edit, add, delete, restore, deleted"
    )
    actions = claim.add_subparsers(dest="claim_action", metavar="ACTION", required=True)
    edit = actions.add_parser(
        "edit",
        help="change a claim's claimant, attribution, figures, status or note",
        description='Change fields of claim ID; "" clears a text. The claim is then manual: '
        "a re-extraction never changes it. Every change goes into its history.",
    )
    edit.add_argument("id", type=_id, metavar="ID")
    edit.add_argument("--claimant", metavar="T")
    edit.add_argument("--attribution", metavar="T")
    edit.add_argument("--status", choices=STATUSES)
    edit.add_argument("--note", metavar="T")
    edit.add_argument(
        "--quantity",
        action="append",
        metavar='"44 tanks"',
        help="a figure as the text writes it; repeat for each (replaces the claim's figures)",
    )
    edit.add_argument("--no-quantities", action="store_true", help="the claim has no figures")
    edit.add_argument(
        "--claimant-type",
        choices=("person", "organization", "auto"),
        help="what the claimant is, for ClaimReview (auto: claimdesk's rule decides)",
    )
    add = actions.add_parser(
        "add",
        help="add a claim the extractor missed, by its text or its span in the body",
        description="Add a claim to article ARTICLE_ID's body, found by --text (exactly; runs "
        "of white space may differ) or given by --start and --end (character offsets). The "
        "claimant is taken from the sentence as the extractor reads it unless --claimant.",
    )
    add.add_argument("article_id", type=_id, metavar="ARTICLE_ID")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--text", metavar='"exact text"')
    where.add_argument("--start", type=_offset, metavar="N")
    add.add_argument("--end", type=_offset, metavar="N")
    add.add_argument("--claimant", metavar="T", help='who makes the claim ("" for nobody)')
    delete = actions.add_parser("delete", help="delete a false claim (restore brings it back)")
    delete.add_argument("id", type=_id, metavar="ID")
    restore = actions.add_parser("restore", help="bring a deleted claim back, with its id")
    restore.add_argument("id", type=_id, metavar="ID")
    deleted = actions.add_parser("deleted", help="list the deleted claims")
    _add_format(deleted)

    article = sub.add_parser("article", help="correct an article's URL, site, author or date")
    article_actions = article.add_subparsers(dest="article_action", metavar="ACTION", required=True)
    article_edit = article_actions.add_parser(
        "edit", help="change an article's URL, site, author or published date"
    )
    article_edit.add_argument("id", type=_id, metavar="ID")
    article_edit.add_argument("--url", metavar="URL")
    article_edit.add_argument("--site", metavar="T", help="the outlet")
    article_edit.add_argument("--author", metavar="T")
    article_edit.add_argument("--published", type=_date, metavar="YYYY-MM-DD")

    history = sub.add_parser(
        "history", help="what was changed by hand in a claim (or --article): when, by whom"
    )
    history.add_argument("id", type=_id, metavar="CLAIM_ID")
    history.add_argument("--article", action="store_true", help="ID is an article's")
    _add_format(history)


def check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What argparse cannot say by itself (exit 2)."""
    if args.command == "claim" and args.claim_action == "add":
        if args.start is not None and args.end is None:
            parser.error("claim add: --start needs --end")
        if args.end is not None and args.start is None:
            parser.error("claim add: --end goes with --start")
        if args.start is not None and args.end <= args.start:
            parser.error("claim add: --end must be after --start")
    if (
        args.command == "claim"
        and args.claim_action == "edit"
        and args.quantity
        and args.no_quantities
    ):
        parser.error("claim edit: --quantity or --no-quantities, not both")


def run(args: argparse.Namespace) -> int:
    """Run a command parsed by :func:`add_parsers`."""
    if args.command == "history":
        return editing.history_command(args.db, args.id, article=args.article, fmt=args.fmt)
    if args.command == "article":
        return editing.article_edit_command(
            args.db,
            args.id,
            url=args.url,
            site=args.site,
            author=args.author,
            published=args.published,
        )
    action = args.claim_action
    if action == "edit":
        return editing.claim_edit_command(
            args.db,
            args.id,
            claimant=args.claimant,
            attribution=args.attribution,
            status=args.status,
            note=args.note,
            quantities=args.quantity,
            no_quantities=args.no_quantities,
            claimant_type=args.claimant_type,
        )
    if action == "add":
        return editing.claim_add_command(
            args.db,
            args.article_id,
            text=args.text,
            start=args.start,
            end=args.end,
            claimant=args.claimant,
        )
    if action == "delete":
        return editing.claim_delete_command(args.db, args.id)
    if action == "restore":
        return editing.claim_restore_command(args.db, args.id)
    return editing.claim_deleted_command(args.db, fmt=args.fmt)
