"""Finding and reading input files: bytes on disk -> RawDocument, or a reason it failed.

Errors never escape as exceptions into the run: ``read`` raises ``IngestError`` with a
reason that the runner records in ``documents.error``.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.legacy_fonts import as_windows_1252, legacy_fonts

TEXT_SUFFIXES = (".txt", ".md")
# documents.format by file suffix: what a file claims to be, recorded even when it fails.
FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".doc": "doc",
    ".pdf": "pdf",
}
SUFFIXES = tuple(FORMATS)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot become a document; the message is the recorded reason."""


class UnreadableFile(IngestError):
    """The file could not be read at all (permissions, a network share): its content is
    unknown, so the next run tries it again."""


@dataclass(frozen=True)
class RawDocument:
    text: str
    format: str
    encoding: str | None  # of a text file; None where the format carries its own
    sha256: str


def discover(root: Path) -> list[str]:
    """Every supported file under ``root``, recursively, as its path relative to ``root``
    (posix form), in a stable path order; hidden files and folders left out, links to
    folders not followed. Strings, not Paths, and no set of every Path seen (``rglob`` keeps
    one): a run holds one name per file of its folder, and a Path costs some 430 bytes
    against a string's ~90. A folder below ``root`` that cannot be listed is skipped;
    ``root`` itself raises OSError."""

    def refuse_root(exc: OSError) -> None:
        if Path(exc.filename or "") == root:
            raise exc

    found: list[str] = []
    for folder, dirs, files in os.walk(root, onerror=refuse_root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden: neither kept nor walked
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        # A folder named like a document ("x.txt") is listed too, and fails as one.
        for name in (*dirs, *files):
            if not name.startswith(".") and _suffix(name).lower() in SUFFIXES:
                found.append(prefix + name)
    found.sort()
    return found


def _suffix(name: str) -> str:
    """``Path(name).suffix``."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Content hash without holding a large file in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if path.is_dir():
        raise IngestError("is a directory, not a file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"file too large: {size} bytes (limit {max_bytes})")
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc


# Byte-order marks, longest first (UTF-32's starts like UTF-16's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings accepted from detection: Vietnamese Windows text. Others would give
# mojibake, so the file is refused with a reason (legacy fonts are found separately).
DETECTED_ENCODINGS = ("cp1258",)


def decode(data: bytes, path: Path) -> RawDocument:
    """Text in UTF-8 (with or without a BOM), UTF-16/32 with a BOM, or Windows-1258."""
    digest = sha256_of(data)
    if not data.strip():
        raise IngestError("empty file (no text)")
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes); not a text document")
    try:
        text = data.decode(encoding or "utf-8")
        encoding = encoding or "utf-8"
    except UnicodeDecodeError as exc:
        if encoding is not None:
            raise IngestError(f"not valid {encoding} after its byte-order mark: {exc}") from exc
        text, encoding = _detected(data, exc)
    if not text.strip():
        raise IngestError(f"empty file (no text in {encoding})")
    fmt = FORMATS.get(path.suffix.lower(), "text")
    return RawDocument(text=text, format=fmt, encoding=encoding, sha256=digest)


def _detected(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """Windows-1258 (found by charset-normalizer) or a legacy font (VNI, TCVN3: bytes no
    detector knows, found by the syllables they make); the reading whose words are more
    often Vietnamese syllables wins. Else a clear refusal."""
    from charset_normalizer import from_bytes

    fonts = legacy_fonts()
    readings: list[tuple[str, str]] = []
    best = from_bytes(data).best()
    if best is not None and best.encoding in DETECTED_ENCODINGS:
        readings.append((data.decode(best.encoding), best.encoding))
    converted, font = fonts.repair(as_windows_1252(data))
    if font is not None:
        readings.append((converted, font))
    if readings:
        return max(readings, key=lambda r: fonts.syllable_share(r[0]))
    found = best.encoding if best is not None else "none"
    raise IngestError(
        f"not valid UTF-8 (byte {utf8_error.start}: "
        f"{data[utf8_error.start : utf8_error.start + 1]!r}), not Windows-1258 "
        f"(detected: {found}) and not Vietnamese in a VNI or TCVN3 font"
    )


def read(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """One reader per format, chosen by the file's suffix; then lines typed in a legacy
    font (a VNI .doc, a TCVN3 page) are converted, whatever the format."""
    return read_data(read_bytes(path, max_bytes), path.name)


def read_data(data: bytes, name: str) -> RawDocument:
    """``read`` for bytes already fetched (from any filesystem): ``name`` gives the format."""
    path = Path(name)
    suffix = path.suffix.lower()
    raw = decode(data, path) if suffix in TEXT_SUFFIXES else _read_formatted(data, suffix)
    fonts = legacy_fonts()
    if raw.encoding in fonts.names:
        return raw
    text, font = fonts.repair(raw.text)
    if font is None:
        return raw
    encoding = font if raw.encoding in (None, font) else f"{raw.encoding}+{font}"
    return RawDocument(text=text, format=raw.format, encoding=encoding, sha256=raw.sha256)


def _read_formatted(data: bytes, suffix: str) -> RawDocument:
    from pipeline import readers

    if not data.strip():
        raise IngestError("empty file (no text)")
    fmt = FORMATS[suffix]
    reader = {
        "html": readers.read_html,
        "docx": readers.read_docx,
        "doc": readers.read_doc,
        "pdf": readers.read_pdf,
    }[fmt]
    return RawDocument(text=reader(data), format=fmt, encoding=None, sha256=sha256_of(data))
