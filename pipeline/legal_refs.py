"""Legal references: mentions of other documents, by số hiệu or by name.

"Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 của Chính phủ" gives one ``LegalRef`` (kind,
canonical number, date, issuer); "Thông tư số 03/2020/TT-BTTTT, 04/2020/TT-BTTTT ngày
24/02/2020" gives two that share kind and date; "Luật Đầu tư công" and "Đề án 06" are
references by name (number None, title set).

How it works, in order:
1. every số hiệu in the text is found by one linear pattern (``_Patterns.number``);
2. each number takes its kind from the kind phrase right before it ("Nghị định số"), or from
   the list it continues (", 04/2020/..."; "; số 875/..."), or from the type code inside it;
3. its date is the "ngày ..." right after it, else the date a later item of the same list
   shares, else the date of the clause that issues it ("Ngày 20/11/2023, VPCP ban hành ...");
4. references by name are read from kind words ("Luật", "Bộ luật", "Pháp lệnh") followed by a
   title, and short forms ("Nghị định 67", "Chỉ thị số 12, 23");
5. the document's own number ("Số: 173/QĐ-BTP" at a line start) is never a reference, and a
   by-name mention of a document also cited by number in the same text gets that number.

Every pattern is compiled once in ``LegalRules.load``; none has nested unbounded repetition,
so matching time stays linear on any input.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from pipeline.dates import DATE_PATTERN, date_from_match
from pipeline.models import LegalRef
from pipeline.rules import RuleFileError, read_csv, read_yaml
from pipeline.scan import Prefilter, finditer

KINDS_FILE = "kinds.yaml"
ISSUERS_FILE = "issuers.csv"

SPEC_KINDS = (
    "Luật",
    "Bộ luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Thông tư liên tịch",
    "Công văn",
    "Công điện",
    "Thông báo",
    "Kết luận",
    "Kế hoạch",
    "Tờ trình",
    "Báo cáo",
    "Hướng dẫn",
    "Đề án",
    "Chương trình",
    "Văn bản",
)
GENERIC_KIND = "Văn bản"

# Letters PDF extraction or careless typing puts in place of Latin ones in a số hiệu.
_LOOKALIKES = str.maketrans(
    "АВСЕНІЈКМОРТХУаеорсух" + "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "ABCEHIJKMOPTXYaeopcyx" + "ABEHIKMNOPTXYZ",
)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"})

# Whitespace inside a number or phrase: PDF text may break a line or add stray spaces there.
_S = r"[ \t]{0,3}(?:\n[ \t]{0,3})?"
# Before a separator only spaces: a line that starts with "- " is a bullet, not a code's tail.
_SB = r"[ \t]{0,3}"
# One segment of a code: "NĐ", "UBND", "TTg", "CTr", "QH15"; a run of capitals may be glued
# to the next word ("67/CPvừa"), a single capital may not ("Số 271/Ngày" is a page header).
_SEG = r"(?:\p{Lu}[\p{Lu}&]+\d*(?:\p{Ll}(?!\p{L}))?(?![\p{Lu}\d])|\p{Lu}\p{Ll}?(?![\p{L}\d]))"
_CODE = rf"{_SEG}(?:{_SB}[\-/]{_S}{_SEG}){{0,5}}"
# "73/2019/NĐ-CP", "8107/UBND-NCKS", "02-NQ/TW", "19-2017/NQ-CP", "30c/NQ-CP", "1249a/CTPH-...".
_NUMBER = (
    rf"(?<![\p{{L}}\d/.:\-])(?P<num>\d{{1,5}}[a-zđ]?(?:{_SB}[/\-]{_S}(?:19|20)\d\d)?{_SB}[/\-]{_S}"
    rf"{_CODE})"
)
_SO = r"(?:số|so)"
_WINDOW = 400  # longest stretch a pattern anchored at one position may read
_CODE_SPLIT = regex.compile(r"[/\-]")
_ORDINAL = regex.compile(r"\d+[a-z]?")
_LIST_SEP = regex.compile(r"\s*(?:,|và)\s*")
_NUMBER_YEAR = regex.compile(r"\d+[a-zđ]?[/\-](?P<year>(?:19|20)\d\d)(?!\d)")
_REST_IS_BLANK = regex.compile(r"\s*")
_TRAILING_YEAR = regex.compile(r"\s+năm\s+\d{4}$")  # "so" is a frequent typing slip for "số"


class KindsFile(BaseModel):
    """Schema of rules/kinds.yaml."""

    model_config = ConfigDict(extra="forbid")

    kinds: dict[str, list[str]]
    false_friends: list[str] = []
    type_codes: dict[str, str]
    term_numbered_codes: list[str] = []
    by_name_kinds: list[str]
    amending_prefix: str
    title_stop_words: list[str]
    title_not_start: list[str]
    title_may_start: list[str] = []
    title_unit_words: list[str] = []
    title_inner_commas: list[str] = []
    title_comma_closers: list[str] = []
    count_units: list[str] = []
    counted_nouns: list[str] = []
    draft_markers: list[str] = []
    issuer_office_holders: list[str] = []
    issuer_locality_words: list[str] = []

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for kind, variants in value.items():
            if kind not in SPEC_KINDS:
                raise ValueError(f"kind {kind!r} is not one of SPEC's kinds")
            if not variants or not all(isinstance(v, str) and v.strip() for v in variants):
                raise ValueError(f"kind {kind!r} needs at least one non-empty spelling")
        return value

    @model_validator(mode="after")
    def _references_resolve(self) -> KindsFile:
        for code, kind in self.type_codes.items():
            if kind not in self.kinds:
                raise ValueError(f"type_codes[{code!r}] = {kind!r} is not a kind in 'kinds'")
        for kind in self.by_name_kinds:
            if kind not in self.kinds:
                raise ValueError(f"by_name_kinds: {kind!r} is not a kind in 'kinds'")
        return self


class IssuerRow(BaseModel):
    """One row of rules/issuers.csv: a code found in a số hiệu and who issues with it."""

    model_config = ConfigDict(extra="forbid")

    code: str
    issuer: str
    example: str

    @field_validator("code", "issuer", "example")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @model_validator(mode="after")
    def _example_shows_code(self) -> IssuerRow:
        if self.code not in self.example:
            raise ValueError(f"example {self.example!r} does not contain code {self.code!r}")
        return self


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_LOOKALIKES).translate(_DASHES)


def canonical_number(raw: str) -> str:
    """ "73 / 2019/NĐ - CP" -> "73/2019/NĐ-CP": ASCII digits, no spaces, one dash; letters kept."""
    return unicodedata.normalize("NFC", raw).translate(_DASHES).translate(_NUMBER_CHARS)


class _NumberChars(dict[int, str | int | None]):
    """``str.translate`` table of a number's characters, filled as they are met: white space
    dropped, any digit ("０", "²") as its ASCII digit, the rest kept."""

    def __missing__(self, code: int) -> str | int | None:
        ch = chr(code)
        value: str | int | None = code
        if ch.isspace():
            value = None
        elif ch.isdigit():
            value = str(unicodedata.digit(ch))
        self[code] = value
        return value


_NUMBER_CHARS = _NumberChars()


def number_key(number: str) -> str:
    """Comparison key of a number: upper case, Đ->D, look-alike letters folded, no spaces."""
    return _fold(canonical_number(number)).upper().replace("Đ", "D")


def _phrase_pattern(phrase: str) -> str:
    """A phrase as a pattern whose syllables may be separated by any whitespace run."""
    return r"\s+".join(regex.escape(word) for word in phrase.split())


def _key(phrase: str) -> str:
    return " ".join(unicodedata.normalize("NFC", phrase).split()).lower()


def _at(pattern: regex.Pattern[str], text: str, pos: int) -> regex.Match[str] | None:
    """``pattern.match`` at ``pos`` within a bounded window.

    Bounding the window keeps each call's cost independent of the text's length (the regex
    engine may otherwise scan the whole rest of the text for a required literal).
    """
    return pattern.match(text, pos, pos + _WINDOW)


def _is_upper_initial(word: str) -> bool:
    return bool(word) and word[0].isupper()


@dataclass(frozen=True)
class _Patterns:
    number: regex.Pattern[str]
    kind: regex.Pattern[str]
    false_friend: regex.Pattern[str]
    header: regex.Pattern[str]
    gap: regex.Pattern[str]
    continuation: regex.Pattern[str]
    date_after: regex.Pattern[str]
    issuing_clause: regex.Pattern[str]
    short_form: regex.Pattern[str]
    short_list_item: regex.Pattern[str]
    word: regex.Pattern[str]
    amending: regex.Pattern[str]
    amended_also: regex.Pattern[str]
    revised_suffix: regex.Pattern[str]
    name_list_colon: regex.Pattern[str]
    draft_before: regex.Pattern[str]
    of_agency: regex.Pattern[str]
    locality: regex.Pattern[str]
    inner_comma: regex.Pattern[str]
    comma: regex.Pattern[str]
    comma_closer: regex.Pattern[str]
    unit_word: regex.Pattern[str]
    counted_item: regex.Pattern[str]
    code_digits: regex.Pattern[str]


def _compile(spec: KindsFile) -> _Patterns:
    variants = sorted(
        {v for spellings in spec.kinds.values() for v in spellings}, key=len, reverse=True
    )
    kind_alt = "|".join(_phrase_pattern(v) for v in variants)
    by_name_variants = sorted(
        {v for k in spec.by_name_kinds for v in spec.kinds[k]}, key=len, reverse=True
    )
    by_name_alt = "|".join(_phrase_pattern(v) for v in by_name_variants)
    friends = "|".join(
        _phrase_pattern(f) for f in sorted(spec.false_friends, key=len, reverse=True)
    )
    drafts = "|".join(_phrase_pattern(d) for d in spec.draft_markers) or r"(?!)"
    count = _count_pattern(spec.count_units, spec.counted_nouns)
    # What may follow a bare ordinal: not a letter, a code, a decimal or a counted noun.
    ordinal_tail = rf"(?![\p{{L}}\d/\-]|[.,]\d|{count})"
    units = "|".join(_phrase_pattern(u) for u in spec.title_unit_words) or r"(?!)"
    holders = "|".join(_phrase_pattern(h) for h in spec.issuer_office_holders) or r"(?!)"
    localities = "|".join(_phrase_pattern(w) for w in spec.issuer_locality_words) or r"(?!)"
    ic = regex.IGNORECASE
    return _Patterns(
        number=regex.compile(_NUMBER),
        kind=regex.compile(rf"(?<![\p{{L}}\d])(?:{kind_alt})(?![\p{{L}}\d])", ic),
        false_friend=regex.compile(rf"(?:{friends or '(?!)'})(?![\p{{L}}\d])", ic),
        header=regex.compile(rf"^[ \t]*Số[ \t]*:[ \t]*{_NUMBER}", regex.MULTILINE),
        # Between a kind word and its number: an optional name, then "số" ("Luật Đất đai số").
        gap=regex.compile(rf"(?P<name>[\p{{L}}\s,\-]{{0,160}}?)\s*(?:{_SO}\s*:?)?\s*", ic),
        # Between one list item and the next: "của <issuer>", then ",", ";", "và", "số".
        continuation=regex.compile(
            rf"(?:\s*của\s+[\p{{L}}\s\-]{{1,60}}?)?\s*(?:[,;]\s*(?:và\s+|hoặc\s+)?|\s+và\s+|"
            rf"\s+hoặc\s+)(?:các\s+)?(?:{_SO}\s*)?",
            ic,
        ),
        date_after=regex.compile(
            rf"[ \t]*,?\s{{0,3}}(?:(?:do|của)\s+[\p{{L}}\s]{{1,60}}?\s+ban\s+hành\s+)?ngày\s+"
            rf"{DATE_PATTERN}(?![\d/])",
            ic,
        ),
        issuing_clause=regex.compile(
            rf"(?<![\p{{L}}\d])Ngày\s+{DATE_PATTERN}\s*,\s*[^.;\n\d]{{1,120}}?\s"
            rf"(?:ban\s+hành|ký|có)\s*$"
        ),
        short_form=regex.compile(
            rf"(?<![\p{{L}}\d])(?P<kind>{kind_alt})\s+(?P<so>{_SO}\s+)?(?P<n>\d{{1,4}}[a-z]?)"
            rf"{ordinal_tail}",
            ic,
        ),
        short_list_item=regex.compile(rf"\s*(?:,|và)\s*(?P<n>\d{{1,4}}[a-z]?){ordinal_tail}"),
        # "Báo cáo 6 và 9 tháng": the list ends in a counted noun, so every number counts.
        counted_item=regex.compile(rf"\s*(?:,|và)\s*\d{{1,4}}[a-z]?(?={count})"),
        word=regex.compile(r"(?P<sp>[ \t]*\n?[ \t]*)(?P<w>\p{L}[\p{L}\d]*|\d+(?:-\d+)?)"),
        amending=regex.compile(
            rf"\s+{_phrase_pattern(spec.amending_prefix)}\s+(?:các\s+)?(?:{by_name_alt}|\d+\s+luật)"
            rf"(?![\p{{L}}\d])",
            ic,
        ),
        amended_also=regex.compile(rf"\s+và\s+(?:{by_name_alt})(?![\p{{L}}\d])"),
        revised_suffix=regex.compile(r"[ \t]*\(sửa đổi(?:,\s*bổ sung)?\)", ic),
        name_list_colon=regex.compile(r"[ \t]*:[ \t]*"),
        draft_before=regex.compile(rf"(?:{drafts})\s+(?:các\s+)?$", ic),
        # "của Bộ trưởng Bộ Tài chính": the office holder stands for the body. "của" may
        # start the next line ("Nghị quyết số 80-NQ/TW\ncủa Bộ Chính trị").
        of_agency=regex.compile(
            rf"[ \t]*,?{_S}của(?>(?:\s+(?:{holders})(?=\s+\p{{Lu}}))?)(?=\s+\p{{Lu}})"
        ),
        locality=regex.compile(rf"(?:{localities})(?![\p{{L}}\d])", ic),
        code_digits=regex.compile(r"^(?P<letters>\p{L}+)(?P<digits>\d+)$"),
        inner_comma=regex.compile(_inner_comma_pattern(spec.title_inner_commas), ic),
        comma=regex.compile(r"[ \t]*,"),
        comma_closer=regex.compile(_closer_pattern(spec.title_comma_closers)),
        unit_word=regex.compile(rf"(?:{units})(?![\p{{L}}])"),
    )


def _count_pattern(units: list[str], nouns: list[str]) -> str:
    """Words after a number that make it a count: "5 năm", "2 giai đoạn" (not "giai đoạn 2021")."""

    def alt(words: list[str]) -> str:
        return "|".join(_phrase_pattern(w) for w in words) or r"(?!)"

    year = r"\s+(?:19|20)\d\d(?!\d)"
    return (
        rf"\s*(?:{alt([u for u in units if not u[0].isalpha()])})"
        rf"|\s+(?:{alt([u for u in units if u[0].isalpha()])})(?![\p{{L}}\d])"
        rf"|\s+(?:{alt(nouns)})(?![\p{{L}}\d])(?!{year})"
    )


def _closer_pattern(closers: list[str]) -> str:
    """What may close a by-name title right after a comma's continuation ("..., công chức ngày")."""
    alts = []
    for closer in closers:
        if closer[:1].isalpha():
            alts.append(rf"\s+{_phrase_pattern(closer)}(?![\p{{L}}\d])")
        else:
            alts.append(rf"[ \t]*{regex.escape(closer)}(?!\d)")
    return "|".join(alts) or r"(?!)"


def _inner_comma_pattern(pairs: list[str]) -> str:
    """A comma that stays inside a title: "phòng, chống" in "Luật Phòng, chống tham nhũng"."""
    alts = []
    for pair in pairs:
        left, _, right = pair.partition(",")
        alts.append(
            rf"(?<=(?<!\p{{L}}){_phrase_pattern(left)}),(?=[ \t]+{_phrase_pattern(right)}(?!\p{{L}}))"
        )
    return "|".join(alts) or r"(?!)"


@dataclass
class _Found:
    """A reference being built; ``head`` is where its kind phrase starts (for overlaps)."""

    start: int
    end: int
    kind: str
    rule_id: str
    number: str | None = None
    title: str | None = None
    issued_date: date | None = None
    issuer: str | None = None
    head: int = -1
    list_id: int = -1


class LegalRules:
    """Document kinds and issuer codes, validated and compiled once."""

    def __init__(self, spec: KindsFile, issuers: list[IssuerRow]) -> None:
        self.spec = spec
        self._kind_by_key = {_key(v): k for k, vs in spec.kinds.items() for v in vs}
        self._issuer_by_code = {_fold(row.code).upper(): row.issuer for row in issuers}
        self._type_codes = {_fold(c).upper(): k for c, k in spec.type_codes.items()}
        self._term_codes = {c.upper() for c in spec.term_numbered_codes}
        self._stop = {_key(w) for w in spec.title_stop_words}
        self._not_start = {_key(w) for w in spec.title_not_start}
        self._may_start = {_key(w) for w in spec.title_may_start}
        self._holders = {_key(w) for w in spec.issuer_office_holders}
        self._localities = tuple(spec.issuer_locality_words)
        self._by_name = set(spec.by_name_kinds)
        self.p = _compile(spec)
        # The patterns run over whole documents, tried only where a match can open (not
        # "number": it opens with any digit, and its own scan beats trying every number).
        self.prefilters = {
            name: Prefilter.of(getattr(self.p, name)) for name in ("kind", "short_form")
        }
        self.prefilters["number"] = Prefilter()

    def finditer(self, name: str, text: str) -> Iterator[regex.Match[str]]:
        """Matches of the whole-document pattern ``name`` in ``text``."""
        pattern = getattr(self.p, name)
        return finditer(pattern, self.prefilters[name], text, 0, len(text))

    @classmethod
    def load(cls, rules_dir: Path) -> LegalRules:
        kinds_path = rules_dir / KINDS_FILE
        issuers_path = rules_dir / ISSUERS_FILE
        data = read_yaml(kinds_path)
        try:
            spec = KindsFile.model_validate(data)
        except ValidationError as exc:
            raise RuleFileError(f"{kinds_path}: {exc}") from exc
        rows = read_csv(issuers_path)
        issuers = []
        for line, row in enumerate(rows, start=2):
            try:
                issuers.append(IssuerRow.model_validate(row))
            except ValidationError as exc:
                raise RuleFileError(f"{issuers_path}, row {line}: {exc}") from exc
        if not issuers:
            raise RuleFileError(f"{issuers_path}: no issuer rows")
        return cls(spec, issuers)

    def canonical_kind(self, word: str) -> str | None:
        """ "nghị định" / "NGHỊ ĐỊNH" -> "Nghị định"; None when the word is not a kind."""
        return self._kind_by_key.get(_key(word))

    def kind_of_code(self, number: str) -> str | None:
        """The kind a số hiệu's type code names ("NĐ" in 73/2019/NĐ-CP -> Nghị định).

        Only the first code segment names a type ("KH-UBND" is a plan); a later one is the
        drafting department ("321/UBND-KH" is a letter of the committee's planning office).
        """
        segments = self._code_segments(number)
        if not segments:
            return None
        first = segments[0]
        return self._type_codes.get(first) or self._type_codes.get(self._strip_term(first))

    def issuer_of(self, number: str) -> str | None:
        """The issuer named by a số hiệu's code ("73/2019/NĐ-CP" -> "Chính phủ")."""
        segments = self._code_segments(number)
        if not segments:
            return None
        whole = "-".join(segments)
        if whole in self._issuer_by_code:
            return self._issuer_by_code[whole]
        for seg in segments:
            if seg in self._type_codes and seg not in self._issuer_by_code:
                continue
            issuer = self._issuer_by_code.get(seg) or self._issuer_by_code.get(
                self._strip_term(seg)
            )
            if issuer:
                return issuer
        return None

    def trim_number(self, number: str) -> str:
        """Drop a footnote digit glued to the last code ("140/NQ-CP2" -> "140/NQ-CP")."""
        last = _CODE_SPLIT.split(number)[-1]
        m = self.p.code_digits.match(last)
        if last == number or not m:
            return number
        letters = _fold(m["letters"]).upper()
        if letters in self._term_codes:
            return number
        return number[: len(number) - len(m["digits"])]

    def _strip_term(self, seg: str) -> str:
        m = self.p.code_digits.match(seg)
        return m["letters"] if m else seg

    def _code_segments(self, number: str) -> list[str]:
        text = _fold(canonical_number(number)).upper()
        parts = _CODE_SPLIT.split(text)
        # Leading parts are the ordinal and the year ("73", "2019"); the rest is the code.
        return [p for p in parts if p and not p[0].isdigit()]


def extract(text: str, rules: LegalRules) -> list[LegalRef]:
    """Every legal-reference mention in ``text``, sorted by start."""
    own_numbers, header_spans = _own_numbers(text, rules)
    kinds = list(rules.finditer("kind", text))
    numbered = _numbered_refs(text, rules, header_spans, kinds)
    numbered = [r for r in numbered if number_key(r.number or "") not in own_numbers]
    by_name = _by_name_refs(text, rules, kinds)
    by_name = _drop_inside(by_name, numbered)
    _link_by_name(text, rules, by_name, numbered)
    found = sorted(numbered + by_name, key=lambda r: (r.start, r.end))
    return [_to_model(text, r) for r in found]


# --- the document's own number ------------------------------------------------------------


def _own_numbers(text: str, rules: LegalRules) -> tuple[set[str], list[tuple[int, int]]]:
    """Numbers on "Số: ..." header lines: the document itself, not a reference."""
    keys: set[str] = set()
    spans = []
    for m in rules.p.header.finditer(text):
        keys.add(number_key(rules.trim_number(canonical_number(m["num"]))))
        spans.append((m.start("num"), m.end("num")))
    return keys, spans


# --- numbered references ------------------------------------------------------------------


def _numbered_refs(
    text: str,
    rules: LegalRules,
    header_spans: list[tuple[int, int]],
    kinds: list[regex.Match[str]],
) -> list[_Found]:
    kind_ends = [m.end() for m in kinds]
    refs: list[_Found] = []
    list_id = 0
    for m in rules.finditer("number", text):
        if any(s <= m.start("num") < e for s, e in header_spans):
            continue
        number = rules.trim_number(canonical_number(m["num"]))
        start, end = m.start("num"), m.start("num") + _raw_len(m["num"], number)
        prev = refs[-1] if refs else None
        ref = _Found(start=start, end=end, kind=GENERIC_KIND, rule_id="ref.numbered")
        ref.number = number
        if prev is not None and _continues(text, rules, prev, start):
            ref.kind, ref.rule_id, ref.list_id = prev.kind, "ref.list_item", prev.list_id
            ref.head = start
        else:
            list_id += 1
            ref.list_id = list_id
            _attach_kind(text, rules, kinds, kind_ends, ref)
        _attach_date(text, rules, ref)
        ref.issuer = _issuer(text, rules, ref)
        refs.append(ref)
    _share_list_dates(refs)
    return refs


def _raw_len(raw_num: str, number: str) -> int:
    """Length of the raw text behind ``number`` (a trimmed footnote digit is not covered)."""
    dropped = len(canonical_number(raw_num)) - len(number)
    return len(raw_num) - dropped


def _continues(text: str, rules: LegalRules, prev: _Found, start: int) -> bool:
    """Is the number at ``start`` the next item of the list ``prev`` belongs to?"""
    if start - prev.end > 80:
        return False
    return rules.p.continuation.fullmatch(text, prev.end, start) is not None


def _attach_kind(
    text: str,
    rules: LegalRules,
    kinds: list[regex.Match[str]],
    kind_ends: list[int],
    ref: _Found,
) -> None:
    """Kind (and name) from the kind phrase right before the number, else from its code."""
    fallback: regex.Match[str] | None = None
    i = bisect_left(kind_ends, ref.start + 1) - 1
    while i >= 0 and ref.start - kinds[i].end() <= 200:
        km = kinds[i]
        gap = rules.p.gap.fullmatch(text, km.end(), ref.start)
        if gap is None:
            break  # digits or punctuation between: that kind word belongs to something else
        if _at(rules.p.false_friend, text, km.start()):
            i -= 1
            continue
        name = gap["name"].strip(" \t\n,-")
        capital = _is_upper_initial(km.group())
        if not name and (capital or fallback is None):
            if capital:
                _set_kind(rules, ref, km, None)
                return
            fallback = km  # lower-case "văn bản số": keep looking for a capitalised head
        elif (
            name
            and capital
            and text[gap.end("name") : ref.start].strip().lower()
            in {
                "số",
                "so",
                "số:",
            }
        ):
            outer = _amending_outer(text, rules, kinds, i, ref.start)
            if outer is not None:
                km = outer
                name = text[km.end() : gap.end("name")].strip(" \t\n,-")
            _set_kind(rules, ref, km, name)
            return
        i -= 1
    if fallback is not None:
        _set_kind(rules, ref, fallback, None)
        return
    ref.kind = rules.kind_of_code(ref.number or "") or GENERIC_KIND
    ref.head = ref.start


def _amending_outer(
    text: str, rules: LegalRules, kinds: list[regex.Match[str]], i: int, start: int
) -> regex.Match[str] | None:
    """The amending law whose title ends in the law ``kinds[i]`` names, the number's owner.

    "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 12/2024/QH15": the number and
    date are the amending law's; "Luật Đất đai" is only part of its title.
    """
    j = i - 1
    while j >= 0 and start - kinds[j].end() <= 200:
        outer = kinds[j]
        amending = _at(rules.p.amending, text, outer.end())
        if (
            amending is not None
            and amending.end() <= kinds[i].end()
            and _is_upper_initial(outer.group())
            and rules.canonical_kind(outer.group()) in rules._by_name
            and rules.p.gap.fullmatch(text, outer.end(), start) is not None
        ):
            return outer
        j -= 1
    return None


def _set_kind(rules: LegalRules, ref: _Found, km: regex.Match[str], name: str | None) -> None:
    kind = rules.canonical_kind(km.group()) or GENERIC_KIND
    ref.kind = kind
    ref.head = km.start()
    ref.start = km.start()  # the head item's raw covers its kind phrase
    if name:
        ref.title = f"{' '.join(km.group().split())} {' '.join(name.split())}"


def _attach_date(text: str, rules: LegalRules, ref: _Found) -> None:
    """Date stated right after the number, else in the clause that issues the document."""
    m = _at(rules.p.date_after, text, ref.end)
    if m is not None:
        value = date_from_match(m)
        if value is not None:
            ref.issued_date = value
            ref.end = m.end()
            return
    if ref.rule_id == "ref.numbered":
        lo = max(0, ref.head - 200)
        clause = rules.p.issuing_clause.search(text, lo, ref.head)
        if clause is not None:
            ref.issued_date = date_from_match(clause)


def _share_list_dates(refs: list[_Found]) -> None:
    """A date after a list's last item applies to the undated items before it."""
    pending: list[_Found] = []
    for ref in refs:
        if pending and pending[-1].list_id != ref.list_id:
            pending = []  # a new list starts: earlier undated items keep no date
        if ref.issued_date is None:
            pending.append(ref)
            continue
        for earlier in pending:
            earlier.issued_date = ref.issued_date
        pending = []


def _issuer(text: str, rules: LegalRules, ref: _Found) -> str | None:
    """The agency named right after the reference ("... của Bộ Chính trị"), else its code's.

    The code's canonical name is kept when the text's name only shortens it ("của Thủ
    tướng"), and when the text's name is one word: a line break cut it ("của Bộ\nChính
    trị"). A name that adds to the code's ("của UBND tỉnh Điện Biên") or names a second body
    ("của Ủy ban Dân tộc và Bộ Tư pháp") is kept as stated.
    """
    coded = rules.issuer_of(ref.number or "")
    stated = _issuer_after(text, rules, ref.end)
    if stated is None or len(stated.split()) < 2 or _key(stated) in rules._holders:
        return coded  # "của Bộ\nChính trị", "của Bộ trưởng" (no body named)
    if coded is None or not (stated.startswith(coded) or coded.startswith(stated)):
        return stated
    extra = stated[len(coded) :].strip()
    if extra and (
        extra[0].isupper() or extra.lower().startswith(rules._localities) or _joins(extra)
    ):
        return stated  # "của UBND tỉnh Điện Biên" says more than the code "UBND"
    return coded  # "của Thủ tướng", "của Quốc hội phê chuẩn": the code names the body


def _joins(extra: str) -> bool:
    """Does the rest of a stated issuer name a second body ("... và Bộ Tư pháp")?"""
    words = extra.split()
    return len(words) > 1 and words[0] == "và" and _is_upper_initial(words[1])


def _issuer_after(text: str, rules: LegalRules, pos: int) -> str | None:
    """Issuer from "của <agency>" right after the reference, abbreviations expanded."""
    m = _at(rules.p.of_agency, text, pos)
    if m is None:
        return None
    end = _title_end(text, rules, m.end(), agency=True)
    if end is None:
        return None
    words = [rules._issuer_by_code.get(w, w) for w in text[m.end() : end].split()]
    return " ".join(words)


# --- references by name -------------------------------------------------------------------


def _by_name_refs(text: str, rules: LegalRules, kinds: list[regex.Match[str]]) -> list[_Found]:
    refs = _short_forms(text, rules)
    short_starts = [r.start for r in refs]
    covered_until = 0  # by-name titles are read left to right: the end of the last one
    for km in kinds:
        kind = rules.canonical_kind(km.group())
        if kind not in rules._by_name or not _is_upper_initial(km.group()) or km.group().isupper():
            continue  # "luật" is law in general; "LUẬT ..." is a heading
        if _at(rules.p.false_friend, text, km.start()):
            continue
        if km.start() < covered_until or _inside(refs, short_starts, km.start()):
            continue  # inside a title already read ("... của Luật X và Luật Y")
        if rules.p.draft_before.search(text, max(0, km.start() - 30), km.start()):
            continue
        found = _titles_after(text, rules, km, kind)
        covered_until = max([covered_until, *(r.end for r in found)])
        refs.extend(found)
    return refs


def _inside(refs: list[_Found], starts: list[int], pos: int) -> bool:
    """Is ``pos`` inside one of ``refs`` (sorted by start, ``starts`` their starts)?"""
    i = bisect_left(starts, pos + 1) - 1
    return i >= 0 and refs[i].start <= pos < refs[i].end


def _short_forms(text: str, rules: LegalRules) -> list[_Found]:
    """ "Nghị định 67", "Đề án 06", "Chỉ thị số 12, 23, 29": a kind and a bare ordinal."""
    refs = []
    for m in rules.finditer("short_form", text):
        if not _is_upper_initial(m["kind"]) or _is_year(m["n"]):
            continue
        kind = rules.canonical_kind(m["kind"]) or GENERIC_KIND
        prefix = " ".join(m["kind"].split()) + (" số" if m["so"] else "")
        group = [
            _Found(
                m.start(),
                m.end(),
                kind,
                "ref.short_name",
                title=f"{prefix} {m['n']}",
                head=m.start(),
            )
        ]
        pos = m.end()
        while (item := _at(rules.p.short_list_item, text, pos)) is not None:
            if _is_year(item["n"]):
                break
            group.append(
                _Found(
                    item.start("n"),
                    item.end("n"),
                    kind,
                    "ref.short_name",
                    title=f"{prefix} {item['n']}",
                    head=item.start("n"),
                )
            )
            pos = item.end()
        if _at(rules.p.counted_item, text, pos) is None:
            refs.extend(group)  # else "Báo cáo 6 và 9 tháng": counts, not ordinals
    return refs


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits[:2] in {"19", "20"}


def _titles_after(text: str, rules: LegalRules, km: regex.Match[str], kind: str) -> list[_Found]:
    """By-name references starting at the kind word ``km``: one title, or a list after ":"."""
    colon = _at(rules.p.name_list_colon, text, km.end())
    before = text[max(0, km.start() - 6) : km.start()].lower()
    if colon is not None and before.rstrip().endswith("các"):
        return _name_list(text, rules, km, kind, colon.end())
    end = _amending_title_end(text, rules, km.end())
    if end is None:
        end = _title_end(text, rules, km.end(), commas=True)
    if end is None:
        return []
    if suffix := _at(rules.p.revised_suffix, text, end):
        end = suffix.end()
    ref = _Found(km.start(), end, kind, "ref.by_name", head=km.start())
    ref.title = " ".join(text[km.start() : end].split())
    _attach_date(text, rules, ref)
    return [ref]


def _name_list(
    text: str, rules: LegalRules, km: regex.Match[str], kind: str, pos: int
) -> list[_Found]:
    """ "các Luật: Bảo vệ môi trường, Đất đai, Xây dựng": one reference per name."""
    refs = []
    head = " ".join(km.group().split())
    for _ in range(12):
        end = _title_end(text, rules, pos - 1 if text[pos - 1 : pos] == " " else pos)
        if end is None or not _is_upper_initial(text[pos:end].strip()):
            break
        refs.append(
            _Found(pos, end, kind, "ref.by_name", title=f"{head} {' '.join(text[pos:end].split())}")
        )
        sep = _LIST_SEP.match(text, end, end + 8)
        if sep is None:
            break
        pos = sep.end()
    return refs


def _amending_title_end(text: str, rules: LegalRules, pos: int) -> int | None:
    """End of "Luật sửa đổi, bổ sung một số điều của Luật X (và Luật Y)"."""
    m = _at(rules.p.amending, text, pos)
    if m is None:
        return None
    end = _title_end(text, rules, m.end(), commas=True) or m.end()
    while end is not None and (also := _at(rules.p.amended_also, text, end)) is not None:
        end = _title_end(text, rules, also.end(), commas=True) or end
        if end < also.end():
            break
    return end


def _title_end(
    text: str, rules: LegalRules, pos: int, *, commas: bool = False, agency: bool = False
) -> int | None:
    """End of the title words after ``pos`` (the kind word's end); None when there are none.

    With ``commas``, a comma followed by lower-case words that the title's closer then ends
    stays inside the title ("Luật Cán bộ, công chức ngày ...").
    With ``agency`` (an issuer's name after "của"), a line break may come before its first
    word ("của\nBan Chỉ đạo Trung ương") and before a locality ("của UBND\nThành phố").
    """
    end: int | None = None
    count = 0
    while count < 14:
        comma = _at(rules.p.inner_comma, text, pos)
        after = comma.end() if comma else pos
        if comma is None and commas and count > 0:
            after = _comma_continues(text, rules, pos) or pos
        m = _at(rules.p.word, text, after)
        if m is None or not m["sp"]:
            break
        word = m["w"]
        low = word.lower()
        if (
            "\n" in m["sp"]
            and _is_upper_initial(word)
            and not _name_goes_on(text, rules, m, count, agency=agency)
        ):
            break  # a new line starting with a capital is a new heading or item
        if count == 0 and (low in rules._not_start or word[0].isdigit()):
            return None
        if word[0].isdigit():
            break
        nxt = _at(rules.p.word, text, m.end())
        pair = f"{low} {nxt['w'].lower()}" if nxt and nxt["sp"] else ""
        if low == "năm" and nxt and nxt["sp"] and _is_year(nxt["w"]):
            return nxt.end()  # "Luật Hôn nhân và gia đình năm 2014": the year is in the name
        if _is_stop(rules, low, pair):
            if count > 0:
                break
            if word[0].islower() and not (low in rules._may_start or pair in rules._may_start):
                return None  # "Luật quy định rõ ...": the common noun, not a title
        if _is_upper_initial(word) and _at(rules.p.kind, text, m.start("w")):
            break
        if low == "và" and (
            nxt is None
            or not nxt["sp"]
            or _starts_kind(text, rules, nxt)
            or _at(rules.p.unit_word, text, nxt.start("w")) is not None
        ):
            break  # "Luật Đất đai và Điều 10 ...": a new citation starts
        end, pos, count = m.end(), m.end(), count + 1
    if end is not None and text.endswith(" và", 0, end):
        end -= 3
    return end


def _name_goes_on(
    text: str, rules: LegalRules, m: regex.Match[str], count: int, *, agency: bool
) -> bool:
    """Does an agency's name go on over the line break before the capitalised word ``m``?"""
    return agency and (count == 0 or _at(rules.p.locality, text, m.start("w")) is not None)


def _is_stop(rules: LegalRules, low: str, pair: str) -> bool:
    return pair in rules._stop or low in rules._stop


def _comma_continues(text: str, rules: LegalRules, pos: int) -> int | None:
    """After a comma at ``pos`` that stays inside a title, the position after it; else None.

    It stays when lower-case words (no stop word) follow it up to a closer of the title
    ("ngày", "số", "và Luật", ";", ...), possibly through more such commas
    ("Luật Quản lý, sử dụng vũ khí, vật liệu nổ ... năm 2017").
    """
    first = _at(rules.p.comma, text, pos)
    if first is None:
        return None
    p, words = first.end(), 0
    for _ in range(24):
        if words and _at(rules.p.comma_closer, text, p):
            return first.end()
        if words and _REST_IS_BLANK.fullmatch(text, p):
            return first.end()  # the end of the text closes the title too
        if words and (more := _at(rules.p.comma, text, p)):
            p, words = more.end(), 0
        if words >= 8:
            return None
        m = _at(rules.p.word, text, p)
        if m is None or not m["sp"] or not m["w"][0].islower():
            return None
        low = m["w"].lower()
        nxt = _at(rules.p.word, text, m.end())
        pair = f"{low} {nxt['w'].lower()}" if nxt and nxt["sp"] else ""
        if _is_stop(rules, low, pair):
            return None
        p, words = m.end(), words + 1
    return None


def _starts_kind(text: str, rules: LegalRules, m: regex.Match[str]) -> bool:
    return _is_upper_initial(m["w"]) and _at(rules.p.kind, text, m.start("w")) is not None


# --- reconciling the two kinds of mention -------------------------------------------------


def _drop_inside(by_name: list[_Found], numbered: list[_Found]) -> list[_Found]:
    """A by-name match inside a numbered reference's phrase is part of that reference."""
    spans = sorted((r.head if r.head >= 0 else r.start, r.end) for r in numbered)
    starts = [s for s, _ in spans]
    kept = []
    for ref in by_name:
        i = bisect_left(starts, ref.start + 1) - 1
        inside = i >= 0 and spans[i][0] <= ref.start < spans[i][1]
        if not inside:
            kept.append(ref)
    return kept


def _title_key(title: str) -> str:
    return _TRAILING_YEAR.sub("", _key(title))


def _link_by_name(
    text: str, rules: LegalRules, by_name: list[_Found], numbered: list[_Found]
) -> None:
    """Give a by-name mention the number of the same document cited by number elsewhere.

    A by-name title cut short by a stop word ("Pháp lệnh Ưu đãi người | có công ...") is
    matched as a prefix of the numbered reference's title and extended to it when the text
    reads the same. A title's year must be the number's ("Luật Hải quan năm 2014" is not
    "Luật Hải quan số 29/2001/QH10"), and a title the text also names with another year
    stays unlinked: the bare name may mean either version.
    """
    by_title: dict[str, set[str]] = {}
    years: dict[str, set[str]] = {}  # title key -> years written after it ("năm 2014")
    for ref in by_name:
        if ref.rule_id != "ref.short_name" and (year := _title_year(ref.title or "")):
            years.setdefault(_title_key(ref.title or ""), set()).add(year)
    by_ordinal: dict[tuple[str, str], set[str]] = {}
    for ref in numbered:
        number = ref.number or ""
        if ref.title:
            by_title.setdefault(_title_key(ref.title), set()).add(number)
        ordinal = _ORDINAL.match(number)
        if ordinal:
            by_ordinal.setdefault((ref.kind, ordinal.group().lstrip("0")), set()).add(number)
    for ref in by_name:
        if ref.rule_id == "ref.short_name":
            ordinal = (ref.title or "").rsplit(" ", 1)[-1].lstrip("0")
            candidates = by_ordinal.get((ref.kind, ordinal), set())
        else:
            key = _title_key(ref.title or "")
            candidates = by_title.get(key, set())
            if not candidates:
                longer = [t for t in by_title if t.startswith(key + " ")]
                if len(longer) == 1:
                    candidates = by_title[longer[0]]
                    _extend_title(text, rules, ref, longer[0])
        if ref.rule_id != "ref.short_name":
            year = _title_year(ref.title or "")
            named = {year} if year else years.get(_title_key(ref.title or ""), set())
            candidates = {n for n in candidates if named <= {_number_year(n)}}
        if len(candidates) == 1:
            ref.number = next(iter(candidates))


def _title_year(title: str) -> str | None:
    m = _TRAILING_YEAR.search(_key(title))
    return m.group().split()[-1] if m else None


def _number_year(number: str) -> str | None:
    m = _NUMBER_YEAR.match(number)
    return m["year"] if m else None


def _extend_title(text: str, rules: LegalRules, ref: _Found, title_key: str) -> None:
    """Extend ``ref`` over ``title_key`` when the text at ref.start reads that title."""
    pos = ref.start
    for target in title_key.split():
        m = _at(rules.p.word, text, pos)
        if m is None or m["w"].lower() != target:
            return
        pos = m.end()
    if pos > ref.end:
        ref.end = pos
        ref.title = " ".join(text[ref.start : pos].split())
        ref.issued_date = None
        _attach_date(text, rules, ref)


def _to_model(text: str, ref: _Found) -> LegalRef:
    return LegalRef(
        start=ref.start,
        end=ref.end,
        raw=text[ref.start : ref.end],
        rule_id=ref.rule_id,
        kind=ref.kind,
        number=ref.number,
        title=ref.title,
        issued_date=ref.issued_date,
        issuer=ref.issuer,
    )
