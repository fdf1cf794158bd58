import random

import pytest
import regex

from pipeline import normalize as normalize_module
from pipeline.normalize import Normalizer, load_normalizer, normalize
from pipeline.rules import RULES_DIR, RuleFileError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uỷ ban nhân dân tỉnh Quảng Nam", "Ủy ban nhân dân tỉnh Quảng Nam"),
        ("phát triển văn hoá Việt Nam", "phát triển văn hóa Việt Nam"),
        ("xã hội hoá hợp pháp khác", "xã hội hóa hợp pháp khác"),
        ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
        ("Thành uỷ Hà Nội", "Thành ủy Hà Nội"),
        ("sức khoẻ nhân dân", "sức khỏe nhân dân"),
        # tone stays where it is inside a longer syllable, and after "q"
        ("hoàn thành trước ngày 25/3/2024", "hoàn thành trước ngày 25/3/2024"),
        ("lý thuyết", "lý thuyết"),
        ("quý II/2024", "quý II/2024"),
        # spaces, dashes, quotes, ellipsis
        ("Sắc  màu  Hà  Nội  –  The  color", "Sắc màu Hà Nội - The color"),
        ("Festival “Dòng chảy di sản”", 'Festival "Dòng chảy di sản"'),
        ("thẩm tra hồ sơ…);", "thẩm tra hồ sơ...);"),
        ("số\u00a073/2019/NĐ\u2010CP", "số 73/2019/NĐ-CP"),
        # NFD input becomes NFC
        ("Nghi\u0323 đi\u0323nh", "Nghị định"),
        # numbers keep their slashes (underthesea's text_normalize would split them)
        ("Nghị định số 73/2019/NĐ-CP", "Nghị định số 73/2019/NĐ-CP"),
    ],
)
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_portal_furniture_is_cut() -> None:
    text = "Sở Tư pháp khẩn trương hoàn thiện dự toán.\n\nTin liên quan\nBài khác"
    assert normalize(text) == "Sở Tư pháp khẩn trương hoàn thiện dự toán."


def test_newlines_kept_blank_runs_collapsed() -> None:
    assert normalize("a\r\n\r\n\r\n\r\nb \n c") == "a\n\nb\nc"


def test_idempotent_on_corpus_example() -> None:
    from tests.conftest import CORPUS

    for path in sorted(CORPUS.glob("*.txt")):
        once = normalize(path.read_text(encoding="utf-8"))
        assert normalize(once) == once


def test_bad_rule_file_names_the_file(tmp_path) -> None:
    (tmp_path / "normalize.yaml").write_text("spaces: 3\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"normalize\.yaml"):
        Normalizer.load(tmp_path)


def test_rules_load() -> None:
    assert Normalizer.load(RULES_DIR)("hoá") == "hóa"


def test_quick_paths_equal_the_plain_operations() -> None:
    # The normaliser finds table characters with one class and tone syllables at their
    # openings; on random text that is full of both, the plain operations agree.
    n = load_normalizer()
    rng = random.Random(5)
    alphabet = [chr(c) for c in n.char_table] + list(n.tone_map) + list(" \n qQoOuU,.hthủyxã")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 1200)))
        assert n.char_re.sub(lambda m: n.char_table[ord(m.group())], text) == text.translate(
            n.char_table
        )
        assert n._place_tones(text) == n.tone_re.sub(lambda m: n.tone_map[m.group()], text)
        lines = "\n".join(line.strip(" ") for line in text.split("\n"))
        assert lines == regex.sub(r" +$|^ +", "", text, flags=regex.MULTILINE)


def test_control_characters_are_unicodes_cc_but_the_line_break() -> None:
    everything = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    kept = normalize_module._strip_controls(everything)
    assert kept == regex.sub(r"[\p{Cc}--[\n]]", "", everything, flags=regex.VERSION1)
    assert "\n" in kept
