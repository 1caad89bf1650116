"""Benchmark 3: peak memory of a long ``kabar crawl`` (is it flat?).

    python -m benchmarks.bench_memory [--articles 20000] [--keep DIR]

Crawls a scaled Satu Arah copy of ``--articles`` generated articles (see
:func:`benchmarks.common.build_scaled_site`) with ``kabar crawl`` and the default extraction pool,
sampling every 0.5 s the memory of the crawl process and of its worker processes next to the
number of article pages served so far: the resident set (RSS) of each, and the proportional set
(PSS) of the whole tree, which counts the models the forkserver loaded once and the workers
share copy-on-write once (a sum of RSS would count them per process).  Reports both at 1k, 5k,
20k … articles and the peak.  Target: peak memory of the tree (PSS) < 600 MB and flat (dedup
state on disk in SQLite, Parquet buffers flushed every ``KABAR_FLUSH_ROWS`` rows, back-pressure
on the extraction pool).

``--keep DIR`` leaves the crawled dataset in DIR (the Parquet benchmark reads it).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_crawl import kabar_command
from benchmarks.common import ROOT, build_scaled_site, children, pss_mb, rss_mb, save

TARGET_MB = 600.0
CHECKPOINTS = (1000, 5000, 10000, 20000, 50000)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="leave the dataset here")
    parser.add_argument("--workers", type=int, help="KABAR_EXTRACT_WORKERS (default: the crawl's default)")
    parser.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="more settings for the crawl (repeatable)",
    )
    args = parser.parse_args(argv)

    from kabar.crawler.localserver import SiteServer

    work = Path(tempfile.mkdtemp(prefix="kabar-bench-memory-"))
    out = args.keep or work / "dataset"
    if args.keep and args.keep.exists():
        shutil.rmtree(args.keep)
    samples: list[dict[str, float]] = []
    try:
        t0 = time.perf_counter()
        host, urls = build_scaled_site(work / "site", args.articles)
        print(f"  built a {args.articles}-article copy in {time.perf_counter() - t0:.0f} s", flush=True)
        article_paths = {u.split(host, 1)[1] for u in urls}
        server = SiteServer(work / "site").start()
        seen = 0
        counted = 0

        def served() -> int:
            nonlocal seen, counted
            requests = server.requested()
            counted += sum(1 for r in requests[seen:] if r.status == 200 and r.path in article_paths)
            seen = len(requests)
            return counted

        cmd = kabar_command(server.base_urls[host], out, args.workers)
        cmd += [arg for pair in args.set for arg in ("-s", pair)]
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        stderr: list[str] = []
        reader = threading.Thread(target=lambda: stderr.extend(proc.stderr), daemon=True)
        reader.start()
        next_print = 1000
        while proc.poll() is None:
            kids = list(children(proc.pid))
            main_mb = rss_mb(proc.pid)
            workers_mb = max((rss_mb(k) for k in kids), default=0.0)
            total_mb = pss_mb(proc.pid) + sum(pss_mb(k) for k in kids)
            n = served()
            samples.append(
                {
                    "t": time.perf_counter() - started,
                    "articles": n,
                    "main_mb": main_mb,
                    "workers_mb": workers_mb,
                    "total_mb": total_mb,
                }
            )
            if n >= next_print:
                print(
                    f"  {n:6d} articles  main {main_mb:6.0f} MB  largest worker {workers_mb:6.0f} MB"
                    f"  tree (PSS) {total_mb:6.0f} MB",
                    flush=True,
                )
                next_print += 1000
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        reader.join(timeout=5)
        server.stop()
        if proc.returncode != 0:
            raise RuntimeError(f"kabar crawl failed ({proc.returncode}):\n{''.join(stderr)[-3000:]}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(work / "site", ignore_errors=True)

    def at(count: int) -> dict[str, float] | None:
        hits = [s for s in samples if s["articles"] >= count]
        return hits[0] if hits else None

    peak = max(samples, key=lambda s: s["total_mb"]) if samples else {}
    result: dict[str, Any] = {
        "articles": args.articles,
        "extract_workers": args.workers,
        "settings": args.set,
        "seconds": elapsed,
        "pages_per_s": args.articles / elapsed,
        "rss_at": {str(c): at(c) for c in CHECKPOINTS if c <= args.articles},
        "peak": peak,
        "peak_main_mb": max((s["main_mb"] for s in samples), default=0.0),
        "memory": "main_mb, workers_mb: RSS of the crawl process and of its largest child; "
        "total_mb: PSS of the whole process tree",
        "target": f"peak PSS of the process tree < {TARGET_MB:.0f} MB and flat",
        "samples": samples[:: max(1, len(samples) // 400)],
    }
    result["target_met"] = bool(peak) and peak["total_mb"] < TARGET_MB
    path = save("memory", result)
    print(
        f"memory of a {args.articles}-article crawl ({elapsed:.0f} s, {result['pages_per_s']:.1f} pages/s):"
    )
    for count, s in result["rss_at"].items():
        if s:
            print(
                f"  at {count:>6} articles: main {s['main_mb']:6.0f} MB, largest worker "
                f"{s['workers_mb']:6.0f} MB (RSS); tree {s['total_mb']:6.0f} MB (PSS)"
            )
    print(
        f"  peak {peak.get('total_mb', 0):.0f} MB (target < {TARGET_MB:.0f}:"
        f" {'met' if result['target_met'] else 'MISSED'})  -> {path}"
    )
    result["dataset"] = str(out) if args.keep else None
    return result


if __name__ == "__main__":
    main()
