"""The analysts' notebooks: saved clean, run headless without errors or warnings, never
holding the database they read."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import duckdb
import nbformat
import pytest
from nbclient import NotebookClient

from pipeline import store
from pipeline.runner import run
from tests.conftest import CORPUS, PROJECT

NOTEBOOKS = PROJECT / "notebooks"
HEADINGS = {
    "01_tong_quan.ipynb": "# Tổng quan",
    "02_co_quan_va_thoi_han.ipynb": "# Cơ quan và thời hạn",
    "03_van_ban_trich_dan.ipynb": "# Văn bản được trích dẫn",
}
PARAMETERS = 'DB = os.environ.get("NHIEMVU_DB", "../output/nhiemvu.duckdb")'


def load_runner() -> ModuleType:
    """notebooks/ is not a package: load run.py from its path."""
    spec = importlib.util.spec_from_file_location("notebooks_run", NOTEBOOKS / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


runner = load_runner()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("nb") / "corpus.duckdb"
    assert run(CORPUS, path).files_failed == 0
    return path


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("nb") / "empty.duckdb"
    store.connect(path).close()  # schema and views, no rows
    return path


def test_the_runner_finds_the_three_notebooks() -> None:
    assert [p.name for p in runner.notebook_paths()] == sorted(HEADINGS)


@pytest.mark.parametrize("name", sorted(HEADINGS))
def test_notebook_is_saved_clean_with_one_parameters_cell(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(HEADINGS[name])
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert tagged == [code[0]]
    assert PARAMETERS in code[0].source
    # Only the loading cell opens the database, read-only, and closes it.
    opening = [i for i, c in enumerate(code) if "duckdb.connect" in c.source]
    assert opening == [1] and "read_only=True" in code[1].source


def test_notebooks_run_on_the_corpus(corpus_db: Path, tmp_path: Path) -> None:
    results = runner.run_notebooks(corpus_db, tmp_path / "out")
    assert [r.name for r in results] == sorted(HEADINGS)
    assert sum(r.images > 0 for r in results) >= 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(HEADINGS)
    # Nothing holds the database once the notebooks have run.
    duckdb.connect(str(corpus_db)).close()


def test_notebooks_run_on_an_empty_database(empty_db: Path, tmp_path: Path) -> None:
    results = runner.run_notebooks(empty_db, tmp_path / "out")
    assert [r.images for r in results] == [0, 0, 0]
    executed = nbformat.read(tmp_path / "out" / "01_tong_quan.ipynb", as_version=4)
    printed = [o.text for c in executed.cells for o in c.get("outputs", []) if "text" in o]
    assert any("Chưa có dữ liệu" in text for text in printed)


@pytest.mark.parametrize("name", sorted(HEADINGS))
def test_an_idle_notebook_does_not_hold_the_database(corpus_db: Path, name: str) -> None:
    """The kernel is still alive after the last cell; the nightly run can write meanwhile."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    env = {**os.environ, "NHIEMVU_DB": str(corpus_db)}
    with client.setup_kernel(env=env, transport_encryption="auto"):
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        duckdb.connect(str(corpus_db)).close()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("1 / 0", "99_broken.ipynb, cell 1: ZeroDivisionError"),
        (
            "import sys\nprint('careful', file=sys.stderr)",
            "99_broken.ipynb, cell 1, stderr: careful",
        ),
        ("import warnings\nwarnings.warn('old')", "99_broken.ipynb, cell 1, stderr: .*UserWarning"),
    ],
)
def test_a_failing_notebook_is_named(
    corpus_db: Path, tmp_path: Path, monkeypatch, source: str, message: str
) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, folder / "99_broken.ipynb")
    monkeypatch.setattr(runner, "NOTEBOOKS", folder)
    with pytest.raises(runner.NotebookFailed, match=message):
        runner.run_notebooks(corpus_db, tmp_path / "out")
    assert runner.main(["--db", str(corpus_db), "--out", str(tmp_path / "out")]) == 1
