"""Koran Jakarta (koran-jakarta.com): no sitemap or feed known, so the home page and sections."""

from __future__ import annotations

import re

from crawler.spiders.base import NewsSpider


class KoranjakartaSpider(NewsSpider):
    name = "koranjakarta"
    site = "koranjakarta"
    ORIGINS = ("https://koran-jakarta.com", "https://www.koran-jakarta.com", "http://www.koran-jakarta.com")
    LISTINGS = ("/", "/category/nasional/", "/category/megapolitan/")
    # Newest /{YYYY-MM-DD}/{slug}; older /{slug} (a slug of at least four words, so /tentang-kami is not one).
    ARTICLE_PATTERNS = (
        re.compile(r"^/\d{4}-\d{2}-\d{2}/[\w-]+/?$"),
        re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$"),
    )
    NOT_ARTICLE_PATTERNS = (re.compile(r"^/(?:category|tag|images|page|search|redaksi|tentang-kami)(?:/|$)"),)
    # Listing items: div.articleinner > h2.indextitle a.
    LISTING_LINKS = "//div[contains(@class,'articleinner')]//h2[contains(@class,'indextitle')]/a"
    # The date beside an item: "Kamis 2/11/2023 | 07:30".
    LISTING_DATE = "ancestor::div[contains(@class,'articleinner')][1]//span[contains(@class,'date')]//text()"
    LISTING_NEXT = "//div[contains(@class,'pagination')]//a[contains(@class,'next')]"
