"""pipeline.scan: a pattern tried only at its openings finds exactly what a full scan finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from pipeline.rules import load_rules
from pipeline.scan import DIGIT, SPACED, Prefilter, TextIndex, finditer

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FLAGS = regex.IGNORECASE | regex.V0

OPENINGS = [
    # pattern, the strings one of which starts every match (None: cannot be said)
    (r"(?<!\w)(?:trong|trước)\s+ngày", {"trong", "trước"}),
    (r"(?<!\w)(?:(?:theo\s+)?định\s+kỳ\s+)?(?:hằng|hàng)\s+tuần", {"theo", "định", "hằng", "hàng"}),
    (r"(?<!\w)(?:định\s+kỳ\s+)?(?P<n>\d{1,2})\s+tháng\s*/\s*lần", {"định", DIGIT}),
    (r"q(?:uý|úy)\s+[IV]+", {"quý", "qúy"}),
    (  # a digit class opens with each digit, a literal after it extends the opening
        r"(?:ngày\s+)?(?:0?[1-9]|[12]\d|3[01])/",
        {"ngày", "0", "1", "2", "3/", "30/", "31/", "4/", "5/", "6/", "7/", "8/", "9/"},
    ),
    (r"Nghị\s+định|NĐ-CP", {"nghị", "nđ-cp"}),
    (r"(?:trong|trong vòng)\s+\d+", {"trong"}),  # "trong" also finds "trong vòng"
    (r"\w+\s+ngày", None),  # any letter
    (r"(?:ngày)?", None),  # may be empty
    (r"(?P<x>ab)(?P=x)", {"ab"}),
    # white space before a lookahead opens at that space: found from the words after it
    (r"(?<=[\w)])\s+(?=Chủ\s+trì|Phối\s+hợp)", {SPACED + "chủ", SPACED + "phối"}),
    (r"[.!?]+\s+|(?<=\w)\s+(?=Chủ)", {".", "!", "?", SPACED + "chủ"}),
    (r"tỉnh\s+(?=Chủ)", {"tỉnh"}),  # a literal before the space is the opening
    (r"\s+(?=\w)", None),
    (r"\s*(?=Chủ)", None),  # may start at "Chủ" itself
]


@pytest.mark.parametrize(("pattern", "expected"), OPENINGS)
def test_openings_read_off_the_pattern(pattern: str, expected: set[str] | None) -> None:
    pf = Prefilter.of(regex.compile(pattern, FLAGS))
    assert pf.openings == (None if expected is None else frozenset(expected))


@pytest.mark.parametrize(
    ("pattern", "after"),
    [
        (r"(?<!\w)(?:hằng|hàng)\s+tuần", "word"),
        (r"(?<![\p{L}\d])(?:Nghị\s+định|Luật)", "digit"),
        (r"(?<![\p{L}\d/.:\-])(?P<num>\d{1,5})/", "digit"),
        (r"(?<!\p{L})\d+", ""),
        (r"(?<![^\p{L}\d])\d+", ""),  # a negated class excludes no digit
        (r"(?<!cây\s)(?:hằng|hàng)\s+tuần", ""),
        (r"(?:hằng|hàng)\s+tuần", ""),
    ],
)
def test_what_a_match_may_follow(pattern: str, after: str) -> None:
    assert Prefilter.of(regex.compile(pattern, FLAGS)).after == after


def test_no_prefilter_for_syntax_read_otherwise() -> None:
    # Verbose and version-1 patterns read differently from the standard parser; ASCII \w
    # differs from the Unicode tables.
    assert Prefilter.of(regex.compile(r"trong \s+ ngày", regex.VERBOSE)).openings is None
    assert Prefilter.of(regex.compile(r"[[a-z]--[aeiou]]x", regex.V1)).openings is None
    assert Prefilter.of(regex.compile(r"(?<!\w)trong", regex.ASCII)).after == ""


def test_anchors() -> None:
    pf = Prefilter.of(regex.compile(r"(?<!\w)(?:hằng|hàng)\s+(?:tuần|tháng)(?!\w)", FLAGS))
    assert frozenset({"ằng", "àng"}) in pf.anchors  # the parser factors out the "h"


SENTENCES = [
    "Sở Tài chính chủ trì, hoàn thành trước ngày 25/3/2024.",
    "Định kỳ 02 tuần/lần báo cáo UBND tỉnh; hằng tháng, hàng quý tổng hợp.",
    "Báo cáo trước ngày 15 hằng tháng và ngày 20/12 hằng năm (Nghị định số 73/2019/NĐ-CP).",
    "TRONG THÁNG 6 NĂM 2025, chậm nhất là ngày 30/6/2025; trong vòng 10 ngày kể từ ngày ký.",
    "Thời hạn: Quý II/2026. Tiến độ: tháng 8/2026; cuối năm 2026; các ngày thứ Hai, thứ Năm hằng tuần",
    "ND-CP2019 12/5 hằng năm; x1 tháng 3 hằng năm, khẩn cấp, hỏa tốc, ngay, sớm, kịp thời.",
    "Xây dựng Đề án 06  Chủ trì, phối hợp: Sở Y tế (TT&TT)\n Phối hợp chặt chẽ với\t\tChịu trách nhiệm",
    'Ông Nguyễn Văn A.  Có trách nhiệm "Là cơ quan chủ trì" Công an tỉnh. Chủ trì báo cáo!',
]


def _texts() -> list[str]:
    rng = random.Random(7)
    words = " ".join(SENTENCES).split()
    texts = list(SENTENCES)
    texts += [" ".join(rng.choice(words) for _ in range(400)) for _ in range(20)]
    texts += [t.upper() for t in texts[:8]] + ["ẞ " + SENTENCES[0]]  # folding changes length
    paths = sorted(CORPUS.glob("dev/*.txt"))[:12]  # none without the shared corpus
    return texts + [p.read_text(encoding="utf-8") for p in paths]


def _patterns() -> list[regex.Pattern[str]]:
    rules = load_rules()
    found = [c.regex for c in rules.temporal.prose + rules.temporal.cell]
    found += [getattr(rules.triggers, name) for name in rules.triggers.prefilters]
    found += [rules.legal.p.kind, rules.legal.p.short_form, rules.agencies._abbr_re]
    return found + [regex.compile(p, FLAGS) for p, _ in OPENINGS if p != r"(?:ngày)?"]


def test_finditer_equals_a_full_scan() -> None:
    patterns = [(p, Prefilter.of(p)) for p in _patterns()]
    rng = random.Random(11)
    for text in _texts():
        spans = [(0, len(text))] + [
            tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(3)
        ]
        for pattern, pf in patterns:
            for start, end in spans:
                expected = [m.span() for m in pattern.finditer(text, start, end)]
                got = [m.span() for m in finditer(pattern, pf, text, start, end)]
                assert got == expected, (pattern.pattern[:80], text[:60], start, end)


def test_index_positions() -> None:
    index = TextIndex("Trong 12 ngày, trong tháng; ab12 3")
    assert index.hits("trong") == [0, 15]
    assert index.hits(DIGIT) == [6, 7, 30, 31, 33]
    assert index.hits(DIGIT, after="word") == [6, 33]
    assert index.hits(DIGIT, after="digit") == [6, 30, 33]
    assert TextIndex("ẞ trong").folded is None  # scanned in full
    assert TextIndex("a  Chủ trì,\tchủ Chủ").hits(SPACED + "chủ") == [1, 2, 11, 15]
