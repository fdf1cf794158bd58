"""Agency mentions: named bodies, open-class names, generic groups and office holders.

All vocabulary lives in ``rules/agencies.yaml``, ``rules/abbreviations.yaml`` and
``rules/provinces.csv``; this module only holds the grammar that combines it.

How a text is scanned (one pass, everything compiled once in ``Gazetteer.load``):

1. One compiled ``regex`` tokenises the text into words, punctuation and abbreviations; an
   abbreviation ("UBND", "TP.HCM") is expanded into several *flat words* that share the
   token's offsets, so every grammar below sees "ủy ban nhân dân" whether the text wrote
   it out or not, and a mention still starts and ends on token boundaries of the text.
2. At each flat word that can start a mention (a set lookup), word tries (dicts compiled
   from the rule files) try: an office title, a gazetteer entry (plus its locality:
   "tỉnh Quảng Nam", "phường Ba Đình", "các huyện, thị xã"), an open-class name (head noun
   + capitalised name), a generic group ("các sở, ban, ngành"). The longest wins.

Canonical names: abbreviations expanded, one tone placement ("Ủy", "hóa"), NFC, and the
province or centrally-run city moved to ``jurisdiction`` ("UBND tỉnh Quảng Nam" ->
"Ủy ban nhân dân tỉnh" + "Quảng Nam"). Exception, following the gold annotation: a local
body of *another* province than the document's own (``default_jurisdiction``) keeps the
province in its name, else two provinces' committees in one plan would be one agency
("UBND tỉnh Điện Biên" in a Hà Nội plan -> "Ủy ban nhân dân tỉnh Điện Biên").
Province names in ``jurisdiction`` and ``province_of`` are the short names of
``provinces.csv`` ("Quảng Nam", "Hà Nội", "Hồ Chí Minh"), without "tỉnh"/"thành phố".
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, pairwise
from operator import add, sub
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.models import AgencyMention
from pipeline.rules import RuleFileError, read_csv, read_yaml
from pipeline.scan import Prefilter, finditer

AGENCIES_FILE = "agencies.yaml"
ABBREVIATIONS_FILE = "abbreviations.yaml"
PROVINCES_FILE = "provinces.csv"

Kind = Literal["body", "group", "office_holder"]
Level = Literal["central", "province", "district", "commune", "enterprise", "foreign"]
PROVINCE_UNITS = frozenset({"tỉnh", "thành phố", "thủ đô"})
MAX_NAME_WORDS = 16  # an open-class name longer than this is a runaway, not a name
MAX_PERSON_WORDS = 4
_END = ""  # trie key that marks the end of a phrase (never a word)

# ---------------------------------------------------------------------------- text helpers


def _tone_table() -> dict[str, str]:
    """Old tone placement -> the one government texts use ("hoá" -> "hóa", "uỷ" -> "ủy")."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    old = unicodedata.normalize("NFC", f + s + mark)
                    table[old] = unicodedata.normalize("NFC", f + mark + s)
    return table


_TONES = _tone_table()
# Only at the end of a syllable ("hoàn" is written alike in both styles) and not after "q"
# ("quý": the "u" belongs to the consonant).
_TONE_RE = regex.compile(r"(?<![qQ])(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\w)")


def normalize_tones(text: str) -> str:
    """NFC and "Ủy/hóa/thủy" tone placement; lengths are unchanged for NFC input."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _TONE_RE.sub(_retone, text)


def _retone(match: regex.Match[str]) -> str:
    return _TONES[match.group()]


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """Lower-cased, tone-normalised form used for every lookup (cached: words repeat)."""
    return normalize_tones(word.lower())


_PUNCT_KEYS = {"&": "và", "–": "-", "—": "-", "‑": "-"}
_SPACE_BEFORE_PUNCT = regex.compile(r"\s+([,.;:)\]])")
_SPACE_AFTER_OPEN = regex.compile(r"([(\[])\s+")


_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})


def _unspaced(abbr: str) -> str:
    """ "TP. HCM" -> "TP.HCM" (str.split: a compiled-pattern lookup would cost 30 times more)."""
    return "".join(abbr.split())


def _join(words: list[str]) -> str:
    return _joined_words(tuple(words))


@lru_cache(maxsize=65536)
def _joined_words(words: tuple[str, ...]) -> str:
    """Words as a name: one space, none before closing or after opening punctuation
    (cached: a document names the same bodies again and again)."""
    text = " ".join(words).translate(_DASHES)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return normalize_tones(_SPACE_AFTER_OPEN.sub(r"\1", text))


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=65536)
def _canonical_form(name: str) -> str:
    """A mention's canonical name as stored (cached: the tone rule is a regex pass, and a
    folder names the same bodies again and again)."""
    return _capitalize(normalize_tones(name))


@lru_cache(maxsize=1)
def _compounds() -> frozenset[tuple[str, str]]:
    """Two-syllable words of the Vietnamese dictionary that underthesea ships (lower-cased,
    tone-normalised): they tell where a word of a name ends. Read once, only the file."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "data" / "Viet74K.txt"
    if not path.is_file():
        return frozenset()
    pairs: set[tuple[str, str]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        syllables = _key(line.strip()).split()
        if len(syllables) in (2, 3):  # "người cao tuổi": its syllables pair up as well
            pairs.update(pairwise(syllables))
    return frozenset(pairs)


def load_dictionary() -> None:
    """Read the dictionary's word list now (it is read on first use): a process about to
    fork its workers gives them one shared copy."""
    _compounds()


def _pos_tokens(text: str, start: int, end: int) -> list[Any]:
    from pipeline.nlp import AlignmentError, pos_tokens

    try:
        return pos_tokens(text, start, end)
    except AlignmentError:
        return []


# ---------------------------------------------------------------------------- rule schemas


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntrySpec(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: Kind = "body"
    level: Level | None = None
    locality: Literal["none", "keep", "drop"] = "none"
    require_locality: bool = False
    variants: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    successor: str | None = None


class HeadSpec(_Strict):
    head: str = Field(min_length=1)
    level: Level | None = None
    lower_ok: bool = False  # also a head in lower case ("trường Khoa học ...")
    # False for heads that are also the first syllable of place or family names ("Hội An",
    # "Đoàn Ngọc Hải"): the name after them must not be written as a proper name (every
    # syllable capitalised) nor be a province.
    proper_ok: bool = True
    # When not empty, the name must start with one of these ("Đoàn Thanh niên", not "Đoàn
    # Ngoại giao" the residential area; "Khu Quản lý", not "Khu Công nghiệp Quang Minh").
    continuations: list[str] = Field(default_factory=list)


class TitleSpec(_Strict):
    title: str = Field(min_length=1)
    personal: bool = True


class UnitSpec(_Strict):
    word: str = Field(min_length=1)
    level: Level


class GroupNounSpec(_Strict):
    noun: str = Field(min_length=1)
    levels: list[Level] = Field(default_factory=list)


class AgencyRulesFile(_Strict):
    version: int
    entries: list[EntrySpec]
    heads: list[HeadSpec]
    head_modifiers: list[str] = Field(default_factory=list)
    stop_words: list[str]
    cap_stop_words: list[str] = Field(default_factory=list)
    titles: list[TitleSpec]
    surnames: list[str] = Field(default_factory=list)
    admin_units: list[UnitSpec]
    group_nouns: list[GroupNounSpec]
    group_modifiers: list[str] = Field(default_factory=list)
    group_body_links: list[str] = Field(default_factory=list)
    list_markers: list[str] = Field(default_factory=list)
    distributive_nouns: list[str] = Field(default_factory=list)
    max_group_qualifier: int = Field(default=4, ge=0)

    @field_validator("entries")
    @classmethod
    def _unique_ids(cls, entries: list[EntrySpec]) -> list[EntrySpec]:
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                raise ValueError(f"duplicate entry id {entry.id!r}")
            seen.add(entry.id)
        return entries


class AbbreviationSpec(_Strict):
    abbr: str = Field(min_length=1)
    expansion: str = Field(min_length=1)
    # Only before one of these phrases (an ambiguous abbreviation: "BCH Quân sự" is "Bộ Chỉ
    # huy", "BCH Trung ương" is "Ban Chấp hành"); the first spec of an abbreviation whose
    # list matches wins, one without a list is the default.
    before: list[str] = Field(default_factory=list)


class AbbreviationsFile(_Strict):
    version: int
    abbreviations: list[AbbreviationSpec]


class ProvinceRow(_Strict):
    name: str = Field(min_length=1)
    kind: Literal["tỉnh", "thành phố"]
    period: Literal["pre2025", "post2025", "both"]
    successor: str = ""
    variants: str = ""


class AgencyEntry(_Strict):
    """A gazetteer entry as stored in the ``agencies`` table."""

    id: str
    canonical_name: str
    kind: Kind
    level: str | None
    abbreviations: list[str]
    successor: str | None = None


def _validated(model: type[BaseModel], data: Any, path: Path) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(f"{path}: invalid rule file: {exc}") from exc


# ---------------------------------------------------------------------------- word tries

Trie = dict[str, Any]


def _trie_add(trie: Trie, words: list[str], value: Any) -> None:
    node = trie
    for word in words:
        node = node.setdefault(word, {})
    node.setdefault(_END, value)  # first definition wins: entries before variants


_TOKEN_RE = regex.compile(r"(\w+|\S)")  # a word or one other character
# The standard library's engine splits a third faster, and the same wherever both engines
# read every character's \w and \s alike: true of the scripts below but for a few
# characters (digits like "²", combining marks, "‿"), which send a text to ``_TOKEN_RE``.
_FAST_TOKEN_RE = re.compile(r"(\w+|\S)")
_FAST_RANGES = ((0x00, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x206F))


def _engines_differ() -> re.Pattern[str]:
    """A class of the characters outside the ranges, or inside where the engines differ."""
    word, space = regex.compile(r"\w"), regex.compile(r"\s")
    std_word, std_space = re.compile(r"\w"), re.compile(r"\s")
    same = [
        chr(c)
        for low, high in _FAST_RANGES
        for c in range(low, high + 1)
        if (word.match(chr(c)) is None) == (std_word.match(chr(c)) is None)
        and (space.match(chr(c)) is None) == (std_space.match(chr(c)) is None)
    ]
    return re.compile("[^" + "".join(re.escape(c) for c in same) + "]")


_ENGINES_DIFFER = _engines_differ()


def _split(segment: str) -> list[str]:
    """``_TOKEN_RE.split(segment)``."""
    pattern = _TOKEN_RE if _ENGINES_DIFFER.search(segment) else _FAST_TOKEN_RE
    return pattern.split(segment)


@dataclass(slots=True)
class _Flat:
    """Flat words of one text: abbreviations expanded, offsets of the source token kept."""

    text: str
    surf: list[str]
    low: list[str]
    start: list[int]
    end: list[int]
    first: list[bool]  # first flat word of its token
    last: list[bool]  # last flat word of its token
    gap: list[str]  # whitespace before the word ("" inside an expanded abbreviation)
    n: int = 0

    def __post_init__(self) -> None:
        self.n = len(self.low)


def _prefix(fl: _Flat, end: int) -> _Flat:
    """The words of ``fl`` that end by character ``end``."""
    n = bisect_right(fl.end, end)
    return _Flat(
        fl.text, fl.surf[:n], fl.low[:n], fl.start[:n], fl.end[:n], fl.first[:n], fl.last[:n],
        fl.gap[:n],
    )  # fmt: skip


@dataclass(slots=True)
class _Cand:
    end: int  # flat index, exclusive
    canonical: str
    kind: Kind
    level: str | None
    jurisdiction: str | None
    rule_id: str
    explicit_jurisdiction: bool = False
    items: list[tuple[int, int, EntrySpec]] | None = None  # "các Bộ A, B": one per item
    distribute: str | None = None  # "UBND các phường: A, B" -> "Ủy ban nhân dân phường" + name


@dataclass(slots=True)
class _Locality:
    end: int
    suffix: str  # appended to the entry name ("tỉnh", "phường Ba Đình", "các huyện, thị xã")
    level: str | None
    jurisdiction: str | None
    group: bool


@dataclass(slots=True)
class _Group:
    end: int
    levels: frozenset[str] | None  # None: no noun fixed a level yet
    nouns: int
    modified: bool


# ---------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """Compiled agency rules; ``load`` once per process, then ``find`` per text."""

    def __init__(
        self, rules: AgencyRulesFile, abbreviations: AbbreviationsFile, provinces: list[ProvinceRow]
    ) -> None:
        self._rules = rules
        # A document cites the same issuers again and again ("Bộ Tài chính", "UBND tỉnh").
        self._full_names = lru_cache(maxsize=4096)(self._full_name)
        # The last whole text flattened: a document is read for its issuer, then for its
        # assignments. A (text, words) pair, replaced whole: safe beside other threads.
        self._last_flat: tuple[str, _Flat] | None = None
        self._abbr: dict[str, list[tuple[tuple[tuple[str, ...], ...], list[tuple[str, str]]]]] = {}
        for spec in abbreviations.abbreviations:
            words = [(w, _key(w)) for w in spec.expansion.split()]
            before = tuple(tuple(_key(w) for w in phrase.split()) for phrase in spec.before)
            self._abbr.setdefault(_unspaced(spec.abbr), []).append((before, words))
        self._abbr_re = self._compile_abbreviations([a.abbr for a in abbreviations.abbreviations])
        self._abbr_pf = Prefilter.of(self._abbr_re)

        self._entries = rules.entries
        self._gaz: Trie = {}
        for index, entry in enumerate(rules.entries):
            for phrase in (entry.name, *entry.variants):
                _trie_add(self._gaz, self._words(phrase), index)
        self._heads = self._phrase_trie((h.head, (h.level, h.lower_ok)) for h in rules.heads)
        self._head_specs: dict[tuple[str, ...], HeadSpec] = {
            tuple(self._words(h.head)): h for h in rules.heads
        }
        self._continuations = {
            key: self._phrase_trie((c, True) for c in spec.continuations)
            for key, spec in self._head_specs.items()
            if spec.continuations
        }
        self._head_mods = self._phrase_trie((m, True) for m in rules.head_modifiers)
        self._stops = self._phrase_trie((s, True) for s in rules.stop_words)
        self._cap_stops = self._phrase_trie((s, True) for s in rules.cap_stop_words)
        self._titles = self._phrase_trie((t.title, t) for t in rules.titles)
        self._units = self._phrase_trie((u.word, u.level) for u in rules.admin_units)
        self._group_nouns = self._phrase_trie(
            (g.noun, frozenset(g.levels) or None) for g in rules.group_nouns
        )
        self._admin_nouns = self._phrase_trie(
            (g.noun, frozenset(g.levels) or None)
            for g in rules.group_nouns
            if set(g.levels) & {"province", "district", "commune"}
        )
        self._group_mods = self._phrase_trie((m, True) for m in rules.group_modifiers)
        self._body_links = self._phrase_trie((m, True) for m in rules.group_body_links)
        self._surnames = frozenset(_key(s) for s in rules.surnames)
        self._list_markers = frozenset(rules.list_markers)
        self._distributive_nouns = frozenset(_key(w) for w in rules.distributive_nouns)

        self._provinces: Trie = {}
        self._province_kind: dict[str, str] = {}
        self._province_rows = list(provinces)
        for row in provinces:
            self._province_kind.setdefault(row.name, row.kind)
            names = [row.name, *[v for v in row.variants.split(";") if v.strip()]]
            for name in names:
                _trie_add(self._provinces, self._words(name), row.name)

        # Words at which a mention can start: one set lookup per word of the text.
        self._starters = frozenset(
            [*self._gaz, *self._heads, *self._titles, *self._group_nouns, "các"]
        )

    # -- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, rules_dir: Path) -> Gazetteer:
        rules_dir = Path(rules_dir)
        agencies_path = rules_dir / AGENCIES_FILE
        abbr_path = rules_dir / ABBREVIATIONS_FILE
        provinces_path = rules_dir / PROVINCES_FILE
        for path in (agencies_path, abbr_path, provinces_path):
            if not path.is_file():
                raise RuleFileError(f"{path}: rule file is missing")
        rules = _validated(AgencyRulesFile, read_yaml(agencies_path), agencies_path)
        abbreviations = _validated(AbbreviationsFile, read_yaml(abbr_path), abbr_path)
        rows = [_validated(ProvinceRow, row, provinces_path) for row in read_csv(provinces_path)]
        if not rows:
            raise RuleFileError(f"{provinces_path}: no provinces")
        return cls(rules, abbreviations, rows)

    @staticmethod
    def _compile_abbreviations(abbreviations: list[str]) -> regex.Pattern[str]:
        def pattern(abbr: str) -> str:
            return "".join(r"\s?" if ch == " " else regex.escape(ch) for ch in abbr)

        alternatives = "|".join(pattern(a) for a in sorted(abbreviations, key=len, reverse=True))
        # An abbreviation is a whole token: never a part of "8107/UBND-NCKS" or "NĐ-CP".
        return regex.compile(rf"(?<![\w/\-])(?:{alternatives})(?![\w/\-])")

    def _words(self, phrase: str) -> list[str]:
        return self._flatten(normalize_tones(phrase)).low

    def _phrase_trie(self, items: Any) -> Trie:
        trie: Trie = {}
        for phrase, value in items:
            _trie_add(trie, self._words(phrase), value)
        return trie

    # -- public API -----------------------------------------------------------------------

    def entries(self) -> list[AgencyEntry]:
        return [
            AgencyEntry(
                id=e.id,
                canonical_name=e.name,
                kind=e.kind,
                level=e.level,
                abbreviations=list(e.abbreviations),
                successor=e.successor,
            )
            for e in self._entries
        ]

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        default_jurisdiction: str | None = None,
    ) -> list[AgencyMention]:
        """Agency mentions in ``text[start:end]``: sorted, non-overlapping, longest first."""
        return list(self.mentions(text, start, end, default_jurisdiction))

    def mentions(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        default_jurisdiction: str | None = None,
    ) -> Iterator[AgencyMention]:
        """The mentions of :meth:`find`, one at a time: a caller that wants the first of a
        kind stops reading the text there."""
        fl = self._flat(text, start, len(text) if end is None else end)
        starters = self._starters
        k = 0
        for i in list(compress(range(fl.n), map(starters.__contains__, fl.low))):
            if i < k or not fl.first[i]:
                continue
            k = i
            cand = self._match(fl, k, default_jurisdiction)
            if cand is None or not fl.last[cand.end - 1]:
                continue
            if cand.items:
                for index, (s, e, entry) in enumerate(cand.items):
                    one = _Cand(e, entry.name, entry.kind, entry.level, None, f"gaz:{entry.id}")
                    yield self._mention(fl, k if index == 0 else s, one, default_jurisdiction)
                k = cand.end
                continue
            if cand.distribute is not None:
                mentions = self._distributed(fl, k, cand, default_jurisdiction)
                if mentions:
                    yield from mentions
                    k = self._flat_index_after(fl, mentions[-1].end, k)
                    continue
            yield self._mention(fl, k, cand, default_jurisdiction)
            k = cand.end

    def canonical(self, raw: str, default_jurisdiction: str | None = None) -> str:
        """Canonical name of one agency string; unrecognised text is only expanded."""
        text = normalize_tones(" ".join(raw.split()))
        mentions = self.find(text, default_jurisdiction=default_jurisdiction)
        rest = text.rstrip(" .,;:")
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end >= len(rest):
            return mentions[0].canonical
        fl = self._flatten(text)
        return _capitalize(_join(fl.surf)) if fl.n else ""

    def full_name(self, raw: str, jurisdiction: str | None = None) -> str | None:
        """The body named by ``raw`` with its locality, for naming an issuer outside any
        document: "UBND tỉnh" in a Quảng Nam text -> "Ủy ban nhân dân tỉnh Quảng Nam",
        "Sở Tài chính" -> "Sở Tài chính tỉnh Quảng Nam", "Bộ Tài chính" -> itself.
        None when ``raw`` is not one agency."""
        return self._full_names(raw, jurisdiction)

    def _full_name(self, raw: str, jurisdiction: str | None) -> str | None:
        text = normalize_tones(" ".join(raw.split())).rstrip(" .,;:")
        mentions = self.find(text)
        # One body at the start; a second one ("Ủy ban Dân tộc và Bộ Tư pháp") is a joint issuer.
        if not mentions or mentions[0].start != 0 or len(mentions) > 1:
            return None
        mention = mentions[0]
        place = mention.jurisdiction or (jurisdiction if mention.level != "central" else None)
        if place is None or mention.kind != "body":
            return mention.canonical
        name = mention.canonical
        unit = self.province_kind(place) or "tỉnh"
        if name.endswith((" tỉnh", " thành phố")) or name in ("Tỉnh ủy", "Thành ủy"):
            return f"{name} {place}"
        return f"{name} {unit} {place}"

    def province_of(self, text: str) -> str | None:
        """Short province/city name if ``text`` names one ("tỉnh Quảng Nam" -> "Quảng Nam",
        "TP.HCM" -> "Hồ Chí Minh"); None for anything else."""
        fl = self._flatten(normalize_tones(text.strip()))
        k = 0
        unit = self._longest(self._units, fl, 0)
        if unit is not None and self._units_word_is_province(fl, 0, unit[0]):
            k = unit[0]
        hit = self._longest(self._provinces, fl, k)
        if hit is None or hit[0] != fl.n:
            return None
        return str(hit[1])

    def provinces(self) -> list[ProvinceRow]:
        """Every province and centrally-run city, before and after 2025, with its successor."""
        return list(self._province_rows)

    def province_kind(self, province: str) -> str | None:
        """Kind ("tỉnh" or "thành phố") of a short province name from ``province_of``."""
        return self._province_kind.get(province)

    # -- tokenisation ---------------------------------------------------------------------

    def _flat(self, text: str, start: int, end: int) -> _Flat:
        """The words of ``text[start:end]``. Those of a prefix are the whole text's words
        that end in it, and those are made once: a document is read for its issuer in its
        first lines, then whole for its assignments."""
        if start != 0:
            return self._flatten(text, start, end)
        last = self._last_flat
        if last is not None and last[0] is text:
            fl = last[1]
        else:
            fl = self._flatten(text)
            self._last_flat = (text, fl)
        return fl if end == len(text) else _prefix(fl, end)

    def _flatten(self, text: str, start: int = 0, end: int | None = None) -> _Flat:
        """Tokenise with one C-level ``split`` and vectorised offset arithmetic: a Python
        loop per token would cost more than all of the grammar."""
        stop = len(text) if end is None else end
        parts = _split(text[start:stop])  # [gap, token, gap, token, ..., tail]
        gaps, toks = parts[0:-1:2], parts[1::2]
        if not toks:
            return _Flat(text, [], [], [], [], [], [], [])
        ends = list(accumulate(map(add, map(len, gaps), map(len, toks)), initial=start))[1:]
        starts = list(map(sub, ends, map(len, toks)))
        abbrs = self._abbreviations(text, start, stop, gaps, toks, starts, ends)
        lows = self._lows(toks)
        n = len(toks)
        fl = _Flat(text, toks, lows, starts, ends, [True] * n, [True] * n, gaps)
        if abbrs:
            self._expand_abbreviations(fl, abbrs)
        return fl

    def _abbreviations(
        self,
        text: str,
        start: int,
        stop: int,
        gaps: list[str],
        toks: list[str],
        starts: list[int],
        ends: list[int],
    ) -> list[int]:
        """Merge the tokens of each abbreviation ("TP. HCM", "TT&TT") into one token, in
        place; their indexes.  An abbreviation opens where no word character, "/" or "-"
        precedes it and closes before none, so it starts and ends on token boundaries."""
        found = [m.span() for m in finditer(self._abbr_re, self._abbr_pf, text, start, stop)]
        for s, e in reversed(found):  # from the end: earlier indexes stay valid
            i = bisect_left(starts, s)
            j = bisect_left(starts, e, i)
            toks[i:j] = [text[s:e]]
            starts[i:j], ends[i:j], gaps[i:j] = [s], [e], [gaps[i]]
        return [bisect_left(starts, s) for s, _ in found]

    @staticmethod
    def _lows(toks: list[str]) -> list[str]:
        """Each token's lookup key (``_key``, then ``_PUNCT_KEYS``), made in one pass over the
        tokens joined by line breaks: no token holds one, but an abbreviation merged across
        one, and lower() and the tone rule read no context across one."""
        joined = normalize_tones("\n".join(toks).lower())
        for char, key in _PUNCT_KEYS.items():
            if char in joined:  # whole tokens ("&"), bar merged abbreviations, expanded anyway
                joined = joined.replace(char, key)
        lows = joined.split("\n")
        if len(lows) != len(toks):
            lows = [_PUNCT_KEYS.get(w, w) for w in map(_key, toks)]
        return lows

    def _expand_abbreviations(self, fl: _Flat, indexes: list[int]) -> None:
        """Replace each abbreviation token by its expansion's words (same offsets)."""
        old: tuple[list[Any], ...] = (fl.surf, fl.low, fl.start, fl.end, fl.first, fl.last, fl.gap)
        new: tuple[list[Any], ...] = ([], [], [], [], [], [], [])
        prev = 0
        for i in indexes:
            for column, values in zip(new, old, strict=True):
                column.extend(values[prev:i])
            words = self._expansion(fl, i)
            last = len(words) - 1
            for j, (surf, low) in enumerate(words):
                row = (
                    surf,
                    low,
                    fl.start[i],
                    fl.end[i],
                    j == 0,
                    j == last,
                    fl.gap[i] if j == 0 else "",
                )
                for column, value in zip(new, row, strict=True):
                    column.append(value)
            prev = i + 1
        for column, values in zip(new, old, strict=True):
            column.extend(values[prev:])
        (fl.surf, fl.low, fl.start, fl.end, fl.first, fl.last, fl.gap) = new
        fl.n = len(fl.low)

    def _expansion(self, fl: _Flat, i: int) -> list[tuple[str, str]]:
        """Expansion of abbreviation token i: the first whose context ("before") matches."""
        default: list[tuple[str, str]] = []
        for before, words in self._abbr[_unspaced(fl.surf[i])]:
            if not before:
                default = default or words
            elif any(tuple(fl.low[i + 1 : i + 1 + len(p)]) == p for p in before):
                return words
        return default

    def _joined(self, fl: _Flat, k: int) -> bool:
        """May flat words k and k+1 belong to one name? Not across a list item or a gap of
        blank lines (a heading "6. Bộ Tư lệnh Thủ đô" followed by "- Chủ trì ...")."""
        if k + 1 >= fl.n:
            return False
        gap = fl.gap[k + 1]
        if "\n" not in gap:
            return True
        if gap.count("\n") > 2:
            return False
        nxt = fl.low[k + 1]
        if k + 2 < fl.n and len(nxt) <= 3 and fl.low[k + 2] in (")", "."):
            return False  # "a)", "2.", "IV." start a list item
        return nxt not in self._list_markers and not nxt.isdigit()

    def _longest(self, trie: Trie, fl: _Flat, k: int) -> tuple[int, Any] | None:
        """Longest phrase of ``trie`` at flat word k (it may end inside an abbreviation:
        "DNNN" is "doanh nghiệp" + "nhà nước"; ``find`` checks the mention's own end)."""
        if k >= fl.n:
            return None
        node = trie.get(fl.low[k])  # most calls end here: the word starts no phrase
        if node is None:
            return None
        j = k + 1
        best: tuple[int, Any] | None = (j, node[_END]) if _END in node else None
        while j < fl.n and self._joined(fl, j - 1):
            node = node.get(fl.low[j])  # type: ignore[assignment]
            if node is None:
                break
            j += 1
            if _END in node:
                best = (j, node[_END])
        return best

    def _cap(self, fl: _Flat, k: int) -> bool:
        return k < fl.n and fl.surf[k][:1].isupper()

    # -- grammar --------------------------------------------------------------------------

    def _match(self, fl: _Flat, k: int, dj: str | None) -> _Cand | None:
        best = self._body(fl, k, dj, titled=False)
        title = self._longest(self._titles, fl, k) if fl.low[k] in self._titles else None
        if title is not None and self._joined(fl, title[0] - 1):
            titled = self._titled(fl, k, title[0], title[1], dj)
            if titled is not None and (best is None or titled.end > best.end):
                best = titled
        return best

    def _titled(
        self, fl: _Flat, k: int, tend: int, title: TitleSpec, dj: str | None
    ) -> _Cand | None:
        """An office title: "Giám đốc Sở Nội vụ" stands for the body; with a person's name after it
        ("Phó Chủ tịch UBND tỉnh Hồ Quang Bửu") it is that person's office."""
        body = self._body(fl, tend, dj, titled=True)
        if body is None:
            return None
        if title.personal and body.kind != "group":
            pend = self._person(fl, body.end)
            if pend is not None:
                title_text = _capitalize(_join(fl.surf[k:tend]))
                body.canonical = f"{title_text} {body.canonical}"
                body.kind = "office_holder"
                body.end = pend
                body.rule_id = f"title:{body.rule_id}"
        return body

    def _person(self, fl: _Flat, k: int) -> int | None:
        """End of a person's name ("Hồ Quang Bửu", "- Trần Lưu Quang") at k, if any."""
        j = k
        if j < fl.n and fl.low[j] == "-" and self._joined(fl, j):
            j += 1
        if not (j < fl.n and fl.low[j] in self._surnames and self._cap(fl, j)):
            return None
        end = j + 1
        while (
            end < fl.n
            and end - j < MAX_PERSON_WORDS
            and self._cap(fl, end)
            and fl.low[end].isalpha()
            and self._joined(fl, end - 1)
        ):
            end += 1
        return end if end - j >= 2 else None

    def _body(self, fl: _Flat, k: int, dj: str | None, titled: bool) -> _Cand | None:
        # Each reading opens with a word of its own trie: most words open one or none, and
        # asking the trie here spares the calls (the grammar is tried ~200 times a document).
        low = fl.low[k]
        best = self._gazetteer(fl, k, dj, titled) if low in self._gaz else None
        opened = self._open(fl, k, titled, dj) if low in self._heads else None
        # A gazetteer name is only extended by an open-class reading that continues with a
        # capitalised word ("Bộ Tư lệnh Thủ đô"), never by lower-case task words.
        # Not across a line break: in a table flattened one cell per line, "Bộ Tư pháp" ends
        # its cell and "Các văn bản ..." starts the next.
        if opened is not None and (
            best is None
            or (opened.end > best.end and self._cap(fl, best.end) and "\n" not in fl.gap[best.end])
        ):
            best = opened
        if low == "các":
            listed = self._headless_list(fl, k)
            if listed is not None:
                return listed
        elif low not in self._group_nouns:
            return best
        group = self._group_mention(fl, k)
        if group is not None and (best is None or group.end > best.end):
            best = group
        return best

    def _gazetteer(self, fl: _Flat, k: int, dj: str | None, titled: bool = False) -> _Cand | None:
        hit = self._longest(self._gaz, fl, k)
        if hit is None:
            return None
        end, index = hit
        entry = self._entries[index]
        cand = _Cand(end, entry.name, entry.kind, entry.level, None, f"gaz:{entry.id}")
        if entry.locality != "none" and self._joined(fl, end - 1):
            loc = self._locality(fl, end, entry, dj, titled)
            if loc is not None:
                cand.end = loc.end
                if loc.suffix:
                    cand.canonical = f"{entry.name} {loc.suffix}"
                cand.level = loc.level or entry.level
                if loc.jurisdiction is not None:
                    cand.jurisdiction = loc.jurisdiction
                    cand.explicit_jurisdiction = True
                if loc.group:
                    cand.kind = "group"
                    cand.distribute = self._distributed_prefix(fl, end, loc.end, entry.name)
            elif entry.require_locality:
                return None
        elif entry.require_locality:
            return None
        if entry.kind == "office_holder":
            pend = self._person(fl, cand.end)
            if pend is not None:
                cand.end = pend
        return cand

    def _units_word_is_province(self, fl: _Flat, k: int, uend: int) -> bool:
        return " ".join(fl.low[k:uend]) in PROVINCE_UNITS

    def _locality(
        self, fl: _Flat, k: int, entry: EntrySpec, dj: str | None, titled: bool = False
    ) -> _Locality | None:
        """What follows a local body: "tỉnh [Quảng Nam]", "phường Ba Đình", "Hà Nội",
        "các huyện, thị xã, thành phố", "cấp tỉnh"."""
        low = fl.low[k] if k < fl.n else ""
        if low == "các" and self._joined(fl, k):
            grp = self._group(fl, k + 1, admin_only=True)
            if grp is not None:
                return _Locality(
                    grp.end, _join(fl.surf[k : grp.end]), _level(grp.levels), None, True
                )
            return None
        if low == "cấp" and self._joined(fl, k):
            unit = self._longest(self._units, fl, k + 1)
            if unit is not None:
                return _Locality(unit[0], _join(fl.surf[k : unit[0]]), unit[1], None, True)
            return None
        unit = self._longest(self._units, fl, k)
        if unit is not None:
            return self._unit_locality(fl, k, unit[0], unit[1], entry, dj, titled)
        prov = self._longest(self._provinces, fl, k)
        if prov is not None:
            # A bare province after the name ("Công an Hà Nội", "Thành đoàn Hà Nội").
            name = str(prov[1])
            if entry.locality == "drop":
                return _Locality(prov[0], "", "province", name, False)
            kind = self._province_kind.get(name, "tỉnh")
            suffix = kind if _same(name, dj) or dj is None else _join(fl.surf[k : prov[0]])
            return _Locality(prov[0], suffix, "province", name, False)
        return None

    def _unit_locality(
        self,
        fl: _Flat,
        k: int,
        uend: int,
        level: str,
        entry: EntrySpec,
        dj: str | None,
        titled: bool = False,
    ) -> _Locality | None:
        unit_text = _join(fl.surf[k:uend])
        is_province_unit = self._units_word_is_province(fl, k, uend)
        if entry.locality == "drop" and not is_province_unit:
            return None  # "Sở Tài chính huyện" is not a thing: leave the word to the text
        prov = None
        if is_province_unit and self._joined(fl, uend - 1):
            prov = self._longest(self._provinces, fl, uend)
        if prov is not None:
            name = str(prov[1])
            if entry.locality == "drop":
                return _Locality(prov[0], "", "province", name, False)
            if dj is not None and not _same(name, dj):
                return _Locality(prov[0], _join(fl.surf[k : prov[0]]), "province", name, False)
            return _Locality(prov[0], unit_text.lower(), "province", name, False)
        if entry.locality == "drop":
            return _Locality(uend, "", "province", None, False)
        if is_province_unit and fl.low[k] != "thành":
            return _Locality(uend, unit_text.lower(), "province", None, False)
        place = self._place_name(fl, uend)
        if place is not None and titled:
            # "Phó Chủ tịch UBND thành phố Lê Trung Chinh": after an office title, a full
            # name at the end of the capitalised run is the office holder, not the city.
            place = self._before_person(fl, uend, place)
        if place is not None:
            # "phường Ba Đình", "thành phố Hạ Long" (a city of a province), "phường 5".
            suffix = f"{unit_text.lower()} {_join(fl.surf[uend:place])}"
            return _Locality(place, suffix, "district" if is_province_unit else level, None, False)
        return _Locality(uend, unit_text.lower(), level, None, False)

    def _before_person(self, fl: _Flat, k: int, end: int) -> int | None:
        """End of the place name in the capitalised run k..end once a trailing person's full
        name (a family name and 2-3 more syllables, ending the run) is cut off; None when
        the whole run is that name."""
        for j in range(k, end):
            if (
                fl.low[j] in self._surnames
                and 3 <= end - j <= MAX_PERSON_WORDS
                and all(self._cap(fl, i) and fl.low[i].isalpha() for i in range(j, end))
            ):
                return j if j > k else None
        return end

    def _place_name(self, fl: _Flat, k: int) -> int | None:
        """End of a district/commune name at k: capitalised words joined by "-", or a
        number; not a person's name after a title (handled by the caller's person check)."""
        if k >= fl.n or not self._joined(fl, k - 1):
            return None
        if fl.low[k].isdigit():
            return k + 1
        if not self._cap(fl, k) or self._is_body_start(fl, k):
            return None
        end = k
        while end < fl.n and end - k < 6 and self._place_word(fl, k, end):
            end += 1
            if not self._joined(fl, end - 1):
                break
        while end > k and fl.low[end - 1] == "-":
            end -= 1
        return end if end > k else None

    def _place_word(self, fl: _Flat, k: int, j: int) -> bool:
        """Does word j continue the place name that starts at k?"""
        if self._cap(fl, j):
            return fl.low[j].isalpha() and not self._is_body_start(fl, j)
        if j == k or not self._cap(fl, j + 1) or self._is_body_start(fl, j + 1):
            return False
        if fl.low[j] == "-":
            return True  # "Văn Miếu - Quốc Tử Giám"
        # "Cộng hòa Liên bang Nga": one lower-case word between capitalised ones.
        return (
            fl.low[j].isalpha()
            and self._joined(fl, j)
            and self._longest(self._stops, fl, j) is None
        )

    def _is_body_start(self, fl: _Flat, k: int) -> bool:
        return (
            self._longest(self._heads, fl, k) is not None
            or self._longest(self._gaz, fl, k) is not None
            or self._longest(self._titles, fl, k) is not None
            or self._longest(self._cap_stops, fl, k) is not None
        )

    # -- open-class names ------------------------------------------------------------------

    def _open(self, fl: _Flat, k: int, titled: bool, dj: str | None) -> _Cand | None:
        """Head noun + capitalised name: "Cục Kiểm tra văn bản quy phạm pháp luật",
        "Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội", "trường Khoa học liên ngành ..."."""
        head = self._longest(self._heads, fl, k)
        if head is None:
            return None
        j, (level, lower_ok) = head
        if not (self._cap(fl, k) or lower_ok) or (fl.surf[k].isupper() and len(fl.surf[k]) > 1):
            return None  # "trụ sở Chính phủ" is not a "Sở"; an all-capital line is a heading
        # "Công ty cổ phần dịch vụ Tây Yên Tử", "Công ty TNHH MTV ...": legal-form words (one
        # after another) belong to the head, and the name may then start in lower case.
        mod = None
        while self._joined(fl, j - 1):
            more = self._longest(self._head_mods, fl, j)
            if more is None:
                break
            mod = more
            j = more[0]
        if not self._joined(fl, j - 1):
            return None
        if j < fl.n and fl.low[j] == "các":
            return self._distributive(fl, k, j, level)
        if mod is None and not self._cap(fl, j):
            return None
        if self._is_body_start(fl, j) and not self._head_extends(fl, j):
            return None
        inner = self._longest(self._heads, fl, j)
        # "Văn phòng Bộ Tư pháp" nests a known body; "Bộ Trung tâm Đăng kiểm" does not.
        if (
            inner is not None
            and self._cap(fl, inner[0])
            and self._joined(fl, inner[0] - 1)
            and self._longest(self._gaz, fl, j) is None
        ):
            return None
        free = self._business_line(fl, j) if mod is not None and not self._cap(fl, j) else j
        end, jurisdiction, explicit = self._name_run(fl, j, titled, free)
        if end <= j or not self._head_accepts(fl, k, head[0], j, end):
            return None
        canonical = _join(fl.surf[k:end])
        if jurisdiction is not None:
            canonical = self._strip_province(fl, k, end, canonical, jurisdiction, dj)
        return _Cand(
            end,
            canonical,
            "body",
            level,
            jurisdiction,
            "open:" + " ".join(fl.low[k : head[0]]),
            explicit,
        )

    def _head_accepts(self, fl: _Flat, k: int, hend: int, j: int, end: int) -> bool:
        """May the name j..end follow head k..hend? See ``HeadSpec``."""
        key = tuple(fl.low[k:hend])
        spec = self._head_specs.get(key)
        if spec is None:
            return True
        trie = self._continuations.get(key)
        if trie is not None:
            hit = self._longest(trie, fl, j)
            if hit is None or hit[0] > end:
                return False
        if not spec.proper_ok:
            if self._longest(self._provinces, fl, j) is not None:
                return False  # "Khu Hà Nội ...": a place
            c = j
            while c < end and (self._cap(fl, c) or not fl.low[c].isalpha()):
                c += 1
            if c == end or (not self._attached(fl, c) and self._verb(fl, c)):
                # "Hội An", "Đoàn Ngọc Hải cho biết": capitalised syllables that end the name or
                # are followed by the sentence's verb are a place or a person ("Hội Nông dân"
                # and "Hội Luật gia" go on with a word of the name).
                return False
        return True

    def _head_extends(self, fl: _Flat, j: int) -> bool:
        """A head noun may continue with a word that is itself a head when that word is
        part of the name ("Văn phòng Bộ", "Bộ Tư lệnh", "Ban Chỉ đạo")."""
        return self._longest(self._titles, fl, j) is None and (
            self._longest(self._cap_stops, fl, j) is None
        )

    def _business_line(self, fl: _Flat, j: int) -> int:
        """A company's lower-case business line after its legal form runs to the proper name
        that ends it ("Công ty cổ phần tư vấn đầu tư xây dựng Hà Thành"): the index of that
        capitalised word, before which two-syllable verbs ("đầu tư") do not end the name; j
        when no such name follows (a preposition, a body or punctuation comes first)."""
        k = j
        while k < fl.n and k - j < MAX_NAME_WORDS and (k == j or self._joined(fl, k - 1)):
            if self._cap(fl, k):
                ok = fl.low[k].isalpha() and k > j and not self._is_body_start(fl, k)
                return k if ok else j
            if not fl.low[k].isalpha():
                return j
            stop = self._longest(self._stops, fl, k)
            if stop is not None and stop[0] - k == 1 and self._stop_fires(fl, k):
                return j  # "tại", "của", "cho": the sentence goes on
            k += 1
        return j

    def _attached(self, fl: _Flat, k: int) -> bool:
        """Is lower-case syllable k the second syllable of a word that starts at k - 1? Only
        a word's first syllable is capitalised in a name ("Phát thanh", "Truyền hình")."""
        return k > 0 and fl.low[k].isalpha() and (fl.low[k - 1], fl.low[k]) in _compounds()

    def _stop_fires(self, fl: _Flat, k: int) -> bool:
        """Does a stop word at k end the name? A stop phrase of two or more syllables always
        does; a one-syllable stop not when it is a syllable of a longer word."""
        stop = self._longest(self._stops, fl, k)
        if stop is None:
            return False
        return stop[0] - k > 1 or not self._in_compound(fl, k)

    def _in_compound(self, fl: _Flat, k: int) -> bool:
        """Does stop syllable k form a two-syllable word with a neighbour, so that it is not
        the verb it would be alone ("công trình", "giao thông" in "Cảnh sát giao thông")?"""
        if self._attached(fl, k) and not self._cap(fl, k - 1):
            return True  # "công trình" (after a capital, "Ngoài ra" ends the name)
        nxt = k + 1
        if nxt >= fl.n or not self._joined(fl, k) or not self._attached(fl, nxt):
            return False
        # The word it starts may itself be a verb ("cấp phép"): ask the tagger, on two words.
        tokens = _pos_tokens(fl.text, fl.start[k], fl.end[nxt])
        return bool(tokens) and len(tokens) == 1 and not tokens[0].pos.startswith("V")

    def _verb(self, fl: _Flat, k: int) -> bool:
        """Does the lower-case run at k open with a verb or a preposition ("qua", "tới")? The
        tagger sees only these few words."""
        end = k
        while end < fl.n and end - k < 4 and fl.low[end].isalpha() and not self._cap(fl, end):
            end += 1
            if not self._joined(fl, end - 1):
                break
        tokens = _pos_tokens(fl.text, fl.start[k], fl.end[end - 1])
        return bool(tokens) and tokens[0].pos[:1] in ("V", "E")

    def _name_run(
        self, fl: _Flat, j: int, titled: bool, free: int = 0
    ) -> tuple[int, str | None, bool]:
        """Extent of the proper name that starts at word j (stop words do not apply before
        ``free``: a company's business line)."""
        end = j
        words = 0
        seen_lower = back_to_caps = False
        lower_words = 0  # words (not syllables) of the current lower-case run
        run_start = j  # first syllable of the run that is not part of a capitalised word
        while end < fl.n and words < MAX_NAME_WORDS:
            if end > j and not self._joined(fl, end - 1):
                break
            low = fl.low[end]
            if self._cap(fl, end):
                if end > j and self._stops_name(fl, end, titled):
                    break
                back_to_caps = seen_lower
                lower_words = 0
                end += 1
                words += 1
                continue
            attached = end > j and self._attached(fl, end)
            if low.isalpha():
                seen_lower = True
                if attached and self._cap(fl, end - 1):
                    run_start = end + 1  # "Truyền hình": part of the capitalised word
                elif not attached:
                    if lower_words == 0:
                        run_start = end
                    lower_words += 1
                    # Once the name went back to capitals ("Ban Thi đua Khen thưởng"), a
                    # lower-case run is a word or two ("Kinh doanh vốn nhà nước"); longer is
                    # the sentence going on, and so is a verb ("Tây Yên Tử đẩy nhanh").
                    if back_to_caps and lower_words > 2:
                        end = run_start  # give the run back to the sentence
                        break
                    if back_to_caps and self._verb(fl, end):
                        break
            if low in (",", "-", "và"):
                if not self._connector_continues(fl, end):
                    break
                end += 1
                continue
            if not low.isalpha():
                break
            if end >= free and self._stop_fires(fl, end):
                break
            unit = self._longest(self._units, fl, end)
            if unit is not None and self._units_word_is_province(fl, end, unit[0]):
                prov = self._longest(self._provinces, fl, unit[0])
                if prov is not None and self._joined(fl, unit[0] - 1):
                    return prov[0], str(prov[1]), True
            end += 1
            words += 1
        while end > j and fl.low[end - 1] in (",", "-", "và"):
            end -= 1
        return end, None, False

    def _stops_name(self, fl: _Flat, k: int, titled: bool) -> bool:
        if self._longest(self._cap_stops, fl, k) is not None:
            return True
        if self._longest(self._titles, fl, k) is not None:
            return True
        if fl.low[k] in ("ủy", "hội") and self._longest(self._gaz, fl, k) is not None:
            return True  # "... UBND tỉnh": another body starts
        # After a title, a family name followed by capitalised words is the person.
        return titled and fl.low[k] in self._surnames and self._cap(fl, k + 1)

    def _connector_continues(self, fl: _Flat, k: int) -> bool:
        """A connector ("," "-" "và") inside a name: only when the next word belongs to the same name
        (not another body, a group or a verb)."""
        nxt = k + 1
        if nxt >= fl.n or not self._joined(fl, k):
            return False
        if fl.low[nxt] == "các" or self._is_body_start(fl, nxt):
            return False
        if self._longest(self._group_nouns, fl, nxt) is not None and not self._cap(fl, nxt):
            return False
        if self._cap(fl, nxt):
            return fl.low[nxt].isalpha()
        if fl.low[k] == ",":
            return False  # ", lower-case" is the next item of a list, not the name
        return fl.low[nxt].isalpha() and self._longest(self._stops, fl, nxt) is None

    def _strip_province(
        self, fl: _Flat, k: int, end: int, canonical: str, province: str, dj: str | None
    ) -> str:
        """Drop "Hà Nội" from "... thành phố Hà Nội" unless it is another province."""
        if dj is not None and not _same(province, dj):
            return canonical
        words = fl.surf[k:end]
        node_end = end
        # The province name is the tail of the run; cut it by walking back to the unit word.
        for cut in range(end - 1, k, -1):
            hit = self._longest(self._provinces, fl, cut)
            if hit is not None and hit[0] == end:
                node_end = cut
                break
        return _join(words[: node_end - k])

    # -- groups -----------------------------------------------------------------------------

    def _group_mention(self, fl: _Flat, k: int) -> _Cand | None:
        """A group ("các sở, ban, ngành", "cơ quan, đơn vị liên quan" ), written as in the
        text with "Các" first."""
        has_cac = fl.low[k] == "các"
        start = k + 1 if has_cac else k
        if has_cac and not self._joined(fl, k):
            return None
        grp = self._group(fl, start, admin_only=False)
        if grp is None:
            return None
        if has_cac and grp.nouns == 1 and self._distributive(fl, start, grp.end, None):
            return None  # "các Đại sứ quán các nước: A, B": one body per name, found next
        if not has_cac and grp.nouns < 2 and not grp.modified:
            return None  # a bare "đơn vị" is a word, not a mention
        end = grp.end
        if has_cac and not grp.modified:
            end = self._qualifier(fl, end)
        words = fl.surf[start:end]
        canonical = "Các " + _join(words)
        return _Cand(end, canonical, "group", _level(grp.levels), None, "group")

    def _qualifier(self, fl: _Flat, k: int) -> int:
        """A short lower-case noun phrase that qualifies a bare group noun before the verb
        ("các hiệp hội gỗ và lâm sản thực hiện ...", "các doanh nghiệp dệt may chủ động"): kept
        when the tagger reads nouns (and "và") up to a verb or a stop word, within
        ``max_group_qualifier`` syllables."""
        limit = self._rules.max_group_qualifier
        end = k
        while (
            end < fl.n
            and end - k <= limit
            and self._joined(fl, end - 1)
            and fl.low[end].isalpha()
            and not self._cap(fl, end)
            and self._longest(self._stops, fl, end) is None
            and self._longest(self._group_nouns, fl, end) is None
        ):
            end += 1
        if end == k or end - k > limit:
            return k
        # The tagger reads the run with the word after it (the stop phrase, whole).
        after = self._longest(self._stops, fl, end) if end < fl.n else None
        stop = after[0] if after is not None else end
        tokens = _pos_tokens(fl.text, fl.start[k], fl.end[stop - 1])
        kept = k
        verb_follows = False
        for token in tokens:
            if token.pos.startswith("V"):
                verb_follows = True
                break
            if end < fl.n and token.end > fl.start[end]:
                break  # the word after the run is not a verb ("của", "kế hoạch")
            if token.pos not in ("N", "Nc", "C") or (token.pos == "C" and token.text != "và"):
                return k
            kept = self._flat_index_after(fl, token.end, kept)
        if not verb_follows or kept == k or fl.low[kept - 1] == "và":
            return k
        return kept

    def _group(self, fl: _Flat, k: int, admin_only: bool) -> _Group | None:
        nouns_trie = self._admin_nouns if admin_only else self._group_nouns
        levels: frozenset[str] | None = None
        j = k
        good = -1
        count = 0
        modified = False
        while j < fl.n:
            noun = self._longest(nouns_trie, fl, j)
            if noun is None:
                break
            if noun[0] - j == 1 and noun[0] < fl.n and self._attached(fl, noun[0]):
                break  # "bộ phận" is not the group noun "bộ"
            if self._cap(fl, j) and self._cap(fl, noun[0]) and self._joined(fl, noun[0] - 1):
                break  # "Sở Tài chính" after a list is a named body, not the group noun "sở"
            merged = _merge_levels(levels, noun[1])
            if merged is False:
                break
            levels = merged if merged is not True else levels
            j = noun[0]
            count += 1
            good = j
            j, mod = self._modifiers(fl, j)
            if mod:
                modified = True
                good = j
            if j < fl.n and fl.low[j] in (",", "và") and self._joined(fl, j):
                nxt = j + 1
                if nxt < fl.n and fl.low[nxt] != "các" and self._joined(fl, nxt - 1):
                    j = nxt
                    continue
            break
        if count == 0:
            return None
        return _Group(good, levels, count, modified)

    def _modifiers(self, fl: _Flat, j: int) -> tuple[int, bool]:
        """Qualifiers after a group noun: "chức năng", "có liên quan", "thuộc Bộ Tư pháp"."""
        modified = False
        while j < fl.n and self._joined(fl, j - 1):
            mod = self._longest(self._group_mods, fl, j)
            link = self._longest(self._body_links, fl, j)
            if link is not None:
                body_end = self._linked_body(fl, link[0])
                if body_end is not None and (mod is None or body_end > mod[0]):
                    j = body_end
                    modified = True
                    continue
            if mod is None:
                break
            j = mod[0]
            modified = True
        return j, modified

    def _linked_body(self, fl: _Flat, k: int) -> int | None:
        if k >= fl.n or not self._joined(fl, k - 1) or not self._cap(fl, k):
            return None
        gaz = self._longest(self._gaz, fl, k)
        opened = self._open(fl, k, False, None)
        ends = [c for c in (gaz[0] if gaz else None, opened.end if opened else None) if c]
        if ends:
            return max(ends)
        # "thuộc Bộ", "thuộc Thành phố": a capitalised head or unit standing for "our" body.
        head = self._longest(self._heads, fl, k) or self._longest(self._units, fl, k)
        return head[0] if head is not None else None

    # -- distributive lists: "UBND các phường: Ba Đình, Hoàn Kiếm" ------------------------

    def _headless_list(self, fl: _Flat, k: int) -> _Cand | None:
        """A headless list: "các Bộ Khoa học và Công nghệ, Y tế, Nông nghiệp ..." names several bodies of one
        head; each item is a gazetteer name once the head is put back."""
        head = k + 1
        if head >= fl.n or not self._cap(fl, head) or fl.low[head] not in ("bộ", "sở"):
            return None
        if head + 2 < fl.n and fl.low[head + 1] == ":" and self._joined(fl, head + 1):
            # "các Bộ: Công an, Tư pháp, Tài chính": the head stands before a colon.
            first = self._gaz_with_prefix(fl.low[head], fl, head + 2)
            item_start = head + 2
        else:
            first = self._longest(self._gaz, fl, head)
            item_start = head
        if first is None:
            return None
        items = [(item_start, first[0], self._entries[first[1]])]
        j = first[0]
        while j + 1 < fl.n and fl.low[j] in (",", "và") and self._joined(fl, j):
            hit = self._gaz_with_prefix(fl.low[head], fl, j + 1)
            if hit is None:
                break
            items.append((j + 1, hit[0], self._entries[hit[1]]))
            j = hit[0]
        if len(items) < 2 and item_start == head:
            return None
        cand = _Cand(j, "", "group", "central", None, "list:" + fl.low[head])
        cand.items = [(s, e, entry) for s, e, entry in items]
        return cand

    def _gaz_with_prefix(self, prefix: str, fl: _Flat, k: int) -> tuple[int, int] | None:
        """The gazetteer entry "<prefix> <words at k>" ("các Bộ: Công an" -> Bộ Công an)."""
        node = self._gaz.get(prefix)
        return None if node is None else self._longest(node, fl, k)

    def _distributed_prefix(self, fl: _Flat, k: int, end: int, name: str) -> str | None:
        """A distributive "các phường" followed by ":" distributes the body over a list of names."""
        if end - k != 2 or fl.low[k] != "các" or end >= fl.n or fl.low[end] != ":":
            return None
        return f"{name} {fl.low[k + 1]}"

    def _distributive(self, fl: _Flat, k: int, j: int, level: Level | None) -> _Cand | None:
        """A distributive head: "Đại sứ quán các nước: Trung Quốc, Ấn Độ" -> one embassy per name."""
        nxt = j + 2
        if (
            nxt >= fl.n
            or fl.low[j] != "các"
            or fl.low[j + 1] not in self._distributive_nouns
            or fl.low[nxt] != ":"
        ):
            return None
        cand = _Cand(nxt, "", "group", level, None, "open:" + " ".join(fl.low[k:j]))
        cand.distribute = _join(fl.surf[k:j])
        return cand

    def _distributed(self, fl: _Flat, k: int, cand: _Cand, dj: str | None) -> list[AgencyMention]:
        names: list[tuple[int, int]] = []
        j = cand.end + 1  # after ":"
        while j < fl.n and self._joined(fl, j - 1):
            end = self._place_name(fl, j)
            if end is None or not fl.last[end - 1]:
                break
            names.append((j, end))
            j = end
            if j < fl.n and fl.low[j] in (",", "và") and self._joined(fl, j):
                j += 1
                continue
            break
        mentions = []
        for index, (s, e) in enumerate(names):
            first = k if index == 0 else s
            one = _Cand(
                e,
                f"{cand.distribute} {_join(fl.surf[s:e])}",
                "body",
                cand.level,
                None,
                cand.rule_id + ":list",
            )
            mentions.append(self._mention(fl, first, one, dj))
        return mentions

    @staticmethod
    def _flat_index_after(fl: _Flat, offset: int, k: int) -> int:
        while k < fl.n and fl.start[k] < offset:
            k += 1
        return k

    # -- output -----------------------------------------------------------------------------

    def _mention(self, fl: _Flat, k: int, cand: _Cand, dj: str | None) -> AgencyMention:
        start, end = fl.start[k], fl.end[cand.end - 1]
        jurisdiction = cand.jurisdiction
        if jurisdiction is None and cand.level not in ("central", "foreign", "enterprise"):
            jurisdiction = dj
        canonical = cand.canonical
        if cand.kind == "group" and not canonical.lower().startswith("các"):
            canonical = _capitalize(canonical)
        return AgencyMention(
            start=start,
            end=end,
            raw=fl.text[start:end],
            rule_id=cand.rule_id,
            canonical=_canonical_form(canonical),
            kind=cand.kind,
            level=cand.level,
            jurisdiction=jurisdiction,
        )


def _same(province: str, other: str | None) -> bool:
    return other is not None and _key(province) == _key(other)


def _level(levels: frozenset[str] | None) -> str | None:
    if not levels:
        return None
    if len(levels) == 1:
        return next(iter(levels))
    return "province" if "province" in levels else sorted(levels)[0]


def _merge_levels(
    current: frozenset[str] | None, new: frozenset[str] | None
) -> frozenset[str] | bool:
    """Levels of a group after one more noun; False when the noun starts another group
    ("các sở, ngành, phường, xã" -> "Các sở, ngành" + "Các phường, xã")."""
    if new is None:
        return True
    if current is None:
        return new
    both = current & new
    return both if both else False
