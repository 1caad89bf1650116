"""Scrapy settings for kabar: polite by default, built to run unattended.

Every spider (``scrapy crawl <site>`` or ``kabar crawl``) reads these. Crawls of the bundled
offline sites on 127.0.0.1 switch the politeness delays off from the command line
(``kabar crawl --bundled`` does it for you); real sites keep them.
"""

from __future__ import annotations

BOT_NAME = "kabar"
SPIDER_MODULES = ["kabar.crawler.spiders"]
NEWSPIDER_MODULE = "kabar.crawler.spiders"

# Say who we are: news sites block anonymous bots sooner than named research crawlers.
USER_AGENT = "kabar/0.1 (+https://github.com/kabar-news/kabar; research crawler)"

# --- politeness -------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# --- robustness -------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # a news article page is < 1 MB; larger is a trap or a bomb
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Wait before each retry: exponential backoff, or the server's Retry-After (see middlewares.py).
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
REDIRECT_MAX_TIMES = 5
# Scrapy's HTTP/1.1 handler, with a bound on response header lines and bytes (crawler/http.py).
DOWNLOAD_HANDLERS = {
    "http": "kabar.crawler.http.BoundedHTTPDownloadHandler",
    "https": "kabar.crawler.http.BoundedHTTPDownloadHandler",
}
DOWNLOADER_MIDDLEWARES = {
    # Off-origin requests (scheme, host, port) and URLs over URLLENGTH_LIMIT become errors rows;
    # Scrapy's own filters dropped them without one (see middlewares.py).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "kabar.crawler.middlewares.OriginGuardMiddleware": 50,
    # Runs just before RetryMiddleware (550) on the way back, so the retry it schedules waits.
    "kabar.crawler.middlewares.BackoffMiddleware": 560,
    # Sees a 3xx or meta refresh before RedirectMiddleware (600) and MetaRefreshMiddleware (580):
    # off-site and looping redirects become errors.
    "kabar.crawler.middlewares.RedirectGuardMiddleware": 610,
    # robots.txt that answers 5xx or cannot be fetched: the host is not crawled (RFC 9309).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "kabar.crawler.middlewares.RobotsTxtRFCMiddleware": 100,
    # Incremental fetches (skip unchanged articles, conditional requests), where Scrapy's own
    # HttpCacheMiddleware sits: right before the downloader.
    "kabar.crawler.conditional.ConditionalRequestMiddleware": 900,
}
SPIDER_MIDDLEWARES = {"scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None}
URLLENGTH_LIMIT = 2083

# Back-pressure: extraction runs in a process pool (pipelines/pool.py) that is slower than the
# downloads; with Scrapy's default 5 MB of responses waiting in the item pipelines, hundreds of
# parsed pages pile up in memory (a 5,000-article crawl grew to 450 MB); 1 MB keeps it flat (~255 MB).
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 1_000_000
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for the output of every response, however little it
# yields (default 100: 100 tasks per article page, which yields one item, about 100k tasks per 1,000
# pages; a profiled crawl spent more time creating and scheduling them than writing the raw store).
# Our callbacks yield one item or a listing's few dozen requests: 16 keeps those in parallel.
CONCURRENT_ITEMS = 16

# --- output -----------------------------------------------------------------------------------
# Where the pipelines write the raw store, the Parquet dataset and the incremental state.
KABAR_OUT = "out/dataset"
ITEM_PIPELINES = {
    "kabar.pipelines.raw.RawStorePipeline": 100,
    "kabar.pipelines.extract_pipeline.ExtractPipeline": 200,
    "kabar.pipelines.validate.ValidatePipeline": 300,
    "kabar.pipelines.dedup.DedupPipeline": 400,
    "kabar.pipelines.store.StorePipeline": 500,
}
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# Large crawls: keep the request queue on disk when JOBDIR is set (``kabar crawl --jobdir``).
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
