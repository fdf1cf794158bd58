"""Legacy font encodings: VNI and TCVN3 text found and converted, Unicode text left alone."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.ingest import decode, read
from pipeline.legacy_fonts import LegacyFonts, legacy_fonts
from pipeline.normalize import normalize
from pipeline.rules import RULES_DIR, read_yaml
from tests.conftest import CORPUS, shared_dir

# Real lines as offices typed them, written here by hand from the fonts' code charts (the
# soft hyphen \xad is TCVN3's "ư").
CONVERSIONS = [
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "UÛY BAN NHAÂN DAÂN TÆNH BÌNH PHÖÔÙC", "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"),
    (
        "vni",
        "Giao Sôû Taøi nguyeân vaø Moâi tröôøng chuû trì, phoái hôïp vôùi caùc ñôn vò lieân quan",
        "Giao Sở Tài nguyên và Môi trường chủ trì, phối hợp với các đơn vị liên quan",
    ),
    (
        "vni",
        "Caên cöù Nghò ñònh soá 73/2019/NÑ-CP ngaøy 05/9/2019 cuûa Chính phuû",
        "Căn cứ Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 của Chính phủ",
    ),
    ("vni", "hoaøn thaønh tröôùc ngaøy 25/3/2024", "hoàn thành trước ngày 25/3/2024"),
    ("vni", "baùo caùo ñònh kyø 02 tuaàn/laàn", "báo cáo định kỳ 02 tuần/lần"),
    ("vni", "Uûy ban nhaân daân huyeän", "Ủy ban nhân dân huyện"),
    ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    (
        "tcvn3",
        "Së Tµi chÝnh chñ tr×, phèi hîp víi c¸c së, ngµnh liªn quan",
        "Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan",
    ),
    (
        "tcvn3",
        "C¨n cø NghÞ ®Þnh sè 73/2019/N§-CP ngµy 05/9/2019 cña ChÝnh phñ",
        "Căn cứ Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 của Chính phủ",
    ),
    ("tcvn3", "QUYÕT §ÞNH", "QUYẾT ĐỊNH"),  # the upper-case font: small codes, capitals
    ("tcvn3", "hoµn thµnh tr\xadíc ngµy 25/3/2024", "hoàn thành trước ngày 25/3/2024"),
    ("tcvn3", "B¸o c¸o ®Þnh kú 02 tuÇn/lÇn", "Báo cáo định kỳ 02 tuần/lần"),
]


@pytest.mark.parametrize(("font", "legacy", "unicode"), CONVERSIONS)
def test_conversion(font: str, legacy: str, unicode: str) -> None:
    assert legacy_fonts().convert(legacy, font) == unicode


@pytest.mark.parametrize(
    ("word", "syllable"),
    [
        ("Độc", True),
        ("nghiêng", True),
        ("khuỷu", True),
        ("người", True),
        ("giữa", True),
        ("QUYẾT", True),
        ("Ñoäc", False),  # VNI as it stands
        ("ẹoọc", False),  # VNI read as TCVN3: two tones
        ("ViÖt", False),  # TCVN3 as it stands
        ("déjà", False),
        ("Müller", False),
    ],
)
def test_syllables(word: str, syllable: bool) -> None:
    assert legacy_fonts().is_syllable(word) is syllable


@pytest.mark.parametrize(
    "text",
    [
        "Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan; báo cáo trước 25/3.",
        unicodedata.normalize("NFD", "Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành."),
        "Éléphant déjà vu à la crème brûlée, façade; ça va très bien, garçon, où êtes-vous?",
        "Müller äußerte große Bedenken über die Änderung der Straßenverkehrsordnung.",
        "UBND tinh giao So Tai chinh chu tri, phoi hop voi cac so nganh lien quan.",
        "Tỉnh Bình Phước\nCăn cứ Nghị định; giao Sở Y tế, Sở Tài chính thực hiện ngay.",
    ],
    ids=["unicode", "unicode-nfd", "french", "german", "ascii", "short-lines"],
)
def test_text_in_no_legacy_font_is_left_alone(text: str) -> None:
    assert legacy_fonts().repair(text) == (text, None)


# --- whole documents -------------------------------------------------------------------

EXAMPLE = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")


def encoded(text: str, font: str) -> str:
    """``text`` as a typist in ``font`` would have stored it: the rule table read backwards;
    TCVN3's toned capitals, which have no codes, as the small letters' codes."""
    letters: dict[str, str] = {}
    for row in read_yaml(RULES_DIR / "legacy_fonts.yaml")["tables"][font]["letters"]:
        letters.update(row)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in letters:
            out.append(letters[ch])
        elif ch.lower() in letters and ch.isupper():
            legacy = letters[ch.lower()]
            out.append(legacy.upper() if font == "vni" else legacy)
        else:
            out.append(ch)
    return "".join(out)


def extraction(text: str) -> tuple[list[tuple], list[tuple]]:
    from pipeline.rules import load_rules

    result = analyse(normalize(text), load_rules(), HeaderRules.load())
    return (
        [(a.lead.canonical, a.task.lower(), a.deadline) for a in result.assignments],
        [(r.kind, r.number, r.issued_date) for r in result.refs],
    )


@pytest.mark.parametrize("font", ["vni", "tcvn3"])
def test_a_legacy_text_file_gives_what_its_unicode_text_gives(font: str) -> None:
    raw = decode(encoded(EXAMPLE, font).encode("cp1252"), Path("a.txt"))
    assert raw.encoding == font
    assert extraction(raw.text) == extraction(EXAMPLE)


def test_utf8_text_carrying_vni_letters(tmp_path: Path) -> None:
    path = tmp_path / "copied.txt"
    path.write_text(encoded(EXAMPLE, "vni"), encoding="utf-8")
    raw = read(path)
    assert (raw.encoding, raw.text) == ("utf-8+vni", unicodedata.normalize("NFC", EXAMPLE))


def test_docx_in_a_vni_font(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    for line in EXAMPLE.split("\n"):
        document.add_paragraph(encoded(line, "vni"))
    path = tmp_path / "vni.docx"
    document.save(str(path))
    raw = read(path)
    assert (raw.format, raw.encoding) == ("docx", "vni")
    assert extraction(raw.text) == extraction(EXAMPLE)


def test_a_unicode_header_over_a_vni_body_converts_the_body_only() -> None:
    header = "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    body = "Giao Sở Tài nguyên và Môi trường chủ trì, phối hợp với các đơn vị liên quan."
    text, font = legacy_fonts().repair(header + "\n" + encoded(body, "vni") * 2)
    assert font == "vni"
    assert text == header + "\n" + body * 2


def test_every_corpus_text_is_left_alone() -> None:
    """No false alarm on real Unicode texts: the examples here and the shared corpus."""
    paths = sorted(CORPUS.glob("*.txt"))
    try:
        shared = shared_dir("dev")
        paths += sorted(shared.glob("*.txt")) + sorted((shared.parent / "extra").glob("*.txt"))
    except pytest.skip.Exception:
        pass
    fonts = legacy_fonts()
    for path in paths:
        assert fonts.repair(path.read_text(encoding="utf-8"))[1] is None, path.name


def test_the_vni_word_file_in_the_originals_reads_as_its_text() -> None:
    """A real Word 97 file typed in a VNI font gives the same extraction as its Unicode
    text (kept beside it in the shared corpus)."""
    originals = shared_dir("originals")
    raw = read(originals / "quyet_dinh-083.doc")
    assert (raw.format, raw.encoding) == ("doc", "vni")
    unicode_text = (originals.parent / "extra" / "quyet_dinh-083.txt").read_text(encoding="utf-8")
    assert extraction(raw.text) == extraction(unicode_text)
    assert extraction(raw.text)[1]  # it cites documents


def test_a_truncated_doc_is_refused() -> None:
    from pipeline import readers
    from pipeline.ingest import IngestError

    data = (shared_dir("originals") / "quyet_dinh-083.doc").read_bytes()
    with pytest.raises(IngestError, match=r"not a readable \.doc"):
        readers.read_doc(data[:5000])


def test_rule_table_with_a_clash_is_refused(rules_copy: Path) -> None:
    from pipeline.rules import RuleFileError

    path = rules_copy / "legacy_fonts.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('ả: "aû"', 'ả: "aù"'), encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match="stands for both"):
        LegacyFonts.load(rules_copy)
