"""Task tables flattened one cell per line (a PDF gazette's appendix), read row by row."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.assignments import _has_number_label, _opens_header, _raw_lines
from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.normalize import normalize
from pipeline.rules import load_rules

# extra/nghi_quyet-064 of the shared corpus (Công báo, 2026): the appendix's header, rows 1-2,
# a page break with its furniture, a footnote, the header again, and row 7 whose number shares
# its line with the task.
TABLE = """Phụ lục
DANH MỤC CÁC NHIỆM VỤ BỔ SUNG TRONG CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ
(Kèm theo Nghị quyết số 97/NQ-CP ngày 06 tháng 4 năm 2026 của Chính phủ)
_______________
TT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian
hoàn thành
Căn cứ
bổ sung
1
Thực hiện nghiêm quy định các bộ, cơ
quan ngang bộ cơ cấu ít nhất một lãnh
đạo có chuyên môn pháp luật
Các bộ,
cơ quan ngang bộ
Bộ Nội vụ
Báo cáo
hằng năm
2026 và
hằng năm
Nghị quyết
số 66-
NQ/TW1
2
Thực hiện nghiêm chủ trương dứt khoát từ
bỏ tư duy "không quản được thì cấm" trong công tác xây dựng pháp luật
Các bộ,
cơ quan ngang bộ  Bộ Tư pháp
Các văn bản quy
phạm pháp luật
được ban hành
Thường
xuyên
Nghị quyết
số 66-
NQ/TW

1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng.

CÔNG BÁO/Số 238/Ngày 21-04-2026
95

TT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian
hoàn thành
Căn cứ
bổ sung
3  Đề án về chỉ số đánh giá, chấm điểm KPI
về công tác xây dựng pháp luật
Bộ Tư pháp
Các bộ,
cơ quan
ngang bộ
Đề án trình
Thủ tướng
Chính phủ
Tháng
3/2026
Nghị quyết
số 23/NQ-
CP ngày
07/02/2026
"""


@pytest.fixture(scope="module")
def rows(rules):
    result = analyse(normalize("Tin\n" + TABLE), rules, HeaderRules.load())
    return [a for a in result.assignments if a.rule_id == "assign.table_row"]


def test_every_row_is_read_once(rows) -> None:
    assert [a.lead.canonical for a in rows] == [
        "Các bộ, cơ quan ngang bộ",
        "Các bộ, cơ quan ngang bộ",
        "Bộ Tư pháp",
    ]


@pytest.mark.parametrize(
    ("index", "task_start", "coordinators", "deadline", "recurrence"),
    [
        (0, "Thực hiện nghiêm quy định các bộ", ["Bộ Nội vụ"], date(2026, 12, 31), "P1Y"),
        (1, "Thực hiện nghiêm chủ trương dứt khoát", ["Bộ Tư pháp"], None, None),
        (2, "Đề án về chỉ số đánh giá", ["Các bộ, cơ quan ngang bộ"], date(2026, 3, 31), None),
    ],
)
def test_row_cells(rows, index, task_start, coordinators, deadline, recurrence) -> None:
    row = rows[index]
    assert row.task.startswith(task_start)
    assert "Các bộ" not in row.task and "Báo cáo" not in row.task  # the task cell only
    assert [c.canonical for c in row.coordinators] == coordinators
    assert row.deadline == deadline
    assert row.recurrence == recurrence


@pytest.mark.parametrize(
    "text",
    [
        TABLE,
        "Phụ lục\n  Stt  Nội dung công việc\n1",
        "Phụ lục\nTT",  # the label ends the text
        "Căn cứ Quyết định số 12/QĐ-TTg\nTTg phê duyệt\n1. TT",  # inside words, after a marker
        "Ban chỉ đạo\n\t tT\r\nNội dung",
        "Kết luận: Sở TT&TT chủ trì; TTXVN phối hợp.",
        "",
    ],
)
def test_number_label_look_agrees_with_the_lines(text: str) -> None:
    labels = load_rules().triggers.table
    lines = _raw_lines(text)
    assert _has_number_label(text, labels) == any(_opens_header(r.text, labels) for r in lines)
