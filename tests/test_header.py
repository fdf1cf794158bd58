from datetime import date

import pytest

from pipeline.header import HeaderRules, parse_header
from pipeline.normalize import normalize
from pipeline.rules import RuleFileError


@pytest.fixture(scope="module")
def header_rules() -> HeaderRules:
    return HeaderRules.load()


OFFICIAL = (
    "BỘ TƯ PHÁP --------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "Số: 173/QĐ-BTP\n"
    "Hà Nội, ngày 29 tháng 01 năm 2015 QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH TRIỂN KHAI\n"
)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        # news: the meeting's dateline
        (
            "Kết luận của Phó Chủ tịch\n\nNgày 11/3/2024, Phó Chủ tịch UBND tỉnh chủ trì",
            "issued_date",
            date(2024, 3, 11),
        ),
        # news: the document the article reports on wins over the dateline
        (
            "Bố trí kinh phí\n\nUBND tỉnh Quảng Nam vừa ban hành Công văn số 8107/UBND-NCKS ngày 22/11/2023 triển khai",
            "issued_date",
            date(2023, 11, 22),
        ),
        # news: a dateline without a year takes the latest year the article names
        (
            "Tăng cường quản lý\nNgày 6/7, tại trụ sở Chính phủ ... Tính đến tháng 5/2017",
            "issued_date",
            date(2017, 7, 6),
        ),
        (
            "Tin\n(BĐ) - Chiều 22.4, Chủ tịch UBND tỉnh ... quý I/2025",
            "issued_date",
            date(2025, 4, 22),
        ),
        # news without any year: unknown
        ("TP.HCM phát công văn khẩn\nSáng 16/5, Sở Thông tin và Truyền thông", "issued_date", None),
        ("Kết luận của Phó Chủ tịch\n\nNgày 11/3/2024, x", "doc_kind", "Tin"),
        # official header
        (OFFICIAL, "issued_date", date(2015, 1, 29)),
        (OFFICIAL, "doc_number", "173/QĐ-BTP"),
        (OFFICIAL, "doc_kind", "Quyết định"),
        # a typo'd year ("20264") is not a date
        (OFFICIAL.replace("năm 2015", "năm 20264"), "issued_date", None),
        # an unnumbered draft
        (OFFICIAL.replace("173/QĐ-BTP", "          /KH-UBND"), "doc_number", None),
    ],
)
def test_header_table(
    header_rules: HeaderRules, rules, text: str, field: str, expected: object
) -> None:
    header = parse_header(normalize(text), header_rules, rules.legal.canonical_kind)
    assert getattr(header, field) == expected


def test_bad_header_rules(tmp_path) -> None:
    (tmp_path / "header.yaml").write_text("header_lines: x\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"header\.yaml"):
        HeaderRules.load(tmp_path)
