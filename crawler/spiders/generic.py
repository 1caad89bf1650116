"""Any Indonesian news site, from its sitemap, RSS/Atom feed or a listing page.

    scrapy crawl generic -a sitemap=https://mediaindonesia.com/sitemap.xml
    scrapy crawl generic -a feed=https://www.antaranews.com/rss/terkini.xml -a max_articles=20
    scrapy crawl generic -a listing=https://news.detik.com/indeks -a site=detik

Article pages are told apart by URL shape (a date in the path, a numeric id or a long slug)
and then confirmed by ``og:type=article`` / ld+json ``NewsArticle``. The site key is the
registered outlet's key for a registered host (``satuarah`` for satuarah.co, as ``scrapy crawl
satuarah`` gives it), else the host without ``www.``, unless ``site`` is given.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from kabar.crawler.spiders.base import NewsSpider, SpiderArgumentError
from kabar.extract.sites import site_key


class GenericSpider(NewsSpider):
    name = "generic"
    ARTICLE_PATTERNS = (
        re.compile(r"/\d{4}[/-]\d{2}[/-]\d{2}/[^/]+"),  # /2023/09/25/slug, /2023-09-25/slug
        re.compile(r"/\d{5,}/[a-z0-9]+(?:-[a-z0-9]+){2,}/?$"),  # /section/123456/slug
        re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+){4,}/?$"),  # a slug of five words or more
    )
    NOT_ARTICLE_PATTERNS = (
        re.compile(
            r"/(?:tag|tags|topic|topik|category|kategori|author|penulis|search|cari|page|feed|video|foto)/"
        ),
    )
    PAGING_LINKS = "//a[contains(@href,'page=')][@rel='next' or contains(@class,'next')]"

    def __init__(
        self,
        *args: Any,
        sitemap: str | None = None,
        feed: str | None = None,
        listing: str | None = None,
        site: str | None = None,
        **kwargs: Any,
    ) -> None:
        entries = [u for u in (sitemap, feed, listing) if u]
        if not entries:
            raise SpiderArgumentError("generic needs -a sitemap=URL, -a feed=URL or -a listing=URL")
        first = urlsplit(entries[0])
        if not first.scheme or not first.hostname:
            raise SpiderArgumentError(f"not an absolute URL: {entries[0]!r}")
        origin = f"{first.scheme}://{first.netloc}"
        self.ORIGINS = (origin,)
        self.SITEMAPS = (self._path(sitemap),) if sitemap else ()
        self.FEEDS = (self._path(feed),) if feed else ()
        self.LISTINGS = (self._path(listing),) if listing else ()
        # A registered outlet's host gets the outlet's key (as its own spider gives it).
        self.site = site or site_key(first.hostname) or ""
        super().__init__(*args, **kwargs)

    @staticmethod
    def _path(url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")
