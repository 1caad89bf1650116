"""Benchmark 5: ``kabar reextract`` with 1 and 2 workers over a crawled dataset.

    python -m benchmarks.bench_reextract DATASET [--repeats 2]

Each run rebuilds ``DATASET``'s tables from its raw WARC store (in a copy, the original is left
alone); the figure is raw articles per second of wall-clock time of the command.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import PYTHON, ROOT, median, save

WORKERS = (1, 2)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)

    seconds: dict[int, list[float]] = {w: [] for w in WORKERS}
    articles = 0
    work = Path(tempfile.mkdtemp(prefix="kabar-bench-reextract-"))
    try:
        copy = work / "dataset"
        shutil.copytree(args.dataset, copy)
        for run in range(args.repeats):
            for workers in WORKERS if run % 2 == 0 else tuple(reversed(WORKERS)):
                cmd = [
                    PYTHON,
                    "-m",
                    "crawler.cli",
                    "reextract",
                    "--out",
                    str(copy),
                    "--workers",
                    str(workers),
                ]
                t0 = time.perf_counter()
                proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
                elapsed = time.perf_counter() - t0
                if proc.returncode != 0:
                    raise RuntimeError(f"kabar reextract failed:\n{proc.stderr[-3000:]}")
                m = re.search(r"re-extracted (\d+) raw article", proc.stdout)
                articles = int(m[1]) if m else articles
                seconds[workers].append(elapsed)
                print(
                    f"  run {run + 1} --workers {workers}: {articles / elapsed:6.1f} articles/s"
                    f" ({articles} in {elapsed:.1f} s)",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rate = {str(w): articles / median(s) for w, s in seconds.items()}
    result = {
        "raw_articles": articles,
        "repeats": args.repeats,
        "seconds": {str(w): s for w, s in seconds.items()},
        "median_articles_per_s": rate,
        "speedup_2_vs_1": rate["2"] / rate["1"],
    }
    path = save("reextract", result)
    print(
        f"kabar reextract of {articles} raw articles: --workers 1 {rate['1']:.1f}/s, --workers 2"
        f" {rate['2']:.1f}/s (x{result['speedup_2_vs_1']:.2f})  -> {path}"
    )
    return result


if __name__ == "__main__":
    main()
