"""``kabar crawl``: run the site spiders in-process into the Parquet dataset."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

NAME = "crawl"
HELP = "crawl news sites (or the bundled offline copies) into the Parquet dataset"
DESCRIPTION = """\
Crawl one or more news sites with kabar's spiders and write every article (raw HTML, clean text,
event facts) into the dataset under --out. Spiders discover articles from each site's sitemaps,
feeds and index pages, obey robots.txt, back off when a site asks, and only fetch what changed
since the last crawl into the same --out (sitemap lastmod, ETag / Last-Modified, HTTP 304).

Progress is shown live on stderr; at the end a summary table per site (articles, events,
pledge points, errors) is printed. SITE is the key of an outlet module in extract/sites/
(wartakota, idntimes, koranjakarta, beritajakarta, satuarah, kompas, detik, tempo, antaranews …;
a wrong key lists them all). For any other site use 'scrapy crawl generic -a sitemap=URL'.

--bundled serves the offline copies bundled in crawler/bundled/ (wartakota, idntimes,
koranjakarta, beritajakarta, satuarah) on 127.0.0.1, crawls them (all unless SITE is named), stops
the server, prints the summary and one DuckDB query an analyst would run. It needs no network:
that is what 'make run' does.

examples:
  kabar crawl --bundled --out out/dataset
  kabar crawl wartakota beritajakarta --since 2023-09-01 --until 2023-10-31
  kabar crawl idntimes --query "netralitas ASN" --max-articles 50 --out out/asn
  kabar crawl satuarah --base-url http://127.0.0.1:8003      # a local copy (python -m crawler.localserver)
  kabar crawl satuarah idntimes --base-url satuarah=http://127.0.0.1:8003 --base-url idntimes=URL2
  kabar crawl wartakota --jobdir out/jobs                      # Ctrl-C, then the same command resumes
  kabar crawl wartakota --redis redis://10.0.0.5:6379/0 --out out/node-a   # one of N nodes sharing a queue
"""

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

# The analyst's first question, printed after a --bundled crawl (views: pipelines/dataset.py):
# the real events, each with the outlets that reported it (linked across outlets and versions).
ANALYST_QUERY = """\
SELECT event_date, event_type, institution_id, region_code,
       n_sources, array_to_string(sites, ', ') AS outlets,
       strftime(first_reported_wib, '%Y-%m-%d %H:%M') AS first_reported_wib
FROM events
ORDER BY n_sources DESC, event_date DESC NULLS LAST, event_id
LIMIT 15"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("sites", nargs="*", metavar="SITE", help="site spiders to run (see above)")
    add("--since", help="only articles published on or after this date (YYYY-MM-DD)")
    add("--until", help="only articles published on or before this date (YYYY-MM-DD)")
    add("--max-articles", type=int, metavar="N", help="at most N article fetches per site")
    add("--query", metavar="Q", help="only articles whose title/URL/listing text has all words of Q")
    add("--keywords", metavar="K1,K2", help="only articles matching any of these comma-separated words")
    add("--out", type=Path, default=Path("out/dataset"), help="dataset directory (default: %(default)s)")
    add("--base-url", metavar="[SITE=]URL", action="append",
        help="crawl a local copy served at URL (repeat as SITE=URL for several sites)")
    add("--jobdir", type=Path, metavar="DIR", help="keep the crawl queue in DIR so it can resume")
    add("--bundled", action="store_true", help="crawl the bundled offline copies on 127.0.0.1")
    add("-s", "--set", metavar="NAME=VALUE", action="append", default=[],
        help="any Scrapy or kabar setting, e.g. -s CONCURRENT_REQUESTS=4 (repeatable)")
    add("--redis", metavar="URL", help="share the request queue and seen-URL filter with other crawler "
        "processes on this Redis (redis://HOST:6379/0); each process needs its own --out")
    add("-v", "--verbose", action="store_true", help="show Scrapy's INFO log instead of only warnings")


class UsageError(ValueError):
    """A bad option: printed as one line, exit code 2."""


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} must be a date like 2023-09-25, got {value!r}") from None
    return value


def _check_out(out: Path) -> None:
    """Create --out and prove it is writable now, not after an hour of crawling."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise UsageError(f"--out {out} is not a writable directory ({exc.strerror or exc})") from None


def validate(args: argparse.Namespace, known: list[str], bundled: list[str] | None = None) -> list[str]:
    """The sites to crawl, after checking every option; raises UsageError.

    ``bundled``: the outlets with a bundled offline copy (what --bundled crawls by default)."""
    sites = list(dict.fromkeys(args.sites))
    unknown = [s for s in sites if s not in known]
    if unknown:
        raise UsageError(f"unknown site {', '.join(unknown)!s}; known sites: {', '.join(known)}")
    if not sites:
        if not args.bundled:
            raise UsageError(f"name at least one site ({', '.join(known)}) or use --bundled")
        sites = list(bundled) if bundled is not None else known
    since, until = _check_date(args.since, "--since"), _check_date(args.until, "--until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    if args.max_articles is not None and args.max_articles < 1:
        raise UsageError("--max-articles must be at least 1")
    if args.base_url and args.bundled:
        raise UsageError("--base-url and --bundled exclude each other (--bundled sets the base URLs)")
    args.base_urls = _base_urls(args.base_url or [], sites)
    for pair in args.set:
        if "=" not in pair or not pair.partition("=")[0].isupper():
            raise UsageError(f"-s expects NAME=VALUE with an upper-case setting name, got {pair!r}")
    _check_out(args.out)
    return sites


def _base_urls(values: list[str], sites: list[str]) -> dict[str, str]:
    """``--base-url URL`` (one site) or ``--base-url SITE=URL`` (repeatable) → {site: url}."""
    found: dict[str, str] = {}
    for value in values:
        site, sep, url = value.partition("=")
        if not sep or "://" in site:
            if len(sites) != 1 or len(values) != 1:
                raise UsageError("--base-url URL points at one site's copy: name exactly one SITE, "
                                 "or write --base-url SITE=URL for each site")
            site, url = sites[0], value
        if site not in sites:
            raise UsageError(f"--base-url {value}: {site} is not among the sites to crawl")
        if not urlsplit(url).hostname:
            raise UsageError(f"--base-url {value}: not a URL like http://127.0.0.1:8001")
        found[site] = url
    return found


def spider_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    pairs = {
        "since": args.since,
        "until": args.until,
        "max_articles": args.max_articles,
        "query": args.query,
        "keywords": args.keywords,
    }
    return {k: v for k, v in pairs.items() if v is not None}


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from rich.console import Console
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.localserver import bundled_sites
    from crawler.spiders import SITE_SPIDERS

    err = Console(stderr=True)
    try:
        sites = validate(args, list(SITE_SPIDERS), bundled_sites(SITE_SPIDERS))
    except UsageError as exc:
        print(f"kabar crawl: {exc}", file=sys.stderr)
        return 2
    # One writer per output directory: refuse now with one clear line, not with a traceback from
    # inside Scrapy.  Held until the process exits (the pipelines take it again: it is re-entrant).
    from pipelines.lock import OutputLock, OutputLocked

    try:
        OutputLock(args.out).acquire()
    except OutputLocked as exc:
        print(f"kabar crawl: {exc}", file=sys.stderr)
        return 1

    settings = get_project_settings()
    settings.set("KABAR_OUT", str(args.out), priority="cmdline")
    settings.set("LOG_LEVEL", "INFO" if args.verbose else "WARNING", priority="cmdline")
    for pair in args.set:
        name, _, value = pair.partition("=")
        settings.set(name, value, priority="cmdline")
    settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"), "crawler.progress.CrawlProgress": 500})
    if args.redis:  # several nodes, one crawl: see crawler/distributed.py
        from crawler.distributed import apply as share_through_redis

        try:
            share_through_redis(settings, args.redis)
        except ValueError as exc:
            print(f"kabar crawl: {exc}", file=sys.stderr)
            return 2
    server = None
    base_urls: dict[str, str] = {}
    if args.bundled:
        from crawler.localserver import SiteServer

        try:
            server = SiteServer().start()
        except (FileNotFoundError, OSError) as exc:  # an install without tests/, or no free port
            print(f"kabar crawl: cannot serve the bundled sites: {exc}", file=sys.stderr)
            return 2
        base_urls = {site: server.base_urls.get(SITE_SPIDERS[site].origin_host(), "") for site in sites}
        missing = [s for s, url in base_urls.items() if not url]
        if missing:
            server.stop()
            print(f"kabar crawl: no bundled copy of {', '.join(missing)}", file=sys.stderr)
            return 2
    else:
        base_urls = args.base_urls
    if base_urls and all(urlsplit(u).hostname in LOOPBACK for u in base_urls.values()):
        # A local copy on this machine: politeness delays would only slow the crawl down.
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8, priority="cmdline")

    # Install Scrapy's reactor now: the sequencing below imports twisted's reactor, which would
    # otherwise install the default one and clash with the TWISTED_REACTOR setting.
    from scrapy.utils.reactor import install_reactor

    install_reactor(settings["TWISTED_REACTOR"])
    process = CrawlerProcess(settings)
    crawlers = []
    for site in sites:
        crawler = process.create_crawler(SITE_SPIDERS[site])
        if args.jobdir:
            crawler.settings.set("JOBDIR", str(args.jobdir / site), priority="cmdline")
        crawlers.append(crawler)
    kwargs = spider_kwargs(args)

    from twisted.internet import defer, reactor
    from twisted.internet.error import ReactorNotRunning

    @defer.inlineCallbacks
    def crawl_in_turn() -> Any:
        # One site after the other: the pipelines of one output directory share one state
        # database and one lock, which a spider closing while another still runs would cut off.
        try:
            for site, crawler in zip(sites, crawlers, strict=True):
                extra = {"base_url": base_urls[site]} if site in base_urls else {}
                yield process.crawl(crawler, **kwargs, **extra)
        finally:
            # After Ctrl-C / SIGTERM Scrapy stops the reactor itself; stopping again would raise.
            with contextlib.suppress(ReactorNotRunning):
                reactor.stop()  # type: ignore[misc]  # twisted types the global reactor loosely

    from rich.live import Live

    from crawler.progress import BOARD

    started = time.monotonic()
    try:
        with Live(BOARD.render(), console=err, refresh_per_second=4, transient=False) as live:
            refresher = _Refresher(live)
            refresher.start()
            try:
                crawl_in_turn()
                process.start(stop_after_crawl=False)
            finally:
                refresher.stop()
                live.update(BOARD.render())
    finally:
        if server is not None:
            server.stop()
    elapsed = time.monotonic() - started

    pages = sum(int(c.stats.get_value("response_received_count", 0)) for c in crawlers)
    failed = [s for s, c in zip(sites, crawlers, strict=True)
              if c.stats.get_value("finish_reason") not in ("finished", None)]
    if args.jobdir:  # a finished job's queue and seen-requests would filter out the next crawl
        for site, crawler in zip(sites, crawlers, strict=True):
            if crawler.stats.get_value("finish_reason") == "finished":
                shutil.rmtree(args.jobdir / site, ignore_errors=True)
    err.print()
    err.print(f"fetched {pages} responses in {elapsed:.1f} s ({pages / max(elapsed, 1e-6):.1f} per second)")
    return _report(args, failed, show_query=args.bundled)


class _Refresher:
    """Redraws the live table from a thread while the reactor runs in the main one."""

    def __init__(self, live: Any) -> None:
        import threading

        self.live = live
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        from crawler.progress import BOARD

        while not self._stop.wait(0.25):
            self.live.update(BOARD.render())

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def _report(args: argparse.Namespace, failed: list[str], show_query: bool) -> int:
    """The summary table (and the analyst query) from the dataset as stored."""
    from rich.console import Console
    from rich.table import Table

    # Piped output (make run > log) gets rich's 80 columns by default: too narrow for the tables.
    console = Console() if sys.stdout.isatty() else Console(width=130)
    try:
        from pipelines.dataset import connect, print_summary
    except ImportError as exc:  # the storage pipelines are not installed: nothing to summarise
        print(f"kabar crawl: cannot read the dataset ({exc})", file=sys.stderr)
        return 1
    print_summary(args.out, console=console)
    if show_query:
        console.print("\n[bold]Events, linked across outlets[/bold] (DuckDB over the Parquet dataset):")
        console.print(ANALYST_QUERY, highlight=False)
        con = connect(args.out)
        try:
            cursor = con.execute(ANALYST_QUERY)
            table = Table()
            for col in cursor.description:
                table.add_column(col[0])
            for row in cursor.fetchall():
                table.add_row(*("" if v is None else str(v) for v in row))
        finally:
            con.close()
        console.print(table)
    if failed:
        print(f"kabar crawl: spiders that did not finish cleanly: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
