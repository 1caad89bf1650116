"""``kabar crawl``: run the site spiders in-process into the Parquet dataset."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
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
  kabar crawl satuarah --base-url http://127.0.0.1:8003   # a copy: python -m kabar.crawler.localserver
  kabar crawl satuarah idntimes --base-url satuarah=http://127.0.0.1:8003 --base-url idntimes=URL2
  kabar crawl wartakota --jobdir out/jobs                      # Ctrl-C, then the same command resumes
  kabar crawl wartakota --redis redis://10.0.0.5:6379/0 --out out/node-a   # one of N nodes sharing a queue

exit codes:
  0    every site was crawled to the end (articles that failed are rows in the errors table)
  1    a site failed: it could not start (e.g. --redis unreachable), fetched nothing, did not
       finish, could not be written (disk full, read-only), or more of its fetches failed than
       --max-error-rate allows; stderr has one line per failed site
  2    usage error: a bad option, date, site name or --out (nothing was crawled)
  3    another kabar process holds --out or --jobdir (nothing was crawled; try again later)
  130  interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: the summary is printed, what was fetched
       is stored, and the same command carries on (with --jobdir, from the same queue)
"""

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3

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
    add(
        "--base-url",
        metavar="[SITE=]URL",
        action="append",
        help="crawl a local copy served at URL (repeat as SITE=URL for several sites)",
    )
    add("--jobdir", type=Path, metavar="DIR", help="keep the crawl queue in DIR so it can resume")
    add("--bundled", action="store_true", help="crawl the bundled offline copies on 127.0.0.1")
    add(
        "-s",
        "--set",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="any Scrapy or kabar setting, e.g. -s CONCURRENT_REQUESTS=4 (repeatable)",
    )
    add(
        "--redis",
        metavar="URL",
        help="share the request queue and seen-URL filter with other crawler "
        "processes on this Redis (redis://HOST:6379/0); each process needs its own --out",
    )
    add(
        "--max-error-rate",
        type=float,
        default=0.5,
        metavar="R",
        help="exit 1 when more than this share of a site's responses were failed fetches "
        "(default: %(default)s)",
    )
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
                raise UsageError(
                    "--base-url URL points at one site's copy: name exactly one SITE, "
                    "or write --base-url SITE=URL for each site"
                )
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


@dataclass
class SiteOutcome:
    """How one site's crawl ended, read once from its crawler (for the exit code and the log)."""

    site: str
    started: bool = False
    finish_reason: str | None = None
    responses: int = 0
    article_pages: int = 0
    fetch_errors: int = 0
    write_failures: int = 0
    shared_run_seen: int = 0  # --redis: requests seen by all nodes of the run
    failure: str | None = None  # why the spider could not start (one line)

    def problem(self, max_error_rate: float) -> str | None:
        """Why this site counts as failed (exit code 1), or None."""
        if self.failure:
            return f"could not start: {self.failure}"
        if not self.started:
            return "not crawled (the run was interrupted first)"
        if self.write_failures:
            return f"{self.write_failures} write(s) to the dataset failed (disk full or read-only?)"
        if self.finish_reason not in ("finished", None):
            return f"did not finish ({self.finish_reason})"
        if self.responses == 0 and not self.shared_run_seen:
            # With --redis a node that fetched nothing while its peers fetched is healthy.
            return "fetched nothing (no network, or the site is down)"
        if self.fetch_errors > max_error_rate * max(self.responses, 1):
            return f"{self.fetch_errors} failed fetches out of {self.responses} responses"
        return None


def _outcome(site: str, crawler: Any, failure: str | None) -> SiteOutcome:
    """Read a crawler's stats; a crawler that never started has none (Scrapy raises)."""
    from kabar.crawler.distributed import SHARED_SEEN_STAT

    try:
        stats = crawler.stats
    except (RuntimeError, AttributeError):  # "Crawler.stats is not set yet"
        return SiteOutcome(site, failure=failure)
    value = lambda key: int(stats.get_value(key, 0) or 0)  # noqa: E731 - a local shorthand
    return SiteOutcome(
        site,
        started=stats.get_value("start_time") is not None,
        finish_reason=stats.get_value("finish_reason"),
        responses=value("response_received_count"),
        article_pages=value("kabar/pages_fetched"),
        fetch_errors=value("kabar/fetch_errors"),
        write_failures=value("kabar/write_failures"),
        shared_run_seen=value(SHARED_SEEN_STAT),
        failure=failure,
    )


def run(args: argparse.Namespace) -> int:
    """Validate, lock, configure, serve (--bundled), crawl site after site, summarise, exit code.

    SIGINT/SIGTERM are handled for the whole run (see :class:`_Signals`), not only while Scrapy's
    reactor runs: a signal between two sites, while the summary prints or during the last flush
    ends the same way, with the summary, one line and exit code 128 + the signal."""
    from kabar.crawler.localserver import bundled_sites
    from kabar.crawler.spiders import SITE_SPIDERS

    with _Signals() as signals:
        try:
            sites = validate(args, list(SITE_SPIDERS), bundled_sites(SITE_SPIDERS))
            settings = _settings(args)
        except UsageError as exc:
            print(f"kabar crawl: {exc}", file=sys.stderr)
            return EXIT_USAGE
        locked = _take_locks(args, sites)
        if locked:
            print(f"kabar crawl: {locked}", file=sys.stderr)
            return EXIT_LOCKED
        with contextlib.ExitStack() as cleanup:
            try:
                base_urls = _base_urls_to_crawl(args, sites, cleanup)
            except UsageError as exc:
                print(f"kabar crawl: {exc}", file=sys.stderr)
                return EXIT_USAGE
            _local_politeness(settings, base_urls)
            started = time.monotonic()
            outcomes = _crawl_sites(args, settings, sites, base_urls, signals)
            elapsed = time.monotonic() - started
        _clear_finished_jobs(args, outcomes)
        _print_fetched(outcomes, elapsed)
        code = _report(args, show_query=args.bundled and signals.received is None)
        return _exit_code(outcomes, signals.received, code, args.max_error_rate)


class _Signals:
    """SIGINT and SIGTERM for the whole of ``kabar crawl``: recorded, never fatal.

    Scrapy's own handlers live only while its reactor runs (Twisted puts the default ones back
    when it stops), so a signal between two sites, during the summary or the last flush used to
    kill the process (exit -15, or a KeyboardInterrupt) without the summary.  These handlers stay
    from the first line of ``run`` to its exit code.  While a site is crawled the first signal
    asks Scrapy for its graceful stop (buffered rows flushed) and a second one stops the reactor
    at once, as Scrapy's handlers would; outside the reactor a signal is only recorded and the
    run skips the sites not started, prints the summary and exits 128 + signal.
    """

    SIGNALS = ("SIGINT", "SIGTERM")

    def __init__(self) -> None:
        self.received: int | None = None
        self._count = 0
        self._stop: Any = None  # (graceful, forced) while a reactor runs
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Signals:
        import signal

        for name in self.SIGNALS:
            signum = getattr(signal, name)
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, frame: Any) -> None:
        self._count += 1
        if self.received is None:
            self.received = signum
        if self._stop is not None:
            graceful, forced = self._stop
            (graceful if self._count == 1 else forced)()

    @contextlib.contextmanager
    def forwarding_to(self, graceful: Any, forced: Any) -> Any:
        """While the block runs, a signal calls ``graceful()`` (the first) or ``forced()``."""
        self._stop = (graceful, forced)
        try:
            if self.received is not None:  # arrived while the crawl was being set up
                graceful()
            yield
        finally:
            self._stop = None


def _settings(args: argparse.Namespace) -> Any:
    """Scrapy's settings for this run: project settings, --out, log level, -s pairs, --redis."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "kabar.crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("KABAR_OUT", str(args.out), priority="cmdline")
    settings.set("LOG_LEVEL", "INFO" if args.verbose else "WARNING", priority="cmdline")
    for pair in args.set:
        name, _, value = pair.partition("=")
        settings.set(name, value, priority="cmdline")
    settings.set(
        "EXTENSIONS", {**settings.getdict("EXTENSIONS"), "kabar.crawler.progress.CrawlProgress": 500}
    )
    if args.redis:  # several nodes, one crawl: see crawler/distributed.py
        from kabar.crawler.distributed import apply as share_through_redis

        try:
            share_through_redis(settings, args.redis)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return settings


def _take_locks(args: argparse.Namespace, sites: list[str]) -> str | None:
    """One writer per output directory and per job directory; the reason when another holds one.

    Refused now with one clear line, not with a traceback from inside Scrapy.  Held until the
    process exits (the pipelines take the --out lock again: it is re-entrant).  Two crawls sharing
    one --jobdir would pop each other's queue and lose articles, so --jobdir is locked as well.
    """
    from kabar.pipelines.lock import OutputLock, OutputLocked

    dirs = [args.out, *([args.jobdir] if args.jobdir else [])]
    try:
        for directory in dirs:
            OutputLock(directory).acquire()
    except OutputLocked as exc:
        return str(exc)
    return None


def _base_urls_to_crawl(
    args: argparse.Namespace, sites: list[str], cleanup: contextlib.ExitStack
) -> dict[str, str]:
    """{site: base URL}: --base-url as given, or the bundled server (stopped by ``cleanup``)."""
    if not args.bundled:
        return dict(args.base_urls)
    from kabar.crawler.localserver import SiteServer
    from kabar.crawler.spiders import SITE_SPIDERS

    try:
        server = SiteServer().start()
    except (FileNotFoundError, OSError) as exc:  # an install without tests/, or no free port
        raise UsageError(f"cannot serve the bundled sites: {exc}") from None
    cleanup.callback(server.stop)
    base_urls = {site: server.base_urls.get(SITE_SPIDERS[site].origin_host(), "") for site in sites}
    missing = [s for s, url in base_urls.items() if not url]
    if missing:
        raise UsageError(f"no bundled copy of {', '.join(missing)}")
    return base_urls


def _local_politeness(settings: Any, base_urls: dict[str, str]) -> None:
    """A local copy on this machine: politeness delays would only slow the crawl down."""
    if base_urls and all(urlsplit(u).hostname in LOOPBACK for u in base_urls.values()):
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8, priority="cmdline")


def _crawl_sites(
    args: argparse.Namespace,
    settings: Any,
    sites: list[str],
    base_urls: dict[str, str],
    signals: _Signals,
) -> list[SiteOutcome]:
    """Crawl the sites one after the other under the live progress table.

    Returns each site's outcome (``signals.received`` tells whether a signal cut the run).  One site
    after the other: the pipelines of one output directory share one state database and one
    lock, which a spider closing while another still runs would cut off.  After SIGINT/SIGTERM
    the running site stops cleanly (Scrapy's shutdown) and the others are not started.
    """
    from rich.console import Console
    from rich.live import Live
    from scrapy.utils.reactor import install_reactor

    from kabar.crawler.progress import BOARD
    from kabar.crawler.spiders import SITE_SPIDERS

    # Install Scrapy's reactor now: the sequencing below imports twisted's reactor, which would
    # otherwise install the default one and clash with the TWISTED_REACTOR setting.
    install_reactor(settings["TWISTED_REACTOR"])
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import defer, reactor
    from twisted.internet.error import ReactorNotRunning

    process = CrawlerProcess(settings)
    crawlers = {}
    for site in sites:
        crawler = process.create_crawler(SITE_SPIDERS[site])
        if args.jobdir:
            crawler.settings.set("JOBDIR", str(args.jobdir / site), priority="cmdline")
        crawlers[site] = crawler
    failures: dict[str, str] = {}
    kwargs = spider_kwargs(args)

    @defer.inlineCallbacks
    def crawl_in_turn() -> Any:
        try:
            for site, crawler in crawlers.items():
                if signals.received is not None:
                    break
                extra = {"base_url": base_urls[site]} if site in base_urls else {}
                try:
                    yield process.crawl(crawler, **kwargs, **extra)
                except Exception as exc:  # a spider that cannot open (dead Redis, unwritable dir)
                    failures[site] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        finally:
            # After Ctrl-C / SIGTERM Scrapy stops the reactor itself; stopping again would raise.
            with contextlib.suppress(ReactorNotRunning):
                reactor.stop()  # type: ignore[misc]  # twisted types the global reactor loosely

    err = Console(stderr=True)
    with Live(BOARD.render(), console=err, refresh_per_second=4, transient=False) as live:
        refresher = _Refresher(live)
        refresher.start()

        def stop_now() -> None:  # a second signal: Scrapy's "forcing unclean shutdown"
            with contextlib.suppress(ReactorNotRunning):
                reactor.stop()  # type: ignore[misc]

        # Called from the signal handler: callFromThread is the reactor's signal-safe entry.
        graceful = lambda: reactor.callFromThread(process.stop)  # noqa: E731
        forced = lambda: reactor.callFromThread(stop_now)  # noqa: E731
        try:
            with signals.forwarding_to(graceful, forced):
                if signals.received is None:  # a signal during the set-up: no site is started
                    crawl_in_turn()
                    # Scrapy's handlers are left out: _Signals covers the reactor's run as well.
                    process.start(stop_after_crawl=False, install_signal_handlers=False)
        finally:
            refresher.stop()
            live.update(BOARD.render())
    return [_outcome(site, crawler, failures.get(site)) for site, crawler in crawlers.items()]


def _clear_finished_jobs(args: argparse.Namespace, outcomes: list[SiteOutcome]) -> None:
    """A finished job's queue and seen-requests would filter out the next crawl: remove them."""
    if args.jobdir:
        for outcome in outcomes:
            if outcome.finish_reason == "finished":
                shutil.rmtree(args.jobdir / outcome.site, ignore_errors=True)


def _print_fetched(outcomes: list[SiteOutcome], elapsed: float) -> None:
    """One line with the same count as the progress table's "responses" column."""
    responses = sum(o.responses for o in outcomes)
    pages = sum(o.article_pages for o in outcomes)
    print(
        f"\nfetched {responses} responses ({pages} article pages; the rest robots.txt, sitemaps, feeds, "
        f"listings, 304s and errors) in {elapsed:.1f} s ({responses / max(elapsed, 1e-6):.1f} per second)",
        file=sys.stderr,
    )


def _exit_code(
    outcomes: list[SiteOutcome], interrupted: int | None, report_code: int, max_error_rate: float
) -> int:
    """The documented exit code (see DESCRIPTION); one line per failed site on stderr."""
    import signal

    for outcome in outcomes:
        problem = outcome.problem(max_error_rate)
        if problem and (interrupted is None or outcome.failure or outcome.write_failures):
            print(f"kabar crawl: {outcome.site}: {problem}", file=sys.stderr)
    if interrupted is not None:
        name = signal.Signals(interrupted).name
        print(
            f"kabar crawl: interrupted by {name}; the articles fetched so far are stored, "
            "the same command carries on",
            file=sys.stderr,
        )
        return 128 + interrupted
    if any(o.problem(max_error_rate) for o in outcomes) or report_code:
        return EXIT_FAILED
    return EXIT_OK


def _analyst_table(out: Path, connect: Any) -> Any:
    from rich.table import Table

    con = connect(out)
    try:
        cursor = con.execute(ANALYST_QUERY)
        table = Table()
        for col in cursor.description:
            table.add_column(col[0])
        for row in cursor.fetchall():
            table.add_row(*("" if v is None else str(v) for v in row))
    finally:
        con.close()
    return table


class _Refresher:
    """Redraws the live table from a thread while the reactor runs in the main one."""

    def __init__(self, live: Any) -> None:
        import threading

        self.live = live
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        from kabar.crawler.progress import BOARD

        while not self._stop.wait(0.25):
            self.live.update(BOARD.render())

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def _report(args: argparse.Namespace, show_query: bool) -> int:
    """The summary table (and the analyst query) from the dataset as stored."""
    from rich.console import Console

    # Piped output (make run > log) gets rich's 80 columns by default: too narrow for the tables.
    console = Console() if sys.stdout.isatty() else Console(width=130)
    try:
        from kabar.pipelines.dataset import connect, print_summary
    except ImportError as exc:  # the storage pipelines are not installed: nothing to summarise
        print(f"kabar crawl: cannot read the dataset ({exc})", file=sys.stderr)
        return 1
    import duckdb

    try:
        print_summary(args.out, console=console)
        if show_query:
            console.print("\n[bold]Events, linked across outlets[/bold] (DuckDB over the Parquet dataset):")
            console.print(ANALYST_QUERY, highlight=False)
            console.print(_analyst_table(args.out, connect))
    except duckdb.Error as exc:
        from kabar.crawler.commands.query import unreadable_message

        print(
            f"kabar crawl: cannot summarise the dataset: {unreadable_message([args.out]) or exc}",
            file=sys.stderr,
        )
        return 1
    return 0
