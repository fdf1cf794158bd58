"""A run: walk a folder, skip unchanged files, extract the rest, write whole files in batches."""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__, store
from pipeline.ingest import DEFAULT_MAX_BYTES, discover, sha256_file
from pipeline.originals import Originals
from pipeline.rules import RULES_DIR, rule_set
from pipeline.workers import Outcome, extracted, worker_count

# Files a batch: a batch's statements and commit cost the writing process some 20 ms, as
# much as inserting ~70 bench files (store-only test, 2,000 files: 0.51-0.86 ms a file in
# batches of 64, 0.44-0.47 in batches of 128, 0.38-0.40 in batches of 256).
BATCH_FILES = 128
# A batch is one transaction, held in the writing process's memory until it commits: a few
# files of several megabytes each end it early.
BATCH_CHARS = 16_000_000
# Files written between two releases of DuckDB's cache (store.release_memory), which would
# otherwise grow with the database.
RELEASE_FILES = 2000
# Files whose stored state is read at a time to decide which are unchanged: what a run holds
# grows with this, not with the folder.
CLASSIFY_FILES = 50_000


class RunError(Exception):
    """The run itself cannot proceed (unreadable folder, locked or newer database)."""


@dataclass
class RunSummary:
    files_seen: int = 0
    files_new: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_missing: int = 0
    assignments: int = 0
    refs: int = 0
    seconds: float = 0.0
    store_seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.files_seen} files seen: {self.files_new} new or changed, "
            f"{self.files_unchanged} unchanged, {self.files_failed} failed"
            + (f", {self.files_missing} missing" if self.files_missing else "")
            + f"; {self.assignments} assignments, {self.refs} references; "
            f"{self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class RunOptions:
    reprocess: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    rules_dir: Path = RULES_DIR
    progress: bool = False
    # Hash every known file instead of trusting an unchanged size and modification time.
    verify: bool = False
    # Seconds to wait for a database another process holds (an analyst's session).
    wait_db: float = 0.0
    # Told of each file's outcome (path, "new"/"unchanged"/"failed", reason): the nightly log.
    on_file: Callable[[str, str, str], None] | None = None
    # Processes that extract: 1 extracts here; 0 means one per available core.
    workers: int = 1


def run(input_dir: Path, db_path: Path, options: RunOptions | None = None) -> RunSummary:
    options = options or RunOptions()
    if not input_dir.is_dir():
        raise RunError(f"input folder not found or not a folder: {input_dir}")
    root = input_dir.resolve()
    try:
        files = discover(root)
    except OSError as exc:
        raise RunError(f"cannot read input folder {input_dir}: {exc}") from exc
    rules = rule_set(options.rules_dir)  # compiled by the extraction, if there is any
    try:
        con = store.connect(db_path, wait=options.wait_db)
    except store.StoreError as exc:
        raise RunError(str(exc)) from exc
    summary = RunSummary(files_seen=len(files))
    with recorded_run(con, str(root), rules, summary):
        todo, touched, stored = _classify(con, files, root, rules.hash, options, summary)
        # Read only when there is a file to extract: a nightly run over unchanged files
        # has no duplicate to find (100,000 stored originals: 0.35-0.5 s, 8 MB).
        first_by_content = store.first_doc_by_content(con) if todo else Originals()
        writer = _Writer(con, stored)
        with _progress(len(todo), options.progress) as advance:
            for outcome in _extracted(todo, root, options):
                advance(outcome.source_path)
                duplicate_of = _duplicate_of(outcome, first_by_content)
                rows = outcome.rows
                writer.add(
                    rows if duplicate_of is None else store.as_duplicate(rows, duplicate_of),
                    outcome.chars,
                )
                _count(summary, outcome, duplicate_of)
                if options.on_file:
                    failed = outcome.status != "ok"
                    options.on_file(
                        outcome.source_path, "failed" if failed else "new", outcome.error or ""
                    )
            writer.flush()
        summary.store_seconds = writer.seconds
        store.update_file_stats(con, touched)
        seen = store.doc_ids_for(root, files)  # made again, not held
        summary.files_missing = store.mark_missing(con, str(root), seen)
    return summary


def _classify(
    con: Any,
    files: list[str],
    root: Path,
    rules_hash: str,
    options: RunOptions,
    summary: RunSummary,
) -> tuple[list[str], list[tuple[str, int, int]], set[str]]:
    """The files to extract; the unchanged ones whose stat must be recorded anew, by doc_id;
    the doc_ids of the files to extract that have rows stored (to be replaced). What is
    stored of the files is read CLASSIFY_FILES at a time."""
    todo: list[str] = []
    touched: list[tuple[str, int, int]] = []
    stored: set[str] = set()
    for i in range(0, len(files), CLASSIFY_FILES):
        chunk = files[i : i + CLASSIFY_FILES]
        ids = list(store.doc_ids_for(root, chunk))
        known = store.known_documents(con, str(root), ids)
        for rel, doc_id in zip(chunk, ids, strict=True):
            old = known.get(doc_id)
            if not options.reprocess:
                same = _unchanged(root / rel, old, rules_hash, options.verify)
                if same:
                    summary.files_unchanged += 1
                    if isinstance(same, tuple):
                        touched.append((doc_id, *same))
                    continue
            todo.append(rel)
            if old is not None:
                stored.add(doc_id)
    return todo, touched, stored


@contextmanager
def recorded_run(con: Any, root_id: str, rules: Any, summary: RunSummary) -> Iterator[str]:
    """A run's bookkeeping around its work: its ``runs`` row ('running', then 'ok' with its
    counts, or 'aborted'), the gazetteer tables refreshed; the connection closed after.
    Yields the run's id."""
    run_id = uuid.uuid4().hex[:16]
    started = time.perf_counter()
    try:
        store.start_run(con, run_id, root_id, __version__)
        store.write_gazetteer(con, rules.agencies.entries(), rules.agencies.provinces())
        yield run_id
        summary.seconds = time.perf_counter() - started
        store.finish_run(con, run_id, _counts(summary), "ok")
    except BaseException:
        store.finish_run(con, run_id, _counts(summary), "aborted")
        raise
    finally:
        con.close()


class _Writer:
    """Whole files in batches, one transaction each; the database's cache released every
    RELEASE_FILES files. Only the documents of ``stored`` have rows to replace (a backfill
    deletes nothing)."""

    def __init__(self, con: Any, stored: Collection[str]) -> None:
        self.con, self.stored = con, stored
        self.batch: list[dict[str, list[tuple[Any, ...]]]] = []
        self.chars = self.since_release = 0
        self.seconds = 0.0

    def add(self, rows: dict[str, list[tuple[Any, ...]]], chars: int) -> None:
        self.batch.append(rows)
        self.chars += chars
        if len(self.batch) >= BATCH_FILES or self.chars >= BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        started = time.perf_counter()
        store.replace_documents(self.con, self.batch, self.stored)
        self.since_release += len(self.batch)
        self.batch, self.chars = [], 0
        if self.since_release >= RELEASE_FILES:
            store.release_memory(self.con)
            self.since_release = 0
        self.seconds += time.perf_counter() - started


def _extracted(todo: list[str], root: Path, options: RunOptions) -> Iterator[Outcome]:
    """Each file's Outcome, in path order (duplicates are decided in that order)."""
    workers = worker_count(options.workers, len(todo))
    return extracted(todo, root, options.rules_dir, options.max_bytes, workers)


def _unchanged(
    path: Path, known: store.KnownDocument | None, rules_hash: str, verify: bool
) -> bool | tuple[int, int]:
    """True when the file is known by its size and modification time; its new (size,
    mtime_ns) when only its content shows it unchanged (a touched or copied file); else
    False."""
    if known is None or known.rules_hash != rules_hash or known.pipeline_version != __version__:
        return False
    if not known.content_sha256:  # never read (permissions, a network hiccup): try again
        return False
    try:
        stat = path.stat()
        if not verify and (stat.st_size, stat.st_mtime_ns) == (
            known.file_size,
            known.file_mtime_ns,
        ):
            return True
        if sha256_file(path) != known.content_sha256:
            return False
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns)


def _duplicate_of(outcome: Outcome, first_by_content: Originals) -> str | None:
    if outcome.status != "ok":
        return None
    first = first_by_content.setdefault(outcome.content_sha256, outcome.doc_id)
    return None if first == outcome.doc_id else first


def _count(summary: RunSummary, outcome: Outcome, duplicate_of: str | None) -> None:
    summary.files_new += 1
    if outcome.status != "ok":
        summary.files_failed += 1
        summary.failures.append((outcome.source_path, outcome.error or ""))
    elif duplicate_of is None:
        summary.assignments += outcome.assignments
        summary.refs += outcome.refs


def _counts(summary: RunSummary) -> dict[str, int]:
    return {
        "seen": summary.files_seen,
        "new": summary.files_new,
        "unchanged": summary.files_unchanged,
        "failed": summary.files_failed,
        "assignments": summary.assignments,
        "refs": summary.refs,
    }


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[str], None]]:
    if not enabled or not sys.stderr.isatty():
        yield lambda _name: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("", total=total)
        yield lambda name: bar.update(task, advance=1, description=name[-40:])
