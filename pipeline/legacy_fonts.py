"""Legacy Vietnamese font encodings (VNI, TCVN3) found and converted to Unicode.

A text typed in a VNI or TCVN3 font stores Vietnamese letters at the code points of
Western ones: read as Windows-1252 it is mojibake ("Ñoäc laäp" for "Độc lập", "§éc lËp" in
TCVN3). No charset detector knows these fonts, since the bytes are valid Windows-1252; what
gives them away is that the text's words are not Vietnamese syllables until converted. So
each reading (as it stands, VNI, TCVN3) is scored by its share of well-formed syllables and
the best one is taken only when it is clearly better. Tables and thresholds are in
``rules/legacy_fonts.yaml``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
from pydantic import BaseModel

from pipeline.rules import RULES_DIR, RuleFileError, read_yaml

# Tone marks (NFD): a syllable carries at most one.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
# A letter of a text that is already Unicode Vietnamese and outside Windows-1252: its line is
# not in a legacy font (a document can mix a Unicode header with a VNI body).
_UNICODE_VIETNAMESE_RE = regex.compile(r"[\u0100-\u024F\u1EA0-\u1EFF]")


class _Table(BaseModel):
    letters: list[dict[str, str]]
    upper_case: bool = False
    capitals_in_upper_words: bool = False


class _Syllable(BaseModel):
    initials: list[str]
    finals: list[str]
    max_vowels: int


class _Detection(BaseModel):
    min_words: int
    min_valid_share: float
    min_gain_share: float


class _Config(BaseModel):
    tables: dict[str, _Table]
    syllable: _Syllable
    detection: _Detection


@dataclass(frozen=True)
class _Converter:
    name: str
    pattern: regex.Pattern[str]
    mapping: dict[str, str]
    capitals_in_upper_words: bool

    def convert(self, text: str) -> str:
        out = self.pattern.sub(lambda m: self.mapping[m.group()], text)
        if self.capitals_in_upper_words:
            out = _LETTERS_RE.sub(_capitalised, out)
        return out


_LETTERS_RE = regex.compile(r"\p{L}+")


def _capitalised(match: regex.Match[str]) -> str:
    """ "QUYếT" -> "QUYẾT", "ĐịA" -> "ĐỊA": a word with two capitals and no small ASCII
    letter is in capitals; "Tự" keeps its case."""
    word = match.group()
    capitals = sum(ch.isupper() for ch in word)
    if capitals >= 2 and not any(ch.isascii() and ch.islower() for ch in word):
        return word.upper()
    return word


@dataclass(frozen=True)
class LegacyFonts:
    converters: tuple[_Converter, ...]
    syllable_re: regex.Pattern[str]
    word_re: regex.Pattern[str]
    signature_re: regex.Pattern[str]
    detection: _Detection

    @classmethod
    def load(cls, rules_dir: Path = RULES_DIR) -> LegacyFonts:
        path = rules_dir / "legacy_fonts.yaml"
        try:
            cfg = _Config.model_validate(read_yaml(path))
            converters = tuple(_converter(name, t) for name, t in cfg.tables.items())
        except ValueError as exc:
            raise RuleFileError(f"{path}: {exc}") from exc
        legacy_chars = {ch for c in converters for key in c.mapping for ch in key}
        letters = {ch for c in converters for ch in c.mapping.values()}
        # Characters of legacy text that no Unicode Vietnamese text has ("ø", "ñ", "§", "¸"):
        # a text without them is not looked at further.
        foreign = "".join(sorted(ch for ch in legacy_chars - letters if not ch.isascii()))
        legacy = "".join(sorted(ch for ch in legacy_chars if not ch.isascii()))
        syl = cfg.syllable
        return cls(
            converters=converters,
            syllable_re=regex.compile(
                rf"(?:{'|'.join(syl.initials)})?"
                rf"[{''.join(sorted(_VOWELS))}]{{1,{syl.max_vowels}}}"
                rf"(?:{'|'.join(syl.finals)})?",
                regex.IGNORECASE,
            ),
            word_re=regex.compile(rf"[\p{{L}}\p{{M}}{regex.escape(legacy)}]+"),
            signature_re=regex.compile(rf"[{regex.escape(foreign)}]"),
            detection=cfg.detection,
        )

    @property
    def names(self) -> frozenset[str]:
        return frozenset(c.name for c in self.converters)

    def convert(self, text: str, name: str) -> str:
        """``text`` read as written in the font ``name`` ("vni", "tcvn3")."""
        return next(c for c in self.converters if c.name == name).convert(text)

    def is_syllable(self, word: str) -> bool:
        """ "Độc", "nghiêng", "khuỷu" are; "Ñoäc", "ẹoọc", "déjà" are not."""
        parts = unicodedata.normalize("NFD", word)
        if sum(ch in _TONES for ch in parts) > 1:
            return False
        bare = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES))
        return self.syllable_re.fullmatch(bare) is not None

    def repair(self, text: str) -> tuple[str, str | None]:
        """``text`` with its legacy-font lines converted, and the font's name (or None)."""
        if len(self.signature_re.findall(text)) < self.detection.min_words:
            return text, None
        lines = text.split("\n")
        legacy = [k for k, line in enumerate(lines) if not _UNICODE_VIETNAMESE_RE.search(line)]
        sample = "\n".join(lines[k] for k in legacy)
        words = [w for w in self.word_re.findall(sample) if not w.isascii()]
        if len(words) < self.detection.min_words:
            return text, None
        here = self._valid(words)
        best, best_valid = None, here
        for converter in self.converters:
            valid = self._valid([converter.convert(w) for w in words])
            if valid > best_valid:
                best, best_valid = converter, valid
        d = self.detection
        if (
            best is None
            or best_valid < d.min_valid_share * len(words)
            or best_valid - here < d.min_gain_share * len(words)
        ):
            return text, None
        for k in legacy:
            lines[k] = best.convert(lines[k])
        return "\n".join(lines), best.name

    def _valid(self, words: list[str]) -> int:
        return sum(self.is_syllable(w) for w in words)

    def syllable_share(self, text: str) -> float:
        """Share of the words with a non-ASCII letter that are Vietnamese syllables."""
        words = [w for w in self.word_re.findall(unicodedata.normalize("NFC", text))]
        words = [w for w in words if not w.isascii()]
        return self._valid(words) / len(words) if words else 0.0


def _converter(name: str, table: _Table) -> _Converter:
    mapping: dict[str, str] = {}
    forms: list[tuple[str, str]] = []
    for row in table.letters:
        for letter, legacy in row.items():
            forms.append((legacy, letter))
            if table.upper_case:
                forms.append((legacy.upper(), letter.upper()))
                if len(legacy) == 2 and legacy[0].isascii():
                    forms.append((legacy[0].upper() + legacy[1], letter.upper()))
    for legacy, letter in forms:
        if mapping.setdefault(legacy, letter) != letter:
            raise ValueError(
                f"table {name}: {legacy!r} stands for both {mapping[legacy]} and {letter}"
            )
    keys = sorted(mapping, key=len, reverse=True)  # "ôù" (ớ) before "ô" (ơ)
    pattern = regex.compile("|".join(regex.escape(k) for k in keys))
    return _Converter(name, pattern, mapping, table.capitals_in_upper_words)


# Windows-1252 leaves five bytes undefined; legacy fonts do not use them, so they are read
# as Latin-1 rather than refused.
_CP1252_HIGH = {b: bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xA0)}
_CP1252_TRANSLATE = {b: ch for b, ch in _CP1252_HIGH.items() if ch}


def as_windows_1252(data: bytes) -> str:
    """Bytes as the Windows-1252 characters a legacy font's text is written with."""
    return data.decode("latin-1").translate(_CP1252_TRANSLATE)


@cache
def legacy_fonts(rules_dir: Path = RULES_DIR) -> LegacyFonts:
    return LegacyFonts.load(rules_dir)
