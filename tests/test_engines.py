"""Extraction spread over worker processes (and, with the dask extra, over a cluster) gives
the same rows as extraction in one process."""

from __future__ import annotations

import gc
from pathlib import Path

import duckdb
import pytest

from pipeline.runner import RunOptions, run
from tests.conftest import CORPUS

TABLES = ("documents", "legal_refs", "assignments", "assignment_agencies", "assignment_refs")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Sixteen files: the two examples, variants of them, a duplicate and a failure."""
    folder = tmp_path_factory.mktemp("input")
    examples = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for k in range(14):
        text = examples[k % 2].replace("2024", str(2010 + k)).replace("2023", str(2010 + k))
        (folder / f"vb-{k:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "vb-14.txt").write_text(examples[0], encoding="utf-8")
    (folder / "vb-15-copy.txt").write_text(examples[0], encoding="utf-8")  # a duplicate
    (folder / "vb-16.txt").write_bytes(b"\x00\x01 binary")
    return folder


def rows(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: sorted(
                con.execute(
                    f"SELECT * EXCLUDE (processed_at) FROM {t}"
                    if t == "documents"
                    else f"SELECT * FROM {t}"
                ).fetchall(),
                key=repr,
            )
            for t in TABLES
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_process(folder: Path, tmp_path_factory) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("one") / "one.duckdb"
    summary = run(folder, db, RunOptions(workers=1))
    assert (summary.files_new, summary.files_failed) == (17, 1)
    return rows(db)


def test_workers_give_the_same_rows(folder: Path, tmp_path: Path, one_process) -> None:
    db = tmp_path / "two.duckdb"
    summary = run(folder, db, RunOptions(workers=2))
    assert summary.files_new == 17
    found = rows(db)
    assert found == one_process
    assert len(found["assignments"]) > 50
    duplicates = [r for r in found["documents"] if r[18] is not None]  # duplicate_of
    assert len(duplicates) == 1
    # The objects kept from the collector while the workers lived are given back to it.
    assert gc.get_freeze_count() == 0


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


def test_dask_engine_gives_the_same_rows(
    folder: Path, tmp_path: Path, one_process, cluster, monkeypatch
) -> None:
    from pipeline import dask_engine

    written: list[Path] = []
    remove = dask_engine._remove_shards

    def seen_then_removed(shards: str, run_id: str) -> None:
        written.extend(Path(shards).glob(f"{run_id}/part-*/assignments.parquet"))
        remove(shards, run_id)

    monkeypatch.setattr(dask_engine, "_remove_shards", seen_then_removed)
    db, shards = tmp_path / "dask.duckdb", tmp_path / "shards"
    summary = dask_engine.run_dask(str(folder), db, str(shards), cluster.scheduler_address)
    assert (summary.files_new, summary.files_failed) == (17, 1)
    assert rows(db) == one_process
    assert written  # the workers wrote shards, and they are gone once loaded
    assert not list(shards.glob("*/part-*"))

    again = dask_engine.run_dask(str(folder), db, str(shards), cluster.scheduler_address)
    assert (again.files_unchanged, again.files_new) == (17, 0)
    assert rows(db) == one_process


def test_dask_engine_from_the_command_line(folder: Path, tmp_path: Path, one_process) -> None:
    import subprocess
    import sys

    pytest.importorskip("distributed")
    db = tmp_path / "cli.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "--db", str(db),
         "--engine", "dask", "--shards", str(tmp_path / "shards")],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "17 files seen: 17 new or changed" in result.stdout
    assert rows(db) == one_process


def test_a_file_that_kills_its_worker_is_recorded_and_the_run_goes_on(
    folder: Path, tmp_path: Path, one_process, monkeypatch
) -> None:
    """The kernel's OOM killer, a crash in a C reader: the run must not hang, and only that
    file fails."""
    import os
    import signal

    from pipeline import workers

    real = workers.extract_document

    def deadly(path: Path, *args):  # type: ignore[no-untyped-def]
        if path.name == "vb-03.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, *args)

    monkeypatch.setattr(workers, "extract_document", deadly)  # forked workers inherit it
    db = tmp_path / "killed.duckdb"
    summary = run(folder, db, RunOptions(workers=2))
    assert (summary.files_new, summary.files_failed) == (17, 2)
    assert ("vb-03.txt", workers.WORKER_DIED) in summary.failures
    found = rows(db)
    others = [r for r in found["documents"] if r[2] != "vb-03.txt"]
    assert others == [r for r in one_process["documents"] if r[2] != "vb-03.txt"]


def test_dask_worker_records_a_file_gone_since_the_listing(tmp_path: Path) -> None:
    from pipeline.dask_engine import Task, _partition
    from pipeline.rules import RULES_DIR

    gone = Task((tmp_path / "gone.txt").as_uri(), "gone.txt", 10, 1, None)
    result = _partition((0, [gone]), str(tmp_path), str(tmp_path / "shards"), str(RULES_DIR),
                        10**6, "h")  # fmt: skip
    assert [(path, reason[:16]) for path, reason in result.failures] == [
        ("gone.txt", "cannot read file")
    ]
