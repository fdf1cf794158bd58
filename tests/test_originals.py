"""The first original of each content, held compactly, answers as a dict's setdefault would."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from pipeline import originals, store
from pipeline.originals import Originals
from pipeline.runner import run


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def stored(pairs: list[tuple[str, str]]) -> Originals:
    """As the database hands them over: sorted by hash, each hash once."""
    pairs = sorted(pairs)
    widths = (
        max((len(s) for s, _ in pairs), default=0),
        max((len(d) for _, d in pairs), default=0),
    )
    return Originals.of([pairs[:2], pairs[2:]], len(pairs), widths)  # in two chunks


@pytest.mark.parametrize(
    ("known", "asked", "expected"),
    [
        # A file whose content a stored original has points there, whatever its own id.
        ([(sha("a"), "d1"), (sha("b"), "d2")], [(sha("a"), "d9")], ["d1"]),
        # A new content: the file is its own original, and the next file with it points there.
        ([(sha("a"), "d1")], [(sha("b"), "d5"), (sha("b"), "d6")], ["d5", "d5"]),
        # Nothing stored.
        ([], [(sha("a"), "d1"), (sha("a"), "d2")], ["d1", "d1"]),
        # Hashes as an old database may hold them (not 64 characters), beside real ones.
        ([("abc", "d1")], [("abc", "d2"), ("abcd", "d3"), (sha("c"), "d4")], ["d1", "d3", "d4"]),
    ],
)
def test_first_original(
    known: list[tuple[str, str]], asked: list[tuple[str, str]], expected: list[str]
) -> None:
    index = stored(known)
    assert [index.setdefault(s, d) for s, d in asked] == expected


def test_it_answers_as_a_dict_across_joins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's originals joining the arrays every few: the same answers as a dict filled
    in the same order, and the same contents after; short hashes widen the arrays."""
    monkeypatch.setattr(originals, "MERGE", 7)
    rng = random.Random(3)
    contents = [sha(str(k)) for k in range(60)] + ["x", "yz"]
    known = {s: f"s{k}" for k, s in enumerate(rng.sample(contents, 30))}
    index = stored(list(known.items()))
    reference = dict(known)
    fresh = [sha(f"new{k}") for k in range(40)]
    asked = [(rng.choice(contents + fresh), f"n{k}") for k in range(300)]
    answers = [index.setdefault(s, d) for s, d in asked]
    assert answers == [reference.setdefault(s, d) for s, d in asked]
    assert dict(index.items()) == reference
    assert len(index) == len(reference)


def test_stored_originals_are_the_first_in_path_order(tmp_path: Path) -> None:
    """Two stored originals of one content (two folders): the one first in path order; a
    missing, failed or duplicate document is no original."""
    db = tmp_path / "o.duckdb"
    roots = [tmp_path / name for name in ("b_folder", "a_folder", "c_folder")]
    for root in roots:
        root.mkdir()
        (root / "x.txt").write_text(f"Thông báo của {root.name}.\n", encoding="utf-8")
        run(root, db)
    con = store.connect(db)
    try:
        con.execute("UPDATE documents SET content_sha256 = 'same'")
        con.execute("UPDATE documents SET status = 'failed' WHERE input_root LIKE '%c_folder'")
        ids = dict(con.execute("SELECT input_root, doc_id FROM documents").fetchall())
        first = store.first_doc_by_content(con).setdefault("same", "new")
        assert first == ids[str(roots[1].resolve())]  # a_folder
        con.execute("UPDATE documents SET missing_since = now() WHERE input_root LIKE '%a_folder'")
        assert (
            store.first_doc_by_content(con).setdefault("same", "new")
            == ids[str(roots[0].resolve())]
        )
        con.execute("UPDATE documents SET duplicate_of = 'z' WHERE input_root LIKE '%b_folder'")
        assert store.first_doc_by_content(con).setdefault("same", "new") == "new"
    finally:
        con.close()


def test_pairs_not_in_byte_order_are_sorted() -> None:
    """A database whose collation is not byte order hands them in another order."""
    index = Originals.of([[(sha("b"), "d2"), (sha("a"), "d1")], [("Z", "d3")]], 3, (64, 2))
    assert [index.setdefault(s, "new") for s in (sha("a"), sha("b"), "Z", "y")] == [
        "d1",
        "d2",
        "d3",
        "new",
    ]
