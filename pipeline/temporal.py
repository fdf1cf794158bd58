"""Deadlines, periods, relative deadlines, recurrences and urgency words in Vietnamese texts.

The lexicon is data (``rules/temporal.yaml``); this module validates it, compiles it once and
resolves matches to dates.  Two entry points:

* :func:`extract` reads running prose, where a deadline needs a trigger ("trước ngày",
  "trong quý", "chậm nhất", "Thời gian thực hiện:"), so the dates of legal references and
  background ("Ngày 11/3/2024, Phó Chủ tịch ...") and a title's year are never deadlines;
* :func:`parse_deadline_cell` reads a table's deadline cell or a field value, where a bare
  date, month, quarter, year or range is the deadline.

Resolution (SPEC.md): day first; an impossible date is not a date; a missing year comes from
the document's date (null without one), or the next year when the deadline would otherwise lie
more than two weeks before the document; a period resolves to its last day; a range to its end.
In prose, a date or period with a stated year that ends before the document's date is
background, not a deadline, and is dropped.
"""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.dates import DATE_PATTERN, date_from_match, make_date
from pipeline.models import TemporalExpr, TemporalKind
from pipeline.rules import RuleFileError, read_yaml
from pipeline.scan import Prefilter, finditer, folded, may_match

RULE_FILE = "temporal.yaml"

_FLAGS = regex.IGNORECASE | regex.UNICODE
_PLACEHOLDER = regex.compile(r"\{([a-z_]+)\}")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# A deadline written without a year is normally ahead of the document, so a year-less date,
# month, quarter or half-year that would fall more than _GRACE_DAYS before the document's date
# is read as next year's ("trước ngày 15/01" in a March document is next January).  Within the
# grace it stays in the document's year: a document is often dated (signed, or reported by a
# news article) a few days after the text was written, and "trước ngày 05/3" in a text dated
# 10/3 means this March, not the next.  Two weeks covers that lag and no real deadline.
# The same grace does not apply to a stated year: see _is_background.
_GRACE_DAYS = 14


# --------------------------------------------------------------------------- lexicon schema


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Entry(_Model):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    pattern: str = Field(min_length=1)
    example: str = Field(min_length=1)


class TriggerEntry(Entry):
    accepts: list[Literal["date", "period"]] = Field(min_length=1)


class ValueEntry(Entry):
    category: Literal["date", "period"]
    resolve: Literal[
        "date", "month", "quarter", "half", "year", "this_month", "this_quarter", "this_year"
    ]
    contexts: list[Literal["cell", "standalone"]] = Field(default_factory=list)
    only_contexts: bool = False  # a bare form ("2026", "9/2026") never follows a prose trigger


class RelativeEntry(Entry):
    anchor: Literal["document", "none"]


class RecurrenceEntry(Entry):
    unit: str | None = None  # when the pattern does not capture the unit


class UnitEntry(_Model):
    designator: Literal["D", "W", "M", "Y"]
    factor: int = Field(ge=1)
    freq: Literal["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]


class Lexicon(_Model):
    version: Literal[1]
    fragments: dict[str, str]
    units: dict[str, UnitEntry]
    weekdays: dict[str, str]
    triggers: list[TriggerEntry]
    field_triggers: list[Entry]
    range: Entry
    from_only: Entry
    standalone: Entry
    values: list[ValueEntry]
    relative: list[RelativeEntry]
    recurrences: list[RecurrenceEntry]
    urgency: list[Entry]

    @model_validator(mode="after")
    def _unique_ids(self) -> Lexicon:
        seen: set[str] = set()
        for entry in self.all_entries():
            if entry.id in seen:
                raise ValueError(f"duplicate entry id {entry.id!r}")
            seen.add(entry.id)
        for entry in self.recurrences:
            if entry.unit is not None and entry.unit not in self.units:
                raise ValueError(f"{entry.id}: unknown unit {entry.unit!r}")
        return self

    def all_entries(self) -> Iterator[Entry]:
        yield from self.triggers
        yield from self.field_triggers
        yield self.range
        yield self.from_only
        yield self.standalone
        yield from self.values
        yield from self.relative
        yield from self.recurrences
        yield from self.urgency


# --------------------------------------------------------------------------- compiled rules


@dataclass(frozen=True)
class _Compiled:
    """One compiled regex and what its match means."""

    regex: regex.Pattern[str]
    source: str  # "prose" | "field" | "cell" | "standalone" | "relative" | "recurrence" | "urgency"
    entry_id: str
    value: ValueEntry | None = None
    relative: RelativeEntry | None = None
    recurrence: RecurrenceEntry | None = None
    trigger_ids: tuple[str, ...] = ()  # group t<i> of the regex -> trigger id
    # What every match contains and starts with, read off the pattern (see pipeline.scan).
    prefilter: Prefilter = field(default_factory=Prefilter)


@dataclass(frozen=True)
class TemporalRules:
    """The temporal lexicon, validated and compiled once (picklable: regexes pickle)."""

    lexicon: Lexicon
    prose: tuple[_Compiled, ...] = field(default_factory=tuple)
    cell: tuple[_Compiled, ...] = field(default_factory=tuple)

    @classmethod
    def load(cls, rules_dir: Path) -> TemporalRules:
        path = Path(rules_dir) / RULE_FILE
        if not path.is_file():
            raise RuleFileError(f"{path}: temporal lexicon not found")
        data = read_yaml(path)
        try:
            lexicon = Lexicon.model_validate(data)
        except ValidationError as exc:
            raise RuleFileError(f"{path}: invalid temporal lexicon:\n{exc}") from exc
        try:
            prose, cell = _compile(lexicon)
        except (regex.error, KeyError) as exc:
            raise RuleFileError(f"{path}: bad pattern: {exc}") from exc
        return cls(lexicon=lexicon, prose=prose, cell=cell)


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """Insert ``{name}`` fragments (recursively) and ``{date}``; ``{2,3}`` is left alone."""

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name == "date":
            return DATE_PATTERN
        if name not in fragments:
            raise KeyError(f"unknown fragment {{{name}}} in {pattern!r}")
        return _expand(fragments[name], fragments)

    return _PLACEHOLDER.sub(sub, pattern)


def _word(body: str) -> str:
    # Whole words only: "trong" must not fire inside another word, "ngay" not inside "ngayx".
    return rf"(?<!\w)(?:{body})(?!\w)"


def _trigger_alternation(triggers: list[TriggerEntry] | list[Entry], x: dict[str, str]) -> str:
    return "|".join(f"(?P<t{i}>{_expand(t.pattern, x)})" for i, t in enumerate(triggers))


def _compile_value(
    lex: Lexicon, value: ValueEntry, field_alt: str, prefix: str
) -> tuple[list[_Compiled], list[_Compiled]]:
    """The prose and cell regexes of one value entry."""
    x = lex.fragments
    body = _expand(value.pattern, x)
    ranged = rf"{prefix}(?:{body})"
    prose: list[_Compiled] = []
    accepting = [t for t in lex.triggers if value.category in t.accepts]
    if accepting and not value.only_contexts:
        alt = _trigger_alternation(accepting, x)
        rx = regex.compile(_word(rf"(?:{alt})\s+(?:{body})"), _FLAGS)
        ids = tuple(t.id for t in accepting)
        prose.append(_Compiled(rx, "prose", value.id, value=value, trigger_ids=ids))
    field_rx = regex.compile(_word(rf"(?:{field_alt})\s*{ranged}"), _FLAGS)
    field_ids = tuple(t.id for t in lex.field_triggers)
    prose.append(_Compiled(field_rx, "field", value.id, value=value, trigger_ids=field_ids))
    if "standalone" in value.contexts:
        rx = regex.compile(_expand(lex.standalone.pattern, x) + _word(body), _FLAGS)
        prose.append(_Compiled(rx, "standalone", value.id, value=value))
    cell: list[_Compiled] = []
    if value.contexts:
        cell.append(_Compiled(regex.compile(_word(ranged), _FLAGS), "cell", value.id, value=value))
    return prose, cell


def _compile(lex: Lexicon) -> tuple[tuple[_Compiled, ...], tuple[_Compiled, ...]]:
    """(prose regexes, cell regexes), each compiled once."""
    x = lex.fragments
    field_alt = _trigger_alternation(lex.field_triggers, x)
    # A field or cell may say "từ ... đến <value>" (a range) or "từ <value>" (a start only).
    range_pat, from_pat = _expand(lex.range.pattern, x), _expand(lex.from_only.pattern, x)
    prefix = rf"(?:(?P<range>{range_pat})|(?P<from>{from_pat}))?"
    prose: list[_Compiled] = []
    cell: list[_Compiled] = []
    for value in lex.values:
        value_prose, value_cell = _compile_value(lex, value, field_alt, prefix)
        prose += value_prose
        cell += value_cell
    shared = [
        _Compiled(regex.compile(_word(_expand(r.pattern, x)), _FLAGS), "relative", r.id, relative=r)
        for r in lex.relative
    ] + [
        _Compiled(
            regex.compile(_word(_expand(r.pattern, x)), _FLAGS), "recurrence", r.id, recurrence=r
        )
        for r in lex.recurrences
    ]
    urgency = [
        _Compiled(regex.compile(_word(_expand(u.pattern, x)), _FLAGS), "urgency", u.id)
        for u in lex.urgency
    ]
    # A cell is also read with the prose rules ("Trước 15/8/2026", "Hằng năm"), not urgency.
    prose_all = [replace(c, prefilter=Prefilter.of(c.regex)) for c in prose + shared + urgency]
    cell = [replace(c, prefilter=Prefilter.of(c.regex)) for c in cell]
    return tuple(prose_all), tuple(cell + prose_all[: len(prose) + len(shared)])


# --------------------------------------------------------------------------- resolution


@dataclass
class _Candidate:
    start: int
    end: int
    rule_id: str
    kind: TemporalKind
    deadline: date | None = None
    recurrence: str | None = None
    recurrence_rule: str | None = None
    blocked: bool = False  # "từ quý II/2026": occupies its span but is not a deadline
    year_stated: bool = False  # the text gives the year ("năm 2023"), it was not inferred


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for(doc_date: date | None, month: int, day: int | None = None) -> int | None:
    """The year of a year-less date or period ending on ``day``/``month`` (default: the
    month's last day): the document's, or the next one when that would put the deadline more
    than _GRACE_DAYS before the document.  29/2 stays in the (leap) year that has it."""
    if doc_date is None:
        return None
    year = doc_date.year
    day_ = day if day is not None else calendar.monthrange(year, month)[1]
    candidate = make_date(year, month, day_) or _last_day(year, month)
    too_early = (doc_date - candidate).days > _GRACE_DAYS
    if too_early and (day is None or make_date(year + 1, month, day) is not None):
        year += 1
    return year


def _int(groups: dict[str, str | None], name: str) -> int | None:
    value = groups.get(name)
    return int(value) if value is not None and value.isdigit() else None


def _quarter(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = raw.strip().lower()
    return int(raw) if raw.isdigit() else _ROMAN.get(raw)


def _resolve_date(m: regex.Match[str], doc_date: date | None) -> tuple[bool, date | None]:
    """(is a valid date, the date if its year is known)."""
    groups = m.groupdict()
    if groups.get("d") is not None or groups.get("d2") is not None:
        value = date_from_match(m)
        return value is not None, value
    day, month = _int(groups, "day"), _int(groups, "month")
    if day is None or month is None or make_date(2000, month, day) is None:
        return False, None  # 31/2 is not a date (2000 is a leap year, so 29/2 is)
    year = _year_for(doc_date, month, day)
    return True, (make_date(year, month, day) if year is not None else None)


def _resolve_period(resolve: str, m: regex.Match[str], doc_date: date | None) -> date | None:
    groups = m.groupdict()
    year = _int(groups, "year")
    if resolve == "month" or resolve == "this_month":
        month = _int(groups, "month") if resolve == "month" else None
        if month is None:
            month = doc_date.month if doc_date else None
            year = year or (doc_date.year if doc_date else None)
        if month is None:
            return None
        year = year or _year_for(doc_date, month)
        return _last_day(year, month) if year else None
    if resolve in ("quarter", "this_quarter"):
        q = _quarter(groups.get("q")) if resolve == "quarter" else None
        if q is None:
            q = (doc_date.month - 1) // 3 + 1 if doc_date else None
            year = year or (doc_date.year if doc_date else None)
        if q is None:
            return None
        year = year or _year_for(doc_date, 3 * q)
        return _last_day(year, 3 * q) if year else None
    if resolve == "half":
        half_end = 6 if (groups.get("half") or "").lower() == "đầu" else 12
        year = year or _year_for(doc_date, half_end)
        return _last_day(year, half_end) if year else None
    # "year", "this_year": a year-less "cuối năm" is the document's year.
    year = year or (doc_date.year if doc_date else None)
    return date(year, 12, 31) if year else None


def _trigger_id(m: regex.Match[str], ids: tuple[str, ...]) -> str | None:
    for i, trigger_id in enumerate(ids):
        if m.group(f"t{i}") is not None:
            return trigger_id
    return None


def _value_candidate(c: _Compiled, m: regex.Match[str], doc_date: date | None) -> _Candidate | None:
    assert c.value is not None
    value = c.value
    trigger = _trigger_id(m, c.trigger_ids)
    parts = [trigger] if trigger else []
    groups = m.groupdict()
    ranged = groups.get("range") is not None
    blocked = groups.get("from") is not None and not ranged
    if ranged:
        parts.append("range")
    parts.append(value.id)
    rule_id = "+".join(parts)
    if blocked:
        return _Candidate(m.start(), m.end(), rule_id, "period", blocked=True)
    stated = any(groups.get(name) is not None for name in ("year", "y", "y2"))
    if value.resolve == "date":
        valid, deadline = _resolve_date(m, doc_date)
        if not valid:
            return None
        return _Candidate(m.start(), m.end(), rule_id, "date", deadline, year_stated=stated)
    deadline = _resolve_period(value.resolve, m, doc_date)
    return _Candidate(m.start(), m.end(), rule_id, "period", deadline, year_stated=stated)


def _add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _add_workdays(start: date, days: int) -> date:
    # Saturdays and Sundays only: public holidays are not in the lexicon.
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _relative_candidate(c: _Compiled, m: regex.Match[str], doc_date: date | None) -> _Candidate:
    assert c.relative is not None
    deadline = None
    n, unit = int(m.group("n")), m.group("unit").lower()
    if c.relative.anchor == "document" and doc_date is not None:
        if unit == "ngày":
            workdays = m.groupdict().get("workdays") is not None
            deadline = _add_workdays(doc_date, n) if workdays else doc_date + timedelta(days=n)
        elif unit == "tuần":
            deadline = doc_date + timedelta(weeks=n)
        elif unit == "tháng":
            deadline = _add_months(doc_date, n)
        else:
            deadline = _add_months(doc_date, 12 * n)
    return _Candidate(m.start(), m.end(), c.entry_id, "relative", deadline)


def _unit_key(raw: str) -> str:
    return regex.sub(r"\s+", " ", raw.strip().lower())


def _recurrence_candidate(c: _Compiled, m: regex.Match[str], lex: Lexicon) -> _Candidate | None:
    assert c.recurrence is not None
    groups = m.groupdict()
    unit_word = groups.get("unit") or c.recurrence.unit
    unit = lex.units.get(_unit_key(unit_word or ""))
    if unit is None:
        return None
    n_raw = (groups.get("n") or "1").lower()
    n = 6 if n_raw == "sáu" else int(n_raw) if n_raw.isdigit() else 1
    if n == 0:
        return None
    duration = f"P{n * unit.factor}{unit.designator}"
    by: list[str] = []
    raw_days = m.captures("wd") if "wd" in m.re.groupindex else []
    weekdays = [_unit_key(regex.sub(r"(?i)^thứ\s+", "", w)) for w in raw_days]
    if weekdays:
        codes = [lex.weekdays.get(w) for w in weekdays]
        if None in codes:
            return None
        by.append("BYDAY=" + ",".join(dict.fromkeys(c for c in codes if c)))
    if groups.get("mon"):
        by.append(f"BYMONTH={int(groups['mon'])}")
    if groups.get("mday"):
        by.append(f"BYMONTHDAY={int(groups['mday'])}")
    # The duration says everything about a plain period; the RRULE adds the day or weekday.
    rule = None
    if by:
        interval = n * unit.factor if unit.designator == "M" else n
        parts = [f"FREQ={unit.freq}"] + ([f"INTERVAL={interval}"] if interval > 1 else [])
        rule = ";".join(parts + by)
    return _Candidate(m.start(), m.end(), c.entry_id, "recurring", None, duration, rule)


def _candidates(
    compiled: tuple[_Compiled, ...],
    text: str,
    rules: TemporalRules,
    doc_date: date | None,
    start: int,
    end: int,
) -> list[_Candidate]:
    found: list[_Candidate] = []
    folded_text = folded(text, start, end)
    seen: dict[frozenset[str], bool] = {}
    for c in compiled:
        if not may_match(c.prefilter, folded_text, seen):
            continue
        for m in finditer(c.regex, c.prefilter, text, start, end):
            cand: _Candidate | None
            if c.value is not None:
                cand = _value_candidate(c, m, doc_date)
            elif c.relative is not None:
                cand = _relative_candidate(c, m, doc_date)
            elif c.recurrence is not None:
                cand = _recurrence_candidate(c, m, rules.lexicon)
            else:
                cand = _Candidate(m.start(), m.end(), c.entry_id, "urgency")
            if cand is not None and cand.end > cand.start:
                found.append(cand)
    return found


def _select(found: list[_Candidate]) -> list[_Candidate]:
    """Longest match wins; then the earlier one; then the earlier rule.  Non-overlapping.
    The chosen spans are kept sorted, so a candidate is checked against its two neighbours
    only (a bisection: O(k log k) comparisons)."""
    order = sorted(enumerate(found), key=lambda p: (-(p[1].end - p[1].start), p[1].start, p[0]))
    starts: list[int] = []
    chosen: list[_Candidate] = []  # sorted by start, non-overlapping
    for _, cand in order:
        i = bisect.bisect_right(starts, cand.start)
        if i > 0 and chosen[i - 1].end > cand.start:
            continue
        if i < len(chosen) and chosen[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        chosen.insert(i, cand)
    return chosen


def _is_background(cand: _Candidate, doc_date: date | None) -> bool:
    """A date or period with a stated year that ends before the document's date ("Trong năm
    2023, ...", "Cuối năm 2023, cả nước có ..." in a 2024 document) is background, not a
    deadline.  A year-less one never is: its year was chosen to lie ahead (see _year_for)."""
    return (
        doc_date is not None
        and cand.year_stated
        and cand.deadline is not None
        and cand.kind in ("date", "period")
        and cand.deadline < doc_date
    )


def _to_expr(text: str, cand: _Candidate) -> TemporalExpr:
    return TemporalExpr(
        start=cand.start,
        end=cand.end,
        raw=text[cand.start : cand.end],
        rule_id=cand.rule_id,
        kind=cand.kind,
        deadline=cand.deadline,
        recurrence=cand.recurrence,
        recurrence_rule=cand.recurrence_rule,
    )


def _bounds(text: str, start: int, end: int | None) -> tuple[int, int]:
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    return start, max(start, end)


# --------------------------------------------------------------------------- public API


def extract(
    text: str, rules: TemporalRules, doc_date: date | None, start: int = 0, end: int | None = None
) -> list[TemporalExpr]:
    """Temporal expressions of running prose in ``text[start:end]`` (offsets into ``text``),
    sorted by start and non-overlapping.  A deadline needs a trigger here.

    With a document date, a date or period that lies wholly before it is background and is
    dropped (not returned with an empty deadline: an assignment would then record the phrase
    as its deadline and ignore a real one later in the clause); it still occupies its span, so
    no shorter expression inside it is read instead.  A table cell keeps even a past deadline
    (:func:`parse_deadline_cell`): a task table states deadlines, it does not narrate."""
    start, end = _bounds(text, start, end)
    found = _candidates(rules.prose, text, rules, doc_date, start, end)
    exprs = [
        _to_expr(text, c)
        for c in _select(found)
        if not c.blocked and not _is_background(c, doc_date)
    ]
    if doc_date is None:
        exprs = [_year_from_text(text, rules, e) for e in exprs]
    return exprs


_MONTH_IN_RAW_RE = regex.compile(
    r"tháng\s+0?(?P<m>1[0-2]|[1-9])(?!\s*(?:năm|/)\s*\d)|(?<!\d)\d{1,2}\s*[/.\-]\s*0?(?P<m2>1[0-2]|[1-9])(?!\s*[/.\-]?\s*\d)",
    regex.IGNORECASE,
)


# "tháng 6 năm 2017", "tháng 6/2017", "30/6/2017": a month stated with its year, per month.
_STATED_YEAR = {
    month: regex.compile(
        rf"tháng\s+0?{month}\s*(?:năm\s+|/)\s*((?:19|20)\d\d)(?!\d)"
        rf"|(?<!\d)\d{{1,2}}\s*[/.\-]\s*0?{month}\s*[/.\-]\s*((?:19|20)\d\d)(?!\d)",
        regex.IGNORECASE,
    )
    for month in range(1, 13)
}


def _year_from_text(text: str, rules: TemporalRules, expr: TemporalExpr) -> TemporalExpr:
    """A year-less deadline in a text of unknown date takes the year the text itself gives
    that month elsewhere ("nhiệm vụ tháng 6 năm 2017 ... Trong tháng 6, ..."): no guess from
    the document's date, only what the text states; two different years leave it unresolved."""
    if expr.deadline is not None or expr.kind not in ("date", "period"):
        return expr
    m = _MONTH_IN_RAW_RE.search(expr.raw)
    if m is None:
        return expr
    month = int(m.group("m") or m.group("m2"))
    years = {int(y1 or y2) for y1, y2 in _STATED_YEAR[month].findall(text)}
    if len(years) != 1:
        return expr
    proxy = date(years.pop(), 1, 1)
    again = _candidates(rules.prose, text, rules, proxy, expr.start, expr.end)
    for c in _select(again):
        if c.start == expr.start and c.end == expr.end and c.deadline is not None:
            return _to_expr(text, c)
    return expr


def parse_deadline_cell(
    text: str, rules: TemporalRules, doc_date: date | None, start: int, end: int
) -> TemporalExpr | None:
    """The deadline of a table's deadline cell or a field value in ``text[start:end]``:
    bare dates, months, quarters, years and ranges count.  Several dates: the latest one; a
    date and a recurrence ("2026 và hằng năm"): one expression carrying both."""
    start, end = _bounds(text, start, end)
    found = _candidates(rules.cell, text, rules, doc_date, start, end)
    chosen = [c for c in _select(found) if not c.blocked and c.kind != "urgency"]
    dated = [c for c in chosen if c.kind in ("date", "period", "relative")]
    recurring = [c for c in chosen if c.kind == "recurring"]
    if not dated and not recurring:
        return None
    if not dated:
        return _to_expr(text, recurring[0])
    best = max(dated, key=lambda c: (c.deadline or date.min, c.start))
    if recurring:
        rec = recurring[0]
        best = _Candidate(
            min(best.start, rec.start),
            max(best.end, rec.end),
            f"{best.rule_id}+{rec.rule_id}",
            best.kind,
            best.deadline,
            rec.recurrence,
            rec.recurrence_rule,
        )
    return _to_expr(text, best)
