"""viva.co.id (``www.``, ``life.``, ``news.`` … channels).

Markup facts (2016 fixture): headline ``article.article-detail div.title h1``, date
``div.date[itemprop=datePublished]`` ("Selasa, 16 Februari 2016 | 13:01 WIB"), body
``div#article-content`` which also holds the share bar ("Tweet"), embedded tweets, the
Facebook comment portlet and "TERKAIT" / "FOTO TERPOPULER" lists.  The body starts with a
"VIVA.co.id - " dateline, kept as on every site.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "viva"
HOSTS = ("viva.co.id",)
SITE_NAMES = ("VIVA", "VIVA.co.id", "Viva.co.id")

# Crawl sources: the Indeks listing; articles /berita/{section}/{id}-{slug}
# (2015: /{section}/read/{id}-{slug}).
CRAWL = CrawlSources(
    origins=("https://www.viva.co.id",),
    listings=("/indeks",),
    article_patterns=(r"^/berita/[\w-]+/\d+-[\w-]+/?$", r"^/[\w/-]+/read/\d+-[\w-]+/?$"),
    not_article_patterns=(r"^/(?:tag|indeks|search|foto|video)(?:/|$)",),
)

TITLE = ("article.article-detail div.title h1", "div.main-content-detail h1", "h1.main-content-title", "h1")
DATE = ("div.date[itemprop='datePublished']", "div.main-content-date", "div.date")
BODY = ("div#article-content", "div.main-content-detail", "div.article-detail div.content")
AUTHORS = ("div.main-content-author a", "span[itemprop='author']")
NOISE = (
    "div.modList",
    ".portlet",  # section.portlet: "TERKAIT", "FOTO TERPOPULER", comments
    "#tombol_more",  # "Load More..."
    "div.fb-comments",
    "blockquote.twitter-tweet",
    "blockquote.instagram-media",
    "[class*='related']",
    "[class*='terkait']",
    "div.share",
    "div.social",
    "figure",
    "figcaption",
    "script",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE)
