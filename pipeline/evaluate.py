"""Score extracted assignments and legal references against gold annotations.

The rules are SPEC.md's "Gold annotations and quality" section, applied literally, so the figures
are comparable with the ones measured on documents the project never sees. Two layers:

* ``load_gold`` / ``load_predictions`` turn gold JSON files and a DuckDB database into the same
  plain models (``GoldDoc`` / ``PredDoc``), keyed by file name ("news-002.txt");
* ``score`` is a pure function of those models, so every rule is testable without a database.

Choices where SPEC is silent (each one also stated where it is implemented):

* Only documents that have gold are scored; predictions for other files are ignored. A gold
  document missing from the predictions counts as all-missed (empty prediction).
* A ratio whose denominator is zero is 1.0 when the other side is empty too (nothing to find and
  nothing found is perfect) and 0.0 otherwise; so a document with no gold and no predictions has
  F1 1.0. Such a document is skipped from the mean of per-document F1 (it would only inflate it).
* Accuracies (reference kind and date, document issued_date) are ``None`` when nothing is judged.
* Reference date accuracy is over all matched numbered references: both dates missing is right.
* The per-document reference F1 pools numbered and by-name references.
* "An earlier counted" prediction (headline precision) is an earlier prediction of the same
  document and lead that was itself not excluded as a repeat.
* Only task and title texts use the plain NFC lower-case syllables of SPEC; agency names (lead,
  co-ordinators) and reference kinds also fold tone placement ("uỷ" == "ủy").
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

# Thresholds from SPEC ("Gold annotations and quality").
TITLE_F1_MIN = 0.6
TASK_F1_MIN = 0.5
CONTAIN_SHARE_MIN = 0.8
CONTAIN_LENGTH_RATIO_MAX = 4
REPEAT_F1_MIN = 0.8
GENERIC_KIND = "văn bản"

# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------


class RefItem(BaseModel):
    kind: str | None = None
    number: str | None = None
    title: str | None = None
    date: dt.date | None = None


class AssignmentItem(BaseModel):
    lead: str
    coordinators: list[str] = Field(default_factory=list)
    task: str = ""
    deadline: dt.date | None = None
    recurrence: str | None = None


class ScoredDoc(BaseModel):
    """What scoring looks at in one document, on either side."""

    name: str
    issued_date: dt.date | None = None
    refs: list[RefItem] = Field(default_factory=list)
    assignments: list[AssignmentItem] = Field(default_factory=list)


class GoldDoc(ScoredDoc):
    pass


class PredDoc(ScoredDoc):
    pass


class Prf(BaseModel):
    """Precision/recall/F1 with their counts.

    Precision and recall have separate numerators because the headline assignment figure counts
    predictions compatible with some gold and gold compatible with some prediction.
    """

    correct_pred: int = 0
    n_pred: int = 0
    correct_gold: int = 0
    n_gold: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0

    @property
    def support(self) -> int:
        return self.n_gold


class Accuracy(BaseModel):
    correct: int = 0
    total: int = 0
    accuracy: float | None = None


ErrorKind = Literal["false_positive", "false_negative", "wrong_value"]


class ErrorItem(BaseModel):
    doc: str
    field: str
    error: ErrorKind
    gold: Any = None
    pred: Any = None
    context: dict[str, Any] | None = None


class DocResult(BaseModel):
    name: str
    predicted: bool  # False when the document is absent from the predictions
    metrics: dict[str, Prf]
    accuracies: dict[str, Accuracy]
    assignment_f1: float | None  # None when skipped from the mean (no gold, no predictions)
    ref_f1: float | None
    issued_date_gold: dt.date | None = None
    issued_date_pred: dt.date | None = None


class EvalReport(BaseModel):
    documents: int
    metrics: dict[str, Prf]
    accuracies: dict[str, Accuracy]
    mean_doc_assignment_f1: float | None
    mean_doc_assignment_f1_docs: int
    mean_doc_ref_f1: float | None
    mean_doc_ref_f1_docs: int
    per_document: list[DocResult]
    errors: list[ErrorItem]


# Metric keys, in table order, with their labels.
METRIC_LABELS: dict[str, str] = {
    "refs_numbered": "legal refs (by number)",
    "refs_by_name": "legal refs (by name)",
    "assignments": "assignments (headline)",
    "assignments_one_to_one": "assignments (one-to-one)",
    "deadline": "deadline (pairs)",
    "recurrence": "recurrence (pairs)",
    "coordinators": "coordinators (pairs)",
    "strict": "assignments (strict)",
}
ACCURACY_LABELS: dict[str, str] = {
    "ref_kind": "legal ref kind accuracy",
    "ref_date": "legal ref date accuracy",
    "issued_date": "document issued_date accuracy",
}

# ---------------------------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def syllables(text: str | None) -> list[str]:
    """Lower-cased NFC syllables; punctuation and "..." vanish because only \\w runs count."""
    if not text:
        return []
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _tone_fold_table() -> dict[str, str]:
    # Old placement puts the tone on the second vowel of oa/oe/uy in an open syllable ("hoá",
    # "uỷ"); government texts put it on the first ("hóa", "ủy"). Map old -> new.
    marks = ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # sắc, huyền, hỏi, ngã, nặng
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in marks:
            old = first + unicodedata.normalize("NFC", second + mark)
            table[old] = unicodedata.normalize("NFC", first + mark) + second
    return table


_TONE_FOLD = _tone_fold_table()
# Only at the end of a syllable: in "hoàn", "toán" the tone sits on "a" in both styles.
_TONE_FOLD_RE = re.compile("(" + "|".join(_TONE_FOLD) + r")(?!\w)")


def fold_tone_placement(text: str) -> str:
    """NFC, lower case, and new-style tone placement ("uỷ" -> "ủy", "hoá" -> "hóa")."""
    low = unicodedata.normalize("NFC", text).lower()
    return _TONE_FOLD_RE.sub(lambda m: _TONE_FOLD[m.group(1)], low)


def canonical_agency(name: str | None) -> str:
    """Key under which two agency names are the same: folded syllables without a leading "các"."""
    words = _WORD.findall(fold_tone_placement(name or ""))
    if words and words[0] == "các":
        words = words[1:]
    return " ".join(words)


def canonical_kind(kind: str | None) -> str:
    return " ".join(_WORD.findall(fold_tone_placement(kind or "")))


# Look-alike letters that OCR and careless typing put into số hiệu (upper and lower case).
_LOOKALIKES = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "х": "x", "І": "I", "і": "i", "Ј": "J", "ј": "j", "Ѕ": "S",
    "ѕ": "s",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T",
    "Χ": "X", "Ι": "I", "Ζ": "Z", "Η": "H", "Υ": "Y", "α": "a", "β": "b", "ε": "e", "κ": "k",
    "μ": "m", "ν": "n", "ο": "o", "ρ": "p", "τ": "t", "χ": "x", "ι": "i", "υ": "y",
    # Latin Eth and its cousins look like Đ
    "Ð": "D", "ð": "d", "Ɖ": "D", "ɖ": "d",
}  # fmt: skip
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_NUMBER_TABLE = str.maketrans({**_LOOKALIKES, **dict.fromkeys(_DASHES, "-"), "\uff0f": "/"})
_SPACE = re.compile(r"\s+")


def normalize_number(number: str | None) -> str:
    """Comparison key of a số hiệu: "73/2019/nđ – cp" and "73/2019/ND-CP" are one key."""
    if not number:
        return ""
    text = unicodedata.normalize("NFC", number).translate(_NUMBER_TABLE)
    text = text.upper().replace("Đ", "D")
    return _SPACE.sub("", text)


# ---------------------------------------------------------------------------------------------
# Small maths
# ---------------------------------------------------------------------------------------------


def ratio(num: int, den: int, other_side: int) -> float:
    """num/den; an empty denominator is perfect only when the other side is empty too."""
    if den:
        return num / den
    return 1.0 if other_side == 0 else 0.0


def make_prf(correct_pred: int, n_pred: int, correct_gold: int, n_gold: int) -> Prf:
    precision = ratio(correct_pred, n_pred, n_gold)
    recall = ratio(correct_gold, n_gold, n_pred)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Prf(
        correct_pred=correct_pred,
        n_pred=n_pred,
        correct_gold=correct_gold,
        n_gold=n_gold,
        precision=precision,
        recall=recall,
        f1=f1,
    )


def sum_prf(items: Iterable[Prf]) -> Prf:
    """Micro-average: add the counts, then recompute the ratios."""
    cp = npred = cg = ngold = 0
    for item in items:
        cp += item.correct_pred
        npred += item.n_pred
        cg += item.correct_gold
        ngold += item.n_gold
    return make_prf(cp, npred, cg, ngold)


def make_accuracy(correct: int, total: int) -> Accuracy:
    return Accuracy(correct=correct, total=total, accuracy=correct / total if total else None)


def sum_accuracy(items: Iterable[Accuracy]) -> Accuracy:
    correct = total = 0
    for item in items:
        correct += item.correct
        total += item.total
    return make_accuracy(correct, total)


def overlap(a: Counter[str], b: Counter[str]) -> int:
    return sum((a & b).values())


def syllable_f1(a: Counter[str], b: Counter[str]) -> float:
    """Bag-of-syllables F1; two empty texts are equal."""
    na, nb = sum(a.values()), sum(b.values())
    if not na and not nb:
        return 1.0
    common = overlap(a, b)
    return 2 * common / (na + nb) if common else 0.0


def contained(a: Counter[str], b: Counter[str]) -> bool:
    """>= 80% of the shorter text's syllables occur in the longer, which is <= 4x as long."""
    na, nb = sum(a.values()), sum(b.values())
    short, n_short, n_long = (a, na, nb) if na <= nb else (b, nb, na)
    if not n_short or n_long > CONTAIN_LENGTH_RATIO_MAX * n_short:
        return False
    long_ = b if short is a else a
    return overlap(short, long_) >= CONTAIN_SHARE_MIN * n_short


# ---------------------------------------------------------------------------------------------
# Legal references
# ---------------------------------------------------------------------------------------------


class _NumberedRef(BaseModel):
    number: str  # as first written, for error lines
    kind: str | None
    date: dt.date | None


def _more_specific(current: str | None, candidate: str | None) -> str | None:
    """Keep the first kind, but a missing or generic "Văn bản" kind yields to a more specific one."""
    cur, cand = canonical_kind(current), canonical_kind(candidate)
    if cur not in ("", GENERIC_KIND) or not cand:
        return current
    if cur == "" or cand != GENERIC_KIND:
        return candidate
    return current


def merge_numbered(refs: Iterable[RefItem]) -> dict[str, _NumberedRef]:
    """One reference per normalised number: first stated date, most specific kind."""
    merged: dict[str, _NumberedRef] = {}
    for ref in refs:
        key = normalize_number(ref.number)
        if not key:
            continue
        seen = merged.get(key)
        if seen is None:
            merged[key] = _NumberedRef(number=ref.number or key, kind=ref.kind, date=ref.date)
            continue
        seen.kind = _more_specific(seen.kind, ref.kind)
        if seen.date is None:
            seen.date = ref.date
    return merged


def by_name_titles(refs: Iterable[RefItem]) -> list[str]:
    """Titles of references without a number, one per distinct syllable sequence."""
    titles: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for ref in refs:
        if normalize_number(ref.number):
            continue
        key = tuple(syllables(ref.title))
        if key and key not in seen:
            seen.add(key)
            titles.append(ref.title or "")
    return titles


class _DocScorer:
    """Scores one document; collects per-document metrics and error lines."""

    def __init__(self, gold: ScoredDoc, pred: ScoredDoc | None) -> None:
        self.name = gold.name
        self.gold = gold
        self.pred = pred or PredDoc(name=gold.name)
        self.metrics: dict[str, Prf] = {}
        self.accuracies: dict[str, Accuracy] = {}
        self.errors: list[ErrorItem] = []

    def error(
        self,
        field: str,
        kind: ErrorKind,
        gold: Any,
        pred: Any,
        context: dict[str, Any] | None = None,
    ) -> None:
        self.errors.append(
            ErrorItem(doc=self.name, field=field, error=kind, gold=gold, pred=pred, context=context)
        )

    # -- references ----------------------------------------------------------------------------

    def score_numbered_refs(self) -> None:
        gold = merge_numbered(self.gold.refs)
        pred = merge_numbered(self.pred.refs)
        matched = [key for key in gold if key in pred]
        kind_ok = date_ok = 0
        for key in matched:
            g, p = gold[key], pred[key]
            ctx = {"number": g.number}
            if canonical_kind(g.kind) == canonical_kind(p.kind):
                kind_ok += 1
            else:
                self.error("ref_kind", "wrong_value", g.kind, p.kind, ctx)
            if g.date == p.date:
                date_ok += 1
            else:
                self.error(
                    "ref_date", _value_error(g.date, p.date), _iso(g.date), _iso(p.date), ctx
                )
        for key, g in gold.items():
            if key not in pred:
                self.error("refs_numbered", "false_negative", g.number, None, {"kind": g.kind})
        for key, p in pred.items():
            if key not in gold:
                self.error("refs_numbered", "false_positive", None, p.number, {"kind": p.kind})
        n = len(matched)
        self.metrics["refs_numbered"] = make_prf(n, len(pred), n, len(gold))
        self.accuracies["ref_kind"] = make_accuracy(kind_ok, n)
        self.accuracies["ref_date"] = make_accuracy(date_ok, n)

    def score_named_refs(self) -> None:
        gold = by_name_titles(self.gold.refs)
        pred = by_name_titles(self.pred.refs)
        gbags = [Counter(syllables(t)) for t in gold]
        pbags = [Counter(syllables(t)) for t in pred]
        candidates = [
            (syllable_f1(gb, pb), gi, pi)
            for gi, gb in enumerate(gbags)
            for pi, pb in enumerate(pbags)
            if syllable_f1(gb, pb) >= TITLE_F1_MIN
        ]
        pairs = greedy_pairs(candidates)
        gold_used = {gi for gi, _ in pairs}
        pred_used = {pi for _, pi in pairs}
        for gi, title in enumerate(gold):
            if gi not in gold_used:
                self.error("refs_by_name", "false_negative", title, None)
        for pi, title in enumerate(pred):
            if pi not in pred_used:
                self.error("refs_by_name", "false_positive", None, title)
        n = len(pairs)
        self.metrics["refs_by_name"] = make_prf(n, len(pred), n, len(gold))

    # -- assignments ---------------------------------------------------------------------------

    def score_assignments(self) -> None:
        gold, pred = self.gold.assignments, self.pred.assignments
        glead = [canonical_agency(a.lead) for a in gold]
        plead = [canonical_agency(a.lead) for a in pred]
        gbag = [Counter(syllables(a.task)) for a in gold]
        pbag = [Counter(syllables(a.task)) for a in pred]
        # compat[(gi, pi)] = task F1, for compatible pairs only
        compat: dict[tuple[int, int], float] = {}
        for gi in range(len(gold)):
            for pi in range(len(pred)):
                if glead[gi] != plead[pi]:
                    continue
                f1 = syllable_f1(gbag[gi], pbag[pi])
                if f1 >= TASK_F1_MIN or contained(gbag[gi], pbag[pi]):
                    compat[(gi, pi)] = f1
        pred_ok = {pi for _, pi in compat}
        gold_ok = {gi for gi, _ in compat}
        counted = self._counted_predictions(plead, pbag)
        for pi in counted:
            if pi not in pred_ok:
                self.error("assignments", "false_positive", None, _assignment_json(pred[pi]))
        for gi, g in enumerate(gold):
            if gi not in gold_ok:
                self.error("assignments", "false_negative", _assignment_json(g), None)
        self.metrics["assignments"] = make_prf(
            len(pred_ok & set(counted)), len(counted), len(gold_ok), len(gold)
        )
        pairs = greedy_pairs([(f1, gi, pi) for (gi, pi), f1 in compat.items()])
        self._score_one_to_one(pairs, gold_ok, pred_ok)

    def _counted_predictions(self, plead: list[str], pbag: list[Counter[str]]) -> list[int]:
        """Predictions that count for headline precision.

        A prediction repeating an earlier counted one of the same lead (task F1 >= 0.8) is left
        out of numerator and denominator: a summary line and its body are one directive.
        """
        counted: list[int] = []
        for pi in range(len(plead)):
            repeat = any(
                plead[ci] == plead[pi] and syllable_f1(pbag[ci], pbag[pi]) >= REPEAT_F1_MIN
                for ci in counted
            )
            if not repeat:
                counted.append(pi)
        return counted

    def _score_one_to_one(
        self, pairs: list[tuple[int, int]], gold_ok: set[int], pred_ok: set[int]
    ) -> None:
        gold, pred = self.gold.assignments, self.pred.assignments
        n_pairs = len(pairs)
        self.metrics["assignments_one_to_one"] = make_prf(n_pairs, len(pred), n_pairs, len(gold))
        # Compatible but left unpaired: the headline errors already list the incompatible ones.
        paired_gold = {gi for gi, _ in pairs}
        paired_pred = {pi for _, pi in pairs}
        for gi in sorted(gold_ok - paired_gold):
            self.error("assignments_one_to_one", "false_negative", _assignment_json(gold[gi]), None)
        for pi in sorted(pred_ok - paired_pred):
            self.error("assignments_one_to_one", "false_positive", None, _assignment_json(pred[pi]))
        dl = _ValueCounts()
        rec = _ValueCounts()
        coord = _ValueCounts()
        strict = 0
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            ctx = {"lead": g.lead, "task": g.task}
            dl_ok = self._pair_value("deadline", dl, _iso(g.deadline), _iso(p.deadline), ctx)
            rec_ok = self._pair_value(
                "recurrence", rec, _recurrence(g.recurrence), _recurrence(p.recurrence), ctx
            )
            strict += dl_ok and rec_ok
            self._pair_coordinators(coord, g, p, ctx)
        self.metrics["deadline"] = dl.prf()
        self.metrics["recurrence"] = rec.prf()
        self.metrics["coordinators"] = coord.prf()
        self.metrics["strict"] = make_prf(strict, len(pred), strict, len(gold))

    def _pair_value(
        self,
        field: str,
        counts: _ValueCounts,
        gold: str | None,
        pred: str | None,
        ctx: dict[str, Any],
    ) -> bool:
        """Count one paired value; True when gold and prediction agree (both empty agrees)."""
        counts.n_pred += pred is not None
        counts.n_gold += gold is not None
        if gold == pred:
            counts.correct += gold is not None
            return True
        self.error(field, _value_error(gold, pred), gold, pred, ctx)
        return False

    def _pair_coordinators(
        self, counts: _ValueCounts, g: AssignmentItem, p: AssignmentItem, ctx: dict[str, Any]
    ) -> None:
        gset = {canonical_agency(c): c for c in g.coordinators if canonical_agency(c)}
        pset = {canonical_agency(c): c for c in p.coordinators if canonical_agency(c)}
        counts.n_gold += len(gset)
        counts.n_pred += len(pset)
        counts.correct += len(gset.keys() & pset.keys())
        for key, name in gset.items():
            if key not in pset:
                self.error("coordinators", "false_negative", name, None, ctx)
        for key, name in pset.items():
            if key not in gset:
                self.error("coordinators", "false_positive", None, name, ctx)

    # -- document ------------------------------------------------------------------------------

    def score_issued_date(self) -> None:
        g, p = self.gold.issued_date, self.pred.issued_date
        if g is None:
            self.accuracies["issued_date"] = make_accuracy(0, 0)
            return
        self.accuracies["issued_date"] = make_accuracy(int(g == p), 1)
        if g != p:
            self.error("issued_date", _value_error(_iso(g), _iso(p)), _iso(g), _iso(p))

    def result(self, predicted: bool) -> DocResult:
        self.score_numbered_refs()
        self.score_named_refs()
        self.score_assignments()
        self.score_issued_date()
        headline = self.metrics["assignments"]
        refs = sum_prf([self.metrics["refs_numbered"], self.metrics["refs_by_name"]])
        return DocResult(
            name=self.name,
            predicted=predicted,
            metrics=self.metrics,
            accuracies=self.accuracies,
            assignment_f1=_doc_f1(headline),
            ref_f1=_doc_f1(refs),
            issued_date_gold=self.gold.issued_date,
            issued_date_pred=self.pred.issued_date if predicted else None,
        )


class _ValueCounts:
    """P/R counts over non-empty values: P over predicted values, R over gold values."""

    def __init__(self) -> None:
        self.correct = self.n_pred = self.n_gold = 0

    def prf(self) -> Prf:
        return make_prf(self.correct, self.n_pred, self.correct, self.n_gold)


def greedy_pairs(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """(gold, pred) pairs chosen by highest overlap first, each side used at most once.

    Ties break on gold index, then prediction index, so the result is deterministic.
    """
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


def _doc_f1(prf: Prf) -> float | None:
    """A document's F1, or None (skip from the mean) when it has no gold and no predictions."""
    if prf.n_gold == 0 and prf.n_pred == 0:
        return None
    return prf.f1


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _recurrence(value: str | None) -> str | None:
    text = (value or "").strip().upper()
    return text or None


def _value_error(gold: Any, pred: Any) -> ErrorKind:
    if pred is None:
        return "false_negative"
    if gold is None:
        return "false_positive"
    return "wrong_value"


def _assignment_json(a: AssignmentItem) -> dict[str, Any]:
    return {
        "lead": a.lead,
        "task": a.task,
        "coordinators": a.coordinators,
        "deadline": _iso(a.deadline),
        "recurrence": a.recurrence,
    }


def _mean(values: Iterable[float | None]) -> tuple[float | None, int]:
    kept = [v for v in values if v is not None]
    return (sum(kept) / len(kept) if kept else None), len(kept)


def score(gold: Mapping[str, ScoredDoc], pred: Mapping[str, ScoredDoc]) -> EvalReport:
    """Score predictions against gold, micro-averaged over every gold document.

    Documents in ``pred`` without gold are ignored; gold documents absent from ``pred`` are
    scored against an empty prediction. Per-document F1 (headline assignments; numbered and
    by-name references pooled) is 1.0 for a document with neither gold nor predictions, and such
    a document is left out of the mean of per-document F1.
    """
    results: list[DocResult] = []
    errors: list[ErrorItem] = []
    for name in sorted(gold):
        scorer = _DocScorer(gold[name], pred.get(name))
        results.append(scorer.result(predicted=name in pred))
        errors.extend(scorer.errors)
    metrics = {key: sum_prf(r.metrics[key] for r in results) for key in METRIC_LABELS}
    accuracies = {key: sum_accuracy(r.accuracies[key] for r in results) for key in ACCURACY_LABELS}
    mean_a, n_a = _mean(r.assignment_f1 for r in results)
    mean_r, n_r = _mean(r.ref_f1 for r in results)
    return EvalReport(
        documents=len(results),
        metrics=metrics,
        accuracies=accuracies,
        mean_doc_assignment_f1=mean_a,
        mean_doc_assignment_f1_docs=n_a,
        mean_doc_ref_f1=mean_r,
        mean_doc_ref_f1_docs=n_r,
        per_document=results,
        errors=errors,
    )


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def _gold_files(gold_dir: Path) -> list[Path]:
    # Accept the corpus folder (which holds gold/) or, forgivingly, the gold/ folder itself.
    folder = gold_dir / "gold" if (gold_dir / "gold").is_dir() else gold_dir
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold files (*.json) in {folder}")
    return files


def _date_or_none(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_gold(gold_dir: Path) -> dict[str, GoldDoc]:
    """Read ``gold_dir/gold/<name>.json``; key = the text's file name ("source", else stem.txt)."""
    docs: dict[str, GoldDoc] = {}
    for path in _gold_files(Path(gold_dir)):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = Path(data.get("source") or f"{path.stem}.txt").name
        refs = [
            RefItem(
                kind=r.get("kind"),
                number=r.get("number"),
                title=r.get("title"),
                date=_date_or_none(r.get("date")),
            )
            for r in data.get("legal_refs") or []
        ]
        assignments = [
            AssignmentItem(
                lead=a.get("lead") or "",
                coordinators=list(a.get("coordinators") or []),
                task=a.get("task") or "",
                deadline=_date_or_none(a.get("deadline")),
                recurrence=a.get("recurrence"),
            )
            for a in data.get("assignments") or []
        ]
        docs[name] = GoldDoc(
            name=name,
            issued_date=_date_or_none(data.get("issued_date")),
            refs=refs,
            assignments=assignments,
        )
    return docs


def _columns(con: Any, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    return {row[0] for row in rows}


def _pick_documents(con: Any) -> dict[str, tuple[str, dt.date | None]]:
    """file name -> (doc_id whose rows to use, issued_date).

    Optional columns are used when present: a file still on disk and processed last wins when one
    name occurs under several input folders, and a duplicate file (``duplicate_of``, stored with
    no rows of its own) is scored with the rows of the document it duplicates.
    """
    cols = _columns(con, "documents")
    order = []
    if "missing_since" in cols:
        order.append("missing_since IS NOT NULL")
    if "processed_at" in cols:
        order.append("processed_at DESC NULLS LAST")
    order.append("source_path")
    dup = "duplicate_of" if "duplicate_of" in cols else "NULL"
    rows = con.execute(
        f"SELECT doc_id, source_path, issued_date, {dup} FROM documents ORDER BY {', '.join(order)}"
    ).fetchall()
    ids = {str(r[0]) for r in rows}
    by_path = {str(r[1]): str(r[0]) for r in rows}
    picked: dict[str, tuple[str, dt.date | None]] = {}
    for doc_id, source_path, issued, duplicate_of in rows:
        name = Path(str(source_path).replace("\\", "/")).name
        if name in picked:
            continue
        target = str(doc_id)
        if duplicate_of is not None:
            dup_of = str(duplicate_of)
            target = dup_of if dup_of in ids else by_path.get(dup_of, target)
        picked[name] = (target, issued)
    return picked


def _refs_by_doc(con: Any) -> dict[str, list[RefItem]]:
    rows = con.execute(
        "SELECT doc_id, kind, number, title, raw, issued_date FROM legal_refs "
        "ORDER BY doc_id, start_char NULLS LAST, ref_id"
    ).fetchall()
    refs: dict[str, list[RefItem]] = {}
    for doc_id, kind, number, title, raw, issued in rows:
        # A by-name reference without a title is still scorable by what the text said.
        title = title if title or number else raw
        refs.setdefault(str(doc_id), []).append(
            RefItem(kind=kind, number=number, title=title, date=issued)
        )
    return refs


def _assignments_by_doc(con: Any) -> dict[str, list[AssignmentItem]]:
    coordinators: dict[str, list[str]] = {}
    for assignment_id, agency in con.execute(
        "SELECT assignment_id, coalesce(agency, agency_raw) FROM assignment_agencies "
        "WHERE role = 'coordinate' ORDER BY assignment_id, rowid"
    ).fetchall():
        if agency:
            coordinators.setdefault(str(assignment_id), []).append(str(agency))
    rows = con.execute(
        "SELECT assignment_id, doc_id, lead_agency, task, deadline, recurrence FROM assignments "
        "ORDER BY doc_id, seq NULLS LAST, assignment_id"
    ).fetchall()
    out: dict[str, list[AssignmentItem]] = {}
    for assignment_id, doc_id, lead, task, deadline, recurrence in rows:
        out.setdefault(str(doc_id), []).append(
            AssignmentItem(
                lead=lead or "",
                coordinators=coordinators.get(str(assignment_id), []),
                task=task or "",
                deadline=deadline,
                recurrence=recurrence,
            )
        )
    return out


def load_predictions(db_path: Path) -> dict[str, PredDoc]:
    """Read the pipeline's DuckDB database (read-only); key = the file name of source_path."""
    import duckdb  # imported here so the pure scorer does not need it

    if not Path(db_path).is_file():
        raise FileNotFoundError(f"database not found: {db_path}")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        documents = _pick_documents(con)
        refs = _refs_by_doc(con)
        assignments = _assignments_by_doc(con)
    finally:
        con.close()
    return {
        name: PredDoc(
            name=name,
            issued_date=issued,
            refs=refs.get(doc_id, []),
            assignments=assignments.get(doc_id, []),
        )
        for name, (doc_id, issued) in documents.items()
    }


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def summary_dict(report: EvalReport) -> dict[str, Any]:
    """Every figure with its counts (what summary.json holds)."""
    return {
        "documents": report.documents,
        "metrics": {
            key: {**prf.model_dump(), "support": prf.support} for key, prf in report.metrics.items()
        },
        "accuracies": {key: acc.model_dump() for key, acc in report.accuracies.items()},
        "mean_document_f1": {
            "assignments": report.mean_doc_assignment_f1,
            "assignments_documents": report.mean_doc_assignment_f1_docs,
            "legal_refs": report.mean_doc_ref_f1,
            "legal_refs_documents": report.mean_doc_ref_f1_docs,
        },
        "errors": dict(Counter(f"{e.field}:{e.error}" for e in report.errors).most_common()),
    }


def write_report(report: EvalReport, out_dir: Path) -> None:
    """Write summary.json, documents.json and errors.jsonl, stable line by line for diffing."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = json.dumps(summary_dict(report), ensure_ascii=False, indent=2)
    (out_dir / "summary.json").write_text(summary + "\n", encoding="utf-8")
    documents = [r.model_dump(mode="json") for r in report.per_document]
    (out_dir / "documents.json").write_text(
        json.dumps(documents, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    lines = [json.dumps(e.model_dump(mode="json"), ensure_ascii=False) for e in report.errors]
    (out_dir / "errors.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


MEAN_LABELS = ("mean per-document F1, assignments", "mean per-document F1, legal refs")


def format_table(report: EvalReport) -> str:
    """Plain-text table: one row per field, then accuracies and mean per-document F1.

    A row with nothing on either side (e.g. deadlines when no pair matched) shows "-", not the
    vacuous 1.0 that summary.json keeps next to its zero counts.
    """
    labels = (*METRIC_LABELS.values(), *ACCURACY_LABELS.values(), *MEAN_LABELS)
    width = max(len(label) for label in labels)
    head = f"{'field':<{width}}  {'precision':>9}  {'recall':>7}  {'F1':>6}  {'support':>7}"
    lines = [head, "-" * len(head)]
    for key, label in METRIC_LABELS.items():
        m = report.metrics[key]
        empty = m.n_pred == 0 and m.n_gold == 0
        p, r, f = (None, None, None) if empty else (m.precision, m.recall, m.f1)
        lines.append(f"{label:<{width}}  {_fmt(p):>9}  {_fmt(r):>7}  {_fmt(f):>6}  {m.support:>7d}")
    lines.append("")
    for key, label in ACCURACY_LABELS.items():
        a = report.accuracies[key]
        lines.append(f"{label:<{width}}  {_fmt(a.accuracy):>9}  ({a.correct}/{a.total})")
    means = (
        (report.mean_doc_assignment_f1, report.mean_doc_assignment_f1_docs),
        (report.mean_doc_ref_f1, report.mean_doc_ref_f1_docs),
    )
    for label, (value, docs) in zip(MEAN_LABELS, means, strict=True):
        lines.append(f"{label:<{width}}  {_fmt(value):>9}  ({docs} documents)")
    lines.append(f"documents scored: {report.documents}")
    return "\n".join(lines)
