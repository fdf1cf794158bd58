"""One document in every format and encoding gives the assignments and references of its
plain UTF-8 text, and its format and encoding are recorded."""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.ingest import read
from pipeline.normalize import normalize
from tests.conftest import CORPUS
from tests.test_ingest import windows_1258
from tests.test_legacy_fonts import encoded
from tests.test_readers import docx_file, html_page, pdf_file

EXAMPLE = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
PARAGRAPHS = [line for line in EXAMPLE.split("\n") if line.strip() and line != "Tin liên quan"]


def _docx_in_vni() -> bytes:
    import io

    from docx import Document

    document = Document()
    for line in PARAGRAPHS:
        document.add_paragraph(encoded(line, "vni"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FORMATS: list[tuple[str, str, Callable[[], bytes], str, str | None]] = [
    ("utf-8", "a.txt", lambda: EXAMPLE.encode("utf-8"), "text", "utf-8"),
    ("utf-8-bom", "a.txt", lambda: codecs.BOM_UTF8 + EXAMPLE.encode(), "text", "utf-8-sig"),
    ("utf-16", "a.txt", lambda: EXAMPLE.encode("utf-16"), "text", "utf-16"),
    ("utf-32", "a.txt", lambda: EXAMPLE.encode("utf-32"), "text", "utf-32"),
    ("windows-1258", "a.txt", lambda: windows_1258(EXAMPLE), "text", "cp1258"),
    (
        "nfd",
        "a.md",
        lambda: unicodedata.normalize("NFD", EXAMPLE).encode(),
        "markdown",
        "utf-8",
    ),
    ("vni", "a.txt", lambda: encoded(EXAMPLE, "vni").encode("cp1252"), "text", "vni"),
    ("tcvn3", "a.txt", lambda: encoded(EXAMPLE, "tcvn3").encode("cp1252"), "text", "tcvn3"),
    ("utf-8+vni", "a.txt", lambda: encoded(EXAMPLE, "vni").encode(), "text", "utf-8+vni"),
    ("html", "a.html", html_page, "html", None),
    ("docx", "a.docx", docx_file, "docx", None),
    ("docx-vni", "a.docx", _docx_in_vni, "docx", "vni"),
    ("pdf", "a.pdf", lambda: pdf_file(PARAGRAPHS), "pdf", None),
]


def extraction(rules, text: str) -> tuple[list[tuple], list[tuple]]:
    result = analyse(normalize(text), rules, HeaderRules.load())
    return (
        [
            (a.lead.canonical, [c.canonical for c in a.coordinators], a.deadline, a.recurrence)
            for a in result.assignments
        ],
        [(r.kind, r.number, r.issued_date, r.issuer) for r in result.refs],
    )


@pytest.mark.parametrize(
    ("name", "data", "fmt", "encoding"),
    [f[1:] for f in FORMATS],
    ids=[f[0] for f in FORMATS],
)
def test_every_format_gives_what_plain_text_gives(
    rules, tmp_path: Path, name: str, data: Callable[[], bytes], fmt: str, encoding: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data())
    raw = read(path)
    assert (raw.format, raw.encoding) == (fmt, encoding)
    found, expected = extraction(rules, raw.text), extraction(rules, EXAMPLE)
    assert found == expected
    assert found[0] and found[1]  # the example has both, so equality is not vacuous
