"""``kabar extract``: saved HTML pages → article records as JSON Lines on stdout."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

NAME = "extract"
HELP = "extract article records (clean text, metadata, event facts) from saved HTML pages"
DESCRIPTION = """\
Extract one article record per saved HTML page and print it as one JSON object per line
(JSON Lines) on stdout, in input order. The site module is chosen from --url, else from the
page's canonical URL; unknown sites use the generic extractor.

Continuation pages of multi-page articles saved as NAME.page2.html, NAME.page3.html ... beside
NAME.html are joined into NAME's record (and not printed on their own).

A path that is missing, a directory or unreadable, and a page that cannot be extracted (empty,
binary, no article text, over 10 MB: the first 10 MB are extracted) give a record whose
"error" says why, plus a one-line message on stderr; the other pages are still extracted.
Exit code: 0 when every record is clean, 1 when any record has an error, 2 for bad options.

examples:
  kabar extract page.html
  kabar extract --url https://m.beritajakarta.id/read/121784/asn-pemkot-jakut page.html
  kabar extract --no-facts saved/*.html > records.jsonl
  kabar extract tests/fixtures/pages/*/*.html | jq -r '[.site, .title] | @tsv'
  curl -s URL | kabar extract --url URL -
"""

_PAGE_N = re.compile(r"^(?P<base>.+)\.page(?P<n>\d+)\.html?$", re.I)
PROGRESS_MIN_FILES = 20  # below this a progress bar only flickers


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="saved HTML page(s); '-' reads one page from stdin"
    )
    parser.add_argument(
        "--url", help="the page's address (only with a single FILE); default: the page's canonical URL"
    )
    parser.add_argument("--no-facts", action="store_true", help="skip the event facts (faster)")
    parser.add_argument(
        "--no-ner", action="store_true", help="event facts from rules only, without the NER model"
    )


def continuation_pages(path: Path) -> list[Path]:
    """``NAME.page2.html``, ``NAME.page3.html`` … beside ``NAME.html``, in page order."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    found = []
    for sibling in path.parent.glob(f"{glob_escape(stem)}.page*{path.suffix}"):
        match = _PAGE_N.match(sibling.name)
        if match and match.group("base") == stem:
            found.append((int(match.group("n")), sibling))
    return [p for _, p in sorted(found)]


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _is_continuation_of_input(path: Path, inputs: set[Path]) -> bool:
    match = _PAGE_N.match(path.name)
    return match is not None and path.with_name(match.group("base") + path.suffix) in inputs


def _read(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes (memory stays bounded whatever the file size)."""
    if str(path) == "-":
        return sys.stdin.buffer.read(limit)
    with path.open("rb") as fh:
        return fh.read(limit)


def _file_error(path: Path) -> tuple[str, str] | None:
    if str(path) == "-":
        return None
    if not path.exists():
        return "not_found", "no such file"
    if path.is_dir():
        return "not_a_file", "is a directory, not a saved page"
    if not path.is_file():  # reading a FIFO would wait forever for a writer
        return "not_a_file", "is not a regular file (a FIFO, socket or device), not a saved page"
    if not os.access(path, os.R_OK):
        return "unreadable", "permission denied"
    return None


def _extract_file(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The record of one input path (an error record for a path that cannot be read)."""
    from kabar.extract.decode import MAX_HTML_BYTES
    from kabar.extract.page import extract_page
    from kabar.extract.record import empty_record, make_error

    problem = _file_error(path)
    if problem is None:
        try:
            html = _read(path, MAX_HTML_BYTES + 1)
            more = [] if str(path) == "-" else continuation_pages(path)
            extra = [_read(p, MAX_HTML_BYTES + 1) for p in more]
        except OSError as exc:
            problem = "unreadable", exc.strerror or str(exc)
    if problem is not None:
        record = empty_record(args.url)
        record["error"] = make_error(problem[0], f"{path}: {problem[1]}")
        return record
    record = extract_page(html, args.url, extra_pages=extra, facts=not args.no_facts, use_ner=not args.no_ner)
    if record["error"] and record["error"]["code"] == "too_large" and str(path) != "-":
        # only the first 10 MB were read, so the page cannot know the file's real size
        size = path.stat().st_size / 1024 / 1024
        record["error"]["message"] = (
            f"page is {size:.1f} MB, over the 10 MB limit; only the first 10 MB were extracted"
        )
    return record


def _records(args: argparse.Namespace, say: Callable[[str], None]) -> Iterator[dict[str, Any]]:
    paths = [Path(f) for f in args.files]
    inputs = set(paths)
    for path in paths:
        if _is_continuation_of_input(path, inputs):
            continue  # joined into its first page's record
        record = _extract_file(path, args)
        if record["error"]:
            message = record["error"]["message"]
            say(f"kabar extract: {message if message.startswith(str(path)) else f'{path}: {message}'}")
        yield record


def run(args: argparse.Namespace) -> int:
    if args.url and len(args.files) > 1:
        print("kabar extract: --url applies to one page; give a single FILE with it", file=sys.stderr)
        return 2
    if args.files.count("-") > 1:
        print("kabar extract: '-' (stdin) can be given only once", file=sys.stderr)
        return 2
    failed = 0
    out = sys.stdout
    try:
        with _progress(len(args.files)) as (say, advance):
            for record in _records(args, say):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()
                failed += bool(record["error"])
                advance()
    except BrokenPipeError:  # `kabar extract … | head`: the reader has gone, stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 1 if failed else 0


class _progress:
    """A rich progress bar on stderr when it is a terminal and there are many files.

    Yields ``(say, advance)``: ``say`` prints a message above the bar (or plainly to stderr),
    ``advance`` moves the bar by one page.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> tuple[Callable[[str], None], Callable[[], None]]:
        if self.total >= PROGRESS_MIN_FILES and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            task = self.bar.add_task("extracting", total=self.total)
            return (
                lambda message: self.bar.console.print(message, markup=False, highlight=False),
                lambda: self.bar.advance(task),
            )
        return (lambda message: print(message, file=sys.stderr, flush=True)), (lambda: None)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
