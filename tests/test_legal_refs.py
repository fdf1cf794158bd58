"""Tests of pipeline/legal_refs.py: phrases copied from the shared corpus, offsets, rules."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from pipeline.legal_refs import _DASHES, LegalRules, canonical_number, extract, number_key
from pipeline.rules import RULES_DIR, RuleFileError

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# kind, number, date, title, issuer (as extract gives it: before the document's province)
Expected = tuple[str, str | None, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def rules() -> LegalRules:
    return LegalRules.load(RULES_DIR)


def _tuples(text: str, rules: LegalRules) -> list[Expected]:
    return [
        (
            r.kind,
            r.number,
            r.issued_date.isoformat() if r.issued_date else None,
            r.title,
            r.issuer,
        )
        for r in extract(text, rules)
    ]


# Real phrases from ../shared/corpus (dev and extra), with every reference they hold.
CASES = [
    pytest.param(
        "theo Thông tư số 03/2020/TT-BTTTT ngày 24/02/2020 của Bộ Thông tin và Truyền thông",
        [
            ("Thông tư", "03/2020/TT-BTTTT", "2020-02-24", None, "Bộ Thông tin và Truyền thông"),
        ],
    ),
    pytest.param(
        "sửa đổi Quyết định số 2322/QĐ-UBND ngày 13/8/2021 của UBND tỉnh Ban hành Quy định",
        [
            ("Quyết định", "2322/QĐ-UBND", "2021-08-13", None, "Ủy ban nhân dân tỉnh"),
        ],
    ),
    pytest.param(
        "theo quy định tại Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 của Chính phủ, Thông tư số 03/2020/TT-BTTTT, 04/2020/TT-BTTTT ngày 24/02/2020 của Bộ Thông tin và Truyền thông",
        [
            ("Nghị định", "73/2019/NĐ-CP", "2019-09-05", None, "Chính phủ"),
            ("Thông tư", "03/2020/TT-BTTTT", "2020-02-24", None, "Bộ Thông tin và Truyền thông"),
            ("Thông tư", "04/2020/TT-BTTTT", "2020-02-24", None, "Bộ Thông tin và Truyền thông"),
        ],
    ),
    pytest.param(
        "và Quyết định số 2848/QĐ-UBND ngày 24/10/2022 của UBND tỉnh về sửa đổi",
        [
            ("Quyết định", "2848/QĐ-UBND", "2022-10-24", None, "Ủy ban nhân dân tỉnh"),
        ],
    ),
    pytest.param(
        "theo kế hoạch triển khai Đề án 06.",
        [
            ("Đề án", None, None, "Đề án 06", None),
        ],
    ),
    pytest.param(
        "UBND tỉnh Quảng Nam vừa ban hành Công văn số 8107/UBND-NCKS ngày 22/11/2023 triển khai chỉ đạo",
        [
            ("Công văn", "8107/UBND-NCKS", "2023-11-22", None, "Ủy ban nhân dân"),
        ],
    ),
    pytest.param(
        "Ngày 20/11/2023, Văn phòng Chính phủ ban hành Thông báo số 478/TB-VPCP về Kết luận của Phó Thủ tướng",
        [
            ("Thông báo", "478/TB-VPCP", "2023-11-20", None, "Văn phòng Chính phủ"),
        ],
    ),
    pytest.param(
        "theo quy định tại Thông tư số 04/2020/TT-BTTTT ngày 24 tháng 02 năm 2020 của Bộ Thông tin và Truyền thông",
        [
            ("Thông tư", "04/2020/TT-BTTTT", "2020-02-24", None, "Bộ Thông tin và Truyền thông"),
        ],
    ),
    pytest.param(
        "và văn bản hướng dẫn số 5440/BTTTT-CĐSQG ngày 25 tháng 10 năm 2023 của Bộ Thông tin và Truyền thông",
        [
            ("Văn bản", "5440/BTTTT-CĐSQG", "2023-10-25", None, "Bộ Thông tin và Truyền thông"),
        ],
    ),
    pytest.param(
        "giao tại Nghị quyết số 144/NQ-CP ngày 10 tháng 9 năm 2023, Nghị quyết số 164/NQ-CP ngày 04 tháng 10 năm 2023, Chỉ thị số 05/CT-TTg ngày 23 tháng 02 năm 2023, văn bản số 452/TTg-KSTT ngày 23 tháng 5 năm 2023 và văn bản số 7323/VPCP-KSTT ngày 23 tháng 9 năm 2023 của Văn phòng Chính phủ.",
        [
            ("Nghị quyết", "144/NQ-CP", "2023-09-10", None, "Chính phủ"),
            ("Nghị quyết", "164/NQ-CP", "2023-10-04", None, "Chính phủ"),
            ("Chỉ thị", "05/CT-TTg", "2023-02-23", None, "Thủ tướng Chính phủ"),
            ("Văn bản", "452/TTg-KSTT", "2023-05-23", None, "Thủ tướng Chính phủ"),
            ("Văn bản", "7323/VPCP-KSTT", "2023-09-23", None, "Văn phòng Chính phủ"),
        ],
    ),
    pytest.param(
        "Thực hiện Nghị quyết số 02-NQ/TW ngày 17/3/2026 của Bộ Chính trị về",
        [
            ("Nghị quyết", "02-NQ/TW", "2026-03-17", None, "Bộ Chính trị"),
        ],
    ),
    pytest.param(
        "khai Chương trình hành động số 08-CTr/TU ngày 17/3/2026 của Thành uỷ Hà Nội",
        [
            ("Chương trình", "08-CTr/TU", "2026-03-17", None, "Thành uỷ Hà Nội"),
        ],
    ),
    pytest.param(
        "Kế hoạch số 128/KH-UBND ngày 30/3/2026 của UBND Thành phố",
        [
            ("Kế hoạch", "128/KH-UBND", "2026-03-30", None, "Ủy ban nhân dân Thành phố"),
        ],
    ),
    pytest.param(
        "đảm bảo đúng quy định của Luật Ngân sách Nhà nước.",
        [
            ("Luật", None, None, "Luật Ngân sách Nhà nước", None),
        ],
    ),
    pytest.param(
        "theo đúng Quyết định số 1880/QĐ-TTg và Quyết định số 309/QĐ-TTg, đảm bảo",
        [
            ("Quyết định", "1880/QĐ-TTg", None, None, "Thủ tướng Chính phủ"),
            ("Quyết định", "309/QĐ-TTg", None, None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "phổ biến nội dung Nghị định 33/2017/NĐ-CP do Chính phủ ban hành ngày 3/4/2017 quy định",
        [
            ("Nghị định", "33/2017/NĐ-CP", "2017-04-03", None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "vừa gửi công văn 5319/UBND-SXD, gửi Công ty CP Biển Tiên Sa",
        [
            ("Công văn", "5319/UBND-SXD", None, None, "Ủy ban nhân dân"),
        ],
    ),
    pytest.param(
        "UBND TP Đà Nẵng gửi công văn số 5320/UBND-SXD gửi Thủ tướng Chính phủ",
        [
            ("Công văn", "5320/UBND-SXD", None, None, "Ủy ban nhân dân"),
        ],
    ),
    pytest.param(
        "bảo đảm trật tự, an toàn giao thông (Chỉ thị số 12, 23, 29, 32).",
        [
            ("Chỉ thị", None, None, "Chỉ thị số 12", None),
            ("Chỉ thị", None, None, "Chỉ thị số 23", None),
            ("Chỉ thị", None, None, "Chỉ thị số 29", None),
            ("Chỉ thị", None, None, "Chỉ thị số 32", None),
        ],
    ),
    pytest.param(
        "mới đây Bộ Xây dựng đã có Văn bản số 1547/BXD-VLXD gửi Văn phòng Chính phủ.",
        [
            ("Văn bản", "1547/BXD-VLXD", None, None, "Bộ Xây dựng"),
        ],
    ),
    pytest.param(
        "nhiệm vụ được giao tại Nghị quyết số 19-2017/NQ-CP ngày 6/2/2017.",
        [
            ("Nghị quyết", "19-2017/NQ-CP", "2017-02-06", None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "thay thế Thông tư số 15/2014/TT-BXD ngày 15/9/2014 của Bộ Xây dựng về việc",
        [
            ("Thông tư", "15/2014/TT-BXD", "2014-09-15", None, "Bộ Xây dựng"),
        ],
    ),
    pytest.param(
        "bãi bỏ các Thông tư sau: số 15/2014/TT-BXD ngày 15/9/2014; số 11/2009/TT-BXD ngày 18/6/2009, số 01/2010/TT-BXD ngày 08/01/2010, số 14/2010/TT-BXD ngày 20/8/2010.",
        [
            ("Thông tư", "15/2014/TT-BXD", "2014-09-15", None, "Bộ Xây dựng"),
            ("Thông tư", "11/2009/TT-BXD", "2009-06-18", None, "Bộ Xây dựng"),
            ("Thông tư", "01/2010/TT-BXD", "2010-01-08", None, "Bộ Xây dựng"),
            ("Thông tư", "14/2010/TT-BXD", "2010-08-20", None, "Bộ Xây dựng"),
        ],
    ),
    pytest.param(
        "của Luật Chất lượng sản phẩm, hàng hóa và Luật Tiêu chuẩn và Quy chuẩn kỹ thuật đã quy định.",
        [
            ("Luật", None, None, "Luật Chất lượng sản phẩm, hàng hóa", None),
            ("Luật", None, None, "Luật Tiêu chuẩn và Quy chuẩn kỹ thuật", None),
        ],
    ),
    pytest.param(
        "(theo mục tiêu cụ thể tại Quyết định số 2026/QĐ-TTg).",
        [
            ("Quyết định", "2026/QĐ-TTg", None, None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "tàu vỏ thép đóng theo Nghị định 67 mới bàn giao",
        [
            ("Nghị định", None, None, "Nghị định 67", None),
        ],
    ),
    pytest.param(
        "ban hành văn bản số 410/UBND -NL ngày 7/2 về việc",
        [
            ("Văn bản", "410/UBND-NL", None, None, "Ủy ban nhân dân"),
        ],
    ),
    pytest.param(
        "chỉ đạo của UBND tỉnh tại văn bản số 304/UBND - NL ngày 23/01/2017 về việc",
        [
            ("Văn bản", "304/UBND-NL", "2017-01-23", None, "Ủy ban nhân dân"),
        ],
    ),
    pytest.param(
        "theo quy định của Bộ luật hình sự năm 1999.",
        [
            ("Bộ luật", None, None, "Bộ luật hình sự năm 1999", None),
        ],
    ),
    pytest.param(
        "trên địa bàn đóng theo Nghị định 67/CPvừa hạ thủy chưa lâu",
        [
            ("Nghị định", "67/CP", None, None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "chỉ đạo của Thủ tướng Chính phủ tại văn bản số 357/TB-VPCP ngày 6/11/2015 và số 161/TB-VPCP ngày 24/3/2017.",
        [
            ("Văn bản", "357/TB-VPCP", "2015-11-06", None, "Văn phòng Chính phủ"),
            ("Văn bản", "161/TB-VPCP", "2017-03-24", None, "Văn phòng Chính phủ"),
        ],
    ),
    pytest.param(
        "thoái vốn tại DN theo Quyết định số 1232/QĐ-TTg ngày 17/8/2017 của Thủ tướng Chính phủ.",
        [
            ("Quyết định", "1232/QĐ-TTg", "2017-08-17", None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "theo đúng quy định tại Quyết định 707/QĐ-TTg ngày 25/5/2017, trong đó",
        [
            ("Quyết định", "707/QĐ-TTg", "2017-05-25", None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "Theo Chỉ thị số 01/CT-TTg về tăng cường công tác chỉ đạo",
        [
            ("Chỉ thị", "01/CT-TTg", None, None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "thực hiện Nghị định 36/2009/NĐ-CP ngày 15/4/2009 của Chính phủ về quản lý",
        [
            ("Nghị định", "36/2009/NĐ-CP", "2009-04-15", None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "Ngày 4/9/2020, Chính phủ ban hành Nghị quyết 126/NQ-CP về xây dựng Nghị định thay thế",
        [
            ("Nghị quyết", "126/NQ-CP", "2020-09-04", None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "đồng bộ với Bộ Luật hình sự năm 2015.",
        [
            ("Bộ luật", None, None, "Bộ Luật hình sự năm 2015", None),
        ],
    ),
    pytest.param(
        "sửa đổi, bổ sung Nghị định số 08/2015/NĐ-CP ngày 21/5/2015 của Chính phủ quy định chi tiết và biệp pháp thi hành Luật Hải quan về thủ tục hải quan",
        [
            ("Nghị định", "08/2015/NĐ-CP", "2015-05-21", None, "Chính phủ"),
            ("Luật", None, None, "Luật Hải quan", None),
        ],
    ),
    pytest.param(
        "sửa đổi, bổ sung Quyết định số 10/2018/QĐ-TTg và Quyết định số Quyết định số 53/2013/QĐ-TTg",
        [
            ("Quyết định", "10/2018/QĐ-TTg", None, None, "Thủ tướng Chính phủ"),
            ("Quyết định", "53/2013/QĐ-TTg", None, None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "sửa đổi Thông tư số 38/2015/TT-BTC ngày 25/3/2015 và Thông tư số 39/2018/TT-BTC ngày 20/4/2018 của Bộ Tài chính",
        [
            ("Thông tư", "38/2015/TT-BTC", "2015-03-25", None, "Bộ Tài chính"),
            ("Thông tư", "39/2018/TT-BTC", "2018-04-20", None, "Bộ Tài chính"),
        ],
    ),
    pytest.param(
        "hải quan tại Quyết định 4398/QĐ-TCHQ ngày 20/12/2016…",
        [
            ("Quyết định", "4398/QĐ-TCHQ", "2016-12-20", None, "Tổng cục Hải quan"),
        ],
    ),
    pytest.param(
        "phê duyệt Đề án kiểm kê rừng theo Nghị quyết 118/NQ-CP, Chiến lược",
        [
            ("Nghị quyết", "118/NQ-CP", None, None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "việc triển khai thực hiện Nghị quyết 35 và Chỉ thị số 26/CT-TTg đã đạt được",
        [
            ("Nghị quyết", None, None, "Nghị quyết 35", None),
            ("Chỉ thị", "26/CT-TTg", None, None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "giữa các Luật: Bảo vệ môi trường, Đất đai, Xây dựng, Đấu thầu…; công tác thanh tra",
        [
            ("Luật", None, None, "Luật Bảo vệ môi trường", None),
            ("Luật", None, None, "Luật Đất đai", None),
            ("Luật", None, None, "Luật Xây dựng", None),
            ("Luật", None, None, "Luật Đấu thầu", None),
        ],
    ),
    pytest.param(
        "Rà soát, sửa đổi Nghị định số 78/2015/NĐ-CP ngày 14/9/2015 của Chính phủ ban hành",
        [
            ("Nghị định", "78/2015/NĐ-CP", "2015-09-14", None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "thẩm quyền quy định tại Luật ban hành văn bản quy phạm pháp luật năm 2015, bảo đảm",
        [
            ("Luật", None, None, "Luật ban hành văn bản quy phạm pháp luật năm 2015", None),
        ],
    ),
    pytest.param(
        "sửa đổi Luật chứng khoán nhằm cải thiện các điều kiện",
        [
            ("Luật", None, None, "Luật chứng khoán", None),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        [
            ("Luật", None, "2025-02-18", "Luật Tổ chức Chính phủ", None),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi,\nbổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014;",
        [
            ("Luật", None, "2008-11-14", "Luật Bảo hiểm y tế", None),
            (
                "Luật",
                None,
                "2014-06-13",
                "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế",
                None,
            ),
        ],
    ),
    pytest.param(
        "Theo đề nghị của Bộ trưởng Bộ Y tế tại Tờ trình số 609/TTr-BYT ngày 13 tháng 4 năm 2026;",
        [
            ("Tờ trình", "609/TTr-BYT", "2026-04-13", None, "Bộ Y tế"),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;",
        [
            ("Luật", "63/2025/QH15", None, "Luật Tổ chức Chính phủ", "Quốc hội"),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;",
        [
            ("Luật", "64/2025/QH15", None, "Luật Ban hành văn bản quy phạm pháp luật", "Quốc hội"),
            ("Luật", "87/2025/QH15", None, None, "Quốc hội"),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Thuế xuất khẩu, thuế nhập khẩu số 107/2016/QH13;",
        [
            ("Luật", "107/2016/QH13", None, "Luật Thuế xuất khẩu, thuế nhập khẩu", "Quốc hội"),
        ],
    ),
    pytest.param(
        "Căn cứ Nghị quyết số 71/2006/QH11 của Quốc hội phê chuẩn Nghị định",
        [
            ("Nghị quyết", "71/2006/QH11", None, None, "Quốc hội"),
        ],
    ),
    pytest.param(
        "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14;",
        [
            (
                "Pháp lệnh",
                "02/2020/UBTVQH14",
                None,
                "Pháp lệnh Ưu đãi người có công với cách mạng",
                "Ủy ban Thường vụ Quốc hội",
            ),
        ],
    ),
    pytest.param(
        "thông tin đảm bảo quy định của Luật Căn cước.",
        [
            ("Luật", None, None, "Luật Căn cước", None),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Chứng khoán số 54/2019/QH14 được sửa đổi, bổ sung bởi Luật\nsố 56/2024/QH15;",
        [
            ("Luật", "54/2019/QH14", None, "Luật Chứng khoán", "Quốc hội"),
            ("Luật", "56/2024/QH15", None, None, "Quốc hội"),
        ],
    ),
    pytest.param(
        "Căn cứ Thông tư số 138/2025/TT-BTC ngày 30 tháng 12 năm 2025 của Bộ Tài chính",
        [
            ("Thông tư", "138/2025/TT-BTC", "2025-12-30", None, "Bộ Tài chính"),
        ],
    ),
    pytest.param(
        "Thông tư số 06/2022/TT-BТС ngày 08 tháng 02 năm 2022 của Bộ trưởng",
        [
            ("Thông tư", "06/2022/TT-BТС", "2022-02-08", None, "Bộ Tài chính"),
        ],
    ),
    pytest.param(
        "Căn cứ Chương trình số 1249a/CTPH-UBDT-BTP ngày 13/11/2014 của Ủy ban Dân tộc và Bộ Tư pháp",
        [
            (
                "Chương trình",
                "1249a/CTPH-UBDT-BTP",
                "2014-11-13",
                None,
                "Ủy ban Dân tộc và Bộ Tư pháp",
            ),
        ],
    ),
    pytest.param(
        "trong quy định của Bộ luật Dân sự (sửa đổi) và các văn bản hướng dẫn Luật Hôn nhân và gia đình năm 2014",
        [
            ("Bộ luật", None, None, "Bộ luật Dân sự (sửa đổi)", None),
            ("Luật", None, None, "Luật Hôn nhân và gia đình năm 2014", None),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        [
            ("Luật", None, "2015-06-19", "Luật Tổ chức Chính phủ", None),
            (
                "Luật",
                None,
                "2019-11-22",
                "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
                None,
            ),
        ],
    ),
    pytest.param(
        "khoản 1 Điều 3 Luật Việc làm số 38/2013/QH13 ngày 16 tháng 11 năm 2013 của Quốc hội.",
        [
            ("Luật", "38/2013/QH13", "2013-11-16", "Luật Việc làm", "Quốc hội"),
        ],
    ),
    pytest.param(
        "được hướng dẫn bởi Công văn 4530/NHCS-TDNN năm 2024 có hiệu lực",
        [
            ("Công văn", "4530/NHCS-TDNN", None, None, "Ngân hàng Chính sách xã hội"),
        ],
    ),
    pytest.param(
        "được hướng dẫn bởi Điều 1 Hướng dẫn 4545/HD-NHCS năm 2024 có hiệu lực",
        [
            ("Hướng dẫn", "4545/HD-NHCS", None, None, "Ngân hàng Chính sách xã hội"),
        ],
    ),
    pytest.param(
        "thay thế Quyết định số 63/2015/QĐ-TTg ngày 10 tháng 12 năm 2015 của Thủ tướng",
        [
            ("Quyết định", "63/2015/QĐ-TTg", "2015-12-10", None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "theo quy định tại Thông tư 86/2013/TT-BTC",
        [
            ("Thông tư", "86/2013/TT-BTC", None, None, "Bộ Tài chính"),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Hải quan số 29/2001/QH10",
        [
            ("Luật", "29/2001/QH10", None, "Luật Hải quan", "Quốc hội"),
        ],
    ),
    pytest.param(
        "Tại Nghị quyết 46/NQ-CP",
        [
            ("Nghị quyết", "46/NQ-CP", None, None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "Kết luận số 182-KL/TW, ngày 29/7/2025 của Bộ Chính trị",
        [
            ("Kết luận", "182-KL/TW", "2025-07-29", None, "Bộ Chính trị"),
        ],
    ),
    pytest.param(
        "Nghị quyết số 119/2026/ UBTVQH15 của Ủy ban Thường vụ Quốc hội",
        [
            ("Nghị quyết", "119/2026/UBTVQH15", None, None, "Ủy ban Thường vụ Quốc hội"),
        ],
    ),
    pytest.param(
        "Quy chế phối hợp số 924/QC-SNNMT-SXD ngày 14/4/2026",
        [
            (
                "Văn bản",
                "924/QC-SNNMT-SXD",
                "2026-04-14",
                "Quy chế phối hợp",
                "Sở Nông nghiệp và Môi trường",
            ),
        ],
    ),
    pytest.param(
        "Tờ trình so 8468/TTr-STNMT ngày 24 tháng 12 năm 2021",
        [
            ("Tờ trình", "8468/TTr-STNMT", "2021-12-24", None, "Sở Tài nguyên và Môi trường"),
        ],
    ),
    pytest.param(
        "Thông báo số 212-TB/TU ngày 23/01/2026 của Ban Thường vụ Tỉnh ủy",
        [
            ("Thông báo", "212-TB/TU", "2026-01-23", None, "Ban Thường vụ Tỉnh ủy"),
        ],
    ),
    pytest.param(
        "Nghị định số 289/2025/NĐ-\nCP ngày 06/11/2025",
        [
            ("Nghị định", "289/2025/NĐ-CP", "2025-11-06", None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;",
        [
            ("Luật", None, "2003-11-26", "Luật Tổ chức HĐND và UBND", None),
        ],
    ),
    pytest.param(
        "Luật Phòng, chống tác hại của thuốc lá… TTXVN/Tin",
        [
            ("Luật", None, None, "Luật Phòng, chống tác hại", None),
        ],
    ),
    pytest.param(
        "Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch",
        [
            ("Luật", None, None, "Luật sửa đổi, bổ sung một số điều của 37 luật", None),
        ],
    ),
    pytest.param(
        "nghiêm túc theo Nghị quyết 30c/NQ-CP của Chính phủ",
        [
            ("Nghị quyết", "30c/NQ-CP", None, None, "Chính phủ"),
        ],
    ),
    pytest.param(
        "Công điện số 01/CĐ-TTg ngày 05/01/2024",
        [
            ("Công điện", "01/CĐ-TTg", "2024-01-05", None, "Thủ tướng Chính phủ"),
        ],
    ),
    # An amending law's number and date are its own; the law in its title is no reference.
    pytest.param(
        "Luật này thay thế Luật Hải quan số 29/2001/QH10 năm 2001 và Luật sửa đổi, bổ sung một số điều của Luật Hải quan số 42/2005/QH11 năm 2005.",
        [
            ("Luật", "29/2001/QH10", None, "Luật Hải quan", "Quốc hội"),
            (
                "Luật",
                "42/2005/QH11",
                None,
                "Luật sửa đổi, bổ sung một số điều của Luật Hải quan",
                "Quốc hội",
            ),
        ],
    ),
    pytest.param(
        "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 12/2024/QH15 ngày 10/1/2024",
        [
            (
                "Luật",
                "12/2024/QH15",
                "2024-01-10",
                "Luật sửa đổi, bổ sung một số điều của Luật Đất đai",
                "Quốc hội",
            ),
        ],
    ),
    pytest.param(
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương số 47/2019/QH14 ngày 22 tháng 11 năm 2019;",
        [
            (
                "Luật",
                "47/2019/QH14",
                "2019-11-22",
                "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
                "Quốc hội",
            ),
        ],
    ),
    # Only the first code segment names the type: "UBND-KH" is the committee's planning office.
    pytest.param(
        "chỉ đạo của UBND tỉnh (số 321/UBND-KH ngày 02/3/2024) về việc",
        [
            ("Văn bản", "321/UBND-KH", "2024-03-02", None, "Ủy ban nhân dân"),
        ],
    ),
    pytest.param(
        "Theo đó, tại công văn 7913/UBND-KT, Phó chủ tịch UBND",
        [
            ("Công văn", "7913/UBND-KT", None, None, "Ủy ban nhân dân"),
        ],
    ),
    pytest.param(
        "theo đề nghị tại văn bản số 92/TTr-UBND ngày 5/3/2024",
        [
            ("Văn bản", "92/TTr-UBND", "2024-03-05", None, "Ủy ban nhân dân"),
        ],
    ),
    # A comma followed by lower-case words stays in a title its closer then ends.
    pytest.param(
        "Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;",
        [
            ("Luật", None, "2025-06-24", "Luật Cán bộ, công chức", None),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Cán bộ, công chức và Luật Viên chức;",
        [
            ("Luật", None, None, "Luật Cán bộ, công chức", None),
            ("Luật", None, None, "Luật Viên chức", None),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 20 tháng 6 năm 2017;",
        [
            (
                "Luật",
                None,
                "2017-06-20",
                "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
                None,
            ),
        ],
    ),
    pytest.param(
        "Căn cứ Luật Phòng cháy, chữa cháy và Luật Đất đai.",
        [
            ("Luật", None, None, "Luật Phòng cháy, chữa cháy", None),
            ("Luật", None, None, "Luật Đất đai", None),
        ],
    ),
    pytest.param(
        "theo Luật Đầu tư, doanh nghiệp phải nộp hồ sơ",
        [
            ("Luật", None, None, "Luật Đầu tư", None),
        ],
    ),
    # A number before a counted noun is a count, not a short form's ordinal.
    pytest.param("xây dựng Kế hoạch 2 giai đoạn để triển khai", []),
    pytest.param("Quyết định 3 nội dung chính gồm", []),
    pytest.param("tổng hợp Báo cáo 6 và 9 tháng gửi Sở Tài chính", []),
    pytest.param("thực hiện Kế hoạch 5 năm 2021-2025", []),
    pytest.param(
        "triển khai Đề án 06 giai đoạn 2022-2025",
        [
            ("Đề án", None, None, "Đề án 06", None),
        ],
    ),
    pytest.param(
        "thực hiện Nghị quyết 18 khóa XII về tinh gọn bộ máy",
        [
            ("Nghị quyết", None, None, "Nghị quyết 18", None),
        ],
    ),
    # A lower-case stop word after "Luật" makes it the common noun; units end a title.
    pytest.param("Luật quy định rõ trách nhiệm của người đứng đầu", []),
    pytest.param("Luật có hiệu lực từ ngày 01/01/2015", []),
    pytest.param(
        "theo Luật thi hành án dân sự",
        [
            ("Luật", None, None, "Luật thi hành án dân sự", None),
        ],
    ),
    pytest.param(
        "quy định tại Điều 5 Luật Đất đai và Điều 10 Luật Xây dựng",
        [
            ("Luật", None, None, "Luật Đất đai", None),
            ("Luật", None, None, "Luật Xây dựng", None),
        ],
    ),
    pytest.param(
        "theo Khoản 2 Luật Đầu tư công và Khoản 3 Điều 4 Luật Ngân sách nhà nước",
        [
            ("Luật", None, None, "Luật Đầu tư công", None),
            ("Luật", None, None, "Luật Ngân sách nhà nước", None),
        ],
    ),
    # "của <agency>" after the reference names its issuer, abbreviations expanded and an
    # office holder standing for the body; PDF line breaks may fall anywhere in it.
    pytest.param(
        "1. Thông tư số 119/2020/TT-BTC ngày 31 tháng 12 năm 2020 của Bộ trưởng \nBộ Tài chính quy định hoạt động đăng ký",
        [
            ("Thông tư", "119/2020/TT-BTC", "2020-12-31", None, "Bộ Tài chính"),
        ],
    ),
    pytest.param(
        "một số điều \ncủa Thông tư 95/2020/TT-BTC ngày 16 tháng 11 năm 2020 của Bộ trưởng Bộ Tài \nchính hướng dẫn giám sát giao dịch",
        [
            ("Thông tư", "95/2020/TT-BTC", "2020-11-16", None, "Bộ Tài chính"),
        ],
    ),
    pytest.param(
        "và Thông tư số 06/2022/TT-BTC \nngày 08 tháng 02 năm 2022 của Bộ trưởng Bộ Tài chính hướng dẫn công tác giám \nsát",
        [
            ("Thông tư", "06/2022/TT-BTC", "2022-02-08", None, "Bộ Tài chính"),
        ],
    ),
    pytest.param(
        "(Ban hành kèm theo Quyết định số 173/QĐ-BTP ngày 29 tháng 01 năm 2015 của Bộ trưởng Bộ Tư pháp)",
        [
            ("Quyết định", "173/QĐ-BTP", "2015-01-29", None, "Bộ Tư pháp"),
        ],
    ),
    pytest.param(
        "Căn cứ Thông tư số 01/2021/TT-BTNMT  ngày 12 tháng 4 năm 2021 của Bộ trưởng Bộ Tài nguyên và Môi trường quy định kỹ thuật",
        [
            ("Thông tư", "01/2021/TT-BTNMT", "2021-04-12", None, "Bộ Tài nguyên và Môi trường"),
        ],
    ),
    pytest.param(
        "Căn cứ Chương trình số 12-CTr/BCĐ ngày 30 tháng 12 năm 2025 của \nBan Chỉ đạo Trung ương về hoàn thiện thể chế, pháp luật;",
        [
            ("Chương trình", "12-CTr/BCĐ", "2025-12-30", None, "Ban Chỉ đạo Trung ương"),
        ],
    ),
    pytest.param(
        "Căn cứ Nghị quyết số 751/2019/UBTVQH14 ngày 16 tháng 8 năm 2019 của Ủy ban Thường vụ Quốc hội giải thích một số điều của Luật Quy hoạch;",
        [
            ("Nghị quyết", "751/2019/UBTVQH14", "2019-08-16", None, "Ủy ban Thường vụ Quốc hội"),
            ("Luật", None, None, "Luật Quy hoạch", None),
        ],
    ),
    pytest.param(
        "Theo đề nghị của UBND huyện Châu Thành tại Tờ trình số 308/TTr-UBND ngày 10 tháng 12 năm 2021 và của Sở Tài nguyên và Môi trường tại Tờ trình so 8468/TTr-STNMT ngày 24 tháng 12 năm 2021.",
        [
            ("Tờ trình", "308/TTr-UBND", "2021-12-10", None, "Ủy ban nhân dân"),
            ("Tờ trình", "8468/TTr-STNMT", "2021-12-24", None, "Sở Tài nguyên và Môi trường"),
        ],
    ),
    pytest.param(
        "theo Quyết định 41/2017/QĐ-UBND ngày 06/12/2017 của UBND Thành phố về \nQuản lý hoạt động thoát nước",
        [
            ("Quyết định", "41/2017/QĐ-UBND", "2017-12-06", None, "Ủy ban nhân dân Thành phố"),
        ],
    ),
    pytest.param(
        "theo Kế hoạch số 312/KH-UBND ngày 28/12/2021 của UBND \nThành phố về phát triển hệ thống thoát nước",
        [
            ("Kế hoạch", "312/KH-UBND", "2021-12-28", None, "Ủy ban nhân dân Thành phố"),
        ],
    ),
    pytest.param(
        "theo Quyết định \nsố 364/QĐ-UBND ngày 26/01/2026 của Chủ tịch UBND Thành phố, bảo đảm tiến",
        [
            ("Quyết định", "364/QĐ-UBND", "2026-01-26", None, "Ủy ban nhân dân Thành phố"),
        ],
    ),
    pytest.param(
        "Căn cứ Quyết định số 11/2007/QĐ-UBND ngày 19/3/2007 của UBND tỉnh về việc phê duyệt quy hoạch 03 loại rừng giai đoạn 2006-2010;",
        [
            ("Quyết định", "11/2007/QĐ-UBND", "2007-03-19", None, "Ủy ban nhân dân tỉnh"),
        ],
    ),
    pytest.param(
        "phê duyệt chủ trương đầu tư tại Nghị quyết số 28/NQ-HĐND \nngày  22/9/2023).",
        [
            ("Nghị quyết", "28/NQ-HĐND", "2023-09-22", None, "Hội đồng nhân dân"),
        ],
    ),
    pytest.param(
        "theo Chỉ thị số 38/2005/CT-TTg ngày 05/12/2005 của Thủ tướng Chính phủ;",
        [
            ("Chỉ thị", "38/2005/CT-TTg", "2005-12-05", None, "Thủ tướng Chính phủ"),
        ],
    ),
    pytest.param(
        "Căn cứ Nghị quyết 59-NQ/TW ngày 24 tháng 01 năm 2025 của Bộ Chính \ntrị về Hội nhập quốc tế",
        [
            ("Nghị quyết", "59-NQ/TW", "2025-01-24", None, "Bộ Chính trị"),
        ],
    ),
    # In a table cell the next line's capitalised body is another cell, not the issuer's tail.
    pytest.param(
        "theo Nghị quyết số 80-NQ/TW \ncủa Bộ Chính trị \nBộ Văn hóa,  \nThể thao và Du \nlịch, Bộ Tài chính,",
        [
            ("Nghị quyết", "80-NQ/TW", None, None, "Bộ Chính trị"),
        ],
    ),
    pytest.param(
        "Căn cứ  Thông báo số 39/TB-VPCP ngày 25/2/2008 của Văn phòng Chính  phủ về kết luận của Thủ tướng Nguyễn Tấn Dũng",
        [
            ("Thông báo", "39/TB-VPCP", "2008-02-25", None, "Văn phòng Chính phủ"),
        ],
    ),
    pytest.param(
        "Căn cứ Thông báo số 172/TB-VPCP ngày 11/9/2007 của Văn phòng Chính phủ về ý kiến kết luận của Phó Thủ tướng Hoàng Trung Hải",
        [
            ("Thông báo", "172/TB-VPCP", "2007-09-11", None, "Văn phòng Chính phủ"),
        ],
    ),
    pytest.param(
        "Phó Thủ tướng Trịnh Đình Dũng tại văn bản số 4861/VPCP-CN ngày 17/6/2020 của Văn phòng Chính phủ.",
        [
            ("Văn bản", "4861/VPCP-CN", "2020-06-17", None, "Văn phòng Chính phủ"),
        ],
    ),
    pytest.param(
        "nêu tại Thông báo số 337/TB-VPCP ngày 21/9/2020 của Văn phòng Chính phủ. Đối với giá",
        [
            ("Thông báo", "337/TB-VPCP", "2020-09-21", None, "Văn phòng Chính phủ"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phrase(text: str, expected: list[Expected], rules: LegalRules) -> None:
    assert _tuples(text, rules) == expected


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về", "Bộ Chính trị"),
        ("Thông báo số 212-TB/TU ngày 23/01/2026 của Thành ủy Hà Nội;", "Thành ủy Hà Nội"),
        # the text names more than the code does: the body as stated, localised later
        ("Kế hoạch số 128/KH-UBND ngày 30/3/2026 của UBND Thành phố", "Ủy ban nhân dân Thành phố"),
        ("tại Chỉ thị 26/CT-TTg của Thủ tướng về tiếp tục", "Thủ tướng Chính phủ"),
        ("Thông tư số 06/2022/TT-BТС ngày 08 tháng 02 năm 2022 của Bộ trưởng", "Bộ Tài chính"),
        ("Thông tư số 38/2015/TT-BTC của Bộ trưởng Bộ Tài chính", "Bộ Tài chính"),
        (
            "số 364/QĐ-UBND ngày 26/01/2026 của Chủ tịch UBND Thành phố, bảo đảm",
            "Ủy ban nhân dân Thành phố",
        ),
        ("Nghị quyết số 68-\nNQ/TW của Bộ \nChính trị được", "Ban Chấp hành Trung ương"),
        ("Căn cứ Nghị quyết số 71/2006/QH11 của Quốc hội phê chuẩn Nghị định", "Quốc hội"),
        ("Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 của Chính phủ, Thông tư", "Chính phủ"),
    ],
)
def test_issuer_stated_after_reference(text: str, issuer: str, rules: LegalRules) -> None:
    # "của <agency>" right after the reference wins over the code's issuer, unless it only
    # repeats, extends or shortens the code's name, or names an office holder alone.
    assert extract(text, rules)[0].issuer == issuer


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("73/2019/NĐ-CP", "Nghị định"),
        ("02-NQ/TW", "Nghị quyết"),
        ("128/KH-UBND", "Kế hoạch"),
        ("92/TTr-UBND", "Tờ trình"),
        ("63/2025/QH15", "Luật"),
        ("321/UBND-KH", None),
        ("7913/UBND-KT", None),
        ("5440/BTTTT-CĐSQG", None),
    ],
)
def test_kind_of_code_reads_the_first_segment(
    number: str, kind: str | None, rules: LegalRules
) -> None:
    assert rules.kind_of_code(number) == kind


def test_many_titles_in_a_long_text(rules: LegalRules) -> None:
    # Each title's end is checked in place ("text.endswith(' và', 0, end)"), not on a copy
    # of the text before it, which made long texts quadratic.
    text = "Căn cứ Luật Đất đai và Luật Xây dựng; " * 2000
    assert [r.title for r in extract(text, rules)] == ["Luật Đất đai", "Luật Xây dựng"] * 2000


def test_by_name_year_must_match_the_number(rules: LegalRules) -> None:
    text = (
        "Luật hải quan được thông qua ngày 23/6/2014. Luật này thay thế Luật Hải quan số "
        "29/2001/QH10 năm 2001. Điều 5 Luật Hải quan năm 2014 quy định"
    )
    assert [(r.title, r.number) for r in extract(text, rules)] == [
        ("Luật hải quan", None),
        ("Luật Hải quan", "29/2001/QH10"),
        ("Luật Hải quan năm 2014", None),
    ]


def test_raw_is_the_text_span(rules: LegalRules) -> None:
    text = "Căn cứ Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 và Luật Đầu tư công; Đề án 06."
    for ref in extract(text, rules):
        assert ref.raw == text[ref.start : ref.end]
        assert ref.rule_id.startswith("ref.")


def test_head_item_covers_kind_phrase_and_date(rules: LegalRules) -> None:
    text = "theo Thông tư số 03/2020/TT-BTTTT, 04/2020/TT-BTTTT ngày 24/02/2020 của Bộ"
    first, second = extract(text, rules)
    assert first.raw == "Thông tư số 03/2020/TT-BTTTT"
    assert first.rule_id == "ref.numbered"
    assert second.raw == "04/2020/TT-BTTTT ngày 24/02/2020"
    assert second.rule_id == "ref.list_item"
    assert first.issued_date == second.issued_date == date(2020, 2, 24)
    assert first.issuer == "Bộ Thông tin và Truyền thông"


def test_document_own_number_is_not_a_reference(rules: LegalRules) -> None:
    text = (
        "Quyết định 173/QĐ-BTP\nSố: 173/QĐ-BTP\nCăn cứ Nghị định số 22/2013/NĐ-CP;\n"
        "(Ban hành kèm theo Quyết định số 173/QĐ-BTP ngày 29 tháng 01 năm 2015)"
    )
    assert [r.number for r in extract(text, rules)] == ["22/2013/NĐ-CP"]


def test_page_header_and_bullets_are_not_numbers(rules: LegalRules) -> None:
    text = "CÔNG BÁO/Số 271/Ngày 12-05-2026\n- Như Điều 3\n- CT, các PCT UBND tỉnh;"
    assert extract(text, rules) == []


def test_footnote_digit_is_trimmed(rules: LegalRules) -> None:
    refs = extract("thực hiện Nghị quyết số 140/NQ-CP2 của Chính phủ", rules)
    assert [r.number for r in refs] == ["140/NQ-CP"]
    assert refs[0].raw == "Nghị quyết số 140/NQ-CP"


def test_by_name_mention_takes_number_cited_elsewhere(rules: LegalRules) -> None:
    text = (
        "Căn cứ Luật Ngân sách nhà nước số 89/2025/QH15;\n"
        "bảo đảm quy định của Luật Ngân sách nhà nước và Nghị quyết 35; Nghị quyết số 35/NQ-CP."
    )
    refs = extract(text, rules)
    assert [(r.rule_id, r.number) for r in refs] == [
        ("ref.numbered", "89/2025/QH15"),
        ("ref.by_name", "89/2025/QH15"),
        ("ref.short_name", "35/NQ-CP"),
        ("ref.numbered", "35/NQ-CP"),
    ]


def test_repeated_mentions_give_one_row_each(rules: LegalRules) -> None:
    text = "Đề án 06. Triển khai Đề án 06 và Đề án 06."
    assert [r.title for r in extract(text, rules)] == ["Đề án 06"] * 3


def test_drafts_and_common_nouns_are_not_references(rules: LegalRules) -> None:
    text = (
        "trình các dự án Luật sửa đổi các Luật về thuế; Luật sư Nguyễn Văn Hậu; "
        "theo quy định của pháp luật; Nghị định thư bổ sung; Sở Kế hoạch và Đầu tư 2024"
    )
    assert extract(text, rules) == []


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("73 / 2019/NĐ - CP", "73/2019/NĐ-CP"),
        ("410/UBND –NL", "410/UBND-NL"),
        ("5969/QĐ-\nUBND", "5969/QĐ-UBND"),
        ("０５/CT-TTg", "05/CT-TTg"),
    ],
)
def test_canonical_number(raw: str, canonical: str) -> None:
    assert canonical_number(raw) == canonical


def test_canonical_number_reads_every_character_as_one_at_a_time() -> None:
    """The translation table says for each character what a loop over it would."""

    def one_at_a_time(raw: str) -> str:
        text = unicodedata.normalize("NFC", raw).translate(_DASHES)
        return "".join(
            str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text if not ch.isspace()
        )

    chars = [chr(c) for c in range(0x3400) if not 0xD800 <= c < 0xE000]
    chars += [chr(c) for c in range(0xFF00, 0x10000)] + ["\U0001d7ce", "\U0001d7d8"]
    for i in range(0, len(chars), 64):
        raw = "".join(chars[i : i + 64])
        assert canonical_number(raw) == one_at_a_time(raw), raw


def test_number_key_folds_lookalikes() -> None:
    assert number_key("06/2022/TT-BТС") == number_key("06/2022/tt-btc")
    assert number_key("73/2019/NĐ-CP") == "73/2019/ND-CP"


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("QUYẾT ĐỊNH", "Quyết định"),
        ("nghị định", "Nghị định"),
        ("Thông tư liên tịch", "Thông tư liên tịch"),
        ("văn bản hướng dẫn", "Văn bản"),
        ("Chương trình hành động", "Chương trình"),
        ("CÔNG ĐIỆN", "Công điện"),
        ("Tin", None),
    ],
)
def test_canonical_kind(word: str, kind: str | None, rules: LegalRules) -> None:
    assert rules.canonical_kind(word) == kind


@pytest.mark.parametrize(
    ("number", "issuer"),
    [
        ("73/2019/NĐ-CP", "Chính phủ"),
        ("05/CT-TTg", "Thủ tướng Chính phủ"),
        ("63/2025/QH15", "Quốc hội"),
        ("02/2020/UBTVQH14", "Ủy ban Thường vụ Quốc hội"),
        ("02-NQ/TW", "Ban Chấp hành Trung ương"),
        ("8107/UBND-NCKS", "Ủy ban nhân dân"),
        ("5440/BTTTT-CĐSQG", "Bộ Thông tin và Truyền thông"),
        ("06/2022/TT-BТС", "Bộ Tài chính"),
        ("478/TB-VPCP", "Văn phòng Chính phủ"),
        ("1/ABC-XYZ", None),
    ],
)
def test_issuer_of(number: str, issuer: str | None, rules: LegalRules) -> None:
    assert rules.issuer_of(number) == issuer


def test_rule_files_load(rules: LegalRules) -> None:
    assert rules.canonical_kind("Luật") == "Luật"
    assert rules.issuer_of("144/NQ-CP") == "Chính phủ"


def test_bad_kinds_file_names_the_file(rules_copy: Path) -> None:
    rules_dir = rules_copy
    path = rules_dir / "kinds.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  Đề án: [Đề án]", "  Đề cương: [Đề cương]"),
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match=r"(?s)kinds\.yaml.*Đề cương"):
        LegalRules.load(rules_dir)


def test_bad_issuers_row_names_the_file_and_row(rules_copy: Path) -> None:
    rules_dir = rules_copy
    with (rules_dir / "issuers.csv").open("a", encoding="utf-8") as fh:
        fh.write("XYZ,,1/QĐ-XYZ\n")
    with pytest.raises(RuleFileError, match=r"issuers\.csv, row \d+"):
        LegalRules.load(rules_dir)


def test_broken_yaml_is_a_rule_file_error(rules_copy: Path) -> None:
    rules_dir = rules_copy
    (rules_dir / "kinds.yaml").write_text("kinds: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"kinds\.yaml"):
        LegalRules.load(rules_dir)


@pytest.mark.parametrize(
    "text",
    [
        "số 1/" * 20000,
        "Luật " * 20000,
        "Luật A " * 20000,
        "Nghị định số " * 10000 + "1/NĐ-CP",
        "1" * 100000 + "/NĐ-CP",
        "1/" + "A-" * 50000,
        "Thông tư số 1/TT-BTC, " * 5000,
        "Ngày 1/1/2020, " + "a " * 50000 + "ban hành Quyết định số 1/QĐ-UBND",
    ],
    ids=["so", "luat", "luat-a", "kinds", "digits", "code-chain", "list", "issuing-clause"],
)
def test_pathological_input_returns(text: str, rules: LegalRules) -> None:
    # Only that it returns: every pattern is linear, so this finishes in well under a second.
    assert isinstance(extract(text, rules), list)


def _dev_texts() -> list[Path]:
    return sorted((CORPUS / "dev").glob("*.txt")) + sorted((CORPUS / "extra").glob("*.txt"))


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason=f"shared corpus not found at {CORPUS}")
def test_raw_matches_offsets_on_corpus(rules: LegalRules) -> None:
    paths = _dev_texts()
    assert paths
    for path in paths:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        refs = extract(text, rules)
        assert [r.start for r in refs] == sorted(r.start for r in refs), path.name
        for ref in refs:
            assert ref.raw == text[ref.start : ref.end], (path.name, ref)
            assert ref.number is not None or ref.title, (path.name, ref)
