"""Assignments: find directive units first, then fill their slots.

Units are programme items with field lines ("- Đơn vị chủ trì: ..."), agency headings
("Sở X:") and the paragraphs under them, and sentences or ";" clauses that assign a task
("giao Sở X ...", "Sở X chủ trì, phối hợp với Y ..."). Slots come from the spans the
other extractors found: agency mentions, temporal expressions, legal references.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict

from pipeline import nlp, scan, temporal
from pipeline.models import AgencyMention, Assignment, Header, LegalRef, TemporalExpr
from pipeline.rules import RULES_DIR, RuleFileError, read_yaml
from pipeline.scan import Prefilter

# --------------------------------------------------------------------------- rules


class WordList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    words: list[str]
    example: str


class PatternRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    pattern: str
    example: str


class FieldLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lead: str
    coordinate: str
    deadline: str
    example: str


class ClausePatterns(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    patterns: dict[str, list[list[dict[str, Any]]]]
    example: str


class TableLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    number_labels: list[str]
    lead_label: str
    coordinate_label: str
    deadline_labels: list[str]
    ongoing: list[str]
    header_lines: int
    example: str


class TriggerFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assign_verbs: WordList
    assign_not_after: WordList
    petition_verbs: WordList
    task_table: TableLabels
    lead_roles: WordList
    coordinate_roles: WordList
    urgency: WordList
    directive_cues: WordList
    background_cues: WordList
    fields: FieldLabels
    execution_clause: PatternRule
    stop_sections: PatternRule
    recipients: PatternRule
    own_task_verbs: WordList
    directing_verbs: WordList
    heading_lead_in: WordList
    connectors: WordList
    topic_markers: WordList
    purpose_openers: WordList
    speech_verbs: WordList
    assigners: WordList
    narrative_openers: WordList
    clause_patterns: ClausePatterns
    manner: WordList
    anaphora: WordList
    postposed_roles: WordList


def _words_re(
    words: Sequence[str], prefix: str = "", suffix: str = r"(?!\w)"
) -> regex.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)
    body = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return regex.compile(rf"{prefix}(?:{body}){suffix}", regex.IGNORECASE)


def _sentence_re(role_words: Sequence[str]) -> regex.Pattern[str]:
    """Sentence ends, and a capitalised role word inside a line ("... Đề án 06 Chủ trì,
    phối hợp ..."): a directive that lost the full stop before it."""
    roles = "|".join(
        regex.escape(w[0].upper() + w[1:]).replace(r"\ ", r"\s+")
        for w in sorted(set(role_words), key=len, reverse=True)
    )
    return regex.compile(rf"{_SENTENCE_END_RE.pattern}|(?<=[\w)\"])\s+(?=(?:{roles})(?!\w))")


def _not_after(words: Sequence[str]) -> str:
    """A lookbehind refusing a match right after any of ``words`` (whole words)."""
    body = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)
    return rf"(?<!\w)(?<!(?<!\w)(?:{body})\s+)"


_SCANNED = (
    "assign_re",
    "coordinate_re",
    "speech_re",
    "execution_re",
    "cue_search_re",
    "sentence_re",
)


@dataclass(frozen=True)
class TriggerRules:
    assign_re: regex.Pattern[str]
    table: TableLabels
    ongoing_re: regex.Pattern[str]
    petition_re: regex.Pattern[str]
    lead_role_re: regex.Pattern[str]
    coordinate_re: regex.Pattern[str]
    urgency_re: regex.Pattern[str]
    cue_re: regex.Pattern[str]
    cue_search_re: regex.Pattern[str]
    background_re: regex.Pattern[str]
    field_re: regex.Pattern[str]
    lead_field_re: regex.Pattern[str]
    coordinate_field_re: regex.Pattern[str]
    deadline_field_re: regex.Pattern[str]
    execution_re: regex.Pattern[str]
    stop_re: regex.Pattern[str]
    recipients_re: regex.Pattern[str]
    sentence_re: regex.Pattern[str]
    own_task_re: regex.Pattern[str]
    directing_re: regex.Pattern[str]
    heading_lead_in_re: regex.Pattern[str]
    connector_re: regex.Pattern[str]
    topic_re: regex.Pattern[str]
    purpose_re: regex.Pattern[str]
    speech_re: regex.Pattern[str]
    assigners: frozenset[str]
    narrative_re: regex.Pattern[str]
    clause_matcher: nlp.ClauseMatcher
    manner_re: regex.Pattern[str]
    anaphora_re: regex.Pattern[str]
    postposed_re: regex.Pattern[str]
    # The patterns searched for across a clause or more, tried only where they can start.
    prefilters: dict[str, Prefilter] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in _SCANNED:
            self.prefilters[name] = Prefilter.of(getattr(self, name))

    def finditer(self, name: str, text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
        """``<name>.finditer(text, start, end)`` for a pattern of _SCANNED."""
        return scan.finditer(getattr(self, name), self.prefilters[name], text, start, end)

    def search(self, name: str, text: str, start: int, end: int) -> regex.Match[str] | None:
        """``<name>.search(text, start, end)`` for a pattern of _SCANNED."""
        return next(self.finditer(name, text, start, end), None)

    @classmethod
    def load(cls, rules_dir: Path = RULES_DIR) -> TriggerRules:
        path = rules_dir / "triggers.yaml"
        try:
            cfg = TriggerFile.model_validate(read_yaml(path))
            return cls(
                assign_re=_words_re(
                    cfg.assign_verbs.words, prefix=_not_after(cfg.assign_not_after.words)
                ),
                table=cfg.task_table,
                ongoing_re=_words_re(cfg.task_table.ongoing, prefix=r"\G"),
                petition_re=_words_re(cfg.petition_verbs.words, prefix=r"\G"),
                lead_role_re=_words_re(cfg.lead_roles.words, prefix=r"\G[\s,]*"),
                coordinate_re=_words_re(cfg.coordinate_roles.words, prefix=r"(?<!\w)"),
                urgency_re=_words_re(cfg.urgency.words, prefix=r"\G[\s,]*"),
                cue_re=_words_re(cfg.directive_cues.words, prefix=r"\G[\s,]*"),
                cue_search_re=_words_re(cfg.directive_cues.words, prefix=r"(?<!\w)"),
                background_re=_words_re(cfg.background_cues.words, prefix=r"\G[\s,]*"),
                field_re=regex.compile(
                    r"^(?:[-+•*]\s*)?(?P<label>\p{Lu}[^:\n]{1,60}?)\s*:\s*(?P<value>.*)$",
                    regex.DOTALL,
                ),
                lead_field_re=regex.compile(rf"^(?:{cfg.fields.lead})$", regex.IGNORECASE),
                coordinate_field_re=regex.compile(
                    rf"^(?:{cfg.fields.coordinate})$", regex.IGNORECASE
                ),
                deadline_field_re=regex.compile(rf"^(?:{cfg.fields.deadline})$", regex.IGNORECASE),
                # PDF lines break anywhere: a space of the pattern matches any white space.
                execution_re=regex.compile(
                    cfg.execution_clause.pattern.replace(" ", r"\s+"), regex.IGNORECASE
                ),
                stop_re=regex.compile(cfg.stop_sections.pattern),
                recipients_re=regex.compile(cfg.recipients.pattern),
                sentence_re=_sentence_re(cfg.lead_roles.words + cfg.coordinate_roles.words),
                connector_re=_words_re(cfg.connectors.words, prefix=r"\G", suffix=r"(?!\w)[\s,]*"),
                speech_re=_words_re(
                    cfg.speech_verbs.words, prefix=r"(?<!\w)", suffix=r"(?!\w)\s*[,:]\s*"
                ),
                purpose_re=_words_re(cfg.purpose_openers.words, prefix=r"\G"),
                topic_re=_words_re(cfg.topic_markers.words, prefix=r"\G", suffix=r"(?!\w)\s*"),
                assigners=frozenset(cfg.assigners.words),
                narrative_re=_words_re(cfg.narrative_openers.words, prefix=r"\G"),
                clause_matcher=nlp.ClauseMatcher(cfg.clause_patterns.patterns),
                manner_re=_words_re(cfg.manner.words, prefix=r"\G[\s,]*", suffix=r"(?!\w)[\s,]*"),
                anaphora_re=_words_re(cfg.anaphora.words, prefix=r"\G\s*"),
                postposed_re=_words_re(
                    cfg.postposed_roles.words, prefix=r"\G\s*", suffix=r"\s*[.]?\s*$"
                ),
                own_task_re=_words_re(cfg.own_task_verbs.words, prefix=r"\G"),
                directing_re=_words_re(cfg.directing_verbs.words, prefix=r"\G"),
                heading_lead_in_re=_words_re(
                    cfg.heading_lead_in.words, prefix=r"\G", suffix=r"\s+"
                ),
            )
        except (ValueError, regex.error) as exc:
            raise RuleFileError(f"{path}: {exc}") from exc


# --------------------------------------------------------------------------- segmentation

_MARKER_RE = regex.compile(
    r"\G(?:[-+•*▪]\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s*|\d{1,2},\s+(?=\p{Lu})|\(?[a-zđ]\)\s*|[IVX]{1,5}\.\s*)"
)
_NUMBERED_RE = regex.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zđ]\)|[IVX]{1,5}\.)\s")
_PAGE_NUMBER_RE = regex.compile(r"^\s*\d{1,3}\s*$|^CÔNG BÁO/")
_SENTENCE_END_RE = regex.compile(
    r"(?<!\b(?:TP|Tp|TT|ThS|TS|PGS|GS|Th|St|Q|KT|TM|TL|ông|bà))[.!?]+[\"')]*\s+(?=[\"'(\[]?\p{Lu})"
)
_CLAUSE_SEP_RE = regex.compile(r";\s+")
# What a task loses at both ends: whitespace (as the regex module reads \s: Unicode White_Space,
# none above U+3000) and joining punctuation.
_STRIP_TASK = "".join(chr(c) for c in range(0x3001) if regex.match(r"\s", chr(c))) + ",;:.-"
_LINK_WORDS = "và|để|hoàn thành|xong|thực hiện|thời gian|thời hạn|báo cáo kết quả"
_TRAILING_LINK_RE = regex.compile(rf"(?:[\s,;]+(?:{_LINK_WORDS}))+[\s,;:]*$", regex.IGNORECASE)
# The engine tries the pattern above at every white space of a task; a stripped task it can
# change ends with one of the words, which this finds in its last characters.
_LINK_WORD_END_RE = regex.compile(rf"(?:{_LINK_WORDS})$", regex.IGNORECASE)
_LINK_WORD_MAX = max(map(len, _LINK_WORDS.split("|")))
_SPACES_RE = regex.compile(r"\s+")
_SPLIT_ONLY_SPACES = "\x1c\x1d\x1e\x1f"  # white space to str.split, not to regex's \s


def one_space(text: str) -> str:
    """``_SPACES_RE.sub(" ", text)`` for a text that neither starts nor ends with white space;
    by str.split, five times faster, when both read the same characters as white space."""
    if any(ch in text for ch in _SPLIT_ONLY_SPACES):
        return _SPACES_RE.sub(" ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def logical_lines(text: str) -> list[Line]:
    """Paragraphs: hard-wrapped lines joined back, page numbers and blank lines skipped."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped or _PAGE_NUMBER_RE.match(stripped):
            continue
        # The first line is a title: the next line never continues it.
        if out and out[-1].start > 0 and _continues(out[-1].text, stripped):
            prev = out[-1]
            out[-1] = Line(prev.start, end, prev.text + " " + stripped)
        else:
            out.append(Line(start, end, stripped))
    return out


def _continues(prev: str, line: str) -> bool:
    """A wrapped line goes on the previous one: no end punctuation there, no marker here."""
    if prev.endswith((".", ";", ":", "!", "?")) or _MARKER_RE.match(line):
        return False
    if line[0].islower() or line[0] in "\"'(":
        return True
    # A capitalised word after an unfinished line still continues it when that line is long
    # (PDF wrap inside a name: "Văn Miếu -\nQuốc Tử Giám"), not when it is a short title.
    return prev.endswith((",", "-", "và", "của", "về")) or len(prev) > 60


# --------------------------------------------------------------------------- extraction


@dataclass
class Context:
    text: str
    mentions: list[AgencyMention]
    starts: list[int]
    refs: list[LegalRef]
    rules: TriggerRules
    temporal_rules: temporal.TemporalRules
    doc_date: date | None = None
    issuer: str | None = None  # the document's own issuer, canonical
    heading: list[AgencyMention] = field(default_factory=list)
    last_leads: list[AgencyMention] = field(default_factory=list)  # of the sentence before
    recent_leads: list[AgencyMention] = field(default_factory=list)  # of the last directive
    recent_plural_leads: list[AgencyMention] = field(default_factory=list)
    last_was_subject: bool = False  # was that directive's lead its sentence's subject?
    heading_level: int = -1  # outline level of the current heading's line
    in_recipients: bool = False
    _temporals: list[TemporalExpr] | None = None
    _temporal_starts: list[int] = field(default_factory=list)

    def temporals_in(self, start: int, end: int) -> list[TemporalExpr]:
        """Time expressions starting in text[start:end] (the document is read once, when
        the first directive asks: one pass of each pattern beats many short ones)."""
        if self._temporals is None:
            found = temporal.extract(self.text, self.temporal_rules, self.doc_date)
            # A date inside a legal reference is the reference's, never a deadline.
            self._temporals = [
                t for t in found if not any(r.start <= t.start < r.end for r in self.refs)
            ]
            self._temporal_starts = [t.start for t in self._temporals]
        i = bisect.bisect_left(self._temporal_starts, start)
        j = bisect.bisect_left(self._temporal_starts, end)
        return self._temporals[i:j]

    def mentions_in(self, start: int, end: int) -> list[AgencyMention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def mention_at(self, pos: int) -> AgencyMention | None:
        i = bisect.bisect_left(self.starts, pos)
        if i < len(self.mentions) and self.mentions[i].start == pos:
            return self.mentions[i]
        return None


_LIST_SEP_RE = regex.compile(r"\G(?:\s*(?:,|;|và|cùng|cùng với|với)\s*|\s+)", regex.IGNORECASE)
_SKIP_SPACE_RE = regex.compile(r"\G[\s,]*")
_SKIP_BLANK_RE = regex.compile(r"\G\s*")
# An opening adverbial ending with a comma; up to three follow each other ("Trong quá trình
# thực hiện, nếu có khó khăn, vướng mắc, ...").
_FRAMING_RE = regex.compile(r"\G(?:[^\s,;:.]+\s+){0,14}?[^\s,;:.]+\s*,\s*")
_MAX_FRAMINGS = 3


def _after_framing(ctx: Context, body: int, end: int, wanted: Callable[[int], bool]) -> int | None:
    """The first point after one to three opening adverbials, none naming an agency, where
    ``wanted`` holds."""
    pos = body
    for _ in range(_MAX_FRAMINGS):
        m = _FRAMING_RE.match(ctx.text, pos, end)
        if m is None or ctx.mentions_in(pos, m.end()):
            return None
        if wanted(m.end()):
            return m.end()
        pos = m.end()
    return None


_OPEN_QUOTE_RE = regex.compile(r"\G[\"'(\[]\s*")
_TOPIC_END_RE = regex.compile(r"\G\s*,\s*")
_PARTNER_RE = regex.compile(r"\G\s+và\s+(?=\p{Ll})")
_PUNCTUATION_RE = regex.compile(r"[,;:.()]")
_WORDS_RE = regex.compile(r"\p{L}{2,}\s+\p{L}{2,}")
_HEADING_COLON_RE = regex.compile(r"\G\s*(?:có trách nhiệm|chịu trách nhiệm)?\s*:")
# "(TT&TT)", "(cơ quan thường trực)" right after an agency: an aside, not part of the task.
_ABBREVIATION_RE = regex.compile(r"\G\s*\([^()\n]{1,40}\)")
_TRAILING_PARENTHESIS_RE = regex.compile(r"\G\s*\([^()\n]{1,80}\)")
_POSTPOSED_LEAD_RE = regex.compile(r",\s*(?:do\s+)?(?=\S)")
_AFTER_ASSIGN_RE = regex.compile(r"\G\s*(?:cho|đối với)?\s*", regex.IGNORECASE)


def agency_list(
    ctx: Context, pos: int, end: int, commas: bool = True
) -> tuple[list[AgencyMention], int]:
    """Agencies starting at ``pos`` joined by commas/"và": the leads or co-ordinators.
    With ``commas`` False, a comma before the first agency ends the list ("được phân công,
    Cục X báo cáo": the agency is not the object of the verb)."""
    found: list[AgencyMention] = []
    skip = _SKIP_SPACE_RE if commas else _SKIP_BLANK_RE
    cursor = skip.match(ctx.text, pos, end).end()  # type: ignore[union-attr]
    while cursor < end:
        m = ctx.mention_at(cursor)
        if m is None:
            break
        found.append(m)
        after = m.end
        sep = _LIST_SEP_RE.match(ctx.text, after, end)
        if sep is None or sep.end() == after or ctx.mention_at(sep.end()) is None:
            cursor = after
            break
        cursor = sep.end()
    return found, (found[-1].end if found else pos)


def extract(text: str, header: Header, refs: list[LegalRef], rules: object) -> list[Assignment]:
    from pipeline.rules import RuleSet

    assert isinstance(rules, RuleSet)
    mentions = rules.agencies.find(text, default_jurisdiction=header.jurisdiction)
    lines = logical_lines(text)
    ctx = Context(
        text=text,
        mentions=mentions,
        starts=[m.start for m in mentions],
        refs=refs,
        rules=rules.triggers,
        temporal_rules=rules.temporal,
        doc_date=header.issued_date,
        issuer=header.issuer,
    )
    found: list[Assignment] = []
    consumed: set[int] = set()
    tables = _task_tables(ctx, rules)
    for table_start, table_end, rows in tables:
        found.extend(rows)
        consumed.update(i for i, ln in enumerate(lines) if table_start <= ln.start < table_end)
    for item in _programme_items(ctx, lines, rules):
        consumed.update(item.line_indexes)
        found.extend(item.assignments)
    for index, line in enumerate(lines):
        if index in consumed:
            ctx.heading = []
            continue
        if index == 0 and header.doc_kind == "Tin" and _is_headline(ctx, line, len(lines)):
            continue  # a news headline sums up a directive that its body states in full
        found.extend(_line_assignments(ctx, line))
    return _dedupe([a for a in found if a.task])  # a lead with no task assigns nothing


def _is_headline(ctx: Context, line: Line, lines: int) -> bool:
    """A first line that is neither a list item nor an agency heading, above a body."""
    return (
        lines > 1
        and not _MARKER_RE.match(line.text)
        and _heading(ctx, line.start, line.end, numbered=False) is None
    )


def _dedupe(found: list[Assignment]) -> list[Assignment]:
    """One row per directive: the same span twice, or the same directive stated twice (a
    news summary and its body: same lead, one task's words within the other's). The
    statement with a deadline or recurrence, else the longer, is kept."""
    kept: list[Assignment] = []
    spans: set[tuple[int, int, str]] = set()
    by_opening: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for a in sorted(found, key=lambda a: (a.start, a.lead.canonical)):
        key = (a.start, a.end, a.lead.canonical)
        if key in spans:
            continue
        spans.add(key)
        words = _SYLLABLE_RE.findall(a.task.lower())
        bucket = by_opening.setdefault((a.lead.canonical, tuple(words[:_OPENING])), [])
        twin = next((i for i in bucket if _restates(kept[i], words)), None)
        if twin is None:
            bucket.append(len(kept))
            kept.append(a)
        elif _more_informative(a, kept[twin]):
            kept[twin] = a
    return kept


_SYLLABLE_RE = regex.compile(r"\w+")
_OPENING = 5  # restatements open with the same words; only those are compared


def _restates(earlier: Assignment, words: list[str]) -> bool:
    other = _SYLLABLE_RE.findall(earlier.task.lower())
    shorter, longer = sorted((words, other), key=len)
    if len(shorter) < _OPENING:
        return shorter == longer
    inside = set(longer)
    return sum(w in inside for w in shorter) >= 0.9 * len(shorter)


def _more_informative(a: Assignment, b: Assignment) -> bool:
    timed_a = a.deadline is not None or a.recurrence is not None
    timed_b = b.deadline is not None or b.recurrence is not None
    if timed_a != timed_b:
        return timed_a
    return len(a.task) > len(b.task)


# ---- task tables flattened one cell per line


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    text: str  # stripped


def _raw_lines(text: str) -> list[_Raw]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Raw(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _task_tables(ctx: Context, rules: object) -> list[tuple[int, int, list[Assignment]]]:
    """Rows of task tables: (table start, table end, the rows' assignments)."""
    labels = ctx.rules.table
    if not _has_number_label(ctx.text, labels):
        return []
    raw = _raw_lines(ctx.text)
    tables: list[tuple[int, int, list[Assignment]]] = []
    i = 0
    while i < len(raw):
        if not _opens_header(raw[i].text, labels) or not _is_table_header(raw, i, labels):
            i += 1
            continue
        rows, i_end = _table_rows(raw, i + 1, labels)
        found = [a for row in rows for a in _table_row(ctx, rules, raw, row)]
        tables.append((raw[i].start, raw[i_end - 1].end if i_end > i else raw[i].end, found))
        i = max(i_end, i + 1)
    return tables


def _has_number_label(text: str, labels: TableLabels) -> bool:
    """Does a line open with a number label, as ``_opens_header`` reads it?  A table is rare;
    this one look at the text spares cutting every document into lines."""
    low = text.lower()  # line by line or whole, the same: no case rule reaches across "\n"
    for label in labels.number_labels:
        i = low.find(label)
        while i >= 0:
            after = i + len(label)
            line_start = low.rfind("\n", 0, i) + 1
            if not low[line_start:i].strip() and (after == len(low) or low[after].isspace()):
                return True
            i = low.find(label, i + 1)
    return False


def _opens_header(line: str, labels: TableLabels) -> bool:
    """ "TT" alone (cells one a line) or first of the labels on one line (a PDF's text)."""
    words = line.lower().split()
    return bool(words) and words[0] in labels.number_labels


def _is_table_header(raw: list[_Raw], i: int, labels: TableLabels) -> bool:
    head = " ".join(r.text.lower() for r in raw[i : i + 1 + labels.header_lines])
    return labels.lead_label in head and any(d in head for d in labels.deadline_labels)


_WRAPPED_ITEM_RE = regex.compile(r"^-\s*(\p{Ll}.*)$")
_ROW_NUMBER_RE = regex.compile(r"^\d{1,3}$")
# A line ending like this goes on in the next one: an agency there is inside the task cell
# ("... Nghị quyết số 72-NQ/TW của\nBộ Chính trị về ...").
_LINE_GOES_ON_RE = regex.compile(
    r"(?:,|\b(?:của|và|với|cho|về|tại|theo|trình|giao|đối với|các|trong|sau|trước|số))$"
)
_ROW_START_RE = regex.compile(r"^(\d{1,3})\s+(\p{Lu})")
_TABLE_END_RE = regex.compile(r"^(?:Điều \d|Phụ lục|[IVX]{1,5}\.\s|Nơi nhận|TM\.|KT\.)")


def _table_rows(raw: list[_Raw], i: int, labels: TableLabels) -> tuple[list[list[_Raw]], int]:
    """Rows as lists of lines: a row starts at the next number in sequence alone on a line,
    so page numbers and repeated headers between pages do not start or split rows."""
    rows: list[list[_Raw]] = []
    expected = 1
    while i < len(raw):
        line = raw[i]
        if _TABLE_END_RE.match(line.text):
            break
        inline = _ROW_START_RE.match(line.text)
        if _ROW_NUMBER_RE.match(line.text) and int(line.text) == expected:
            rows.append([])
            expected += 1
        elif rows and inline and int(inline.group(1)) == expected:
            # "7  Đề án về chỉ số ..." : the number and the task's first line share a line
            # (a footnote "3 Chương trình số 12-CTr/BCĐ ..." does not: its number is not next)
            offset = inline.start(2)
            rows.append([_Raw(line.start + offset, line.end, line.text[offset:])])
            expected += 1
        elif _opens_header(line.text, labels) and _is_table_header(raw, i, labels):
            i += 1 + _header_length(raw, i + 1, expected)
            continue
        elif rows and not _PAGE_NUMBER_RE.match(line.text):
            rows[-1].append(line)
        i += 1
    return rows, i


def _header_length(raw: list[_Raw], i: int, expected: int) -> int:
    """Lines of a header repeated on a new page, up to the next row's number."""
    n = 0
    while i + n < len(raw) and n < 20:
        line = raw[i + n].text
        inline = _ROW_START_RE.match(line)
        if line == str(expected) or (inline and inline.group(1) == str(expected)):
            break
        n += 1
    return n


def _table_row(ctx: Context, rules: object, raw: list[_Raw], row: list[_Raw]) -> list[Assignment]:
    """Task cell, then the lead cell and the co-ordinators' cell (agencies), then a deadline."""
    first = next(
        (
            k
            for k, ln in enumerate(row)
            if ctx.mention_at(ln.start) and not (k and _LINE_GOES_ON_RE.search(row[k - 1].text))
        ),
        None,
    )
    if not row or first is None or first == 0:
        return []
    cells = _agency_cells(ctx, row[first].start, row[-1].end)
    if not cells:
        return []
    leads, coords = cells[0], (cells[1] if len(cells) > 1 else [])
    area_end = (coords or leads)[-1].end
    task_start, task_end = row[0].start, row[first - 1].end
    basis = next((r.start for r in ctx.refs if area_end <= r.start < row[-1].end), row[-1].end)
    deadline = _row_deadline(
        ctx, rules, [ln for ln in row if area_end <= ln.start and ln.end <= basis]
    )
    out = []
    for lead in _unique(leads):
        a = _build(
            ctx, lead, coords, row[0].start, row[-1].end, task_start, task_end, "assign.table_row"
        )
        if deadline is not None:
            _apply_temporal(a, deadline)
        out.append(a)
    return out


def _agency_cells(ctx: Context, start: int, end: int) -> list[list[AgencyMention]]:
    """Agencies grouped by cell: a mention after only white space from the one before starts
    a new cell ("... thành phố\nBộ Tư pháp"); after ",", "và" it is the same cell."""
    cells: list[list[AgencyMention]] = []
    previous: AgencyMention | None = None
    for m in ctx.mentions_in(start, end):
        gap = ctx.text[previous.end : m.start] if previous else ""
        if previous is not None and not _CELL_LINK_RE.fullmatch(gap):
            if gap.strip():
                break  # another cell with words in it: the agency cells are over
            cells.append([m])
        elif not cells:
            cells.append([m])
        else:
            cells[-1].append(m)
        previous = m
        if len(cells) > 2:
            return cells[:2]
    return cells


_CELL_LINK_RE = regex.compile(r"\s*(?:,|;|và)\s*", regex.IGNORECASE)


def _row_deadline(ctx: Context, rules: object, lines: list[_Raw]) -> TemporalExpr | None:
    """The time column of a row, between its agencies and its legal basis: the first line
    (with the next, for a cell wrapped over two) that reads as a date or period; else a
    recurrence ("Báo cáo hằng năm"); nothing after "Thường xuyên"."""
    recurring: TemporalExpr | None = None
    for k, line in enumerate(lines):
        end = lines[k + 1].end if k + 1 < len(lines) else line.end
        if ctx.rules.ongoing_re.match(ctx.text, line.start, end):
            break
        found = _deadline_cell(ctx, rules, line.start, end)
        if found is not None and found.deadline is not None:
            return found
        recurring = recurring or found
    return recurring


# ---- programme items with field lines


@dataclass
class Item:
    line_indexes: list[int]
    assignments: list[Assignment]


def _programme_items(ctx: Context, lines: list[Line], rules: object) -> Iterator[Item]:
    r = ctx.rules
    i = 0
    while i < len(lines):
        fields, used = _field_run(ctx, lines, i)
        if not fields or not any(r.lead_field_re.match(label) for label, _ in fields):
            i += 1
            continue
        heading_index = _item_heading(lines, i)
        indexes = list(range(i, i + used))
        if heading_index is not None:
            indexes.insert(0, heading_index)
        yield Item(indexes, _item_assignments(ctx, lines, heading_index, fields, rules))
        i += used


def _field_run(ctx: Context, lines: list[Line], i: int) -> tuple[list[tuple[str, Line]], int]:
    """Consecutive field lines starting at ``i`` ("- Đơn vị chủ trì: X"), and how many lines
    they take: a wrapped value whose next line a PDF prefixed with a dash ("- Đơn vị phối
    hợp: Văn phòng Bộ, Vụ Tổ chức\n- cán bộ, Vụ Phổ biến ...") goes on in that field."""
    run: list[tuple[str, Line]] = []
    start = i
    while i < len(lines):
        m = ctx.rules.field_re.match(lines[i].text)
        wrapped = _WRAPPED_ITEM_RE.match(lines[i].text)
        if run and m is None and wrapped:
            label, prev = run[-1]
            run[-1] = (label, Line(prev.start, lines[i].end, f"{prev.text} {wrapped.group(1)}"))
            i += 1
            continue
        if m is None or len(m.group("label").split()) > 7:
            break
        run.append((m.group("label").strip(), lines[i]))
        i += 1
    return run, i - start


def _item_heading(lines: list[Line], first_field: int) -> int | None:
    if first_field == 0:
        return None
    return first_field - 1


def _item_assignments(
    ctx: Context,
    lines: list[Line],
    heading_index: int | None,
    fields: list[tuple[str, Line]],
    rules: object,
) -> list[Assignment]:
    r = ctx.rules
    if heading_index is None:
        return []
    head = lines[heading_index]
    task_start = head.start + _marker_len(ctx.text, head.start)
    leads: list[AgencyMention] = []
    coords: list[AgencyMention] = []
    deadline_expr: TemporalExpr | None = None
    for label, line in fields:
        value_start = _value_start(ctx.text, line)
        if r.lead_field_re.match(label):
            leads_here, coords_here = _lead_field(ctx, value_start, line.end)
            leads.extend(leads_here)
            coords.extend(coords_here)
        elif r.coordinate_field_re.match(label):
            coords.extend(_field_agencies(ctx, value_start, line.end))
        elif r.deadline_field_re.match(label) and deadline_expr is None:
            deadline_expr = _deadline_cell(ctx, rules, value_start, line.end)
    task_end = head.end
    end = fields[-1][1].end
    out = []
    for lead in _unique(leads):
        a = _build(
            ctx, lead, coords, head.start, end, task_start, task_end, "assign.programme_item"
        )
        if deadline_expr is not None:
            _apply_temporal(a, deadline_expr)
        out.append(a)
    return out


def _deadline_cell(ctx: Context, rules: object, start: int, end: int) -> TemporalExpr | None:
    from pipeline.rules import RuleSet

    assert isinstance(rules, RuleSet)
    return temporal.parse_deadline_cell(ctx.text, rules.temporal, ctx.doc_date, start, end)


def _value_start(text: str, line: Line) -> int:
    colon = text.index(":", line.start, line.end)
    return colon + 1


def _lead_field(
    ctx: Context, start: int, end: int
) -> tuple[list[AgencyMention], list[AgencyMention]]:
    """ "X chủ trì, phối hợp với Y" or a plain list of leads."""
    coord = ctx.rules.search("coordinate_re", ctx.text, start, end)
    if coord is None:
        return _field_agencies(ctx, start, end), []
    return _field_agencies(ctx, start, coord.start()), _field_agencies(ctx, coord.end(), end)


def _field_agencies(ctx: Context, start: int, end: int) -> list[AgencyMention]:
    return ctx.mentions_in(start, end)


def _marker_len(text: str, start: int) -> int:
    m = _MARKER_RE.match(text, start)
    return m.end() - start if m else 0


# ---- headings, sentences and clauses


def _line_assignments(ctx: Context, line: Line) -> list[Assignment]:
    r = ctx.rules
    if _in_recipients(ctx, line):
        return []
    body_start = line.start + _marker_len(ctx.text, line.start)
    level = _outline_level(line.text)
    heading = _heading(ctx, body_start, line.end, numbered=level < _ITEM_LEVEL)
    numbered_at_or_above = level < _ITEM_LEVEL and level <= max(ctx.heading_level, 0)
    if heading is None and (r.stop_re.match(line.text) or numbered_at_or_above):
        ctx.heading, ctx.last_leads, ctx.heading_level = [], [], -1
    out: list[Assignment] = []
    if heading is not None:
        leads, colon = heading
        ctx.heading, ctx.last_leads, ctx.heading_level = leads, [], level
        rest_start = colon + 1
        if ctx.text[rest_start : line.end].strip(" .:\n"):
            for lead in leads:
                out.append(
                    _subjectless(ctx, lead, line.start, rest_start, line.end, "assign.heading")
                )
        return out
    leads, after = agency_list(ctx, body_start, line.end)
    if leads and _is_directive_start(ctx, after, line.end):
        ctx.heading = []  # a paragraph with its own subject ends the heading's scope
    first = True
    for s_start, s_end in _sentence_spans(ctx, line):
        out.extend(_sentence(ctx, s_start, s_end, at_paragraph_start=first))
        first = False
    return out


_OUTLINE_RES = (
    regex.compile(r"^[IVX]{1,5}\.\s"),  # I. II. ...
    regex.compile(r"^\(?\d{1,2}[.)]\s"),  # 1. 2)
    regex.compile(r"^\(?\d{1,2}(?:\.\d{1,2})+\.?\s"),  # 2.1.
    regex.compile(r"^\(?[a-zđ]\)\s"),  # a) b)
)
_ITEM_LEVEL = len(_OUTLINE_RES)  # "- ..." items and plain paragraphs


def _outline_level(line: str) -> int:
    """Depth of a numbered line in the document's outline; lower is higher up."""
    for level, pattern in enumerate(_OUTLINE_RES):
        if pattern.match(line):
            return level
    return _ITEM_LEVEL


def _in_recipients(ctx: Context, line: Line) -> bool:
    """The "Nơi nhận:" distribution list: its "- ..." lines are not directives."""
    if ctx.rules.recipients_re.match(line.text):
        ctx.in_recipients = True
        ctx.heading, ctx.last_leads = [], []
        return True
    if ctx.in_recipients and line.text.startswith(("-", "+")):
        return True
    ctx.in_recipients = False
    return False


def _sentence_spans(ctx: Context, line: Line) -> Iterator[tuple[int, int]]:
    cursor = line.start
    for m in ctx.rules.finditer("sentence_re", ctx.text, line.start, line.end):
        end = m.start() + (1 if m.group(0)[0] in ".!?" else 0)
        yield cursor, end
        cursor = m.end()
    if cursor < line.end:
        yield cursor, line.end


def _heading(
    ctx: Context, start: int, end: int, numbered: bool
) -> tuple[list[AgencyMention], int] | None:
    """ "Sở X:" at the start of a paragraph, or a numbered line naming only agencies
    ("3. Sở Du lịch", "4. Đề nghị Ban Tuyên giáo và Dân vận Thành ủy")."""
    lead_in = ctx.rules.heading_lead_in_re.match(ctx.text, start, end)
    start = lead_in.end() if lead_in else start  # "4. Đề nghị Ban X", "- Đối với các Sở, ngành:"
    leads, after = agency_list(ctx, start, end)
    # "Phó Thủ tướng Trịnh Đình Dũng: ..." is a news headline quoting a person, not a heading.
    if not leads or any(lead.kind == "office_holder" for lead in leads):
        return None
    m = _HEADING_COLON_RE.match(ctx.text, after, end)
    if m:
        rest = ctx.text[m.end() : end]
        # "Trung tâm X: 0243.6269.37.23" is a contact line; a heading is followed by words.
        return (leads, m.end() - 1) if not rest.strip() or _WORDS_RE.search(rest) else None
    aside = _TRAILING_PARENTHESIS_RE.match(ctx.text, after, end)  # "Sở Nội vụ (Ban Thi đua ...)"
    rest = ctx.text[aside.end() if aside else after : end]
    if numbered and not rest.strip(" .:"):
        return leads, end - 1
    return None


def _sentence(ctx: Context, start: int, end: int, at_paragraph_start: bool) -> list[Assignment]:
    r = ctx.rules
    if r.search("execution_re", ctx.text, start, end):
        return []
    out: list[Assignment] = []
    previous: list[Assignment] = []
    extend_to: int | None = None  # applied once per directive: clauses may be thousands
    for c_start, c_end in _clauses(ctx.text, start, end):
        made = [] if _is_tail(ctx, c_start, c_end) else _clause(ctx, c_start, c_end)
        if made and previous and _same_directive(made, previous):
            made = []  # ";" joins clauses of one directive: same leads, no new subject
        if made:
            _extend_all(ctx, previous, extend_to)
            out.extend(made)
            previous, extend_to = made, None
            ctx.last_leads = ctx.recent_leads = _unique([a.lead for a in made])
            if len(ctx.recent_leads) > 1 or ctx.recent_leads[0].kind == "group":
                ctx.recent_plural_leads = ctx.recent_leads
            ctx.last_was_subject = made[0].rule_id != "assign.trigger"
        elif previous and not ctx.mentions_in(c_start, c_start + 3):
            extend_to = c_end
    _extend_all(ctx, previous, extend_to)
    if not out:
        ctx.last_leads = []  # continuation reaches only the sentence right after a directive
    return out


def _extend_all(ctx: Context, items: list[Assignment], end: int | None) -> None:
    if end is not None:
        for item in items:
            _extend(ctx, item, end)


_INHERITED_RULES = ("assign.heading_item", "assign.continuation")


def _same_directive(made: list[Assignment], previous: list[Assignment]) -> bool:
    return all(a.rule_id in _INHERITED_RULES for a in made) and {
        a.lead.canonical for a in made
    } == {a.lead.canonical for a in previous}


def _is_tail(ctx: Context, start: int, end: int) -> bool:
    """A clause that only adds timing to the previous one ("; hoàn thành trước ngày 25/3")."""
    words = ctx.text[start:end].split()
    if len(words) < 4:
        return True
    for t in ctx.temporals_in(start, end):
        if t.kind in ("date", "period", "relative"):
            return len(words) <= len(t.raw.split()) + 3
    return False


def _clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """ ";"-separated clauses, not splitting inside parentheses."""
    cursor = start
    for m in _CLAUSE_SEP_RE.finditer(text, start, end):
        if text.count("(", cursor, m.start()) > text.count(")", cursor, m.start()):
            continue
        yield cursor, m.start()
        cursor = m.end()
    yield cursor, end


def _clause(ctx: Context, start: int, end: int) -> list[Assignment]:
    r = ctx.rules
    body = start + _marker_len(ctx.text, start)
    quote = _OPEN_QUOTE_RE.match(ctx.text, body, end)  # '"Bộ Y tế tiếp tục kiểm nghiệm ...'
    body = quote.end() if quote else body
    connector = r.connector_re.match(ctx.text, body, end)
    body = connector.end() if connector else body
    return (
        _fronted(ctx, start, body, end)
        or _reported(ctx, start, body, end)
        or _triggered(ctx, start, body, end)
        or _with_subject(ctx, start, body, end)
        or _postposed(ctx, start, body, end)
        or _without_subject(ctx, start, body, end)
    )


def _reported(ctx: Context, start: int, body: int, end: int) -> list[Assignment]:
    """ "Phó Thủ tướng nêu rõ, Ngân hàng Nhà nước Việt Nam rà soát ...": a directive
    reported after a speech verb, its subject after the comma or colon."""
    r = ctx.rules
    for m in r.finditer("speech_re", ctx.text, body, min(end, body + 200)):
        leads, after = agency_list(ctx, m.end(), end, commas=False)
        if leads and _is_directive_start(ctx, after, end, leads):
            return _directive(ctx, leads, start, end, after, "assign.reported")
    return []


def _fronted(ctx: Context, start: int, body: int, end: int) -> list[Assignment]:
    """ "Đối với Bộ Xây dựng, Phó Thủ tướng yêu cầu tăng cường ...": the agencies named as the
    topic receive the task of an assigning verb that names none after it."""
    r = ctx.rules
    topic = r.topic_re.match(ctx.text, body, end)
    if topic is None:
        return []
    leads, after = agency_list(ctx, topic.end(), end, commas=False)
    for i, lead in enumerate(leads):
        if i and (lead.kind == "office_holder" or lead.canonical in r.assigners):
            leads, after = leads[:i], leads[i - 1].end  # the assigner after the comma
            break
    comma = _TOPIC_END_RE.match(ctx.text, after, end) if leads else None
    if comma is None:
        return []
    verb = r.search("assign_re", ctx.text, comma.end(), min(end, comma.end() + 120))
    if verb is None or ctx.mention_at(_skip(ctx, verb.end(), end)) is not None:
        return []
    return _directive(ctx, leads, start, end, verb.end(), "assign.topic")


def _triggered(ctx: Context, start: int, body: int, end: int) -> list[Assignment]:
    """ "giao|yêu cầu|đề nghị <agencies> ..."; under a heading, a clause that opens with
    "chỉ đạo X ..." is the heading agency's own task, not an assignment to X."""
    r = ctx.rules
    out: list[Assignment] = []
    for m in r.finditer("assign_re", ctx.text, body, end):
        # "Chỉ đạo X ..." opening a clause is the task of the heading's agency or of the lead
        # of the sentence before; "Yêu cầu Y ..." is too after "X <verb> ...", but after
        # "giao X ..." it is the issuer assigning to Y.
        own_verb = r.own_task_re.match(ctx.text, m.start(), end)
        directing = r.directing_re.match(ctx.text, m.start(), end)
        context = ctx.heading or (ctx.last_leads if ctx.last_was_subject or directing else [])
        if context and own_verb and _adverbs_only(ctx.text, body, m.start()):
            continue
        if out and m.start() < out[-1].end:
            continue  # inside the task of the directive before ("tiếp tục chỉ đạo các địa phương")
        if r.petition_re.match(ctx.text, m.start(), end) and _to_own_authority(ctx, m.end(), end):
            break  # "Đề nghị UBND tỉnh chỉ đạo Sở X ...": a request to the issuing authority
        if r.own_task_re.match(ctx.text, m.start(), end) and _subject_directs(ctx, body, m.start()):
            continue  # "Bộ Công an, Bộ Y tế chỉ đạo các đơn vị ...": the ministries' own task
        cursor = _AFTER_ASSIGN_RE.match(ctx.text, m.end(), end)
        pos = cursor.end() if cursor else m.end()
        leads, after = agency_list(ctx, pos, end, commas=False)
        if leads and _no_background(ctx, after, end):
            leads, after = _resolve_anaphora(ctx, leads, after, end)
            stop = _next_trigger(ctx, after, end)
            # Time before the verb frames the task ("Trong quý I, UBND tỉnh giao ..."), but
            # not in a purpose clause ("Để ... trong năm 2018, Thủ tướng yêu cầu ...").
            framed = not out and not r.purpose_re.match(ctx.text, body, end)
            time_from = start if framed else m.start()
            out.extend(_directive(ctx, leads, start, stop, after, "assign.trigger", time_from))
    return out


def _to_own_authority(ctx: Context, pos: int, end: int) -> bool:
    """Is the request addressed only to bodies that issue directives in this jurisdiction?"""
    leads, _ = agency_list(ctx, pos, end, commas=False)
    return bool(leads) and all(lead.canonical in ctx.rules.assigners for lead in leads)


def _subject_directs(ctx: Context, body: int, verb: int) -> bool:
    """Do agencies that are not issuers of directives stand right before ``verb``?"""
    leads, after = agency_list(ctx, body, verb)
    if not leads or not _adverbs_only(ctx.text, after, verb):
        return False
    return not any(lead.canonical in ctx.rules.assigners for lead in leads)


def _adverbs_only(text: str, start: int, end: int, most: int = 2) -> bool:
    """At most ``most`` words and no punctuation between two points ("tiếp tục chỉ đạo")."""
    between = text[start:end]
    return len(between.split()) <= most and not _PUNCTUATION_RE.search(between)


def _resolve_anaphora(
    ctx: Context, leads: list[AgencyMention], after: int, end: int
) -> tuple[list[AgencyMention], int]:
    """ "các đơn vị nêu trên" stands for the leads of the directive before: a plural group
    for the last directive given to several agencies or to a group."""
    m = ctx.rules.anaphora_re.match(ctx.text, after, end)
    antecedent = ctx.recent_plural_leads or ctx.recent_leads
    if m is None or not antecedent or leads[-1].kind != "group":
        return leads, after
    # "các đơn vị nêu trên và người đại diện phần vốn ... xây dựng ...": the antecedent's
    # leads; the other party, not an agency of the gazetteer, is passed over up to the verb.
    partner = _PARTNER_RE.match(ctx.text, m.end(), end)
    if partner is not None:
        cue = ctx.rules.search("cue_search_re", ctx.text, partner.end(), min(end, m.end() + 120))
        if cue is not None:
            return leads[:-1] + antecedent, cue.start()
    return leads[:-1] + antecedent, m.end()


def _with_subject(ctx: Context, start: int, body: int, end: int) -> list[Assignment]:
    """ "<agencies> chủ trì|tham mưu|khẩn trương ..." at the start of the clause."""
    leads, after = agency_list(ctx, body, end)
    if not leads:
        # "Định kỳ trước ngày 15 tháng 12 hằng năm, UBND các tỉnh có trách nhiệm ...": the
        # subject after an opening adverbial that names no agency.
        if ctx.rules.narrative_re.match(ctx.text, body, end):
            return []
        subject = _after_framing(
            ctx, body, end, lambda p: ctx.mention_at(_skip(ctx, p, end)) is not None
        )
        if subject is None:
            return []
        leads, after = agency_list(ctx, subject, end)
    if not leads:
        return []
    leads, after = _resolve_anaphora(ctx, leads, after, end)
    if _is_directive_start(ctx, after, end, leads):
        return _directive(ctx, leads, start, end, after, "assign.subject")
    return []


def _postposed(ctx: Context, start: int, body: int, end: int) -> list[Assignment]:
    """ "<task>, do Cục X chủ trì." — the lead named after the task."""
    for m in _POSTPOSED_LEAD_RE.finditer(ctx.text, body, end):
        leads, after = agency_list(ctx, m.end(), end)
        if leads and ctx.rules.postposed_re.match(ctx.text, after, end):
            task_end = m.start()
            return [
                _build(ctx, lead, [], start, end, body, task_end, "assign.postposed")
                for lead in _unique(leads)
            ]
    return []


def _without_subject(ctx: Context, start: int, body: int, end: int) -> list[Assignment]:
    r = ctx.rules
    if ctx.mentions_in(body, body + 2) or r.background_re.match(ctx.text, body, end):
        return []
    # a task under an agency heading: it opens with a role word or a verb, maybe after an
    # opening adverbial ("Hàng năm, phối hợp với ... báo cáo ...")
    if ctx.heading and not _opens_task(ctx, body, end):
        opened = _after_framing(ctx, body, end, lambda p: _opens_task(ctx, p, end))
        body = opened if opened is not None else body
    if ctx.heading and _opens_task(ctx, body, end):
        return [
            _subjectless(ctx, lead, start, body, end, "assign.heading_item") for lead in ctx.heading
        ]
    # a sentence with no subject right after a directive continues its leads
    after_urgency = r.urgency_re.match(ctx.text, body, end)
    verb = after_urgency.end() if after_urgency else body  # "Đồng thời kịp thời phát hiện ..."
    if ctx.last_leads and (
        r.lead_role_re.match(ctx.text, body, end)
        or r.coordinate_re.match(ctx.text, body, end)
        or r.cue_re.match(ctx.text, verb, end)
        or r.directing_re.match(ctx.text, body, end)
        or (ctx.last_was_subject and r.own_task_re.match(ctx.text, body, end))
    ):
        return [
            _subjectless(ctx, lead, start, body, end, "assign.continuation")
            for lead in ctx.last_leads
        ]
    return []


def _opens_task(ctx: Context, pos: int, end: int) -> bool:
    r = ctx.rules
    return bool(
        r.lead_role_re.match(ctx.text, pos, end)
        or r.coordinate_re.match(ctx.text, pos, end)
        or r.urgency_re.match(ctx.text, pos, end)
        or r.cue_re.match(ctx.text, pos, end)
        or r.clause_matcher.opens_with(ctx.text, pos, end, "opens_task")
    )


def _no_background(ctx: Context, pos: int, end: int) -> bool:
    return not _is_background(ctx, pos, end)


def _is_assigner(ctx: Context, lead: AgencyMention) -> bool:
    """A body that issues directives (rules), or the issuer of this very document: as a
    subject it gives tasks to others; only a role phrase ("chủ trì") makes it a lead."""
    return lead.canonical in ctx.rules.assigners or (
        ctx.issuer is not None and lead.canonical == ctx.issuer
    )


def _is_background(ctx: Context, pos: int, end: int) -> bool:
    """Background words after a subject ("đã", "có"), unless a role phrase or a longer cue
    starts there ("có trách nhiệm", "có văn bản hướng dẫn")."""
    r = ctx.rules
    if r.lead_role_re.match(ctx.text, pos, end):
        return False
    background = r.background_re.match(ctx.text, pos, end)
    if background is None:
        return False
    cue = r.cue_re.match(ctx.text, pos, end)
    return cue is None or len(cue.group()) <= len(background.group())


def _is_directive_start(
    ctx: Context, pos: int, end: int, leads: Sequence[AgencyMention] = ()
) -> bool:
    r = ctx.rules
    if r.lead_role_re.match(ctx.text, pos, end):
        return True  # "là cơ quan đầu mối", "có trách nhiệm" before "là", "có" as background
    if any(_is_assigner(ctx, lead) for lead in leads):
        return False  # "Thủ tướng Chính phủ chỉ đạo việc ...", "Bộ Tài chính hướng dẫn ..."
    if _is_background(ctx, pos, end):
        return False
    if r.cue_re.match(ctx.text, pos, end) or r.coordinate_re.match(
        ctx.text, _skip(ctx, pos, end), end
    ):
        return True
    # Beyond the lexicon, a verb right after the subject makes a directive ("Sở Du lịch
    # quảng bá ..."); POS tagging runs on these few words only.
    return r.clause_matcher.opens_with(ctx.text, _skip(ctx, pos, end), end, "opens_task")


def _skip(ctx: Context, pos: int, end: int) -> int:
    m = _SKIP_SPACE_RE.match(ctx.text, pos, end)
    return m.end() if m else pos


def _next_trigger(ctx: Context, pos: int, end: int) -> int:
    """Where another directive starts in the clause: a later assigning verb with agencies of
    its own, not one that heads this task ("yêu cầu Bộ X tiếp tục chỉ đạo các địa phương")."""
    task_head = _skip_roles(ctx, pos, end, [])
    for m in ctx.rules.finditer("assign_re", ctx.text, task_head, end):
        if _adverbs_only(ctx.text, task_head, m.start()):
            continue
        cursor = _skip(ctx, m.end(), end)
        if ctx.mention_at(cursor):
            return m.start()
    return end


def _directive(
    ctx: Context,
    leads: list[AgencyMention],
    start: int,
    end: int,
    after: int,
    rule_id: str,
    time_from: int | None = None,
) -> list[Assignment]:
    coords: list[AgencyMention] = []
    task_start = _skip_roles(ctx, after, end, coords)
    return [
        _build(ctx, lead, coords, start, end, task_start, end, rule_id, time_from)
        for lead in _unique(leads)
    ]


def _skip_roles(ctx: Context, pos: int, end: int, coords: list[AgencyMention]) -> int:
    """Skip "chủ trì, phối hợp với X, Y" and urgency words; collect X, Y as co-ordinators."""
    r = ctx.rules
    while True:
        m = (
            r.lead_role_re.match(ctx.text, pos, end)
            or r.urgency_re.match(ctx.text, pos, end)
            or r.manner_re.match(ctx.text, pos, end)
            or _ABBREVIATION_RE.match(ctx.text, pos, end)
        )
        if m:
            pos = m.end()
            continue
        at = _skip(ctx, pos, end)
        c = r.coordinate_re.match(ctx.text, at, end)
        if c:
            found, after = agency_list(ctx, c.end(), end)
            if found:
                coords.extend(found)
                pos = after
                continue
        return _skip(ctx, pos, end)


def _subjectless(
    ctx: Context, lead: AgencyMention, start: int, body: int, end: int, rule_id: str
) -> Assignment:
    coords: list[AgencyMention] = []
    task_start = _skip_roles(ctx, body, end, coords)
    return _build(ctx, lead, coords, start, end, task_start, end, rule_id)


def _build(
    ctx: Context,
    lead: AgencyMention,
    coords: list[AgencyMention],
    start: int,
    end: int,
    task_start: int,
    task_end: int,
    rule_id: str,
    time_from: int | None = None,
) -> Assignment:
    all_coords = list(coords) + _later_coordinators(ctx, task_start, end)
    a = Assignment(
        lead=lead,
        coordinators=_unique([c for c in all_coords if c.canonical != lead.canonical]),
        task="",
        task_start=task_start,
        task_end=task_end,
        start=start,
        end=end,
        rule_id=rule_id,
    )
    _attach_time(ctx, a, start if time_from is None else time_from, end)
    _set_task(ctx, a)
    a.ref_indexes = [i for i, r in enumerate(ctx.refs) if start <= r.start < end]
    return a


def _later_coordinators(ctx: Context, start: int, end: int) -> list[AgencyMention]:
    out: list[AgencyMention] = []
    for m in ctx.rules.finditer("coordinate_re", ctx.text, start, end):
        found, _ = agency_list(ctx, m.end(), end)
        out.extend(found)
    return out


def _attach_time(ctx: Context, a: Assignment, start: int, end: int) -> None:
    """Time expressions from ``start`` (the clause, or this directive's own trigger when
    another directive comes before it in the clause) to ``end``."""
    for t in ctx.temporals_in(start, end):
        if t.kind == "urgency":
            a.urgent = True
            continue
        if t.kind in ("date", "period", "relative") and a.deadline_raw is None:
            _apply_temporal(a, t)
            # The task ends before a deadline that closes it ("...; hoàn thành trước ngày
            # 25/3/2024."), not before one in its middle ("để cơ bản thực hiện trong năm
            # 2018 đối với toàn bộ ...").
            if t.start > a.task_start and len(ctx.text[t.end : a.task_end].split()) <= 4:
                a.task_end = min(a.task_end, t.start)
        elif t.kind == "recurring" and a.recurrence is None:
            _apply_temporal(a, t)


def _apply_temporal(a: Assignment, t: TemporalExpr) -> None:
    if t.kind == "recurring":
        a.recurrence = t.recurrence
        a.recurrence_rule = t.recurrence_rule
        a.recurrence_start, a.recurrence_end = t.start, t.end
        if a.deadline_raw is None:
            a.deadline_kind = "recurring"
        return
    if t.kind == "urgency":
        a.urgent = True
        return
    a.deadline = t.deadline
    a.deadline_raw = t.raw
    a.deadline_kind = t.kind
    a.deadline_start, a.deadline_end = t.start, t.end
    if t.recurrence:
        a.recurrence = t.recurrence
        a.recurrence_rule = t.recurrence_rule
        a.recurrence_start, a.recurrence_end = t.start, t.end


def _set_task(ctx: Context, a: Assignment) -> None:
    raw = ctx.text[a.task_start : a.task_end].strip(_STRIP_TASK)
    if _LINK_WORD_END_RE.search(raw, max(0, len(raw) - _LINK_WORD_MAX)):
        raw = _TRAILING_LINK_RE.sub("", raw)
    a.task = one_space(raw.strip(_STRIP_TASK))


def _extend(ctx: Context, item: Assignment, end: int) -> None:
    """A following ";" clause with no subject of its own belongs to the same directive."""
    item.end = end
    if item.deadline_raw is None:
        item.task_end = end
        _attach_time(ctx, item, item.start, end)
    _set_task(ctx, item)
    item.ref_indexes = [i for i, r in enumerate(ctx.refs) if item.start <= r.start < end]


def _unique(mentions: list[AgencyMention]) -> list[AgencyMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.canonical not in seen:
            seen.add(m.canonical)
            out.append(m)
    return out
