"""Readers of formats other than plain text: HTML pages, Word .docx files and PDFs with a
text layer, each turned into the plain text that normalisation then takes.

Well-kept libraries parse (selectolax, python-docx, pypdf); this module only chooses what
of a parsed file is the document's text. Every failure is an ``IngestError`` whose message
is the reason recorded for the file.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections import Counter

import regex

from pipeline.ingest import IngestError
from pipeline.legacy_fonts import as_windows_1252

# --- HTML -------------------------------------------------------------------------------

# Elements that are never the article: navigation, forms, scripts, portal furniture.
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe")
# class/id words of menus, related links, share bars, comments, search boxes.
_FURNITURE_RE = regex.compile(
    r"\b(?:menu|nav|breadcrumb|related|lien-quan|tin-khac|footer|sidebar|comment|share|social"
    r"|search|tim-kiem|banner|advert|quang-cao)\b",
    regex.IGNORECASE,
)
_BLOCKS = "p, h1, h2, h3, h4, li, td, th, figcaption, div"


def read_html(data: bytes) -> str:
    """Title and body of an article page; menus, search boxes, related links dropped."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css("[class], [id]"):
        marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _FURNITURE_RE.search(marks):
            node.decompose()
    title_node = tree.css_first("h1") or tree.css_first("title")
    title = title_node.text(strip=True) if title_node else ""
    body = _main_content(tree)
    lines = [title] if title else []
    for node in body.css("p, h2, h3, h4, li, figcaption, td"):
        text = " ".join(node.text(separator=" ").split())
        if text and text != title:
            lines.append(text)
    if len(lines) <= 1:
        lines.append(" ".join(body.text(separator=" ").split()))
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise IngestError("HTML page with no article text")
    return text


def _main_content(tree):  # type: ignore[no-untyped-def]
    """The element holding most paragraph text: an <article>, <main>, or the busiest block."""
    for selector in ("article", "main"):
        node = tree.css_first(selector)
        if node is not None and len(node.text(strip=True)) > 200:
            return node
    best, best_len = tree.body or tree.root, 0
    for node in tree.css("div, section, td"):
        length = sum(len(p.text(strip=True)) for p in node.css("p"))
        if length > best_len:
            best, best_len = node, length
    return best


# --- DOCX -------------------------------------------------------------------------------

DOCX_MAX_UNPACKED = 100 * 1024 * 1024


def read_docx(data: bytes, max_unpacked: int = DOCX_MAX_UNPACKED) -> str:
    """Paragraphs and table cells in document order: a table's row keeps its cells in turn,
    one a line, so a task table reads as the flattened tables of PDFs do."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > max_unpacked:
            raise IngestError(f"docx unpacks to {unpacked} bytes (limit {max_unpacked})")
        document = Document(io.BytesIO(data))
    except IngestError:
        raise
    except Exception as exc:  # a truncated or foreign archive: python-docx raises many kinds
        raise IngestError(f"not a readable .docx file: {type(exc).__name__}: {exc}") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.extend(cell.text for cell in _unique_cells(row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError("docx file with no text")
    return text


def _unique_cells(cells):  # type: ignore[no-untyped-def]
    """Merged cells repeat in python-docx's rows; each is read once."""
    seen: set[int] = set()
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


# --- PDF --------------------------------------------------------------------------------

_DIGITS_RE = regex.compile(r"\d+")


def read_pdf(data: bytes) -> str:
    """The text layer, page by page, without running headers, footers and page numbers: a
    page's first or last line that recurs, digits aside, on all pages but one ("CÔNG
    BÁO/Số 238/Ngày 21-04-2026 94", "12"). Hard-wrapped lines stay: the extractor joins
    them back into paragraphs, and a table's repeated header stays for the table reader."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise IngestError(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    if not "".join(pages).strip():
        raise IngestError("no text layer (scanned); OCR is not supported")
    running = _running_lines(pages)
    kept: list[str] = []
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        for k, line in enumerate(lines):
            edge = k == 0 or k == len(lines) - 1
            if edge and _masked(line) in running:
                continue
            kept.append(line)
    return "\n".join(kept)


def _masked(line: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(line.split()))


def _running_lines(pages: list[str]) -> set[str]:
    """First and last lines that recur (digits masked) on all pages but at most one."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page.split("\n") if ln.strip()]
        if lines:
            counts.update({_masked(lines[0]), _masked(lines[-1])})
    return {line for line, n in counts.items() if n >= len(pages) - 1}


# --- DOC (Word 97-2003) -------------------------------------------------------------------

# Offsets in the File Information Block of the WordDocument stream ([MS-DOC] 2.5).
_FIB_FLAGS, _FIB_CCP_TEXT, _FIB_FC_CLX = 0x0A, 0x4C, 0x01A2
_F_ENCRYPTED, _F_WHICH_TABLE = 0x0100, 0x0200
_WORD_IDENT, _WORD_97_FIB = 0xA5EC, 0x00C0
_COMPRESSED = 0x40000000
# Word's marks in the text stream: paragraph and cell ends, breaks, anchors.
_DOC_CONTROLS = str.maketrans(
    {"\r": "\n", "\x07": "\n", "\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": None}
    | {chr(c): None for c in (0x01, 0x02, 0x03, 0x04, 0x05, 0x08)}
)


def read_doc(data: bytes) -> str:
    """The main text of a Word 97-2003 file, from its piece table ([MS-DOC] 2.4.1): each
    piece is either 8-bit Windows-1252 or UTF-16. Field codes are dropped, their results
    kept; table cells end a line each, as in the .docx reader."""
    import olefile

    if not olefile.isOleFile(io.BytesIO(data)):
        raise IngestError("not a Word 97-2003 .doc file (no OLE2 header)")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise IngestError("not a Word document (no WordDocument stream)")
            word = ole.openstream("WordDocument").read()
            ident, n_fib = struct.unpack_from("<HH", word, 0)
            if ident != _WORD_IDENT:
                raise IngestError("not a Word document (bad WordDocument header)")
            if n_fib < _WORD_97_FIB:
                raise IngestError(f"Word 6/95 .doc (version {n_fib}) is not supported")
            flags = struct.unpack_from("<H", word, _FIB_FLAGS)[0]
            if flags & _F_ENCRYPTED:
                raise IngestError("the .doc file is encrypted (password protected)")
            table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
            table = ole.openstream(table_name).read()
            text = _piece_text(word, table)
    except IngestError:
        raise
    except Exception as exc:  # olefile and struct raise many kinds on truncated files
        raise IngestError(f"not a readable .doc file: {type(exc).__name__}: {exc}") from exc
    text = _without_field_codes(text).translate(_DOC_CONTROLS)
    if not text.strip():
        raise IngestError(".doc file with no text")
    return text


def _without_field_codes(text: str) -> str:
    """A field is \\x13 code \\x14 result \\x15, and fields nest (a hyperlink inside an
    IF): keep what is outside every field's code."""
    if "\x13" not in text:
        return text
    out: list[str] = []
    stack: list[bool] = []  # per open field: is its code part over (\x14 seen)?
    for ch in text:
        if ch == "\x13":
            stack.append(False)
        elif ch == "\x14" and stack:
            stack[-1] = True
        elif ch == "\x15" and stack:
            stack.pop()
        elif all(stack):
            out.append(ch)
    return "".join(out)


def _piece_text(word: bytes, table: bytes) -> str:
    ccp_text = struct.unpack_from("<i", word, _FIB_CCP_TEXT)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FIB_FC_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 1:  # property modifiers before the piece table
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 2:
        raise ValueError("no piece table")
    size = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + size]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}i", plc)
    parts: list[str] = []
    for k in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        count = cps[k + 1] - cps[k]
        if fc & _COMPRESSED:
            start = (fc & ~_COMPRESSED) // 2
            parts.append(as_windows_1252(word[start : start + count]))
        else:
            parts.append(word[fc : fc + 2 * count].decode("utf-16-le", errors="replace"))
    return "".join(parts)[:ccp_text]
