"""Reading files: encodings found and recorded, bad files refused with a reason."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.ingest import IngestError, decode
from pipeline.normalize import normalize
from tests.conftest import CORPUS

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters with their vowel marks, tones as combining
    marks after them ("ầ" -> "â" + U+0300)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


EXAMPLE = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (EXAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + EXAMPLE.encode("utf-8"), "utf-8-sig"),
        (EXAMPLE.encode("utf-16"), "utf-16"),  # with its byte-order mark
        (EXAMPLE.encode("utf-32"), "utf-32"),
        (windows_1258(EXAMPLE), "cp1258"),
        (unicodedata.normalize("NFD", EXAMPLE).encode("utf-8"), "utf-8"),  # decomposed
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-32", "windows-1258", "utf-8-nfd"],
)
def test_every_encoding_gives_the_same_assignments(rules, data: bytes, encoding: str) -> None:
    raw = decode(data, Path("a.txt"))
    assert raw.encoding == encoding
    header_rules = HeaderRules.load()
    expected = analyse(normalize(EXAMPLE), rules, header_rules).assignments
    found = analyse(normalize(raw.text), rules, header_rules).assignments
    assert [(a.lead.canonical, a.task, a.deadline) for a in found] == [
        (a.lead.canonical, a.task, a.deadline) for a in expected
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"\x00\x01\x02binary", "NUL bytes"),
        ("Éléphant déjà vu à la crème brûlée, façade.".encode("cp1252"), "not valid UTF-8"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid utf-16"),  # a lone surrogate
    ],
    ids=["empty", "blank", "binary", "western", "broken-utf16"],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        decode(data, Path("a.txt"))


def test_discover_names_files_relative_to_the_folder_in_path_order(tmp_path: Path) -> None:
    """Supported files as posix paths relative to the folder, sorted as strings (a file
    "a.txt" before the folder "a/"), hidden files and folders left out."""
    from pipeline.ingest import discover

    names = [
        "b.txt",
        "a.txt",
        "a/z.PDF",
        "a/b/c.docx",
        "a-b.html",
        ".git/x.txt",
        "a/.hidden.txt",
        "notes.csv",
        "Quyết định.txt",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")  # a link to a file: a file
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)  # not walked
    (tmp_path / "d.txt").mkdir()  # a folder named as a document: listed, fails as one
    found = discover(tmp_path)
    assert found == [
        *["Quyết định.txt", "a-b.html", "a.txt", "a/b/c.docx", "a/z.PDF", "b.txt"],
        *["d.txt", "link.txt"],
    ]
    assert all(isinstance(name, str) for name in found)
    # What Path.rglob found, as the runs before this code listed a folder.
    suffixes = (".txt", ".pdf", ".docx", ".html")
    listed = sorted(
        p.relative_to(tmp_path).as_posix()
        for p in tmp_path.rglob("*")
        if p.suffix.lower() in suffixes
        and not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)
    )
    assert found == listed


def test_discover_skips_a_subfolder_it_cannot_list_but_not_the_folder_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subfolder without read permission is left out (as Path.rglob left it); an input
    folder that cannot be listed is an error, not an empty folder, whose files the run
    would all mark missing."""
    import os

    from pipeline import runner
    from pipeline.ingest import discover

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    scandir = os.scandir
    refused: set[Path] = set()

    def guarded(path):  # as root, permissions do not stop a listing: refuse it here
        if Path(path) in refused:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    refused.add(tmp_path / "locked")
    assert discover(tmp_path) == ["b.txt"]
    refused.add(tmp_path)
    with pytest.raises(PermissionError):
        discover(tmp_path)
    with pytest.raises(runner.RunError, match="cannot read input folder"):
        runner.run(tmp_path, tmp_path.parent / "x.duckdb")
