"""Extraction spread over worker processes (and, with the dask extra, over a cluster) gives
the same rows as extraction in one process."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


def test_dask_engine_gives_the_same_rows(
    folder: Path, tmp_path: Path, one_process, cluster
) -> None:
    from pipeline.dask_engine import run_dask

    db, shards = tmp_path / "dask.duckdb", tmp_path / "shards"
    summary = run_dask(str(folder), db, str(shards), cluster.scheduler_address)
    assert (summary.files_new, summary.files_failed) == (17, 1)
    assert rows(db) == one_process
    assert list(shards.glob("*/part-*/assignments.parquet"))  # the workers wrote shards

    again = run_dask(str(folder), db, str(shards), cluster.scheduler_address)
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
