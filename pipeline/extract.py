"""One document through every stage: path -> DocumentResult (pure data, picklable)."""

from __future__ import annotations

from pathlib import Path

from pipeline import agencies, assignments, legal_refs
from pipeline.header import HeaderRules, parse_header
from pipeline.ingest import (
    FORMATS,
    IngestError,
    RawDocument,
    UnreadableFile,
    read,
    read_data,
    sha256_file,
    sha256_of,
)
from pipeline.models import Document, DocumentResult, Header
from pipeline.normalize import load_normalizer
from pipeline.rules import RuleSet
from pipeline.store import doc_id_for


def analyse(text: str, rules: RuleSet, header_rules: HeaderRules) -> DocumentResult:
    """Extraction over an already normalised text (the document fields are filled by caller)."""
    header = parse_header(text, header_rules, rules.legal.canonical_kind)
    header = _with_issuer_and_jurisdiction(header, text, rules)
    refs = [r for r in legal_refs.extract(text, rules.legal) if not _is_own_number(r, header)]
    for ref in refs:
        if ref.issuer:
            ref.issuer = rules.agencies.full_name(ref.issuer, header.jurisdiction) or ref.issuer
    found = assignments.extract(text, header, refs, rules)
    placeholder = Document(doc_id="", input_root="", source_path="", content_sha256="", format="")
    return DocumentResult(document=placeholder, header=header, refs=refs, assignments=found)


def _is_own_number(ref: legal_refs.LegalRef, header: Header) -> bool:
    return header.doc_number is not None and ref.number == header.doc_number and ref.start < 600


def _with_issuer_and_jurisdiction(header: Header, text: str, rules: RuleSet) -> Header:
    """The issuing body as a canonical agency ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" ->
    "Ủy ban nhân dân thành phố", jurisdiction "Hà Nội"); for a news article, the province
    of the first local body it names."""
    gaz: agencies.Gazetteer = rules.agencies
    if header.issuer:
        found = gaz.find(header.issuer)
        if found:
            return header.model_copy(
                update={"issuer": found[0].canonical, "jurisdiction": found[0].jurisdiction}
            )
        return header
    for mention in gaz.mentions(text, 0, min(len(text), 1500)):
        if mention.jurisdiction and mention.level != "central":
            return header.model_copy(update={"jurisdiction": mention.jurisdiction})
    return header


def extract_document(
    path: Path, input_root: Path, rules: RuleSet, header_rules: HeaderRules, max_bytes: int
) -> DocumentResult:
    doc = _document(path, input_root)
    try:
        raw: RawDocument = read(path, max_bytes)
    except UnreadableFile as exc:  # no content hash: the next run tries it again
        return DocumentResult(document=doc, status="failed", error=str(exc))
    except IngestError as exc:
        return _failed(doc, path, str(exc))
    except Exception as exc:  # a reader's bug on one file must not stop the run: record it
        return _failed(doc, path, f"reader error: {type(exc).__name__}: {exc}")
    return extract_raw(doc, raw, rules, header_rules)


def extract_data(
    data: bytes, doc: Document, rules: RuleSet, header_rules: HeaderRules
) -> DocumentResult:
    """A document whose bytes were fetched elsewhere (a cluster worker, any filesystem);
    ``doc`` carries its identity, the format comes from its ``source_path``."""
    try:
        raw = read_data(data, doc.source_path)
    except IngestError as exc:
        reason = str(exc)
    except Exception as exc:  # a reader's bug on one file must not stop the run: record it
        reason = f"reader error: {type(exc).__name__}: {exc}"
    else:
        return extract_raw(doc, raw, rules, header_rules)
    failed = doc.model_copy(update={"content_sha256": sha256_of(data)})
    return DocumentResult(document=failed, status="failed", error=reason)


def extract_raw(
    doc: Document, raw: RawDocument, rules: RuleSet, header_rules: HeaderRules
) -> DocumentResult:
    doc = doc.model_copy(
        update={"content_sha256": raw.sha256, "format": raw.format, "encoding": raw.encoding}
    )
    text = load_normalizer()(raw.text)
    if not text.strip():
        return DocumentResult(document=doc, status="failed", error="no text after normalisation")
    try:
        result = analyse(text, rules, header_rules)
    except Exception as exc:  # a bug on one file must not stop the run: record it
        doc = doc.model_copy(update={"text": text})
        return DocumentResult(
            document=doc, status="failed", error=f"extraction error: {type(exc).__name__}: {exc}"
        )
    return result.model_copy(update={"document": doc.model_copy(update={"text": text})})


def _document(path: Path, input_root: Path) -> Document:
    """A file's identity: its id, its path for display, its size and time."""
    rel = path.relative_to(input_root).as_posix()
    try:  # taken before reading: a file changed meanwhile looks changed to the next run
        stat = path.stat()
        size, mtime_ns = (stat.st_size, stat.st_mtime_ns) if path.is_file() else (None, None)
    except OSError:
        size, mtime_ns = None, None
    return Document(
        doc_id=doc_id_for(input_root, rel),
        input_root=str(input_root.resolve()),
        source_path=displayed(rel),
        content_sha256="",
        format=FORMATS.get(path.suffix.lower(), "unknown"),
        file_size=size,
        file_mtime_ns=mtime_ns,
    )


def displayed(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (an old Windows or Linux archive)
    shown as U+FFFD rather than making the name unstorable."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def failed_document(path: Path, input_root: Path, reason: str) -> DocumentResult:
    """A file recorded as failed without being read again (a worker died on it)."""
    doc = _document(path, input_root)
    return DocumentResult(document=doc, status="failed", error=reason)


def _failed(doc: Document, path: Path, reason: str) -> DocumentResult:
    try:
        sha = sha256_file(path) if path.is_file() else ""
    except OSError:
        sha = ""
    return DocumentResult(
        document=doc.model_copy(update={"content_sha256": sha}), status="failed", error=reason
    )
