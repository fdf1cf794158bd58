"""Task status for analysts: assignment_status_on(date), the views, and `nhiemvu mark`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from pipeline.runner import RunOptions, run
from tests.conftest import CORPUS, nhiemvu

WORKED_EXAMPLE = "xin chủ trương UBND tỉnh bố trí kinh phí%"  # deadline 2024-03-25 (000_*)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "status.duckdb"
    run(CORPUS, path)
    return path


def one(db: Path, sql: str, params: list | None = None) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(sql, params or []).fetchone()
    finally:
        con.close()
    assert row is not None
    return row


@pytest.mark.parametrize(
    ("reference", "due_in_days", "status"),
    [
        (date(2024, 3, 11), 14, "open"),  # the meeting's day
        (date(2024, 3, 18), 7, "due_soon"),
        (date(2024, 3, 25), 0, "due_soon"),  # due today
        (date(2024, 3, 26), -1, "overdue"),
    ],
)
def test_status_of_a_deadline(db: Path, reference: date, due_in_days: int, status: str) -> None:
    row = one(
        db,
        "SELECT due_in_days, status FROM assignment_status_on(?) WHERE task LIKE ?",
        [reference, WORKED_EXAMPLE],
    )
    assert row == (due_in_days, status)


def test_recurring_and_no_deadline(db: Path) -> None:
    statuses = one(
        db,
        "SELECT list(DISTINCT status ORDER BY status) FROM assignment_status_on(DATE '2024-03-11') "
        "WHERE deadline IS NULL",
    )[0]
    assert statuses == ["no_deadline", "recurring"]  # "định kỳ 02 tuần/lần" is recurring


def test_due_soon_window_is_a_parameter(db: Path) -> None:
    row = one(
        db,
        "SELECT status FROM assignment_status_on(DATE '2024-03-11', soon := 14) WHERE task LIKE ?",
        [WORKED_EXAMPLE],
    )
    assert row == ("due_soon",)


def test_today_is_vietnam_today(db: Path) -> None:
    vietnam = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert one(db, "SELECT vn_today()")[0] == vietnam
    assert one(db, "SELECT DISTINCT reference_date FROM v_assignment_status")[0] == vietnam


def test_agency_workload(db: Path) -> None:
    row = one(
        db,
        "SELECT sum(assignments), sum(recurring), sum(overdue) FROM v_agency_workload "
        "WHERE lead_agency = 'Sở Thông tin và Truyền thông'",
    )
    # 000_* gives it 5 (one recurring, one with the 2024-03-25 deadline, long past), 003_* 2
    assert row == (7, 1, 1)


def test_mark_is_kept_across_re_extraction(db: Path) -> None:
    assignment_id = one(
        db, "SELECT assignment_id FROM assignments WHERE task LIKE ?", [WORKED_EXAMPLE]
    )[0]
    result = nhiemvu(
        "mark", assignment_id, "done", "--note", "Công văn 123 đã gửi", "--db", str(db)
    )
    assert result.returncode == 0, result.stderr
    run(CORPUS, db, RunOptions(reprocess=True))
    row = one(
        db,
        "SELECT status, analyst_note FROM v_assignment_status WHERE assignment_id = ?",
        [assignment_id],
    )
    assert row == ("done", "Công văn 123 đã gửi")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-id", "done"], "no assignment with id"),
        (["{id}", "finished"], "unknown status"),
    ],
)
def test_mark_refuses_bad_input(db: Path, args: list[str], message: str) -> None:
    assignment_id = one(db, "SELECT min(assignment_id) FROM assignments")[0]
    result = nhiemvu("mark", *[a.format(id=assignment_id) for a in args], "--db", str(db))
    assert result.returncode == 2
    assert message in result.stderr
