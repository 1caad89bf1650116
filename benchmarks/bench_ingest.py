"""Benchmark 6: WARC reading (fastwarc vs warcio) and ``kabar ingest`` (one process, process pool,
Dask LocalCluster).

    python -m benchmarks.bench_ingest [--records 3000] [--files 4] [--articles-per-file 100] [--repeats 3]

* **read**: one gzip WARC of ``--records`` response records (pages padded to the real-page sizes
  of ``../shared/realhtml-dev``, 80-200 KB; one in ten of a registered outlet, the rest of other
  hosts, like a CC-NEWS file) read three ways: warcio (``ArchiveIterator`` + every body read),
  fastwarc (the same), and kabar's reader (:func:`pipelines.warcread.read_warc`: fastwarc plus
  the truncation check and HTTP parsing) with the registered-outlet filter, which skips the other
  hosts' bodies; records per second;
* **ingest**: ``--files`` WARC files of ``--articles-per-file`` registered-outlet pages each,
  ingested into a fresh dataset by ``ingest(..., workers=1)``, ``workers=2`` (process pool) and
  ``engine="dask"`` with a 2-worker LocalCluster; articles per second of wall clock including
  start-up (loading the models in each worker), and the ratio to one process.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import median, realistic_articles, save


def _foreign(item: dict[str, Any], index: int) -> dict[str, Any]:
    url = f"https://www.news{index % 23}.example.com/{index}/story.html"
    page = dict(item["pages"][0], url=url)
    return {"kind": "article", "site": "other", "url": url, "pages": [page]}


def _write(path: Path, items: list[dict[str, Any]]) -> Path:
    from kabar.pipelines.raw import WarcStore

    store = WarcStore(path.parent, max_bytes=1 << 40, name_prefix=path.stem)
    for item in items:
        store.write_article(item)
    store.close()
    [written] = store.closed_files
    return written


def read_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                record.content_stream().read()
                n += 1
    return n


def read_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
            record.reader.read()
            n += 1
    return n


def read_kabar_filtered(path: Path) -> int:
    from kabar.pipelines.ingest import host_filter
    from kabar.pipelines.warcread import read_warc

    site_of = host_filter(None)
    return sum(1 for _ in read_warc(path, keep=lambda uri: site_of(uri) is not None))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--articles-per-file", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args(argv)

    from kabar.pipelines.ingest import ingest

    work = Path(tempfile.mkdtemp(prefix="kabar-bench-ingest-"))
    result: dict[str, Any] = {}
    try:
        # -- read -------------------------------------------------------------------------------
        pages = realistic_articles(max(1, args.records // 10))
        mixed = [
            pages[i // 10] if i % 10 == 0 else _foreign(pages[(i // 10) % len(pages)], i)
            for i in range(args.records)
        ]
        big = _write(work / "read" / "mixed.warc.gz", mixed)
        size_mb = big.stat().st_size / 1e6
        from kabar.pipelines.ingest import registered_site

        registered_site("m.beritajakarta.id")  # import the outlet registry before the clock runs
        readers = {"warcio": read_warcio, "fastwarc": read_fastwarc, "kabar_filtered": read_kabar_filtered}
        seconds: dict[str, list[float]] = {name: [] for name in readers}
        for run in range(args.repeats):
            for name, reader in readers.items() if run % 2 == 0 else reversed(list(readers.items())):
                t0 = time.perf_counter()
                reader(big)
                seconds[name].append(time.perf_counter() - t0)
        rates = {name: args.records / median(s) for name, s in seconds.items()}
        result["read"] = {
            "records": args.records,
            "file_mb": round(size_mb, 1),
            "seconds": seconds,
            "median_records_per_s": rates,
            "fastwarc_vs_warcio": rates["fastwarc"] / rates["warcio"],
            "kabar_filtered_vs_warcio": rates["kabar_filtered"] / rates["warcio"],
        }
        print(
            f"  WARC read of {args.records} records ({size_mb:.0f} MB): warcio {rates['warcio']:.0f}/s, "
            f"fastwarc {rates['fastwarc']:.0f}/s (x{result['read']['fastwarc_vs_warcio']:.1f}), "
            f"kabar reader with the outlet filter {rates['kabar_filtered']:.0f}/s",
            flush=True,
        )
        del mixed

        # -- ingest -----------------------------------------------------------------------------
        items = realistic_articles(args.files * args.articles_per_file)
        sources = [
            _write(
                work / "warcs" / f"part-{f:03d}.warc.gz",
                items[f * args.articles_per_file : (f + 1) * args.articles_per_file],
            )
            for f in range(args.files)
        ]
        del items
        variants = {"1 process": {"workers": 1}, "pool 2": {"workers": 2}}
        if not args.skip_dask:
            variants["dask LocalCluster 2"] = {"workers": 2, "engine": "dask"}
        ingest_seconds: dict[str, list[float]] = {name: [] for name in variants}
        articles = 0
        for run in range(args.repeats):
            order = list(variants.items()) if run % 2 == 0 else list(reversed(variants.items()))
            for name, kwargs in order:
                out = work / f"out-{run}-{name.replace(' ', '-')}"
                t0 = time.perf_counter()
                totals = ingest(sources, out, **kwargs)
                ingest_seconds[name].append(time.perf_counter() - t0)
                articles = totals["kept"]
                shutil.rmtree(out, ignore_errors=True)
                print(
                    f"  run {run + 1} {name}: {articles / ingest_seconds[name][-1]:.1f} articles/s",
                    flush=True,
                )
        ingest_rates = {name: articles / median(s) for name, s in ingest_seconds.items()}
        result["ingest"] = {
            "files": args.files,
            "articles": articles,
            "seconds": ingest_seconds,
            "median_articles_per_s": ingest_rates,
            "ratio_to_1_process": {name: r / ingest_rates["1 process"] for name, r in ingest_rates.items()},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    path = save("ingest", result)
    print(
        "kabar ingest: "
        + ", ".join(
            f"{name} {rate:.1f}/s (x{result['ingest']['ratio_to_1_process'][name]:.2f})"
            for name, rate in result["ingest"]["median_articles_per_s"].items()
        )
        + f"  -> {path}"
    )
    return result


if __name__ == "__main__":
    main()
