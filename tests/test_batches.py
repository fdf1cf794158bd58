"""A run writes whole files in batches and releases DuckDB's cache between them: however the
files are grouped, the database holds the same rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline import runner, store
from tests.conftest import CORPUS

TABLES = ("documents", "legal_refs", "assignments", "assignment_agencies", "assignment_refs")
VOLATILE = {"processed_at"}


def _folder(tmp_path: Path) -> Path:
    """The two example announcements, each as itself, a duplicate and a variant."""
    folder = tmp_path / "input"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for name, copy in (("a", text), ("b", text), ("c", text + "\n(Bản 2)\n")):
            (folder / f"{name}_{path.name}").write_text(copy, encoding="utf-8")
    return folder


def _rows(db: Path, volatile: frozenset[str] = frozenset()) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [c for c in store.TABLE_COLUMNS[table] if c not in VOLATILE | volatile]
            out[table] = sorted(
                con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr
            )
        return out
    finally:
        con.close()


def test_small_batches_and_releases_store_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    whole = runner.run(folder, tmp_path / "whole.duckdb")
    releases: list[int] = []
    release = store.release_memory
    monkeypatch.setattr(runner, "BATCH_FILES", 4)
    monkeypatch.setattr(runner, "BATCH_CHARS", 5_000)  # two announcements fill a batch
    monkeypatch.setattr(runner, "RELEASE_FILES", 3)
    monkeypatch.setattr(store, "release_memory", lambda con: releases.append(1) or release(con))
    split = runner.run(folder, tmp_path / "split.duckdb")
    assert releases, "the cache was never released"
    assert whole.files_new == 6
    assert (split.files_new, split.assignments, split.refs) == (
        whole.files_new,
        whole.assignments,
        whole.refs,
    )
    assert _rows(tmp_path / "split.duckdb") == _rows(tmp_path / "whole.duckdb")


def test_release_keeps_the_data_and_the_memory_limit(tmp_path: Path) -> None:
    con = store.connect(tmp_path / "x.duckdb")
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchall()
        con.execute("INSERT INTO runs (run_id, status) VALUES ('r1', 'ok')")
        store.release_memory(con)
        assert con.execute("SELECT current_setting('memory_limit')").fetchall() == limit
        assert con.execute("SELECT run_id FROM runs").fetchall() == [("r1",)]
    finally:
        con.close()


def test_gazetteer_tables_hold_each_name_once(tmp_path: Path) -> None:
    """The agencies and provinces of rules/ replace the tables' rows; a name listed twice
    keeps its first row."""
    from pipeline.rules import load_rules

    gazetteer = load_rules().agencies
    entries, provinces = gazetteer.entries(), gazetteer.provinces()
    twin = entries[0].model_copy(update={"kind": "group", "abbreviations": ["X"]})
    con = store.connect(tmp_path / "g.duckdb")
    try:
        for _ in range(2):  # a second run replaces, never adds
            store.write_gazetteer(con, [*entries, twin], provinces)
        agencies = con.execute(
            "SELECT canonical_name, kind, level, abbreviations, successor FROM agencies"
        ).fetchall()
        places = con.execute("SELECT name, kind, period, successor FROM provinces").fetchall()
    finally:
        con.close()
    expected = [
        (e.canonical_name, e.kind, e.level, list(e.abbreviations), e.successor) for e in entries
    ]
    assert sorted(agencies) == sorted(expected)
    assert sorted(places) == sorted(
        (p.name, p.kind, p.period, p.successor or None) for p in provinces
    )


def test_the_writing_connection_keeps_row_groups_small(tmp_path: Path) -> None:
    """A full row group is held in memory whole at the next checkpoint: the run's connection
    makes groups of ROW_GROUP_ROWS rows, so that moment does not grow with the texts of
    122,880 documents (DuckDB's default)."""
    con = store.connect(tmp_path / "groups.duckdb")
    try:
        con.execute(
            "INSERT INTO documents (doc_id, text) SELECT 'd' || range, 'x' FROM range(40000)"
        )
        con.execute("CHECKPOINT")
        groups, largest = con.execute(
            "SELECT count(DISTINCT row_group_id), max(count) FROM pragma_storage_info('documents')"
        ).fetchall()[0]
    finally:
        con.close()
    assert largest <= store.ROW_GROUP_ROWS
    assert groups >= 40000 // store.ROW_GROUP_ROWS


def test_a_run_reads_what_it_knows_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Known documents and first originals read a few rows at a time are those read at once;
    the strings that repeat from row to row are held once. Asked for some ids, the known
    documents are those of the folder among them."""
    folder = _folder(tmp_path)
    db = tmp_path / "x.duckdb"
    runner.run(folder, db)
    con = store.connect(db)
    try:
        root = str(folder.resolve())
        whole = (store.known_documents(con, root), dict(store.first_doc_by_content(con).items()))
        monkeypatch.setattr(store, "FETCH_ROWS", 2)
        chunked = (store.known_documents(con, root), dict(store.first_doc_by_content(con).items()))
        asked = [*sorted(whole[0])[:2], "not-a-document"]
        some = store.known_documents(con, root, asked)
        elsewhere = store.known_documents(con, "/another/folder", asked)
    finally:
        con.close()
    assert chunked == whole
    assert some == {k: whole[0][k] for k in asked[:2]}
    assert elsewhere == {}
    known = list(chunked[0].values())
    assert len(known) == 6 and len(chunked[1]) == 4  # "a" and "b" share their content
    assert all(k.rules_hash is known[0].rules_hash for k in known)
    assert all(k.pipeline_version is known[0].pipeline_version for k in known)


def test_a_run_classifies_its_files_a_chunk_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is stored of a folder's files is read CLASSIFY_FILES at a time: with chunks of
    two files, a re-run finds the same files unchanged, touched, changed and missing, and
    leaves the same rows, as with one chunk."""
    import os
    import shutil

    folder = _folder(tmp_path)
    whole_db, split_db = tmp_path / "whole.duckdb", tmp_path / "split.duckdb"
    runner.run(folder, whole_db)
    shutil.copy(whole_db, split_db)
    files = sorted(folder.iterdir())
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nSửa đổi.\n", "utf-8")
    stat = files[1].stat()  # touched: the same content at another time
    os.utime(files[1], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    files[2].unlink()
    whole = runner.run(folder, whole_db)
    monkeypatch.setattr(runner, "CLASSIFY_FILES", 2)
    split = runner.run(folder, split_db)
    counts = ("files_seen", "files_new", "files_unchanged", "files_missing", "assignments")
    assert [getattr(split, c) for c in counts] == [getattr(whole, c) for c in counts]
    assert (whole.files_seen, whole.files_new, whole.files_unchanged, whole.files_missing) == (
        5,
        1,
        4,
        1,
    )
    when = frozenset({"missing_since"})  # the time of each run
    assert _rows(split_db, when) == _rows(whole_db, when)
    again = runner.run(folder, split_db)  # the touched file's new time was recorded
    assert (again.files_unchanged, again.files_new) == (5, 0)


def test_doc_ids_of_many_files_are_doc_id_for_each(tmp_path: Path) -> None:
    """The folder is resolved once for all its files: the same ids, also through a link."""
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    names = ["a.txt", "sub/Quyết định 12.txt", "Quy\udceat.txt"]  # the last: not UTF-8
    for root in (tmp_path / "real", tmp_path / "link"):
        assert list(store.doc_ids_for(root, names)) == [store.doc_id_for(root, n) for n in names]
    assert list(store.doc_ids_for(tmp_path / "link", names)) == list(
        store.doc_ids_for(tmp_path / "real", names)
    )
