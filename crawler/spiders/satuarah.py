"""Satu Arah (satuarah.co), a WordPress site: Yoast sitemap index, /feed/, category pages."""

from __future__ import annotations

import re

from crawler.spiders.base import NewsSpider


class SatuarahSpider(NewsSpider):
    name = "satuarah"
    site = "satuarah"
    ORIGINS = ("https://satuarah.co", "https://www.satuarah.co")
    SITEMAPS = ("/sitemap_index.xml",)
    FEEDS = ("/feed/",)
    LISTINGS = ("/category/nasional/",)
    # WordPress permalinks: /{yyyy}/{mm}/{dd}/{slug}/ or /{slug}/ (at least four words).
    ARTICLE_PATTERNS = (
        re.compile(r"^/\d{4}/\d{2}/\d{2}/[\w-]+/?$"),
        re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$"),
    )
    NOT_ARTICLE_PATTERNS = (
        re.compile(r"^/(?:category|tag|author|page|feed|wp-[a-z]+|search|tentang-kami|kontak)(?:/|$)"),
    )
    LISTING_LINKS = "//article//*[contains(@class,'entry-title')]/a"
    LISTING_NEXT = "//a[contains(@class,'next') and contains(@class,'page-numbers')]"
