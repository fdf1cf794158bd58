"""Many regexes over one text without one full pass of the text per regex.

Python's regex engines try a pattern at every position of the text; for a pattern that opens
with a lookbehind ("(?<!\\w)" before nearly every rule) or an alternation, that costs tens
of nanoseconds a character, and dozens of rules over a 6,000-character document add up to
most of the extraction time.  Two facts read off each pattern's syntax tree avoid that work:

- *anchors*: strings of which every match contains one (a quarter needs "quý"); a text that
  lacks one is skipped without running the pattern;
- *openings*: strings with which every match starts ("trong", "trước", "định", a digit); the
  pattern is tried only where one of them occurs, found with ``str.find`` in the case-folded
  text (done once a text and shared by all patterns that ask).

Both are derived, never listed by hand, and both are exact: a pattern whose syntax the
analysis does not follow gets none and is scanned in full.  :func:`finditer` yields the very
matches of ``pattern.finditer(text, start, end)``: a match can only begin at an opening, and
trying those positions in order, each from the end of the match before, is what the engine's
own scan does.  Case: the text and the strings are compared case-folded, so an IGNORECASE
pattern finds its upper-case matches; a text whose folding changes its length (a rare letter
such as "ẞ") is scanned in full.
"""

from __future__ import annotations

import importlib
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

# The standard library's regex parser (private, hence imported by name), used only to read
# these facts off a pattern; a Python without it simply scans every pattern in full.
_sre_parse: Any
_sre_c: Any
try:
    _sre_parse = importlib.import_module("re._parser")
    _sre_c = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover
    _sre_parse = _sre_c = None

# Openings that are not literals are named with an upper-case letter, which no case-folded
# literal contains.
DIGIT = "<D>"  # any decimal digit
# SPACED + s: the white space right before s ("\\s+(?=Chủ trì)"), each of its positions (an
# engine's scan reaches the first one that matches, which need not be the run's first).
SPACED = "<S>"
_MAX_OPENINGS = 64  # more alternatives than this select nothing: scan in full
_MAX_CLASS = 16  # a character class of up to this many letters opens with each of them
_SHORT = 300  # a text this short is cheaper to scan than to index


@dataclass(frozen=True)
class Prefilter:
    """What every match of one pattern must contain and start with."""

    anchors: tuple[frozenset[str], ...] = ()
    openings: frozenset[str] | None = None  # None: unknown, scan in full
    # The pattern tried at one position.  The regex module looks for a pattern's "required
    # string" from the position to the end of the text before each attempt, which makes one
    # attempt cost a scan; an alternative that never matches ("|(?!)") has no required
    # string and changes no match.
    probe: regex.Pattern[str] | None = None
    # The pattern opens with (?<!\w) ("word") or another lookbehind that excludes a digit
    # before the match ("digit"): a match opening with a digit starts a run of digits.
    after: str = ""

    @classmethod
    def of(cls, pattern: regex.Pattern[str]) -> Prefilter:
        # The standard parser reads version-0 syntax without the pattern's flags: a verbose
        # or version-1 pattern (set operations in classes) gets no prefilter.
        if pattern.flags & (regex.VERBOSE | regex.V1):
            return cls()
        tree = _parse(pattern.pattern)
        if tree is None:
            return cls()
        anchors = tuple(dict.fromkeys(_required(tree)))
        openings = _openings(tree)
        probe = None
        if openings is not None:
            probe = regex.compile(f"(?:{pattern.pattern}|(?!))", pattern.flags)
        # \w and \d as the tables below read them: Unicode, as without ASCII or LOCALE.
        unicode = not pattern.flags & (regex.ASCII | regex.LOCALE)
        after = _not_after(tree[0]) if tree and unicode else ""
        return cls(anchors, openings, probe, after)


class TextIndex:
    """One text, case-folded once, and where each opening occurs in it (found on demand)."""

    __slots__ = ("_hits", "_starts", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        folded = text.casefold()
        self.folded: str | None = folded if len(folded) == len(text) else None
        self._hits: dict[tuple[str, str], list[int]] = {}
        self._starts: dict[tuple[frozenset[str], str], list[int]] = {}

    def hits(self, s: str, after: str = "") -> list[int]:
        """Sorted positions of ``s`` (case-folded), or of any digit for DIGIT.  After
        "word": only those not preceded by a word character; after "digit", a digit only
        where no digit precedes it."""
        key = (s, after)
        found = self._hits.get(key)
        if found is None:
            found = self._hits[key] = self._find_all(s, after)
        return found

    def _find_all(self, s: str, after: str) -> list[int]:
        if after == "word" or (after == "digit" and s == DIGIT):
            excluded = _IS_WORD if after == "word" else _IS_DIGIT
            text = self.text
            return [i for i in self.hits(s) if i == 0 or not excluded[text[i - 1]]]
        if after:
            return self.hits(s)
        if s.startswith(SPACED):
            return self._spaces_before(self.hits(s[len(SPACED) :]))
        if s == DIGIT:
            return [m.start() for m in _DIGITS_RE.finditer(self.text)]
        assert self.folded is not None
        out: list[int] = []
        find = self.folded.find
        i = find(s)
        while i >= 0:
            out.append(i)
            i = find(s, i + 1)
        return out

    def _spaces_before(self, hits: list[int]) -> list[int]:
        text = self.text
        out: set[int] = set()
        for q in hits:
            p = q
            while p > 0 and _IS_SPACE[text[p - 1]]:
                p -= 1
            out.update(range(p, q))
        return sorted(out)

    def starts(self, pf: Prefilter, start: int, end: int) -> list[int]:
        """Sorted positions in [start, end) where a match of the pattern may begin."""
        assert pf.openings is not None
        key = (pf.openings, pf.after)
        every = self._starts.get(key)  # patterns of one family share their openings
        if every is None:
            found: set[int] = set()
            for s in pf.openings:
                found.update(self.hits(s, pf.after))
            every = self._starts[key] = sorted(found)
        return every[bisect_left(every, start) : bisect_left(every, end)]


_recent: list[TextIndex] = []
_RECENT = 4  # a document, a raw text being normalised, a field or two


def index_of(text: str) -> TextIndex:
    """The index of ``text``, kept for the few texts read last: a document is read by several
    extractors, whole and then span by span."""
    recent = _recent[:]  # replaced whole, never changed in place: safe beside other threads
    for index in recent:
        if index.text is text:
            return index
    index = TextIndex(text)
    _recent[:] = [index, *recent[: _RECENT - 1]]
    return index


class _CharClass(dict[str, bool]):
    """Is a character in a regex class?  Asked of the regex module once per character."""

    def __init__(self, pattern: str) -> None:
        super().__init__()
        self._match = regex.compile(pattern).match

    def __missing__(self, ch: str) -> bool:
        found = self[ch] = self._match(ch) is not None
        return found


_DIGITS_RE = regex.compile(r"\d")
_IS_WORD = _CharClass(r"\w")
_IS_DIGIT = _CharClass(r"\d")
_IS_SPACE = _CharClass(r"\s")


def may_match(pf: Prefilter, folded: str, seen: dict[frozenset[str], bool]) -> bool:
    """False when ``folded`` lacks one of the pattern's anchors (``seen`` caches the answer
    per anchor set across the patterns of one text)."""
    for group in pf.anchors:
        hit = seen.get(group)
        if hit is None:
            hit = seen[group] = any(a in folded for a in group)
        if not hit:
            return False
    return True


def finditer(
    pattern: regex.Pattern[str], pf: Prefilter, text: str, start: int, end: int
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, start, end)``, trying the pattern only at its openings."""
    # A long text is indexed once; a span of it, however short, is then two bisections.
    index = index_of(text) if len(text) >= _SHORT and pf.probe is not None else None
    if index is None or index.folded is None or pf.openings is None or pf.probe is None:
        yield from pattern.finditer(text, start, end)
        return
    pos = start
    match = pf.probe.match
    for p in index.starts(pf, start, end):
        if p < pos:
            continue
        m = match(text, p, end)
        if m is not None:
            yield m
            pos = m.end()


def sub(
    pattern: regex.Pattern[str],
    pf: Prefilter,
    replace: Callable[[regex.Match[str]], str],
    text: str,
) -> str:
    """``pattern.sub(replace, text)``, trying the pattern only at its openings."""
    pieces, last = [], 0
    for m in finditer(pattern, pf, text, 0, len(text)):
        pieces += [text[last : m.start()], replace(m)]
        last = m.end()
    return "".join([*pieces, text[last:]]) if pieces else text


def folded(text: str, start: int, end: int) -> str:
    """``text[start:end].casefold()``, from the text's index when the text is long."""
    index = index_of(text) if len(text) >= _SHORT else None
    if index is None or index.folded is None:
        return text[start:end].casefold()
    return index.folded[start:end]


# --------------------------------------------------------------------------- analysis
#
# Over the standard parser's untyped (opcode, argument) list.  Lookarounds never count (they
# consume nothing), character classes and \s break a literal run.


def _parse(pattern: str) -> list[Any] | None:
    if _sre_parse is None:
        return None
    # Group names and back-references only matter to matching: drop them (the regex module
    # allows a name twice, the standard parser does not).
    plain = regex.sub(r"\(\?P=\w+\)", "(?:.)", pattern)
    plain = regex.sub(r"\(\?P<\w+>", "(?:", plain)
    # A Unicode property ("\p{L}") reads as some class the analysis does not expand.
    plain = regex.sub(r"\\[pP]\{\w+\}", lambda _: "\\W", plain)
    try:
        return list(_sre_parse.parse(plain, 0))
    except _sre_c.error:  # syntax only the regex module knows: no prefilter
        return None


def _required(items: Any) -> list[frozenset[str]]:
    """Sets of strings, one of each occurring in every match of the parsed sequence."""
    found: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is _sre_c.LITERAL:
            run += chr(arg).casefold()
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        if op is _sre_c.SUBPATTERN:
            found += _required(arg[-1])
        elif op is _sre_c.BRANCH:
            branches = [_required(b) for b in arg[1]]
            if all(branches):
                found.append(frozenset().union(*(_best(b) for b in branches)))
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT):
            low, _, sub = arg
            if low >= 1:
                found += _required(sub)
    if run:
        found.append(frozenset([run]))
    return found


def _best(sets: list[frozenset[str]]) -> frozenset[str]:
    """The most selective set: longest shortest string, then fewest strings."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)))


def _openings(items: list[Any]) -> frozenset[str] | None:
    """Strings one of which starts every match; None when that cannot be said (a match may
    start with any character, or be empty)."""
    found = _prefixes(items, 0)
    if found is None or len(found) > _MAX_OPENINGS or any(not s for s, _ in found):
        return None
    # "trong" makes "trong vòng" redundant: the shorter one finds both.
    strings = sorted({s for s, _ in found}, key=len)
    kept: list[str] = []
    for s in strings:
        if not any(s.startswith(k) for k in kept if k != DIGIT and _spaced(k) == _spaced(s)):
            kept.append(s)
    return frozenset(kept)


_Prefixes = set[tuple[str, bool]]  # (string, whole): whole = the string is the entire match


def _prefixes(items: list[Any], k: int) -> _Prefixes | None:
    """Prefixes of every match of ``items[k:]``."""
    if k == len(items):
        return {("", True)}
    op, arg = items[k]
    if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
        return _prefixes(items, k + 1)
    if _is_spaces(op, arg) and k + 1 < len(items) and _is_lookahead(*items[k + 1]):
        ahead = _prefixes(list(items[k + 1][1][1]), 0)
        if ahead is None or any(not s or s == DIGIT or _spaced(s) for s, _ in ahead):
            return None
        return {(SPACED + s, False) for s, _ in ahead}
    head = _element(op, arg)
    if head is None:
        return None
    out: _Prefixes = set()
    rest: _Prefixes | None = None
    for s, whole in head:
        if not whole or s == DIGIT:
            out.add((s, False))
            continue
        if rest is None:
            rest = _prefixes(items, k + 1)
            if rest is None:
                if not s:
                    return None
                out.add((s, False))
                continue
        for r, w in rest:
            # A digit or white space after a literal: the literal alone is the opening.
            out.add((s or r, False) if r == DIGIT or _spaced(r) else (s + r, w))
        if len(out) > _MAX_OPENINGS:
            return None
    return out


def _spaced(s: str) -> bool:
    return s.startswith(SPACED)


def _is_spaces(op: Any, arg: Any) -> bool:
    r""" "\s+", "\s{2,}": one or more white-space characters."""
    return (
        op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT)
        and arg[0] >= 1
        and list(arg[2]) == [(_sre_c.IN, [(_sre_c.CATEGORY, _sre_c.CATEGORY_SPACE)])]
    )


def _is_lookahead(op: Any, arg: Any) -> bool:
    return op is _sre_c.ASSERT and arg[0] == 1


def _element(op: Any, arg: Any) -> _Prefixes | None:
    if op is _sre_c.LITERAL:
        return {(chr(arg).casefold(), True)}
    if op is _sre_c.IN:
        return _class(arg)
    if op is _sre_c.SUBPATTERN:
        return _prefixes(list(arg[-1]), 0)
    if op is _sre_c.ATOMIC_GROUP:
        return _prefixes(list(arg), 0)
    if op is _sre_c.BRANCH:
        out: _Prefixes = set()
        for branch in arg[1]:
            found = _prefixes(list(branch), 0)
            if found is None:
                return None
            out |= found
        return out
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT):
        low, high, sub = arg
        body = _prefixes(list(sub), 0)
        if body is None:
            return None
        if low == high == 1:
            return body
        partial = {(s, False) for s, _ in body}
        return partial | {("", True)} if low == 0 else partial
    return None


def _class(items: list[Any]) -> _Prefixes | None:
    """A character class opening a match: its few letters, or any digit."""
    if items == [(_sre_c.CATEGORY, _sre_c.CATEGORY_DIGIT)]:
        return {(DIGIT, False)}
    chars: set[str] = set()
    for op, arg in items:
        if op is _sre_c.LITERAL:
            chars.add(chr(arg).casefold())
        elif op is _sre_c.RANGE and arg[1] - arg[0] < _MAX_CLASS:
            chars.update(chr(c).casefold() for c in range(arg[0], arg[1] + 1))
        else:
            return None
    if len(chars) > _MAX_CLASS:
        return None
    return {(c, True) for c in chars}


def _not_after(item: Any) -> str:
    r""" "word" for the parsed item "(?<!\w)", "digit" for a lookbehind excluding \d
    ("(?<![\p{L}\d])"), "" for anything else."""
    op, arg = item
    if op is not _sre_c.ASSERT_NOT or arg[0] != -1:
        return ""
    body = list(arg[1])
    if len(body) != 1 or body[0][0] is not _sre_c.IN:
        return ""
    members = body[0][1]
    if members == [(_sre_c.CATEGORY, _sre_c.CATEGORY_WORD)]:
        return "word"
    negated = any(op is _sre_c.NEGATE for op, _ in members)
    return "digit" if not negated and (_sre_c.CATEGORY, _sre_c.CATEGORY_DIGIT) in members else ""
