"""Vietnamese NLP behind a small interface, loaded lazily once per process.

Word segmentation and POS tagging (underthesea) cost about 0.6 ms for a short clause but
~80 ms for a whole document, so they run only on the few words after a subject, where
they decide whether a clause is a directive. Their tokens are not always substrings of
the input ("hoá" comes back as "hóa"), so every token is aligned back to offsets.

spaCy matches: the tagged words become a Doc of a blank ``vi`` pipeline (no pyvi model,
nothing downloaded) whose SpanRuler applies token patterns from ``rules/triggers.yaml``;
a second SpanRuler built from the trigger word lists checks the lexicon's own examples.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    pos: str


class AlignmentError(ValueError):
    """A tagger's tokens do not account for the characters of the text."""


def _fold(ch: str) -> str:
    # Compare letters without diacritics or case: taggers may move a tone mark.
    base = unicodedata.normalize("NFD", ch)[0]
    return "d" if base in "đĐ" else base.casefold()


def align(text: str, tokens: Sequence[str], offset: int = 0) -> list[tuple[int, int]]:
    """Character spans of ``tokens`` in ``text`` (plus ``offset``), in order.

    Each token's non-space characters are matched one by one against the text's,
    skipping white space on both sides and comparing letters without diacritics.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for token in tokens:
        chars = [c for c in token if not c.isspace()]
        if not chars:
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        start = pos
        for ch in chars:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text) or _fold(text[pos]) != _fold(ch):
                raise AlignmentError(f"token {token!r} does not match text at {offset + pos}")
            pos += 1
        spans.append((offset + start, offset + pos))
    return spans


@cache
def _pos_tag() -> Any:
    try:
        return _PosTagger()
    except (ImportError, AttributeError):  # another underthesea: its own function
        from underthesea import pos_tag

        return pos_tag


_TEMPLATE_RE = regex.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?"
)


@dataclass(frozen=True)
class _Template:
    """One feature template of underthesea's tagger ("T[-1,0]", "T[0].istitle"), read once."""

    prefix: str
    column: int
    index1: int
    index2: int | None
    function: str | None


class _PosTagger:
    """``underthesea.pos_tag``, with the features made once per word rather than per template.

    Its reference code parses each of the 22 templates again, and rebuilds the sentence's
    columns, for every feature of every word: 70% of a tagging (0.88 ms a call over the
    clause openings of the shared texts). The features are the same strings, made by the
    same rules and functions from the installed model's own template (a test compares them
    with the reference code's over real clauses); the model tags them.
    """

    def __init__(self) -> None:
        from underthesea import word_tokenize
        from underthesea.pipeline.pos_tag import tagged_feature
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        predictor = CRFPOSTagPredictor.Instance()
        self._segment = word_tokenize
        self._tag = predictor.model.tag
        self._apply = tagged_feature.apply_function
        self.templates = [_template(t) for t in predictor.transformer.template]

    def __call__(self, sentence: str) -> list[tuple[str, str]]:
        words = self._segment(sentence)
        return list(zip(words, self._tag(self.features(words)), strict=False))

    def features(self, words: list[str]) -> list[list[str]]:
        columns = [list(words), ["X"] * len(words)]  # the reference tags every word "X"
        return [self._word_features(columns, i) for i in range(len(words))]

    def _word_features(self, columns: list[list[str]], i: int) -> list[str]:
        n = len(columns[0])
        out: list[str] = []
        for t in self.templates:
            first = i + t.index1
            if first < 0:
                out.append(f"{t.prefix}BOS")
                continue
            if first >= n or (t.index2 is not None and i + t.index2 >= n):
                out.append(f"{t.prefix}EOS")
                continue
            column = columns[t.column]
            word = column[first] if t.index2 is None else " ".join(column[first : i + t.index2 + 1])
            value: object = word if t.function is None else self._apply(t.function, word)
            out.append(f"{t.prefix}{value}")
        return out


def _template(syntax: str) -> _Template:
    m = _TEMPLATE_RE.match(syntax)
    if m is None:
        raise AttributeError(f"unknown feature template {syntax!r}")
    index2 = m.group("index2")
    return _Template(
        prefix=f"{syntax}=",
        column=int(m.group("column") or 0),
        index1=int(m.group("index1")),
        index2=int(index2) if index2 else None,
        function=m.group("function"),
    )


def load_models() -> None:
    """Load the tagger's models now (they load on first use): a process about to fork its
    workers gives them one shared copy instead of ~85 MB each."""
    _pos_tag()("Sở Tài chính chủ trì")


@lru_cache(maxsize=4096)
def _tagged_spans(segment: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, tag) of the words of ``segment``: the tagger's reading aligned to it.
    Cached: the same clause openings recur across a document and a folder ("tiếp tục chỉ
    đạo"); a tagging costs ~0.6 ms, and aligning it again (~15 µs) was most of a call that
    found the tagging cached."""
    tagged = [(word, tag) for word, tag in _pos_tag()(segment)]
    spans = align(segment, [w for w, _ in tagged])
    return tuple((s, e, tag) for (s, e), (_, tag) in zip(spans, tagged, strict=True))


def pos_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of text[start:end] with their POS tags and document offsets."""
    end = len(text) if end is None else end
    segment = text[start:end]
    if not segment.strip():
        return []
    return [Token(start + s, start + e, segment[s:e], tag) for s, e, tag in _tagged_spans(segment)]


class ClauseMatcher:
    """A blank ``vi`` pipeline whose SpanRuler holds token patterns from rules/, run over
    the underthesea-tagged words of a clause (a Doc built from them: offsets never move)."""

    def __init__(self, patterns: dict[str, list[list[dict[str, Any]]]]) -> None:
        import spacy

        self.nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
        ruler: Any = self.nlp.add_pipe(
            "span_ruler", config={"spans_key": "clause", "validate": True}
        )
        ruler.add_patterns(
            [
                {"label": label, "pattern": pattern}
                for label, token_patterns in patterns.items()
                for pattern in token_patterns
            ]
        )
        # A clause opening recurs ("khẩn trương triển khai"); its reading is a function of
        # its words alone, and a spaCy run costs some 150 µs.
        self._opening_reads = lru_cache(maxsize=4096)(self._opens_with)

    def opens_with(self, text: str, start: int, end: int, label: str, window: int = 40) -> bool:
        """Does a pattern labelled ``label`` match the clause's first words?"""
        return bool(self._opening_reads(text[start : min(end, start + window)], label))

    def _opens_with(self, segment: str, label: str) -> bool:
        from spacy.tokens import Doc

        tokens = pos_tokens(segment)
        if not tokens:
            return False
        doc = Doc(self.nlp.vocab, words=[t.text for t in tokens])
        for spacy_token, token in zip(doc, tokens, strict=True):
            spacy_token.tag_ = token.pos
        doc = self.nlp(doc)
        return any(span.label_ == label and span.start == 0 for span in doc.spans["clause"])


@cache
def lexicon_pipeline(phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> Any:
    """A blank Vietnamese spaCy pipeline labelling the given phrases (label, words)."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    ruler: Any = nlp.add_pipe("span_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(
        [{"label": label, "pattern": word} for label, words in phrases for word in words]
    )
    return nlp


_WORD_RE = regex.compile(r"\w+|[^\w\s]")


def lexicon_spans(
    text: str, phrases: tuple[tuple[str, tuple[str, ...]], ...]
) -> list[tuple[str, int, int]]:
    """(label, start, end) of every lexicon phrase in ``text``, as character offsets.

    The Vietnamese tokenizer without pyvi splits on white space only ("trì," is one
    token), so the Doc is built from syllables and punctuation marks instead.
    """
    from spacy.tokens import Doc

    nlp = lexicon_pipeline(phrases)
    matches = list(_WORD_RE.finditer(text))
    words = [m.group(0) for m in matches]
    spaces = [
        i + 1 < len(matches) and matches[i + 1].start() > m.end() for i, m in enumerate(matches)
    ]
    doc = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
    return [
        (span.label_, matches[span.start].start(), matches[span.end - 1].end())
        for span in doc.spans["ruler"]
    ]
