"""Berita Jakarta (beritajakarta.id, mobile site): the Indeks /berita/terkini, sections and search."""

from __future__ import annotations

import re

from crawler.spiders.base import NewsSpider


class BeritajakartaSpider(NewsSpider):
    name = "beritajakarta"
    site = "beritajakarta"
    ORIGINS = ("https://m.beritajakarta.id", "https://www.beritajakarta.id", "https://beritajakarta.id")
    LISTINGS = ("/berita/terkini", "/kategori/pemerintahan")
    SEARCH = "/news/search?q={query}"
    ARTICLE_PATTERNS = (re.compile(r"^/(?:en/)?read/\d+/[\w-]+/?$"),)
    NOT_ARTICLE_PATTERNS = (re.compile(r"^/(?:kategori|wilayah|berita|siaran-pers|news)(?:/|$)"),)
    # Indeks and section items: div.news-list ul.list-index > li > a.
    LISTING_LINKS = (
        "//div[contains(@class,'news-list')]//ul[contains(@class,'list-index')]/li//a[contains(@href,'/read/')]"
    )
    # The date beside an Indeks item: "06-11-2023".
    LISTING_DATE = "ancestor::li[1]//span[contains(@class,'date')]//text()"
    LISTING_NEXT = "//ul[contains(@class,'pagination')]//a[contains(@href,'page=')]"
    # No JSON-LD, no article:published_time: the first span of div.content-info holds the date.
    # (its own text only: the icon <i>access_time</i> inside it is not part of the date).
    PUBLISHED_TEXT = "(//div[contains(@class,'content-info')]//span)[1]/text()"
