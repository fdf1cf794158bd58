"""Finding and reading input files: bytes on disk -> RawDocument, or a reason it failed.

Errors never escape as exceptions into the run: ``read`` raises ``IngestError`` with a
reason that the runner records in ``documents.error``.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot become a document; the message is the recorded reason."""


@dataclass(frozen=True)
class RawDocument:
    text: str
    format: str
    encoding: str
    sha256: str


def discover(root: Path) -> list[Path]:
    """Every supported file under ``root``, recursively, in a stable path order."""
    found = [
        p
        for p in root.rglob("*")
        if p.suffix.lower() in TEXT_SUFFIXES and not _hidden(p.relative_to(root))
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


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
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc


def decode(data: bytes, path: Path) -> RawDocument:
    """Plain text in UTF-8, with or without a BOM."""
    digest = sha256_of(data)
    if not data.strip():
        raise IngestError("empty file (no text)")
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes); not a text document")
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "legacy encodings are not supported yet"
        ) from exc
    fmt = "markdown" if path.suffix.lower() == ".md" else "text"
    return RawDocument(text=text, format=fmt, encoding=encoding, sha256=digest)


def read(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    return decode(read_bytes(path, max_bytes), path)
