"""The Dask engine: the same per-document function mapped over the paths on a cluster.

    nhiemvu extract s3://archive/van-ban --engine dask --scheduler tcp://10.0.0.5:8786
                    --shards s3://archive/nhiemvu-shards --db output/nhiemvu.duckdb

The driver lists the files (a local folder or any fsspec URL) and asks the database which
are unchanged (size and modification time). Workers fetch the others, extract them with
their own copy of the rules (compiled once per worker process), and write one Parquet file
per table and partition under ``--shards``, a place every worker and the driver can reach.
The driver then loads the shards into DuckDB in path order, one transaction per partition,
deciding duplicates as the local engine does: the first file in path order with a content
is the original. Nothing but the shards and small summaries crosses the network.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline import __version__, store
from pipeline.ingest import FORMATS, SUFFIXES, sha256_of
from pipeline.rules import load_rules
from pipeline.runner import RunError, RunOptions, RunSummary, recorded_run

PARTITION_FILES = 64


@dataclass(frozen=True)
class Task:
    url: str  # what the worker opens
    source_path: str  # relative to the input root, "/"-separated
    size: int | None
    mtime_ns: int | None
    known_sha: str | None  # the content the database holds for it, if any


@dataclass
class PartitionResult:
    index: int
    shard: str | None
    docs: list[tuple[str, str, str, str, int, int]] = field(default_factory=list)
    # (doc_id, source_path, content_sha256, status, assignments, refs)
    failures: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[tuple[str, int, int]] = field(default_factory=list)  # doc_id, size, mtime


def run_dask(
    input_root: str,
    db_path: Path,
    shards: str,
    scheduler: str | None = None,
    options: RunOptions | None = None,
) -> RunSummary:
    import fsspec

    options = options or RunOptions()
    fs, root = fsspec.core.url_to_fs(input_root)
    if not fs.isdir(root):
        raise RunError(f"input folder not found or not a folder: {input_root}")
    root_id = _root_id(input_root, fs, root)
    rules = load_rules(options.rules_dir)
    try:
        con = store.connect(db_path, wait=options.wait_db)
    except store.StoreError as exc:
        raise RunError(str(exc)) from exc
    summary = RunSummary()
    with recorded_run(con, root_id, rules, summary) as run_id:
        known = store.known_documents(con, root_id)
        tasks, seen = _tasks(fs, root, root_id, known, rules.hash, options)
        summary.files_seen = len(seen)
        summary.files_unchanged = len(seen) - len(tasks)
        results = _compute(tasks, root_id, shards, run_id, scheduler, options, rules.hash)
        _load(con, results, summary)
        _remove_shards(shards, run_id)
        store.update_file_stats(con, [u for r in results for u in r.unchanged])
        summary.files_missing = store.mark_missing(con, root_id, seen)
    return summary


def _root_id(input_root: str, fs: Any, root: str) -> str:
    """What documents.input_root holds: a local folder's resolved path, as the local engine
    writes it (so both engines give a file the same doc_id); else the URL."""
    if _is_local(fs):
        return str(Path(root).resolve())
    return input_root.rstrip("/")


def _is_local(fs: Any) -> bool:
    return "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))


def _tasks(
    fs: Any,
    root: str,
    root_id: str,
    known: dict[str, store.KnownDocument],
    rules_hash: str,
    options: RunOptions,
) -> tuple[list[Task], list[str]]:
    found = fs.find(root, detail=True)
    local = _is_local(fs)
    tasks: list[Task] = []
    seen: list[str] = []
    prefix = root.rstrip("/") + "/"
    for path in sorted(found, key=lambda p: p[len(prefix) :]):
        info = found[path]
        rel = path[len(prefix) :]
        if info.get("type") == "directory" or not rel.lower().endswith(SUFFIXES):
            continue
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        doc_id = store.stable_id(root_id, rel)
        seen.append(doc_id)
        size, mtime_ns = info.get("size"), _mtime_ns(info)
        if local:  # the exact nanoseconds the local engine records, not a float's
            try:
                mtime_ns = os.stat(path).st_mtime_ns
            except OSError:  # gone since the listing: the worker records why
                mtime_ns = None
        previous = known.get(doc_id)
        known_sha = None
        if (
            previous is not None
            and previous.rules_hash == rules_hash
            and previous.pipeline_version == __version__
            and previous.content_sha256
            and not options.reprocess
        ):
            stat_same = (size, mtime_ns) == (previous.file_size, previous.file_mtime_ns)
            if stat_same and not options.verify:
                continue
            known_sha = previous.content_sha256
        url = fs.unstrip_protocol(path)
        tasks.append(Task(url, rel, size, mtime_ns, known_sha))
    return tasks, seen


def _mtime_ns(info: dict[str, Any]) -> int | None:
    """Modification time in ns from an fsspec listing (local "mtime"; object stores'
    "LastModified"/"mtime" datetimes)."""
    value = info.get("mtime", info.get("LastModified"))
    if value is None:
        return None
    if hasattr(value, "timestamp"):
        return int(value.timestamp() * 1e9)
    return int(float(value) * 1e9)


def _compute(
    tasks: list[Task],
    root_id: str,
    shards: str,
    run_id: str,
    scheduler: str | None,
    options: RunOptions,
    rules_hash: str,
) -> list[PartitionResult]:
    import dask.bag as db
    from distributed import Client, LocalCluster

    if not tasks:
        return []
    parts = [tasks[i : i + PARTITION_FILES] for i in range(0, len(tasks), PARTITION_FILES)]
    target = f"{shards.rstrip('/')}/{run_id}"
    bag = db.from_sequence(list(enumerate(parts)), npartitions=len(parts))
    work = bag.map(
        _partition,
        root_id=root_id,
        target=target,
        rules_dir=str(options.rules_dir),
        max_bytes=options.max_bytes,
        rules_hash=rules_hash,
    )
    if scheduler:
        with Client(scheduler) as client:
            results: list[PartitionResult] = client.compute(work).result()
    else:
        local = LocalCluster(
            processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        )
        with local as cluster, Client(cluster):
            results = work.compute()
    return sorted(results, key=lambda r: r.index)


# --- on the workers ----------------------------------------------------------------------

_worker_rules: dict[str, Any] = {}


def _partition(
    item: tuple[int, list[Task]],
    root_id: str,
    target: str,
    rules_dir: str,
    max_bytes: int,
    rules_hash: str,
) -> PartitionResult:
    """Extract one partition's files and write its rows as Parquet shards."""
    import fsspec

    from pipeline.extract import displayed, extract_data
    from pipeline.header import HeaderRules
    from pipeline.models import Document, DocumentResult

    index, tasks = item
    if rules_dir not in _worker_rules:  # once per worker process
        _worker_rules[rules_dir] = (load_rules(Path(rules_dir)), HeaderRules.load(Path(rules_dir)))
    rules, header_rules = _worker_rules[rules_dir]
    out = PartitionResult(index, None)
    rows: list[dict[str, list[tuple[Any, ...]]]] = []
    for task in tasks:
        doc_id = store.stable_id(root_id, task.source_path)
        doc = Document(
            doc_id=doc_id,
            input_root=root_id,
            source_path=displayed(task.source_path),
            content_sha256="",
            format=FORMATS.get(Path(task.source_path).suffix.lower(), "unknown"),
            file_size=task.size,
            file_mtime_ns=task.mtime_ns,
        )
        if task.size is not None and task.size > max_bytes:
            result = DocumentResult(
                document=doc,
                status="failed",
                error=f"file too large: {task.size} bytes (limit {max_bytes})",
            )
        else:
            try:
                with fsspec.open(task.url, "rb") as fh:
                    data = fh.read()
            except OSError as exc:  # removed or unreadable since the listing
                data = None
                reason = f"cannot read file: {exc.strerror or exc}"
            if data is None:
                result = DocumentResult(document=doc, status="failed", error=reason)
            elif task.known_sha is not None and sha256_of(data) == task.known_sha:
                out.unchanged.append((doc_id, task.size or len(data), task.mtime_ns or 0))
                continue
            else:
                result = extract_data(data, doc, rules, header_rules)
        rows.append(store.result_rows(result, rules_hash, __version__, None))
        if result.status != "ok":
            out.failures.append((doc.source_path, result.error or ""))
        out.docs.append(
            (
                doc_id,
                doc.source_path,
                result.document.content_sha256,
                result.status,
                len(result.assignments),
                len(result.refs),
            )
        )
    if rows:
        out.shard = f"{target}/part-{index:06d}"
        _write_shard(out.shard, rows)
    return out


def _write_shard(prefix: str, rows: list[dict[str, list[tuple[Any, ...]]]]) -> None:
    import fsspec
    import pyarrow.parquet as pq

    for table, columns in store.TABLE_COLUMNS.items():
        values = [row for doc in rows for row in doc[table]]
        arrow = pa.table({c: [v[i] for v in values] for i, c in enumerate(columns)})
        with fsspec.open(f"{prefix}/{table}.parquet", "wb", auto_mkdir=True) as fh:
            pq.write_table(arrow, fh)


# --- back on the driver --------------------------------------------------------------------


def _load(con: Any, results: list[PartitionResult], summary: RunSummary) -> None:
    """Shards into the database in path order; duplicates decided as the local engine does."""
    import fsspec
    import pyarrow.parquet as pq

    first_by_content = store.first_doc_by_content(con)
    for result in results:
        summary.files_unchanged += len(result.unchanged)
        if result.shard is None:
            continue
        duplicates: dict[str, str] = {}
        for doc_id, _, sha, status, n_assignments, n_refs in result.docs:
            summary.files_new += 1
            if status != "ok":
                summary.files_failed += 1
                continue
            first = first_by_content.setdefault(sha, doc_id)
            if first != doc_id:
                duplicates[doc_id] = first
            else:
                summary.assignments += n_assignments
                summary.refs += n_refs
        summary.failures.extend(result.failures)
        tables = {}
        for table in store.TABLE_COLUMNS:
            with fsspec.open(f"{result.shard}/{table}.parquet", "rb") as fh:
                tables[table] = pq.read_table(fh)
        store.load_tables(con, tables, duplicates)


def _remove_shards(shards: str, run_id: str) -> None:
    """A run's shards once loaded: they hold every extracted text again. A run that failed
    keeps them, to see why."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(f"{shards.rstrip('/')}/{run_id}")
    if fs.exists(path):
        fs.rm(path, recursive=True)
