"""Downloader middlewares: wait before retrying, as a polite crawler must.

Scrapy's ``RetryMiddleware`` re-schedules a failed request at once. A site that answers 429 or
503 is asking us to slow down, so :class:`BackoffMiddleware` sleeps first: for the time the
server names in ``Retry-After`` (seconds or an HTTP date), else ``RETRY_BACKOFF_BASE * 2**n``
for the n-th retry, never longer than ``RETRY_BACKOFF_MAX``. The sleep is asynchronous: other
requests keep flowing while this one waits.

:class:`OriginGuardMiddleware` refuses, as recorded failures, requests off the spider's origins
(scheme, host and port) and URLs over ``URLLENGTH_LIMIT``, where Scrapy's offsite and URL-length
filters dropped them without a row; :class:`RedirectGuardMiddleware` turns off-site and looping
redirects (HTTP 3xx and ``<meta http-equiv=refresh>``) into recorded failures;
:class:`RobotsTxtRFCMiddleware` does not crawl a host whose robots.txt cannot be read (RFC 9309).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from ipaddress import ip_address
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.response import get_meta_refresh
from twisted.internet import reactor, task
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class BackoffMiddleware:
    """Delay responses that RetryMiddleware is about to retry (and retryable exceptions)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.max_retries = settings.getint("RETRY_TIMES")
        self.codes = {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
        self.enabled = settings.getbool("RETRY_ENABLED")
        self.exceptions = tuple(
            load_object(e) if isinstance(e, str) else e for e in settings.getlist("RETRY_EXCEPTIONS")
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        return cls(crawler)

    def delay_for(self, request: Request, retry_after: float | None) -> float:
        attempt = int(request.meta.get("retry_times", 0))
        delay = retry_after if retry_after is not None else self.base * (2**attempt)
        return min(max(delay, 0.0), self.cap)

    def _will_retry(self, request: Request) -> bool:
        if not self.enabled or request.meta.get("dont_retry"):
            return False
        limit = int(request.meta.get("max_retry_times", self.max_retries))
        return int(request.meta.get("retry_times", 0)) < limit

    async def _sleep(self, seconds: float, request: Request, why: str) -> None:
        if seconds <= 0:
            return
        logger.info("backing off %.1fs before retrying %s (%s)", seconds, request.url, why)
        self.crawler.stats.inc_value("kabar/backoff_count")
        self.crawler.stats.inc_value("kabar/backoff_seconds", seconds)  # type: ignore[arg-type]  # any number adds
        await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))

    async def process_response(self, request: Request, response: Response) -> Response:
        if response.status in self.codes and self._will_retry(request):
            wait = self.delay_for(request, retry_after_seconds(response.headers.get("Retry-After")))
            await self._sleep(wait, request, f"HTTP {response.status}")
        return response

    async def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, self.exceptions) and self._will_retry(request):
            await self._sleep(self.delay_for(request, None), request, type(exception).__name__)
        return None


REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


def _host_allowed(host: str, allowed: list[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in allowed)


def origin_allowed(spider: Any, url: str) -> bool:
    """Whether ``spider`` may fetch ``url``: its own ``origin_allowed`` (scheme, host and port, see
    :meth:`crawler.spiders.base.NewsSpider.origin_allowed`), else Scrapy's ``allowed_domains``."""
    check = getattr(spider, "origin_allowed", None)
    if check is not None:
        return bool(check(url))
    allowed = list(getattr(spider, "allowed_domains", None) or [])
    return not allowed or _host_allowed((urlsplit(url).hostname or "").lower(), allowed)


def _off_site(target: str) -> str:
    host = urlsplit(target).hostname or ""
    try:
        return " (a private or loopback address)" if ip_address(host).is_private else ""
    except ValueError:
        return ""


class OriginGuardMiddleware:
    """Downloader middleware 50, in place of Scrapy's ``OffsiteMiddleware`` and the spider-side
    ``UrlLengthMiddleware``: an off-origin request or an over-long URL raises ``IgnoreRequest``
    with the reason, so the request's errback writes an errors row.

    Scrapy's filters drop such requests without calling the errback (the offsite one from a
    ``request_scheduled`` signal handler), so a redirected, meta-refreshed or listed URL vanished
    without a trace; and its offsite filter compares host names only, so with ``--base-url
    http://127.0.0.1:8001`` any other port of 127.0.0.1 passed.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_length = crawler.settings.getint("URLLENGTH_LIMIT", 2083)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OriginGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if self.max_length and len(request.url) > self.max_length:
            raise IgnoreRequest(
                f"URL is {len(request.url):,} characters, over the limit of {self.max_length:,}; not fetched"
            )
        if not origin_allowed(self.crawler.spider, request.url):
            raise IgnoreRequest(f"off the site: {request.url}{_off_site(request.url)}; not fetched")
        return None


class RedirectGuardMiddleware:
    """Refuse, as a recorded failure, redirects that would otherwise lose an article silently.

    Scrapy drops a redirect to another host in its offsite filter when the new request is
    scheduled, and a redirect back to a URL already fetched in its duplicate filter; neither calls
    the request's errback, so the article would vanish without a row in the errors table.  Raised
    here, before RedirectMiddleware (600) follows ``Location``, the IgnoreRequest reaches the
    spider's errback.  A redirect to an address outside ``allowed_domains`` (another site, or a
    private / loopback address a hostile server points us at) is never followed.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("dont_redirect"):
            return response
        location = response.headers.get("Location")
        how = "redirected"
        target: str | None
        # An empty Location is still followed by RedirectMiddleware (to the same URL, which the
        # duplicate filter then drops without a row): treat it as the loop it is.
        if response.status in REDIRECT_CODES and location is not None:
            target = urljoin(request.url, location.decode("latin-1").strip())
        else:
            target, how = self._meta_refresh(response), "meta refresh"
        if target is None:
            return response
        if not origin_allowed(self.crawler.spider, target):
            raise IgnoreRequest(f"{how} off the site to {target}{_off_site(target)}; not followed")
        if target in {request.url, *request.meta.get("redirect_urls", ())}:
            raise IgnoreRequest(f"redirect loop: {request.url} redirects back to {target} ({how})")
        return response

    def _meta_refresh(self, response: Response) -> str | None:
        """The target of a ``<meta http-equiv=refresh>`` that Scrapy's MetaRefreshMiddleware (580)
        would follow (read from the page's head with a regex, no tree), or None."""
        settings = self.crawler.settings
        if not settings.getbool("METAREFRESH_ENABLED", True) or not isinstance(response, HtmlResponse):
            return None
        ignore = settings.getlist("METAREFRESH_IGNORE_TAGS")
        interval, url = get_meta_refresh(response, ignore_tags=ignore)
        if url is None or interval is None or interval >= settings.getfloat("METAREFRESH_MAXDELAY", 100):
            return None
        return url


def _no_traceback(record: logging.LogRecord) -> bool:
    """Scrapy logs an unreachable robots.txt with a full traceback; one line says it all (the
    errors table gets the cause too)."""
    if record.exc_info and record.exc_info[1] is not None:
        record.msg = f"{record.msg} ({type(record.exc_info[1]).__name__})"
        record.exc_info = None
    return True


# What a robots.txt that cannot be read stands for (RFC 9309 §2.3.1.4: assume complete disallow).
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
# RFC 9309 §2.5: crawlers must parse at least the first 500 KiB; the rest may be ignored.  Protego
# parses in the reactor thread and checks every request against every rule: an 8 MB robots.txt
# took 8 s to parse and 45 ms per request on two busy cores.
ROBOTS_MAX_BYTES = 500 * 1024


class RobotsTxtRFCMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt handling, except that an unreadable robots.txt means "not now".

    Scrapy crawls everything when robots.txt answers 5xx (the error page parses as no rules) or
    cannot be fetched at all.  RFC 9309 says a crawler must then assume complete disallow: the
    site is down or misconfigured, and its rules are unknown.  Here, after Scrapy's retries, such a
    host is not crawled in this run and each refused request carries the cause, so the spider's
    errback writes it to the errors table ("robots.txt unavailable (HTTP 503) …"); the next
    scheduled crawl tries again.  A 4xx robots.txt still means "no rules" (allow all), as the RFC
    says.  Overrides Scrapy's private ``_parse_robots`` / ``_robots_error`` hooks (Scrapy 2.13+).
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.unavailable: dict[str, str] = {}  # netloc -> why its robots.txt could not be read
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_no_traceback)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self.unavailable[netloc] = f"HTTP {response.status}"
            response = response.replace(body=DISALLOW_ALL)
        elif len(response.body) > ROBOTS_MAX_BYTES:  # the first 500 KiB, cut after a whole line
            head = response.body[:ROBOTS_MAX_BYTES]
            response = response.replace(body=head[: head.rfind(b"\n") + 1])
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # refused by another middleware: Scrapy's way
            super()._robots_error(exc, netloc)
            return
        self.unavailable[netloc] = f"{type(exc).__name__}: {exc}"[:200]
        waiting = self._parsers[netloc]
        parser = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        self._parsers[netloc] = parser
        waiting.callback(parser)  # type: ignore[union-attr]

    def process_request_2(self, rp: Any, request: Request) -> None:
        if rp is None:
            # Scrapy bug: every request after the first that waited for robots.txt gets None
            # (Twisted's Deferred.asFuture leaves None as the result for later awaiters), which
            # means "no rules", so those requests skipped robots.txt.  Use the parsed rules.
            stored = self._parsers.get(urlparse_cached(request).netloc)
            rp = None if isinstance(stored, Deferred) else stored
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            why = self.unavailable.get(urlparse_cached(request).netloc)
            if why:
                raise IgnoreRequest(
                    f"robots.txt unavailable ({why}): site not crawled in this run (RFC 9309)"
                ) from None
            raise
