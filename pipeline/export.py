"""Export of the database for analysts' other tools: CSV and Parquet (one file a table,
written by DuckDB itself) or one Excel workbook (a sheet a table, Vietnamese headers).

The database is opened read-only, so an export can run beside an analyst's notebook; it
never blocks for long a nightly run either, since it only reads.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow.parquet as pq
import yaml
from pydantic import BaseModel

# Views first: what analysts read; then the tables they are made from.
EXPORTED = (
    "v_assignments",
    "v_assignment_status",
    "v_agency_workload",
    "v_citations",
    "documents",
    "legal_refs",
    "assignments",
    "assignment_agencies",
    "assignment_refs",
    "assignment_status",
    "agencies",
    "provinces",
    "runs",
)
Format = Literal["csv", "parquet", "xlsx"]
LABELS_FILE = Path(__file__).with_name("labels_vi.yaml")
# Excel's own limits: characters in a cell, rows in a sheet (with its header row).
XLSX_MAX_CELL = 32_767
XLSX_MAX_ROWS = 1_048_576
XLSX_NAME = "nhiemvu.xlsx"
_BATCH = 10_000


class ExportError(Exception):
    """An export that cannot be made: the message says why."""


class ExportedTable(BaseModel):
    name: str
    rows: int
    path: str
    cut_cells: int = 0


class ExportSummary(BaseModel):
    format: str
    out: str
    tables: list[ExportedTable]


@cache
def labels() -> dict[str, dict[str, str]]:
    with LABELS_FILE.open(encoding="utf-8") as fh:
        data: dict[str, dict[str, str]] = yaml.safe_load(fh)
    return data


def export(
    db: Path,
    out: Path,
    fmt: Format,
    tables: Sequence[str] = EXPORTED,
    on_table: Callable[[ExportedTable], None] | None = None,
) -> ExportSummary:
    if not db.is_file():
        raise ExportError(f"no database at {db}; run `nhiemvu extract` first")
    out.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise ExportError(f"cannot open {db}: {exc}") from exc
    try:
        missing = [t for t in tables if not _exists(con, t)]
        if missing:
            raise ExportError(f"{db} has no {', '.join(missing)}: not a nhiemvu database?")
        # The database is held only while DuckDB copies the tables out; an Excel workbook is
        # then built from Parquet copies with the database closed (building it is slow).
        staging = Path(tempfile.mkdtemp(prefix="nhiemvu-export-")) if fmt == "xlsx" else out
        done = []
        for table in tables:
            path = staging / f"{table}.{'parquet' if fmt == 'xlsx' else fmt}"
            options = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
            con.execute(f"COPY (SELECT * FROM {table}) TO '{_quoted(path)}' ({options})")
            rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()
            done.append(ExportedTable(name=table, rows=rows[0][0] if rows else 0, path=str(path)))
            if on_table and fmt != "xlsx":
                on_table(done[-1])
    finally:
        con.close()
    if fmt == "xlsx":
        try:
            done = _xlsx(staging, out / XLSX_NAME, tables, on_table)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return ExportSummary(format=fmt, out=str(out), tables=done)


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()
    return bool(found and found[0][0])


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


# --- Excel -----------------------------------------------------------------------------


def _xlsx(
    staging: Path,
    path: Path,
    tables: Sequence[str],
    on_table: Callable[[ExportedTable], None] | None,
) -> list[ExportedTable]:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    about = book.create_sheet("Giới thiệu")
    done: list[ExportedTable] = []
    notes: list[tuple[str, str, int, int]] = []  # sheet, column, row, characters cut
    for table in tables:
        parquet = pq.ParquetFile(staging / f"{table}.parquet")
        names = parquet.schema_arrow.names
        header = [labels()["columns"].get(n, n) for n in names]
        rows = 0
        sheet, sheet_rows, part = None, XLSX_MAX_ROWS, 0
        for batch in _batches(parquet):
            for record in batch:
                if sheet_rows >= XLSX_MAX_ROWS:  # a table longer than a sheet goes on
                    part += 1
                    sheet = book.create_sheet(table if part == 1 else f"{table} ({part})")
                    sheet.freeze_panes = "A2"
                    sheet.append(header)
                    sheet_rows = 1
                assert sheet is not None
                cells = []
                for name, value in zip(names, record, strict=True):
                    cell, cut = _cell(sheet, value)
                    if cut:
                        notes.append((sheet.title, name, sheet_rows + 1, cut))
                    cells.append(cell)
                sheet.append(cells)
                sheet_rows += 1
                rows += 1
        if sheet is None:  # an empty table still gets its sheet and header
            sheet = book.create_sheet(table)
            sheet.append(header)
        cut_here = sum(1 for n in notes if n[0].split(" (")[0] == table)
        done.append(ExportedTable(name=table, rows=rows, path=str(path), cut_cells=cut_here))
        if on_table:
            on_table(done[-1])
    _about(about, done, notes)
    book.save(path)
    return done


def _batches(parquet: pq.ParquetFile) -> Iterator[list[tuple[Any, ...]]]:
    for batch in parquet.iter_batches(batch_size=_BATCH):
        columns = batch.to_pydict().values()
        yield list(zip(*columns, strict=True))


def _cell(sheet: Any, value: Any) -> tuple[Any, int]:
    """A value as Excel takes it, and how many characters were cut from it. Text is always
    text: a title or file name starting with "=" must not become a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones
    if not isinstance(value, str):
        return value, 0
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cut = 0
    if len(value) > XLSX_MAX_CELL:
        mark = "… [đã cắt {n} ký tự: toàn văn ở bản CSV/Parquet]"
        keep = XLSX_MAX_CELL - len(mark.format(n=len(value)))
        cut = len(value) - keep
        value = value[:keep] + mark.format(n=cut)
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell, cut


def _about(sheet: Any, done: list[ExportedTable], notes: list[tuple[str, str, int, int]]) -> None:
    sheet.append(["nhiemvu: xuất dữ liệu", dt.datetime.now().replace(microsecond=0)])
    sheet.append([])
    sheet.append(["Bảng", "Nội dung", "Số dòng"])
    for table in done:
        sheet.append([table.name, labels()["tables"].get(table.name, ""), table.rows])
    sheet.append([])
    if notes:
        sheet.append(
            [
                f"Ghi chú: {len(notes)} ô dài quá {XLSX_MAX_CELL} ký tự (giới hạn của Excel) đã bị cắt"
            ]
        )
        sheet.append(["Bảng", "Cột", "Dòng", "Số ký tự bị cắt"])
        for note in notes:
            sheet.append(list(note))
    else:
        sheet.append(["Không ô nào bị cắt."])
