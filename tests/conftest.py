"""Shared fixtures: the project's own corpus and, when present, the shared corpus beside it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "corpus"
SHARED = PROJECT.parent / "shared" / "corpus"
SHARED_REASON = f"shared corpus not found at {SHARED} (third-party texts are not shipped)"


def shared_dir(name: str) -> Path:
    path = SHARED / name
    if not path.is_dir():
        pytest.skip(SHARED_REASON)
    return path


def nhiemvu(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    """The command line, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database extracted from corpus/ and one empty (failed) file."""
    from pipeline.runner import run

    folder = tmp_path_factory.mktemp("input")
    for path in CORPUS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path_factory.mktemp("db") / "nhiemvu.duckdb"
    run(folder, db)
    return db


@pytest.fixture(scope="session")
def rules():
    from pipeline.rules import load_rules

    return load_rules()


@pytest.fixture()
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/, for tests that break a rule file on purpose."""
    import shutil

    from pipeline.rules import RULES_DIR

    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target
