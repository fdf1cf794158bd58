"""`nhiemvu export`: every table and view in CSV, Parquet and Excel, row counts that round
trip, Vietnamese headers, and Excel's cell limit met with a visible cut and a note."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.export import EXPORTED, XLSX_MAX_CELL, XLSX_NAME, export, labels
from pipeline.runner import run
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The two examples, and a long text (a gazette issue) past Excel's cell limit."""
    folder = tmp_path_factory.mktemp("input")
    for path in CORPUS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    example = next(CORPUS.glob("003_*.txt")).read_text(encoding="utf-8")
    article = example.split("\nTin liên quan")[0]  # a portal's furniture ends the text
    long_text = "\n\n".join(f"Phần {k}\n{article}" for k in range(1, 16))
    assert len(long_text) > XLSX_MAX_CELL
    (folder / "cong_bao.txt").write_text(long_text, encoding="utf-8")
    (folder / "=HYPERLINK(1).txt").write_text(article.replace("2023", "2022"), encoding="utf-8")
    path = tmp_path_factory.mktemp("db") / "nhiemvu.duckdb"
    run(folder, path)
    return path


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in EXPORTED}
    finally:
        con.close()


def read_back(out: Path, fmt: str) -> dict[str, int]:
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out / XLSX_NAME, read_only=True)
        return {t: sum(1 for _ in book[t].iter_rows()) - 1 for t in EXPORTED}
    con = duckdb.connect()
    reader = "read_csv(?, header = true)" if fmt == "csv" else "read_parquet(?)"
    return {
        t: con.execute(f"SELECT count(*) FROM {reader}", [str(out / f"{t}.{fmt}")]).fetchone()[0]
        for t in EXPORTED
    }


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_row_counts_round_trip(db: Path, tmp_path: Path, fmt: str) -> None:
    summary = export(db, tmp_path, fmt)  # type: ignore[arg-type]
    expected = counts(db)
    assert expected["v_assignments"] > 0 and expected["legal_refs"] > 0
    assert {t.name: t.rows for t in summary.tables} == expected
    assert read_back(tmp_path, fmt) == expected


def test_csv_keeps_the_vietnamese_text(db: Path, tmp_path: Path) -> None:
    export(db, tmp_path, "csv")
    con = duckdb.connect()
    exported = con.execute(
        "SELECT task FROM read_csv(?, header = true) ORDER BY ALL",
        [str(tmp_path / "v_assignments.csv")],
    ).fetchall()
    source = duckdb.connect(str(db), read_only=True)
    try:
        assert exported == source.execute("SELECT task FROM v_assignments ORDER BY ALL").fetchall()
    finally:
        source.close()


def test_xlsx_has_a_sheet_per_table_with_vietnamese_headers(db: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    export(db, tmp_path, "xlsx")
    book = load_workbook(tmp_path / XLSX_NAME, read_only=True)
    assert book.sheetnames == ["Giới thiệu", *EXPORTED]
    header = [c.value for c in next(book["v_assignments"].iter_rows(max_row=1))]
    assert header[:2] == ["Mã nhiệm vụ", "Mã văn bản"]
    assert {"Cơ quan chủ trì", "Nhiệm vụ", "Thời hạn", "Cơ quan phối hợp"} <= set(header)


def test_every_exported_column_has_a_vietnamese_label(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = {r[0] for t in EXPORTED for r in con.execute(f"DESCRIBE {t}").fetchall()}
    finally:
        con.close()
    assert columns - set(labels()["columns"]) == set()
    assert set(EXPORTED) <= set(labels()["tables"])


def test_a_cell_over_excels_limit_is_cut_with_a_mark_and_a_note(db: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    summary = export(db, tmp_path, "xlsx")
    assert {t.name: t.cut_cells for t in summary.tables}["documents"] == 1
    book = load_workbook(tmp_path / XLSX_NAME, read_only=True)
    rows = list(book["documents"].iter_rows(values_only=True))
    text_col = rows[0].index("Toàn văn")
    texts = [row[text_col] for row in rows[1:]]
    cut = [t for t in texts if t.endswith("toàn văn ở bản CSV/Parquet]")]
    assert len(cut) == 1 and XLSX_MAX_CELL - 10 < len(cut[0]) <= XLSX_MAX_CELL
    about = [row for row in book["Giới thiệu"].iter_rows(values_only=True)]
    assert any(row and "đã bị cắt" in str(row[0]) for row in about)
    assert ("documents", "text") in {(row[0], row[1]) for row in about if len(row) > 3}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "export", *args], capture_output=True, text=True
    )


def test_cli_exports_and_says_what_it_wrote(db: Path, tmp_path: Path) -> None:
    result = cli("--db", str(db), "--out", str(tmp_path), "--format", "parquet")
    assert result.returncode == 0, result.stderr
    assert f"{len(EXPORTED)} tables" in result.stdout
    assert "v_assignments:" in result.stderr
    assert (tmp_path / "v_assignments.parquet").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "/nonexistent/x.duckdb"], "no database at"),
        (["--format", "ods"], "'ods' is not one of"),
    ],
)
def test_cli_refuses_with_a_reason(tmp_path: Path, args: list[str], message: str) -> None:
    result = cli("--out", str(tmp_path), *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_xlsx_text_that_looks_like_a_formula_stays_text(db: Path, tmp_path: Path) -> None:
    import zipfile

    from openpyxl import load_workbook

    export(db, tmp_path, "xlsx")
    with zipfile.ZipFile(tmp_path / XLSX_NAME) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in book.read(n) for n in sheets)
    rows = load_workbook(tmp_path / XLSX_NAME, read_only=True)["documents"].iter_rows(
        values_only=True
    )
    assert "=HYPERLINK(1).txt" in {row[2] for row in rows}


def test_export_holds_the_database_only_while_copying(
    db: Path, tmp_path: Path, monkeypatch
) -> None:
    """The workbook is built with the database closed: a writer may open it meanwhile."""
    from pipeline import export as export_module

    real = export_module._xlsx

    def build_while_writing(*args):  # type: ignore[no-untyped-def]
        con = duckdb.connect(str(db))  # would raise if the export still held the file
        con.close()
        return real(*args)

    monkeypatch.setattr(export_module, "_xlsx", build_while_writing)
    export(db, tmp_path, "xlsx")
