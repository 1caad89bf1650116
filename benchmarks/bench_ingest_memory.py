"""Benchmark 7: peak memory of ``kabar ingest`` over one large WARC file (is it flat per worker?).

    python -m benchmarks.bench_ingest_memory [--gb 1.0] [--kept 2000] [--workers 2]

Writes one gzip WARC of about ``--gb`` GB in the CC-NEWS shape: ``--kept`` pages of registered
outlets padded to the real-page sizes of ``../shared/realhtml-dev`` (80-200 KB, each different),
spread evenly among records of other hosts (a few dozen distinct pages of the same sizes, their
gzip members repeated: they are read, inflated and filtered out like any other host's pages, and
repeating them keeps writing a gigabyte to seconds).  Then ``kabar ingest FILE --workers N``
runs as its own process while the memory of the process tree is sampled every 0.5 s: RSS of the
main process and of its largest child (the worker that reads the file), PSS of the whole tree.
Target: every process under 600 MB, flat over the file.
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

from benchmarks.common import PYTHON, ROOT, children, pss_mb, realistic_articles, rss_mb, save

TARGET_MB = 600.0


def write_big_warc(path: Path, gb: float, kept: int) -> tuple[int, int]:
    """(records, bytes) of a CC-NEWS-like gzip WARC of about ``gb`` GB with ``kept`` outlet pages."""
    from kabar.pipelines.raw import _response_member

    def member(item: dict[str, Any], url: str) -> bytes:
        page = item["pages"][0]
        fields = {
            "WARC-Date": "2024-01-10T03:00:00Z",
            "WARC-Target-URI": url,
            "Content-Type": "application/http; msgtype=response",
        }
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        return _response_member(fields, head, page["body"])

    articles = realistic_articles(kept)
    foreign = [
        member(item, f"https://www.news{i}.example.com/{i}/story.html")
        for i, item in enumerate(articles[:40])
    ]
    target = int(gb * 1e9)
    kept_bytes = [member(item, item["url"]) for item in articles]
    every = max(1, int((target - sum(map(len, kept_bytes))) / (sum(map(len, foreign)) / len(foreign)) / kept))
    records = written = 0
    with open(path, "wb") as out:
        for i, own in enumerate(kept_bytes):
            for j in range(every):
                chunk = foreign[(i * every + j) % len(foreign)]
                out.write(chunk)
                written += len(chunk)
            out.write(own)
            written += len(own)
            records += every + 1
    return records, written


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=1.0)
    parser.add_argument("--kept", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="kabar-bench-ingest-memory-"))
    samples: list[dict[str, float]] = []
    try:
        warc = work / "ccnews-like.warc.gz"
        t0 = time.perf_counter()
        records, size = write_big_warc(warc, args.gb, args.kept)
        print(
            f"  wrote {size / 1e9:.2f} GB, {records} records, in {time.perf_counter() - t0:.0f} s", flush=True
        )
        cmd = [PYTHON, "-m", "kabar.crawler.cli", "ingest", str(warc), "--out", str(work / "out")]
        cmd += ["--workers", str(args.workers)]
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        output: list[str] = []
        readers = [
            threading.Thread(target=lambda s=s: output.extend(s), daemon=True)
            for s in (proc.stdout, proc.stderr)
        ]
        for reader in readers:
            reader.start()
        while proc.poll() is None:
            kids = list(children(proc.pid))
            sample = {
                "t": time.perf_counter() - started,
                "main_mb": rss_mb(proc.pid),
                "largest_child_mb": max((rss_mb(k) for k in kids), default=0.0),
                "tree_pss_mb": pss_mb(proc.pid) + sum(pss_mb(k) for k in kids),
            }
            samples.append(sample)
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        for reader in readers:
            reader.join(timeout=5)
        if proc.returncode != 0:
            raise RuntimeError(f"kabar ingest failed ({proc.returncode}):\n{''.join(output)[-3000:]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def peak(key: str) -> float:
        return max((s[key] for s in samples), default=0.0)

    thirds = [samples[i * len(samples) // 3 : (i + 1) * len(samples) // 3] for i in range(3)]
    result: dict[str, Any] = {
        "gb": round(size / 1e9, 2),
        "records": records,
        "kept_pages": args.kept,
        "workers": args.workers,
        "seconds": elapsed,
        "records_per_s": records / elapsed,
        "peak_main_mb": peak("main_mb"),
        "peak_largest_child_mb": peak("largest_child_mb"),
        "peak_tree_pss_mb": peak("tree_pss_mb"),
        "peak_child_mb_by_third": [
            max((s["largest_child_mb"] for s in part), default=0.0) for part in thirds
        ],
        "target": f"every process < {TARGET_MB:.0f} MB (RSS), flat",
        "samples": samples[:: max(1, len(samples) // 300)],
    }
    result["target_met"] = max(result["peak_main_mb"], result["peak_largest_child_mb"]) < TARGET_MB
    path = save("memory-ingest", result)
    print(
        f"memory of kabar ingest over a {result['gb']} GB WARC ({records} records, {args.kept} kept, "
        f"{elapsed:.0f} s): peak RSS main {result['peak_main_mb']:.0f} MB, worker "
        f"{result['peak_largest_child_mb']:.0f} MB (by thirds of the run: "
        + ", ".join(f"{v:.0f}" for v in result["peak_child_mb_by_third"])
        + f"), tree PSS {result['peak_tree_pss_mb']:.0f} MB (target < {TARGET_MB:.0f} per process: "
        f"{'met' if result['target_met'] else 'MISSED'})  -> {path}"
    )
    return result


if __name__ == "__main__":
    main()
