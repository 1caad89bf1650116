"""IDN Times (www.idntimes.com): sitemap (advertised in robots.txt) and category hub cards."""

from __future__ import annotations

import re

from crawler.spiders.base import NewsSpider


class IdntimesSpider(NewsSpider):
    name = "idntimes"
    site = "idntimes"
    ORIGINS = ("https://www.idntimes.com", "https://idntimes.com")
    SITEMAPS = ("/sitemap.xml",)
    LISTINGS = ("/news", "/news/indonesia")
    # 2024–: /{category}/{subcategory}/{slug}-{author5}-{article6}; up to 2021: /{cat}/{sub}/{author}/{slug}.
    ARTICLE_PATTERNS = (
        re.compile(r"^/[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+-[a-z0-9]{5}-[a-z0-9]{6}/?$"),
        re.compile(r"^/[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+/[a-z0-9]+(?:-[a-z0-9]+){2,}/?$"),
    )
    NOT_ARTICLE_PATTERNS = (re.compile(r"^/(?:author|tag|search|ajax|v1|tag-manager|indeks)(?:/|$)"),)
    # Cards: <a><h2 data-cy="ds-card-article-title">…</h2></a>.
    LISTING_LINKS = "//a[.//h2[@data-cy='ds-card-article-title']]"
    # The card's date: "22 Oct 2023, 12:00 WIB" (English month abbreviations).
    LISTING_DATE = "ancestor::div[1]//*[@data-cy='ds-card-article-pubdate']//text()"
