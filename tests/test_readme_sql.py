"""Every example query in the README runs against a database built from corpus/."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.runner import run
from tests.conftest import CORPUS, PROJECT


def readme_queries() -> list[str]:
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    queries = []
    for block in text.split("```sql")[1:]:
        body = block.split("```", 1)[0]
        for statement in body.split(";"):
            lines = [ln for ln in statement.splitlines() if not ln.strip().startswith("--")]
            if "".join(lines).strip():
                queries.append("\n".join(lines).strip())
    return queries


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("readme") / "corpus.duckdb"
    run(CORPUS, path)
    return path


def test_the_readme_has_example_queries() -> None:
    assert len(readme_queries()) >= 3


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: q.splitlines()[0][:40])
def test_readme_query_runs(db: Path, query: str) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute(query).fetchall()
    finally:
        con.close()
