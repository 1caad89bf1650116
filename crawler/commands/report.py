"""``kabar report``: a self-contained HTML report of the dataset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "report"
HELP = "write an HTML report of the dataset (charts per month and site, institutions, officials, pledges)"
DESCRIPTION = """\
Write one self-contained HTML file (inline SVG charts, no scripts, opens offline) describing the
dataset under --out: articles and events per month and site, event types, top institutions,
officials and pledge points, the latest events, the largest reported figures and the errors.

examples:
  kabar report                              # out/dataset -> report.html
  kabar report --out out/asn -o out/asn/report.html
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        action="append",
        metavar="DIR",
        help="dataset directory (default: out/dataset); repeat it to read several as one dataset "
        "(the nodes of a distributed crawl)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("report.html"),
        metavar="FILE",
        help="the HTML file to write (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    import duckdb

    from kabar.crawler.commands.query import missing_dataset, unreadable_message
    from kabar.pipelines.report import write_report

    outs = args.out or [Path("out/dataset")]
    missing = missing_dataset(outs)
    if missing:
        print(f"kabar report: {missing}", file=sys.stderr)
        return 2
    try:
        path = write_report(outs, args.output)
    except duckdb.Error as exc:
        print(f"kabar report: {unreadable_message(outs) or str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    print(f"report written to {path}")
    return 0
