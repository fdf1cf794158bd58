"""Benchmarks (`make bench`): measured here, never asserted by a timed test.

``throughput``: N distinct realistic documents made by varying the shared corpus (numbers,
dates, agencies), extracted end to end by the command into a fresh database with every core;
docs/s, MB/s, peak memory (the proportional set size of the command and its workers, summed),
the CPU time a document costs the command and its workers, and time per stage on one core.
Beside it, a floor (read + NFC + one regex scan) and a naive peer (underthesea's word
segmentation of every document, nothing else), as ratios.

``rerun``: a nightly run over a folder whose files are all unchanged must cost well under
1 ms a file beyond the program's start-up: files are known by size and modification time,
without being read. The folder is N small generated files; the figure is the time of a run
over them all unchanged, less the time of a run over an empty folder (start-up, the
gazetteer, the database), divided by N.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

import regex

from pipeline.runner import run

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

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


# --- throughput -----------------------------------------------------------------------

# Agencies swapped for one another, and provinces: a varied copy names other bodies.
_SWAPS = (
    ("Sở Tài chính", "Sở Kế hoạch và Đầu tư"),
    ("Sở Y tế", "Sở Giáo dục và Đào tạo"),
    ("Sở Nội vụ", "Sở Tư pháp"),
    ("Bộ Tài chính", "Bộ Công Thương"),
    ("Quảng Nam", "Quảng Ngãi"),
    ("Hà Nội", "Hải Phòng"),
)
_NUMBER_RE = regex.compile(r"(?<![\d/])(\d{2,4})(?=/(?:19|20)\d\d/|/[A-ZĐ])")
_DATE_RE = regex.compile(r"\b([0-3]?\d)/([01]?\d)/((?:19|20)\d\d)\b")


def sources() -> list[str]:
    """The shared corpus's texts (dev and extra); the project's own examples without it."""
    paths = sorted(SHARED.glob("*/*.txt")) or sorted(Path("corpus").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def varied(text: str, k: int) -> str:
    """Copy ``k`` of a text: other document numbers, dates a few days off, other agencies."""
    text = _NUMBER_RE.sub(lambda m: str((int(m.group(1)) + 37 * k) % 9000 + 10), text)
    shift = k % 5
    text = _DATE_RE.sub(
        lambda m: (
            f"{min(28, int(m.group(1)) + shift) if int(m.group(1)) < 28 else m.group(1)}"
            f"/{m.group(2)}/{m.group(3)}"
        ),
        text,
    )
    for a, b in _SWAPS[: k % (len(_SWAPS) + 1)]:
        text = text.replace(a, "\0").replace(b, a).replace("\0", b)
    return text + f"\n(Bản {k})\n"


def generate(n: int, folder: Path) -> tuple[int, int]:
    """Write the documents; their total size in bytes and in characters."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    texts = sources()
    size = chars = 0
    for k in range(n):
        text = varied(texts[k % len(texts)], k // len(texts) + 1)
        data = text.encode()
        (folder / f"vb-{k:06d}.txt").write_bytes(data)
        size, chars = size + len(data), chars + len(text)
    return size, chars


def _tree_pss(pid: int) -> int:
    """Proportional set size of a process and its children (shared pages counted once)."""
    import psutil

    try:
        root = psutil.Process(pid)
        total = 0
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += proc.memory_full_info().pss
        return total
    except psutil.NoSuchProcess:
        return 0


def end_to_end(folder: Path, db: Path, workers: int) -> dict[str, Any]:
    """The command as a user runs it, with its peak memory sampled every 0.2 s and the CPU
    time of it and its workers (which it waits for, so they count as its children's)."""
    db.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "pipeline", "extract", str(folder), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--workers", str(workers)], stdout=subprocess.PIPE, text=True
    )
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_pss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"extract failed ({process.returncode})")
    run_s = float(out.strip().rsplit(";", 1)[1].strip().rstrip(" s"))
    return {
        "wall_s": round(wall, 2),
        "run_s": run_s,
        "cpu_s": round(cpu, 2),
        "peak_pss_mb": round(peak / 2**20, 1),
    }


def _extraction() -> tuple[Any, Any, Any]:
    """The compiled rules, the header rules and the normaliser, as a run's worker has them."""
    from pipeline.header import HeaderRules
    from pipeline.normalize import load_normalizer
    from pipeline.rules import load_rules

    return load_rules(), HeaderRules.load(), load_normalizer()


def stages(folder: Path, limit: int) -> dict[str, float]:
    """Milliseconds per document of each stage, on one core, over the first ``limit`` files."""
    from pipeline import store
    from pipeline.extract import analyse
    from pipeline.ingest import read

    rules, header_rules, norm = _extraction()
    paths = sorted(folder.glob("*.txt"))[:limit]
    spent = dict.fromkeys(("ingest", "normalise", "extract", "store"), 0.0)
    scratch = folder.parent / "stages.duckdb"
    scratch.unlink(missing_ok=True)
    con = store.connect(scratch)
    try:
        batch = []
        for k, path in enumerate(paths):
            t0 = time.perf_counter()
            raw = read(path)
            t1 = time.perf_counter()
            text = norm(raw.text)
            t2 = time.perf_counter()
            result = analyse(text, rules, header_rules)
            t3 = time.perf_counter()
            doc = result.document.model_copy(
                update={"doc_id": f"d{k}", "source_path": path.name, "text": text}
            )
            batch.append(
                store.result_rows(result.model_copy(update={"document": doc}), "", "", None)
            )
            if len(batch) == 64 or k == len(paths) - 1:
                store.replace_documents(con, batch, ())  # a fresh database, as a first run
                batch = []
            t4 = time.perf_counter()
            for stage, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                spent[stage] += seconds
    finally:
        con.close()
    return {stage: round(seconds / len(paths) * 1000, 2) for stage, seconds in spent.items()}


def sources_once() -> dict[str, float]:
    """Milliseconds a document of the analysis of the bench's source texts as they are, each
    read once, in a process that has analysed nothing before. The bench's copies of a text
    share its sentences, and what the analysis keeps for recurring clauses (their tagging,
    their reading) serves the later copies: a stream of texts that are all new costs more."""
    from pipeline.extract import analyse
    from pipeline.nlp import load_models

    rules, header_rules, norm = _extraction()
    load_models()
    analyse(small_document(0, random.Random(0)), rules, header_rules)  # lazy loads, untimed
    texts = [norm(text) for text in sources()]
    started = time.perf_counter()
    for text in texts:
        analyse(text, rules, header_rules)
    spent = time.perf_counter() - started
    return {"documents": len(texts), "extract_ms_per_doc": round(spent / len(texts) * 1000, 2)}


def floor(folder: Path) -> float:
    """Docs/s of the least any extractor does: read, NFC, one regex scan."""
    word = regex.compile(r"\w+")
    paths = sorted(folder.glob("*.txt"))
    started = time.perf_counter()
    for path in paths:
        word.findall(unicodedata.normalize("NFC", path.read_bytes().decode("utf-8")))
    return len(paths) / (time.perf_counter() - started)


def naive_peer(folder: Path, limit: int) -> float:
    """Docs/s of underthesea's word segmentation alone, on one core."""
    from underthesea import word_tokenize

    paths = sorted(folder.glob("*.txt"))[:limit]
    word_tokenize("khởi động")  # its model loads once, outside the timing
    started = time.perf_counter()
    for path in paths:
        word_tokenize(path.read_text(encoding="utf-8"))
    return len(paths) / (time.perf_counter() - started)


def throughput(n: int, out: Path, workers: int) -> dict[str, Any]:
    folder = out / "docs"
    size, chars = generate(n, folder)
    e2e = end_to_end(folder, out / "bench.duckdb", workers)
    once = sources_once()  # first: nothing analysed in this process yet
    per_stage = stages(folder, min(n, 300))
    floor_rate = floor(folder)
    peer_rate = naive_peer(folder, min(n, 100))
    rate = n / e2e["wall_s"]
    return {
        "documents": n,
        "megabytes": round(size / 2**20, 2),
        "mean_chars": round(chars / n),
        "workers": workers,
        **e2e,
        "docs_per_s": round(rate, 1),
        "docs_per_s_run": round(n / e2e["run_s"], 1),
        "mb_per_s": round(size / 2**20 / e2e["wall_s"], 2),
        # All the CPU a document costs, start-up included: what the cores must supply (at
        # 250 docs/s, 2 cores leave 8 ms).
        "cpu_ms_per_doc": round(e2e["cpu_s"] / n * 1000, 2),
        "stage_ms_per_doc_one_core": per_stage,
        "source_texts_once_one_core": once,
        "floor_docs_per_s": round(floor_rate, 1),
        "naive_peer_docs_per_s_one_core": round(peer_rate, 1),
        "ratio_to_floor": round(rate / floor_rate, 4),
        "ratio_to_naive_peer": round(rate / peer_rate, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nhiemvu benchmarks")
    parser.add_argument("-n", type=int, default=2000, help="documents for the throughput bench")
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--rerun-files", type=int, default=10_000)
    parser.add_argument("--only", choices=("throughput", "rerun"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only != "rerun":
        speed = throughput(args.n, args.out, args.workers)
        (args.out / "throughput.json").write_text(json.dumps(speed, indent=2) + "\n")
        print(
            f"{speed['documents']} documents ({speed['megabytes']} MB, mean "
            f"{speed['mean_chars']} chars): {speed['docs_per_s']} docs/s end to end "
            f"({speed['wall_s']} s wall, {speed['docs_per_s_run']} docs/s after start-up), "
            f"{speed['mb_per_s']} MB/s, peak {speed['peak_pss_mb']} MB, CPU "
            f"{speed['cpu_ms_per_doc']} ms a doc in all; one core per doc: "
            f"{speed['stage_ms_per_doc_one_core']} ms; the "
            f"{speed['source_texts_once_one_core']['documents']} source texts, each once: "
            f"extract {speed['source_texts_once_one_core']['extract_ms_per_doc']} ms a doc; "
            f"floor {speed['floor_docs_per_s']} docs/s "
            f"(ratio {speed['ratio_to_floor']}), underthesea word segmentation "
            f"{speed['naive_peer_docs_per_s_one_core']} docs/s on one core "
            f"(ratio {speed['ratio_to_naive_peer']})"
        )
    if args.only == "throughput":
        return 0
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
    print(f"written to {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
