"""The scorer follows SPEC's "Gold annotations and quality" rules: each rule is pinned here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.evaluate import (
    AssignmentItem,
    GoldDoc,
    PredDoc,
    RefItem,
    canonical_agency,
    contained,
    fold_tone_placement,
    format_table,
    load_gold,
    load_predictions,
    normalize_number,
    score,
    syllable_f1,
    syllables,
    write_report,
)

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
D = dt.date


def words(n: int, start: int = 0) -> str:
    """n distinct syllables w<start> ... w<start+n-1>: task texts with exact overlaps."""
    return " ".join(f"w{i}" for i in range(start, start + n))


def task(lead: str, text: str, **kw: Any) -> AssignmentItem:
    return AssignmentItem(lead=lead, task=text, **kw)


def one_doc(
    gold_assignments: list[AssignmentItem] | None = None,
    pred_assignments: list[AssignmentItem] | None = None,
    gold_refs: list[RefItem] | None = None,
    pred_refs: list[RefItem] | None = None,
) -> tuple[dict[str, GoldDoc], dict[str, PredDoc]]:
    gold = GoldDoc(name="a.txt", assignments=gold_assignments or [], refs=gold_refs or [])
    pred = PredDoc(name="a.txt", assignments=pred_assignments or [], refs=pred_refs or [])
    return {"a.txt": gold}, {"a.txt": pred}


# --- text normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xin chủ trương ... (lần 2)!", ["xin", "chủ", "trương", "lần", "2"]),
        ("HOÀN THÀNH", ["hoàn", "thành"]),
        ("ho\u0061\u0300n", ["hoàn"]),  # NFD input compares as NFC
        ("", []),
    ],
)
def test_syllables_are_lowercase_nfc_word_runs(text: str, expected: list[str]) -> None:
    assert syllables(text) == expected


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("73/2019/NĐ-CP", "73/2019/ND-CP"),
        ("73/2019/nđ-cp", "73/2019/ND-CP"),
        ("73/2019 / NĐ - CP", "73/2019/ND-CP"),
        ("73/2019/NĐ–CP", "73/2019/ND-CP"),  # en dash
        ("73/2019/NĐ—CP", "73/2019/ND-CP"),  # em dash
        ("73/2019/NĐ\u2010CP", "73/2019/ND-CP"),  # hyphen
        ("05/СТ-ТТg", "05/CT-TTG"),  # Cyrillic С, Т
        ("05/ст-ттg", "05/CT-TTG"),  # Cyrillic lower case
        ("144/ΝQ-CP", "144/NQ-CP"),  # Greek Ν
        ("8107/UBND-NCKS", "8107/UBND-NCKS"),
        ("73/2019/ÐĐ-CP", "73/2019/DD-CP"),  # Latin Eth looks like Đ
        ("5440/BTTTT-CĐSQG", "5440/BTTTT-CDSQG"),
        ("12/2019/ND\u00a0-CP", "12/2019/ND-CP"),  # no-break space
    ],
)
def test_normalize_number(raw: str, canonical: str) -> None:
    assert normalize_number(raw) == canonical


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh", True),
        ("Sở Văn hoá và Thể thao", "Sở Văn hóa và Thể thao", True),
        ("Bộ Y Tế", "Bộ Y tế", True),
        ("Các sở, ban, ngành", "sở ban ngành", True),
        ("  Sở   Tài  chính ", "Sở Tài chính", True),
        (
            "Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội",
            "Trung tâm Bảo tồn Di sản Thăng Long Hà Nội",
            True,
        ),
        ("Sở Tài chính", "Sở Tư pháp", False),
        ("Ủy ban nhân dân các huyện", "Ủy ban nhân dân huyện", False),  # only a leading "các"
    ],
)
def test_canonical_agency(a: str, b: str, same: bool) -> None:
    assert (canonical_agency(a) == canonical_agency(b)) is same


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uỷ", "ủy"),
        ("hoá", "hóa"),
        ("khoẻ", "khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        ("hoàn thành", "hoàn thành"),  # closed syllable: tone stays on "a"
        ("toán", "toán"),
        ("hóa", "hóa"),
    ],
)
def test_fold_tone_placement(text: str, expected: str) -> None:
    assert fold_tone_placement(text) == expected


# --- legal references ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_number", "pred_number"),
    [
        ("73/2019/NĐ-CP", "73/2019/ND-CP"),
        ("05/CT-TTg", "05/СТ-ТТg"),
        ("03/2020/TT-BTTTT", "03/2020/TT – BTTTT"),
    ],
)
def test_numbered_refs_match_after_normalisation(gold_number: str, pred_number: str) -> None:
    gold, pred = one_doc(
        gold_refs=[RefItem(kind="Nghị định", number=gold_number)],
        pred_refs=[RefItem(kind="Nghị định", number=pred_number)],
    )
    m = score(gold, pred).metrics["refs_numbered"]
    assert (m.precision, m.recall, m.n_pred, m.n_gold) == (1.0, 1.0, 1, 1)


@pytest.mark.parametrize(
    ("pred_mentions", "gold_kind", "kind_ok", "date_ok"),
    [
        # generic "Văn bản" yields to the specific kind, whichever comes first
        ([("Văn bản", None), ("Công văn", D(2023, 5, 23))], "Công văn", 1, 1),
        ([("Công văn", D(2023, 5, 23)), ("Văn bản", None)], "Công văn", 1, 1),
        ([(None, None), ("Công văn", D(2023, 5, 23))], "Công văn", 1, 1),
        # gold says "Văn bản" but the prediction's most specific kind is "Công văn"
        ([("Văn bản", D(2023, 5, 23)), ("Công văn", None)], "Văn bản", 0, 1),
        # first stated date wins over later ones
        (
            [("Công văn", None), ("Công văn", D(2023, 5, 23)), ("Công văn", D(2024, 1, 1))],
            "Công văn",
            1,
            1,
        ),
        ([("Công văn", D(2024, 1, 1)), ("Công văn", D(2023, 5, 23))], "Công văn", 1, 0),
    ],
)
def test_numbered_ref_mentions_merge(
    pred_mentions: list[tuple[str | None, dt.date | None]],
    gold_kind: str,
    kind_ok: int,
    date_ok: int,
) -> None:
    gold, pred = one_doc(
        gold_refs=[RefItem(kind=gold_kind, number="452/TTg-KSTT", date=D(2023, 5, 23))],
        pred_refs=[RefItem(kind=k, number="452/TTg-KSTT", date=d) for k, d in pred_mentions],
    )
    report = score(gold, pred)
    assert report.metrics["refs_numbered"].n_pred == 1  # many mentions, one reference
    assert report.accuracies["ref_kind"].correct == kind_ok
    assert report.accuracies["ref_date"].correct == date_ok
    assert report.accuracies["ref_kind"].total == 1


def test_gold_mentions_merge_too() -> None:
    gold, pred = one_doc(
        gold_refs=[
            RefItem(kind="Văn bản", number="1/TB-VPCP"),
            RefItem(kind="Thông báo", number="1/TB-VPCP", date=D(2023, 11, 20)),
        ],
        pred_refs=[RefItem(kind="Thông báo", number="1/TB-VPCP", date=D(2023, 11, 20))],
    )
    report = score(gold, pred)
    assert report.metrics["refs_numbered"].n_gold == 1
    assert report.accuracies["ref_kind"].accuracy == 1.0


def test_numbered_refs_false_positive_and_negative() -> None:
    gold, pred = one_doc(
        gold_refs=[
            RefItem(kind="Luật", number="1/2020/QH14"),
            RefItem(kind="Luật", number="2/2020/QH14"),
        ],
        pred_refs=[
            RefItem(kind="Luật", number="1/2020/QH14"),
            RefItem(kind="Luật", number="9/2020/QH14"),
        ],
    )
    report = score(gold, pred)
    m = report.metrics["refs_numbered"]
    assert (m.correct_pred, m.n_pred, m.n_gold) == (1, 2, 2)
    errors = {(e.field, e.error, e.gold, e.pred) for e in report.errors}
    assert ("refs_numbered", "false_negative", "2/2020/QH14", None) in errors
    assert ("refs_numbered", "false_positive", None, "9/2020/QH14") in errors


@pytest.mark.parametrize(
    ("gold_title", "pred_title", "matched"),
    [
        ("Đề án 06", "Đề án 06", True),
        ("Luật Đầu tư công", "Luật đầu tư công năm 2019", True),  # F1 = 8/10
        ("a b c d", "a b c x y z", True),  # F1 = 6/10, exactly the threshold
        ("a b c d e", "a b c x y", True),  # F1 = 6/10
        ("a b c d e", "a b c x y z", False),  # F1 = 6/11 < 0.6
        ("Luật Đất đai", "Luật Đầu tư công", False),
    ],
)
def test_by_name_refs_threshold(gold_title: str, pred_title: str, matched: bool) -> None:
    gold, pred = one_doc(
        gold_refs=[RefItem(kind="Luật", title=gold_title)],
        pred_refs=[RefItem(kind="Luật", title=pred_title)],
    )
    report = score(gold, pred)
    m = report.metrics["refs_by_name"]
    assert (m.correct_pred, m.correct_gold) == ((1, 1) if matched else (0, 0))
    assert report.metrics["refs_numbered"].n_gold == 0  # reported apart


def test_by_name_refs_are_one_to_one() -> None:
    gold, pred = one_doc(
        gold_refs=[RefItem(kind="Đề án", title="Đề án 06")],
        pred_refs=[
            RefItem(kind="Đề án", title="Đề án 06 của Chính phủ"),
            RefItem(kind="Đề án", title="Đề án 06"),
        ],
    )
    m = score(gold, pred).metrics["refs_by_name"]
    assert (m.correct_pred, m.n_pred, m.correct_gold, m.n_gold) == (1, 2, 1, 1)


# --- assignments: compatibility ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_task", "pred_task", "compatible"),
    [
        (words(10), words(10), True),
        (words(10), words(5) + " x1 x2 x3 x4 x5", True),  # F1 = 0.5
        (words(10), words(4) + " x1 x2 x3 x4 x5 x6", False),  # F1 = 0.4, 40% contained
        # containment: a part of a list of tasks against the whole list
        (words(20), words(5), True),  # F1 = 0.4, 100% contained, 4x as long
        (words(21), words(5), False),  # more than 4x as long
        (words(16), words(4) + " x1", True),  # 80% of the shorter occurs in the longer
        (words(16), words(3) + " x1 x2", False),  # 60%
        (words(5), words(20), True),  # symmetric: the prediction may be the longer one
        ("Tăng cường nhân lực ...", "tăng cường, nhân lực!", True),  # punctuation ignored
    ],
)
def test_task_compatibility(gold_task: str, pred_task: str, compatible: bool) -> None:
    gold, pred = one_doc([task("Sở Tư pháp", gold_task)], [task("Sở Tư pháp", pred_task)])
    m = score(gold, pred).metrics["assignments"]
    assert (m.precision, m.recall) == ((1.0, 1.0) if compatible else (0.0, 0.0))


@pytest.mark.parametrize(
    ("gold_lead", "pred_lead", "compatible"),
    [
        ("Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", True),
        ("Các sở, ban, ngành", "sở, ban, ngành", True),
        ("Sở Văn hóa và Thể thao", "Sở Văn hoá và Thể thao", True),
        ("Sở Tài chính", "Sở Tư pháp", False),
    ],
)
def test_lead_compatibility(gold_lead: str, pred_lead: str, compatible: bool) -> None:
    gold, pred = one_doc([task(gold_lead, words(8))], [task(pred_lead, words(8))])
    assert score(gold, pred).metrics["assignments"].recall == (1.0 if compatible else 0.0)


def test_syllable_helpers() -> None:
    from collections import Counter

    a, b = Counter(words(5).split()), Counter(words(20).split())
    assert syllable_f1(a, b) == pytest.approx(0.4)
    assert contained(a, b) and contained(b, a)
    assert syllable_f1(Counter(), Counter()) == 1.0
    assert not contained(Counter(), b)


# --- assignments: headline precision and duplicates ---------------------------------------------


@pytest.mark.parametrize(
    ("pred_tasks", "expected_counted", "expected_correct"),
    [
        # a repeat of a counted prediction (F1 >= 0.8) is left out of numerator and denominator
        ([("A", words(10)), ("A", words(9) + " x1")], 1, 1),  # F1 = 0.9
        ([("A", words(10)), ("A", words(10))], 1, 1),
        # not similar enough: a second, wrong prediction... that still fits the gold (F1 0.7)
        ([("A", words(10)), ("A", words(7) + " x1 x2 x3")], 2, 2),
        ([("A", words(10)), ("A", words(5, 100))], 2, 1),  # unrelated: a false positive
        ([("A", words(10)), ("B", words(10))], 2, 1),  # same task, other lead: not a repeat
        # p2 repeats p1 (F1 0.8), which was excluded, but not the counted p0 (F1 0.7): it counts
        ([("A", words(10)), ("A", words(10, 1)), ("A", words(10, 3))], 2, 2),
        # a repeated wrong prediction is counted once
        ([("A", words(10, 50)), ("A", words(10, 50))], 1, 0),
    ],
)
def test_headline_precision_excludes_repeats(
    pred_tasks: list[tuple[str, str]], expected_counted: int, expected_correct: int
) -> None:
    gold, pred = one_doc([task("A", words(10))], [task(lead, text) for lead, text in pred_tasks])
    report = score(gold, pred)
    m = report.metrics["assignments"]
    assert (m.correct_pred, m.n_pred) == (expected_correct, expected_counted)
    # one-to-one counts every prediction
    assert report.metrics["assignments_one_to_one"].n_pred == len(pred_tasks)


def test_headline_tolerates_a_list_cut_differently() -> None:
    # gold keeps a list of tasks whole, the prediction splits it: both parts are right
    gold_task = words(12)
    gold, pred = one_doc([task("A", gold_task)], [task("A", words(6)), task("A", words(6, 6))])
    report = score(gold, pred)
    assert report.metrics["assignments"].precision == 1.0
    assert report.metrics["assignments"].recall == 1.0
    one = report.metrics["assignments_one_to_one"]
    assert (one.correct_pred, one.n_pred, one.correct_gold, one.n_gold) == (1, 2, 1, 1)


# --- assignments: one-to-one --------------------------------------------------------------------


def test_one_to_one_is_greedy_by_overlap() -> None:
    # p0 fits g0 best (F1 0.9) and g1 (F1 0.6); p1 fits only g0 (F1 0.5).
    # Greedy takes (g0, p0) first, so p1 and g1 stay unpaired, though a maximum matching has 2.
    g0, g1 = words(10), words(6) + " y1 y2 y3 y4"
    p0, p1 = words(9) + " x1", words(5, 5) + " z1 z2 z3 z4 z5"
    gold, pred = one_doc(
        [task("A", g0, deadline=D(2024, 1, 1)), task("A", g1)],
        [task("A", p0, deadline=D(2024, 1, 1)), task("A", p1)],
    )
    report = score(gold, pred)
    one = report.metrics["assignments_one_to_one"]
    assert (one.correct_pred, one.n_pred, one.correct_gold, one.n_gold) == (1, 2, 1, 2)
    assert report.metrics["assignments"].recall == 1.0  # both golds compatible with some pred
    # the pair is (g0, p0): their deadlines agree
    assert report.metrics["deadline"].correct_pred == 1


def test_one_to_one_prefers_higher_overlap_over_order() -> None:
    gold, pred = one_doc(
        [
            task("A", words(10), deadline=D(2024, 1, 1)),
            task("A", words(12), deadline=D(2024, 2, 1)),
        ],
        [
            task("A", words(12), deadline=D(2024, 2, 1)),
            task("A", words(10), deadline=D(2024, 1, 1)),
        ],
    )
    report = score(gold, pred)
    assert report.metrics["assignments_one_to_one"].f1 == 1.0
    assert report.metrics["deadline"].f1 == 1.0


# --- pair fields --------------------------------------------------------------------------------

X, Y = D(2024, 3, 25), D(2024, 6, 30)


@pytest.mark.parametrize(
    ("gold_deadline", "pred_deadline", "counts", "strict_ok"),
    [
        (X, X, (1, 1, 1), True),
        (None, None, (0, 0, 0), True),  # both empty: no count, but right for strict
        (None, X, (0, 1, 0), False),  # counts for precision only
        (X, None, (0, 0, 1), False),  # counts for recall only
        (X, Y, (0, 1, 1), False),
    ],
)
def test_deadline_over_non_empty_values(
    gold_deadline: dt.date | None,
    pred_deadline: dt.date | None,
    counts: tuple[int, int, int],
    strict_ok: bool,
) -> None:
    gold, pred = one_doc(
        [task("A", words(10), deadline=gold_deadline)],
        [task("A", words(10), deadline=pred_deadline)],
    )
    report = score(gold, pred)
    m = report.metrics["deadline"]
    assert (m.correct_pred, m.n_pred, m.n_gold) == counts
    assert report.metrics["strict"].correct_pred == int(strict_ok)


@pytest.mark.parametrize(
    ("gold_rec", "pred_rec", "counts", "strict_ok"),
    [
        ("P2W", "P2W", (1, 1, 1), True),
        ("P1M", "p1m ", (1, 1, 1), True),
        (None, None, (0, 0, 0), True),
        (None, "P1M", (0, 1, 0), False),
        ("P1Y", None, (0, 0, 1), False),
        ("P1M", "P3M", (0, 1, 1), False),
    ],
)
def test_recurrence_over_non_empty_values(
    gold_rec: str | None, pred_rec: str | None, counts: tuple[int, int, int], strict_ok: bool
) -> None:
    gold, pred = one_doc(
        [task("A", words(10), recurrence=gold_rec)], [task("A", words(10), recurrence=pred_rec)]
    )
    report = score(gold, pred)
    m = report.metrics["recurrence"]
    assert (m.correct_pred, m.n_pred, m.n_gold) == counts
    assert report.metrics["strict"].correct_pred == int(strict_ok)


def test_deadline_precision_recall_over_several_pairs() -> None:
    pairs = [(X, X), (None, X), (X, None), (X, Y), (None, None)]
    gold, pred = one_doc(
        [task("A", words(10, 20 * i), deadline=g) for i, (g, _) in enumerate(pairs)],
        [task("A", words(10, 20 * i), deadline=p) for i, (_, p) in enumerate(pairs)],
    )
    report = score(gold, pred)
    m = report.metrics["deadline"]
    assert (m.precision, m.recall) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    strict = report.metrics["strict"]
    assert (strict.precision, strict.recall) == (pytest.approx(2 / 5), pytest.approx(2 / 5))


def test_strict_divides_by_all_predictions_and_gold() -> None:
    gold, pred = one_doc(
        [task("A", words(10), deadline=X), task("B", words(10))],
        [task("A", words(10), deadline=X), task("C", words(10)), task("D", words(10))],
    )
    strict = score(gold, pred).metrics["strict"]
    assert (strict.correct_pred, strict.n_pred, strict.correct_gold, strict.n_gold) == (1, 3, 1, 2)


def test_coordinators_micro_over_pairs() -> None:
    gold, pred = one_doc(
        [
            task("A", words(10), coordinators=["Sở Tài chính", "Công an tỉnh"]),
            task("A", words(10, 50), coordinators=["Các cơ quan, đơn vị liên quan"]),
            task("B", words(10), coordinators=["Sở Y tế"]),  # unpaired: not counted
        ],
        [
            task("A", words(10), coordinators=["Sở Tài chính", "Sở Nội vụ", "Sở Tài chính"]),
            task("A", words(10, 50), coordinators=["cơ quan, đơn vị liên quan"]),
        ],
    )
    m = score(gold, pred).metrics["coordinators"]
    assert (m.correct_pred, m.n_pred, m.n_gold) == (2, 3, 3)


# --- documents ----------------------------------------------------------------------------------


def test_issued_date_accuracy_and_missing_documents() -> None:
    gold = {
        "a.txt": GoldDoc(name="a.txt", issued_date=D(2024, 3, 11)),
        "b.txt": GoldDoc(name="b.txt", issued_date=D(2024, 3, 11)),
        "c.txt": GoldDoc(name="c.txt"),  # no gold date: not judged
        "d.txt": GoldDoc(name="d.txt", issued_date=D(2024, 1, 1), assignments=[task("A", "x y")]),
    }
    pred = {
        "a.txt": PredDoc(name="a.txt", issued_date=D(2024, 3, 11)),
        "b.txt": PredDoc(name="b.txt", issued_date=D(2024, 3, 12)),
        "c.txt": PredDoc(name="c.txt", issued_date=D(2020, 1, 1)),
        "zzz.txt": PredDoc(name="zzz.txt", assignments=[task("A", "x y")]),  # no gold: ignored
    }
    report = score(gold, pred)
    acc = report.accuracies["issued_date"]
    assert (acc.correct, acc.total) == (1, 3)
    assert report.documents == 4
    m = report.metrics["assignments"]
    assert (m.n_pred, m.n_gold, m.recall) == (0, 1, 0.0)  # d.txt: all missed
    by_name = {r.name: r for r in report.per_document}
    assert by_name["d.txt"].predicted is False
    assert by_name["d.txt"].assignment_f1 == 0.0


def test_mean_per_document_f1_skips_empty_documents() -> None:
    gold = {
        "a.txt": GoldDoc(name="a.txt", assignments=[task("A", words(5))]),
        "b.txt": GoldDoc(name="b.txt", assignments=[task("A", words(5)), task("B", words(5))]),
        "c.txt": GoldDoc(name="c.txt"),  # nothing either side: F1 1.0 but left out of the mean
    }
    pred = {
        "a.txt": PredDoc(name="a.txt", assignments=[task("A", words(5))]),
        "b.txt": PredDoc(name="b.txt"),
        "c.txt": PredDoc(name="c.txt"),
    }
    report = score(gold, pred)
    assert report.mean_doc_assignment_f1 == pytest.approx(0.5)
    assert report.mean_doc_assignment_f1_docs == 2
    # micro: 1 of 3 gold found, 1 of 1 prediction right
    m = report.metrics["assignments"]
    assert (m.precision, m.recall) == (1.0, pytest.approx(1 / 3))


@pytest.mark.parametrize(
    ("n_gold", "n_pred", "expected"),
    [
        (0, 0, (1.0, 1.0, 1.0)),  # nothing to find, nothing found: perfect
        (2, 0, (0.0, 0.0, 0.0)),
        (0, 2, (0.0, 0.0, 0.0)),
    ],
)
def test_empty_sides_convention(n_gold: int, n_pred: int, expected: tuple[float, ...]) -> None:
    gold, pred = one_doc(
        [task("A", words(3, 10 * i)) for i in range(n_gold)],
        [task("B", words(3, 10 * i)) for i in range(n_pred)],
    )
    doc = score(gold, pred).per_document[0]
    m = doc.metrics["assignments"]
    assert (m.precision, m.recall, m.f1) == expected
    assert doc.metrics["deadline"].f1 == 1.0  # no pairs, no values: vacuously right
    assert doc.accuracies["ref_kind"].accuracy is None  # nothing judged
    assert doc.assignment_f1 == (None if n_gold == n_pred == 0 else 0.0)


def test_document_with_predictions_but_no_gold_scores_zero() -> None:
    gold, pred = one_doc([], [task("A", words(5))])
    report = score(gold, pred)
    assert report.per_document[0].assignment_f1 == 0.0
    assert report.metrics["assignments"].precision == 0.0


def test_reports_are_written_and_formatted(tmp_path: Path) -> None:
    gold, pred = one_doc(
        [task("A", words(10), deadline=X)],
        [task("A", words(10), deadline=Y), task("B", words(4))],
        gold_refs=[RefItem(kind="Luật", number="1/2020/QH14")],
    )
    report = score(gold, pred)
    write_report(report, tmp_path / "eval")
    summary = json.loads((tmp_path / "eval" / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["assignments"]["support"] == 1
    assert summary["metrics"]["assignments"]["precision"] == 0.5
    assert set(summary["accuracies"]) == {"ref_kind", "ref_date", "issued_date"}
    documents = json.loads((tmp_path / "eval" / "documents.json").read_text(encoding="utf-8"))
    assert documents[0]["name"] == "a.txt"
    lines = (tmp_path / "eval" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    errors = [json.loads(line) for line in lines]
    kinds = {(e["field"], e["error"]) for e in errors}
    assert kinds == {
        ("refs_numbered", "false_negative"),
        ("assignments", "false_positive"),
        ("deadline", "wrong_value"),
    }
    deadline = next(e for e in errors if e["field"] == "deadline")
    assert (deadline["gold"], deadline["pred"]) == ("2024-03-25", "2024-06-30")
    table = format_table(report)
    assert "assignments (headline)" in table and "0.500" in table
    assert "mean per-document F1" in table


# --- the dev gold -------------------------------------------------------------------------------


def test_dev_gold_scored_against_itself_is_perfect() -> None:
    if not (DEV / "gold").is_dir():
        pytest.skip(f"shared dev corpus not found at {DEV} (it lives beside the project)")
    gold = load_gold(DEV)
    assert gold, "no gold documents loaded"
    assert all(name.endswith(".txt") for name in gold)
    pred = {name: PredDoc(**doc.model_dump()) for name, doc in gold.items()}
    report = score(gold, pred)
    for key, m in report.metrics.items():
        assert (m.precision, m.recall, m.f1) == (1.0, 1.0, 1.0), key
    for key, acc in report.accuracies.items():
        assert acc.accuracy == 1.0, key
    assert report.mean_doc_assignment_f1 == 1.0
    assert report.mean_doc_ref_f1 == 1.0
    assert report.errors == []


# --- DuckDB round trip --------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE documents (doc_id VARCHAR, source_path VARCHAR, issued_date DATE, status VARCHAR);
CREATE TABLE legal_refs (ref_id VARCHAR, doc_id VARCHAR, kind VARCHAR, number VARCHAR,
    title VARCHAR, issued_date DATE, issuer VARCHAR, raw VARCHAR, start_char INTEGER,
    end_char INTEGER);
CREATE TABLE assignments (assignment_id VARCHAR, doc_id VARCHAR, seq INTEGER,
    lead_agency VARCHAR, task VARCHAR, deadline DATE, recurrence VARCHAR);
CREATE TABLE assignment_agencies (assignment_id VARCHAR, agency VARCHAR, agency_raw VARCHAR,
    jurisdiction VARCHAR, role VARCHAR);
"""


def build_db(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute(SCHEMA)
    con.executemany(
        "INSERT INTO documents VALUES (?, ?, ?, ?)",
        [
            ("d1", "001.txt", D(2024, 3, 11), "ok"),
            ("d2", "sub/002.txt", None, "ok"),
            ("d3", "003.txt", None, "failed"),
        ],
    )
    con.executemany(
        "INSERT INTO legal_refs VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
        [
            # stored out of text order: the first stated date is the earlier mention's
            ("r2", "d1", "Thông tư", "03/2020/TT-BTTTT", None, None, "Thông tư 03", 90, 100),
            ("r1", "d1", "Văn bản", "03/2020/TT-BTTTT", None, D(2020, 2, 24), "x", 10, 20),
            ("r3", "d1", "Đề án", None, None, None, "Đề án 06", 200, 208),
        ],
    )
    con.executemany(
        "INSERT INTO assignments VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                "a2",
                "d1",
                2,
                "Sở Thông tin và Truyền thông",
                "Báo cáo định kỳ tình hình",
                None,
                "P2W",
            ),
            (
                "a1",
                "d1",
                1,
                "Sở Thông tin và Truyền thông",
                "xin chủ trương UBND tỉnh bố trí kinh phí",
                D(2024, 3, 25),
                None,
            ),
            ("a3", "d2", 1, "Sở Tư pháp", "hoàn thiện dự toán", None, None),
        ],
    )
    con.executemany(
        "INSERT INTO assignment_agencies VALUES (?, ?, ?, NULL, ?)",
        [
            ("a1", "Sở Thông tin và Truyền thông", "Sở TT&TT", "lead"),
            ("a1", "Sở Tài chính", "Sở Tài chính", "coordinate"),
            ("a2", "Sở Thông tin và Truyền thông", "Sở TT&TT", "lead"),
        ],
    )
    con.close()


def test_duckdb_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "nhiemvu.duckdb"
    build_db(db)
    pred = load_predictions(db)
    assert set(pred) == {"001.txt", "002.txt", "003.txt"}
    one = pred["001.txt"]
    assert one.issued_date == D(2024, 3, 11)
    assert one.assignments[0].task.startswith("xin chủ trương")  # ordered by seq
    assert one.assignments[0].coordinators == ["Sở Tài chính"]
    assert one.assignments[1].coordinators == []
    assert one.refs[0].date == D(2020, 2, 24)  # ordered by start_char
    assert one.refs[2].title == "Đề án 06"  # by-name ref without a title falls back to raw
    assert pred["003.txt"].assignments == []
    # the connection was closed: a writer can open the file again
    duckdb.connect(str(db)).close()

    gold = {
        "001.txt": GoldDoc(
            name="001.txt",
            issued_date=D(2024, 3, 11),
            refs=[
                RefItem(kind="Thông tư", number="03/2020/TT-BTTTT", date=D(2020, 2, 24)),
                RefItem(kind="Đề án", title="Đề án 06"),
            ],
            assignments=[
                task(
                    "Sở Thông tin và Truyền thông",
                    "xin chủ trương UBND tỉnh bố trí kinh phí sự nghiệp ...",
                    coordinators=["Sở Tài chính"],
                    deadline=D(2024, 3, 25),
                ),
                task(
                    "Sở Thông tin và Truyền thông",
                    "Báo cáo định kỳ 02 tuần/lần về tình hình",
                    recurrence="P2W",
                ),
            ],
        ),
        "002.txt": GoldDoc(name="002.txt", assignments=[task("Sở Tư pháp", "hoàn thiện dự toán")]),
        "003.txt": GoldDoc(name="003.txt", assignments=[task("Sở Y tế", "kiểm tra")]),
    }
    report = score(gold, pred)
    assert report.metrics["refs_numbered"].f1 == 1.0
    assert report.accuracies["ref_kind"].accuracy == 1.0  # "Văn bản" yielded to "Thông tư"
    assert report.accuracies["ref_date"].accuracy == 1.0
    assert report.metrics["refs_by_name"].f1 == 1.0
    m = report.metrics["assignments"]
    assert (m.correct_pred, m.n_pred, m.correct_gold, m.n_gold) == (3, 3, 3, 4)
    assert report.metrics["coordinators"].f1 == 1.0
    assert report.metrics["deadline"].f1 == 1.0
    assert report.metrics["recurrence"].f1 == 1.0
    assert report.accuracies["issued_date"].accuracy == 1.0


def test_load_gold_keys_by_source_or_stem(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    doc = {"issued_date": "2024-03-11", "legal_refs": [], "assignments": []}
    (tmp_path / "gold" / "x.json").write_text(json.dumps({**doc, "source": "sub/y.txt"}))
    (tmp_path / "gold" / "z.json").write_text(json.dumps(doc))
    gold = load_gold(tmp_path)
    assert set(gold) == {"y.txt", "z.txt"}
    assert gold["z.txt"].issued_date == D(2024, 3, 11)


def test_load_gold_without_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path)
