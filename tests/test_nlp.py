"""NLP behind pipeline.nlp: tokens aligned back to offsets, verbs found, lexicon checked."""

from __future__ import annotations

import pytest
import regex

from pipeline import nlp
from pipeline.rules import RULES_DIR, read_yaml
from tests.conftest import CORPUS


@pytest.mark.parametrize(
    ("text", "tokens", "expected"),
    [
        ("Sở Tài chính xin", ["Sở", "Tài chính", "xin"], ["Sở", "Tài chính", "xin"]),
        # the tagger writes "hóa" where the text says "hoá": offsets still give the text's form
        ("số hoá hồ sơ", ["số", "hóa", "hồ sơ"], ["số", "hoá", "hồ sơ"]),
        # a token spanning a line break and doubled spaces
        ("Thông\ntin  và", ["Thông tin", "và"], ["Thông\ntin", "và"]),
        (
            "73/2019/NĐ-CP ngày",
            ["73/2019", "/", "NĐ-CP", "ngày"],
            ["73/2019", "/", "NĐ-CP", "ngày"],
        ),
        ("  ĐỀ ÁN 06", ["ĐỀ ÁN", "06"], ["ĐỀ ÁN", "06"]),
    ],
)
def test_align_gives_back_text(text: str, tokens: list[str], expected: list[str]) -> None:
    spans = nlp.align(text, tokens)
    assert [text[s:e] for s, e in spans] == expected


def test_align_refuses_foreign_tokens() -> None:
    with pytest.raises(nlp.AlignmentError):
        nlp.align("Sở Tư pháp", ["Bộ", "Tư pháp"])


@pytest.mark.parametrize(
    "text",
    [
        "Sở Tư pháp khẩn trương hoàn thiện dự toán số hóa hồ sơ hộ tịch, lấy ý kiến các ngành liên quan.",
        "Phó Thủ tướng Trịnh Đình Dũng phát biểu chỉ đạo tại hội nghị Mũi nhọn trong sản xuất nông nghiệp",
        "UBND tỉnh Quảng Nam vừa ban hành Công văn số 8107/UBND-NCKS ngày 22/11/2023 triển khai chỉ đạo",
        "Tăng cường nhân lực cho công tác thẩm định các dự án CNTT, đảm bảo thời gian, tiến độ xử lý",
    ],
)
def test_pos_tokens_offsets_give_back_words(text: str) -> None:
    tokens = nlp.pos_tokens(text)
    assert tokens
    for token in tokens:
        assert text[token.start : token.end] == token.text
    assert "".join(t.text for t in tokens).replace(" ", "") == text.replace(" ", "")


def _reference_tagging(text: str) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """underthesea's own features and tags for ``text``."""
    from underthesea import pos_tag, word_tokenize
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
    from underthesea.pipeline.pos_tag.tagged_feature import word2features

    template = CRFPOSTagPredictor.Instance().transformer.template
    rows = [(w, "X") for w in word_tokenize(text)]
    return [word2features(rows, i, template) for i in range(len(rows))], pos_tag(text)


@pytest.mark.parametrize(
    "text",
    [
        # clause openings the grammar tags in the shared texts: verbs, nouns, a line break,
        # capitals, an abbreviation with "&", digits and punctuation, one word
        "tiếp tục chỉ đạo",
        "kiểm soát chặt chẽ",
        "để có phương án chủ động ứng phó với tìn",
        "đầu tư xây\ndựng Hà Thành; Công ty cổ phầ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ": 0246.6758.683",
        "NN&PTNT tiếp tục",
        "số ra ngày 18-6-2017 đăng bài Nhiều sai",
        "nông thôn chủ trì",
        "được giao ký kết",
        "sản xuất",
        "Sở Tư pháp khẩn trương hoàn thiện dự toán số hóa hồ sơ hộ tịch, lấy ý kiến",
    ],
)
def test_pos_tagger_is_underthesea_s(text: str) -> None:
    """The tagger's features are made once per word, not per template: the same strings as
    underthesea's reference code, so the same tags."""
    tagger = nlp._pos_tag()
    assert isinstance(tagger, nlp._PosTagger)
    from underthesea import word_tokenize

    features, tags = _reference_tagging(text)
    assert tagger.features(word_tokenize(text)) == features
    assert tagger(text) == tags


def test_pos_tagger_over_the_example_announcements() -> None:
    """Every line of the project's two announcements, and 40-character windows from every
    third word of it (the window a clause opening is read in), tagged as underthesea
    tags them."""
    tagger = nlp._pos_tag()
    lines = [
        line.strip()
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [*lines]
    for line in lines:
        starts = [m.start() for m in regex.finditer(r"\S+", line)][::3]
        texts += [line[s : s + 40] for s in starts]
    assert len(texts) > 300
    for text in texts:
        assert tagger(text) == _reference_tagging(text)[1], text


@pytest.mark.parametrize(
    ("clause", "verb_first"),
    [
        ("tăng cường công tác tuyên truyền đến đông đảo du khách trong nước", True),  # ke_hoach-080
        ("tiếp tục hoàn thiện hệ thống cơ chế, chính sách liên quan", True),  # news-047
        ("xây dựng lộ trình, thời gian cụ thể để triển khai việc thoái vốn", True),  # news-039
        ("nguồn kinh phí xã hội hóa", False),  # ke_hoach-080, a field value
        ("Hoàng Thành Thăng Long.", False),  # a place
    ],
)
def test_clause_opens_task(rules, clause: str, verb_first: bool) -> None:
    """The rules' spaCy token patterns over underthesea's tags: adverbs, then a verb."""
    matcher = rules.triggers.clause_matcher
    assert matcher.opens_with(clause, 0, len(clause), "opens_task") is verb_first
    # Read again inside a longer text (the answer is kept per clause opening): the same.
    text = f"Sở Tài chính {clause}; báo cáo kết quả."
    start = len("Sở Tài chính ")
    assert matcher.opens_with(text, start, start + len(clause), "opens_task") is verb_first


def test_clause_patterns_are_data(tmp_path) -> None:
    patterns = {"noun_first": [[{"TAG": "N"}]]}
    matcher = nlp.ClauseMatcher(patterns)
    text = "nguồn kinh phí xã hội hóa"
    assert matcher.opens_with(text, 0, len(text), "noun_first")
    assert not matcher.opens_with(text, 0, len(text), "opens_task")


LEXICON_KEYS = ("assign_verbs", "lead_roles", "coordinate_roles", "urgency", "directive_cues")


@pytest.mark.parametrize("key", LEXICON_KEYS)
def test_trigger_lexicon_examples_contain_their_words(key: str) -> None:
    """Each word list in rules/triggers.yaml shows one of its words in its own example,
    found token by token by the spaCy lexicon pipeline."""
    entry = read_yaml(RULES_DIR / "triggers.yaml")[key]
    phrases = ((key, tuple(entry["words"])),)
    spans = nlp.lexicon_spans(entry["example"], phrases)
    assert spans, f"{entry['id']}: no word of the list occurs in its example"
    for label, start, end in spans:
        assert label == key
        assert entry["example"][start:end].lower() in {w.lower() for w in entry["words"]}
