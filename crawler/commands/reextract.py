"""``kabar reextract``: rebuild the articles table from the raw WARC store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NAME = "reextract"
HELP = "rebuild the articles table from the raw HTML store (after the extractor improved)"
DESCRIPTION = """\
Extract every article again from the raw pages kept under --out/raw/ (WARC files written by
'kabar crawl') and rebuild the articles and errors tables and the crawl state, with the current
extractor. Pages are processed in the order they were fetched, so versions come out as in the
crawl. Extraction runs in --workers processes; the new tables replace the old ones only when the
rebuild is complete. It refuses to run while a crawl is writing to the same --out.

Unreadable raw records (a WARC file truncated or garbled by a crash or a bad disk) are named, one
line each, and make the exit code 1. A rebuild that holds fewer articles than the current tables
is refused (tables left unchanged, exit 1) unless --force is given. A reextract killed while it
swaps the tables in is finished by the next reextract or crawl.

exit codes: 0 rebuilt from a readable raw store; 1 refused (fewer articles, output in use) or
rebuilt with unreadable raw records; 2 usage error; 130/143 interrupted by SIGINT/SIGTERM
(the tables are the old or all the rebuilt ones, never a mix).

examples:
  kabar reextract                          # out/dataset, one worker per core
  kabar reextract --out out/asn --workers 2
  kabar reextract --force                  # accept fewer articles (raw files deleted on purpose)
"""

# After SIGINT/SIGTERM (printed by the command line, exit 128 + signal): what the tables are.
ON_INTERRUPT = "the tables are the old ones, or all three rebuilt ones: never a mix; run it again"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=Path("out/dataset"), help="dataset directory (default: %(default)s)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="extraction processes (default: the number of cores, %(default)s)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the tables even when the rebuild holds fewer articles than they do",
    )


def run(args: argparse.Namespace) -> int:
    from kabar.pipelines.raw import RAW_DIRNAME

    if args.workers < 1:
        print("kabar reextract: --workers must be at least 1", file=sys.stderr)
        return 2
    if not (args.out / RAW_DIRNAME).is_dir():
        print(
            f"kabar reextract: no raw store at {args.out / RAW_DIRNAME} (nothing crawled into {args.out})",
            file=sys.stderr,
        )
        return 2
    from kabar.pipelines.lock import OutputLocked
    from kabar.pipelines.reextract import FewerArticles, reextract

    try:
        counts = reextract(args.out, workers=args.workers, progress=True, force=args.force)
    except (OutputLocked, FewerArticles) as exc:
        print(f"kabar reextract: {exc}", file=sys.stderr)
        return 1
    print(
        f"re-extracted {counts['raw_articles']} raw article(s): {counts['rows']} row(s) stored, "
        f"{counts['unchanged']} unchanged re-fetch(es) skipped, {counts['errors']} error(s); "
        f"{counts['articles_after']} article(s) (before: {counts['articles_before']}); "
        f"{counts['seconds']:.1f} s, the first article after {counts.get('first_article_s', 0.0):.1f} s"
    )
    import duckdb

    from kabar.crawler.commands.query import unreadable_message
    from kabar.pipelines.dataset import print_summary

    try:
        print_summary(args.out)
    except duckdb.Error as exc:  # a file the rebuild did not replace is unreadable: one line
        print(f"kabar reextract: cannot summarise: {unreadable_message([args.out]) or exc}", file=sys.stderr)
        return 1
    if counts["unreadable"]:
        for line in counts["damage"]:
            print(f"kabar reextract: unreadable raw record: {line}", file=sys.stderr)
        print(
            f"kabar reextract: {counts['unreadable']} unreadable raw record(s); the tables were "
            "rebuilt without them",
            file=sys.stderr,
        )
        return 1
    return 0
