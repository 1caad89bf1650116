"""The ``kabar`` command line.

Each subcommand lives in its own module under :mod:`crawler.commands` and exposes

* ``NAME`` (the subcommand, e.g. ``"extract"``), ``HELP`` (one line) and ``DESCRIPTION`` (a
  paragraph with examples, shown by ``kabar NAME --help``),
* ``add_arguments(parser)`` and ``run(args) -> int`` (the exit code).

Modules keep heavy imports (spaCy, Scrapy, pyarrow) inside ``run`` so ``kabar --help`` is instant
and ``kabar extract`` never loads Scrapy.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Order here is the order in `kabar --help`.
COMMAND_MODULES: tuple[str, ...] = ("crawl", "extract", "train_ner", "query", "report", "reextract", "ingest")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kabar",
        description=(
            "kabar turns Indonesian news sites into an analyst-ready Parquet dataset: clean article "
            "text plus the facts of each reported event (ASN neutrality pledges: date, institution, "
            "officials, pledge points, figures)."
        ),
        epilog="Run 'kabar COMMAND --help' for the options and examples of one command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(f"kabar.crawler.commands.{module_name}")
        cmd = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("kabar: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
