"""Incremental fetches as a downloader middleware, the way Scrapy's HTTP cache policy does them.

The spider marks its article requests (``meta["kabar_article"]``, with the sitemap's ``lastmod``
when it has one); this middleware looks the URL up in the incremental state of the output
directory (:class:`pipelines.state.CrawlState`, which the dedup and store pipelines write):

* stored, and the sitemap ``lastmod`` is not newer than the stored one: not requested at all
  (:class:`NotModifiedSinceLastCrawl`, which the spider's errback passes over silently);
* stored otherwise: requested with ``If-None-Match`` / ``If-Modified-Since``; the site's 304
  costs no body and yields nothing;
* new: requested as it is.

So the spider only discovers and parses; what was crawled before is this component's business.
``KABAR_INCREMENTAL = False`` turns it off.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request

from kabar.extract.wib import JAKARTA


class NotModifiedSinceLastCrawl(IgnoreRequest):
    """The sitemap says the article has not changed since it was stored: no request is made."""


def parse_stamp(value: Any) -> datetime | None:
    """A stored ``lastmod`` (ISO 8601, or RFC 822 from an older state) -> aware datetime (naive = WIB)."""
    if not value:
        return None
    text = str(value).strip()
    try:
        when = datetime.fromisoformat(text.replace(" ", "T", 1) if text[10:11] == " " else text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=JAKARTA)


class ConditionalRequestMiddleware:
    """Downloader middleware: skip unchanged articles, fetch the others conditionally."""

    def __init__(self, out_dir: str, stats: Any) -> None:
        self.out_dir = out_dir
        self.stats = stats
        self._state: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConditionalRequestMiddleware:
        if not crawler.settings.getbool("KABAR_INCREMENTAL", True):
            raise NotConfigured("KABAR_INCREMENTAL is off")
        middleware = cls(crawler.settings.get("KABAR_OUT") or "out/dataset", crawler.stats)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider: Any = None) -> None:
        try:
            from kabar.pipelines.state import CrawlState
        except ImportError:  # the extraction-only install: crawl everything
            return
        # The state of this output directory, the one the dedup and store pipelines write.
        self._state = CrawlState.shared(self.out_dir)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if not request.meta.get("kabar_article") or self._state is None:
            return None
        seen = self._state.seen(request.meta.get("real_url") or request.url)
        if seen is None:
            return None
        listed, stored = request.meta.get("lastmod"), parse_stamp(getattr(seen, "lastmod", None))
        if listed and stored and listed <= stored:
            self.stats.inc_value("kabar/skipped_unchanged")
            raise NotModifiedSinceLastCrawl(f"unchanged since the last crawl: {request.url}")
        if getattr(seen, "etag", None):
            request.headers.setdefault("If-None-Match", seen.etag)
        if getattr(seen, "last_modified", None):
            request.headers.setdefault("If-Modified-Since", seen.last_modified)
        return None
