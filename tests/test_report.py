"""`nhiemvu report`: the review site, its highlights checked against the database, and the
page opened in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from selectolax.lexbor import LexborHTMLParser

from pipeline.report import KINDS, write_report
from tests.conftest import corpus_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    db = corpus_db(tmp_path_factory)
    out = tmp_path_factory.mktemp("report")
    summary = write_report(db, out)
    assert (summary.documents, summary.pages) == (3, 2)
    return db, out


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def expected_markers(db: Path, doc_id: str) -> dict[str, int]:
    """Where spans of each kind begin in a document, from the database."""
    starts = {
        "task": f"SELECT task_start FROM assignments WHERE doc_id = '{doc_id}' "
        "AND task_end > task_start",
        "deadline": f"SELECT deadline_start FROM assignments WHERE doc_id = '{doc_id}' "
        f"UNION SELECT recurrence_start FROM assignments WHERE doc_id = '{doc_id}'",
        "agency": "SELECT g.start_char FROM assignment_agencies g JOIN assignments a "
        f"USING (assignment_id) WHERE a.doc_id = '{doc_id}'",
        "ref": f"SELECT start_char FROM legal_refs WHERE doc_id = '{doc_id}'",
    }
    return {
        kind: len({r[0] for r in query(db, sql) if r[0] is not None})
        for kind, sql in starts.items()
    }


def test_index_lists_every_document_with_its_counts(site: tuple[Path, Path]) -> None:
    db, out = site
    page = LexborHTMLParser((out / "index.html").read_text(encoding="utf-8"))
    rows = [[td.text(strip=True) for td in tr.css("td")] for tr in page.css("tbody tr")]
    expected = query(
        db,
        "SELECT source_path, (SELECT count(*) FROM assignments a WHERE a.doc_id = d.doc_id), "
        "status FROM documents d ORDER BY source_path",
    )
    assert [(r[0], int(r[5]), r[7].split()[0]) for r in rows] == expected
    assert "empty file" in rows[-1][7]
    assert len(page.css("tbody a")) == 2  # the failed file has no page


def document_pages(out: Path) -> list[Path]:
    return sorted((out / "docs").glob("*.html"))


def test_every_span_is_highlighted_and_the_text_is_whole(site: tuple[Path, Path]) -> None:
    db, out = site
    for path in document_pages(out):
        doc_id = path.stem
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        (text,) = query(db, f"SELECT text FROM documents WHERE doc_id = '{doc_id}'")[0]
        assert page.css_first("pre.text").text() == text
        markers = {kind: len(page.css(f".hl.{kind}-start")) for kind in KINDS}
        assert markers == expected_markers(db, doc_id)
        (n_assignments,) = query(db, f"SELECT count(*) FROM assignments WHERE doc_id = '{doc_id}'")[
            0
        ]
        assert len(page.css(".assignments tbody tr")) == n_assignments


def test_a_highlight_says_what_it_is(site: tuple[Path, Path]) -> None:
    _, out = site
    titles = [
        node.attributes.get("title") or ""
        for path in document_pages(out)
        for node in LexborHTMLParser(path.read_text(encoding="utf-8")).css(".hl.agency-start")
    ]
    assert any("(chủ trì)" in t for t in titles) and any("(phối hợp)" in t for t in titles)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip(
        "Chromium not found: install Debian's package (apt-get install chromium) to open the "
        "review page in a headless browser; .ci/run installs it when run as root"
    )


def test_review_page_in_headless_chromium(site: tuple[Path, Path], tmp_path: Path) -> None:
    """The page as a browser shows it: its script counts the highlights of each kind into
    the legend; they must be those the database holds. A screenshot is kept in output/."""
    browser = chromium()
    db, out = site
    names = dict(query(db, "SELECT doc_id, source_path FROM documents"))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}"]
    shots = ROOT / "output"
    shots.mkdir(exist_ok=True)
    for path in document_pages(out):
        dom = subprocess.run(
            [browser, *flags, "--dump-dom", path.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert dom.returncode == 0, dom.stderr[-2000:]
        counts = LexborHTMLParser(dom.stdout).css_first("#counts").attributes
        for kind in KINDS:
            assert counts[f"data-shown-{kind}"] == counts[f"data-expected-{kind}"]
        assert int(counts["data-shown-agency"] or 0) > 0
        assert int(counts["data-shown-task"] or 0) > 0
        shot = shots / f"report_{Path(names[path.stem]).stem}.png"
        subprocess.run(
            [browser, *flags, "--window-size=1400,1800", f"--screenshot={shot}", path.as_uri()],
            capture_output=True,
            timeout=120,
            check=True,
        )
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_without_a_database_fails_with_a_reason(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "report", "--db", str(tmp_path / "x.duckdb")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "no database at" in result.stderr


def test_every_assignment_link_has_its_anchor(site: tuple[Path, Path]) -> None:
    _, out = site
    for path in document_pages(out):
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        targets = {node.attributes.get("id") for node in page.css("a[id]")}
        links = {node.attributes["href"][1:] for node in page.css('.assignments a[href^="#"]')}
        assert links and links <= targets


def test_a_version_1_database_gets_its_pages(tmp_path: Path) -> None:
    """Read-only, the report does not migrate: an old file still gives pages."""
    from tests.test_nightly import V1_SCHEMA

    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute(V1_SCHEMA)
    con.execute("UPDATE documents SET source_path = 'cu.txt', title = 'Cũ'")
    con.close()
    summary = write_report(db, tmp_path / "site")
    assert (summary.documents, summary.pages) == (1, 1)
