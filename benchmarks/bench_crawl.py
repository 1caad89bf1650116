"""Benchmark 2: pages/s of ``kabar crawl`` over a scaled local site, against plain Scrapy spiders.

    python -m benchmarks.bench_crawl [--articles 2000] [--repeats 3]

A copy of Satu Arah with ``--articles`` generated articles (same markup, sitemaps, category
listings, feed, robots.txt; :func:`benchmarks.common.build_scaled_site`) is served on 127.0.0.1
by ``crawler/localserver.py``.  Each variant runs as its own process, ``--repeats`` times,
interleaved; the figure is article pages per second of wall-clock time (process start to exit,
so start-up and the final Parquet flush count against kabar):

* ``scrapy_noop``: a Scrapy spider over the article URLs whose callback does nothing (ceiling);
* ``scrapy_trafilatura``: the same, callback runs trafilatura ``extract(fast=True)`` (baseline);
* ``kabar_inprocess``: ``kabar crawl`` (discovery, robots, WARC raw store, extraction with event
  facts, validation, dedup, Parquet) with ``KABAR_EXTRACT_WORKERS=0``;
* ``kabar_pool``: the same with the default pool (cores - 1 extraction processes).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.common import PYTHON, ROOT, build_scaled_site, children, median, save

TARGET_RATIO = 1.0  # full kabar pipeline >= 1.0 x the trafilatura-only spider
LOCAL = [
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "AUTOTHROTTLE_ENABLED=0",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "-s",
    "CONCURRENT_REQUESTS=8",
]


def kabar_command(base_url: str, out: Path, workers: int | None, python: str = PYTHON) -> list[str]:
    cmd = [
        python,
        "-m",
        "kabar.crawler.cli",
        "crawl",
        "satuarah",
        "--base-url",
        base_url,
        "--out",
        str(out),
        *LOCAL,
    ]
    if workers is not None:
        cmd += ["-s", f"KABAR_EXTRACT_WORKERS={workers}"]
    return cmd


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_timed(cmd: list[str], timeout: float = 3600) -> tuple[float, dict[str, float], str]:
    """Wall seconds, CPU seconds (``main`` process, ``workers`` = its descendants) and stdout.

    CPU time does not depend on how busy the machine is: ``max(main, workers)`` per page is what
    the pool's throughput tends to when a core is free for each process.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL
    )
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=lambda s=s, b=b: b.extend(s), daemon=True)
        for s, b in ((proc.stdout, out), (proc.stderr, err))
    ]
    for reader in readers:
        reader.start()
    cpu_main, cpu_kids = 0.0, {}
    while proc.poll() is None:
        cpu_main = max(cpu_main, cpu_seconds(proc.pid))
        for kid in children(proc.pid):
            cpu_kids[kid] = max(cpu_kids.get(kid, 0.0), cpu_seconds(kid))
        if time.perf_counter() - t0 > timeout:
            proc.kill()
        time.sleep(0.25)
    elapsed = time.perf_counter() - t0
    for reader in readers:
        reader.join(timeout=5)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:6])} … failed ({proc.returncode}):\n{''.join(err)[-3000:]}")
    return elapsed, {"main": cpu_main, "workers": sum(cpu_kids.values())}, "".join(out)


def stored_articles(out: Path) -> int:
    from kabar.pipelines.dataset import connect

    con = connect(out)
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        con.close()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--baseline-python",
        metavar="PYTHON",
        help="also run kabar_pool with this interpreter (a venv with another checkout of kabar), "
        "interleaved with the others: before/after in one run",
    )
    parser.add_argument("--only", nargs="+", metavar="VARIANT", help="run only these variants")
    args = parser.parse_args(argv)

    from kabar.crawler.localserver import SiteServer

    work = Path(tempfile.mkdtemp(prefix="kabar-bench-crawl-"))
    try:
        host, urls = build_scaled_site(work / "site", args.articles)
        server = SiteServer(work / "site").start()
        base = server.base_urls[host]
        url_file = work / "urls.txt"
        url_file.write_text("\n".join(base + u.split(host, 1)[1] for u in urls) + "\n", "utf-8")
        variants = {
            "scrapy_noop": lambda run: [PYTHON, "-m", "benchmarks.baseline_spider", "noop", str(url_file)],
            "scrapy_trafilatura": lambda run: [
                PYTHON,
                "-m",
                "benchmarks.baseline_spider",
                "trafilatura",
                str(url_file),
            ],
            "kabar_inprocess": lambda run: kabar_command(base, work / f"out-w0-{run}", 0),
            "kabar_pool": lambda run: kabar_command(base, work / f"out-pool-{run}", None),
        }
        if args.baseline_python:
            variants["kabar_pool_baseline"] = lambda run: kabar_command(
                base, work / f"out-baseline-{run}", None, args.baseline_python
            )
        if args.only:
            variants = {name: make for name, make in variants.items() if name in args.only}
        seconds: dict[str, list[float]] = {name: [] for name in variants}
        counted: dict[str, list[int]] = {name: [] for name in variants}
        cpus: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        for run in range(args.repeats):
            order = list(variants) if run % 2 == 0 else list(reversed(variants))
            for name in order:
                before = len(server.requested())
                elapsed, cpu, stdout = run_timed(variants[name](run))
                cpus[name].append(cpu)
                article_paths = {u.split(host, 1)[1] for u in urls}
                served = [
                    r for r in server.requested()[before:] if r.status == 200 and r.path in article_paths
                ]
                seconds[name].append(elapsed)
                counted[name].append(len(served))
                if name.startswith("kabar"):
                    tag = {"kabar_inprocess": "w0", "kabar_pool": "pool", "kabar_pool_baseline": "baseline"}[
                        name
                    ]
                    out = work / f"out-{tag}-{run}"
                    stored = stored_articles(out)
                    if stored != args.articles:
                        raise RuntimeError(f"{name} stored {stored} of {args.articles} articles")
                    shutil.rmtree(out)
                m = re.search(r"pages=(\d+)", stdout)
                if m and int(m[1]) != args.articles:
                    raise RuntimeError(f"{name} handled {m[1]} of {args.articles} pages")
                print(
                    f"  run {run + 1}/{args.repeats} {name:20} {len(served) / elapsed:7.1f} article pages/s"
                    f" ({len(served)} in {elapsed:.1f} s; CPU main {cpu['main']:.0f} s,"
                    f" workers {cpu['workers']:.0f} s)",
                    flush=True,
                )
        server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rate = {name: args.articles / median(s) for name, s in seconds.items()}

    def ratio(a: str, b: str) -> float | None:
        """Median of the run-by-run wall-clock ratios (runs of a pair ran back to back)."""
        if a not in seconds or b not in seconds:
            return None
        return median([sb / sa for sa, sb in zip(seconds[a], seconds[b], strict=True)])

    result: dict[str, Any] = {
        "articles": args.articles,
        "repeats": args.repeats,
        "seconds": seconds,
        "article_pages_fetched": counted,
        "median_pages_per_s": rate,
        "kabar_pool_vs_trafilatura_spider": ratio("kabar_pool", "scrapy_trafilatura"),
        "kabar_inprocess_vs_trafilatura_spider": ratio("kabar_inprocess", "scrapy_trafilatura"),
        "pool_gain": ratio("kabar_pool", "kabar_inprocess"),
        "kabar_pool_vs_noop_ceiling": ratio("kabar_pool", "scrapy_noop"),
        "kabar_pool_vs_baseline": ratio("kabar_pool", "kabar_pool_baseline"),
        "baseline_vs_trafilatura_spider": ratio("kabar_pool_baseline", "scrapy_trafilatura"),
        "target": f"kabar_pool >= {TARGET_RATIO} x scrapy_trafilatura",
        "cpu_seconds": cpus,
    }
    # Load-independent view: CPU ms per article, and the rate each variant reaches when each of
    # its processes has a core of its own (the busiest process bounds it).
    cpu_ms = {
        name: {k: 1000 * median([c[k] for c in runs]) / args.articles for k in ("main", "workers")}
        for name, runs in cpus.items()
    }
    result["cpu_ms_per_article"] = cpu_ms
    result["cpu_bound_pages_per_s"] = {
        name: 1000 / max(ms["main"], ms["workers"]) for name, ms in cpu_ms.items()
    }
    bound = result["cpu_bound_pages_per_s"]
    for name in ("kabar_pool", "kabar_pool_baseline"):
        if name in bound and "scrapy_trafilatura" in bound:
            result[f"cpu_bound_{name}_vs_trafilatura_spider"] = bound[name] / bound["scrapy_trafilatura"]
    result["target_met"] = (result["kabar_pool_vs_trafilatura_spider"] or 0) >= TARGET_RATIO
    path = save("crawl", result)
    print(f"crawl of {args.articles} articles (median of {args.repeats}, wall clock per process):")
    for name in variants:
        ms = cpu_ms[name]
        print(
            f"  {name:20} {rate[name]:7.1f} article pages/s   CPU/article: main {ms['main']:5.1f} ms,"
            f" workers {ms['workers']:5.1f} ms -> {bound[name]:6.1f} pages/s with a core per process"
        )
    ratios = {k: v for k, v in result.items() if k.endswith(("_spider", "_baseline", "_gain")) and v}
    print("  " + "; ".join(f"{k} {v:.2f}" for k, v in ratios.items()) + f"  -> {path}")
    return result


if __name__ == "__main__":
    main()
