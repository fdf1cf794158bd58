"""Command line: thin commands over the library; errors become messages that say what to do."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipeline import __version__
from pipeline.ingest import DEFAULT_MAX_BYTES

app = typer.Typer(
    help="nhiemvu: extract assignments, deadlines and legal references from Vietnamese "
    "administrative texts into DuckDB.",
    no_args_is_help=True,
    add_completion=False,
)

EXIT_RUN_FAILED = 2
EXIT_LOCKED = 3  # another nightly run holds the lock: not a failure of this one


def _fail(message: str) -> None:
    typer.echo(f"nhiemvu: error: {message}", err=True)
    raise typer.Exit(EXIT_RUN_FAILED)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def extract(
    input_dir: Annotated[
        str,
        typer.Argument(
            help="Folder of .txt/.md/.html/.docx/.doc/.pdf files, read recursively (with "
            "--engine dask, also an fsspec URL such as s3://bucket/prefix)."
        ),
    ],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to write.")] = Path(
        "output/nhiemvu.duckdb"
    ),
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Extract every file again, changed or not.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Files larger than this are recorded as failed.")
    ] = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    verify: Annotated[
        bool,
        typer.Option("--verify", help="Hash every known file, even one whose size and time match."),
    ] = False,
    wait_db: Annotated[
        float, typer.Option("--wait-db", help="Seconds to wait while another process holds --db.")
    ] = 0.0,
    workers: Annotated[
        int, typer.Option("--workers", "-j", help="Extracting processes; 0: one per core.")
    ] = 0,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local (this machine) or dask (a cluster).")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address; default: a local cluster."),
    ] = None,
    shards: Annotated[
        str,
        typer.Option("--shards", help="Dask: where workers write Parquet shards (path or URL)."),
    ] = "output/shards",
) -> None:
    """Extract every file under INPUT_DIR into the database (unchanged files are skipped)."""
    from pipeline.runner import RunError, RunOptions, run

    options = RunOptions(
        reprocess=reprocess,
        max_bytes=max_bytes,
        progress=True,
        verify=verify,
        wait_db=wait_db,
        workers=workers,
    )
    try:
        if engine is Engine.dask:
            try:
                from pipeline.dask_engine import run_dask
            except ImportError as exc:
                _fail(f"the dask engine needs the extra: pip install 'nhiemvu[dask]' ({exc})")
                return
            summary = run_dask(input_dir, db, shards, scheduler, options)
        else:
            summary = run(Path(input_dir), db, options)
    except RunError as exc:
        _fail(str(exc))
        return
    if not quiet:
        for source, reason in summary.failures:
            typer.echo(f"failed: {source}: {reason}", err=True)
        typer.echo(summary.line())


@app.command()
def nightly(
    input_dir: Annotated[Path, typer.Argument(help="The folder that grows, read recursively.")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to write.")] = Path(
        "output/nhiemvu.duckdb"
    ),
    logs: Annotated[Path, typer.Option("--logs", help="Folder of per-run log files.")] = Path(
        "output/logs"
    ),
    digests: Annotated[Path, typer.Option("--digest", help="Folder of daily digests.")] = Path(
        "output/digest"
    ),
    wait_db: Annotated[
        float,
        typer.Option("--wait-db", help="Seconds to wait while another process holds --db."),
    ] = 300.0,
    keep_logs: Annotated[int, typer.Option("--keep-logs", help="Log files kept.")] = 60,
) -> None:
    """The unattended run: an incremental extract under an exclusive lock, a log file, and a
    digest of new, overdue and due-soon assignments. Exit 0 when the run completed (files
    that failed are recorded), 3 when another run holds the lock, 2 when the run failed."""
    from pipeline.nightly import LockHeld, NightlyOptions
    from pipeline.nightly import nightly as run_nightly
    from pipeline.runner import RunError
    from pipeline.store import StoreError

    options = NightlyOptions(input_dir, db, logs, digests, wait_db, keep_logs)
    try:
        result = run_nightly(options)
    except LockHeld as exc:
        typer.echo(f"nhiemvu: {exc}", err=True)
        raise typer.Exit(EXIT_LOCKED) from None
    except (RunError, StoreError) as exc:
        _fail(str(exc))
        return
    if result.took_over:
        typer.echo(
            f"took over the lock of a run that did not finish ({result.took_over})", err=True
        )
    typer.echo(result.summary.line())
    typer.echo(f"log: {result.log}; digest: {result.digest_md}")


@app.command("eval")
def evaluate_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder with <name>.txt files and gold/.")],
    db: Annotated[Path, typer.Option("--db", help="Database to (re)build for scoring.")] = Path(
        "output/eval/eval.duckdb"
    ),
    out: Annotated[Path, typer.Option("--out", help="Where the reports go.")] = Path("output/eval"),
) -> None:
    """Extract GOLD_DIR afresh and score it against its gold/ annotations (SPEC scoring)."""
    from pipeline import evaluate
    from pipeline.runner import RunError, RunOptions, run

    if not (gold_dir / "gold").is_dir():
        _fail(f"no gold/ folder in {gold_dir}; give a folder with <name>.txt and gold/<name>.json")
    out.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    try:
        run(gold_dir, db, RunOptions(reprocess=True))
    except RunError as exc:
        _fail(str(exc))
    report = evaluate.score(evaluate.load_gold(gold_dir), evaluate.load_predictions(db))
    evaluate.write_report(report, out)
    typer.echo(evaluate.format_table(report))
    typer.echo(f"reports written to {out}/")


@app.command()
def mark(
    assignment_id: Annotated[str, typer.Argument(help="An assignments.assignment_id.")],
    status: Annotated[str, typer.Argument(help="done, in_progress, cancelled or open.")],
    note: Annotated[str | None, typer.Option("--note", help="Why, or what was done.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records it.")] = None,
    db: Annotated[Path, typer.Option("--db", help="DuckDB file.")] = Path("output/nhiemvu.duckdb"),
) -> None:
    """Record what an analyst knows of an assignment (kept across re-extractions)."""
    from pipeline import store

    if not db.is_file():
        _fail(f"database not found: {db}; run 'nhiemvu extract' first")
    try:
        con = store.connect(db)
        try:
            store.mark(con, assignment_id, status, note, by)
        finally:
            con.close()
    except store.StoreError as exc:
        _fail(str(exc))
    typer.echo(f"{assignment_id}: {status}")


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path(
        "output/export"
    ),
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = (
        ExportFormat.csv
    ),
    db: Annotated[Path, typer.Option("--db", help="DuckDB file.")] = Path("output/nhiemvu.duckdb"),
) -> None:
    """Export the analysts' views and every table: CSV or Parquet (a file a table) or one
    Excel workbook (a sheet a table, Vietnamese headers). The database is only read."""
    from pipeline.export import ExportedTable, ExportError
    from pipeline.export import export as run_export

    def shown(table: ExportedTable) -> None:
        cut = f" ({table.cut_cells} cells cut to Excel's limit)" if table.cut_cells else ""
        typer.echo(f"{table.name}: {table.rows} rows{cut}", err=True)

    try:
        summary = run_export(db, out, fmt.value, on_table=shown)
    except ExportError as exc:
        _fail(str(exc))
        return
    rows = sum(t.rows for t in summary.tables)
    typer.echo(f"{len(summary.tables)} tables, {rows} rows written to {out}/ as {fmt.value}")


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="Folder of the site.")] = Path("output/report"),
    db: Annotated[Path, typer.Option("--db", help="DuckDB file.")] = Path("output/nhiemvu.duckdb"),
) -> None:
    """Write the review site: an index of documents and, per document, its text with every
    extracted span highlighted beside its assignments. Open OUT/index.html in a browser."""
    from pipeline.report import ReportError, write_report

    try:
        summary = write_report(db, out)
    except ReportError as exc:
        _fail(str(exc))
        return
    typer.echo(f"{summary.pages} document pages of {summary.documents} written to {out}/index.html")


@app.command()
def version() -> None:
    """Print the pipeline version."""
    typer.echo(__version__)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
