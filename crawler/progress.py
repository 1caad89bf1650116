"""Live crawl progress on stderr: a Scrapy extension feeding one shared rich table.

``kabar crawl`` runs several spiders in one process; each crawler gets a :class:`CrawlProgress`
extension (``EXTENSIONS`` setting) that counts, from Scrapy's signals, the pages fetched, the
articles stored (items that left the pipelines as records), the articles found unchanged (HTTP
304, sitemap ``lastmod`` not newer, or dropped by dedup) and the errors. They all report to the
process-wide :data:`BOARD`, which the command shows with ``rich.live.Live``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler


@dataclass
class SiteProgress:
    site: str
    pages: int = 0
    stored: int = 0
    unchanged: int = 0
    errors: int = 0
    status: str = "starting"
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None


class Board:
    """The counters of every crawler in this process (thread-safe; read by the display)."""

    def __init__(self) -> None:
        self.sites: dict[str, SiteProgress] = {}
        self.started = time.monotonic()
        self._lock = threading.Lock()

    def site(self, name: str) -> SiteProgress:
        with self._lock:
            return self.sites.setdefault(name, SiteProgress(name))

    def totals(self) -> SiteProgress:
        total = SiteProgress("total")
        for s in list(self.sites.values()):
            total.pages += s.pages
            total.stored += s.stored
            total.unchanged += s.unchanged
            total.errors += s.errors
        return total

    def render(self) -> Any:
        from rich.table import Table

        elapsed = time.monotonic() - self.started
        table = Table(title=f"kabar crawl — {elapsed:.0f} s", title_justify="left")
        for col in ("site", "status", "responses", "articles stored", "unchanged", "errors"):
            table.add_column(col, justify="left" if col in ("site", "status") else "right")
        for s in list(self.sites.values()):
            table.add_row(s.site, s.status, str(s.pages), str(s.stored), str(s.unchanged), str(s.errors))
        t = self.totals()
        table.add_section()
        table.add_row("total", "", str(t.pages), str(t.stored), str(t.unchanged), str(t.errors), style="bold")
        return table


BOARD = Board()


class CrawlProgress:
    """Scrapy extension: counts one crawler's progress into :data:`BOARD`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.progress: SiteProgress | None = None
        for handler, signal in (
            (self.spider_opened, signals.spider_opened),
            (self.spider_closed, signals.spider_closed),
            (self.response_received, signals.response_received),
            (self.item_scraped, signals.item_scraped),
            (self.item_dropped, signals.item_dropped),
            (self.item_error, signals.item_error),
        ):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        self.progress = BOARD.site(getattr(spider, "site", None) or spider.name)
        self.progress.status = "crawling"

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.progress:
            stats = self.crawler.stats
            self.progress.unchanged += int(stats.get_value("kabar/not_modified", 0)) + int(
                stats.get_value("kabar/skipped_unchanged", 0)
            )
            self.progress.status = "done" if reason == "finished" else reason
            self.progress.finished = time.monotonic()

    def response_received(self, response: Any, request: Any, spider: Any) -> None:
        if self.progress:  # every response, as Scrapy's response_received_count and the final line
            self.progress.pages += 1

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        if not self.progress:
            return
        kind = item.get("kind") if isinstance(item, dict) else None
        if kind == "record":
            self.progress.stored += 1
        elif kind in ("error", "fetch_error"):
            self.progress.errors += 1

    def item_dropped(self, item: Any, response: Any, exception: Exception, spider: Any) -> None:
        if self.progress:
            self.progress.unchanged += 1

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        if self.progress:
            self.progress.errors += 1
