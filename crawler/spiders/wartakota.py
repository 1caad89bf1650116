"""Warta Kota (wartakota.tribunnews.com), Tribun network: sitemap, index-news, RSS, ?page=N articles."""

from __future__ import annotations

import re

from crawler.spiders.base import NewsSpider


class WartakotaSpider(NewsSpider):
    name = "wartakota"
    site = "wartakota"
    ORIGINS = ("https://wartakota.tribunnews.com", "http://wartakota.tribunnews.com")
    SITEMAPS = ("/sitemap.xml",)
    FEEDS = ("/rss",)
    LISTINGS = ("/index-news",)
    DATE_ARCHIVE = "/index-news?date={date}"
    # Legacy /{section?}/{yyyy}/{mm}/{dd}/{slug} and the 2025 /{section}/{numericId}/{slug}.
    ARTICLE_PATTERNS = (
        re.compile(r"^/(?:[\w-]+/)?\d{4}/\d{2}/\d{2}/[\w-]+/?$"),
        re.compile(r"^/[\w-]+/\d{5,}/[\w-]+/?$"),
    )
    NOT_ARTICLE_PATTERNS = (
        re.compile(r"^/(?:tag|topic|search|penulis|editor|index-news|video|foto|images|webstories|epaper|api)(?:/|$)"),
    )
    # index-news: `ul.lsi > li` with `h3 > a`; the date archive: `li.ptb15` with `h3.f16.fbo a`.
    LISTING_LINKS = "//ul[contains(@class,'lsi')]/li//h3/a | //li[contains(@class,'ptb15')]//h3/a"
    # The date beside an index-news item: "Senin, 27 November 2023 08:14 WIB".
    LISTING_DATE = "ancestor::li[1]//time//text()"
    LISTING_NEXT = "//div[contains(@class,'paging')]//a[contains(@href,'page=')]"
    PAGING_LINKS = "//div[contains(@class,'paging')]//a[contains(@href,'page=')]"
