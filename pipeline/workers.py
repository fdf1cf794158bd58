"""Extraction spread over worker processes, in path order, surviving a worker's death.

A worker can die under a file (the kernel's OOM killer on a huge PDF, a crash in a C
reader). The run must neither hang nor lose the other files: the chunk in flight is tried
again one file at a time in a fresh pool, and the file that kills a worker again is
recorded as failed with that reason.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from pipeline.extract import extract_document, failed_document
from pipeline.header import HeaderRules
from pipeline.rules import load_rules

# A worker's share of the work goes in chunks: fewer round trips, still balanced.
CHUNK = 4
WORKER_DIED = "the worker process died while extracting this file (killed, or out of memory)"
_state: dict[str, Any] = {}


def worker_count(requested: int, files: int) -> int:
    """``requested`` processes (0: one per available core), no more than the work needs."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    count = available if requested <= 0 else requested
    return max(1, min(count, files // CHUNK))


def extracted(
    todo: list[Path], root: Path, rules_dir: Path, max_bytes: int, workers: int
) -> Iterator[Any]:
    """Each file's DocumentResult, in the order of ``todo``."""
    if workers <= 1:
        _init(root, rules_dir, max_bytes)
        for path in todo:
            yield _work([path])[0]
        return
    pool = _Pool(workers, root, (root, rules_dir, max_bytes))
    try:
        chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
        in_flight: deque[tuple[list[Path], Future[list[Any]]]] = deque()
        for chunk in chunks:
            in_flight.append((chunk, pool.submit(chunk)))
            if len(in_flight) > 2 * workers:  # bounded: results are written as they come
                yield from pool.results(*in_flight.popleft(), in_flight)
        while in_flight:
            yield from pool.results(*in_flight.popleft(), in_flight)
    finally:
        pool.close()


class _Pool:
    def __init__(self, workers: int, root: Path, initargs: tuple[Any, ...]) -> None:
        self.root = root
        # fork: workers start with the parent's compiled rules and loaded models at no
        # cost; elsewhere each loads them once in its initializer.
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self._make = lambda: ProcessPoolExecutor(
            workers, mp_context=mp.get_context(method), initializer=_init, initargs=initargs
        )
        self._executor = self._make()

    def submit(self, chunk: list[Path]) -> Future[list[Any]]:
        return self._executor.submit(_work, chunk)

    def results(
        self,
        chunk: list[Path],
        future: Future[list[Any]],
        in_flight: deque[tuple[list[Path], Future[list[Any]]]],
    ) -> list[Any]:
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

    def _alone(self, path: Path) -> Any:
        try:
            return self.submit([path]).result()[0]
        except BrokenProcessPool:
            self._renew()
            return failed_document(path, self.root, WORKER_DIED)

    def _renew(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._make()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _init(root: Path, rules_dir: Path, max_bytes: int) -> None:
    _state.update(
        root=root,
        rules=load_rules(rules_dir),
        header_rules=HeaderRules.load(rules_dir),
        max_bytes=max_bytes,
    )


def _work(paths: list[Path]) -> list[Any]:
    s = _state
    return [
        extract_document(path, s["root"], s["rules"], s["header_rules"], s["max_bytes"])
        for path in paths
    ]
