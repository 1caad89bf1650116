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

Because the machine is shared, load-independent figures are computed too: the CPU seconds of
the whole process tree (forkserver and workers included: :func:`benchmarks.common.tree_cpu_run`),
the CPU per article after the first one (sampled from ``/proc``), and from them the speedup two
workers reach on two idle cores (the start-up runs alone, the articles' CPU is shared).

The curve on paper for 16 and 64 cores: ``cores`` workers at the pool's CPU per article, up to
the ceiling the main process's own serial cost per article sets (dedup, Parquet; it no longer
reads pages: the workers read their own byte ranges of the raw store).
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

from benchmarks.common import (
    PYTHON,
    ROOT,
    children,
    median,
    realistic_articles,
    save,
    tree_cpu_run,
    write_raw_store,
)

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


def run_once(dataset: Path, workers: int, python: str = PYTHON) -> dict[str, float]:
    """One ``kabar reextract`` run: wall clock, CPU of the whole process tree (exact, from the
    kernel's accounting), throughput after the first article, and CPU after the first article of
    the main process and of the tree (sampled from ``/proc`` every 0.1 s)."""
    cmd = [python, "-m", "kabar.crawler.cli", "reextract", "--out", str(dataset), "--workers", str(workers)]
    samples: list[tuple[float, float]] = []  # (seconds since start, CPU seconds of the main process)
    tree: dict[int, float] = {}  # CPU seconds of the main process and of every worker, last seen
    tree_samples: list[tuple[float, float]] = []  # (seconds since start, CPU seconds of all of them)
    t0 = time.perf_counter()

    def sample(proc: subprocess.Popen) -> None:
        while proc.poll() is None:
            cpu = _cpu_seconds(proc.pid)
            if cpu:
                samples.append((time.perf_counter() - t0, cpu))
            for pid in (proc.pid, *children(proc.pid)):
                tree[pid] = max(tree.get(pid, 0.0), _cpu_seconds(pid))
            tree_samples.append((time.perf_counter() - t0, sum(tree.values())))
            time.sleep(0.1)

    proc, out, err, wall, tree_cpu = tree_cpu_run(
        cmd,
        watch=sample,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"kabar reextract failed:\n{err[-3000:]}")
    m = _LINE.search(out)
    if not m:
        raise RuntimeError(f"unexpected reextract output: {out[-500:]}")
    articles, seconds, first = int(m[1]), float(m[2]), float(m[3])
    # CPU while articles flowed: from the first article (placed by counting back from the end)
    # to the last sample.
    steady_from = samples[-1][0] - (seconds - first) if samples else 0.0
    at_first = next((cpu for t, cpu in samples if t >= steady_from), samples[-1][1] if samples else 0.0)
    tree_at_first = next((c for t, c in tree_samples if t >= steady_from), 0.0)
    return {
        "articles": articles,
        "wall_s": wall,
        "tree_cpu_s": tree_cpu,
        "first_article_s": first,
        "steady_per_s": (articles - 1) / max(1e-9, seconds - first),
        "main_cpu_s": samples[-1][1] if samples else 0.0,
        "main_cpu_steady_s": (samples[-1][1] - at_first) if samples else 0.0,
        "all_cpu_steady_s": (tree_samples[-1][1] - tree_at_first) if tree_samples else 0.0,
    }


def _summary(runs: dict[int, list[dict[str, float]]], articles: int) -> dict[str, Any]:
    """Medians of one interpreter's runs (the baseline's), and its speedup on idle cores from
    CPU time (see ``main``)."""

    def med(key: str) -> dict[str, float]:
        return {str(w): median([r[key] for r in rs]) for w, rs in runs.items()}

    tree = med("tree_cpu_s")
    steady_cpu = med("all_cpu_steady_s")
    startup_2 = max(0.0, tree["2"] - steady_cpu["2"])
    return {
        "runs": {str(w): rs for w, rs in runs.items()},
        "median_articles_per_s_wall": {w: articles / s for w, s in med("wall_s").items()},
        "median_tree_cpu_s": tree,
        "median_first_article_s": med("first_article_s"),
        "startup_cpu_s_2_workers": startup_2,
        "speedup_2_vs_1_on_idle_cores_from_cpu_time": tree["1"] / (startup_2 + (tree["2"] - startup_2) / 2),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, nargs="?", help="rebuild a copy of this dataset instead")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument(
        "--baseline-python",
        metavar="PYTHON",
        help="also run --workers 1 and 2 with this interpreter (a venv with another checkout of "
        "kabar), interleaved with the others: before/after in one run",
    )
    args = parser.parse_args(argv)

    runs: dict[int, list[dict[str, float]]] = {w: [] for w in WORKERS}
    baseline: dict[int, list[dict[str, float]]] = {w: [] for w in WORKERS}
    work = Path(tempfile.mkdtemp(prefix="kabar-bench-reextract-"))
    try:
        copy = work / "dataset"
        if args.dataset:
            shutil.copytree(args.dataset, copy)
        else:
            write_raw_store(copy, realistic_articles(args.articles))
        raw_mb = sum(p.stat().st_size for p in (copy / "raw").glob("*.warc.gz")) / 1e6
        variants = [(w, PYTHON, runs) for w in WORKERS]
        if args.baseline_python:
            variants += [(w, args.baseline_python, baseline) for w in WORKERS]
        for run in range(args.repeats):
            for workers, python, into in variants if run % 2 == 0 else list(reversed(variants)):
                figures = run_once(copy, workers, python)
                into[workers].append(figures)
                print(
                    f"  run {run + 1} --workers {workers}{' (baseline)' if into is baseline else ''}: "
                    f"{figures['articles'] / figures['wall_s']:6.1f} articles/s wall clock, "
                    f"{figures['steady_per_s']:6.1f}/s after the first article, "
                    f"CPU of the tree {figures['tree_cpu_s']:.1f} s",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    articles = runs[1][0]["articles"]
    pairs = list(zip(runs[1], runs[2], strict=True))
    wall = {str(w): articles / median([r["wall_s"] for r in rs]) for w, rs in runs.items()}
    steady = {str(w): median([r["steady_per_s"] for r in rs]) for w, rs in runs.items()}
    tree_cpu = {str(w): median([r["tree_cpu_s"] for r in rs]) for w, rs in runs.items()}
    # Load-independent: CPU per article after the first one (models loaded), all processes.
    cpu_ms = {str(w): 1000 * median([r["all_cpu_steady_s"] for r in rs]) / articles for w, rs in runs.items()}
    main_ms = 1000 * median([r["main_cpu_steady_s"] for r in runs[2]]) / articles  # the serial part
    startup_cpu = {w: max(0.0, tree_cpu[w] - cpu_ms[w] * articles / 1000) for w in tree_cpu}
    # On two idle cores: one worker is busy from start to end (its CPU time is its wall time); with
    # two, the start-up (the forkserver loading the models once) runs alone, then the articles'
    # CPU is shared by the two cores.
    idle_1 = tree_cpu["1"]
    idle_2 = startup_cpu["2"] + (tree_cpu["2"] - startup_cpu["2"]) / 2
    startup_s = median([r["first_article_s"] for r in runs[1]])

    def projected(cores: int) -> dict[str, float]:
        """Articles/s once warm (``cores`` workers, each article costing ``cpu_ms['2']`` of CPU,
        the main process's ``main_ms`` the serial ceiling) and the wall clock of this job."""
        rate = min(cores * 1000 / cpu_ms["2"], 1000 / max(main_ms, 1e-6)) if cores > 1 else 1000 / cpu_ms["1"]
        return {"articles_per_s": rate, f"wall_s_{articles}_articles": startup_s + articles / rate}

    result = {
        "articles": articles,
        "raw_mb": round(raw_mb, 1),
        "page_kb": "80-200 (real-page sizes of ../shared/realhtml-dev)" if not args.dataset else "dataset",
        "repeats": args.repeats,
        "runs": {str(w): rs for w, rs in runs.items()},
        "median_articles_per_s_wall": wall,
        "speedup_2_vs_1_wall": median([one["wall_s"] / two["wall_s"] for one, two in pairs]),
        "median_articles_per_s_steady": steady,
        "speedup_2_vs_1_steady": steady["2"] / steady["1"],
        "median_tree_cpu_s": tree_cpu,
        "cpu_2_vs_1": tree_cpu["2"] / tree_cpu["1"],
        "cpu_ms_per_article_after_start": cpu_ms,
        "main_process_ms_per_article_with_pool": main_ms,
        "startup_cpu_s": startup_cpu,
        "speedup_2_vs_1_on_idle_cores_from_cpu_time": idle_1 / idle_2,
        "projected": {str(c): projected(c) for c in (1, 2, 16, 64)},
    }
    if args.baseline_python:
        result["baseline"] = _summary(baseline, articles)
        result["speedup_2_vs_1_wall_baseline"] = median(
            [one["wall_s"] / two["wall_s"] for one, two in zip(baseline[1], baseline[2], strict=True)]
        )
        result["wall_2_workers_vs_baseline"] = median(
            [old["wall_s"] / new["wall_s"] for old, new in zip(baseline[2], runs[2], strict=True)]
        )
    path = save("reextract", result)
    proj = result["projected"]
    print(
        f"kabar reextract of {articles} raw articles ({raw_mb:.0f} MB WARC): wall clock --workers 1 "
        f"{wall['1']:.1f}/s, --workers 2 {wall['2']:.1f}/s (x{result['speedup_2_vs_1_wall']:.2f}); "
        f"after the first article x{result['speedup_2_vs_1_steady']:.2f}; CPU of the process tree "
        f"{tree_cpu['1']:.1f} s vs {tree_cpu['2']:.1f} s (x{result['cpu_2_vs_1']:.2f}); CPU per article "
        f"{cpu_ms['1']:.1f} vs {cpu_ms['2']:.1f} ms (main process {main_ms:.2f} ms); on 2 idle cores "
        f"x{result['speedup_2_vs_1_on_idle_cores_from_cpu_time']:.2f}; projected 16 cores "
        f"{proj['16']['articles_per_s']:.0f}/s, 64 cores {proj['64']['articles_per_s']:.0f}/s  -> {path}"
    )
    if args.baseline_python:
        old = result["baseline"]
        old_wall, old_cpu = old["median_articles_per_s_wall"], old["median_tree_cpu_s"]
        print(
            f"baseline ({args.baseline_python}): wall clock --workers 1 {old_wall['1']:.1f}/s, "
            f"--workers 2 {old_wall['2']:.1f}/s (x{result['speedup_2_vs_1_wall_baseline']:.2f}); "
            f"CPU of the tree {old_cpu['1']:.1f} s vs {old_cpu['2']:.1f} s; "
            f"on 2 idle cores x{old['speedup_2_vs_1_on_idle_cores_from_cpu_time']:.2f}; "
            f"--workers 2 this checkout vs the baseline x{result['wall_2_workers_vs_baseline']:.2f}"
        )
    return result


if __name__ == "__main__":
    main()
