"""Benchmarks (`make bench`): measured here, never asserted by a timed test.

``rerun``: a nightly run over a folder whose files are all unchanged must cost well under
1 ms a file beyond the program's start-up: files are known by size and modification time,
without being read. The folder is N small generated files; the figure is the time of a run
over them all unchanged, less the time of a run over an empty folder (start-up, the
gazetteer, the database), divided by N.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipeline.runner import run

OUT = Path("output/bench")

AGENCIES = (
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Xây dựng",
    "Công an tỉnh",
    "Sở Tư pháp",
    "Văn phòng UBND tỉnh",
)
TASKS = (
    "rà soát kinh phí hoạt động",
    "kiểm tra an toàn thực phẩm",
    "hoàn thiện hồ sơ dự án",
    "tổng hợp báo cáo tình hình",
    "đôn đốc tiến độ giải ngân",
)


def small_document(k: int, rng: random.Random) -> str:
    """A short, distinct directive: what the re-run bench needs is many files."""
    lead, other = rng.sample(AGENCIES, 2)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    return (
        f"Thông báo số {k}/TB-VP\n"
        f"UBND tỉnh giao {lead} chủ trì, phối hợp với {other} {rng.choice(TASKS)}, "
        f"báo cáo UBND tỉnh trước ngày {day}/{month}/2026.\n"
    )


def rerun(files: int, out: Path) -> dict[str, float | int]:
    work = out / "rerun"
    shutil.rmtree(work, ignore_errors=True)
    folder, empty, db = work / "input", work / "empty", work / "rerun.duckdb"
    folder.mkdir(parents=True)
    empty.mkdir()
    rng = random.Random(7)
    for k in range(files):
        sub = folder / f"{k // 1000:03d}"  # folders of 1,000, as an archive is kept
        sub.mkdir(exist_ok=True)
        (sub / f"tb-{k:06d}.txt").write_text(small_document(k, rng), encoding="utf-8")
    started = time.perf_counter()
    first = run(folder, db)
    first_s = time.perf_counter() - started
    run(empty, db)  # warm: rules loaded, caches filled, as in the runs measured next
    timings = []
    for _ in range(3):
        t0 = time.perf_counter()
        base = run(empty, db)
        t1 = time.perf_counter()
        again = run(folder, db)
        t2 = time.perf_counter()
        assert again.files_unchanged == files and base.files_seen == 0
        timings.append((t1 - t0, t2 - t1))
    empty_s, unchanged_s = min(t[0] for t in timings), min(t[1] for t in timings)
    cli_empty = _cli_seconds(empty, db)
    cli_unchanged = _cli_seconds(folder, db)
    return {
        "files": files,
        "first_run_s": round(first_s, 2),
        "first_run_docs_per_s": round(first.files_new / first_s, 1),
        "empty_run_s": round(empty_s, 3),
        "unchanged_run_s": round(unchanged_s, 3),
        "ms_per_unchanged_file": round((unchanged_s - empty_s) / files * 1000, 4),
        "cli_empty_s": round(cli_empty, 2),
        "cli_unchanged_s": round(cli_unchanged, 2),
        "cli_ms_per_unchanged_file": round((cli_unchanged - cli_empty) / files * 1000, 4),
    }


def _cli_seconds(folder: Path, db: Path) -> float:
    """The command as cron runs it: a new interpreter, imports, rules, database."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "--db", str(db), "-q"],
        check=True,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nhiemvu benchmarks")
    parser.add_argument("--rerun-files", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    result = rerun(args.rerun_files, args.out)
    (args.out / "rerun.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"re-run over {result['files']} unchanged files: "
        f"{result['ms_per_unchanged_file']} ms/file beyond start-up in process "
        f"({result['unchanged_run_s']} s vs {result['empty_run_s']} s for an empty folder); "
        f"command line {result['cli_ms_per_unchanged_file']} ms/file "
        f"({result['cli_unchanged_s']} s vs {result['cli_empty_s']} s); "
        f"first run {result['first_run_s']} s ({result['first_run_docs_per_s']} docs/s)"
    )
    print(f"written to {args.out / 'rerun.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
