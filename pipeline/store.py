"""The DuckDB database: schema, identity, per-batch replace, runs.

A batch of whole files is written in one transaction, through Arrow, so a killed run
never leaves half a document. Values are always bound, never interpolated into SQL.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.models import DocumentResult
from pipeline.originals import Originals

SCHEMA_VERSION = 3

# What each schema version changes in a database of the version before it. Opening an older
# database applies the steps it lacks, in order, in one transaction with the version bump;
# SCHEMA below is always the latest whole. Steps are idempotent ("IF NOT EXISTS"): some
# version-1 files already had a column added before versions were counted.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (
        "ALTER TABLE agencies ADD COLUMN IF NOT EXISTS successor VARCHAR",
        "ALTER TABLE assignments ADD COLUMN IF NOT EXISTS deadline_start INTEGER",
        "ALTER TABLE assignments ADD COLUMN IF NOT EXISTS deadline_end INTEGER",
        "ALTER TABLE assignments ADD COLUMN IF NOT EXISTS recurrence_start INTEGER",
        "ALTER TABLE assignments ADD COLUMN IF NOT EXISTS recurrence_end INTEGER",
        # Size and modification time: an unchanged file is known without reading it.
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_size BIGINT",
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_mtime_ns BIGINT",
    ),
    # No primary key on a reference's or an assignment's id: DuckDB keeps a key as an index
    # that the first insert after a release loads whole, ~0.9 KB a document for these two
    # tables' ~18 rows, so a run's memory grew with its database. Their ids stay unique by
    # construction (a hash of the document, the span and the number or lead; a document's
    # rows are deleted and inserted together). DuckDB cannot drop a key: the tables are
    # copied without it.
    3: (
        "CREATE OR REPLACE TABLE legal_refs_v3 AS SELECT * FROM legal_refs",
        "DROP TABLE legal_refs",
        "ALTER TABLE legal_refs_v3 RENAME TO legal_refs",
        "CREATE OR REPLACE TABLE assignments_v3 AS SELECT * FROM assignments",
        "DROP TABLE assignments",
        "ALTER TABLE assignments_v3 RENAME TO assignments",
    ),
}


# DuckDB keeps the blocks it writes and the parts of its key indexes it reads cached in memory,
# up to 80% of RAM: a long run's memory grew with the database. A lower limit, set for a moment
# between batches once everything is on disk, makes it evict them. (A limit kept for the whole
# run does too, but a transaction that pins more than it, such as a checkpoint of long texts,
# fails and invalidates the database.)
RELEASED = "32MB"

# When a table's row group fills up, DuckDB's next checkpoint holds the whole group in memory:
# with the default 122,880 rows, the documents' texts of one group (~8 KB a document) took
# a store-only test past 1.6 GB at 122,880 documents and 2.7 GB at twice that. With groups of
# 16,384 rows its peak was 1.1 GB over 300,000 documents; with 8,192, 0.67 GB over 150,000.
ROW_GROUP_ROWS = 8_192

# Rows fetched at a time when a run reads what it knows of every document (a list of all
# rows at once would hold each row's tuple and strings beside what is kept of it).
FETCH_ROWS = 50_000


class StoreError(Exception):
    """The database cannot be used: locked, unreadable, or newer than this code."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_info (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, input_root VARCHAR, source_path VARCHAR,
    content_sha256 VARCHAR, rules_hash VARCHAR, format VARCHAR, encoding VARCHAR,
    title VARCHAR, doc_kind VARCHAR, doc_number VARCHAR, issuer VARCHAR, issued_date DATE,
    signer VARCHAR, jurisdiction VARCHAR, text VARCHAR, chars INTEGER, status VARCHAR,
    error VARCHAR, duplicate_of VARCHAR, missing_since TIMESTAMP, pipeline_version VARCHAR,
    processed_at TIMESTAMP, file_size BIGINT, file_mtime_ns BIGINT
);
CREATE TABLE IF NOT EXISTS legal_refs (
    ref_id VARCHAR, doc_id VARCHAR, kind VARCHAR, number VARCHAR, title VARCHAR,
    issued_date DATE, issuer VARCHAR, raw VARCHAR, start_char INTEGER, end_char INTEGER,
    rule_id VARCHAR
);
CREATE TABLE IF NOT EXISTS assignments (
    assignment_id VARCHAR, doc_id VARCHAR, seq INTEGER, lead_agency VARCHAR,
    lead_agency_raw VARCHAR, jurisdiction VARCHAR, task VARCHAR, deadline DATE,
    deadline_raw VARCHAR, deadline_kind VARCHAR, recurrence VARCHAR, recurrence_rule VARCHAR,
    urgent BOOLEAN, start_char INTEGER, end_char INTEGER, rule_id VARCHAR,
    task_start INTEGER, task_end INTEGER, deadline_start INTEGER, deadline_end INTEGER,
    recurrence_start INTEGER, recurrence_end INTEGER
);
CREATE TABLE IF NOT EXISTS assignment_agencies (
    assignment_id VARCHAR, agency VARCHAR, agency_raw VARCHAR, jurisdiction VARCHAR,
    role VARCHAR, start_char INTEGER, end_char INTEGER, rule_id VARCHAR
);
CREATE TABLE IF NOT EXISTS assignment_refs (assignment_id VARCHAR, ref_id VARCHAR);
CREATE TABLE IF NOT EXISTS agencies (
    canonical_name VARCHAR PRIMARY KEY, kind VARCHAR, level VARCHAR, abbreviations VARCHAR[],
    successor VARCHAR
);
CREATE TABLE IF NOT EXISTS provinces (
    name VARCHAR PRIMARY KEY, kind VARCHAR, period VARCHAR, successor VARCHAR
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
    input_root VARCHAR, files_seen INTEGER, files_new INTEGER, files_unchanged INTEGER,
    files_failed INTEGER, pipeline_version VARCHAR, status VARCHAR,
    assignments_found INTEGER, refs_found INTEGER
);
CREATE TABLE IF NOT EXISTS assignment_status (
    assignment_id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, note VARCHAR,
    updated_by VARCHAR, updated_at TIMESTAMP DEFAULT current_timestamp
);
"""

VIEWS = """
-- A số hiệu compared as SPEC's scoring does: upper case, Đ as D, Cyrillic look-alikes as
-- Latin, no spaces ("73/2019/NĐ-CP" = "73/2019/ND-CP", "BТС" with a Cyrillic Т = "BTC").
CREATE OR REPLACE MACRO number_key(x) AS
    translate(replace(replace(upper(x), 'Đ', 'D'), ' ', ''), 'АВЕКМНОРСТХ', 'ABEKMHOPCTX');

-- What cites what: every reference, with the document of the database that has its number.
CREATE OR REPLACE VIEW v_citations AS
SELECT r.ref_id, r.doc_id AS citing_doc_id, c.source_path AS citing_source_path,
       c.title AS citing_title, c.issued_date AS citing_date,
       r.kind, r.number, r.title AS ref_title, r.issued_date AS ref_date, r.issuer,
       d.doc_id AS cited_doc_id, d.source_path AS cited_source_path, d.title AS cited_title
FROM legal_refs r
JOIN documents c ON c.doc_id = r.doc_id
LEFT JOIN documents d
       ON r.number IS NOT NULL AND d.doc_number IS NOT NULL AND d.doc_id <> r.doc_id
      AND d.duplicate_of IS NULL AND number_key(d.doc_number) = number_key(r.number);

-- An assignment's agencies as they are called today: the 2025 reorganisation merged
-- ministries, departments and provinces (successors in rules/agencies.yaml, provinces.csv).
CREATE OR REPLACE VIEW v_assignments_today AS
SELECT a.assignment_id, a.doc_id, a.seq, a.lead_agency, a.jurisdiction, a.task, a.deadline,
       coalesce(ag.successor, a.lead_agency) AS lead_agency_today,
       coalesce(nullif(p.successor, ''), a.jurisdiction) AS jurisdiction_today,
       ag.successor IS NOT NULL OR coalesce(p.successor, '') <> '' AS reorganised
FROM assignments a
LEFT JOIN agencies ag ON ag.canonical_name = a.lead_agency
LEFT JOIN provinces p ON p.name = a.jurisdiction;

-- Today in Vietnam, whatever the server's clock zone.
CREATE OR REPLACE MACRO vn_today() AS (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::DATE;

-- Every assignment's standing on a reference date: the analyst's verdict first (done,
-- cancelled), else from its deadline: overdue, due_soon (within ``soon`` days), open,
-- recurring (a recurrence and no deadline), no_deadline.
CREATE OR REPLACE MACRO assignment_status_on(ref_date, soon := 7) AS TABLE
SELECT a.assignment_id, a.doc_id, a.seq, a.lead_agency, a.jurisdiction, a.task, a.deadline,
       a.deadline_kind, a.recurrence, a.urgent,
       a.deadline - ref_date::DATE AS due_in_days,
       s.status AS analyst_status, s.note AS analyst_note, s.updated_at AS analyst_updated_at,
       CASE
           WHEN s.status = 'done' THEN 'done'
           WHEN s.status = 'cancelled' THEN 'cancelled'
           WHEN a.deadline IS NULL AND a.recurrence IS NOT NULL THEN 'recurring'
           WHEN a.deadline IS NULL THEN 'no_deadline'
           WHEN a.deadline < ref_date::DATE THEN 'overdue'
           WHEN a.deadline - ref_date::DATE <= soon THEN 'due_soon'
           ELSE 'open'
       END AS status,
       ref_date::DATE AS reference_date
FROM assignments a
LEFT JOIN assignment_status s USING (assignment_id);

CREATE OR REPLACE VIEW v_assignment_status AS
SELECT * FROM assignment_status_on(vn_today());

CREATE OR REPLACE VIEW v_agency_workload AS
SELECT lead_agency, jurisdiction,
       count(*) AS assignments,
       count(*) FILTER (WHERE status IN ('open', 'due_soon', 'overdue', 'recurring',
                                         'no_deadline')) AS not_done,
       count(*) FILTER (WHERE status = 'overdue') AS overdue,
       count(*) FILTER (WHERE status = 'due_soon') AS due_soon,
       count(*) FILTER (WHERE status = 'open') AS open,
       count(*) FILTER (WHERE status = 'recurring') AS recurring,
       count(*) FILTER (WHERE status = 'no_deadline') AS no_deadline,
       count(*) FILTER (WHERE status = 'done') AS done,
       min(deadline) FILTER (WHERE status IN ('open', 'due_soon')) AS next_deadline
FROM v_assignment_status
GROUP BY lead_agency, jurisdiction;

CREATE OR REPLACE VIEW v_assignments AS
SELECT a.*, d.source_path, d.title AS document_title, d.issued_date AS document_date,
       list(ag.agency ORDER BY ag.agency) FILTER (WHERE ag.role = 'coordinate') AS coordinators
FROM assignments a
JOIN documents d USING (doc_id)
LEFT JOIN assignment_agencies ag USING (assignment_id)
GROUP BY ALL;
"""

TABLE_COLUMNS: dict[str, list[str]] = {
    "documents": [
        "doc_id", "input_root", "source_path", "content_sha256", "rules_hash", "format",
        "encoding", "title", "doc_kind", "doc_number", "issuer", "issued_date", "signer",
        "jurisdiction", "text", "chars", "status", "error", "duplicate_of", "missing_since",
        "pipeline_version", "processed_at", "file_size", "file_mtime_ns",
    ],
    "legal_refs": [
        "ref_id", "doc_id", "kind", "number", "title", "issued_date", "issuer", "raw",
        "start_char", "end_char", "rule_id",
    ],
    "assignments": [
        "assignment_id", "doc_id", "seq", "lead_agency", "lead_agency_raw", "jurisdiction",
        "task", "deadline", "deadline_raw", "deadline_kind", "recurrence", "recurrence_rule",
        "urgent", "start_char", "end_char", "rule_id", "task_start", "task_end",
        "deadline_start", "deadline_end", "recurrence_start", "recurrence_end",
    ],
    "assignment_agencies": [
        "assignment_id", "agency", "agency_raw", "jurisdiction", "role", "start_char",
        "end_char", "rule_id",
    ],
    "assignment_refs": ["assignment_id", "ref_id"],
}  # fmt: skip


def stable_id(*parts: object) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    # surrogateescape: a file name that is not UTF-8 still has one id of its own.
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def doc_id_for(input_root: Path, source_path: str) -> str:
    return next(doc_ids_for(input_root, [source_path]))


def doc_ids_for(input_root: Path, source_paths: Iterable[str]) -> Iterator[str]:
    """``doc_id_for`` of many files of one folder, resolving the folder once (a resolve()
    costs some 20 µs: most of a run over unchanged files when done per file)."""
    root = str(input_root.resolve())
    return (stable_id(root, source_path) for source_path in source_paths)


@dataclass(frozen=True, slots=True)
class KnownDocument:
    """What a run needs to know of a file it met before: one per document of the folder,
    kept small (a nightly run over an archive holds them all)."""

    content_sha256: str
    rules_hash: str | None
    pipeline_version: str | None
    status: str
    file_size: int | None = None
    file_mtime_ns: int | None = None


def connect(db_path: Path, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open (and migrate) the database. DuckDB admits one process that writes and no other
    process beside it: while another holds the file, try again for up to ``wait`` seconds."""
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    pause = 0.2
    while True:
        try:
            con = _open(db_path, read_only)
            break
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower() and time.monotonic() + pause < deadline:
                time.sleep(pause)
                pause = min(pause * 2, 5.0)
                continue
            waited = f" (waited {wait:g} s)" if wait else ""
            raise StoreError(
                f"database {db_path} is held by another process{waited}: {exc}. "
                "Another run, or an analyst's session that opened it for writing: close it "
                "(analysts' tools should open it read-only and briefly), or use another --db."
            ) from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {db_path}: {exc}") from exc
    if not read_only:
        try:
            _migrate(con)
        except BaseException:
            con.close()
            raise
    return con


def _open(db_path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(db_path), read_only=True)
    # Row groups of ROW_GROUP_ROWS rows (a setting of the attachment, not of the file).
    con = duckdb.connect()
    try:
        path = str(db_path).replace("'", "''")
        con.execute(f"ATTACH '{path}' AS nhiemvu (ROW_GROUP_SIZE {ROW_GROUP_ROWS})")
        con.execute("USE nhiemvu")
    except BaseException:
        con.close()
        raise
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The version a database records; None for a new, empty file."""
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    if "schema_info" in tables:
        row = con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
        if row:
            return int(row[0])
    return 1 if "documents" in tables else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back when it raises."""
    con.execute("BEGIN")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, **tables: pa.Table) -> Iterator[None]:
    """Arrow tables visible to SQL under their names for the length of the block."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


@contextmanager
def id_list(
    con: duckdb.DuckDBPyConnection, name: str, ids: Iterable[str], column: str = "doc_id"
) -> Iterator[None]:
    """Ids as a temporary one-column table ``name``, to join, for the length of the block (a
    list parameter is searched once per row; an Arrow table would import pandas, 0.3 s of
    a run over unchanged files)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT unnest(?::VARCHAR[]) AS {column}",
        [list(ids)],
    )
    try:
        yield
    finally:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    found = schema_version(con)
    if found is not None and found > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {found} is newer than this code ({SCHEMA_VERSION}); "
            "upgrade nhiemvu"
        )
    with transaction(con):
        for version in range((found or SCHEMA_VERSION) + 1, SCHEMA_VERSION + 1):
            for step in MIGRATIONS[version]:
                con.execute(step)
        con.execute(SCHEMA)
        con.execute(VIEWS)
        con.execute(
            "INSERT OR REPLACE INTO schema_info VALUES ('schema_version', ?)",
            [str(SCHEMA_VERSION)],
        )


def known_documents(
    con: duckdb.DuckDBPyConnection, input_root: str, doc_ids: Sequence[str] | None = None
) -> dict[str, KnownDocument]:
    """What is stored of the folder's documents, or of those of ``doc_ids`` only (a run
    asks a chunk of its files at a time, so that what it holds does not grow with the
    folder)."""
    columns = (
        "d.doc_id, d.content_sha256, d.rules_hash, d.pipeline_version, d.status, d.file_size, "
        "d.file_mtime_ns FROM documents d"
    )
    if doc_ids is None:
        return _known(con.execute(f"SELECT {columns} WHERE input_root = ?", [input_root]))
    with id_list(con, "_asked", doc_ids):
        return _known(
            con.execute(
                f"SELECT {columns} JOIN _asked a ON d.doc_id = a.doc_id WHERE input_root = ?",
                [input_root],
            )
        )


def _known(cursor: duckdb.DuckDBPyConnection) -> dict[str, KnownDocument]:
    # The rules hash, version and status repeat from row to row: one string object each.
    shared: dict[Any, Any] = {}
    one = shared.setdefault
    known: dict[str, KnownDocument] = {}
    for rows in _chunks(cursor):  # the rows of a chunk, never of the folder
        known.update(
            (r[0], KnownDocument(r[1], one(r[2], r[2]), one(r[3], r[3]), one(r[4], r[4]), *r[5:]))
            for r in rows
        )
    return known


def update_file_stats(
    con: duckdb.DuckDBPyConnection, stats: Sequence[tuple[str, int, int]]
) -> None:
    """(doc_id, size, mtime_ns) of files found unchanged by content after a touch, so the
    next run knows them by their stat alone."""
    if not stats:
        return
    columns = zip(("doc_id", "size", "mtime"), zip(*stats, strict=True), strict=True)
    with registered(con, _stats=pa.table(dict(columns))):
        con.execute(
            "UPDATE documents SET file_size = s.size, file_mtime_ns = s.mtime "
            "FROM _stats s WHERE documents.doc_id = s.doc_id"
        )


def assignment_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT assignment_id FROM assignments").fetchall()}


def first_doc_by_content(con: duckdb.DuckDBPyConnection) -> Originals:
    """content hash -> doc_id of the earliest original (not itself a duplicate) with it."""
    where = (
        "WHERE duplicate_of IS NULL AND status = 'ok' AND missing_since IS NULL "
        "AND content_sha256 IS NOT NULL"
    )
    count, sha_width, id_width = con.execute(
        "SELECT count(DISTINCT content_sha256), max(strlen(content_sha256)), "
        f"max(strlen(doc_id)) FROM documents {where}"
    ).fetchone() or (0, 0, 0)
    cursor = con.execute(
        f"SELECT content_sha256, doc_id FROM documents {where} QUALIFY row_number() OVER "
        "(PARTITION BY content_sha256 ORDER BY input_root, source_path) = 1 "
        "ORDER BY content_sha256"
    )
    return Originals.of(_chunks(cursor), count, (sha_width or 0, id_width or 0))


def _chunks(cursor: duckdb.DuckDBPyConnection) -> Iterator[list[Any]]:
    while rows := cursor.fetchmany(FETCH_ROWS):  # a chunk at a time, never all rows
        yield rows


GAZETTEER_COLUMNS = {
    "agencies": ("canonical_name", "kind", "level", "abbreviations", "successor"),
    "provinces": ("name", "kind", "period", "successor"),
}


def write_gazetteer(
    con: duckdb.DuckDBPyConnection, entries: Iterable[Any], provinces: Iterable[Any]
) -> None:
    """The agencies and provinces of rules/, replaced as a whole (they follow the rules).
    A name listed twice keeps its first row.  Plain parameters, not Arrow: a run's first
    Arrow conversion imports pandas (~0.4 s), which would delay its workers' start."""
    agencies = _first_by_key(
        (e.canonical_name, e.kind, e.level, list(e.abbreviations), e.successor) for e in entries
    )
    places = _first_by_key((p.name, p.kind, p.period, p.successor or None) for p in provinces)
    with transaction(con):
        con.execute("DELETE FROM agencies")
        con.execute("DELETE FROM provinces")
        _insert_values(con, "agencies", GAZETTEER_COLUMNS["agencies"], agencies)
        _insert_values(con, "provinces", GAZETTEER_COLUMNS["provinces"], places)


def _first_by_key(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    first: dict[Any, tuple[Any, ...]] = {}
    for row in rows:
        first.setdefault(row[0], row)
    return list(first.values())


def _insert_values(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    """A few hundred rows in one statement (``executemany`` runs one statement a row)."""
    if not rows:
        return
    one = "(" + ", ".join("?" * len(columns)) + ")"
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([one] * len(rows))}",
        [value for row in rows for value in row],
    )


def result_rows(
    result: DocumentResult, rules_hash: str, pipeline_version: str, duplicate_of: str | None
) -> dict[str, list[tuple[Any, ...]]]:
    """The rows one document contributes to each table."""
    doc, head = result.document, result.header
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLE_COLUMNS}
    rows["documents"].append(
        (
            doc.doc_id, doc.input_root, doc.source_path, doc.content_sha256, rules_hash,
            doc.format, doc.encoding, head.title, head.doc_kind, head.doc_number, head.issuer,
            head.issued_date, head.signer, head.jurisdiction, doc.text, len(doc.text),
            result.status, result.error, duplicate_of, None, pipeline_version, now,
            doc.file_size, doc.file_mtime_ns,
        )
    )  # fmt: skip
    if duplicate_of is not None or result.status != "ok":
        return rows
    ref_ids = []
    for ref in result.refs:
        ref_id = stable_id(doc.doc_id, ref.start, ref.end, ref.number or ref.title)
        ref_ids.append(ref_id)
        rows["legal_refs"].append(
            (
                ref_id, doc.doc_id, ref.kind, ref.number, ref.title, ref.issued_date, ref.issuer,
                ref.raw, ref.start, ref.end, ref.rule_id,
            )
        )  # fmt: skip
    ordered = sorted(result.assignments, key=lambda a: (a.start, a.lead.canonical))
    for seq, a in enumerate(ordered, start=1):
        aid = stable_id(doc.doc_id, a.start, a.end, a.lead.canonical)
        rows["assignments"].append(
            (
                aid, doc.doc_id, seq, a.lead.canonical, a.lead.raw, a.lead.jurisdiction, a.task,
                a.deadline, a.deadline_raw, a.deadline_kind, a.recurrence, a.recurrence_rule,
                a.urgent, a.start, a.end, a.rule_id, a.task_start, a.task_end,
                a.deadline_start, a.deadline_end, a.recurrence_start, a.recurrence_end,
            )
        )  # fmt: skip
        for role, agency in [("lead", a.lead)] + [("coordinate", c) for c in a.coordinators]:
            rows["assignment_agencies"].append(
                (
                    aid, agency.canonical, agency.raw, agency.jurisdiction, role, agency.start,
                    agency.end, agency.rule_id,
                )
            )  # fmt: skip
        for index in dict.fromkeys(a.ref_indexes):
            rows["assignment_refs"].append((aid, ref_ids[index]))
    return rows


def as_duplicate(
    rows: dict[str, list[tuple[Any, ...]]], first: str
) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of a document whose content an earlier one holds: its own row, pointing
    there, and nothing extracted (as ``result_rows`` with ``duplicate_of``)."""
    at = TABLE_COLUMNS["documents"].index("duplicate_of")
    only: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLE_COLUMNS}
    only["documents"] = [(*row[:at], first, *row[at + 1 :]) for row in rows["documents"]]
    return only


def replace_documents(
    con: duckdb.DuckDBPyConnection,
    batch: Sequence[dict[str, list[tuple[Any, ...]]]],
    existing: Collection[str] | None = None,
) -> None:
    """Replace every listed document's rows in one transaction.  ``existing``: the ids that
    may have rows already (a run knows them); the others are only inserted (None: any may)."""
    if not batch:
        return
    merged: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLE_COLUMNS}
    for rows in batch:
        for name, values in rows.items():
            merged[name].extend(values)
    doc_ids = [r[0] for r in merged["documents"]]
    if existing is not None:
        doc_ids = [d for d in doc_ids if d in existing]
    with transaction(con):
        _delete_documents(con, doc_ids)
        for name, values in merged.items():
            if values:
                _insert(con, name, values)


def load_tables(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], duplicates: dict[str, str]
) -> None:
    """Rows made elsewhere (the Dask engine's shards) replace their documents' rows in one
    transaction; a duplicate (doc_id -> the original's) keeps only its document row."""
    dups = pa.table(
        {
            "doc_id": pa.array(list(duplicates), pa.string()),
            "first": pa.array(list(duplicates.values()), pa.string()),
        }
    )
    shards = {f"_{name}": table for name, table in tables.items()}
    with registered(con, _dups=dups, **shards), transaction(con):
        _delete_documents(con, tables["documents"].column("doc_id").to_pylist())
        kept = "doc_id NOT IN (SELECT doc_id FROM _dups)"
        by_assignment = f"assignment_id IN (SELECT assignment_id FROM _assignments WHERE {kept})"
        where = {
            "documents": "true",
            "legal_refs": kept,
            "assignments": kept,
            "assignment_agencies": by_assignment,
            "assignment_refs": by_assignment,
        }
        for name, columns in TABLE_COLUMNS.items():
            cols = ", ".join(columns)
            con.execute(
                f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _{name} WHERE {where[name]}"
            )
        con.execute(
            "UPDATE documents SET duplicate_of = d.first FROM _dups d "
            "WHERE documents.doc_id = d.doc_id"
        )


def _delete_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    if not doc_ids:
        return
    with id_list(con, "_gone", doc_ids):
        ids = "SELECT doc_id FROM _gone"
        for table in ("assignment_refs", "assignment_agencies"):
            con.execute(
                f"DELETE FROM {table} WHERE assignment_id IN "
                f"(SELECT assignment_id FROM assignments WHERE doc_id IN ({ids}))"
            )
        for table in ("assignments", "legal_refs", "documents"):
            con.execute(f"DELETE FROM {table} WHERE doc_id IN ({ids})")


def _insert(con: duckdb.DuckDBPyConnection, table: str, values: list[tuple[Any, ...]]) -> None:
    columns = TABLE_COLUMNS[table]
    arrow = pa.table({c: [row[i] for row in values] for i, c in enumerate(columns)})
    with registered(con, _batch=arrow):
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM _batch")


def release_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Write everything to the file, then drop what DuckDB keeps cached of it."""
    con.execute("CHECKPOINT")
    try:
        con.execute(f"SET memory_limit = '{RELEASED}'")
    except duckdb.Error:
        pass  # something still pinned: it stays cached until the next release
    finally:
        con.execute("RESET memory_limit")


def mark_missing(con: duckdb.DuckDBPyConnection, input_root: str, seen: Iterable[str]) -> int:
    """Flag documents of this folder whose file disappeared; clear the flag of those back."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with id_list(con, "_seen", seen), transaction(con):
        con.execute(
            "UPDATE documents SET missing_since = NULL WHERE input_root = ? "
            "AND missing_since IS NOT NULL AND doc_id IN (SELECT doc_id FROM _seen)",
            [input_root],
        )
        count = con.execute(
            "UPDATE documents SET missing_since = ? WHERE input_root = ? "
            "AND missing_since IS NULL AND doc_id NOT IN (SELECT doc_id FROM _seen)",
            [now, input_root],
        ).fetchall()
    return int(count[0][0]) if count else 0


ANALYST_STATUSES = ("done", "in_progress", "cancelled", "open")


def mark(
    con: duckdb.DuckDBPyConnection,
    assignment_id: str,
    status: str,
    note: str | None = None,
    updated_by: str | None = None,
) -> None:
    """Record an analyst's verdict; extraction never writes or deletes these rows."""
    if status not in ANALYST_STATUSES:
        raise StoreError(f"unknown status {status!r}; use one of {', '.join(ANALYST_STATUSES)}")
    found = con.execute(
        "SELECT count(*) FROM assignments WHERE assignment_id = ?", [assignment_id]
    ).fetchone()
    if not found or not found[0]:
        raise StoreError(f"no assignment with id {assignment_id!r} in this database")
    con.execute(
        "INSERT OR REPLACE INTO assignment_status "
        "(assignment_id, status, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)",
        [assignment_id, status, note, updated_by, datetime.now(UTC).replace(tzinfo=None)],
    )


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, input_root: str, version: str) -> None:
    # The database admits one writer, so a run still 'running' was killed: say so.
    con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    con.execute(
        "INSERT INTO runs (run_id, started_at, input_root, pipeline_version, status) "
        "VALUES (?, ?, ?, ?, 'running')",
        [run_id, datetime.now(UTC).replace(tzinfo=None), input_root, version],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, counts: dict[str, int], status: str
) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, files_seen = ?, files_new = ?, files_unchanged = ?, "
        "files_failed = ?, assignments_found = ?, refs_found = ?, status = ? WHERE run_id = ?",
        [
            datetime.now(UTC).replace(tzinfo=None),
            counts.get("seen", 0),
            counts.get("new", 0),
            counts.get("unchanged", 0),
            counts.get("failed", 0),
            counts.get("assignments", 0),
            counts.get("refs", 0),
            status,
            run_id,
        ],
    )
