"""antaranews.com (ANTARA, the national news agency; channel subdomains such as ``otomotif.``).

Markup facts (2015–17 fixtures): headline ``h1.title`` (or ``div.bjbrt h1``), date
``time[itemprop=datePublished]`` with a ``datetime`` attribute, body ``div#content_news``, which
ends with the agency sign-off ("Editor: …", "COPYRIGHT © ANTARA 2016") removed by the shared
noise rules.  2020s layout (public scraper code, unverified here): body
``div.wrap__article-detail-content`` / ``div.post-content``, date ``span.article-date``.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "antaranews"
HOSTS = ("antaranews.com",)
SITE_NAMES = ("ANTARA News", "Antara News", "ANTARA", "antaranews.com")

# Crawl sources: the "terkini" RSS feed and listing; articles /berita/{id}/{slug}.
CRAWL = CrawlSources(
    origins=("https://www.antaranews.com", "https://antaranews.com"),
    feeds=("/rss/terkini.xml",),
    listings=("/terkini",),
    article_patterns=(r"^/berita/\d+/[\w-]+/?$",),
    not_article_patterns=(r"^/(?:tag|foto|video|infografik|terkini|search)(?:/|$)",),
    listing_links="//article//h3/a | //div[contains(@class,'card__post')]//h2/a",
)

TITLE = ("h1.title", "div.bjbrt h1", "div.wrap__article-detail-title h1", "h1.post-title")
DATE = ("time[itemprop='datePublished']", "span.article-date", "div.date")
BODY = ("div.wrap__article-detail-content", "div.post-content", "div#content_news")
AUTHORS = ("div.wrap__article-detail-info a[href*='/penulis/']", "p.text-muted a")
TAGS = ("ul.tags-widget a", "div.tags a")
NOISE = (
    "p.text-muted",
    "span.baca-juga",
    "div.baca-juga",
    "div.wrap__article-detail-info",
    "div.tags",
    "ul.tags-widget",
    "figure",
    "figcaption",
    "div.ads",
    "div.mt10",
    "div.quote_old",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE, tags=TAGS)
