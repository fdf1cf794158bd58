"""Temporal expressions: a Duckling-style table of real phrases from the corpus, then properties.

Rows quote short phrases from ../shared/corpus (dev and extra) and the SPEC's examples.  Each
row is (phrase, document date) -> (deadline, kind, recurrence, recurrence_rule) of the first
non-urgency expression; ``None`` for kind means no deadline or recurrence may be found.
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipeline.models import TemporalExpr
from pipeline.rules import RULES_DIR, RuleFileError
from pipeline.scan import Prefilter
from pipeline.temporal import TemporalRules, extract, parse_deadline_cell

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def rules() -> TemporalRules:
    return TemporalRules.load(RULES_DIR)


def _main(exprs: list[TemporalExpr]) -> TemporalExpr | None:
    """The expression an assignment would take: the first deadline or recurrence."""
    return next((e for e in exprs if e.kind != "urgency"), None)


D = date
# (phrase, document date, deadline, kind, recurrence, recurrence_rule)
# fmt: off
PROSE: list[tuple[str, date | None, date | None, str | None, str | None, str | None]] = [
    # --- absolute dates after a trigger
    ("hoàn thành trước ngày 25/3/2024.", D(2024, 3, 11), D(2024, 3, 25), "date", None, None),
    ("đảm bảo hoàn thành trước ngày 30/6/2017.", None, D(2017, 6, 30), "date", None, None),
    ("trình Thủ tướng trước ngày 30/9/2017.", D(2017, 7, 6), D(2017, 9, 30), "date", None, None),
    ("báo cáo Thủ tướng Chính phủ trước ngày 20/7/2017.", None, D(2017, 7, 20), "date", None, None),
    ("báo cáo về thành phố trước ngày 20/7 để triển khai", D(2017, 7, 14), D(2017, 7, 20), "date", None, None),
    ("báo cáo về thành phố trước ngày 20/7 để triển khai", None, None, "date", None, None),
    ("gửi báo cáo về cho UBND tỉnh trước ngày 20/02/2017.", D(2017, 2, 7), D(2017, 2, 20), "date", None, None),
    ("có báo cáo về Bộ trước ngày 30-6-2017.", None, D(2017, 6, 30), "date", None, None),
    ("kết quả báo cáo về UBND tỉnh trước ngày 5-7.", D(2017, 6, 28), D(2017, 7, 5), "date", None, None),
    ("yêu cầu các đơn vị nêu trên trước ngày 15/01/2019 hoàn thành", None, D(2019, 1, 15), "date", None, None),
    ("chuyển giao về SCIC trước ngày 31/3/2019 để tổ chức thoái vốn", None, D(2019, 3, 31), "date", None, None),
    ("theo Điều 1 Nghị quyết này xong trước ngày 01 tháng 5 năm 2026, báo cáo", D(2026, 4, 25), D(2026, 5, 1), "date", None, None),
    ("xong trước ngày 01 tháng 8 năm 2026 đối với chi phí năm 2024.", D(2026, 4, 25), D(2026, 8, 1), "date", None, None),
    ("xong trước ngày\n01 tháng 8 năm 2026", D(2026, 4, 25), D(2026, 8, 1), "date", None, None),
    ("báo cáo kết quả thực hiện về UBND tỉnh trước ngày 10.6 (kèm theo", D(2017, 5, 25), D(2017, 6, 10), "date", None, None),
    ("cho các chủ đầu tư xong trước ngày 20/2.", D(2017, 2, 10), D(2017, 2, 20), "date", None, None),
    ("báo cáo kết quả thực hiện về Bộ trước ngày 25/12.", D(2020, 12, 10), D(2020, 12, 25), "date", None, None),
    ("đưa vào khai thác trước 31/12/2020", None, D(2020, 12, 31), "date", None, None),
    ("phấn đấu hoàn thành trước ngày  30/4/2026 và đẩy nhanh", None, D(2026, 4, 30), "date", None, None),
    ("trước ngày 24/ 02/2020", None, D(2020, 2, 24), "date", None, None),
    ("gửi ý kiến trước ngày 10 tháng 5 năm 2026 để báo cáo", None, D(2026, 5, 10), "date", None, None),
    ("gửi Sở Tài chính chậm nhất ngày 15/10/2024", None, D(2024, 10, 15), "date", None, None),
    ("hạn chót là ngày 30/6/2024", None, D(2024, 6, 30), "date", None, None),
    ("trước ngày 30/6", D(2024, 3, 11), D(2024, 6, 30), "date", None, None),
    ("trước ngày 30/6", None, None, "date", None, None),
    ("trước ngày 15/01", D(2018, 12, 20), D(2019, 1, 15), "date", None, None),
    # --- a year-less deadline lies ahead: more than 14 days before the document -> next year
    ("trước ngày 15/01", D(2024, 3, 10), D(2025, 1, 15), "date", None, None),
    ("báo cáo trước ngày 24/02", D(2024, 3, 10), D(2025, 2, 24), "date", None, None),  # 15 days
    ("báo cáo trước ngày 25/02", D(2024, 3, 10), D(2024, 2, 25), "date", None, None),  # 14 days
    ("hoàn thành trước ngày 01/3", D(2024, 3, 10), D(2024, 3, 1), "date", None, None),
    ("hoàn thành trước ngày 15 tháng 01", D(2024, 3, 10), D(2025, 1, 15), "date", None, None),
    ("trước ngày 29/2", D(2024, 6, 1), D(2024, 2, 29), "date", None, None),  # 2025 has no 29/2
    ("hoàn thành trong tháng 1", D(2024, 3, 10), D(2025, 1, 31), "period", None, None),
    ("hoàn thành trong tháng 2", D(2024, 3, 10), D(2024, 2, 29), "period", None, None),
    ("trình Ủy ban nhân dân tỉnh trong quý I", D(2024, 7, 1), D(2025, 3, 31), "period", None, None),
    ("hoàn thành trong 6 tháng đầu năm", D(2024, 9, 1), D(2025, 6, 30), "period", None, None),
    ("hoàn thành trong 6 tháng đầu năm", D(2024, 3, 11), D(2024, 6, 30), "period", None, None),
    # --- periods after a trigger resolve to their last day
    ("Ngay trong tháng 6/2017, Công an thành phố chủ trì kiểm tra", None, D(2017, 6, 30), "period", None, None),
    ("báo cáo kết quả trong tháng 8/2017.", None, D(2017, 8, 31), "period", None, None),
    ("trình Chính phủ trong quý 4 năm 2020.", None, D(2020, 12, 31), "period", None, None),
    ("thí điểm thực hiện tại thành phố Hà Nội trong năm 2018.", None, D(2018, 12, 31), "period", None, None),
    ("Trong tháng 6, Ủy ban An toàn giao thông quốc gia tổ chức", D(2017, 6, 5), D(2017, 6, 30), "period", None, None),
    ("Trong tháng 6, Ủy ban An toàn giao thông quốc gia tổ chức", None, None, "period", None, None),
    ("d) Phối hợp ...\nCuối năm, báo cáo kết quả hoạt động phối hợp", D(2015, 1, 29), D(2015, 12, 31), "period", None, None),
    ("Ngoài ra, trong năm nay còn 10 đề án", D(2021, 1, 20), D(2021, 12, 31), "period", None, None),
    ("báo cáo Thủ tướng Chính phủ trong tháng 2/2017.", None, D(2017, 2, 28), "period", None, None),
    ("chi phí xây lắp công trình dự án BOT, hoàn thành trong tháng 7/2017;", None, D(2017, 7, 31), "period", None, None),
    ("đề xuất phương án xử lý trình Thủ tướng Chính phủ trong tháng 6-2017.", None, D(2017, 6, 30), "period", None, None),
    ("Giao Sở GTVT trong quý I/2017, hoàn thành các thủ tục", None, D(2017, 3, 31), "period", None, None),
    ("báo cáo kết quả lên Thủ tướng Chính phủ trong quý II/2017.", None, D(2017, 6, 30), "period", None, None),
    ("xây dựng kế hoạch (hoàn thành cuối tháng 2/2017)", None, D(2017, 2, 28), "period", None, None),
    ("bảo đảm tiến độ hoàn thành trong năm 2026 (hoàn thành", None, D(2026, 12, 31), "period", None, None),
    ("khẩn trương báo cáo Thường trực Chính phủ trước tháng 12/2017.", None, D(2017, 12, 31), "period", None, None),
    ("Đảm bảo cuối tháng 6, hoàn thành việc bồi thường", D(2017, 6, 1), D(2017, 6, 30), "period", None, None),
    ("Trong tháng 3, phê duyệt phương án BTGPMB", D(2017, 2, 20), D(2017, 3, 31), "period", None, None),
    ("thực hiện ngay trong tháng 2 việc xử lý văn bản", D(2017, 1, 20), D(2017, 2, 28), "period", None, None),
    ("hoàn thành trong 6 tháng đầu năm 2024", None, D(2024, 6, 30), "period", None, None),
    ("trong 6 tháng cuối năm", D(2024, 3, 11), D(2024, 12, 31), "period", None, None),
    ("trong quý II/2024", None, D(2024, 6, 30), "period", None, None),
    ("trong quý 2 năm 2024", None, D(2024, 6, 30), "period", None, None),
    ("trình Ủy ban nhân dân tỉnh trong quý III", D(2024, 3, 11), D(2024, 9, 30), "period", None, None),
    ("trong tháng 4/2024", None, D(2024, 4, 30), "period", None, None),
    ("hoàn thành cuối năm 2024", None, D(2024, 12, 31), "period", None, None),
    ("trong năm 2017", None, D(2017, 12, 31), "period", None, None),
    ("trình Chính phủ, hoàn thành vào cuối quý III/2024", None, D(2024, 9, 30), "period", None, None),
    # --- "Thời gian thực hiện:" fields: bare values are deadlines
    ("- Thời gian thực hiện: Cả năm 2015.", D(2015, 1, 29), D(2015, 12, 31), "period", None, None),
    ("- Thời gian thực hiện: Quý I/2015.", None, D(2015, 3, 31), "period", None, None),
    ("- Thời gian thực hiện: Quý II, III/2015.", None, D(2015, 9, 30), "period", None, None),
    ("- Thời gian thực hiện: Quý I, II/2015.", None, D(2015, 6, 30), "period", None, None),
    ("- Thời gian thực hiện: Quý II và III/2015.", None, D(2015, 9, 30), "period", None, None),
    ("- Thời gian hoàn thành: Quý IV/2015.", None, D(2015, 12, 31), "period", None, None),
    ("- Thời gian thực hiện: Ngày 09/11/2015.", None, D(2015, 11, 9), "date", None, None),
    ("- Thời gian dự kiến: ngày 11/9/2026 (thứ Sáu).", None, D(2026, 9, 11), "date", None, None),
    ("- Thời gian dự kiến:  ngày 18/9/2026 (thứ Sáu).", None, D(2026, 9, 18), "date", None, None),
    ("- Thời gian dự kiến: từ ngày 11/9/2026 đến ngày 20/9/2026.", None, D(2026, 9, 20), "date", None, None),
    ("- Thời gian dự kiến: từ ngày 11/9 đến hết năm 2026.", None, D(2026, 12, 31), "period", None, None),
    ("5. Thời gian hoàn thành: Quý IV/2026.", None, D(2026, 12, 31), "period", None, None),
    # --- relative deadlines
    ("báo cáo kết quả trong vòng 15 ngày kể từ ngày ký", D(2024, 3, 11), D(2024, 3, 26), "relative", None, None),
    ("báo cáo kết quả trong vòng 15 ngày kể từ ngày ký", None, None, "relative", None, None),
    ("trong vòng 10 ngày làm việc kể từ ngày ký", D(2024, 3, 8), D(2024, 3, 22), "relative", None, None),
    ("trong thời hạn 30 ngày kể từ ngày hàng hóa đến cửa khẩu", D(2024, 3, 11), None, "relative", None, None),
    ("hoàn thành trong 03 tháng kể từ ngày Quyết định này được ký", D(2024, 1, 31), D(2024, 4, 30), "relative", None, None),
    # --- recurrences
    ("Báo cáo định kỳ 02 tuần/lần về tình hình xây dựng", D(2024, 3, 11), None, "recurring", "P2W", None),
    ("định kỳ hàng tháng, quý báo cáo Ủy ban An toàn giao thông Quốc gia", None, None, "recurring", "P1M", None),
    ("báo cáo Thủ tướng Chính phủ tiến độ thực hiện định kỳ hàng quý./.", None, None, "recurring", "P3M", None),
    ("đ) Hàng năm, phối hợp với Cơ quan công tác dân tộc tỉnh báo cáo", D(2015, 1, 29), None, "recurring", "P1Y", None),
    ("Định kỳ trước ngày 15 tháng 12 hằng năm và khi có yêu cầu", D(2024, 7, 31), None, "recurring", "P1Y", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15"),
    ("Định kỳ ngày 20 hàng tháng có báo cáo đánh giá", None, None, "recurring", "P1M", "FREQ=MONTHLY;BYMONTHDAY=20"),
    ("tổng hợp báo cáo UBND tỉnh theo định kỳ hàng tháng, qúy, năm.", None, None, "recurring", "P1M", None),
    ("tổng hợp kết quả thực hiện báo cáo Sở Xây dựng hàng tháng.", None, None, "recurring", "P1M", None),
    ("báo cáo Sở Nội vụ trước ngày 20 hằng tháng", D(2024, 3, 11), None, "recurring", "P1M", "FREQ=MONTHLY;BYMONTHDAY=20"),
    ("giao ban vào thứ Sáu hàng tuần", None, None, "recurring", "P1W", "FREQ=WEEKLY;BYDAY=FR"),
    ("họp vào các ngày thứ Hai, thứ Sáu hàng tuần", None, None, "recurring", "P1W", "FREQ=WEEKLY;BYDAY=MO,FR"),
    ("báo cáo hằng tuần", None, None, "recurring", "P1W", None),
    ("thực hiện chế độ báo cáo 6 tháng và hằng năm", None, None, "recurring", "P6M", None),
    ("nộp báo cáo giám sát tài chính hằng năm", None, None, "recurring", "P1Y", None),
    ("báo cáo hằng quý", None, None, "recurring", "P3M", None),
    ("định kỳ 6 tháng báo cáo Ủy ban nhân dân tỉnh", None, None, "recurring", "P6M", None),
    ("tổ chức sơ kết vào tháng 12 hằng năm", None, None, "recurring", "P1Y", "FREQ=YEARLY;BYMONTH=12"),
    # --- negatives: dates of references and background, title years, impossible dates
    ("theo Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 của Chính phủ", D(2024, 3, 11), None, None, None, None),
    ("theo đúng quy định tại Quyết định 707/QĐ-TTg ngày 25/5/2017,", None, None, None, None, None),
    ("Ngày 11/3/2024, Phó Chủ tịch UBND tỉnh Hồ Quang Bửu chủ trì buổi làm việc", None, None, None, None, None),
    ("ban hành danh mục nhiệm vụ ưu tiên năm 2024", D(2024, 3, 11), None, None, None, None),
    ("Tổ chức Festival Thăng Long - Hà Nội lần thứ II, năm 2026", None, None, None, None, None),
    ("Chương trình phối hợp công tác giai đoạn 2014 - 2020", None, None, None, None, None),
    ("9, Chiến lược phát triển Hải quan đến năm 2030, Ban Cải cách", None, None, None, None, None),
    ("quy hoạch tầm nhìn đến năm 2030", None, None, None, None, None),
    ("hoàn thành trước ngày 31/2/2024", None, None, None, None, None),
    ("báo cáo trước ngày 31/2", D(2024, 3, 11), None, None, None, None),
    ("| 1.2 | Đất trồng cây hàng năm khác | HNK | 54,04 |", None, None, None, None, None),
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký.", D(2015, 1, 29), None, None, None, None),
    ("nhu cầu tiêu dùng cao vào dịp cuối năm và các hàng hóa", D(2024, 3, 11), None, None, None, None),
    ("từ năm 2009 đến nay (cuối tháng 9/2020), các lực lượng", None, None, None, None, None),
    ("Trong ngày 24.5, điều tra của Lao Động cho thấy", D(2017, 5, 25), None, None, None, None),
    ("thực hiện báo cáo giám sát tài chính 6 tháng đầu năm 2016", None, None, None, None, None),
    ("- Thời gian thực hiện: từ quý II/2026.", None, None, None, None, None),
    ("Thường xuyên", None, None, None, None, None),
    # --- background: a stated date or period wholly before the document date is no deadline
    ("Trong năm 2023, tỉnh đã giải ngân 95% kế hoạch vốn", D(2024, 3, 11), None, None, None, None),
    ("Trong năm 2023, tỉnh đã giải ngân 95% kế hoạch vốn", None, D(2023, 12, 31), "period", None, None),
    ("Trong 6 tháng đầu năm 2024, cả nước xảy ra 5.000 vụ", D(2024, 7, 15), None, None, None, None),
    ("Trong 6 tháng đầu năm 2024, cả nước xảy ra 5.000 vụ", D(2024, 3, 11), D(2024, 6, 30), "period", None, None),
    ("Trước năm 2020, việc cấp phép do Sở Xây dựng thực hiện", D(2024, 3, 11), None, None, None, None),
    ("Cuối năm 2023, cả nước có 500 dự án chậm tiến độ", D(2024, 3, 11), None, None, None, None),
    ("Chỉ có 10 đơn vị lập báo cáo trước ngày 31/8/2016. Qua rà soát", D(2016, 11, 3), None, None, None, None),
    ("Sở Y tế hoàn thành trước ngày 10/3/2024", D(2024, 3, 11), None, None, None, None),
    ("Sở Y tế hoàn thành trước ngày 11/3/2024", D(2024, 3, 11), D(2024, 3, 11), "date", None, None),
    ("Trong năm 2023, tỉnh đã giải ngân 95%; Sở Tài chính hoàn thành trước ngày 30/6/2024", D(2024, 3, 11), D(2024, 6, 30), "date", None, None),
    # --- "báo cáo 6 tháng đầu/cuối năm" is one report on a half-year, not P6M
    ("thực hiện báo cáo 6 tháng đầu năm gửi Bộ Tài chính", D(2024, 3, 11), None, None, None, None),
    ("gửi báo cáo 6 tháng cuối năm về Ủy ban nhân dân tỉnh", None, None, None, None, None),
    ("báo cáo 06 tháng đầu năm 2024", None, None, None, None, None),
    ("định kỳ báo cáo 6 tháng, hằng năm về Bộ Nội vụ", None, None, "recurring", "P6M", None),
    ("thực hiện chế độ báo cáo 6 tháng", None, None, "recurring", "P6M", None),
    # --- "hằng/hàng <unit>" counting a long time ("for years"), not repeating
    ("người dân phải chờ hàng năm trời mới được cấp giấy", None, None, None, None, None),
    ("dự án đã dừng hàng tháng nay", None, None, None, None, None),
    ("công trình thi công hàng tuần liền", None, None, None, None, None),
    ("mỗi hồ sơ mất hàng tháng mới được giải quyết", None, None, None, None, None),
    ("tình trạng kéo dài hàng năm", None, None, None, None, None),
    ("báo cáo hàng tháng qua hệ thống phần mềm", None, None, "recurring", "P1M", None),
]
# fmt: on

URGENCY: list[tuple[str, str | None]] = [
    ("Sở Tư pháp khẩn trương rà soát", "khẩn trương"),
    ("kịp thời báo cáo Ủy ban nhân dân tỉnh", "kịp thời"),
    ("tuyến kênh Thụy Phương xử lý khẩn cấp bổ cập nước", "khẩn cấp"),
    ("rà soát, khắc phục ngay các bất cập trong quản lý", "ngay"),
    ("Bộ TN&MT sớm hoàn thiện Chỉ thị của Thủ tướng", "sớm"),
    ("Triển khai các Lệnh Xây dựng công trình khẩn cấp giảm thiểu úng ngập", None),
    ("ngay cả khi có yêu cầu", None),
    ("06 tờ gấp pháp luật và 01 sổ tay", None),
]

# fmt: off
CELLS: list[tuple[str, date | None, date | None, str | None, str | None]] = [
    ("Tháng \n3/2026", D(2026, 4, 6), D(2026, 3, 31), "period", None),
    ("Từ ngày 11/9 - 20/9/2026", None, D(2026, 9, 20), "date", None),
    ("Tháng 9/2026", None, D(2026, 9, 30), "period", None),
    ("Ngày 11/9/2026", None, D(2026, 9, 11), "date", None),
    ("Quý III/2026", None, D(2026, 9, 30), "period", None),
    ("Trước 15/8/2026", None, D(2026, 8, 15), "date", None),
    ("2026", None, D(2026, 12, 31), "period", None),
    ("Năm 2026", None, D(2026, 12, 31), "period", None),
    ("9/2026", None, D(2026, 9, 30), "period", None),
    ("Quý I, II/2015", None, D(2015, 6, 30), "period", None),
    ("từ tháng 02/2026 đến tháng 01/2027", None, D(2027, 1, 31), "period", None),
    ("2026 và  hằng năm", None, D(2026, 12, 31), "period", "P1Y"),
    ("Hằng năm", None, None, "recurring", "P1Y"),
    ("Quý IV", D(2026, 4, 6), D(2026, 12, 31), "period", None),
    ("Thường \nxuyên", None, None, None, None),
    ("từ quý II/2026", None, None, None, None),
    ("31/2/2026", None, None, None, None),
    # A task table states deadlines: a past one stays (an overdue task), unlike in prose.
    ("Quý I/2015", D(2016, 1, 5), D(2015, 3, 31), "period", None),
    ("Năm 2023", D(2024, 3, 11), D(2023, 12, 31), "period", None),
]
# fmt: on


@pytest.mark.parametrize(("phrase", "doc_date", "deadline", "kind", "recurrence", "rrule"), PROSE)
def test_prose(
    rules: TemporalRules,
    phrase: str,
    doc_date: date | None,
    deadline: date | None,
    kind: str | None,
    recurrence: str | None,
    rrule: str | None,
) -> None:
    got = _main(extract(phrase, rules, doc_date))
    if kind is None:
        assert got is None, f"expected nothing, got {got}"
        return
    assert got is not None, f"nothing found in {phrase!r}"
    assert (got.deadline, got.kind, got.recurrence, got.recurrence_rule) == (
        deadline,
        kind,
        recurrence,
        rrule,
    )


def test_table_has_enough_rows() -> None:
    assert len(PROSE) + len(URGENCY) + len(CELLS) >= 80


@pytest.mark.parametrize(("phrase", "word"), URGENCY)
def test_urgency(rules: TemporalRules, phrase: str, word: str | None) -> None:
    found = [e for e in extract(phrase, rules, date(2024, 3, 11)) if e.kind == "urgency"]
    assert [e.raw for e in found] == ([word] if word else [])
    assert all(e.deadline is None and e.recurrence is None for e in found)
    assert _main(extract(phrase, rules, date(2024, 3, 11))) is None  # never a date


@pytest.mark.parametrize(("cell", "doc_date", "deadline", "kind", "recurrence"), CELLS)
def test_deadline_cell(
    rules: TemporalRules,
    cell: str,
    doc_date: date | None,
    deadline: date | None,
    kind: str | None,
    recurrence: str | None,
) -> None:
    # The cell sits inside a larger text: offsets are into the whole text.
    text = f"Bộ Tư pháp | {cell} | Nghị quyết số 23/NQ-CP ngày 07/02/2026"
    start = text.index(cell)
    got = parse_deadline_cell(text, rules, doc_date, start, start + len(cell))
    if kind is None:
        assert got is None
        return
    assert got is not None
    assert (got.deadline, got.kind, got.recurrence) == (deadline, kind, recurrence)
    assert got.raw == text[got.start : got.end]
    assert start <= got.start < got.end <= start + len(cell)


def test_window_offsets_are_into_whole_text(rules: TemporalRules) -> None:
    text = "Ngày 11/3/2024, họp. Sở Tư pháp hoàn thành trước ngày 25/3/2024. Trong năm 2025 ..."
    start = text.index("Sở Tư pháp")
    end = text.index(" Trong")
    found = extract(text, rules, date(2024, 3, 11), start, end)
    assert [(e.raw, e.deadline) for e in found] == [
        ("hoàn thành trước ngày 25/3/2024", date(2024, 3, 25))
    ]
    assert found[0].raw == text[found[0].start : found[0].end]


def test_rule_ids_name_lexicon_entries(rules: TemporalRules) -> None:
    ids = {e.id for e in rules.lexicon.all_entries()}
    for phrase, doc_date, *_ in PROSE:
        for expr in extract(phrase, rules, doc_date):
            assert set(expr.rule_id.split("+")) <= ids


def test_every_lexicon_example_fires_its_entry(rules: TemporalRules) -> None:
    lex = rules.lexicon
    entries = [
        *lex.triggers, *lex.field_triggers, lex.range, *lex.values,
        *lex.relative, *lex.recurrences, *lex.urgency,
    ]  # fmt: skip
    for entry in entries:
        text = entry.example
        fired = [e.rule_id for e in extract(text, rules, date(2024, 3, 11))]
        cell = parse_deadline_cell(text, rules, date(2024, 3, 11), 0, len(text))
        fired += [cell.rule_id] if cell else []
        assert any(entry.id in rule_id.split("+") for rule_id in fired), (entry.id, fired)


def _corpus_texts() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}: property checked on real texts only")
    paths = sorted(CORPUS.glob("dev/*.txt")) + sorted(CORPUS.glob("extra/*.txt"))
    if not paths:
        pytest.skip(f"no .txt files under {CORPUS}/dev or extra")
    return paths


def test_raw_is_the_span_over_every_corpus_text(rules: TemporalRules) -> None:
    for path in _corpus_texts():
        text = path.read_text(encoding="utf-8")
        found = extract(text, rules, date(2024, 6, 15))
        for expr in found:
            assert expr.raw == text[expr.start : expr.end], path.name
            assert expr.raw.strip() == expr.raw, (path.name, expr.raw)
        starts = [e.start for e in found]
        assert starts == sorted(starts), path.name
        assert all(a.end <= b.start for a, b in itertools.pairwise(found)), path.name
        # A window sees only what lies inside it.
        mid = len(text) // 2
        for expr in extract(text, rules, None, mid // 2, mid):
            assert mid // 2 <= expr.start < expr.end <= mid
            assert expr.raw == text[expr.start : expr.end]


def test_prefilter_changes_nothing(rules: TemporalRules) -> None:
    # The prefilter only skips positions where a pattern cannot match: same output without.
    unfiltered = TemporalRules(
        lexicon=rules.lexicon,
        prose=tuple(replace(c, prefilter=Prefilter()) for c in rules.prose),
        cell=tuple(replace(c, prefilter=Prefilter()) for c in rules.cell),
    )
    assert any(c.prefilter.anchors for c in rules.prose), "no anchors derived"
    with_openings = [c for c in rules.prose if c.prefilter.openings]
    assert len(with_openings) > 0.9 * len(rules.prose), "few openings derived"
    texts = [row[0] for row in PROSE] + [row[0] for row in CELLS]
    paths = sorted(CORPUS.glob("dev/*.txt")) + sorted(CORPUS.glob("extra/*.txt"))
    texts += [p.read_text(encoding="utf-8") for p in paths]  # none without the shared corpus
    for text in texts:
        for doc_date in (None, date(2024, 6, 15)):
            assert extract(text, rules, doc_date) == extract(text, unfiltered, doc_date)
            assert parse_deadline_cell(text, rules, doc_date, 0, len(text)) == (
                parse_deadline_cell(text, unfiltered, doc_date, 0, len(text))
            )


def test_pathological_input_returns(rules: TemporalRules) -> None:
    text = "trước ngày " * 20000
    assert extract(text, rules, date(2024, 3, 11)) == []
    assert parse_deadline_cell(text, rules, None, 0, len(text)) is None
    digits = "1/" * 20000 + "2024"
    assert isinstance(extract("trước ngày " + digits, rules, None), list)


def test_rule_file_loads(rules: TemporalRules) -> None:
    assert rules.lexicon.version == 1
    assert rules.prose and rules.cell
    # Loading twice gives the same behaviour (compiled once per load, no global state).
    again = TemporalRules.load(RULES_DIR)
    phrase = "hoàn thành trước ngày 25/3/2024"
    assert extract(phrase, again, None) == extract(phrase, rules, None)


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copy(RULES_DIR / "temporal.yaml", tmp_path / "temporal.yaml")
    path = tmp_path / "temporal.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_bad_schema_names_the_file(tmp_path: Path) -> None:
    rules_dir = _broken_copy(tmp_path, "accepts: [date]", "accepts: [someday]")
    with pytest.raises(RuleFileError, match=r"temporal\.yaml"):
        TemporalRules.load(rules_dir)


def test_bad_regex_names_the_file(tmp_path: Path) -> None:
    rules_dir = _broken_copy(tmp_path, r"pattern: 'trước\s+ngày'", r"pattern: 'trước\s+(ngày'")
    with pytest.raises(RuleFileError, match=r"temporal\.yaml.*pattern"):
        TemporalRules.load(rules_dir)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match=r"temporal\.yaml"):
        TemporalRules.load(tmp_path)


# A text whose own date is unknown (no dateline, no header) but that states the month's year
# elsewhere: dev/news-015 ("... nhiệm vụ tháng 6 năm 2017 ... Trong tháng 6, ...").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ủy ban ATGT Quốc gia đã tổ chức Hội nghị trực tuyến sơ kết công tác bảo đảm trật "
            "tự, an toàn giao thông tháng 5 và nhiệm vụ tháng 6 năm 2017. Trong tháng 6, "
            "Ủy ban An toàn giao thông Quốc gia tổ chức 4 đoàn kiểm tra liên ngành.",
            date(2017, 6, 30),
        ),
        # two different years for that month: left unresolved
        (
            "Kế hoạch tháng 6 năm 2016 và tháng 6 năm 2017. Trong tháng 6, Sở X tổ chức kiểm tra.",
            None,
        ),
        # another month's year says nothing about this one (dev/news-029)
        (
            "báo cáo về Bộ trước ngày 30-6-2017. Sở Tài nguyên và Môi trường báo cáo trước ngày "
            "5-7.",
            None,
        ),
    ],
    ids=["same-month-stated", "two-years", "other-month"],
)
def test_year_stated_elsewhere_for_the_month(rules, text: str, expected: date | None) -> None:
    found = [e for e in extract(text, rules, None) if e.kind in ("date", "period")]
    assert found[-1].deadline == expected
