"""The document's own header, issuers named in full, and the citation graph (v_citations)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.normalize import normalize
from pipeline.runner import run

# Header blocks as official texts print them (quyet_dinh-076, ke_hoach-080, cong_van-073,
# nghi_quyet-060 of the shared corpus), shortened after the title.
QD_BTP = (
    "BỘ TƯ PHÁP --------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "Số: 173/QĐ-BTP\n"
    "Hà Nội, ngày 29 tháng 01 năm 2015 QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN "
    "CHƯƠNG TRÌNH PHỐI HỢP CÔNG TÁC NĂM 2015 BỘ TRƯỞNG BỘ TƯ PHÁP\n"
    "Căn cứ Nghị định số 22/2013/NĐ-CP ngày 13/3/2013 của Chính phủ;\n"
)
KH_HN = (
    "ỦY BAN NHÂN DÂN \nTHÀNH PHỐ HÀ NỘI \n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n"
    "Độc lập - Tự do - Hạnh phúc \n\nSố:            /KH-UBND \n\n"
    "Hà Nội, ngày          tháng        năm 2026 \n\nKẾ HOẠCH \n"
    "Tổ chức “Festival Thăng Long - Hà Nội lần thứ II, năm 2026”  \n\n"
    "Thực hiện Kế hoạch số 128/KH-UBND ngày 30/3/2026 của UBND Thành phố về triển khai.\n"
)
CV_VPCP = (
    "VĂN PHÒNG CHÍNH PHỦ -------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp chưa được "
    "thực thi\nHà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.\n"
)
NQ_CP = (
    "CHÍNH PHỦ \n___________ \n \nSố: 113/NQ-CP \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n"
    "Độc lập - Tự do - Hạnh phúc \n_______________________________________ \n"
    "Hà Nội, ngày 25 tháng 4 năm 2026 \n \nNGHỊ QUYẾT \n"
    "Về thanh toán các chi phí khám bệnh, chữa bệnh bảo hiểm y tế  \n"
    "vượt dự toán, vượt tổng mức thanh toán giai đoạn năm 2018 - 2022 \n \n \nCHÍNH PHỦ \n"
)


@pytest.fixture(scope="module")
def header_rules() -> HeaderRules:
    return HeaderRules.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            QD_BTP,
            {
                "doc_kind": "Quyết định",
                "doc_number": "173/QĐ-BTP",
                "issuer": "Bộ Tư pháp",
                "jurisdiction": None,
                "issued_date": date(2015, 1, 29),
            },
        ),
        (
            KH_HN,
            {
                "doc_kind": "Kế hoạch",
                "doc_number": None,  # a draft without its number
                "issuer": "Ủy ban nhân dân thành phố",
                "jurisdiction": "Hà Nội",
                "issued_date": None,  # "ngày tháng năm 2026" left blank
                "title": 'Kế hoạch Tổ chức "Festival Thăng Long - Hà Nội lần thứ II, năm 2026"',
            },
        ),
        (
            CV_VPCP,
            {
                "doc_kind": "Công văn",
                "doc_number": "2739/VPCP-ĐMDN",
                "issuer": "Văn phòng Chính phủ",
                "issued_date": date(2019, 4, 5),
                "title": "V/v quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp chưa được "
                "thực thi",
            },
        ),
        (
            NQ_CP,
            {
                "doc_kind": "Nghị quyết",
                "doc_number": "113/NQ-CP",
                "issuer": "Chính phủ",
                "issued_date": date(2026, 4, 25),
                "title": "Nghị quyết Về thanh toán các chi phí khám bệnh, chữa bệnh bảo hiểm y tế "
                "vượt dự toán, vượt tổng mức thanh toán giai đoạn năm 2018 - 2022",
            },
        ),
    ],
    ids=["quyet_dinh", "ke_hoach", "cong_van", "nghi_quyet"],
)
def test_official_header_fills_the_document(rules, header_rules, text: str, expected: dict) -> None:
    header = analyse(normalize(text), rules, header_rules).header
    for field, value in expected.items():
        assert getattr(header, field) == value, field


def test_own_number_is_not_a_reference(rules, header_rules) -> None:
    result = analyse(normalize(QD_BTP), rules, header_rules)
    assert "173/QĐ-BTP" not in {r.number for r in result.refs}
    assert "22/2013/NĐ-CP" in {r.number for r in result.refs}


@pytest.mark.parametrize(
    ("text", "number", "issuer"),
    [
        # a provincial decision cited in a Hà Nội plan: the city's committee
        (KH_HN, "128/KH-UBND", "Ủy ban nhân dân thành phố Hà Nội"),
        # a news article of Quảng Nam (003_*): the code's UBND is the province's
        (
            "Bố trí kinh phí\n\nUBND tỉnh Quảng Nam vừa ban hành Công văn số 8107/UBND-NCKS ngày "
            "22/11/2023 triển khai chỉ đạo của Phó Thủ tướng.",
            "8107/UBND-NCKS",
            "Ủy ban nhân dân tỉnh Quảng Nam",
        ),
        # another province named after the reference keeps its name
        (
            "Tin\n\nUBND tỉnh Quảng Nam yêu cầu Sở Tư pháp nghiên cứu Quyết định số 15/QĐ-UBND "
            "ngày 3/1/2024 của UBND tỉnh Điện Biên.",
            "15/QĐ-UBND",
            "Ủy ban nhân dân tỉnh Điện Biên",
        ),
        # central issuers are not localised
        (QD_BTP, "22/2013/NĐ-CP", "Chính phủ"),
        # an office holder stands for the body
        (
            "Tin\n\nTheo Thông tư số 38/2015/TT-BTC của Bộ trưởng Bộ Tài chính, Sở Tài chính "
            "tỉnh Gia Lai hướng dẫn.",
            "38/2015/TT-BTC",
            "Bộ Tài chính",
        ),
    ],
)
def test_issuer_named_in_full(rules, header_rules, text: str, number: str, issuer: str) -> None:
    refs = analyse(normalize(text), rules, header_rules).refs
    assert {r.number: r.issuer for r in refs}[number] == issuer


@pytest.mark.parametrize(
    ("raw", "jurisdiction", "expected"),
    [
        ("Ủy ban nhân dân", "Quảng Nam", "Ủy ban nhân dân tỉnh Quảng Nam"),
        ("UBND tỉnh", "Quảng Nam", "Ủy ban nhân dân tỉnh Quảng Nam"),
        ("Ủy ban nhân dân Thành phố", "Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("Sở Tài chính", "Gia Lai", "Sở Tài chính tỉnh Gia Lai"),
        ("Thành ủy", "Hà Nội", "Thành ủy Hà Nội"),
        ("Bộ Tài chính", "Hà Nội", "Bộ Tài chính"),
        ("Ủy ban nhân dân", None, "Ủy ban nhân dân"),
        ("Ủy ban Dân tộc và Bộ Tư pháp", None, None),  # two bodies: no single name
    ],
)
def test_full_name(rules, raw: str, jurisdiction: str | None, expected: str | None) -> None:
    assert rules.agencies.full_name(raw, jurisdiction) == expected


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_v_citations_links_a_reference_to_the_cited_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(
        folder,
        "qd_2322.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 2322/QĐ-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Quảng Nam, ngày 13 tháng 8 năm 2021\nQUYẾT ĐỊNH\n"
        "Ban hành Quy định về trình tự, trách nhiệm lập, thẩm định dự án\n",
    )
    _write(
        folder,
        "ket_luan.txt",
        next((Path(__file__).parents[1] / "corpus").glob("000_*.txt")).read_text(encoding="utf-8"),
    )
    db = tmp_path / "x.duckdb"
    run(folder, db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT citing_source_path, number, cited_source_path FROM v_citations "
            "WHERE cited_doc_id IS NOT NULL"
        ).fetchall()
        unresolved = con.execute(
            "SELECT count(*) FROM v_citations WHERE cited_doc_id IS NULL"
        ).fetchone()
        issuer = con.execute(
            "SELECT issuer, jurisdiction, doc_kind FROM documents WHERE source_path = 'qd_2322.txt'"
        ).fetchone()
    finally:
        con.close()
    # 000_* cites 2322/QĐ-UBND twice; both mentions resolve to the decision in the folder
    assert rows == [("ket_luan.txt", "2322/QĐ-UBND", "qd_2322.txt")] * 2
    assert unresolved is not None and unresolved[0] > 0  # Nghị định 73/2019/NĐ-CP is not there
    assert issuer == ("Ủy ban nhân dân tỉnh", "Quảng Nam", "Quyết định")
