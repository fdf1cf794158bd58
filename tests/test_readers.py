"""Every input format gives the same extraction as the plain text it carries."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline import readers
from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.ingest import IngestError, read
from pipeline.normalize import normalize
from tests.conftest import CORPUS, shared_dir

EXAMPLE = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
TITLE, *BODY = [line for line in EXAMPLE.split("\n") if line.strip() and line != "Tin liên quan"]


def assignments(rules, text: str) -> list[tuple]:
    found = analyse(normalize(text), rules, HeaderRules.load()).assignments
    return [(a.lead.canonical, a.task, a.deadline, a.recurrence) for a in found]


def html_page() -> bytes:
    """A portal page: menus, a search box, the article, related links, a footer."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        "<html><head><title>Cổng thông tin điện tử tỉnh</title><script>var x=1;</script></head>"
        "<body><nav><ul><li>Trang chủ</li><li>Tin tức</li><li>Văn bản</li></ul></nav>"
        '<div class="search-box"><form><input name="q"/>Tìm kiếm</form></div>'
        '<div class="main-menu">Giới thiệu | Chính quyền | Liên hệ</div>'
        f"<article><h1>{TITLE}</h1>{paragraphs}</article>"
        '<div class="related-news"><h3>Tin liên quan</h3><ul><li>UBND tỉnh giao Sở Y tế '
        "kiểm tra an toàn thực phẩm</li></ul></div>"
        "<footer>Bản quyền thuộc Văn phòng UBND tỉnh</footer></body></html>"
    ).encode()


def docx_file(table_rows: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(TITLE)
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_html_gives_the_article_only(rules) -> None:
    text = readers.read_html(html_page())
    assert text.startswith(TITLE)
    for furniture in (
        "Trang chủ",
        "Tìm kiếm",
        "Giới thiệu",
        "kiểm tra an toàn thực phẩm",
        "Bản quyền",
    ):
        assert furniture not in text
    assert assignments(rules, text) == assignments(rules, EXAMPLE)


def test_docx_gives_the_same_assignments(rules) -> None:
    text = readers.read_docx(docx_file())
    assert assignments(rules, text) == assignments(rules, EXAMPLE)


TABLE = [
    ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng Đề án về chỉ số đánh giá công tác xây dựng pháp luật", "Bộ Tư pháp",
     "Các bộ, cơ quan ngang bộ", "Tháng 3/2026"],
    ["2", "Rà soát, thể chế hóa những quan điểm trong Văn kiện Đại hội", "Bộ Nội vụ",
     "Bộ Tư pháp", "Quý IV/2026"],
]  # fmt: skip


def test_docx_task_table_keeps_its_rows(rules) -> None:
    text = readers.read_docx(docx_file(TABLE))
    rows = [
        a
        for a in analyse(normalize(text), rules, HeaderRules.load()).assignments
        if a.rule_id == "assign.table_row"
    ]
    assert [
        (a.lead.canonical, [c.canonical for c in a.coordinators], str(a.deadline)) for a in rows
    ] == [
        ("Bộ Tư pháp", ["Các bộ, cơ quan ngang bộ"], "2026-03-31"),
        ("Bộ Nội vụ", ["Bộ Tư pháp"], "2026-12-31"),
    ]


def test_docx_that_unpacks_too_large_is_refused() -> None:
    with pytest.raises(IngestError, match="unpacks to"):
        readers.read_docx(docx_file(), max_unpacked=1000)


def test_truncated_docx_is_refused() -> None:
    with pytest.raises(IngestError, match=r"not a readable \.docx"):
        readers.read_docx(docx_file()[:500])


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(IngestError, match=r"not a readable \.docx"):
        readers.read_docx(b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0 legacy word", r"not a Word 97-2003 \.doc"),
        ("renamed.doc", b"{\\rtf1\\ansi Van ban RTF}", r"not a Word 97-2003 \.doc"),
        ("empty.pdf", b"", "empty file"),
        ("broken.pdf", b"%PDF-1.4 truncated", "not a readable PDF"),
        ("empty.html", b"<html><body><nav>menu</nav></body></html>", "no article text"),
    ],
)
def test_files_refused_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=reason):
        read(path)


def test_a_directory_named_like_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "looks like a file.txt"
    path.mkdir()
    with pytest.raises(IngestError, match="is a directory"):
        read(path)


def test_original_pdfs(rules) -> None:
    """The shared corpus's originals: a gazette PDF with a text layer gives what its text
    gives; an image-only scan is refused."""
    originals = shared_dir("originals")
    with pytest.raises(IngestError, match="no text layer"):
        read(originals / "cong_van-079.pdf")
    pdf = read(originals / "ke_hoach-080.pdf")
    assert pdf.format == "pdf"
    from_pdf = {a[0] for a in assignments(rules, pdf.text)}
    from_txt = {
        a[0]
        for a in assignments(
            rules, (originals.parent / "dev" / "ke_hoach-080.txt").read_text(encoding="utf-8")
        )
    }
    assert len(from_pdf & from_txt) >= 0.9 * len(from_txt)


# --- PDF written here (fpdf2, DejaVu Sans from matplotlib's data) ---------------------


def pdf_file(paragraphs: list[str]) -> bytes:
    """An A5 gazette-like PDF: a running header and a page number on every page, body text
    hard-wrapped to the page width by the writer."""
    from fpdf import FPDF

    class Gazette(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, "CÔNG BÁO/Số 238/Ngày 21-04-2026", align="C")
            self.ln(8)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Gazette(format=(148, 210))
    pdf.add_font("DejaVu", fname=str(_unicode_font()))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(2)
    return bytes(pdf.output())


def _unicode_font() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def scanned_pdf(pages: int = 3) -> bytes:
    """What a scanner writes: each page one image, no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    pdf = FPDF(format=(148, 210))
    for _ in range(pages):
        page = Image.new("L", (600, 800), color=255)
        ImageDraw.Draw(page).text((40, 40), "UBND TINH", fill=0)
        scan = io.BytesIO()
        page.save(scan, format="PNG")
        pdf.add_page()
        pdf.image(scan, x=10, y=10, w=128)
    return bytes(pdf.output())


def test_pdf_gives_the_same_assignments_and_references(rules) -> None:
    data = pdf_file([TITLE, *BODY])
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) >= 3
    text = readers.read_pdf(data)
    assert "CÔNG BÁO" not in text
    assert not any(line.strip().isdigit() for line in text.split("\n"))
    assert max(len(line) for line in text.split("\n")) < max(len(p) for p in BODY)  # wrapped
    found = analyse(normalize(text), rules, HeaderRules.load())
    expected = analyse(normalize(EXAMPLE), rules, HeaderRules.load())
    assert assignments(rules, text) == assignments(rules, EXAMPLE)
    assert [(r.kind, r.number, r.issued_date) for r in found.refs] == [
        (r.kind, r.number, r.issued_date) for r in expected.refs
    ]


def test_image_only_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    with pytest.raises(IngestError, match=r"no text layer \(scanned\); OCR is not supported"):
        read(path)


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf_file([TITLE, *BODY])[:400])
    with pytest.raises(IngestError):
        read(path)


def _patched_doc(offset: int, value: bytes) -> bytes:
    """The shared corpus's real .doc with bytes of its File Information Block changed."""
    data = bytearray((shared_dir("originals") / "quyet_dinh-083.doc").read_bytes())
    fib = data.index(b"\xec\xa5")  # wIdent opens the WordDocument stream
    data[fib + offset : fib + offset + len(value)] = value
    return bytes(data)


@pytest.mark.parametrize(
    ("offset", "value", "reason"),
    [
        (0x0A, b"\x00\x03", "encrypted"),  # fEncrypted with fWhichTblStm
        (0x02, b"\x65\x00", "Word 6/95"),  # nFib of Word 6
        (0x01A2, b"\xff\xff\xff\x7f", r"not a readable \.doc"),  # the piece table is lost
    ],
    ids=["encrypted", "word-6", "no-piece-table"],
)
def test_doc_files_refused_with_a_reason(offset: int, value: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        readers.read_doc(_patched_doc(offset, value))


@pytest.mark.parametrize(
    ("stream", "text"),
    [
        ('Xem \x13 HYPERLINK "http://x" \x14Phụ lục\x15 kèm theo', "Xem Phụ lục kèm theo"),
        (  # a field inside another field's code: neither code is text
            'Xem \x13 IF \x13 HYPERLINK "http://x" \x143\x15 \x14Phụ lục\x15 kèm theo',
            "Xem Phụ lục kèm theo",
        ),
        ("Trang \x13 PAGE \x15 cuối", "Trang  cuối"),  # a field with no result
    ],
)
def test_doc_field_codes_are_dropped_their_results_kept(stream: str, text: str) -> None:
    assert readers._without_field_codes(stream) == text
