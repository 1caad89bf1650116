"""Benchmark 4: the Parquet dataset: rows/s written, bytes per 1,000 articles, DuckDB query times.

    python -m benchmarks.bench_parquet DATASET [--repeats 3]

``DATASET`` is a crawled dataset directory (``python -m benchmarks.bench_memory --keep DIR``
makes a 20,000-article one).  Its articles are read back and written again through the store
stage's :class:`pipelines.store.TableWriter` (the crawl's own write path: Arrow conversion, zstd,
atomic rename) to time the writes; the README's example queries
(:data:`pipelines.dataset.EXAMPLE_QUERIES`) are timed over the dataset with DuckDB.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import median, save


def dataset_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.glob("**/*.parquet") if not p.name.startswith("."))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    from kabar.pipelines.dataset import EXAMPLE_QUERIES, connect
    from kabar.pipelines.store import TableWriter

    con = connect(args.dataset)
    try:
        rows = con.sql("SELECT * FROM articles").to_arrow_table().to_pylist()
        n_latest = int(con.execute("SELECT count(*) FROM articles_latest").fetchone()[0])
        query_seconds: dict[str, list[float]] = {}
        for title, sql in EXAMPLE_QUERIES:
            con.execute(sql).fetchall()  # warm: file metadata cached like an analyst's second query
            query_seconds[title] = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                con.execute(sql).fetchall()
                query_seconds[title].append(time.perf_counter() - t0)
    finally:
        con.close()
    if not rows:
        raise SystemExit(f"no articles in {args.dataset}")
    size = dataset_bytes(args.dataset / "articles")
    raw_size = sum(p.stat().st_size for p in (args.dataset / "raw").glob("**/*") if p.is_file())

    write_seconds = []
    for _ in range(args.repeats):
        target = Path(tempfile.mkdtemp(prefix="kabar-bench-parquet-"))
        try:
            writer = TableWriter(target, flush_rows=1000)
            t0 = time.perf_counter()
            for row in rows:
                writer.add_article(row)
                if writer.full:
                    writer.flush()
            writer.flush()
            write_seconds.append(time.perf_counter() - t0)
            rewritten = dataset_bytes(target / "articles")
        finally:
            shutil.rmtree(target, ignore_errors=True)

    result: dict[str, Any] = {
        "dataset": str(args.dataset),
        "article_rows": len(rows),
        "articles_latest": n_latest,
        "rows_per_s_written": len(rows) / median(write_seconds),
        "write_seconds": write_seconds,
        "articles_bytes": size,
        "bytes_per_1000_articles": 1000 * size / len(rows),
        "rewritten_bytes_per_1000_articles": 1000 * rewritten / len(rows),
        "raw_warc_bytes_per_1000_articles": 1000 * raw_size / len(rows),
        "query_median_ms": {title: 1000 * median(s) for title, s in query_seconds.items()},
        "query_seconds": query_seconds,
    }
    path = save("parquet", result)
    print(f"Parquet over {len(rows)} article rows ({args.dataset}):")
    print(f"  written {result['rows_per_s_written']:.0f} rows/s (TableWriter, 1,000-row flushes)")
    print(
        f"  {result['bytes_per_1000_articles'] / 1e6:.2f} MB Parquet per 1,000 articles"
        f" (+ {result['raw_warc_bytes_per_1000_articles'] / 1e6:.2f} MB raw WARC)"
    )
    for title, ms in result["query_median_ms"].items():
        print(f"  {ms:8.1f} ms  {title}")
    print(f"  -> {path}")
    return result


if __name__ == "__main__":
    main()
