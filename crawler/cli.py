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
import logging
import signal
import sys
import warnings
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
    # SIGTERM (a scheduler's stop) ends a command like Ctrl-C: the exception unwinds it through
    # its cleanup (no half-written file stays visible, locks are released), then one line and
    # 128 + the signal.  `kabar crawl` replaces these with handlers of its own (graceful stop).
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt as exc:
        signum = int(getattr(exc, "signum", signal.SIGINT))
        # The interrupted work's asyncio tasks (reextract's pool) are dropped on purpose: their
        # "exception was never retrieved" at exit would be a traceback after the one line.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        warnings.filterwarnings("ignore", "coroutine .* was never awaited", RuntimeWarning)
        after = getattr(importlib.import_module(args._run.__module__), "ON_INTERRUPT", "")
        name = signal.Signals(signum).name
        print(
            f"kabar {args.command}: interrupted by {name}" + (f"; {after}" if after else ""), file=sys.stderr
        )
        return 128 + signum
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised in the main thread by :func:`_interrupt`."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


if __name__ == "__main__":
    sys.exit(main())
