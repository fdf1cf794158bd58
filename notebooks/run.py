"""Run the analysts' notebooks headless against one database and keep the executed copies.

    .venv/bin/python notebooks/run.py --db output/nhiemvu.duckdb --out output/notebooks

Each ``NN_*.ipynb`` beside this file runs in name order in a fresh "python3" kernel whose
working folder is this folder; the database reaches it through ``NHIEMVU_DB``. A notebook
fails when a cell raises, shows an error, or writes to stderr (a warning is a defect too).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

NOTEBOOKS = Path(__file__).resolve().parent


class NotebookFailed(Exception):
    """A notebook raised, showed an error or wrote to stderr."""


@dataclass(frozen=True)
class NotebookResult:
    name: str
    cells: int
    images: int


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def run_notebooks(db: Path, out: Path, timeout: int = 300) -> list[NotebookResult]:
    """Execute every notebook against ``db``, write the results into ``out``, or raise."""
    db = db.resolve()
    if not db.is_file():
        raise FileNotFoundError(f"database not found: {db} (run `make extract` first)")
    out.mkdir(parents=True, exist_ok=True)
    # The kernel gets its own environment; ours is left alone for the caller.
    env = {**os.environ, "NHIEMVU_DB": str(db)}
    results = []
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        try:
            # CurveZMQ between us and the kernel: the kernel warns on stderr about plain TCP.
            client.execute(env=env, transport_encryption="auto")
            raised: Exception | None = None
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            raised = exc
        # Written before the checks so that a failure can be read in the executed copy.
        nbformat.write(nb, out / path.name)
        images = 0
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    error = f"{output.ename}: {output.evalue}"
                    raise NotebookFailed(f"{path.name}, cell {index}: {error}") from raised
                if output.output_type == "stream" and output.name == "stderr":
                    stderr = output.text.strip()
                    raise NotebookFailed(f"{path.name}, cell {index}, stderr: {stderr}")
                images += "image/png" in output.get("data", {})
        if raised is not None:  # a timeout or a dead kernel leaves no error output
            raise NotebookFailed(f"{path.name}: {raised}") from raised
        results.append(NotebookResult(path.name, len(nb.cells), images))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the DuckDB database to read")
    parser.add_argument("--out", type=Path, required=True, help="folder for executed notebooks")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    try:
        results = run_notebooks(args.db, args.out, args.timeout)
    except (NotebookFailed, FileNotFoundError) as exc:
        print(f"FAILED {exc}", file=sys.stderr)
        return 1
    for result in results:
        print(f"{result.name}: {result.cells} cells, {result.images} images")
    return 0


if __name__ == "__main__":
    sys.exit(main())
