"""Typed records that flow one way: file -> Document -> extracted records -> DuckDB.

Every extracted record carries provenance: character offsets into the normalised
``Document.text`` and the id of the rule that produced it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DeadlineKind = Literal["date", "period", "relative", "recurring", "none"]
TemporalKind = Literal["date", "period", "relative", "recurring", "urgency"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class Span(Record):
    """A stretch of ``Document.text``: ``text[start:end] == raw``."""

    start: int
    end: int
    raw: str
    rule_id: str


class LegalRef(Span):
    kind: str
    number: str | None = None
    title: str | None = None
    issued_date: date | None = None
    issuer: str | None = None


class AgencyMention(Span):
    canonical: str
    kind: Literal["body", "group", "office_holder"] = "body"
    level: str | None = None  # central / province / district / commune / None
    jurisdiction: str | None = None


class TemporalExpr(Span):
    kind: TemporalKind
    deadline: date | None = None
    recurrence: str | None = None  # ISO 8601 duration, e.g. P2W
    recurrence_rule: str | None = None  # RFC 5545 RRULE body, e.g. FREQ=MONTHLY;BYMONTHDAY=20


class Header(Record):
    """What the document says about itself (not a reference)."""

    title: str | None = None
    doc_kind: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issued_date: date | None = None
    signer: str | None = None
    jurisdiction: str | None = None


class Assignment(Record):
    lead: AgencyMention
    coordinators: list[AgencyMention] = Field(default_factory=list)
    task: str
    task_start: int
    task_end: int
    deadline: date | None = None
    deadline_raw: str | None = None
    deadline_kind: DeadlineKind = "none"
    recurrence: str | None = None
    recurrence_rule: str | None = None
    urgent: bool = False
    start: int
    end: int
    rule_id: str
    # Where the deadline and the recurrence were read (offsets into Document.text).
    deadline_start: int | None = None
    deadline_end: int | None = None
    recurrence_start: int | None = None
    recurrence_end: int | None = None
    ref_indexes: list[int] = Field(default_factory=list)  # indexes into DocumentResult.refs


class Document(Record):
    doc_id: str
    input_root: str
    source_path: str
    content_sha256: str
    format: str
    encoding: str | None = None
    text: str = ""
    file_size: int | None = None
    file_mtime_ns: int | None = None


class DocumentResult(Record):
    """Everything extracted from one file: pure data, picklable, stored in one transaction."""

    document: Document
    header: Header = Field(default_factory=Header)
    status: Literal["ok", "failed"] = "ok"
    error: str | None = None
    refs: list[LegalRef] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
