"""The nightly run: the lock (contention, a dead holder), waiting for a database an analyst
holds, a log per run, the digest, missing files, schema migrations and unchanged files known
without reading them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from pipeline import runner, store
from pipeline.nightly import NightlyOptions, lock_path, nightly
from pipeline.runner import RunOptions, run
from tests.conftest import CORPUS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "van-ban"
    folder.mkdir()
    for path in CORPUS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def options(tmp_path: Path, folder: Path, **kw) -> NightlyOptions:
    return NightlyOptions(
        folder, tmp_path / "db" / "nhiemvu.duckdb", tmp_path / "logs", tmp_path / "digest", **kw
    )


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "nightly", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli_args(o: NightlyOptions, *extra: str) -> list[str]:
    return [
        str(o.input_dir),
        "--db",
        str(o.db),
        "--logs",
        str(o.logs),
        "--digest",
        str(o.digests),
        *extra,
    ]


def holder(code: str) -> subprocess.Popen[str]:
    """Another process that holds something, and says so on its first line."""
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "holding"
    return process


# --- the lock ----------------------------------------------------------------------------


def test_a_second_run_exits_within_seconds_naming_the_holder(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder)
    lock = lock_path(o.db)
    lock.parent.mkdir(parents=True)
    other = holder(
        f"import fcntl, time; f = open({str(lock)!r}, 'a+'); fcntl.flock(f, fcntl.LOCK_EX); "
        "f.write('pid 4242 on cron-host since 2026-12-01T01:30:00+07:00'); f.flush(); "
        "print('holding', flush=True); time.sleep(60)"
    )
    try:
        started = time.monotonic()
        result = cli(*cli_args(o))
        elapsed = time.monotonic() - started
    finally:
        other.kill()
        other.wait()
    assert result.returncode == 3
    assert (
        "another run holds the lock" in result.stderr and "pid 4242 on cron-host" in result.stderr
    )
    assert elapsed < 15  # the interpreter's start-up, not a wait
    assert not o.db.exists()


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder)
    lock_path(o.db).parent.mkdir(parents=True)
    lock_path(o.db).write_text("pid 999999 on cron-host since 2026-11-30T01:30:00+07:00\n")
    result = nightly(o)
    assert result.took_over == "pid 999999 on cron-host since 2026-11-30T01:30:00+07:00"
    assert "took over the lock" in result.log.read_text(encoding="utf-8")
    assert lock_path(o.db).read_text() == ""  # a clean exit leaves the lock empty
    assert nightly(o).took_over is None


def test_a_run_killed_with_sigkill_leaves_a_lock_the_next_run_takes_over(
    tmp_path: Path, folder: Path
) -> None:
    o = options(tmp_path, folder)
    victim = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "nightly", *cli_args(o)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
        lock_path(o.db).is_file() and lock_path(o.db).read_text()
    ):
        time.sleep(0.05)
    victim.kill()
    victim.wait()
    result = cli(*cli_args(o))
    assert result.returncode == 0, result.stderr
    if "took over" not in result.stderr:  # the victim had finished before it was killed
        pytest.skip("the first run finished before SIGKILL reached it")


# --- a database another process holds ----------------------------------------------------


def test_the_run_waits_for_an_analysts_session_then_goes_on(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder)
    nightly(o)
    other = holder(
        f"import duckdb, time; c = duckdb.connect({str(o.db)!r}, read_only=True); "
        "print('holding', flush=True); time.sleep(2); c.close()"
    )
    try:
        result = cli(*cli_args(o, "--wait-db", "60"))
    finally:
        other.wait()
    assert result.returncode == 0, result.stderr


def test_the_run_gives_up_after_the_wait_and_names_the_cause(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder)
    nightly(o)
    other = holder(
        f"import duckdb, time; c = duckdb.connect({str(o.db)!r}); print('holding', flush=True); "
        "time.sleep(60)"
    )
    try:
        started = time.monotonic()
        result = cli(*cli_args(o, "--wait-db", "2"))
        elapsed = time.monotonic() - started
    finally:
        other.kill()
        other.wait()
    assert result.returncode == 2
    assert "is held by another process (waited 2 s)" in result.stderr
    assert f"PID {other.pid}" in result.stderr  # DuckDB names the holder
    assert elapsed < 30
    logs = sorted(o.logs.glob("nightly-*.log"))
    assert "run failed" in logs[-1].read_text(encoding="utf-8")


# --- logs, digest, missing files --------------------------------------------------------


def test_a_log_per_run_and_only_the_newest_are_kept(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder, keep_logs=2)
    logs = [nightly(o).log for _ in range(3)]
    assert sorted(o.logs.glob("nightly-*.log")) == sorted(logs[1:])
    text = logs[-1].read_text(encoding="utf-8")
    assert "2 files seen: 0 new or changed, 2 unchanged" in text


def vn_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def test_digest_lists_new_overdue_and_due_soon_by_lead_agency(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder)
    first = nightly(o)
    assert first.digest_md.name == f"{vn_today().isoformat()}.md"
    text = first.digest_md.read_text(encoding="utf-8")
    assert "## Nhiệm vụ mới (11)" in text
    assert "### Sở Thông tin và Truyền thông" in text
    overdue = text.split("## Quá hạn")[1].split("## Đến hạn")[0]
    assert "hạn 25/03/2024" in overdue  # "trước ngày 25/3/2024" in the 000 example

    due = vn_today() + dt.timedelta(days=3)
    (folder / "cong_van.txt").write_text(
        "UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát kinh phí "
        f"hoạt động, báo cáo UBND tỉnh trước ngày {due.day}/{due.month}/{due.year}.\n",
        encoding="utf-8",
    )
    second = nightly(o)
    text = second.digest_md.read_text(encoding="utf-8")
    new = text.split("## Nhiệm vụ mới")[1].split("## Quá hạn")[0]
    # The day's digest: the first run's eleven stay new beside this run's one.
    assert new.startswith(" (12)") and "### Sở Tài chính" in new and "rà soát kinh phí" in new
    assert "### Sở Thông tin và Truyền thông" in new
    soon = text.split("## Đến hạn trong 7 ngày tới")[1]
    assert f"hạn {due:%d/%m/%Y}" in soon and "### Sở Tài chính" in soon
    page = second.digest_html.read_text(encoding="utf-8")
    assert '<h2 id="due_soon">' in page and "rà soát kinh phí" in page


def test_a_removed_file_keeps_its_rows_marked_missing_and_leaves_the_digest(
    tmp_path: Path, folder: Path
) -> None:
    o = options(tmp_path, folder)
    nightly(o)
    removed = next(folder.glob("000_*.txt"))
    removed.unlink()
    result = nightly(o)
    assert result.summary.files_missing == 1
    con = duckdb.connect(str(o.db), read_only=True)
    try:
        rows = con.execute(
            "SELECT missing_since IS NOT NULL, (SELECT count(*) FROM assignments a "
            "WHERE a.doc_id = d.doc_id) FROM documents d WHERE source_path = ?",
            [removed.name],
        ).fetchall()
    finally:
        con.close()
    assert rows[0][0] and rows[0][1] > 0
    assert "hạn 25/03/2024" not in result.digest_md.read_text(encoding="utf-8")


# --- schema migrations -------------------------------------------------------------------

# The schema as version 1 wrote it (this project's first release), less the views.
V1_SCHEMA = """
CREATE TABLE schema_info (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE documents (
    doc_id VARCHAR PRIMARY KEY, input_root VARCHAR, source_path VARCHAR,
    content_sha256 VARCHAR, rules_hash VARCHAR, format VARCHAR, encoding VARCHAR,
    title VARCHAR, doc_kind VARCHAR, doc_number VARCHAR, issuer VARCHAR, issued_date DATE,
    signer VARCHAR, jurisdiction VARCHAR, text VARCHAR, chars INTEGER, status VARCHAR,
    error VARCHAR, duplicate_of VARCHAR, missing_since TIMESTAMP, pipeline_version VARCHAR,
    processed_at TIMESTAMP
);
CREATE TABLE legal_refs (
    ref_id VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, number VARCHAR, title VARCHAR,
    issued_date DATE, issuer VARCHAR, raw VARCHAR, start_char INTEGER, end_char INTEGER,
    rule_id VARCHAR
);
CREATE TABLE assignments (
    assignment_id VARCHAR PRIMARY KEY, doc_id VARCHAR, seq INTEGER, lead_agency VARCHAR,
    lead_agency_raw VARCHAR, jurisdiction VARCHAR, task VARCHAR, deadline DATE,
    deadline_raw VARCHAR, deadline_kind VARCHAR, recurrence VARCHAR, recurrence_rule VARCHAR,
    urgent BOOLEAN, start_char INTEGER, end_char INTEGER, rule_id VARCHAR,
    task_start INTEGER, task_end INTEGER
);
CREATE TABLE assignment_agencies (
    assignment_id VARCHAR, agency VARCHAR, agency_raw VARCHAR, jurisdiction VARCHAR,
    role VARCHAR, start_char INTEGER, end_char INTEGER, rule_id VARCHAR
);
CREATE TABLE assignment_refs (assignment_id VARCHAR, ref_id VARCHAR);
CREATE TABLE agencies (
    canonical_name VARCHAR PRIMARY KEY, kind VARCHAR, level VARCHAR, abbreviations VARCHAR[]
);
CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
    input_root VARCHAR, files_seen INTEGER, files_new INTEGER, files_unchanged INTEGER,
    files_failed INTEGER, pipeline_version VARCHAR, status VARCHAR,
    assignments_found INTEGER, refs_found INTEGER
);
CREATE TABLE assignment_status (
    assignment_id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, note VARCHAR,
    updated_by VARCHAR, updated_at TIMESTAMP DEFAULT current_timestamp
);
INSERT INTO schema_info VALUES ('schema_version', '1');
INSERT INTO documents (doc_id, input_root, source_path, content_sha256, status, text)
    VALUES ('d1', '/srv/van-ban', 'cu.txt', 'abc', 'ok', 'Giao Sở Y tế kiểm tra.');
INSERT INTO assignments (assignment_id, doc_id, seq, lead_agency, task)
    VALUES ('a1', 'd1', 1, 'Sở Y tế', 'kiểm tra');
INSERT INTO assignment_status (assignment_id, status, note) VALUES ('a1', 'done', 'đã xong');
"""


def test_a_version_1_database_is_migrated_in_place_keeping_its_data(tmp_path: Path) -> None:
    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute(V1_SCHEMA)
    con.close()
    con = store.connect(db)
    try:
        assert store.schema_version(con) == store.SCHEMA_VERSION == 3
        assert con.execute(
            "SELECT task, file_size FROM assignments JOIN documents USING (doc_id)"
        ).fetchall() == [("kiểm tra", None)]
        assert con.execute("SELECT status, note FROM assignment_status").fetchall() == [
            ("done", "đã xong")
        ]
        columns = {r[0] for r in con.execute("DESCRIBE assignments").fetchall()}
        assert {"deadline_start", "recurrence_end"} <= columns
        assert con.execute("SELECT count(*) FROM v_assignment_status").fetchall() == [(1,)]
        # Version 3: the ids of references and assignments are no longer keys (an index
        # that grew with the database); the documents' is.
        keyed = con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
            "AND table_name IN ('documents', 'legal_refs', 'assignments')"
        ).fetchall()
        assert keyed == [("documents",)]
    finally:
        con.close()
    summary = run(CORPUS, db)  # and it takes new runs
    assert summary.files_new == 2


def test_a_failed_migration_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute(V1_SCHEMA)
    con.close()
    broken = {**store.MIGRATIONS, 3: (*store.MIGRATIONS[3], "ALTER TABLE no_such ADD COLUMN x INT")}
    monkeypatch.setattr(store, "MIGRATIONS", broken)
    with pytest.raises(duckdb.Error):
        store.connect(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert store.schema_version(con) == 1
        assert "file_size" not in {r[0] for r in con.execute("DESCRIBE documents").fetchall()}
        assert con.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'assignments' "
            "AND constraint_type = 'PRIMARY KEY'"
        ).fetchall() == [(1,)]
    finally:
        con.close()


# --- unchanged files are known by their stat ---------------------------------------------


def test_unchanged_files_are_not_read_again(tmp_path: Path, folder: Path, monkeypatch) -> None:
    db = tmp_path / "n.duckdb"
    run(folder, db)

    def no_reading(path: Path) -> str:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(runner, "sha256_file", no_reading)
    assert run(folder, db).files_unchanged == 2
    monkeypatch.undo()

    touched = next(folder.glob("003_*.txt"))
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10**9))
    again = run(folder, db)  # read once: same content, so not extracted; its stat is kept
    assert (again.files_unchanged, again.files_new) == (2, 0)
    monkeypatch.setattr(runner, "sha256_file", no_reading)
    assert run(folder, db).files_unchanged == 2


def test_a_change_that_keeps_size_and_time_needs_verify(tmp_path: Path, folder: Path) -> None:
    db = tmp_path / "n.duckdb"
    run(folder, db)
    path = next(folder.glob("003_*.txt"))
    stat = path.stat()
    data = path.read_bytes()
    assert b"2023" in data
    path.write_bytes(data.replace(b"2023", b"2024", 1))  # a date edited: same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert run(folder, db).files_new == 0
    assert run(folder, db, RunOptions(verify=True)).files_new == 1


def test_a_run_that_fails_leaves_no_lock_to_take_over(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder)
    missing = NightlyOptions(tmp_path / "no-such-folder", o.db, o.logs, o.digests)
    with pytest.raises(runner.RunError):
        nightly(missing)
    assert lock_path(o.db).read_text() == ""
    assert nightly(o).took_over is None


def test_keep_logs_zero_still_keeps_the_last(tmp_path: Path, folder: Path) -> None:
    o = options(tmp_path, folder, keep_logs=0)
    last = [nightly(o).log for _ in range(2)][-1]
    assert sorted(o.logs.glob("nightly-*.log")) == [last]


def test_a_file_that_could_not_be_read_is_tried_again(
    tmp_path: Path, folder: Path, monkeypatch
) -> None:
    from pipeline import ingest

    db = tmp_path / "n.duckdb"
    real = ingest.read_bytes

    def flaky(path: Path, max_bytes: int = ingest.DEFAULT_MAX_BYTES) -> bytes:
        if path.name.startswith("003_"):
            raise ingest.UnreadableFile("cannot read file: Permission denied")
        return real(path, max_bytes)

    monkeypatch.setattr(ingest, "read_bytes", flaky)
    assert run(folder, db).files_failed == 1
    monkeypatch.undo()
    again = run(folder, db)  # same size and time, but never read: read now
    assert (again.files_new, again.files_failed, again.files_unchanged) == (1, 0, 1)


def test_a_file_name_that_is_not_utf8_is_stored_readably(tmp_path: Path, folder: Path) -> None:
    example = next(folder.glob("000_*.txt")).read_bytes()
    raw_name = os.fsencode(folder) + b"/Quy\xeat \xf0inh 12.txt"  # Windows-1258 bytes
    with open(raw_name, "wb") as fh:
        fh.write(example.replace(b"2024", b"2025"))
    db = tmp_path / "n.duckdb"
    summary = run(folder, db)
    assert (summary.files_new, summary.files_failed) == (3, 0)
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT source_path FROM documents").fetchall()]
    finally:
        con.close()
    assert "Quy\ufffdt \ufffdinh 12.txt" in names
    assert run(folder, db).files_unchanged == 3  # and it is known the next time
