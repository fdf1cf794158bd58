"""A run killed with SIGKILL leaves a consistent database; the next run completes it to the
same content as an uninterrupted run (batches of whole files, one transaction each)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from pipeline import runner
from pipeline.runner import run
from tests.conftest import CORPUS, PROJECT

FILES = 4 * runner.BATCH_FILES  # several batches


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many") / "in"
    root.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for i in range(FILES):
        # distinct content per file, so no file is a duplicate of another
        text = texts[i % len(texts)].replace("Tin liên quan", "")
        (root / f"{i:04d}.txt").write_text(f"{text}\n\nSố thứ tự bản sao: {i}.\n", encoding="utf-8")
    return root


def content(db: Path) -> dict[str, list[tuple]]:
    queries = {
        "documents": "SELECT doc_id, source_path, content_sha256, status, duplicate_of, "
        "issued_date, doc_kind FROM documents ORDER BY doc_id",
        "assignments": "SELECT assignment_id, doc_id, seq, lead_agency, task, deadline "
        "FROM assignments ORDER BY assignment_id",
        "legal_refs": "SELECT ref_id, doc_id, number, issued_date FROM legal_refs ORDER BY ref_id",
        "assignment_agencies": "SELECT assignment_id, agency, role FROM assignment_agencies "
        "ORDER BY ALL",
        "assignment_refs": "SELECT * FROM assignment_refs ORDER BY ALL",
    }
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()


def test_killed_run_is_completed_by_the_next(folder: Path, tmp_path: Path) -> None:
    reference = tmp_path / "whole.duckdb"
    run(folder, reference)

    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "--db", str(db), "-q"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Kill it once a first batch is committed: DuckDB's write-ahead log then holds it.
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120
    killed = False
    workers: list[psutil.Process] = []
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 400_000:
            workers = psutil.Process(proc.pid).children()
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.02)
    proc.wait()
    # Its worker processes go with it: none waits on for work that will never come.
    _gone, alive = psutil.wait_procs(workers, timeout=10)
    for orphan in alive:
        orphan.kill()
    assert not alive, f"workers outlived the killed run: {alive}"

    partial = content(db)  # opens: the file is consistent at whatever moment it was killed
    assert len(partial["documents"]) <= FILES
    if killed:
        assert 0 < len(partial["documents"]) < FILES  # whole batches only, not the whole run

    summary = run(folder, db)
    assert summary.files_new + summary.files_unchanged == FILES
    assert content(db) == content(reference)
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = [
            r[0] for r in con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
        ]
    finally:
        con.close()
    assert statuses[-1] == "ok"
    assert "running" not in statuses  # a killed run is marked interrupted by the next
