"""``kabar ingest``: news pages from WARC archives (CC-NEWS, Wayback exports, raw stores) into a dataset."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NAME = "ingest"
HELP = "add the news pages of WARC archives (CC-NEWS, Wayback, kabar raw stores) to a dataset"
DESCRIPTION = """\
Read WARC and WARC.gz files of any origin and add the HTML pages of the outlets asked for to the
dataset in --out: the same extraction, dedup, versions and Parquet tables as 'kabar crawl', and
the records used are copied to --out/raw/ (so 'kabar reextract' rebuilds them too). Sources are
files, directories (searched recursively for *.warc and *.warc.gz), globs, and URLs read through
fsspec (s3://bucket/CC-NEWS/2023/10/*.warc.gz needs 's3fs'; https:// and file:// work as is).

Kept: 'response' records with status 200 and an HTML body whose host is a registered outlet
(default; Tribun's regional sites included) or one of --hosts (suffix match). Counted and
skipped: other hosts, 'revisit' records, non-HTML bodies, captures outside --since/--until
(compared with WARC-Date). Non-200 responses and unreadable records (a truncated file, a broken
gzip member) become rows of the errors table; reading resumes at the next record.

A file is remembered once ingested (--out/ingest-state.sqlite3, by path, size and time): a
second run over the same files adds nothing.

Engines: --engine local runs one file per process (--workers processes); --engine dask sends
one whole WARC file per task to a Dask cluster: a LocalCluster of --workers processes, or the
cluster at --scheduler tcp://HOST:8786 (every worker must see the sources and --out, e.g. on
shared storage). Rows are deduplicated and written in source order by this process either way,
so the output is the same whichever worker read which file.

exit codes: 0 all sources read; 1 some records were unreadable (they are in the errors table) or
--out is in use; 2 usage error (no such source, bad date); 130/143 interrupted by
SIGINT/SIGTERM (what was stored stays; the unfinished files are read again next time).

examples:
  kabar ingest archive/*.warc.gz --out out/dataset
  kabar ingest CC-NEWS-20231001*.warc.gz --hosts tribunnews.com kompas.com --since 2023-09-01
  kabar ingest warcs/ --engine dask --workers 2
  kabar ingest /mnt/cc-news/2023/10/ --engine dask --scheduler tcp://10.0.0.5:8786
"""

# After SIGINT/SIGTERM (printed by the command line, exit 128 + signal).
ON_INTERRUPT = "what was stored stays; the same command reads the unfinished files again"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="WARC_OR_DIR_OR_GLOB", help="WARC files to read")
    parser.add_argument(
        "--out", type=Path, default=Path("out/dataset"), help="dataset directory (default: %(default)s)"
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--hosts", nargs="+", metavar="HOST", help="keep these hosts (and their subdomains)")
    which.add_argument(
        "--registered",
        action="store_true",
        help="keep the outlets kabar has site modules for (the default)",
    )
    parser.add_argument("--since", metavar="DATE", help="only captures on or after DATE (2023-09-01)")
    parser.add_argument("--until", metavar="DATE", help="only captures before DATE")
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where files are processed (default: local)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="processes (local) or LocalCluster workers (dask) (default: the number of cores, %(default)s)",
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler (with --engine dask)"
    )
    parser.add_argument(
        "--page-timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="a page still extracting after this long becomes an extract_timeout errors row "
        "and the worker goes on (default: %(default)s; 0: no limit)",
    )


def run(args: argparse.Namespace) -> int:
    from kabar.pipelines.ingest import expand_sources, ingest, parse_day
    from kabar.pipelines.lock import OutputLocked

    def usage(message: str) -> int:
        print(f"kabar ingest: {message}", file=sys.stderr)
        return 2

    if args.workers < 1:
        return usage("--workers must be at least 1")
    if args.page_timeout < 0:
        return usage("--page-timeout must be 0 (no limit) or more seconds")
    if args.scheduler and args.engine != "dask":
        return usage("--scheduler needs --engine dask")
    try:
        since = parse_day(args.since) if args.since else None
        until = parse_day(args.until) if args.until else None
    except ValueError as exc:
        return usage(f"bad date ({exc}); use YYYY-MM-DD or an ISO time")
    if args.engine == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            return usage("--engine dask needs Dask: pip install 'dask[distributed]'")
    try:
        paths, empty = expand_sources(args.sources)
    except (ImportError, OSError, ValueError) as exc:  # e.g. s3:// without s3fs, no credentials
        return usage(f"cannot list {' '.join(args.sources)}: {exc}")
    if empty:
        return usage(f"no WARC file at {empty[0]}")

    def progress(result) -> None:
        c = result.counts
        print(
            f"  {result.path}: {c['records']} record(s), {c['kept']} page(s) kept, "
            f"{c['unreadable']} unreadable ({result.seconds:.1f} s)",
            file=sys.stderr,
            flush=True,
        )

    print(f"kabar ingest: {len(paths)} WARC file(s) -> {args.out}", file=sys.stderr)
    try:
        totals = ingest(
            paths,
            args.out,
            hosts=args.hosts,
            since=since,
            until=until,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            page_timeout=args.page_timeout or None,
            progress=progress,
        )
    except OutputLocked as exc:
        print(f"kabar ingest: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. a Dask scheduler that cannot be reached
        print(f"kabar ingest: {exc}", file=sys.stderr)
        return 1
    print(
        f"ingested {totals['files']} file(s) ({totals['skipped_files']} already done): "
        f"{totals['records']} record(s), {totals['kept']} HTML page(s) kept -> {totals['rows']} row(s) "
        f"stored, {totals['unchanged']} unchanged, {totals['errors']} error row(s); skipped: "
        f"{totals['other_hosts']} other host(s), {totals['revisits']} revisit(s), {totals['not_ok']} "
        f"non-200, {totals['not_html']} non-HTML, {totals['out_of_range']} out of range"
    )
    for line in totals["damage"]:
        print(f"kabar ingest: unreadable record: {line}", file=sys.stderr)
    return 1 if totals["unreadable"] else 0
