"""Several crawler processes (on one or many machines) sharing one crawl through Redis.

``kabar crawl --redis redis://HOST:6379/0`` swaps Scrapy's in-memory scheduler for scrapy-redis':
the request queue and the "seen requests" fingerprints live in Redis, so every node started on
the same Redis *run* takes requests from one queue and no URL is fetched twice across nodes.
Each node still runs the whole pipeline (raw WARC store, extraction, Parquet) into its own
``--out`` directory, because a dataset directory has a single writer (``pipelines.lock``); the
nodes' directories together are the dataset (``pipelines.dataset`` globs read them as one).

Keys are scoped to a run: ``kabar:<spider>:<run>:requests`` / ``…:dupefilter``.  ``KABAR_REDIS_RUN``
(``-s KABAR_REDIS_RUN=…``) names it; the default is the current UTC hour (``20261122T06``), so
nodes started by the same cron slot join one run and the next scheduled run starts afresh (the
incremental state then skips what did not change).  The keys persist while nodes come and go
(``SCHEDULER_PERSIST``: a node that finishes must not wipe the queue another node still reads) and
expire ``KABAR_REDIS_TTL`` seconds (default two days) after a node closes.

A node whose queue runs dry waits ``KABAR_REDIS_MAX_IDLE`` seconds (default 15) for other nodes'
discoveries before it stops: the first node to start may otherwise finish before the node that
parsed the sitemap has queued the articles.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import DontCloseSpider

DEFAULT_TTL = 2 * 24 * 3600
DEFAULT_MAX_IDLE = 15.0
# Stat: requests the whole shared run has seen for a spider (all nodes), set when a node closes.
SHARED_SEEN_STAT = "kabar/redis_run_requests_seen"


def default_run_id() -> str:
    """The current UTC hour: nodes started by one cron slot share it."""
    return time.strftime("%Y%m%dT%H", time.gmtime())


def check_redis_url(url: str) -> str:
    """``redis://[:password@]host[:port][/db]`` (or ``rediss://``, ``unix://``); ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        raise ValueError(f"--redis must be a URL like redis://127.0.0.1:6379/0, got {url!r}")
    return url


def redis_settings(url: str, run_id: str | None = None) -> dict[str, Any]:
    """The Scrapy settings that put a crawl's scheduler and dupefilter on the Redis at ``url``."""
    run = run_id or default_run_id()
    return {
        "REDIS_URL": check_redis_url(url),
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"kabar:%(spider)s:{run}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"kabar:%(spider)s:{run}:dupefilter",
        "SCHEDULER_PERSIST": True,
        "KABAR_REDIS_RUN": run,
        "EXTENSIONS_REDIS": {"kabar.crawler.distributed.SharedCrawl": 600},
    }


def apply(settings: Any, url: str) -> None:
    """Set :func:`redis_settings` on Scrapy ``settings`` (run id from ``KABAR_REDIS_RUN`` if set)."""
    import warnings

    from scrapy.exceptions import ScrapyDeprecationWarning

    # scrapy-redis 0.9 still passes spider= to the stats collector: not our users' concern.
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module=r"scrapy_redis\.")
    values = redis_settings(url, settings.get("KABAR_REDIS_RUN") or None)
    extensions = values.pop("EXTENSIONS_REDIS")
    for name, value in values.items():
        settings.set(name, value, priority="cmdline")
    settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"), **extensions}, priority="cmdline")


class SharedCrawl:
    """Extension for Redis crawls: wait for peers before closing, and let the run's keys expire."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.max_idle = crawler.settings.getfloat("KABAR_REDIS_MAX_IDLE", DEFAULT_MAX_IDLE)
        self.ttl = crawler.settings.getint("KABAR_REDIS_TTL", DEFAULT_TTL)
        self.idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedCrawl:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.busy, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def busy(self, *args: Any, **kwargs: Any) -> None:
        self.idle_since = None

    def spider_idle(self, spider: Any) -> None:
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.max_idle:
            raise DontCloseSpider  # another node may still be queueing requests

    def spider_closed(self, spider: Any) -> None:
        scheduler = getattr(getattr(self.crawler.engine, "_slot", None), "scheduler", None)
        server = getattr(scheduler, "server", None)
        if server is None or scheduler is None:
            return
        for key in (getattr(scheduler.queue, "key", None), getattr(scheduler.df, "key", None)):
            if key:
                server.expire(key, self.ttl)
        # A node may fetch nothing because its peers took every request of the run; the run's
        # seen-request count tells the exit code that the site itself was crawled.
        seen_key = getattr(scheduler.df, "key", None)
        if seen_key:
            self.crawler.stats.set_value(SHARED_SEEN_STAT, int(server.scard(seen_key)))
