"""Assignments: a table of real excerpts from the corpus with hand-written expectations.

Each row is a short excerpt copied verbatim from ../shared/corpus (dev/ and extra/; the file is
named in a comment) and the assignments ANNOTATION.md says it holds, written by hand from the
annotation rules, not from the extractor's output: (lead, co-ordinators, first words of the task,
deadline, recurrence). An empty list means the excerpt must give no assignment (background,
completed work, a meeting's chair, the "Nơi nhận" list, the closing execution clause).

Rows where the extractor disagrees are marked ``xfail(strict=True)`` with what it does wrong; the
expectation is kept as the annotation rules give it. Agency names are compared case-insensitively
after whitespace normalisation ("Các Sở" == "Các sở"); tasks by their first words.

The excerpts are inline: the test does not need ../shared to be present.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import NamedTuple

import pytest
import regex

from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.models import Assignment, DocumentResult
from pipeline.normalize import normalize
from pipeline.rules import RuleSet, load_rules

D = date

# Rules whose lead comes from a heading or an earlier sentence, not from the assignment's span.
INHERITED = {"assign.heading_item", "assign.continuation", "assign.heading"}

# What ``_set_task`` may drop from the end of the task span besides punctuation: a dangling
# link word left before the deadline phrase ("..., hoàn thành trước ngày ...").
_TASK_TAIL_RE = regex.compile(
    r"^(?:[\s,;:.\-]*(?:và|để|hoàn thành|xong|thực hiện|thời gian|thời hạn|báo cáo kết quả))*"
    r"[\s,;:.\-]*$",
    regex.IGNORECASE,
)


class A(NamedTuple):
    """One expected assignment; ``task`` is the first words of the task."""

    lead: str
    coordinators: list[str]
    task: str
    deadline: date | None
    recurrence: str | None


@pytest.fixture(scope="module")
def rule_set() -> RuleSet:
    return load_rules()


@pytest.fixture(scope="module")
def header_rules() -> HeaderRules:
    return HeaderRules.load()


def _ws(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _key(text: str) -> str:
    return _ws(text).casefold()


def _run(excerpt: str, rule_set: RuleSet, header_rules: HeaderRules) -> tuple[str, DocumentResult]:
    text = normalize(excerpt)
    return text, analyse(text, rule_set, header_rules)


def _show(a: Assignment) -> str:
    coords = [c.canonical for c in a.coordinators]
    return (
        f"{a.lead.canonical!r} coords={coords} task={a.task[:60]!r} "
        f"deadline={a.deadline} recurrence={a.recurrence} rule={a.rule_id}"
    )


ROWS = [
    pytest.param(
        # dev/000_7d8544acb95e07e8.txt
        (
            "Văn phòng UBND tỉnh tham mưu UBND tỉnh tiếp tục có văn bản (lần 2) gửi Bộ Thông "
            "tin và Truyền thông, Bộ Tài chính đề nghị hướng dẫn thực hiện các bước chuẩn bị "
            "đối với hoạt động ứng dụng CNTT sử dụng nguồn vốn sự nghiệp."
        ),
        [
            A(
                "Văn phòng Ủy ban nhân dân tỉnh",
                [],
                "tham mưu UBND tỉnh tiếp tục có văn bản",
                None,
                None,
            ),
        ],
        id="tvtt_office",
    ),
    pytest.param(
        # dev/000_7d8544acb95e07e8.txt
        (
            "Sở Thông tin và Truyền thông: Báo cáo định kỳ 02 tuần/lần về tình hình xây dựng, "
            "triển khai các CSDL chuyên ngành trên địa bàn tỉnh theo các chương trình, kế "
            "hoạch chuyển đổi số của tỉnh được phê duyệt.\n"
            "\n"
            "Tăng cường nhân lực cho công tác thẩm định các dự án CNTT, đảm bảo thời gian, "
            "tiến độ xử lý các hồ sơ, thủ tục theo quy định.\n"
            "\n"
            "Chủ trì, phối hợp với Sở Tài chính xin chủ trương UBND tỉnh bố trí kinh phí sự "
            "nghiệp cho các bước chuẩn bị thực hiện các hoạt động ứng dụng CNTT theo kế hoạch "
            "(như thuê đơn vị tư vấn thực hiện khảo sát, lập đề cương và dự toán chi tiết các "
            "dự án CNTT theo Thông tư số 03/2020/TT-BTTTT ngày 24/02/2020 của Bộ Thông tin và "
            "Truyền thông, thẩm tra hồ sơ…); hoàn thành trước ngày 25/3/2024."
        ),
        [
            A(
                "Sở Thông tin và Truyền thông",
                [],
                "Báo cáo định kỳ 02 tuần/lần về tình hình",
                None,
                "P2W",
            ),
            A(
                "Sở Thông tin và Truyền thông",
                [],
                "Tăng cường nhân lực cho công tác thẩm định",
                None,
                None,
            ),
            A(
                "Sở Thông tin và Truyền thông",
                ["Sở Tài chính"],
                "xin chủ trương UBND tỉnh bố trí kinh phí",
                D(2024, 3, 25),
                None,
            ),
        ],
        id="heading_colon",
    ),
    pytest.param(
        # dev/000_7d8544acb95e07e8.txt
        (
            "Sở Tư pháp khẩn trương hoàn thiện dự toán số hóa hồ sơ hộ tịch, lấy ý kiến các "
            "ngành liên quan, trình UBND tỉnh phê duyệt theo đúng quy định, đảm bảo tiến độ "
            "triển khai CSDL hộ tịch theo kế hoạch triển khai Đề án 06."
        ),
        [
            A("Sở Tư pháp", [], "hoàn thiện dự toán số hóa hồ sơ hộ tịch", None, None),
        ],
        id="tuphap",
    ),
    pytest.param(
        # dev/000_7d8544acb95e07e8.txt
        (
            "Các Sở, ngành, cơ quan, đơn vị tích cực, bám sát, đẩy nhanh tiến độ lập đề cương, "
            "dự toán, thẩm định, phê duyệt, triển khai các dự án CNTT, đảm bảo giải ngân nguồn "
            "vốn và sớm đưa các ứng dụng CNTT vào hoạt động, phục vụ công tác chuyển đổi số "
            "của ngành."
        ),
        [
            A(
                "Các sở, ngành, cơ quan, đơn vị",
                [],
                "tích cực, bám sát, đẩy nhanh tiến độ",
                None,
                None,
            ),
        ],
        id="group_cac_so",
    ),
    pytest.param(
        # dev/000_7d8544acb95e07e8.txt
        (
            "Khi có văn bản trả lời từ Bộ Thông tin và Truyền thông, Bộ Tài chính hướng dẫn "
            "thực hiện các bước chuẩn bị đối với hoạt động ứng dụng CNTT sử dụng nguồn vốn sự "
            "nghiệp, giao Sở Thông tin và Truyền thông chủ trì, phối hợp với cơ quan, đơn vị "
            "liên quan tham mưu UBND tỉnh sửa đổi Quyết định số 2322/QĐ-UBND ngày 13/8/2021 "
            "của UBND tỉnh Ban hành Quy định về trình tự, trách nhiệm lập, thẩm định, trình "
            "phê duyệt dự án đầu tư, hoạt động ứng dụng công nghệ thông tin sử dụng vốn ngân "
            "sách nhà nước trên địa bàn tỉnh theo quy định tại Nghị định số 73/2019/NĐ-CP ngày "
            "05/9/2019 của Chính phủ, Thông tư số 03/2020/TT-BTTTT, 04/2020/TT-BTTTT ngày "
            "24/02/2020 của Bộ Thông tin và Truyền thông và Quyết định số 2848/QĐ-UBND ngày "
            "24/10/2022 của UBND tỉnh về sửa đổi, bổ sung một số điều của Quyết định số "
            "2322/QĐ-UBND ngày 13/8/2021 của UBND tỉnh."
        ),
        [
            A(
                "Sở Thông tin và Truyền thông",
                ["Các cơ quan, đơn vị liên quan"],
                "tham mưu UBND tỉnh sửa đổi Quyết định",
                None,
                None,
            ),
        ],
        id="khi_co_giao",
    ),
    pytest.param(
        # dev/000_7d8544acb95e07e8.txt
        (
            "Ngày 11/3/2024, Phó Chủ tịch UBND tỉnh Hồ Quang Bửu chủ trì buổi làm việc với Sở "
            "Thông tin và Truyền thông, Sở Tài chính, cơ quan, đơn vị liên quan để tháo gỡ các "
            "khó khăn, vướng mắc trong việc lập, thẩm định, phê duyệt, triển khai các dự án "
            "CNTT."
        ),
        [],
        id="neg_meeting",
    ),
    pytest.param(
        # dev/003_d49d550902d415e6.txt
        (
            "UBND tỉnh yêu cầu Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an "
            "tỉnh, Sở Tài chính hướng dẫn các Sở, Ban, ngành, UBND các huyện, thị xã, thành "
            "phố triển khai nhiệm vụ “Thực hiện thuê dịch vụ công nghệ thông tin từ nguồn chi "
            "thường xuyên trên cơ sở dự toán ngân sách nhà nước được giao” để kịp thời tháo gỡ "
            "điểm nghẽn về kinh phí triển khai Đề án 06"
        ),
        [
            A(
                "Sở Thông tin và Truyền thông",
                ["Công an tỉnh", "Sở Tài chính"],
                "hướng dẫn các Sở, Ban, ngành, UBND",
                None,
                None,
            ),
        ],
        id="ubnd_yeu_cau",
    ),
    pytest.param(
        # dev/003_d49d550902d415e6.txt
        (
            "Đối với các nhiệm vụ Trung ương giao cho tỉnh Quảng Nam, UBND tỉnh giao Công an "
            "tỉnh chủ trì, phối hợp với các đơn vị có liên quan triển khai đ Thúc đẩy tiến độ "
            "triển khai các nhiệm vụ đang chậm, chưa hoàn thành theo thời hạn được Chính phủ, "
            "Thủ tướng giao tại Nghị quyết số 144/NQ-CP ngày 10 tháng 9 năm 2023, Nghị quyết "
            "số 164/NQ-CP ngày 04 tháng 10 năm 2023, Chỉ thị số 05/CT-TTg ngày 23 tháng 02 năm "
            "2023, văn bản số 452/TTg-KSTT ngày 23 tháng 5 năm 2023 và văn bản số "
            "7323/VPCP-KSTT ngày 23 tháng 9 năm 2023 của Văn phòng Chính phủ."
        ),
        [
            A(
                "Công an tỉnh",
                ["Các đơn vị có liên quan"],
                "triển khai đ Thúc đẩy tiến độ triển khai",
                None,
                None,
            ),
        ],
        id="ca_tinh",
    ),
    pytest.param(
        # dev/news-009.txt
        (
            "UBND TP.HCM giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Hiệp hội An "
            "toàn thông tin Việt Nam (VNISA) - Chi hội phía Nam, khẩn trương cung cấp thông "
            "tin cụ thể về diễn biến và các biện pháp phòng chống, khắc phục sự cố do mã độc "
            "tống tiền gây ra, gửi đến các cơ quan báo chí, truyền thông, các đơn vị đang "
            "triển khai và vận hành hệ thống thông tin."
        ),
        [
            A(
                "Sở Thông tin và Truyền thông",
                ["Hiệp hội An toàn thông tin Việt Nam - Chi hội phía Nam"],
                "cung cấp thông tin cụ thể về diễn biến",
                None,
                None,
            ),
            A(
                "Sở Thông tin và Truyền thông",
                [],
                "thường xuyên cập nhật tình hình phát triển",
                None,
                None,
            ),
        ],
        id="hcm_giao",
        marks=pytest.mark.xfail(
            reason=(
                "co-ordinator 'Hiệp hội ... (VNISA) - Chi hội phía Nam' cut at the parenthesis, "
                "the task starts inside the name, and the next sentence 'Sở X phải thường xuyên "
                "...' is missed"
            ),
            strict=True,
        ),
    ),
    pytest.param(
        # dev/news-009.txt
        (
            "UBND TP.HCM giao Giám đốc Công ty TNHH MTV Phát triển Công viên phần mềm Quang "
            "Trung khẩn trương triển khai các biện pháp phòng chống, bảo vệ hệ thống thông "
            "tin, cơ sở dữ liệu đang vận hành và lưu trữ. Đồng thời, thực hiện các biện pháp "
            "kỹ thuật để bảo đảm an toàn thông tin cho Trung tâm dữ liệu của thành phố."
        ),
        [
            A(
                (
                    "Công ty Trách nhiệm hữu hạn Một thành viên Phát triển Công "
                    "viên phần mềm Quang Trung"
                ),
                [],
                "triển khai các biện pháp phòng chống, bảo vệ",
                None,
                None,
            ),
            A(
                (
                    "Công ty Trách nhiệm hữu hạn Một thành viên Phát triển Công "
                    "viên phần mềm Quang Trung"
                ),
                [],
                "thực hiện các biện pháp kỹ thuật để",
                None,
                None,
            ),
        ],
        id="hcm_congty",
    ),
    pytest.param(
        # dev/news-019.txt
        (
            "Cụ thể, Phó Thủ tướng giao các Bộ Khoa học và Công nghệ, Y tế, Nông nghiệp và "
            "Phát triển nông thôn theo chức năng, nhiệm vụ được phân công, chủ trì, phối hợp "
            "với cơ quan liên quan, rà soát thống nhất Danh mục hàng hóa phải kiểm tra chuyên "
            "ngành theo hướng, không chồng chéo đối với cùng một mặt hàng phải qua kiểm tra "
            "của nhiều cơ quan."
        ),
        [
            A(
                "Bộ Khoa học và Công nghệ",
                ["Các cơ quan liên quan"],
                "rà soát thống nhất Danh mục hàng hóa",
                None,
                None,
            ),
            A(
                "Bộ Y tế",
                ["Các cơ quan liên quan"],
                "rà soát thống nhất Danh mục hàng hóa",
                None,
                None,
            ),
            A(
                "Bộ Nông nghiệp và Phát triển nông thôn",
                ["Các cơ quan liên quan"],
                "rà soát thống nhất Danh mục hàng hóa",
                None,
                None,
            ),
        ],
        id="bo_list",
    ),
    pytest.param(
        # dev/news-041.txt
        (
            "Ngày 4/9/2020, Chính phủ ban hành Nghị quyết 126/NQ-CP về xây dựng Nghị định thay "
            "thế Nghị định 36/2009/NĐ-CP, trong đó, giao Bộ Công an chủ trì, phối hợp với các "
            "bộ, cơ quan liên quan nghiên cứu, xây dựng Nghị định trình Chính phủ trong quý 4 "
            "năm 2020."
        ),
        [
            A(
                "Bộ Công an",
                ["Các bộ, cơ quan liên quan"],
                "nghiên cứu, xây dựng Nghị định trình Chính phủ",
                D(2020, 12, 31),
                None,
            ),
        ],
        id="bca_quy4",
    ),
    pytest.param(
        # dev/news-041.txt
        (
            "Thực hiện Nghị quyết của Chính phủ, Bộ Công an đã chủ trì, phối hợp với các bộ, "
            "ngành, cơ quan hữu quan xây dựng dự thảo Nghị định thay thế Nghị định "
            "36/2009/NĐ-CP ngày 15/4/2009 của Chính phủ về quản lý, sử dụng pháo."
        ),
        [],
        id="neg_done",
    ),
    pytest.param(
        # dev/news-029.txt
        (
            "Cục Di sản văn hóa (Bộ Văn hóa – Thể thao và Du lịch) đã có văn bản đề nghị Sở "
            "Văn hóa – Thể thao tỉnh Quảng Ninh chỉ đạo cơ quan chức năng của Sở kiểm tra tình "
            "hình thực tế và có báo cáo về Bộ Văn hóa – Thể thao và Du lịch trước ngày "
            "30-6-2017."
        ),
        [
            A(
                "Sở Văn hóa và Thể thao",
                [],
                "chỉ đạo cơ quan chức năng của Sở kiểm tra",
                D(2017, 6, 30),
                None,
            ),
        ],
        id="qn_vhtt",
    ),
    pytest.param(
        # dev/news-029.txt (dateline prepended: the deadline has no year)
        (
            "Ngày 28/6/2017\n"
            "Được biết ngày 27-6, UBND tỉnh Quảng Ninh đã yêu cầu Sở Tài nguyên và Môi trường "
            "chủ trì, phối hợp với Sở Xây dựng và TP Hạ Long, TP Cẩm Phả xác minh phản ánh của "
            "người dân về việc khai thác khoáng sản gây mất cảnh quan, môi trường vịnh Hạ "
            "Long, kết quả báo cáo về UBND tỉnh trước ngày 5-7."
        ),
        [
            A(
                "Sở Tài nguyên và Môi trường",
                ["Sở Xây dựng", "Thành phố Hạ Long", "Thành phố Cẩm Phả"],
                "xác minh phản ánh của người dân",
                D(2017, 7, 5),
                None,
            ),
        ],
        id="qn_tnmt",
        marks=pytest.mark.xfail(
            reason=(
                "co-ordinator list stops at 'và': 'TP Hạ Long, TP Cẩm Phả' are missed and the task "
                "starts with 'và TP Hạ Long'"
            ),
            strict=True,
        ),
    ),
    pytest.param(
        # dev/news-010.txt
        (
            "Sở Tài nguyên và Môi trường đã báo cáo, đề xuất với Ủy ban nhân dân thành phố xử "
            "phạt hành chính với 9 doanh nghiệp và rút giấy phép 4 doanh nghiệp."
        ),
        [],
        id="neg_background",
    ),
    pytest.param(
        # dev/news-043.txt
        (
            "1, Nghị quyết triển khai thí điểm cơ chế bảo hiểm bảo lãnh thông quan đối với "
            "hàng hóa xuất khẩu, nhập khẩu, do Cục Giám sát quản lý về hải quan chủ trì."
        ),
        [
            A(
                "Cục Giám sát quản lý về hải quan",
                [],
                "Nghị quyết triển khai thí điểm cơ chế",
                None,
                None,
            ),
        ],
        id="hq_1",
    ),
    pytest.param(
        # dev/news-043.txt
        (
            "10, Trình Chính phủ phê duyệt việc ký kết Nghị định thư bổ sung sửa đổi Hiệp định "
            "Hợp tác và trợ giúp lẫn nhau trong lĩnh vực hải quan giữa Chính phủ Việt Nam và "
            "Chính phủ Hàn Quốc đã ký năm 1995, do Vụ Hợp tác quốc tế chủ trì."
        ),
        [
            A("Vụ Hợp tác quốc tế", [], "Trình Chính phủ phê duyệt việc ký kết", None, None),
        ],
        id="hq_10",
    ),
    pytest.param(
        # dev/news-055.txt
        (
            "Thủ tướng Chính phủ giao Bộ Tài chính khẩn trương xây dựng, trình các dự án Luật "
            "sửa đổi các Luật về thuế, tháo gỡ ngay những vướng mắc cho DN về thuế; tiếp tục "
            "quản lý chặt chẽ, thu thuế đúng, đủ, kịp thời đối với hộ kinh doanh lớn; chống "
            "thất thu đối với hộ khoán; nghiên cứu, đề xuất chính sách thu thuế và chế độ kế "
            "toán đơn giản, phù hợp với DN nhỏ, đặc biệt là DN được chuyển đổi từ hộ kinh "
            "doanh."
        ),
        [
            A("Bộ Tài chính", [], "xây dựng, trình các dự án Luật", None, None),
        ],
        id="btc_khan",
    ),
    pytest.param(
        # dev/news-055.txt
        (
            "Bộ Tài chính xây dựng Nghị định về hóa đơn, chứng từ điện tử để cơ bản thực hiện "
            "trong năm 2018 đối với toàn bộ nền kinh tế; nghiên cứu triển khai thí điểm mô "
            "hình hóa đơn điện tử, hóa đơn điện tử có mã của cơ quan thuế, kết nối thông tin "
            "để quản lý doanh thu bán lẻ của các hộ kinh doanh; thí điểm thực hiện tại thành "
            "phố Hà Nội, thành phố Hồ Chí Minh trong năm 2018."
        ),
        [
            A("Bộ Tài chính", [], "xây dựng Nghị định về hóa đơn", D(2018, 12, 31), None),
        ],
        id="btc_2018",
    ),
    pytest.param(
        # dev/news-036.txt
        (
            "Phó Thủ tướng Trịnh Định Dũng vừa yêu cầu các bộ, ngành và UBND các tỉnh thành "
            "liên quan tăng cường kiểm tra, giám sát chặt chẽ các dự án nạo vét, khơi thông "
            "luồng có tận thu cát nhiễm mặn xuất khẩu."
        ),
        [
            A("Các bộ, ngành", [], "tăng cường kiểm tra, giám sát chặt chẽ", None, None),
            A(
                "Ủy ban nhân dân các tỉnh thành liên quan",
                [],
                "tăng cường kiểm tra, giám sát chặt chẽ",
                None,
                None,
            ),
        ],
        id="bo_nganh_ubnd",
    ),
    pytest.param(
        # dev/news-036.txt
        (
            "Phó Thủ tướng cũng giao Bộ Xây dựng chủ trì, phối hợp với Bộ Khoa học và Công "
            "nghệ và các cơ quan liên quan nghiên cứu sử dụng cát nhiễm mặn phục vụ xây dựng "
            "trong nước; xây dựng các tiêu chuẩn, quy chuẩn kỹ thuật sử dụng cát nhiễm mặn làm "
            "vật liệu xây dựng, ban hành hoặc trình ban hành theo quy định./."
        ),
        [
            A(
                "Bộ Xây dựng",
                ["Bộ Khoa học và Công nghệ", "Các cơ quan liên quan"],
                "nghiên cứu sử dụng cát nhiễm mặn",
                None,
                None,
            ),
        ],
        id="bxd",
    ),
    pytest.param(
        # dev/news-047.txt
        (
            "Đáng chú ý, Phó Thủ tướng yêu cầu Bộ Tài chính, Bộ NN&PTNT kiểm soát chặt chẽ "
            "nguồn gốc gỗ nhập khẩu; 100% doanh nghiệp chế biến cam kết nói không với gỗ bất "
            "hợp pháp; xử lý nghiêm các trường hợp vi phạm về sử dụng nguyên liệu gỗ bất hợp "
            "pháp, gian lận thương mại, bảo vệ doanh nghiệp ngành gỗ Việt Nam trên thị trường "
            "trường quốc tế."
        ),
        [
            A("Bộ Tài chính", [], "kiểm soát chặt chẽ nguồn gốc gỗ", None, None),
            A(
                "Bộ Nông nghiệp và Phát triển nông thôn",
                [],
                "kiểm soát chặt chẽ nguồn gốc gỗ",
                None,
                None,
            ),
        ],
        id="joint_btc",
    ),
    pytest.param(
        # dev/news-026.txt
        (
            "Về vụ việc này, Thủ tướng giao Bộ Công an chỉ đạo các cơ quan chức năng điều tra, "
            "làm rõ vụ việc đóng tàu kém chất lượng ở Bình Định và một số địa phương ven biển; "
            "báo cáo kết quả trong tháng 8/2017."
        ),
        [
            A("Bộ Công an", [], "chỉ đạo các cơ quan chức năng điều tra", D(2017, 8, 31), None),
        ],
        id="bca_thang8",
    ),
    pytest.param(
        # dev/news-026.txt
        (
            "Thủ tướng cũng giao Bộ Nông nghiệp và Phát triển nông thôn có trách nhiệm phối "
            "hợp chặt chẽ với Bộ Công an thực hiện nhiệm vụ trên."
        ),
        [
            A(
                "Bộ Nông nghiệp và Phát triển nông thôn",
                ["Bộ Công an"],
                "thực hiện nhiệm vụ trên",
                None,
                None,
            ),
        ],
        id="bnn_phoihop",
    ),
    pytest.param(
        # dev/news-026.txt
        (
            "Trước đó ngày 30/6, Bộ Nông nghiệp & Phát triển nông thôn đã gửi báo cáo Thủ "
            "tướng về vụ tàu vỏ thép đóng theo Nghị định 67 bị hư hỏng."
        ),
        [],
        id="neg_past_report",
    ),
    pytest.param(
        # dev/news-015.txt
        (
            "Phó Thủ tướng cũng yêu cầu Bộ Công an đẩy mạnh ứng dụng công nghệ cao, thiết bị "
            "kỹ thuật nghiệp vụ để phát hiện các hành vi vi phạm quy định về trật tự, an toàn "
            'giao thông, đẩy mạnh xử phạt thông qua dữ liệu, hình ảnh (xử phạt "nguội"); xử lý '
            "nghiêm các hành vi vi phạm quy định về trật tự, an toàn giao thông có dấu hiệu "
            "tội phạm, nhất là các vụ tai nạn giao thông gây hậu quả nghiêm trọng trở lên."
        ),
        [
            A("Bộ Công an", [], "đẩy mạnh ứng dụng công nghệ cao", None, None),
        ],
        id="bca_cong_nghe",
    ),
    pytest.param(
        # dev/news-015.txt
        (
            "Các bộ, ngành, đoàn thể, các cơ quan thành viên Ủy ban An toàn giao thông Quốc "
            "gia, các tổ chức chính trị - xã hội, các cơ quan thông tin đại chúng ở Trung ương "
            "và địa phương, đẩy mạnh công tác tuyên truyền pháp luật trật tự, an toàn giao "
            "thông đến tận cơ sở, phường, xã, thị trấn, tổ dân phố; tập trung tuyên truyền vào "
            "các đối tượng có nguy cơ gây tai nạn giao thông cao như lái xe khách, thanh thiếu "
            "niên trên địa bàn nông thôn; phát huy hiệu quả hệ thống đài truyền thanh tại các "
            "xã, phường, thị trấn. Đồng thời, khẩn trương triển khai thực hiện Thông báo này; "
            "định kỳ hàng tháng, quý báo cáo Ủy ban An toàn giao thông Quốc gia để tổng hợp, "
            "báo cáo Thủ tướng Chính phủ."
        ),
        [
            A(
                "Các bộ, ngành, đoàn thể",
                [],
                "đẩy mạnh công tác tuyên truyền pháp luật",
                None,
                None,
            ),
            A(
                "Các cơ quan thành viên Ủy ban An toàn giao thông Quốc gia",
                [],
                "đẩy mạnh công tác tuyên truyền pháp luật",
                None,
                None,
            ),
            A(
                "Các tổ chức chính trị - xã hội",
                [],
                "đẩy mạnh công tác tuyên truyền pháp luật",
                None,
                None,
            ),
            A(
                "Các cơ quan thông tin đại chúng ở Trung ương và địa phương",
                [],
                "đẩy mạnh công tác tuyên truyền pháp luật",
                None,
                None,
            ),
            A("Các bộ, ngành, đoàn thể", [], "triển khai thực hiện Thông báo này", None, "P1M"),
            A(
                "Các cơ quan thành viên Ủy ban An toàn giao thông Quốc gia",
                [],
                "triển khai thực hiện Thông báo này",
                None,
                "P1M",
            ),
            A(
                "Các tổ chức chính trị - xã hội",
                [],
                "triển khai thực hiện Thông báo này",
                None,
                "P1M",
            ),
            A(
                "Các cơ quan thông tin đại chúng ở Trung ương và địa phương",
                [],
                "triển khai thực hiện Thông báo này",
                None,
                "P1M",
            ),
        ],
        id="groups_recurrence",
    ),
    pytest.param(
        # dev/ke_hoach-080.txt
        (
            "3. Sở Du lịch \n"
            "\n"
            "- Tăng cường công tác tuyên truyền đến đông đảo du khách trong nước và \n"
            "\n"
            "\f7 \n"
            "\n"
            "du khách quốc tế biết đến sự kiện; quảng bá hình ảnh Thủ đô là điểm đến “An \n"
            "toàn - Thân thiện - Chất lượng - Hấp dẫn”. \n"
            "\n"
            "- Chỉ đạo các doanh nghiệp lữ hành, các khu điểm du lịch và các đơn vị liên \n"
            "quan xây dựng, hoàn thiện và đa dạng hóa sản phẩm du lịch; đồng thời nâng cao \n"
            "chất lượng dịch vụ nhằm đáp ứng nhu cầu của du khách và góp phần nâng cao \n"
            "hình ảnh du lịch Thủ đô. "
        ),
        [
            A("Sở Du lịch", [], "Tăng cường công tác tuyên truyền đến", None, None),
            A("Sở Du lịch", [], "Chỉ đạo các doanh nghiệp lữ hành", None, None),
        ],
        id="du_lich",
    ),
    pytest.param(
        # dev/ke_hoach-080.txt
        (
            "12. Sở Nội vụ (Ban Thi đua Khen thưởng Thành phố) \n"
            "\n"
            "- Phối hợp Sở Văn hóa và Thể thao xây dựng Hướng dẫn khen thưởng các \n"
            "tập thể, cá nhân có thành tích xuất sắc trong tổ chức, triển khai các hoạt động "
            "theo \n"
            "Kế hoạch; Tổ chức biểu dương, khen thưởng các tập thể, cá nhân theo chỉ đạo của \n"
            "Thành phố. \n"
            "\n"
            "- Rà soát thành tích của các tập thể, cá nhân, trình UBND Thành phố khen \n"
            "\n"
            "thưởng theo quy định. "
        ),
        [
            A(
                "Sở Nội vụ",
                ["Sở Văn hóa và Thể thao"],
                "xây dựng Hướng dẫn khen thưởng các",
                None,
                None,
            ),
            A("Sở Nội vụ", [], "Rà soát thành tích của các tập thể", None, None),
        ],
        id="noi_vu",
    ),
    pytest.param(
        # dev/ke_hoach-080.txt
        (
            "9. Sở Nông nghiệp và Môi trường \n"
            "\n"
            "- Chủ trì, phối hợp với các đơn vị liên quan chỉ đạo đảm bảo vệ sinh môi \n"
            "trường tại các điểm diễn ra sự kiện trước, trong, sau quá trình tổ chức chương "
            "trình \n"
            "và trên các tuyến đường xung quanh, không để phát sinh các tình huống đột xuất. \n"
            "\n"
            "- Bố trí tăng cường nhà vệ sinh công cộng đảm bảo phục vụ các hoạt động \n"
            "\n"
            "trong quá trình tổ chức Chương trình. "
        ),
        [
            A(
                "Sở Nông nghiệp và Môi trường",
                ["Các đơn vị liên quan"],
                "chỉ đạo đảm bảo vệ sinh môi trường",
                None,
                None,
            ),
            A("Sở Nông nghiệp và Môi trường", [], "Bố trí tăng cường nhà vệ sinh", None, None),
        ],
        id="nnmt",
    ),
    pytest.param(
        # dev/ke_hoach-080.txt
        (
            "8. Sở Xây dựng \n"
            "\n"
            "- Chỉ đạo Trung tâm Quản lý hạ tầng kỹ thuật thành phố Hà Nội và các đơn \n"
            "vị nhà thầu tăng cường duy trì, vận hành đảm bảo chiếu sáng, cảnh quan, thoát \n"
            "nước trên địa bàn Thành phố, đặc biệt là nơi diễn ra Chương trình theo phân cấp \n"
            "Thành phố quản lý; \n"
            "\n"
            "- Phối hợp với Công an Thành phố, chính quyền địa phương, Sở Văn hóa và \n"
            "Thể thao và các đơn vị khác có liên quan tổ chức, phân luồng  hướng dẫn giao \n"
            "thông, sắp xếp vị trí đỗ xe cho đại biểu và các lực lượng tham gia Chương trình, "
            "\n"
            "đảm bảo an ninh trật tự, không để xảy ra ùn tắc giao thông, thời gian trước, "
            "trong \n"
            "và sau khi tổ chức chương trình. "
        ),
        [
            A("Sở Xây dựng", [], "Chỉ đạo Trung tâm Quản lý hạ tầng", None, None),
            A(
                "Sở Xây dựng",
                [
                    "Công an thành phố",
                    "Chính quyền địa phương",
                    "Sở Văn hóa và Thể thao",
                    "Các đơn vị khác có liên quan",
                ],
                "tổ chức, phân luồng hướng dẫn giao thông",
                None,
                None,
            ),
        ],
        id="xay_dung",
    ),
    pytest.param(
        # dev/ke_hoach-080.txt
        (
            "2.2. Chương trình nghệ thuật nhạc trẻ  \n"
            "\n"
            "- Thời gian dự kiến: ngày 12/9/2026 (thứ Bảy). \n"
            "\n"
            "- Địa điểm: Hoàng Thành Thăng Long. \n"
            "\n"
            "- Đơn vị chủ trì: Sở Văn hoá và Thể thao. \n"
            "\n"
            "- Đơn vị phối hợp: Các doanh nghiệp, tổ chức, cá nhân có liên quan. \n"
            "\n"
            "- Kinh phí: nguồn kinh phí xã hội hóa. "
        ),
        [
            A(
                "Sở Văn hóa và Thể thao",
                ["Các doanh nghiệp, tổ chức, cá nhân có liên quan"],
                "Chương trình nghệ thuật nhạc trẻ",
                D(2026, 9, 12),
                None,
            ),
        ],
        id="prog_22",
    ),
    pytest.param(
        # dev/ke_hoach-080.txt
        (
            "2.3. Chương trình “Giao lưu nghệ thuật” \n"
            "\n"
            "- Thời gian dự kiến: ngày 13/9/2026 (Chủ nhật). \n"
            "\n"
            "- Địa điểm thực hiện: Hoàng Thành Thăng Long. \n"
            "\n"
            "- Đơn vị chủ trì: Sở Văn hoá và Thể thao. \n"
            "\n"
            "- Đơn vị phối hợp: Các Đại sứ quán, các tỉnh, thành phố. \n"
            "\n"
            "- Kinh phí: Ngân sách Thành phố và các nguồn kinh phí hợp pháp khác. "
        ),
        [
            A(
                "Sở Văn hóa và Thể thao",
                ["Các Đại sứ quán", "Các tỉnh, thành phố"],
                "Chương trình “Giao lưu nghệ thuật”",
                D(2026, 9, 13),
                None,
            ),
        ],
        id="prog_23",
    ),
    pytest.param(
        # dev/ke_hoach-080.txt
        (
            "Nơi nhận: \n"
            "- Thường trực Ban Bí thư TW Đảng; \n"
            "- Ban Tuyên giáo và Dân vận Trung ương; \n"
            "- Đồng chí Bí thư Thành ủy; \n"
            "- Thường trực Thành ủy;  \n"
            "- Thường trực HĐND Thành phố;  \n"
            "- Chủ tịch UBND Thành phố; \n"
            "- Các Phó Chủ tịch UBND Thành phố;   \n"
            "- Các đơn vị có tên trong KH; \n"
            "- VPUB: CVP, các PCVP, \n"
            "  phòng: KGVX, TH, KT, ĐT, TNMT, \n"
            "  NC, HC-QT, TT TTDL&CNS TP; \n"
            "- Lưu: VT, KGVX. "
        ),
        [],
        id="neg_noi_nhan",
    ),
    pytest.param(
        # dev/quyet_dinh-076.txt
        (
            "b) Gửi dự kiến chương trình xây dựng luật, pháp lệnh năm 2016 để Ủy ban Dân tộc "
            "tham gia ý kiến về các dự án luật, pháp lệnh liên quan đến vùng đồng bào dân tộc "
            "thiểu số và miền núi\n"
            "- Đơn vị chủ trì: Vụ Các vấn đề chung về xây dựng pháp luật.\n"
            "- Đơn vị phối hợp: Văn phòng Bộ.\n"
            "- Thời gian thực hiện: Quý I/2015."
        ),
        [
            A(
                "Vụ Các vấn đề chung về xây dựng pháp luật",
                ["Văn phòng Bộ"],
                "Gửi dự kiến chương trình xây dựng luật",
                D(2015, 3, 31),
                None,
            ),
        ],
        id="btp_b",
    ),
    pytest.param(
        # dev/quyet_dinh-076.txt
        (
            "c) Phối hợp rà soát, hệ thống hóa văn bản quy phạm pháp luật liên quan đến pháp "
            "luật dân sự và hôn nhân gia đình, tiếp tục hoàn thiện theo hướng lồng ghép vấn đề "
            "dân tộc trong quy định của Bộ luật Dân sự (sửa đổi) và các văn bản hướng dẫn Luật "
            "Hôn nhân và gia đình năm 2014\n"
            "- Đơn vị chủ trì: Vụ Pháp luật dân sự - kinh tế.\n"
            "- Đơn vị phối hợp: Cục Kiểm tra văn bản quy phạm pháp luật, Vụ Các vấn đề chung "
            "về xây dựng pháp luật, Cục Kiểm soát thủ tục hành chính và các đơn vị xây dựng "
            "pháp luật có liên quan.\n"
            "- Thời gian thực hiện: Quý II/2015."
        ),
        [
            A(
                "Vụ Pháp luật dân sự - kinh tế",
                [
                    "Cục Kiểm tra văn bản quy phạm pháp luật",
                    "Vụ Các vấn đề chung về xây dựng pháp luật",
                    "Cục Kiểm soát thủ tục hành chính",
                    "Các đơn vị xây dựng pháp luật có liên quan",
                ],
                "Phối hợp rà soát, hệ thống hóa văn bản",
                D(2015, 6, 30),
                None,
            ),
        ],
        id="btp_2c",
    ),
    pytest.param(
        # dev/quyet_dinh-077.txt
        (
            "1. Bộ Lao động - Thương binh và Xã hội chủ trì, phối hợp với các bộ, cơ quan liên "
            "quan tổng hợp và báo cáo Thủ tướng Chính phủ về kết quả đào tạo nghề, giải quyết "
            "việc làm cho người có đất thu hồi."
        ),
        [
            A(
                "Bộ Lao động - Thương binh và Xã hội",
                ["Các bộ, cơ quan liên quan"],
                "tổng hợp và báo cáo Thủ tướng Chính phủ",
                None,
                None,
            ),
        ],
        id="ldtbxh",
    ),
    pytest.param(
        # dev/quyet_dinh-077.txt
        (
            "3. Định kỳ trước ngày 15 tháng 12 hằng năm và khi có yêu cầu, Ủy ban nhân dân các "
            "tỉnh, thành phố trực thuộc trung ương có trách nhiệm báo cáo kết quả đào tạo "
            "nghề, giải quyết việc làm cho người có đất thu hồi gửi Bộ Lao động - Thương binh "
            "và Xã hội để tổng hợp, báo cáo Thủ tướng Chính phủ."
        ),
        [
            A(
                "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                [],
                "báo cáo kết quả đào tạo nghề",
                None,
                "P1Y",
            ),
        ],
        id="ubnd_hang_nam",
    ),
    pytest.param(
        # dev/quyet_dinh-077.txt
        (
            "4. Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc tỉnh, thành phố trực "
            "thuộc Trung ương có trách nhiệm lập và tổ chức thực hiện phương án đào tạo, "
            "chuyển đổi nghề và tìm kiếm việc làm cho người có đất thu hồi."
        ),
        [
            A(
                (
                    "Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc "
                    "tỉnh, thành phố trực thuộc Trung ương"
                ),
                [],
                "lập và tổ chức thực hiện phương án",
                None,
                None,
            ),
        ],
        id="ubnd_huyen_quan",
        marks=pytest.mark.xfail(
            reason=(
                "no assignment for 'Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc tỉnh, "
                "thành phố trực thuộc Trung ương có trách nhiệm ...'"
            ),
            strict=True,
        ),
    ),
    pytest.param(
        # dev/quyet_dinh-077.txt
        (
            "3. Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính "
            "phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương và các cơ "
            "quan, tổ chức và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này."
        ),
        [],
        id="neg_exec_077",
    ),
    pytest.param(
        # extra/quyet_dinh-083.txt
        (
            "Điều 3. Các ông (bà) Chánh văn phòng UBND tỉnh, Giám đốc: Sở Nông nghiệp & Phát "
            "triển nông thôn, Sở Tài nguyên và Môi trường, Sở Tài chính, Chủ tịch UBND các "
            "huyện, thị xã; Giám đốc các ban quản lý rừng; thủ trưởng các đơn vị có liên quan "
            "chịu trách nhiệm thi hành Quyết định này."
        ),
        [],
        id="neg_exec_083",
    ),
    pytest.param(
        # extra/quyet_dinh-083.txt
        (
            "- Giao Sở Nông nghiệp & Phát triển nông thôn, Sở Tài nguyên và Môi trường, Sở Tài "
            "chính và UBND các huyện, thị xã thực hiện nhiêm vụ được phân công theo Kế hoach."
        ),
        [
            A(
                "Sở Nông nghiệp và Phát triển nông thôn",
                [],
                "thực hiện nhiêm vụ được phân công",
                None,
                None,
            ),
            A("Sở Tài nguyên và Môi trường", [], "thực hiện nhiêm vụ được phân công", None, None),
            A("Sở Tài chính", [], "thực hiện nhiêm vụ được phân công", None, None),
            A(
                "Ủy ban nhân dân các huyện, thị xã",
                [],
                "thực hiện nhiêm vụ được phân công",
                None,
                None,
            ),
        ],
        id="four_leads",
    ),
    pytest.param(
        # extra/quyet_dinh-078.txt
        (
            "3. Văn phòng UBND tỉnh có trách nhiệm đăng tải Quyết định này lên cổng thông tin "
            "điện tử của UBND tỉnh."
        ),
        [
            A("Văn phòng Ủy ban nhân dân tỉnh", [], "đăng tải Quyết định này lên cổng", None, None),
        ],
        id="vp_dang_tai",
    ),
    pytest.param(
        # extra/quyet_dinh-078.txt
        (
            "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài nguyên và Môi trường, Chủ tịch UBND "
            "huyện Châu Thành, Thủ trưởng các Sở, ban, ngành và các tổ chức, cá nhân có liên "
            "quan chịu trách nhiệm thi hành Quyết định này, kể từ ngày ký./."
        ),
        [],
        id="neg_exec_078",
    ),
    pytest.param(
        # dev/nghi_quyet-065.txt
        (
            "4. Bộ Quốc phòng, Bộ Công an, Bộ Y tế và Viện Hàn lâm Khoa học và \n"
            "Công nghệ Việt Nam chỉ đạo các đơn vị giám định ADN trực thuộc tổ chức \n"
            "thực hiện giám định ADN mẫu hài cốt liệt sĩ theo địa bàn được Ban Chỉ đạo \n"
            "quốc gia tìm kiếm, quy tập và xác định danh tính hài cốt liệt sĩ phân công.  \n"
            "Bộ Công an lựa chọn đơn vị phối hợp thu nhận và phân tích ADN mẫu thân \n"
            "nhân liệt sĩ chưa xác định được thông tin đảm bảo quy định của Luật Căn cước."
        ),
        [
            A("Bộ Quốc phòng", [], "chỉ đạo các đơn vị giám định ADN", None, None),
            A("Bộ Công an", [], "chỉ đạo các đơn vị giám định ADN", None, None),
            A("Bộ Y tế", [], "chỉ đạo các đơn vị giám định ADN", None, None),
            A(
                "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
                [],
                "chỉ đạo các đơn vị giám định ADN",
                None,
                None,
            ),
            A("Bộ Công an", [], "lựa chọn đơn vị phối hợp thu nhận", None, None),
        ],
        id="adn",
        marks=pytest.mark.xfail(
            reason=(
                "joint leads 'Bộ Quốc phòng, Bộ Công an, Bộ Y tế và Viện Hàn lâm ...' (name across "
                "a line break) are missed; 'các đơn vị giám định' after 'chỉ đạo' is taken as the "
                "lead"
            ),
            strict=True,
        ),
    ),
    pytest.param(
        # extra/news-004.txt
        (
            "Tại Nghị quyết 46/NQ-CP phiên họp Chính phủ thường kỳ tháng 5/2017 vừa được ban "
            "hành, Chính phủ yêu cầu Bộ Giao thông vận tải chỉ đạo đẩy nhanh tiến độ thực hiện "
            "các dự án giao thông trọng điểm, nhất là dự án sân bay Long Thành, dự án mở rộng "
            "sân bay Tân Sơn Nhất. Kịp thời hoàn thiện các yêu cầu, điều kiện để Quốc hội xem "
            "xét, thông qua chủ trương đầu tư dự án đường bộ cao tốc Bắc - Nam. Chủ trì, phối "
            "hợp với Bộ Tài chính tiếp tục rà soát, có giải pháp giảm phí tại một số trạm thu "
            "phí BOT trên nguyên tắc hài hòa lợi ích giữa Nhà nước, nhà đầu tư và người sử "
            "dụng."
        ),
        [
            A("Bộ Giao thông vận tải", [], "chỉ đạo đẩy nhanh tiến độ thực hiện", None, None),
            A("Bộ Giao thông vận tải", [], "hoàn thiện các yêu cầu, điều kiện", None, None),
            A(
                "Bộ Giao thông vận tải",
                ["Bộ Tài chính"],
                "tiếp tục rà soát, có giải pháp",
                None,
                None,
            ),
        ],
        id="bgtvt_cont",
    ),
    pytest.param(
        # extra/cong_van-074.txt
        "Bộ Tài chính yêu cầu các Cục Hải quan tỉnh, thành phố triển khai thực hiện./.",
        [
            A("Các Cục Hải quan tỉnh, thành phố", [], "triển khai thực hiện", None, None),
        ],
        id="cuc_hq",
        marks=pytest.mark.xfail(
            reason=(
                "'Bộ Tài chính yêu cầu các Cục Hải quan ...' gives the requester Bộ Tài chính as "
                "lead with task 'yêu cầu ...' instead of the requested group"
            ),
            strict=True,
        ),
    ),
    pytest.param(
        # extra/cong_van-074.txt
        (
            "Hiện nay, Bộ Tài chính đang khẩn trương phối hợp với các cơ quan hữu quan trình "
            "Chính phủ ban hành Nghị định quy định chi tiết thi hành Luật hải quan năm 2014 và "
            "ban hành Thông tư hướng dẫn thực hiện."
        ),
        [],
        id="neg_dang",
    ),
    pytest.param(
        # extra/news-003.txt
        (
            "Phó thủ tướng Vương Đình Huệ giao Bộ Tài chính có trách nhiệm công khai 31 bộ, cơ "
            "quan ngang bộ, cơ quan thuộc Chính phủ, UBND các tỉnh, thành phố không thực hiện "
            "báo cáo giám sát tài chính theo quy định"
        ),
        [
            A("Bộ Tài chính", [], "công khai 31 bộ, cơ quan ngang bộ", None, None),
        ],
        id="btc_cong_khai",
    ),
    pytest.param(
        # extra/news-048.txt
        (
            "Bộ Giáo dục và Đào tạo tiếp tục nghiên cứu, đánh giá tổng thể, chi tiết việc "
            "triển khai xã hội hóa sách giáo khoa theo Nghị quyết số 88/2014/QH13 của Quốc "
            "hội, từ đó đề xuất phương án quản lý giá sách giáo khoa cho phù hợp với yêu cầu "
            "thực tiễn. Bộ Tài chính nghiên cứu rà soát, đánh giá tổng thể việc thi hành Luật "
            "Giá để có định hướng sửa đổi, bổ sung cho phù hợp với yêu cầu công tác quản lý "
            "giá nói chung trong đó có vấn đề quản lý giá sách giáo khoa."
        ),
        [
            A("Bộ Giáo dục và Đào tạo", [], "tiếp tục nghiên cứu, đánh giá tổng thể", None, None),
            A("Bộ Tài chính", [], "nghiên cứu rà soát, đánh giá tổng thể", None, None),
        ],
        id="gddt_btc",
    ),
    pytest.param(
        # extra/news-014.txt
        (
            "Do vậy, ông Chung đề nghị Sở Thông tin và Truyền thông (TT&TT) tiếp tục triển "
            "khai có hiệu quả dịch vụ công mức 3,4 đến người dân, doanh nghiệp..."
        ),
        [
            A("Sở Thông tin và Truyền thông", [], "tiếp tục triển khai có hiệu quả", None, None),
        ],
        id="tttt_abbrev",
    ),
    pytest.param(
        # dev/nghi_quyet-060.txt
        (
            # the section heading before it, so that the excerpt's first line is not a title
            "Điều 2. Tổ chức thực hiện \n"
            "2. Giao Bộ Y tế, Bộ Tài chính theo chức năng, nhiệm vụ, thẩm quyền \n"
            "hướng dẫn các bộ, cơ quan, địa phương, cơ sở khám bệnh, chữa bệnh quản lý, \n"
            "sử dụng các khoản chi phí khám bệnh, chữa bệnh được thanh toán bảo đảm \n"
            "đúng quy định của pháp luật, không để xảy ra thất thoát, lãng phí, tiêu cực. "
        ),
        [
            A("Bộ Y tế", [], "hướng dẫn các bộ, cơ quan, địa phương", None, None),
            A("Bộ Tài chính", [], "hướng dẫn các bộ, cơ quan, địa phương", None, None),
        ],
        id="y_te_bo_tai_chinh",
    ),
]


@pytest.mark.parametrize(("excerpt", "expected"), ROWS)
def test_assignments(
    excerpt: str, expected: list[A], rule_set: RuleSet, header_rules: HeaderRules
) -> None:
    _, result = _run(excerpt, rule_set, header_rules)
    found = result.assignments
    shown = "\n  ".join(_show(a) for a in found) or "(none)"

    assert {_key(a.lead.canonical) for a in found} == {_key(e.lead) for e in expected}, shown
    assert len(found) == len(expected), shown

    unused = list(found)
    for e in expected:
        prefix = _key(normalize(e.task))
        match = next(
            (
                a
                for a in unused
                if _key(a.lead.canonical) == _key(e.lead) and _key(a.task).startswith(prefix)
            ),
            None,
        )
        assert match is not None, f"no {e.lead!r} task starting {e.task!r} in\n  {shown}"
        unused.remove(match)
        got = (
            sorted(_key(c.canonical) for c in match.coordinators),
            match.deadline,
            match.recurrence,
        )
        want = (sorted(_key(c) for c in e.coordinators), e.deadline, e.recurrence)
        assert got == want, f"{e.lead!r} {e.task!r}:\n  {_show(match)}"


@pytest.mark.parametrize("excerpt", [pytest.param(p.values[0], id=p.id) for p in ROWS])
def test_assignment_offsets(excerpt: str, rule_set: RuleSet, header_rules: HeaderRules) -> None:
    """Provenance holds for every assignment found, right or wrong."""
    text, result = _run(excerpt, rule_set, header_rules)
    for a in result.assignments:
        assert a.lead.raw == text[a.lead.start : a.lead.end], _show(a)
        assert a.rule_id in INHERITED or a.lead.raw in text[a.start : a.end], _show(a)
        assert 0 <= a.start <= a.task_start <= a.task_end <= len(text), _show(a)
        # The task is its span with whitespace collapsed and the edges' punctuation trimmed;
        # only a dangling link word before the deadline phrase may be cut from the end.
        span = _ws(text[a.task_start : a.task_end]).strip(" ,;:.-")
        assert a.task, _show(a)
        assert span.startswith(a.task), f"{_show(a)}\n  span={span!r}"
        assert _TASK_TAIL_RE.match(span[len(a.task) :]), f"{_show(a)}\n  span={span!r}"
