"""The console command: exit codes and messages (SPEC "Commands")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import CORPUS, nhiemvu


def test_extract_prints_a_summary_and_exits_zero(tmp_path: Path) -> None:
    result = nhiemvu("extract", str(CORPUS), "--db", str(tmp_path / "a.duckdb"))
    assert result.returncode == 0, result.stderr
    assert "2 files seen: 2 new or changed, 0 unchanged, 0 failed" in result.stdout
    assert "assignments" in result.stdout and "references" in result.stdout


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = nhiemvu("extract", str(tmp_path / "nope"), "--db", str(tmp_path / "a.duckdb"))
    assert result.returncode == 2
    assert "input folder not found" in result.stderr


def test_locked_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        result = nhiemvu("extract", str(CORPUS), "--db", str(db))
        assert result.returncode == 2
        assert "is held by another process" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO schema_info VALUES ('schema_version', '99')")
    con.close()
    result = nhiemvu("extract", str(CORPUS), "--db", str(db))
    assert result.returncode == 2
    assert "newer than this code" in result.stderr


def test_failed_file_is_reported_but_run_succeeds(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    result = nhiemvu("extract", str(folder), "--db", str(tmp_path / "a.duckdb"))
    assert result.returncode == 0
    assert "failed: bad.txt" in result.stderr
    assert "1 failed" in result.stdout


def test_help_on_every_command() -> None:
    for args in (["--help"], ["extract", "--help"], ["eval", "--help"]):
        result = nhiemvu(*args)
        assert result.returncode == 0 and "Usage" in result.stdout
