"""Extraction spread over worker processes, in path order, surviving a worker's death.

A worker can die under a file (the kernel's OOM killer on a huge PDF, a crash in a C
reader). The run must neither hang nor lose the other files: the chunk in flight is tried
again one file at a time in a fresh pool, and the file that kills a worker again is
recorded as failed with that reason.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing as mp
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import __version__, agencies, nlp, store
from pipeline.extract import extract_document, failed_document
from pipeline.header import HeaderRules
from pipeline.models import DocumentResult
from pipeline.rules import load_rules

# A worker's share of the work goes in chunks: fewer round trips, still balanced.
CHUNK = 4
WORKER_DIED = "the worker process died while extracting this file (killed, or out of memory)"
_state: dict[str, Any] = {}
# fork: workers start with the parent's compiled rules and loaded models at no cost and
# share their pages; elsewhere each loads them once in its initializer.
_START_METHOD = "fork" if "fork" in mp.get_all_start_methods() else "spawn"


@dataclass(frozen=True)
class Outcome:
    """One file's extraction as a run uses it: what it counts and the rows it stores,
    made in the worker (a DocumentResult takes four times longer to unpickle than its
    rows, and the run's own process also writes the database)."""

    doc_id: str
    source_path: str
    content_sha256: str
    status: str
    error: str | None
    assignments: int
    refs: int
    chars: int  # of its text
    rows: dict[str, list[tuple[Any, ...]]]

    @classmethod
    def of(cls, result: DocumentResult, rules_hash: str) -> Outcome:
        doc = result.document
        return cls(
            doc_id=doc.doc_id,
            source_path=doc.source_path,
            content_sha256=doc.content_sha256,
            status=result.status,
            error=result.error,
            assignments=len(result.assignments),
            refs=len(result.refs),
            chars=len(doc.text),
            rows=store.result_rows(result, rules_hash, __version__, None),
        )


def worker_count(requested: int, files: int) -> int:
    """``requested`` processes (0: one per available core), no more than the work needs."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    count = available if requested <= 0 else requested
    return max(1, min(count, files // CHUNK))


def extracted(
    todo: Sequence[str], root: Path, rules_dir: Path, max_bytes: int, workers: int
) -> Iterator[Outcome]:
    """Each file's Outcome, in the order of ``todo`` (paths relative to ``root``)."""
    if not todo:
        return
    # Compiled whole here, before any worker forks (they share it) or any file is read: a
    # broken rule file stops the run instead of failing each document.
    rules_hash = load_rules(rules_dir).hash
    if workers <= 1:
        _init(root, rules_dir, max_bytes)
        for rel in todo:
            yield _work([root / rel])[0]
        return
    with _shared_with_workers():
        pool = _Pool(workers, root, rules_hash, (root, rules_dir, max_bytes))
        try:
            in_flight: deque[tuple[list[Path], Future[list[Outcome]]]] = deque()
            for i in range(0, len(todo), CHUNK):  # chunks made as they are sent
                chunk = [root / rel for rel in todo[i : i + CHUNK]]
                in_flight.append((chunk, pool.submit(chunk)))
                if len(in_flight) > 2 * workers:  # bounded: results are written as they come
                    yield from pool.results(*in_flight.popleft(), in_flight)
            while in_flight:
                yield from pool.results(*in_flight.popleft(), in_flight)
        finally:
            pool.close()


@contextmanager
def _shared_with_workers() -> Iterator[None]:
    """Forked workers share their parent's pages until either writes to them: the tagger's
    models are loaded before the fork (~85 MB once, not once a worker), and so is the
    dictionary's word list (~29 MB), and the objects of the moment are kept from the cyclic
    collector while the workers live (its passes write to every object they visit).  2,000
    bench files: 705 -> 551 MB in all processes."""
    if _START_METHOD != "fork":
        yield
        return
    nlp.load_models()
    agencies.load_dictionary()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Pool:
    def __init__(
        self, workers: int, root: Path, rules_hash: str, initargs: tuple[Any, ...]
    ) -> None:
        self.root, self.rules_hash = root, rules_hash
        parent = os.getpid()
        self._make = lambda: ProcessPoolExecutor(
            workers,
            mp_context=mp.get_context(_START_METHOD),
            initializer=_init_worker,
            initargs=(parent, *initargs),
        )
        self._executor = self._make()

    def submit(self, chunk: list[Path]) -> Future[list[Outcome]]:
        return self._executor.submit(_work, chunk)

    def results(
        self,
        chunk: list[Path],
        future: Future[list[Outcome]],
        in_flight: deque[tuple[list[Path], Future[list[Outcome]]]],
    ) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # The pool is lost with every chunk in it: a fresh one, this chunk file by file
        # (to find the file that kills), the others sent again.
        self._renew()
        found = [self._alone(path) for path in chunk]
        pending = [c for c, _ in in_flight]
        in_flight.clear()
        in_flight.extend((c, self.submit(c)) for c in pending)
        return found

    def _alone(self, path: Path) -> Outcome:
        try:
            return self.submit([path]).result()[0]
        except BrokenProcessPool:
            self._renew()
            return Outcome.of(failed_document(path, self.root, WORKER_DIED), self.rules_hash)

    def _renew(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._make()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(parent: int, root: Path, rules_dir: Path, max_bytes: int) -> None:
    _die_with(parent)
    _init(root, rules_dir, max_bytes)


def _die_with(parent: int) -> None:
    """A worker whose run is killed (SIGKILL, an OOM kill, a cron timeout) would wait on its
    queue for ever, holding its memory: on Linux the kernel ends it with its parent."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no C library to ask: live as before
            return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _init(root: Path, rules_dir: Path, max_bytes: int) -> None:
    _state.update(
        root=root,
        rules=load_rules(rules_dir),
        header_rules=HeaderRules.load(rules_dir),
        max_bytes=max_bytes,
    )


def _work(paths: list[Path]) -> list[Outcome]:
    s = _state
    rules = s["rules"]
    return [
        Outcome.of(
            extract_document(path, s["root"], rules, s["header_rules"], s["max_bytes"]),
            rules.hash,
        )
        for path in paths
    ]
