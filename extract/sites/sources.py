"""Where an outlet's articles are found: the crawl half of a site module, as plain data.

A site module that sets ``CRAWL = CrawlSources(...)`` beside its extraction selectors is
crawlable: :mod:`crawler.spiders.outlets` builds one spider per such module (named by the
module's ``KEY``), so ``scrapy crawl <key>`` and ``kabar crawl <key>`` work without a spider
module of its own.  Nothing here imports Scrapy (extract/ stays pure); the XPaths and regular
expressions are strings the spider compiles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class CrawlSources:
    """One outlet's discovery paths, article URL shape, listing markup and politeness overrides."""

    origins: tuple[str, ...]  # real origins ("https://satuarah.co"); the first is the canonical one
    sitemaps: tuple[str, ...] = ()  # paths of sitemaps or sitemap indexes
    feeds: tuple[str, ...] = ()  # paths of RSS/Atom feeds
    listings: tuple[str, ...] = ()  # paths of index / section listing pages
    date_archive: str | None = None  # path template with {date} (YYYY-MM-DD), fetched per day with since
    search: str | None = None  # path template with {query}, used with query/keywords
    article_patterns: tuple[str, ...] = ()  # regular expressions on the URL path of an article
    not_article_patterns: tuple[str, ...] = ()  # paths that are never articles (tags, sections …)
    listing_links: str = "//a[@href]"  # XPath of the article links of a listing page
    listing_next: str | None = None  # XPath of a listing page's "next page" links
    listing_date: str | None = None  # XPath, relative to a listing link, of the date shown beside it
    paging_links: str | None = None  # XPath of an article's continuation-page (?page=N) links
    published_text: str | None = None  # XPath of a visible date when the page has no machine date
    # Politeness overrides for this outlet only (Scrapy setting names: DOWNLOAD_DELAY, …).
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not self.origins or not all(urlsplit(o).scheme and urlsplit(o).hostname for o in self.origins):
            raise ValueError(f"origins must be absolute URLs (https://example.co.id), got {self.origins!r}")
        if not self.article_patterns:
            raise ValueError("article_patterns: name at least one URL path pattern of an article")

    @property
    def host(self) -> str:
        """The canonical origin's host (also the folder name of a bundled offline copy)."""
        return urlsplit(self.origins[0]).hostname or ""
