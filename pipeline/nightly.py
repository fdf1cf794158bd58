"""The unattended nightly run: one at a time under a lock, a log file per run, a digest.

Two runs must never write one database at once, and a run killed by the machine must not
stop every later one: an advisory ``flock`` on ``<db>.lock`` is released by the kernel when
its holder dies, and the file's text (pid, host, start) tells a later run that it took over
from a run that did not finish.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline import __version__, digest, store
from pipeline.runner import RunError, RunOptions, RunSummary, run

LOG_NAME = "nhiemvu.nightly"


class LockHeld(Exception):
    """Another run holds the lock: the message names it."""


@dataclass(frozen=True)
class NightlyOptions:
    input_dir: Path
    db: Path
    logs: Path = Path("output/logs")
    digests: Path = Path("output/digest")
    wait_db: float = 300.0
    keep_logs: int = 60
    soon: int = 7


@dataclass
class NightlyResult:
    summary: RunSummary
    log: Path
    digest_md: Path
    digest_html: Path
    took_over: str | None


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextmanager
def run_lock(db: Path) -> Iterator[str | None]:
    """Hold the run lock of ``db``; yields what a dead holder left in it (or None)."""
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh: IO[str] = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "a process that has not written its name yet"
            raise LockHeld(f"another run holds the lock {path}: {holder}") from None
        fh.seek(0)
        stale = fh.read().strip() or None  # a holder that exits cleanly empties the file
        fh.seek(0)
        fh.truncate()
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        fh.write(f"pid {os.getpid()} on {socket.gethostname()} since {started}\n")
        fh.flush()
        try:
            yield stale
        finally:  # a run that ends, failed or not, leaves no name behind: only a dead one does
            fh.seek(0)
            fh.truncate()
            fh.flush()
    finally:
        fh.close()  # closing releases the flock


def nightly(options: NightlyOptions) -> NightlyResult:
    """One incremental run under the lock, logged, followed by its digest. Raises LockHeld,
    RunError or store.StoreError when the run itself cannot be made."""
    log_path, logger, handler = _start_log(options)
    try:
        with run_lock(options.db) as stale:
            if stale:
                logger.warning("took over the lock left by a run that did not finish (%s)", stale)
            logger.info("nhiemvu %s: %s -> %s", __version__, options.input_dir, options.db)
            before = _assignment_ids(options)

            def on_file(path: str, outcome: str, reason: str) -> None:
                if outcome == "failed":
                    logger.warning("failed: %s: %s", path, reason)
                else:
                    logger.info("%s: %s", outcome, path)

            summary = run(
                options.input_dir,
                options.db,
                RunOptions(wait_db=options.wait_db, on_file=on_file),
            )
            logger.info("%s", summary.line())
            con = store.connect(options.db, read_only=True, wait=options.wait_db)
            try:
                after = store.assignment_ids(con)
                made = digest.build(
                    con, after - before, summary.line(), options.soon, options.digests
                )
            finally:
                con.close()
            md, page = digest.write(made, options.digests, options.soon)
            logger.info(
                "digest %s: %d new, %d overdue, %d due soon",
                md,
                len(made.new),
                len(made.overdue),
                len(made.due_soon),
            )
            return NightlyResult(summary, log_path, md, page, stale)
    except (LockHeld, RunError, store.StoreError) as exc:
        logger.error("run failed: %s", exc)
        raise
    except Exception:
        logger.exception("run failed with an unexpected error")
        raise
    finally:
        logger.removeHandler(handler)
        handler.close()


def _assignment_ids(options: NightlyOptions) -> set[str]:
    if not options.db.is_file():
        return set()
    con = store.connect(options.db, wait=options.wait_db)  # migrates an older file first
    try:
        return store.assignment_ids(con)
    finally:
        con.close()


def _start_log(options: NightlyOptions) -> tuple[Path, logging.Logger, logging.Handler]:
    """A log file per run, named by its start; only the newest ``keep_logs`` are kept."""
    options.logs.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = options.logs / f"nightly-{stamp}-{os.getpid()}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger(LOG_NAME)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the file is the log; the command prints its own summary
    logger.addHandler(handler)
    old = sorted(options.logs.glob("nightly-*.log"))[: -max(1, options.keep_logs)]
    for stale in old:
        stale.unlink(missing_ok=True)
    return path, logger, handler
