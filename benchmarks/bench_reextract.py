"""Benchmark 5: ``kabar reextract --workers 1`` vs ``--workers 2`` on pages of realistic size.

    python -m benchmarks.bench_reextract [--articles 1000] [--repeats 2] [DATASET]

Without DATASET, a raw store of ``--articles`` generated articles padded to the real-page sizes
of ``../shared/realhtml-dev`` (80-200 KB: navigation, link lists and inline script data around
the article, as real pages are) is written first (:func:`benchmarks.common.realistic_articles`);
with DATASET, a copy of that dataset is rebuilt.  Each run is the ``kabar reextract`` command;
two figures per run:

* **wall clock** of the command (start-up included: imports, loading the models in each worker);
* **throughput** after the first article (the models are loaded and the pool warm), which is what
  a long re-extraction runs at.

Because the machine is shared, the load-independent figure is computed too: the CPU seconds per
article of all processes (main and workers, sampled from ``/proc``) with one and with two
workers; on two idle cores, two workers reach at most ``2 x cpu(1) / cpu(2)`` times one.

From the one-worker run, the per-article cost gives the curve on paper for 16 and 64 cores
(``cores - 1`` workers, the main process reading, deduplicating and writing): linear until the
main process's own per-article cost becomes the limit (its CPU time while articles flow, with two
workers, sampled from ``/proc``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.common import PYTHON, ROOT, children, median, realistic_articles, save, write_raw_store

WORKERS = (1, 2)
_LINE = re.compile(r"re-extracted (\d+) raw article.*?; ([\d.]+) s, the first article after ([\d.]+) s")


def _cpu_seconds(pid: int) -> float:
    """utime + stime of one process (``/proc/PID/stat``), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    import os

    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_once(dataset: Path, workers: int) -> dict[str, float]:
    """One ``kabar reextract`` run: wall clock, throughput after the first article, main CPU."""
    cmd = [PYTHON, "-m", "kabar.crawler.cli", "reextract", "--out", str(dataset), "--workers", str(workers)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL
    )
    samples: list[tuple[float, float]] = []  # (seconds since start, CPU seconds of the main process)
    tree: dict[int, float] = {}  # CPU seconds of the main process and of every worker, last seen
    tree_samples: list[tuple[float, float]] = []  # (seconds since start, CPU seconds of all of them)

    def sample() -> None:
        while proc.poll() is None:
            cpu = _cpu_seconds(proc.pid)
            if cpu:
                samples.append((time.perf_counter() - t0, cpu))
            for pid in (proc.pid, *children(proc.pid)):
                tree[pid] = max(tree.get(pid, 0.0), _cpu_seconds(pid))
            tree_samples.append((time.perf_counter() - t0, sum(tree.values())))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"kabar reextract failed:\n{err[-3000:]}")
    m = _LINE.search(out)
    if not m:
        raise RuntimeError(f"unexpected reextract output: {out[-500:]}")
    articles, seconds, first = int(m[1]), float(m[2]), float(m[3])
    # The main process's CPU while articles flowed: from the first article (placed by counting
    # back from the end) to the last sample.
    steady_from = samples[-1][0] - (seconds - first) if samples else 0.0
    at_first = next((cpu for t, cpu in samples if t >= steady_from), samples[-1][1] if samples else 0.0)
    return {
        "articles": articles,
        "wall_s": wall,
        "steady_per_s": (articles - 1) / max(1e-9, seconds - first),
        "main_cpu_s": samples[-1][1] if samples else 0.0,
        "main_cpu_steady_s": (samples[-1][1] - at_first) if samples else 0.0,
        "all_cpu_s": sum(tree.values()),
        "all_cpu_steady_s": (tree_samples[-1][1] - next(c for t, c in tree_samples if t >= steady_from))
        if tree_samples
        else 0.0,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, nargs="?", help="rebuild a copy of this dataset instead")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)

    runs: dict[int, list[dict[str, float]]] = {w: [] for w in WORKERS}
    work = Path(tempfile.mkdtemp(prefix="kabar-bench-reextract-"))
    try:
        copy = work / "dataset"
        if args.dataset:
            shutil.copytree(args.dataset, copy)
        else:
            write_raw_store(copy, realistic_articles(args.articles))
        raw_mb = sum(p.stat().st_size for p in (copy / "raw").glob("*.warc.gz")) / 1e6
        for run in range(args.repeats):
            for workers in WORKERS if run % 2 == 0 else tuple(reversed(WORKERS)):
                figures = run_once(copy, workers)
                runs[workers].append(figures)
                print(
                    f"  run {run + 1} --workers {workers}: {figures['articles'] / figures['wall_s']:6.1f} "
                    f"articles/s wall clock, {figures['steady_per_s']:6.1f}/s after the first article",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    articles = runs[1][0]["articles"]
    wall = {str(w): articles / median([r["wall_s"] for r in rs]) for w, rs in runs.items()}
    steady = {str(w): median([r["steady_per_s"] for r in rs]) for w, rs in runs.items()}
    worker_ms = 1000 / steady["1"]  # one process does everything: the per-article CPU cost
    main_ms = 1000 * median([r["main_cpu_steady_s"] for r in runs[2]]) / articles
    # Independent of the load: CPU seconds per article (main + workers, after the first article,
    # so the models' loading is left out as in the throughput figure); on two
    # idle cores two workers can go at most 2 x (CPU per article, 1 process) / (CPU per article, pool).
    cpu_per_article = {
        str(w): median([r["all_cpu_steady_s"] for r in rs]) / articles for w, rs in runs.items()
    }
    cpu_bound_speedup = 2 * cpu_per_article["1"] / cpu_per_article["2"]
    projection = {str(cores): min((cores - 1) * 1000 / worker_ms, 1000 / main_ms) for cores in (2, 4, 16, 64)}
    result = {
        "articles": articles,
        "raw_mb": round(raw_mb, 1),
        "page_kb": "80-200 (real-page sizes of ../shared/realhtml-dev)" if not args.dataset else "dataset",
        "repeats": args.repeats,
        "runs": {str(w): rs for w, rs in runs.items()},
        "median_articles_per_s_wall": wall,
        "median_articles_per_s_steady": steady,
        "speedup_2_vs_1_wall": wall["2"] / wall["1"],
        "speedup_2_vs_1_steady": steady["2"] / steady["1"],
        "per_article_ms_one_process": worker_ms,
        "cpu_ms_per_article_all_processes": {w: 1000 * c for w, c in cpu_per_article.items()},
        "speedup_2_vs_1_on_idle_cores_from_cpu_time": cpu_bound_speedup,
        "main_process_ms_per_article_with_pool": main_ms,
        "projected_articles_per_s": projection,
    }
    path = save("reextract", result)
    print(
        f"kabar reextract of {articles} raw articles ({raw_mb:.0f} MB WARC): wall clock --workers 1 "
        f"{wall['1']:.1f}/s, --workers 2 {wall['2']:.1f}/s (x{result['speedup_2_vs_1_wall']:.2f}); after "
        f"the first article {steady['1']:.1f}/s vs {steady['2']:.1f}/s "
        f"(x{result['speedup_2_vs_1_steady']:.2f}); "
        f"CPU time bound on 2 idle cores x{cpu_bound_speedup:.2f}; "
        f"projected 16 cores {projection['16']:.0f}/s, 64 cores {projection['64']:.0f}/s  -> {path}"
    )
    return result


if __name__ == "__main__":
    main()
