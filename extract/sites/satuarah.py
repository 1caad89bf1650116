"""Satu Arah (satuarah.co), a Bekasi-based national news site.

Nothing of its markup is in the reference material (shared/realhtml/SITES.md §5); the page
seen in the seed dump is a WordPress news theme (Yoast SEO: ``article:published_time`` and
JSON-LD dates in UTC, which the record converts to WIB), so the selectors are the WordPress
theme conventions: ``h1.entry-title``, ``.entry-meta`` byline and ``time.entry-date``,
``div.entry-content`` with inline "Baca Juga:" paragraphs, then tags, share buttons, the
"Artikel Terkait" list and the comment form.  Other WordPress-based outlets fit the same
selectors, which is why they are written as theme conventions, not satuarah-specific classes.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "satuarah"
HOSTS = ("satuarah.co",)
SITE_NAMES = ("SATUARAH.CO", "Satu Arah", "satuarah.co")

# Crawl sources: a WordPress site (Yoast sitemap index, /feed/, category pages).
CRAWL = CrawlSources(
    origins=("https://satuarah.co", "https://www.satuarah.co"),
    sitemaps=("/sitemap_index.xml",),
    feeds=("/feed/",),
    listings=("/category/nasional/",),
    # WordPress permalinks: /{yyyy}/{mm}/{dd}/{slug}/ or /{slug}/ (at least four words).
    article_patterns=(r"^/\d{4}/\d{2}/\d{2}/[\w-]+/?$", r"^/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$"),
    not_article_patterns=(
        r"^/(?:category|tag|author|page|feed|wp-[a-z]+|search|tentang-kami|kontak)(?:/|$)",
    ),
    listing_links="//article//*[contains(@class,'entry-title')]/a",
    listing_next="//a[contains(@class,'next') and contains(@class,'page-numbers')]",
)

TITLE = ("h1.entry-title", "article h1", "h1.post-title")
DATE = ("time.entry-date.published", "time.entry-date", ".posted-on time", "time[datetime]")
BODY = ("div.entry-content", "div.post-content", "div.td-post-content", "article .content")
AUTHORS = (".entry-meta .author a", ".entry-meta .author", ".byline .author", 'a[rel="author"]')
SECTION = (".entry-categories a", ".breadcrumbs span:not(:first-child):not(.breadcrumb_last) a")
TAGS = (".tags-links a", 'a[rel="tag"]')
NOISE = (
    "figure",
    ".wp-caption",
    "figcaption",
    ".sharedaddy",
    ".share-buttons",
    ".jp-relatedposts",
    ".related-posts",
    '[class*="baca-juga"]',
    ".code-block",  # ad inserter blocks
    ".adsbygoogle",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(
        ctx,
        body=BODY,
        noise=NOISE,
        title=TITLE,
        authors=AUTHORS,
        date=DATE,
        section=SECTION,
        tags=TAGS,
    )
