"""Run every benchmark in turn and store their results in ``benchmarks/results/*.json``.

    python -m benchmarks.run_all                     # what `make bench` runs (the full sizes)
    python -m benchmarks.run_all --quick             # small sizes, a few minutes
    python -m benchmarks.run_all --memory-articles 5000 --crawl-articles 2000 --repeats 3

Order: extraction (in-process), crawl (scaled local site, four variants), memory (a long crawl
whose dataset is kept), Parquet over that dataset, ``kabar reextract`` 1 vs 2 workers on pages of
real-page size, WARC reading (fastwarc vs warcio) and ``kabar ingest`` (one process, process
pool, Dask LocalCluster), and the memory of ``kabar ingest`` over a 1 GB WARC.  The machine should be
otherwise idle: every figure is a median over repeats, and the ratios matter more than the rates.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from benchmarks import (
    bench_crawl,
    bench_extract,
    bench_ingest,
    bench_ingest_memory,
    bench_memory,
    bench_parquet,
    bench_reextract,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--extract-pages", type=int, default=520)
    parser.add_argument("--crawl-articles", type=int, default=2000)
    parser.add_argument("--memory-articles", type=int, default=20000)
    parser.add_argument("--reextract-articles", type=int, default=1000)
    parser.add_argument("--warc-records", type=int, default=3000)
    parser.add_argument("--ingest-gb", type=float, default=1.0, help="WARC size of the ingest memory run")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.extract_pages, args.crawl_articles, args.memory_articles = 1, 500, 300, 1000
        args.reextract_articles, args.warc_records, args.ingest_gb = 200, 1000, 0.05

    bench_extract.main(["--pages", str(args.extract_pages), "--repeats", str(args.repeats)])
    bench_crawl.main(["--articles", str(args.crawl_articles), "--repeats", str(args.repeats)])
    work = Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    try:
        dataset = work / "dataset"
        bench_memory.main(["--articles", str(args.memory_articles), "--keep", str(dataset)])
        bench_parquet.main([str(dataset), "--repeats", str(args.repeats)])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    repeats = str(max(1, args.repeats - 1))
    bench_reextract.main(["--articles", str(args.reextract_articles), "--repeats", repeats])
    bench_ingest.main(["--records", str(args.warc_records), "--repeats", repeats])
    bench_ingest_memory.main(["--gb", str(args.ingest_gb)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
