"""``claimdesk copy --from SRC --to DEST``: a whole store into another, with progress."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tui.commands.common import open_store
from tui.errors import CommandError


def copy_command(
    source: str,
    dest: str,
    quiet: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Copy every article (with its comments, claims, judgements and figures) that ``dest``
    lacks; progress on stderr after each chunk, one summary line on stdout."""
    from store.copying import copy_store
    from store.paths import resolve_db_url

    out = out or sys.stdout
    err = err or sys.stderr
    if resolve_db_url(source) == resolve_db_url(dest):
        raise CommandError(f"copy: --from and --to name the same store ({source})")
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if not quiet:
            rate = done / max(time.monotonic() - started, 1e-6)
            print(
                f"copy: {done:,} of {total:,} articles done ({rate:,.0f}/s)", file=err, flush=True
            )

    with open_store(source) as src, open_store(dest) as dst:
        if not src.exists():
            raise CommandError(f"copy: there is no store at {src.where}")
        outcome = copy_store(src, dst, show)
        where = dst.where
    print(
        f"{outcome.articles:,} articles, {outcome.claims:,} claims, {outcome.comments:,} "
        f"comments copied into {where}; {outcome.already:,} articles were there already; "
        f"{outcome.feeds:,} followed feeds added "
        f"({time.monotonic() - started:.2f} s)",
        file=out,
    )
    if outcome.not_copied:
        print(f"not copied (unknown to this claimdesk): {', '.join(outcome.not_copied)}", file=err)
    return 0
