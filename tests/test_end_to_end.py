"""The whole path over the project's own corpus into a temporary database."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipeline import store
from pipeline.runner import RunOptions, run
from tests.conftest import CORPUS

SPEC_COLUMNS = {
    "documents": "doc_id input_root source_path content_sha256 rules_hash format encoding title "
    "doc_kind doc_number issuer issued_date signer jurisdiction text chars status error "
    "duplicate_of missing_since pipeline_version processed_at",
    "legal_refs": "ref_id doc_id kind number title issued_date issuer raw start_char end_char",
    "assignments": "assignment_id doc_id seq lead_agency lead_agency_raw jurisdiction task "
    "deadline deadline_raw deadline_kind recurrence recurrence_rule urgent start_char end_char rule_id "
    "task_start task_end deadline_start deadline_end recurrence_start recurrence_end",
    "assignment_agencies": "assignment_id agency agency_raw jurisdiction role",
    "assignment_refs": "assignment_id ref_id",
    "agencies": "canonical_name kind level abbreviations successor",
    "provinces": "name kind period successor",
    "runs": "run_id started_at finished_at input_root files_seen files_new files_unchanged "
    "files_failed pipeline_version status",
    "assignment_status": "assignment_id status note updated_by updated_at",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "corpus.duckdb"
    summary = run(CORPUS, path)
    assert summary.files_seen == 2 and summary.files_failed == 0
    return path


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("table", sorted(SPEC_COLUMNS))
def test_every_spec_column_exists(db: Path, table: str) -> None:
    cols = {
        r[0]
        for r in query(
            db, "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        )
    }
    assert set(SPEC_COLUMNS[table].split()) <= cols


def test_schema_version_recorded(db: Path) -> None:
    assert query(db, "SELECT value FROM schema_info WHERE key = 'schema_version'") == [
        (str(store.SCHEMA_VERSION),)
    ]


def test_reference_offsets_give_back_raw(db: Path) -> None:
    rows = query(
        db,
        "SELECT d.text, r.raw, r.start_char, r.end_char FROM legal_refs r JOIN documents d USING (doc_id)",
    )
    assert rows
    for text, raw, start, end in rows:
        assert text[start:end] == raw


def test_assignment_offsets_cover_task_and_lead(db: Path) -> None:
    rows = query(
        db,
        "SELECT d.text, a.start_char, a.end_char, a.task_start, a.task_end, g.agency_raw, g.start_char, g.end_char "
        "FROM assignments a JOIN documents d USING (doc_id) JOIN assignment_agencies g USING (assignment_id) WHERE g.role = 'lead'",
    )
    assert rows
    for text, start, end, t_start, t_end, raw, g_start, g_end in rows:
        assert start <= t_start <= t_end <= end
        assert text[g_start:g_end] == raw


def test_deadline_and_recurrence_offsets_give_back_their_text(db: Path) -> None:
    rows = query(
        db,
        "SELECT d.text, a.deadline_raw, a.deadline_start, a.deadline_end, a.recurrence, "
        "a.recurrence_start, a.recurrence_end FROM assignments a JOIN documents d USING (doc_id)",
    )
    with_deadline = [r for r in rows if r[1] is not None]
    with_recurrence = [r for r in rows if r[4] is not None]
    assert with_deadline and with_recurrence
    for text, raw, start, end, _, _, _ in with_deadline:
        assert text[start:end] == raw
    for text, _, _, _, _, r_start, r_end in with_recurrence:
        assert r_start is not None and r_end is not None and r_start < r_end <= len(text)


@pytest.mark.parametrize("name", ["000_7d8544acb95e07e8", "003_d49d550902d415e6"])
def test_examples_match_their_gold(db: Path, name: str) -> None:
    """SPEC's worked example: the two announcements come out as their gold says."""
    from pipeline import evaluate

    gold = evaluate.load_gold(CORPUS)
    preds = evaluate.load_predictions(db)
    report = evaluate.score(
        {name + ".txt": gold[name + ".txt"]}, {name + ".txt": preds[name + ".txt"]}
    )
    for key in (
        "refs_numbered",
        "refs_by_name",
        "assignments",
        "assignments_one_to_one",
        "coordinators",
        "strict",
    ):
        assert report.metrics[key].f1 == 1.0, key
    assert report.accuracies["ref_kind"].accuracy == 1.0
    assert report.accuracies["ref_date"].accuracy == 1.0
    assert report.accuracies["issued_date"].accuracy == 1.0


def test_worked_example_row(db: Path) -> None:
    rows = query(
        db,
        "SELECT lead_agency, deadline, list_sort(coordinators) FROM v_assignments WHERE task LIKE 'xin chủ trương UBND tỉnh bố trí kinh phí%'",
    )
    assert rows == [("Sở Thông tin và Truyền thông", date(2024, 3, 25), ["Sở Tài chính"])]


def test_ids_are_stable_and_rerun_skips_unchanged(db: Path, tmp_path: Path) -> None:
    again = run(CORPUS, db)
    assert again.files_unchanged == 2 and again.files_new == 0
    forced = run(CORPUS, db, RunOptions(reprocess=True))
    assert forced.files_new == 2
    # Unique by construction, not by a key (schema version 3): checked here after a re-run.
    for table, column in (("assignments", "assignment_id"), ("legal_refs", "ref_id")):
        ids = query(db, f"SELECT count(*), count(DISTINCT {column}) FROM {table}")
        assert ids[0][0] == ids[0][1] > 0
    assert query(db, "SELECT count(*) FROM runs")[0][0] == 3


def test_seq_numbers_each_document_from_one(db: Path) -> None:
    rows = query(db, "SELECT doc_id, list(seq ORDER BY seq) FROM assignments GROUP BY doc_id")
    for _doc, seqs in rows:
        assert seqs == list(range(1, len(seqs) + 1))


def test_duplicate_missing_and_failed_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    original = next(CORPUS.glob("000_*.txt"))
    shutil.copy(original, folder / "a.txt")
    shutil.copy(original, folder / "sub" / "b.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    # a Western European text: not UTF-8, and not the Vietnamese Windows code page either
    (folder / "latin1.txt").write_bytes(
        "Éléphant déjà vu à la crème brûlée, façade près de l'église.".encode("cp1252")
    )
    db = tmp_path / "x.duckdb"
    summary = run(folder, db)
    assert summary.files_seen == 5 and summary.files_failed == 3
    rows = dict(query(db, "SELECT source_path, status FROM documents"))
    assert rows == {
        "a.txt": "ok",
        "sub/b.txt": "ok",
        "empty.txt": "failed",
        "binary.txt": "failed",
        "latin1.txt": "failed",
    }
    dup = query(
        db,
        "SELECT d.duplicate_of = o.doc_id FROM documents d, documents o WHERE d.source_path = 'sub/b.txt' AND o.source_path = 'a.txt'",
    )
    assert dup == [(True,)]
    assert query(
        db,
        "SELECT count(*) FROM assignments a JOIN documents d USING (doc_id) WHERE d.source_path = 'sub/b.txt'",
    ) == [(0,)]
    errors = dict(query(db, "SELECT source_path, error FROM documents WHERE status = 'failed'"))
    assert (
        "empty" in errors["empty.txt"]
        and "NUL" in errors["binary.txt"]
        and "UTF-8" in errors["latin1.txt"]
    )
    (folder / "a.txt").unlink()
    later = run(folder, db)
    assert later.files_missing == 1
    kept = query(
        db,
        "SELECT missing_since IS NOT NULL, (SELECT count(*) FROM assignments WHERE doc_id = d.doc_id) FROM documents d WHERE source_path = 'a.txt'",
    )
    assert kept[0][0] is True and kept[0][1] > 0


def test_gold_files_are_the_shipped_ones() -> None:
    for gold in (CORPUS / "gold").glob("*.json"):
        data = json.loads(gold.read_text(encoding="utf-8"))
        assert (CORPUS / data["source"]).is_file()


def test_assignments_today_follow_the_2025_reorganisation(tmp_path: Path) -> None:
    """A 2023 Quảng Nam directive to Sở Thông tin và Truyền thông is today's Sở Khoa học
    và Công nghệ of Đà Nẵng (003_* of corpus/)."""
    db = tmp_path / "today.duckdb"
    run(CORPUS, db)
    rows = query(
        db,
        "SELECT lead_agency, t.jurisdiction, lead_agency_today, jurisdiction_today, reorganised "
        "FROM v_assignments_today t JOIN documents d USING (doc_id) "
        "WHERE d.source_path LIKE '003_%' AND lead_agency = 'Sở Thông tin và Truyền thông'",
    )
    assert rows and set(rows) == {
        ("Sở Thông tin và Truyền thông", "Quảng Nam", "Sở Khoa học và Công nghệ", "Đà Nẵng", True)
    }
    unchanged = query(
        db,
        "SELECT lead_agency_today, reorganised FROM v_assignments_today "
        "WHERE lead_agency = 'Sở Tư pháp'",
    )
    assert unchanged == [("Sở Tư pháp", False)]
    assert query(db, "SELECT count(*) FROM provinces WHERE successor IS NOT NULL")[0][0] > 20


def test_odd_names_and_a_size_limit(tmp_path: Path) -> None:
    """Odd file names are kept as written; a file over the limit is refused, the rest go on."""
    folder = tmp_path / "in"
    odd = folder / "Thư mục có dấu" / "tên file  có khoảng trắng; (bản sao) #1.txt"
    odd.parent.mkdir(parents=True)
    text = next(CORPUS.glob("003_*.txt")).read_text(encoding="utf-8")
    odd.write_text(text, encoding="utf-8")
    (folder / "lớn.md").write_text(text * 50, encoding="utf-8")
    db = tmp_path / "odd.duckdb"
    summary = run(folder, db, RunOptions(max_bytes=len(text.encode()) * 10))
    assert summary.files_seen == 2 and summary.files_failed == 1
    rows = dict(query(db, "SELECT source_path, coalesce(error, status) FROM documents"))
    assert rows["Thư mục có dấu/tên file  có khoảng trắng; (bản sao) #1.txt"] == "ok"
    assert rows["lớn.md"].startswith("file too large")


def test_a_changed_file_replaces_all_its_rows(tmp_path: Path) -> None:
    # The run deletes the rows of files it knew and only inserts new ones: after a file's
    # content changes, nothing of its old extraction is left in any table.
    first, second = sorted(CORPUS.glob("0*.txt"))[:2]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(first, folder / "a.txt")
    db = tmp_path / "x.duckdb"
    run(folder, db)
    shutil.copy(second, folder / "a.txt")
    again = run(folder, db, RunOptions(verify=True))
    assert again.files_new == 1
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(second, fresh / "a.txt")
    alone = tmp_path / "alone.duckdb"
    run(fresh, alone)
    counts = (
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM legal_refs), "
        "(SELECT count(*) FROM assignments), (SELECT count(*) FROM assignment_agencies), "
        "(SELECT count(*) FROM assignment_refs)"
    )
    assert query(db, counts) == query(alone, counts)
    tasks = "SELECT list(task ORDER BY seq) FROM assignments"
    assert query(db, tasks) == query(alone, tasks)
