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
