"""Agency mentions (pipeline/agencies.py) against phrases of the shared corpus."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from pipeline import agencies
from pipeline.agencies import Gazetteer, normalize_tones
from pipeline.rules import RULES_DIR, RuleFileError

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(RULES_DIR)


# (default jurisdiction, phrase from a corpus sentence, expected [(canonical, kind, jurisdiction)])
CASES = [
    (
        "Quảng Nam",
        "Văn phòng UBND tỉnh tham mưu UBND tỉnh tiếp tục có văn bản (lần 2) gửi Bộ Thông tin và Truyền thông, Bộ Tài chính đề nghị hướng dẫn",
        [
            ("Văn phòng Ủy ban nhân dân tỉnh", "body", "Quảng Nam"),
            ("Ủy ban nhân dân tỉnh", "body", "Quảng Nam"),
            ("Bộ Thông tin và Truyền thông", "body", None),
            ("Bộ Tài chính", "body", None),
        ],
    ),
    (
        "Quảng Nam",
        "Ngày 11/3/2024, Phó Chủ tịch UBND tỉnh Hồ Quang Bửu chủ trì buổi làm việc với Sở Thông tin và Truyền thông, Sở Tài chính, cơ quan, đơn vị liên quan",
        [
            ("Phó Chủ tịch Ủy ban nhân dân tỉnh", "office_holder", "Quảng Nam"),
            ("Sở Thông tin và Truyền thông", "body", "Quảng Nam"),
            ("Sở Tài chính", "body", "Quảng Nam"),
            ("Các cơ quan, đơn vị liên quan", "group", "Quảng Nam"),
        ],
    ),
    (
        "Quảng Nam",
        "Sở Thông tin và Truyền thông: Báo cáo định kỳ 02 tuần/lần về tình hình xây dựng",
        [("Sở Thông tin và Truyền thông", "body", "Quảng Nam")],
    ),
    (
        "Quảng Nam",
        "Chủ trì, phối hợp với Sở Tài chính xin chủ trương UBND tỉnh bố trí kinh phí sự nghiệp",
        [("Sở Tài chính", "body", "Quảng Nam"), ("Ủy ban nhân dân tỉnh", "body", "Quảng Nam")],
    ),
    (
        "Quảng Nam",
        "Sở Tư pháp khẩn trương hoàn thiện dự toán số hóa hồ sơ hộ tịch, lấy ý kiến các ngành liên quan, trình UBND tỉnh phê duyệt",
        [
            ("Sở Tư pháp", "body", "Quảng Nam"),
            ("Các ngành liên quan", "group", "Quảng Nam"),
            ("Ủy ban nhân dân tỉnh", "body", "Quảng Nam"),
        ],
    ),
    (
        "Quảng Nam",
        "Các Sở, ngành, cơ quan, đơn vị tích cực, bám sát, đẩy nhanh tiến độ lập đề cương",
        [("Các Sở, ngành, cơ quan, đơn vị", "group", "Quảng Nam")],
    ),
    (
        None,
        "UBND tỉnh Quảng Nam vừa ban hành Công văn số 8107/UBND-NCKS ngày 22/11/2023 triển khai chỉ đạo của Phó Thủ tướng Chính phủ - Trần Lưu Quang về kinh phí",
        [
            ("Ủy ban nhân dân tỉnh", "body", "Quảng Nam"),
            ("Phó Thủ tướng Chính phủ", "office_holder", None),
        ],
    ),
    (
        "Quảng Nam",
        "UBND tỉnh yêu cầu Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an tỉnh, Sở Tài chính hướng dẫn các Sở, Ban, ngành, UBND các huyện, thị xã, thành phố triển khai nhiệm vụ",
        [
            ("Ủy ban nhân dân tỉnh", "body", "Quảng Nam"),
            ("Sở Thông tin và Truyền thông", "body", "Quảng Nam"),
            ("Công an tỉnh", "body", "Quảng Nam"),
            ("Sở Tài chính", "body", "Quảng Nam"),
            ("Các Sở, Ban, ngành", "group", "Quảng Nam"),
            ("Ủy ban nhân dân các huyện, thị xã, thành phố", "group", "Quảng Nam"),
        ],
    ),
    (
        "Quảng Nam",
        "Đối với các nhiệm vụ Trung ương giao cho tỉnh Quảng Nam, UBND tỉnh giao Công an tỉnh chủ trì, phối hợp với các đơn vị có liên quan triển khai",
        [
            ("Ủy ban nhân dân tỉnh", "body", "Quảng Nam"),
            ("Công an tỉnh", "body", "Quảng Nam"),
            ("Các đơn vị có liên quan", "group", "Quảng Nam"),
        ],
    ),
    (
        "Quảng Nam",
        "theo thời hạn được Chính phủ, Thủ tướng giao tại Nghị quyết số 144/NQ-CP ngày 10 tháng 9 năm 2023 và văn bản số 7323/VPCP-KSTT ngày 23 tháng 9 năm 2023 của Văn phòng Chính phủ.",
        [
            ("Chính phủ", "body", None),
            ("Thủ tướng Chính phủ", "body", None),
            ("Văn phòng Chính phủ", "body", None),
        ],
    ),
    (
        "Hà Nội",
        "2. Cơ quan chỉ đạo: Ủy ban nhân dân thành phố Hà Nội.",
        [("Ủy ban nhân dân thành phố", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "4. Đơn vị phối hợp thực hiện: Các Sở, ngành Thành phố, một số Đại sứ quán và tổ chức quốc tế; Hãng phim Tài liệu và khoa học Trung ương, UBND các phường, xã và các đơn vị có liên quan.",
        [
            ("Các Sở, ngành Thành phố", "group", "Hà Nội"),
            ("Các Đại sứ quán và tổ chức quốc tế", "group", None),
            ("Hãng phim Tài liệu và khoa học Trung ương", "body", "Hà Nội"),
            ("Ủy ban nhân dân các phường, xã", "group", "Hà Nội"),
            ("Các đơn vị có liên quan", "group", "Hà Nội"),
        ],
    ),
    (
        "Hà Nội",
        "- Đơn vị phối hợp: Các Đại sứ quán, tổ chức quốc tế, các tỉnh, thành phố và các sở, ngành, phường, xã thuộc thành phố Hà Nội.",
        [
            ("Các Đại sứ quán, tổ chức quốc tế", "group", None),
            ("Các tỉnh, thành phố", "group", "Hà Nội"),
            ("Các sở, ngành", "group", "Hà Nội"),
            ("Các phường, xã thuộc thành phố", "group", "Hà Nội"),
        ],
    ),
    (
        "Hà Nội",
        "- Đơn vị phối hợp: UBND xã Bát Tràng, các nghệ sỹ, nghệ nhân gốm.",
        [("Ủy ban nhân dân xã Bát Tràng", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "- Đơn vị thực hiện: Trung tâm Hoạt động Văn hóa Khoa học Văn Miếu - Quốc Tử Giám.",
        [("Trung tâm Hoạt động Văn hóa Khoa học Văn Miếu - Quốc Tử Giám", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "- Đơn vị chủ trì: Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội.",
        [("Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "- Đơn vị phối hợp: nhóm nghệ sĩ trẻ trong nước và nước ngoài, làng nghề gốm Bát Tràng, Câu lạc bộ nghệ nhân trẻ, trường Khoa học liên ngành và nghệ thuật, các giám tuyển.",
        [("Trường Khoa học liên ngành và nghệ thuật", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "4. Đề nghị Ban Tuyên giáo và Dân vận Thành ủy",
        [("Ban Tuyên giáo và Dân vận Thành ủy", "body", "Hà Nội")],
    ),
    ("Hà Nội", "6. Bộ Tư lệnh Thủ đô", [("Bộ Tư lệnh Thủ đô", "body", "Hà Nội")]),
    ("Hà Nội", "7. Thành đoàn Hà Nội", [("Thành đoàn", "body", "Hà Nội")]),
    (
        "Hà Nội",
        "13. Tổng Công ty Điện lực Hà Nội",
        [("Tổng Công ty Điện lực Hà Nội", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "15. Đề nghị Cơ quan Báo và Phát thanh, Truyền hình Hà Nội",
        [("Cơ quan Báo và Phát thanh, Truyền hình Hà Nội", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "16. Liên hiệp các tổ chức hữu nghị thành phố Hà Nội",
        [("Liên hiệp các tổ chức hữu nghị thành phố", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "- Phối hợp Công ty Điện lực Hà Nội đảm bảo cung cấp phục vụ nhu cầu sử dụng điện",
        [("Công ty Điện lực Hà Nội", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "- Đề nghị UBND Thành phố Hồ Chí Minh, UBND tỉnh Đăk Lăk, UBND tỉnh Điện Biên chỉ đạo Sở Văn hóa, Thể thao và Du lịch lựa chọn di sản văn hóa",
        [
            ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "body", "Hồ Chí Minh"),
            ("Ủy ban nhân dân tỉnh Đăk Lăk", "body", "Đắk Lắk"),
            ("Ủy ban nhân dân tỉnh Điện Biên", "body", "Điện Biên"),
            ("Sở Văn hóa, Thể thao và Du lịch", "body", "Hà Nội"),
        ],
    ),
    (
        "Hà Nội",
        "- Đề nghị các Đại sứ quán các nước: Trung Quốc, Ấn Độ, Cộng hoà Liên bang Nga phối hợp",
        [
            ("Đại sứ quán Trung Quốc", "body", None),
            ("Đại sứ quán Ấn Độ", "body", None),
            ("Đại sứ quán Cộng hòa Liên bang Nga", "body", None),
        ],
    ),
    (
        "Hà Nội",
        "17. UBND các phường: Ba Đình, Hoàn Kiếm, Cửa Nam, Văn Miếu – Quốc Tử Giám, Từ Liêm và UBND xã Bát Tràng.",
        [
            ("Ủy ban nhân dân phường Ba Đình", "body", "Hà Nội"),
            ("Ủy ban nhân dân phường Hoàn Kiếm", "body", "Hà Nội"),
            ("Ủy ban nhân dân phường Cửa Nam", "body", "Hà Nội"),
            ("Ủy ban nhân dân phường Văn Miếu - Quốc Tử Giám", "body", "Hà Nội"),
            ("Ủy ban nhân dân phường Từ Liêm", "body", "Hà Nội"),
            ("Ủy ban nhân dân xã Bát Tràng", "body", "Hà Nội"),
        ],
    ),
    (
        "Hà Nội",
        "- Phối hợp Công an Thành phố, UBND các phường: Hoàn Kiếm, Cửa Nam chuẩn bị",
        [
            ("Công an thành phố", "body", "Hà Nội"),
            ("Ủy ban nhân dân phường Hoàn Kiếm", "body", "Hà Nội"),
            ("Ủy ban nhân dân phường Cửa Nam", "body", "Hà Nội"),
        ],
    ),
    (
        "Hà Nội",
        "- Đơn vị phối hợp: các Sở, ngành có liên quan.",
        [("Các Sở, ngành có liên quan", "group", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "- Đơn vị phối hợp: Cơ quan truyền thông, các cơ quan thông tấn, báo chí trong nước và quốc tế, các Đại sứ quán, tổ chức quốc tế",
        [
            ("Các Cơ quan truyền thông", "group", "Hà Nội"),
            ("Các cơ quan thông tấn", "group", "Hà Nội"),
            ("Các Đại sứ quán, tổ chức quốc tế", "group", None),
        ],
    ),
    (
        None,
        "Phó Thủ tướng giao các Bộ Khoa học và Công nghệ, Y tế, Nông nghiệp và Phát triển nông thôn theo chức năng, nhiệm vụ được phân công",
        [
            ("Phó Thủ tướng Chính phủ", "office_holder", None),
            ("Bộ Khoa học và Công nghệ", "body", None),
            ("Bộ Y tế", "body", None),
            ("Bộ Nông nghiệp và Phát triển nông thôn", "body", None),
        ],
    ),
    (
        None,
        "Phó Thủ tướng Trịnh Đình Dũng vừa yêu cầu các bộ, ngành và UBND các tỉnh thành liên quan tăng cường kiểm tra",
        [
            ("Phó Thủ tướng Chính phủ", "office_holder", None),
            ("Các bộ, ngành", "group", None),
            ("Ủy ban nhân dân các tỉnh thành liên quan", "group", None),
        ],
    ),
    (
        None,
        "UBND các tỉnh, thành phố, các tập đoàn, tổng công ty nhà nước, DNNN tăng cường chỉ đạo",
        [
            ("Ủy ban nhân dân các tỉnh, thành phố", "group", None),
            ("Các tập đoàn, tổng công ty nhà nước, doanh nghiệp nhà nước", "group", None),
        ],
    ),
    (
        None,
        "các bộ, ngành, UBND các tỉnh, thành phố và các tập đoàn, tổng công ty nhà nước",
        [
            ("Các bộ, ngành", "group", None),
            ("Ủy ban nhân dân các tỉnh, thành phố", "group", None),
            ("Các tập đoàn, tổng công ty nhà nước", "group", None),
        ],
    ),
    (
        None,
        "bộ, ngành, địa phương, Ủy ban quản lý vốn nhà nước tại DN chịu trách nhiệm đôn đốc",
        [
            ("Các bộ, ngành, địa phương", "group", None),
            ("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", "body", None),
        ],
    ),
    (
        None,
        "Số còn lại do Cục Công nghệ thông tin và Thống kê hải quan (2); Vụ Hợp tác quốc tế (2) và Ban Cải cách hiện đại hóa hải quan (1) chủ trì.",
        [
            ("Cục Công nghệ thông tin và Thống kê hải quan", "body", None),
            ("Vụ Hợp tác quốc tế", "body", None),
            ("Ban Cải cách hiện đại hóa hải quan", "body", None),
        ],
    ),
    (
        None,
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành",
        [
            ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "group", None),
            ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "group", None),
        ],
    ),
    (
        None,
        "- Đơn vị phối hợp: Vụ Các vấn đề chung về xây dựng pháp luật, Vụ Phổ biến, giáo dục pháp luật và các đơn vị xây dựng pháp luật có liên quan.",
        [
            ("Vụ Các vấn đề chung về xây dựng pháp luật", "body", None),
            ("Vụ Phổ biến, giáo dục pháp luật", "body", None),
            ("Các đơn vị xây dựng pháp luật có liên quan", "group", None),
        ],
    ),
    (
        None,
        "Vụ trưởng Vụ Các vấn đề chung về xây dựng pháp luật, Chánh Văn phòng Bộ, Vụ trưởng Vụ Kế hoạch - Tài chính, Vụ trưởng Vụ Tổ chức cán bộ và Thủ trưởng các đơn vị có liên quan thuộc Bộ Tư pháp chịu trách nhiệm thi hành Quyết định này.",
        [
            ("Vụ Các vấn đề chung về xây dựng pháp luật", "body", None),
            ("Văn phòng Bộ", "body", None),
            ("Vụ Kế hoạch - Tài chính", "body", None),
            ("Vụ Tổ chức cán bộ", "body", None),
            ("Các đơn vị có liên quan thuộc Bộ Tư pháp", "group", None),
        ],
    ),
    (
        None,
        "b) Phối hợp với Vụ Pháp chế - Ủy ban Dân tộc triển khai thực hiện các nội dung của Kế hoạch.",
        [("Vụ Pháp chế", "body", None), ("Ủy ban Dân tộc", "body", None)],
    ),
    (None, "2. Các đơn vị thuộc Bộ Tư pháp", [("Các đơn vị thuộc Bộ Tư pháp", "group", None)]),
    (
        None,
        "Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương chủ trì",
        [("Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương", "group", None)],
    ),
    (
        "Đà Nẵng",
        "Ngày 14/7, Văn phòng UBND TP Đà Nẵng cho biết, Chủ tịch UBND thành phố Huỳnh Đức Thơ vừa gửi công văn 5319/UBND-SXD, gửi Công ty CP Biển Tiên Sa liên quan việc sạt lở",
        [
            ("Văn phòng Ủy ban nhân dân thành phố", "body", "Đà Nẵng"),
            ("Chủ tịch Ủy ban nhân dân thành phố", "office_holder", "Đà Nẵng"),
            ("Công ty cổ phần Biển Tiên Sa", "body", "Đà Nẵng"),
        ],
    ),
    (
        "Đà Nẵng",
        "Sở Xây dựng chủ trì, phối hợp Sở Nông nghiệp & Phát triển nông thôn, UBND quận Sơn Trà và các đơn vị liên quan xem xét",
        [
            ("Sở Xây dựng", "body", "Đà Nẵng"),
            ("Sở Nông nghiệp và Phát triển nông thôn", "body", "Đà Nẵng"),
            ("Ủy ban nhân dân quận Sơn Trà", "body", "Đà Nẵng"),
            ("Các đơn vị liên quan", "group", "Đà Nẵng"),
        ],
    ),
    (
        "Gia Lai",
        "UBND tỉnh Gia Lai cũng yêu cầu Sở NN&PTNT tỉnh và UBND huyện Chư Păh khẩn trương trong quá trình điều tra",
        [
            ("Ủy ban nhân dân tỉnh", "body", "Gia Lai"),
            ("Sở Nông nghiệp và Phát triển nông thôn", "body", "Gia Lai"),
            ("Ủy ban nhân dân huyện Chư Păh", "body", "Gia Lai"),
        ],
    ),
    (
        "Gia Lai",
        "UBND tỉnh Gia Lai cũng chỉ đạo các lực lượng chức năng tỉnh Gia Lai tổ chức việc điều tra",
        [
            ("Ủy ban nhân dân tỉnh", "body", "Gia Lai"),
            ("Các lực lượng chức năng tỉnh", "group", "Gia Lai"),
        ],
    ),
    (
        None,
        "Bộ Công Thương chủ trì, phối hợp với các cơ quan chức năng kiểm tra",
        [("Bộ Công Thương", "body", None), ("Các cơ quan chức năng", "group", None)],
    ),
    (
        None,
        "đã có văn bản đề nghị Sở Văn hóa – Thể thao tỉnh Quảng Ninh chỉ đạo cơ quan chức năng",
        [
            ("Sở Văn hóa và Thể thao", "body", "Quảng Ninh"),
            ("Các cơ quan chức năng", "group", None),
        ],
    ),
    (
        None,
        "Các bộ, ngành, đoàn thể, các cơ quan thành viên Ủy ban An toàn giao thông Quốc gia",
        [
            ("Các bộ, ngành, đoàn thể", "group", None),
            ("Các cơ quan thành viên Ủy ban An toàn giao thông Quốc gia", "group", None),
        ],
    ),
    (
        None,
        "các tổ chức chính trị - xã hội, các cơ quan thông tin đại chúng ở Trung ương và địa phương",
        [
            ("Các tổ chức chính trị - xã hội", "group", None),
            ("Các cơ quan thông tin đại chúng ở Trung ương và địa phương", "group", None),
        ],
    ),
    (
        None,
        "Ngân hàng Nhà nước Việt Nam, Bảo hiểm xã hội Việt Nam, Kiểm toán Nhà nước và Tổng cục Hải quan",
        [
            ("Ngân hàng Nhà nước Việt Nam", "body", None),
            ("Bảo hiểm xã hội Việt Nam", "body", None),
            ("Kiểm toán Nhà nước", "body", None),
            ("Tổng cục Hải quan", "body", None),
        ],
    ),
    (
        None,
        "Bộ Nông nghiệp và Môi trường, Bộ Dân tộc và Tôn giáo, Bộ LĐ-TB&XH và Bộ GD&ĐT",
        [
            ("Bộ Nông nghiệp và Môi trường", "body", None),
            ("Bộ Dân tộc và Tôn giáo", "body", None),
            ("Bộ Lao động - Thương binh và Xã hội", "body", None),
            ("Bộ Giáo dục và Đào tạo", "body", None),
        ],
    ),
    (
        None,
        "Sở KH&ĐT, Sở TN&MT, Sở GTVT, Sở VHTTDL và Sở TT&TT",
        [
            ("Sở Kế hoạch và Đầu tư", "body", None),
            ("Sở Tài nguyên và Môi trường", "body", None),
            ("Sở Giao thông vận tải", "body", None),
            ("Sở Thông tin và Truyền thông", "body", None),
        ],
    ),
    (
        None,
        "Chủ tịch UBND các huyện chịu trách nhiệm",
        [("Ủy ban nhân dân các huyện", "group", None)],
    ),
    (None, "Giám đốc Sở Nội vụ báo cáo", [("Sở Nội vụ", "body", None)]),
    (
        None,
        "Phó Chủ tịch UBND thành phố Lê Trung Chinh chỉ đạo",
        [("Phó Chủ tịch Ủy ban nhân dân thành phố", "office_holder", None)],
    ),
    (
        None,
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam chủ trì",
        [("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "body", None)],
    ),
    (
        None,
        "Ủy ban nhân dân cấp tỉnh có trách nhiệm",
        [("Ủy ban nhân dân cấp tỉnh", "group", None)],
    ),
    (None, "- Đơn vị chủ trì: Các đơn vị thuộc Bộ", [("Các đơn vị thuộc Bộ", "group", None)]),
    (
        None,
        "UBND TP.HCM và HĐND TP. HCM",
        [
            ("Ủy ban nhân dân thành phố", "body", "Hồ Chí Minh"),
            ("Hội đồng nhân dân thành phố", "body", "Hồ Chí Minh"),
        ],
    ),
    (None, "Thành phố Hạ Long, tỉnh Quảng Ninh", []),
    (
        None,
        "Thông tư số 03/2020/TT-BTTTT ngày 24/02/2020 của Bộ Thông tin và Truyền thông",
        [("Bộ Thông tin và Truyền thông", "body", None)],
    ),
    (
        None,
        "Cục trưởng Cục Cảnh sát giao thông Nguyễn Văn Sơn",
        [("Cục trưởng Cục Cảnh sát giao thông", "office_holder", None)],
    ),
    (None, "Công an huyện Chư Păh khởi tố vụ án", [("Công an huyện Chư Păh", "body", None)]),
    (
        None,
        "Hiệp hội An toàn thông tin Việt Nam (VNISA) - Chi hội phía Nam, khẩn trương cung cấp thông tin",
        [("Hiệp hội An toàn thông tin Việt Nam", "body", None)],
    ),
    # A city after "UBND thành phố" is a place; a full name after a title is the person.
    *[
        (
            province,
            f"UBND thành phố {city} chủ trì, phối hợp",
            [(f"Ủy ban nhân dân thành phố {city}", "body", province)],
        )
        for province, city in (
            ("Bình Thuận", "Phan Thiết"),
            ("Đồng Tháp", "Cao Lãnh"),
            ("Kiên Giang", "Hà Tiên"),
            ("An Giang", "Châu Đốc"),
        )
    ],
    (
        "Đồng Tháp",
        "Chủ tịch UBND thành phố Cao Lãnh Nguyễn Văn Hòa chỉ đạo",
        [("Chủ tịch Ủy ban nhân dân thành phố Cao Lãnh", "office_holder", "Đồng Tháp")],
    ),
    # A lower-case syllable after a capitalised one is the same word; a stop syllable inside
    # a two-syllable word ("giao thông", "công trình") does not end the name.
    (
        "Quảng Nam",
        "Đài Phát thanh và Truyền hình tỉnh phối hợp thông tin",
        [("Đài Phát thanh và Truyền hình tỉnh", "body", "Quảng Nam")],
    ),
    (
        "Hà Nội",
        "Công ty TNHH MTV Đầu tư phát triển thủy lợi Hà Nội chủ trì",
        [
            (
                "Công ty Trách nhiệm hữu hạn Một thành viên Đầu tư phát triển thủy lợi Hà Nội",
                "body",
                "Hà Nội",
            )
        ],
    ),
    (
        None,
        "Tổng công ty Đầu tư và Kinh doanh vốn nhà nước chủ trì",
        [("Tổng công ty Đầu tư và Kinh doanh vốn nhà nước", "body", None)],
    ),
    (
        "Hà Nội",
        "Phòng Cảnh sát giao thông chủ trì phân luồng",
        [("Phòng Cảnh sát giao thông", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "Công ty Cổ phần môi trường công trình đô thị Sơn Tây thực hiện",
        [("Công ty Cổ phần môi trường công trình đô thị Sơn Tây", "body", "Hà Nội")],
    ),
    (
        "Hà Nội",
        "Công ty Cổ phần tư vấn đầu tư xây dựng Hà Thành chủ trì",
        [("Công ty Cổ phần tư vấn đầu tư xây dựng Hà Thành", "body", "Hà Nội")],
    ),
    (
        None,
        "Tổng công ty Cảng hàng không Việt Nam cho biết",
        [("Tổng công ty Cảng hàng không Việt Nam", "body", None)],
    ),
    (
        None,
        "Công ty Cổ phần dịch vụ Tây Yên Tử đẩy nhanh tiến độ",
        [("Công ty Cổ phần dịch vụ Tây Yên Tử", "body", None)],
    ),
    (None, "Sở Tài chính cấp phép cho", [("Sở Tài chính", "body", None)]),
    # "BCH": Bộ Chỉ huy of the armed forces, else Ban Chấp hành.
    (
        None,
        "Hội nghị BCH Trung ương khóa XIII",
        [("Ban Chấp hành Trung ương", "body", None)],
    ),
    (
        "Quảng Nam",
        "BCH Đảng bộ tỉnh lãnh đạo",
        [("Ban Chấp hành Đảng bộ tỉnh", "body", "Quảng Nam")],
    ),
    (
        "Quảng Nam",
        "BCH Công đoàn tỉnh tổ chức tập huấn",
        [("Ban Chấp hành Công đoàn tỉnh", "body", "Quảng Nam")],
    ),
    (
        "Quảng Nam",
        "BCH Quân sự tỉnh chủ trì",
        [("Bộ Chỉ huy Quân sự tỉnh", "body", "Quảng Nam")],
    ),
    (
        "Quảng Nam",
        "BCH Bộ đội Biên phòng tỉnh phối hợp",
        [("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "body", "Quảng Nam")],
    ),
    # Heads that also begin place or family names.
    ("Quảng Nam", "du khách đến Hội An tham quan", []),
    (None, "Ông Đoàn Ngọc Hải cho biết", []),
    ("Hà Nội", "khu vực Resco, Ecohome, Đoàn Ngoại giao, Tây Hồ Tây", []),
    ("Hà Nội", "Khu Công nghiệp Quang Minh", []),
    (
        None,
        "Hội Nông dân tỉnh chủ trì, Đoàn Thanh niên phối hợp",
        [("Hội Nông dân tỉnh", "body", None), ("Đoàn Thanh niên", "body", None)],
    ),
    # A bare group noun keeps the noun phrase before the verb.
    (
        None,
        "các hiệp hội gỗ và lâm sản thực hiện tốt vai trò",
        [("Các hiệp hội gỗ và lâm sản", "group", None)],
    ),
    (None, "các đơn vị, bộ phận liên quan", [("Các đơn vị, bộ phận liên quan", "group", None)]),
    # "các Bộ: A, B": one ministry per name (no jurisdiction: "Công an" is the ministry).
    (
        "Quảng Nam",
        "Kính gửi: - Các Bộ: Công an, Tư pháp, Tài chính",
        [
            ("Bộ Công an", "body", None),
            ("Bộ Tư pháp", "body", None),
            ("Bộ Tài chính", "body", None),
        ],
    ),
    (
        None,
        "Giao các Bộ: Công an, Tài chính, Xây dựng theo dõi",
        [
            ("Bộ Công an", "body", None),
            ("Bộ Tài chính", "body", None),
            ("Bộ Xây dựng", "body", None),
        ],
    ),
]


@pytest.mark.parametrize(("default", "text", "expected"), CASES)
def test_phrases(gaz: Gazetteer, default: str | None, text: str, expected: list) -> None:
    mentions = gaz.find(text, default_jurisdiction=default)
    assert [(m.canonical, m.kind, m.jurisdiction) for m in mentions] == expected
    for m in mentions:
        assert m.raw == text[m.start : m.end]


def test_cases_are_many() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("UBND tỉnh Quảng Nam", "Ủy ban nhân dân tỉnh"),
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở NN&PTNT tỉnh", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
        ("cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị liên quan"),
        ("các Sở, ban, ngành", "Các Sở, ban, ngành"),
        ("Giám đốc Sở Nội vụ", "Sở Nội vụ"),
        ("Đơn vị sự kiện", "Đơn vị sự kiện"),
    ],
)
def test_canonical(gaz: Gazetteer, raw: str, canonical: str) -> None:
    assert gaz.canonical(raw) == canonical


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("tỉnh Quảng Nam", "Quảng Nam"),
        ("Quảng Nam", "Quảng Nam"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("thành phố Hà Nội", "Hà Nội"),
        ("tỉnh Đăk Lăk", "Đắk Lắk"),
        ("tỉnh Thanh Hoá", "Thanh Hóa"),
        ("Sở Tài chính", None),
        ("huyện Chư Păh", None),
    ],
)
def test_province_of(gaz: Gazetteer, text: str, province: str | None) -> None:
    assert gaz.province_of(text) == province


def test_tone_normalisation_keeps_length() -> None:
    text = "Uỷ ban hoá thuỷ khoẻ quý hoàn"
    assert normalize_tones(text) == "Ủy ban hóa thủy khỏe quý hoàn"
    assert len(normalize_tones(text)) == len(text)


def test_offsets_with_start_end(gaz: Gazetteer) -> None:
    text = "Sở Tài chính chủ trì. Sở Y tế phối hợp. Bộ Công an theo dõi."
    start = text.index("Sở Y tế")
    mentions = gaz.find(text, start, start + len("Sở Y tế phối hợp."))
    assert [(m.start, m.raw) for m in mentions] == [(start, "Sở Y tế")]


def test_document_numbers_are_not_agencies(gaz: Gazetteer) -> None:
    assert gaz.find("Công văn số 8107/UBND-NCKS và Nghị định 73/2019/NĐ-CP") == []


def test_place_and_person_alone_are_not_agencies(gaz: Gazetteer) -> None:
    assert gaz.find("tỉnh Quảng Nam") == []
    assert gaz.find("đồng chí Hồ Quang Bửu") == []
    assert [m.canonical for m in gaz.find("tại trụ sở Chính phủ")] == ["Chính phủ"]


def test_mentions_sorted_and_disjoint(gaz: Gazetteer) -> None:
    text = " ".join(text for _, text, _ in CASES)
    mentions = gaz.find(text)
    for a, b in pairwise(mentions):
        assert a.end <= b.start


def _dev_texts() -> list[Path]:
    return sorted((CORPUS / "dev").glob("*.txt")) + sorted((CORPUS / "extra").glob("*.txt"))


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason=f"shared corpus not found at {CORPUS}")
def test_raw_is_text_slice_over_corpus(gaz: Gazetteer) -> None:
    texts = _dev_texts()
    assert texts
    for path in texts:
        for text in (path.read_text(encoding="utf-8"), normalize_tones(path.read_text("utf-8"))):
            previous_end = 0
            for m in gaz.find(text, default_jurisdiction="Quảng Nam"):
                assert m.raw == text[m.start : m.end], path.name
                assert m.start >= previous_end, path.name
                assert m.canonical and m.canonical == normalize_tones(m.canonical)
                previous_end = m.end


def _example_texts() -> list[str]:
    """The project's own examples, and the shared corpus's texts where it is beside us."""
    own = Path(__file__).resolve().parents[1] / "corpus"
    paths = sorted(own.glob("*.txt")) + _dev_texts()
    return [normalize_tones(p.read_text(encoding="utf-8")) for p in paths]


def test_a_prefix_reads_as_a_text_of_its_own(gaz: Gazetteer) -> None:
    """The issuer is looked for in a document's first lines through the words made once for
    the whole text: the mentions there are those of the lines read alone."""
    checked = 0
    for text in _example_texts():
        breaks = [i for i, ch in enumerate(text) if ch == "\n"]
        for end in {breaks[len(breaks) * k // 4] for k in (1, 2, 3)} if breaks else ():
            alone = [(m.start, m.end, m.canonical) for m in gaz.find(text[:end])]
            gaz.find(text)  # the whole text's words are made here, and kept
            ahead = [(m.start, m.end, m.canonical) for m in gaz.find(text, 0, end)]
            assert ahead == alone, (text[:60], end)
            checked += bool(alone)
    assert checked >= 6


def test_rule_files_load(gaz: Gazetteer) -> None:
    entries = gaz.entries()
    assert len({e.id for e in entries}) == len(entries)
    names = {e.canonical_name for e in entries}
    assert {"Bộ Nông nghiệp và Môi trường", "Bộ Dân tộc và Tôn giáo", "Sở Nội vụ"} <= names
    assert all(e.kind in ("body", "group", "office_holder") for e in entries)


def test_provinces_before_and_after_2025() -> None:
    import csv

    with (RULES_DIR / "provinces.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    before = [r for r in rows if r["period"] in ("pre2025", "both")]
    after = [r for r in rows if r["period"] in ("post2025", "both")]
    assert len(before) == 63
    assert len(after) == 34
    after_names = {r["name"] for r in after}
    assert all(r["successor"] in after_names for r in rows if r["period"] == "pre2025")


def test_bad_rule_file_names_the_file(rules_copy: Path) -> None:
    rules = rules_copy
    path = rules / "agencies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: body", "kind: bodyy", 1))
    with pytest.raises(RuleFileError, match=r"agencies\.yaml"):
        Gazetteer.load(rules)


def test_duplicate_entry_id_is_an_error(rules_copy: Path) -> None:
    rules = rules_copy
    path = rules / "agencies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: chinh_phu", "id: quoc_hoi"))
    with pytest.raises(RuleFileError, match="duplicate entry id"):
        Gazetteer.load(rules)


def test_missing_rule_file(rules_copy: Path) -> None:
    rules = rules_copy
    (rules / "provinces.csv").unlink()
    with pytest.raises(RuleFileError, match=r"provinces\.csv"):
        Gazetteer.load(rules)


def test_bad_province_row(rules_copy: Path) -> None:
    rules = rules_copy
    with (rules / "provinces.csv").open("a", encoding="utf-8") as fh:
        fh.write("Atlantis,quận,both,,\n")
    with pytest.raises(RuleFileError, match=r"provinces\.csv"):
        Gazetteer.load(rules)


@pytest.mark.parametrize(
    "text",
    [
        "Sở " * 50000,
        " ".join(["Trung Tâm Hoạt Động Văn Hóa Khoa Học"] * 25000),
        "các " + "sở, " * 40000,
        "UBND các phường: " + "Ba Đình, " * 30000,
        "Cục Kiểm tra " + "văn bản " * 40000,
        "UBND" * 20000,
        "\n" * 10000 + "- " * 10000,
    ],
)
def test_pathological_lines_return(gaz: Gazetteer, text: str) -> None:
    for m in gaz.find(text):
        assert m.raw == text[m.start : m.end]


@pytest.mark.parametrize(
    "text",
    [
        "UBND tỉnh Quảng Nam, Sở TT&TT (TP.HCM) — 73/2019/NĐ-CP; 25/3/2024.",
        "m² x³ ½ a‿b 1\u200d2 \x1c\x1f \u00a0\u2009\u3000 Москва ≥ 5",  # the engines differ here
        "combining: a\u0301 Đe\u0323 ",
    ],
)
def test_tokens_split_as_the_regex_module_splits(text: str) -> None:
    assert agencies._split(text) == agencies._TOKEN_RE.split(text)


def test_tokens_split_alike_over_every_character() -> None:
    # Each character of the Basic Multilingual Plane alone in a text: inside a word, alone,
    # after one; where it sends the text to the fast engine, that engine must agree.
    for c in map(chr, [*range(0xD800), *range(0xE000, 0x10000)]):
        text = f"a{c}b {c} x{c}\t"
        assert agencies._split(text) == agencies._TOKEN_RE.split(text), hex(ord(c))


def _keys_one_by_one(toks: list[str]) -> list[str]:
    return [agencies._PUNCT_KEYS.get(k, k) for k in map(agencies._key, toks)]


@pytest.mark.parametrize(
    "toks",
    [
        ["Uỷ", "ban", "nhân", "dân", "&", "Sở", "Tài", "chính", "–", "quý"],
        ["TP.\nHCM", "Uỷ", "ban"],  # an abbreviation merged across a line break
        ["ΟΔΟΣ", "'", "Α", "İstanbul", "ﬁ", "ß"],  # lower() that reads context or grows
        [],
    ],
)
def test_word_keys_made_at_once_are_each_words_key(toks: list[str]) -> None:
    assert Gazetteer._lows(list(toks)) == _keys_one_by_one(toks)


def test_word_keys_made_at_once_over_every_character() -> None:
    chars = list(map(chr, [*range(0xD800), *range(0xE000, 0x10000)]))
    for k in range(0, len(chars), 512):
        text = " ".join(f"Q{c}oà {c} Σ{c}Σ {c}" for c in chars[k : k + 512])
        toks = agencies._split(text)[1::2]
        assert Gazetteer._lows(toks) == _keys_one_by_one(toks), hex(k)
