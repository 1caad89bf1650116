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
        "--out", type=Path, default=Path("out/dataset"), help="dataset directory (default: %(default)s)"
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
    from pipelines.report import write_report

    if not args.out.is_dir():
        print(
            f"kabar report: no dataset at {args.out} (run 'kabar crawl' first or pass --out)", file=sys.stderr
        )
        return 2
    path = write_report(args.out, args.output)
    print(f"report written to {path}")
    return 0
