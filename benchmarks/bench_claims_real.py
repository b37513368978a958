"""Claim extraction on hand-labelled real articles: recall, claimants, figures, precision, speed.

    python benchmarks/bench_claims_real.py            # every label in tests/data/claim_labels/
    python benchmarks/bench_claims_real.py --misses   # also list each miss, for reading
    python benchmarks/bench_claims_real.py --against a524a47   # old and this code, one process
    python benchmarks/bench_claims_real.py --mypyc    # this code compiled by mypyc (needs gcc)

The default run measures what ``import store.claims`` gives: the build of ``make setup``
(compiled by mypyc) when it is current, else the pure sources (the line ``extractor:`` says which;
``CLAIMDESK_PURE_CLAIMS=1`` forces the pure ones).

The pages come from ../shared/real-world/html (never copied into the repo); the labels and the
scoring rules are in tests/claim_labels.py. Goals (issue 12): statements found in their own
paragraph with the right claimant >= 90 %, figures with the right count >= 90 %, no claim across
paragraphs, no pronoun or fragment claimant, precision >= 95 %, <= 2 ms per article (extraction
only: body and comments, in CPU time of this process, best of --repeat runs, so the figure is
the code's more than the shared machine's load).

``--against REV`` times REV's extractor and this checkout's in the same process, alternated
article by article (best of --repeat per round), and checks that both give the same claims: on
a shared machine whose speed drifts by 1.7x within an hour, only such a ratio compares two
versions (REV's own loader is told to use its pure sources). ``--mypyc`` measures this
checkout's ``store/claims`` compiled by mypyc (with ``--against``, against REV's pure Python):
the current ``make setup`` build if there is one, else a temporary copy compiled with mypyc (a
dev dependency, through mypy), of which nothing is installed.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.claims import COMPILED, extract_claims  # noqa: E402
from store.claims.compiled import COMPILED_MODULES, in_use  # noqa: E402
from store.records import ClaimDraft, DocumentDraft  # noqa: E402
from tests.claim_labels import Score, load_labels, real_page_draft, score_page  # noqa: E402

REAL_WORLD = [ROOT.parent / "shared" / "real-world", Path("/work/shared/real-world")]


Extract = Callable[[DocumentDraft], list[ClaimDraft]]


def _best_time(
    draft: DocumentDraft, repeat: int, extract: Extract = extract_claims
) -> tuple[list[ClaimDraft], float]:
    best = float("inf")
    claims: list[ClaimDraft] = []
    for _ in range(repeat):
        started = time.process_time()
        claims = extract(draft)
        best = min(best, time.process_time() - started)
    return claims, best


def _is_store(name: str) -> bool:
    return name == "store" or name.startswith("store.")


def _extract_of(tree: Path) -> tuple[Extract, str]:
    """``extract_claims`` of the checkout at ``tree``, imported beside this checkout's, and
    the file its extractor was loaded from. This checkout's ``store`` modules are set aside
    meanwhile and put back after, so each version keeps its own modules (importing the other
    tree first would quietly give this checkout's ``store`` twice, and a ratio of 1)."""
    saved = {name: module for name, module in sys.modules.items() if _is_store(name)}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(tree))
    # The tree's own loader (where it has one) would pick this venv's build, not the tree.
    pure = os.environ.get("CLAIMDESK_PURE_CLAIMS")
    os.environ["CLAIMDESK_PURE_CLAIMS"] = "1"
    try:
        with warnings.catch_warnings():  # --mypyc's copy is compiled in place, on purpose
            warnings.simplefilter("ignore", RuntimeWarning)
            claims = importlib.import_module("store.claims")
            extractor = importlib.import_module("store.claims.extractor")
    finally:
        if pure is None:
            del os.environ["CLAIMDESK_PURE_CLAIMS"]
        else:
            os.environ["CLAIMDESK_PURE_CLAIMS"] = pure
        sys.path.remove(str(tree))
        for name in [name for name in sys.modules if _is_store(name)]:
            del sys.modules[name]
        sys.modules.update(saved)
    loaded = str(extractor.__file__)
    if not loaded.startswith(str(tree)):
        sys.exit(f"{tree}: store.claims came from {loaded}, not from that tree")
    extract: Extract = claims.extract_claims
    return extract, loaded


def _export(revision: str, into: Path) -> Path:
    """The files of ``revision`` of this repository, written under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=False
    )
    if archive.returncode != 0:
        sys.exit(f"git archive {revision}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def _compiled(into: Path) -> Path:
    """A copy of this checkout's ``store`` with the modules of ``store/claims`` compiled by
    mypyc (≈ 40 s of CPU, under the project's mypy settings); the pure-Python sources left
    beside them are never imported."""
    shutil.copytree(ROOT / "store", into / "store", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", into)  # the project's mypy settings
    modules = [f"store/claims/{name}.py" for name in COMPILED_MODULES]
    built = subprocess.run(
        [sys.executable, "-m", "mypyc", *modules], cwd=into, capture_output=True, text=True
    )
    if built.returncode != 0:
        sys.exit(f"mypyc failed:\n{built.stdout[-2000:]}{built.stderr[-2000:]}")
    return into


def _claims_text(claims: list[ClaimDraft]) -> list[str]:
    """Every field of every claim, comparable across two versions' classes."""
    return [repr(claim).split("(", 1)[1] for claim in claims]


def _compare(
    drafts: list[DocumentDraft], extracts: dict[str, Extract], rounds: int, repeat: int
) -> dict[str, float]:
    """Each version's mean over the articles of its best CPU time (ms), the versions taking
    turns per article and round, so a drift of the host's speed touches both alike."""
    best = {name: [float("inf")] * len(drafts) for name in extracts}
    order = list(extracts)
    for round_ in range(rounds):
        for index, draft in enumerate(drafts):
            for name in order if (round_ + index) % 2 == 0 else order[::-1]:
                _, seconds = _best_time(draft, repeat, extracts[name])
                best[name][index] = min(best[name][index], seconds)
    return {name: sum(times) / len(times) * 1000 for name, times in best.items()}


def _ab(args: argparse.Namespace, folder: Path, extract: Extract, loaded: str) -> None:
    """--against: REV's extractor and this one, timed in turns; their claims compared."""
    loop_before = _host_loop_seconds()
    with tempfile.TemporaryDirectory(prefix="claims-ab-") as temporary:
        old_extract, old_loaded = _extract_of(_export(args.against, Path(temporary)))
        drafts = [real_page_draft(folder, page) for page in load_labels()]
        differ = [
            page.stem
            for page, draft in zip(load_labels(), drafts, strict=True)
            if _claims_text(old_extract(draft)) != _claims_text(extract(draft))
        ]
        ms = _compare(drafts, {"old": old_extract, "new": extract}, args.rounds, args.repeat)
    print(f"old {args.against}: {old_loaded}")
    print(f"new (this checkout): {loaded}")
    print(
        f"ms per article, best of {args.rounds}x{args.repeat}, CPU: old {ms['old']:.3f}  "
        f"new {ms['new']:.3f}  new/old {ms['new'] / ms['old']:.3f}"
    )
    print(f"articles whose claims differ: {len(differ)} {' '.join(differ)}")
    print(
        f"host speed: 10M-addition loop {loop_before:.2f} s CPU before, "
        f"{_host_loop_seconds():.2f} after (slow state ~1.0)"
    )


_HOST_LOOP = (
    "import time;t=time.process_time();s=0\n"
    "for i in range(10_000_000): s+=i\n"
    "print(time.process_time()-t)"
)
"""The session notes' reference loop, as they run it (``python3 -c``: at module level, on
globals, so ≈ 1.0 s in the host's slow state and ≈ 0.6 s in its fast one)."""


def _host_loop_seconds() -> float:
    """CPU seconds of the reference loop in a ``python3`` of its own: the host's speed, which
    changes by up to 1.7x within a session, so a ms figure means little without it. The
    issue's <= 2 ms must hold with the loop near 1.0 s."""
    ran = subprocess.run(
        [sys.executable, "-c", _HOST_LOOP], capture_output=True, text=True, check=True
    )
    return float(ran.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per article")
    parser.add_argument("--against", metavar="REV", help="A/B against this git revision")
    parser.add_argument("--rounds", type=int, default=3, help="A/B rounds (with --against)")
    parser.add_argument("--mypyc", action="store_true", help="measure this code compiled")
    args = parser.parse_args()
    folder = next((p / "html" for p in REAL_WORLD if (p / "html").is_dir()), None)
    if folder is None:
        sys.exit("../shared/real-world/html is not beside this checkout")
    with tempfile.TemporaryDirectory(prefix="claims-mypyc-") as temporary:
        extract: Extract = extract_claims
        loaded = f"{in_use()}, this checkout"
        if args.mypyc and not COMPILED:
            extract, loaded = _extract_of(_compiled(Path(temporary)))
        if args.against:
            _ab(args, folder, extract, loaded)
        else:
            _score(args, folder, extract, loaded)


def _score(args: argparse.Namespace, folder: Path, extract: Extract, loaded: str) -> None:
    """The labelled pages scored, with the extraction time of each."""
    loop_before = _host_loop_seconds()
    total = Score()
    print(
        f"{'article':44} {'stmts':>5} {'found':>6} {'claim.':>6} {'figs':>9} {'prec':>6} "
        f"{'cross':>5} {'frag':>4} {'ms':>6}"
    )
    for page in load_labels():
        draft = real_page_draft(folder, page)
        claims, seconds = _best_time(draft, args.repeat, extract)
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
    print(f"extractor: {loaded}")
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
