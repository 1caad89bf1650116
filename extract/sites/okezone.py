"""okezone.com and its channels (news., celebrity., lifestyle., economy. …).

Markup facts: 2025 (public scraper code, unverified here): headline ``div.title-article > h1``,
date ``div.journalist > span``, body ``div.c-detail.read``.  2015 layout: body ``#contentx``
(``div.dtlnews``), headline ``div.titles h1`` (the page's first ``<h1>`` is the logo); 2017
layout: headline ``div.title-detail h1``, body ``div.ctn-desc``.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "okezone"
HOSTS = ("okezone.com",)
SITE_NAMES = ("Okezone", "Okezone.com", "Okezone News", "Okezone Celebrity", "Okezone Lifestyle")

# Crawl sources of Okezone News: its front page; articles /read/{yyyy}/{mm}/{dd}/{channel}/{id}/{slug}.
CRAWL = CrawlSources(
    origins=("https://nasional.okezone.com",),
    listings=("/",),
    article_patterns=(r"^/read/\d{4}/\d{2}/\d{2}/\d+/\d+/[\w-]+/?$",),
    not_article_patterns=(r"^/(?:tag|indeks|search)(?:/|$)",),
)

TITLE = ("div.title-article h1", "div.title-detail h1", "div.titles h1")
DATE = ("div.journalist span", "div.meta-post time.tgl", "time.tgl", "div.namerep b")
BODY = ("div.c-detail.read", "#contentx", "div.dtlnews", "div.ctn-desc", "#article-box")
AUTHORS = ("div.journalist a", "div.namerep a")
NOISE = (
    ".detads",
    ".box-gnews",
    ".paging",
    ".pagination",
    ".baca-juga",
    ".bacajuga",
    ".newsmore",
    ".ads",
    "figure",
    "figcaption",
    ".caption",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE)
