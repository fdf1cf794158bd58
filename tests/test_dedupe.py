"""A directive stated twice (a news summary, then the body) is one row (ANNOTATION.md)."""

from __future__ import annotations

from datetime import date

from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.normalize import normalize

# extra/news-001 of the shared corpus: the sapo, then the same directive in the body with its
# deadline.
SAPO_AND_BODY = (
    "Tin\n"
    "Phó Thủ tướng Vũ Đức Đam giao Bộ TT&TT chủ trì, phối hợp với các Bộ Công an, Quốc phòng "
    "và các bộ, cơ quan liên quan khẩn trương tổ chức kiểm tra, thanh tra công tác bảo vệ an "
    "toàn thông tin mạng (ATTTM) đối với hệ thống thông tin quan trọng quốc gia.\n"
    "Phó Thủ tướng giao Bộ TT&TT chủ trì, phối hợp với các Bộ Công an, Quốc phòng và các bộ, "
    "cơ quan liên quan khẩn trương tổ chức kiểm tra, thanh tra công tác bảo vệ an toàn thông "
    "tin mạng đối với hệ thống thông tin quan trọng quốc gia, trước mắt tập trung các lĩnh vực "
    "như giao thông, điện lực, báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày "
    "30/7/2017."
)


def test_summary_and_body_give_one_assignment_with_the_deadline(rules) -> None:
    found = analyse(normalize(SAPO_AND_BODY), rules, HeaderRules.load()).assignments
    assert len(found) == 1
    (only,) = found
    assert only.lead.canonical == "Bộ Thông tin và Truyền thông"
    assert only.deadline == date(2017, 7, 30)
    assert only.task.startswith("tổ chức kiểm tra, thanh tra công tác bảo vệ")


def test_different_tasks_of_one_lead_stay_apart(rules) -> None:
    text = (
        "Tin\nUBND tỉnh giao Sở Tài chính rà soát kinh phí sự nghiệp năm 2024.\n"
        "UBND tỉnh giao Sở Tài chính rà soát danh mục tài sản công của các huyện.\n"
    )
    found = analyse(normalize(text), rules, HeaderRules.load()).assignments
    assert len(found) == 2
