"""mediaindonesia.com.

Markup facts (Fundus' publisher module and its 2025–26 fixtures, SITES.md §6): body paragraphs
and ``h2`` subheadings in ``div.article``; the lead photo's ``figcaption`` and
``p.related-news`` ("Baca juga : …") sit inside it; byline ``div.info div.author-2``.
The title is the publisher's JSON-LD ``headline``, structured data first as in every module
(and as Fundus reads this site). It can lack the visible ``<h1>``'s punctuation
("…Raja Ampat Apa Iya Betul Dicabut" for "…Raja Ampat: Apa Iya Betul Dicabut?"); the ``<h1>``
is the fallback when the page declares no headline.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "mediaindonesia"
HOSTS = ("mediaindonesia.com",)
SITE_NAMES = ("Media Indonesia", "MediaIndonesia.com", "mediaindonesia.com")

# Crawl sources: the sitemap; articles /{section}/{id}/{slug}.
CRAWL = CrawlSources(
    origins=("https://mediaindonesia.com", "https://www.mediaindonesia.com"),
    sitemaps=("/sitemap.xml",),
    article_patterns=(r"^/[\w-]+/\d+/[\w-]+/?$",),
    not_article_patterns=(r"^/(?:tag|search|foto|video|author)(?:/|$)",),
)

TITLE = ("section.detail h1", "div.article-title h1", "h1")
DATE = ("div.info span.date", "div.info time", "div.info")
BODY = ("div.article",)
AUTHORS = ("div.info div.author-2", "div.author-2")
TAGS = ("div.tag a", "div.tags a")
NOISE = (
    "p.related-news",
    ".related-news",
    "figure",
    "figcaption",
    "div.ext-channel",
    "div.ads",
    ".ad-slot",
    "div.tag",
    "div.tags",
    "div.share",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    fields = extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE, tags=TAGS)
    headline = (ctx.article_ld or {}).get("headline")
    if isinstance(headline, str) and headline.strip():
        fields["title"] = headline.strip()
    return fields
