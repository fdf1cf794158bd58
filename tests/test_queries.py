"""Every example query in docs/queries.sql runs against the database of corpus/ (plus a file
that fails) and gives the answer an analyst would expect from the two example texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT, corpus_db

QUERIES_FILE = PROJECT / "docs" / "queries.sql"


def queries() -> dict[int, tuple[str, str]]:
    """{number: (title, sql)} from the "-- N. title" headed blocks."""
    found: dict[int, tuple[str, str]] = {}
    for block in QUERIES_FILE.read_text(encoding="utf-8").split("\n-- ")[1:]:
        head, _, body = block.partition("\n")
        number, _, title = head.partition(". ")
        if number.isdigit():
            found[int(number)] = (title, body.strip())
    return found


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return corpus_db(tmp_path_factory)


Rows = list[dict]
CHECKS: dict[int, Callable[[Rows], bool]] = {
    1: lambda r: [x["deadline"] for x in r] == [dt.date(2024, 3, 25)] and r[0]["due_in_days"] == -1,
    2: lambda r: all(x["status"] in ("overdue", "due_soon") for x in r),
    3: lambda r: [x["citing_source_path"][:3] for x in r] == ["000"],
    4: lambda r: (r[0]["number"], r[0]["citing_documents"]) == ("04/2020/TT-BTTTT", 2),
    5: lambda r: (r[0]["lead_agency"], r[0]["overdue"]) == ("Sở Thông tin và Truyền thông", 1),
    6: lambda r: len(r) >= 2 and "Sở Thông tin và Truyền thông" in {x["lead_agency"] for x in r},
    7: lambda r: [x["recurrence"] for x in r] == ["P2W"] and "02 tuần" in r[0]["task"],
    8: lambda r: len(r) >= 2,
    9: lambda r: r[0]["lead_agency"] == "Sở Thông tin và Truyền thông" and r[0]["tasks"] >= 5,
    10: lambda r: [(x["month"], x["tasks"]) for x in r] == [("03/2024", 1)],
    11: lambda r: len(r) >= 10 and all(x["passage"].strip() for x in r),
    12: lambda r: r == [],  # the two examples do not cite each other
    13: lambda r: sum(x["documents"] for x in r) == 2,
    14: lambda r: (
        [(x["source_path"], "empty file" in x["error"]) for x in r] == [("empty.txt", True)]
    ),
}


def test_there_are_enough_queries_and_each_is_checked() -> None:
    assert len(queries()) >= 8
    assert set(queries()) == set(CHECKS)


@pytest.mark.parametrize("number", sorted(queries()), ids=lambda n: f"{n}-{queries()[n][0][:30]}")
def test_query_answers(db: Path, number: int) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute(queries()[number][1])
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
    assert CHECKS[number](rows), rows
