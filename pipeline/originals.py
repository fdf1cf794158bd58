"""Which document a file duplicates: the first original (in path order) of each content.

A run asks this of every file it extracts, against every original stored and every one met
so far. Held as a dict of strings, that was ~0.23 KB an original (traced) and more in the
process, its small strings scattered among each document's short-lived rows; here they are
two sorted arrays of fixed-width bytes (~84 bytes an original), which the originals met
during a run join every ``MERGE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

# Originals met during a run kept in a dict before they join the arrays: each join copies
# the arrays once (~84 MB at a million originals), so not too often.
MERGE = 20_000


class Originals:
    """content hash -> doc_id of its first original; ``setdefault`` as a dict's."""

    def __init__(self, shas: np.ndarray | None = None, ids: np.ndarray | None = None) -> None:
        """``shas`` sorted and unique, ``ids`` their originals' doc_ids (as bytes)."""
        self._shas = np.array([], dtype="S1") if shas is None else shas
        self._ids = np.array([], dtype="S1") if ids is None else ids
        self._new: dict[str, str] = {}

    @classmethod
    def of(
        cls, chunks: Iterable[list[tuple[str, str]]], count: int, widths: tuple[int, int]
    ) -> Originals:
        """From ``count`` (hash, doc_id) pairs sorted by hash, each hash once, of at most
        ``widths`` bytes, a chunk at a time: filled in place, never a list of them all."""
        shas = np.empty(count, dtype=f"S{max(widths[0], 1)}")
        ids = np.empty(count, dtype=f"S{max(widths[1], 1)}")
        n = 0
        for chunk in chunks:
            if n + len(chunk) > count:
                raise ValueError(f"more originals read than the {count} announced")
            shas[n : n + len(chunk)] = [sha.encode() for sha, _ in chunk]
            ids[n : n + len(chunk)] = [doc_id.encode() for _, doc_id in chunk]
            n += len(chunk)
        if n != count:
            raise ValueError(f"{n} originals read, {count} announced")
        if count > 1 and not np.all(shas[:-1] < shas[1:]):  # a database's collation differs
            shas, ids = _by_hash(shas, ids)
        return cls(shas, ids)

    def setdefault(self, sha: str, doc_id: str) -> str:
        """The doc_id of ``sha``'s first original, ``doc_id`` when it is the first."""
        key = sha.encode()
        i = int(np.searchsorted(self._shas, key))
        if i < len(self._shas) and self._shas[i] == key:
            return str(self._ids[i].decode())
        first = self._new.setdefault(sha, doc_id)
        if len(self._new) >= MERGE:
            self._join()
        return first

    def items(self) -> Iterator[tuple[str, str]]:
        for sha, doc_id in zip(self._shas, self._ids, strict=True):
            yield sha.decode(), doc_id.decode()
        yield from self._new.items()

    def __len__(self) -> int:
        return len(self._shas) + len(self._new)

    def _join(self) -> None:
        """The run's originals into the arrays (none of their hashes is there already)."""
        self._shas, self._ids = _by_hash(
            np.concatenate([self._shas, np.array([s.encode() for s in self._new])]),
            np.concatenate([self._ids, np.array([d.encode() for d in self._new.values()])]),
        )
        self._new = {}


def _by_hash(shas: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(shas, kind="stable")
    return shas[order], ids[order]
