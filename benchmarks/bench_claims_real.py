"""Claim extraction on hand-labelled real articles: recall, claimants, figures, precision, speed.

    python benchmarks/bench_claims_real.py            # every label in tests/data/claim_labels/
    python benchmarks/bench_claims_real.py --misses   # also list each miss, for reading

The pages come from ../shared/real-world/html (never copied into the repo); the labels and the
scoring rules are in tests/claim_labels.py. Goals (issue 12): statements found in their own
paragraph with the right claimant >= 90 %, figures with the right count >= 90 %, no claim across
paragraphs, no pronoun or fragment claimant, precision >= 95 %, <= 2 ms per article (extraction
only: body and comments, in CPU time of this process, best of --repeat runs, so the figure is
the code's more than the shared machine's load).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.claims import extract_claims  # noqa: E402
from store.records import ClaimDraft, DocumentDraft  # noqa: E402
from tests.claim_labels import Score, load_labels, real_page_draft, score_page  # noqa: E402

REAL_WORLD = [ROOT.parent / "shared" / "real-world", Path("/work/shared/real-world")]


def _best_time(draft: DocumentDraft, repeat: int) -> tuple[list[ClaimDraft], float]:
    best = float("inf")
    claims: list[ClaimDraft] = []
    for _ in range(repeat):
        started = time.process_time()
        claims = extract_claims(draft)
        best = min(best, time.process_time() - started)
    return claims, best


def _host_loop_seconds() -> float:
    """CPU seconds of a 10M-addition Python loop: the host's own speed, which changes by up to
    1.7x within a session (0.6 s fast, 1.0-1.1 s slow), so a ms figure means little without it.
    The issue's <= 2 ms must hold with this loop near 1.0 s."""
    started = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per article")
    args = parser.parse_args()
    folder = next((p / "html" for p in REAL_WORLD if (p / "html").is_dir()), None)
    if folder is None:
        sys.exit("../shared/real-world/html is not beside this checkout")
    loop_before = _host_loop_seconds()
    total = Score()
    print(
        f"{'article':44} {'stmts':>5} {'found':>6} {'claim.':>6} {'figs':>9} {'prec':>6} "
        f"{'cross':>5} {'frag':>4} {'ms':>6}"
    )
    for page in load_labels():
        draft = real_page_draft(folder, page)
        claims, seconds = _best_time(draft, args.repeat)
        score = score_page(page, draft, claims, seconds)
        total += score
        print(
            f"{page.stem.removeprefix('adbar_trafilatura__')[:44]:44} {score.statements:5} "
            f"{score.recall:6.0%} {score.claimant_accuracy:6.0%} "
            f"{score.right_figures:3}/{score.figures:<3} {score.precision:6.0%} "
            f"{score.crossing:5} {score.fragment_claimants:4} {score.ms_per_article:6.2f}"
        )
    print()
    print(
        f"articles {total.articles}, labelled statements {total.statements} "
        f"(located in the body {total.located}), extracted claims {total.claims}"
    )
    print(f"recall (found in one paragraph)        {total.recall:6.1%}")
    print(f"found with the right claimant (goal)   {total.found_with_claimant:6.1%}  (>= 90%)")
    print(f"claimant accuracy among found          {total.claimant_accuracy:6.1%}")
    print(
        f"figures with the right count (goal)    {total.figure_accuracy:6.1%}  (>= 90%)"
        f"  {total.right_figures}/{total.figures}"
    )
    print(
        f"precision (goal)                       {total.precision:6.1%}  (>= 95%)"
        f"  not_claims hit {total.not_claims_hit}"
    )
    print(f"claims crossing paragraphs             {total.crossing}")
    print(f"pronoun/fragment claimants             {total.fragment_claimants}")
    print(f"extraction ms per article (best of {args.repeat})  {total.ms_per_article:6.2f}  (<= 2)")
    print(
        f"host speed: 10M-addition loop          {loop_before:6.2f} s CPU before, "
        f"{_host_loop_seconds():.2f} after (slow state ~1.0)"
    )
    if args.misses:
        print()
        print("\n".join(total.misses))


if __name__ == "__main__":
    main()
