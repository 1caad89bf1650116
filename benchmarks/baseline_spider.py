"""The crawl benchmark's baselines: a plain Scrapy spider over a list of URLs.

    python -m benchmarks.baseline_spider noop URLS.txt          # the ceiling: fetch, do nothing
    python -m benchmarks.baseline_spider trafilatura URLS.txt   # fetch + trafilatura extract(fast=True)

Same concurrency as ``kabar crawl`` on a local copy (8 requests, no delays); one process.
Prints ``pages=N`` (responses handled by the callback) on stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

CONCURRENCY = 8


class BaselineSpider(scrapy.Spider):
    name = "baseline"

    def __init__(self, urls: list[str], mode: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.mode = mode
        self.pages = 0
        if mode == "trafilatura":
            from trafilatura import extract

            self._extract = extract

    async def start(self) -> Any:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: scrapy.http.Response) -> None:
        self.pages += 1
        if self.mode == "trafilatura":
            self._extract(response.text, url=response.url, fast=True)


def main(argv: list[str]) -> int:
    mode, url_file = argv
    if mode not in ("noop", "trafilatura"):
        raise SystemExit(f"unknown mode {mode!r} (noop or trafilatura)")
    urls = Path(url_file).read_text("utf-8").split()
    process = CrawlerProcess(
        {
            "CONCURRENT_REQUESTS": CONCURRENCY,
            "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
            "DOWNLOAD_DELAY": 0,
            "ROBOTSTXT_OBEY": False,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
            "COOKIES_ENABLED": False,
        }
    )
    crawler = process.create_crawler(BaselineSpider)
    process.crawl(crawler, urls=urls, mode=mode)
    process.start()
    print(f"pages={crawler.spider.pages}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
