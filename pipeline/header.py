"""The document's own header: its kind, số hiệu, issuer, date, signer, title.

An official document states these in a fixed block at the top; a news article has a
title line and, per ANNOTATION.md, takes the date of the document it reports on, else
the date of the meeting in its dateline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict

from pipeline.dates import DATE_PATTERN, date_from_match, make_date
from pipeline.models import Header
from pipeline.rules import RULES_DIR, RuleFileError, read_yaml

_YEAR_RE = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PARTIAL_DATE = r"(?P<pd>[0-3]?\d)[/.](?P<pm>[01]?\d)(?![\d/.])"


class HeaderConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    header_lines: int
    kind_line: str
    number_line: str
    place_date: str
    motto: str
    skip_lines: str
    news_report_clause: str
    news_dateline: str
    news_dateline_lines: int
    subject_line: str
    subject_kind: str
    title_stop: str


@dataclass(frozen=True)
class HeaderRules:
    cfg: HeaderConfig
    kind_re: regex.Pattern[str]
    number_re: regex.Pattern[str]
    place_date_re: regex.Pattern[str]
    motto_re: regex.Pattern[str]
    skip_re: regex.Pattern[str]
    report_re: regex.Pattern[str]
    dateline_re: regex.Pattern[str]
    subject_re: regex.Pattern[str]
    title_stop_re: regex.Pattern[str]

    @classmethod
    def load(cls, rules_dir: Path = RULES_DIR) -> HeaderRules:
        path = rules_dir / "header.yaml"
        try:
            cfg = HeaderConfig.model_validate(read_yaml(path))
            return cls(
                cfg=cfg,
                kind_re=regex.compile(cfg.kind_line, regex.MULTILINE),
                number_re=regex.compile(cfg.number_line, regex.MULTILINE),
                place_date_re=regex.compile(cfg.place_date + DATE_PATTERN + r"(?!\d)"),
                motto_re=regex.compile(cfg.motto),
                skip_re=regex.compile(cfg.skip_lines),
                report_re=regex.compile(
                    cfg.news_report_clause + rf"(?:{DATE_PATTERN}|{_PARTIAL_DATE})"
                ),
                dateline_re=regex.compile(cfg.news_dateline),
                subject_re=regex.compile(cfg.subject_line, regex.MULTILINE),
                title_stop_re=regex.compile(cfg.title_stop),
            )
        except (ValueError, regex.error) as exc:
            raise RuleFileError(f"{path}: {exc}") from exc


def parse_header(text: str, rules: HeaderRules, canonical_kind: object = None) -> Header:
    """Header fields of ``text``; ``canonical_kind`` maps an upper-case kind word."""
    lines = text.split("\n")
    head = "\n".join(lines[: rules.cfg.header_lines])
    official = bool(rules.motto_re.search(head))
    if official:
        return _official_header(text, head, rules, canonical_kind)
    return _news_header(text, lines, rules)


def _official_header(text: str, head: str, rules: HeaderRules, canonical_kind: object) -> Header:
    kind_m = rules.kind_re.search(head)
    kind = None
    if kind_m:
        word = kind_m.group("kind")
        mapped = canonical_kind(word) if callable(canonical_kind) else None
        kind = mapped or word.capitalize()
    number_m = rules.number_re.search(head)
    number = None
    if number_m:
        number = regex.sub(r"\s+", "", number_m.group("number") or number_m.group("number2"))
        if number.startswith("/"):
            number = None  # an unnumbered draft: "Số: /KH-UBND"
    date_m = rules.place_date_re.search(head)
    title = _official_title(head, kind_m, kind)
    subject = rules.subject_re.search(head)
    if kind is None and subject:
        kind, title = rules.cfg.subject_kind, f"V/v {subject.group('subject').strip()}"
    if title:
        stop = rules.title_stop_re.search(title)
        title = title[: stop.start()] if stop else title
    return Header(
        title=title[:300] if title else None,
        doc_kind=kind,
        doc_number=number,
        issuer=_issuer(head, rules),
        issued_date=date_from_match(date_m) if date_m else None,
        signer=_signer(text),
    )


def _official_title(head: str, kind_m: regex.Match[str] | None, kind: str | None) -> str | None:
    """ "Quyết định Về việc công bố văn bản ...": the kind, then the title's lines up to a
    blank line, an upper-case line (the issuer again) or "Căn cứ"."""
    if not kind_m:
        return None
    name = kind or kind_m.group("kind").capitalize()
    rest = kind_m.group("rest").strip()
    if rest:
        return f"{name} {rest}"[:300]
    lines = []
    for line in head[kind_m.end() :].lstrip("\n").split("\n"):
        line = line.strip()
        if not line or line.isupper() or line.startswith(("Căn cứ", "Theo đề nghị")):
            break
        lines.append(line)
    return " ".join([name, *lines])[:300]


def _issuer(head: str, rules: HeaderRules) -> str | None:
    """Upper-case lines before the national motto: "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI"."""
    motto = rules.motto_re.search(head)
    if not motto:
        return None
    parts = []
    for line in head[: motto.start()].split("\n"):
        line = line.strip(" -_")
        if not line or rules.skip_re.match(line) or line.startswith(("Số", "Quyết định")):
            continue
        if line.isupper():
            parts.append(line)
    return " ".join(parts).title() if parts else None


_SIGNER_RE = regex.compile(
    r"(?m)^(?:KT\.|TM\.|Q\.|TL\.)?\s*(?:PHÓ )?(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG)\s*$"
)
_NAME_RE = regex.compile(r"(?m)^(?:\p{Lu}\p{Ll}+\s){1,4}\p{Lu}\p{Ll}+\s*$")


def _signer(text: str) -> str | None:
    tail = text[-1500:]
    signs = list(_SIGNER_RE.finditer(tail))
    if not signs:
        return None
    sign = signs[-1]
    name = _NAME_RE.search(tail, sign.end())
    return name.group(0).strip() if name else None


def _news_header(text: str, lines: list[str], rules: HeaderRules) -> Header:
    title = next((ln.strip() for ln in lines if ln.strip()), None)
    return Header(
        title=title[:300] if title else None,
        doc_kind="Tin",
        issued_date=_news_date(text, lines, rules),
    )


def _news_date(text: str, lines: list[str], rules: HeaderRules) -> date | None:
    years = Counter(int(y) for y in _YEAR_RE.findall(text))
    fallback_year = max(years) if years else None
    first = "\n".join(lines[: rules.cfg.news_dateline_lines])
    report = rules.report_re.search(first)
    if report:
        if report.group("pd"):
            return _with_year(report.group("pd"), report.group("pm"), None, fallback_year)
        return date_from_match(report)
    line = rules.dateline_re.search(first)
    if line:
        return _with_year(line.group("d"), line.group("m"), line.group("y"), fallback_year)
    return None


def _with_year(day: str, month: str, year: str | None, fallback: int | None) -> date | None:
    chosen = int(year) if year else fallback
    return make_date(chosen, int(month), int(day)) if chosen else None
