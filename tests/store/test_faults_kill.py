"""kill -9 at random moments of imports (issue 20): the store stays consistent, every file
that was committed is whole, and no worker process outlives the import it served.

The folder has enough files for the parallel path (worker processes parse, this process
writes) and JSON Lines files that are all-or-nothing. Each run is killed at a random moment
(seeded, so a failure can be replayed) and then checked; the runs share one store, so later
runs meet what earlier ones left. About a minute on two cores shared with other work.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store.importer import PARALLEL_MIN_FILES
from store.store import Store
from tests.conftest import ROOT
from tests.faults_helpers import article_line, consistency_problems, write_lines

TEXT_FILES = 3 * PARALLEL_MIN_FILES
"""Enough files that the pool is still parsing when a kill comes, on a quiet machine too."""
JSONL_FILES = 2
JSONL_ARTICLES = 30
SENTENCE = (
    "Officials said that {n} drones were launched at dawn, according to the ministry, "
    "while the governor claimed that 44 tanks were seized near the river. "
)


def _folder(root: Path, run: int, expected: dict[str, str]) -> Path:
    """Write run ``run``'s documents (new ones each run, so every run has work for the pool
    and the store); add every title with the body it must have when stored to ``expected``."""
    folder = root / f"pile-{run:02}"
    folder.mkdir()
    for n in range(TEXT_FILES):
        title = f"Run {run} text report {n}"
        body = "".join(SENTENCE.format(n=n + k) for k in range(12)).strip()
        # "a…" sorts first: the worker pool starts at once, before the streamed files
        (folder / f"a{n:03}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        expected[title] = body
    for f in range(JSONL_FILES):
        records = []
        for k in range(JSONL_ARTICLES):
            title = f"Run {run} lines {f} article {k}"
            body = (SENTENCE.format(n=k) * 8).strip()
            records.append(article_line(f"{f}-{k}", title, body=body))
            expected[title] = body
        write_lines(folder / f"z{f}.jsonl", records)
    return folder


def _stored_from(db: Path, run: int) -> int:
    """How many articles of run ``run`` the store holds (0 while it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
    except sqlite3.Error:
        return 0
    try:
        found = conn.execute(
            "SELECT count(*) FROM article WHERE title LIKE ?", (f"Run {run} %",)
        ).fetchone()
        return int(found[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def _processes_with(marker: str) -> list[int]:
    """Pids of live processes whose environment carries ``marker`` (the import and its
    workers inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().split(") ")[-1][:1]
        except OSError:
            continue
        if marker.encode() in environ and state != "Z":
            found.append(int(entry.name))
    return found


def kill_imports(root: Path, runs: int, seed: int = 20, finish: bool = False) -> dict[str, float]:
    """Start ``runs`` imports into one store and kill -9 each at a random moment, checking the
    store after each; with ``finish``, then let one import of everything finish. Returns
    figures for the benchmark."""
    expected: dict[str, str] = {}
    db = root / "store.sqlite3"
    chance = random.Random(seed)  # noqa: S311 - moments to kill at, not secrets
    markers = []
    killed_with_workers = 0
    kept = 0
    for run in range(runs):
        folder = _folder(root, run, expected)
        marker = f"{os.getpid()}-{run}"
        markers.append(f"CLAIMDESK_KILL_TEST={marker}")
        process = subprocess.Popen(
            [sys.executable, "-m", "tui", "--db", str(db), "import", "-q", str(folder)],
            cwd=ROOT,
            env={**os.environ, "CLAIMDESK_KILL_TEST": marker},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if run % 3 == 0:  # at start-up, before the store or the pool is open
            time.sleep(chance.uniform(0.2, 1.5))
        elif run % 3 == 1:  # once the workers are up: while they parse, before a commit
            deadline = time.monotonic() + 20
            while len(_processes_with(markers[-1])) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(chance.uniform(0.0, 0.5))
        else:  # after this run's first commit: in the middle of writing a streamed file
            # Waits for the commit, however long a loaded machine takes to get there (at load
            # 13 one took over 30 s): the moment is chosen by progress, not by the clock.
            deadline = time.monotonic() + 180
            while not _stored_from(db, run) and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(chance.uniform(0.0, 0.1))
        if len(_processes_with(markers[-1])) >= 3:  # the import, the tracker, a worker
            killed_with_workers += 1
        process.send_signal(signal.SIGKILL)
        process.wait()
        kept += _stored_from(db, run) if db.exists() else 0
        if db.exists():
            assert consistency_problems(db) == [], f"run {run}"
            _check_whole(db, expected, run, runs)
    killed_at = time.monotonic()
    assert killed_with_workers >= runs // 3, "the kills should meet the parallel path"
    assert kept > 0, "some kills should come after a commit"
    # A worker still starting (importing claimdesk takes seconds on a loaded machine) notices
    # only once started; before the fix workers waited for work for minutes.
    deadline = time.monotonic() + 30
    left = [pid for marker in markers for pid in _processes_with(marker)]
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = [pid for marker in markers for pid in _processes_with(marker)]
    assert left == [], f"worker processes {left} outlived the killed imports"
    workers_gone = time.monotonic() - killed_at
    figures = {
        "runs": runs,
        "killed with workers up": killed_with_workers,
        "articles kept from killed runs": kept,
        "articles in all": len(expected),
        "seconds until the last worker was gone": round(workers_gone, 1),
    }
    if not finish:
        return figures
    # an import left to finish brings everything in, once
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "--db",
            str(db),
            "import",
            "-q",
            *(str(root / f"pile-{run:02}") for run in range(runs)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    _check_whole(db, expected, runs, runs)
    store = Store.open(str(db))
    assert len(store.list_articles()) == len(expected)
    store.close()
    assert consistency_problems(db) == []
    return figures


KILL_RUNS = int(os.environ.get("CLAIMDESK_KILL_RUNS", "3"))
"""Three runs in the suite, one for each moment (each is seconds of real imports);
``benchmarks/bench_kill_imports.py`` runs the issue's 20."""


def test_kill_9_at_random_moments_leaves_a_consistent_store_and_no_workers(tmp_path: Path) -> None:
    kill_imports(tmp_path, KILL_RUNS)


def _check_whole(db: Path, expected: dict[str, str], run: int, runs: int) -> None:
    store = Store.open(str(db))
    try:
        stored = store.list_articles()
    finally:
        store.close()
    titles = [a.title for a in stored]
    assert len(titles) == len(set(titles)), f"run {run}: an article stored twice"
    for article in stored:
        assert article.body.strip() == expected[article.title].strip(), (
            f"run {run}: {article.title}"
        )
    for f in range(JSONL_FILES):
        for source in range(runs):
            mine = [t for t in titles if t.startswith(f"Run {source} lines {f} ")]
            assert len(mine) in (0, JSONL_ARTICLES), (
                f"after run {run}: z{f}.jsonl of run {source} half stored"
            )
