"""liputan6.com and its channels (news., tekno., showbiz., photo. …).

Markup facts (2016 fixtures; 2025 from public scraper code): headline
``h1.read-page--header--title``, body ``div.article-content-body__item-content`` (2025) or
``div.read-page__content-body`` (2016), photo pages: ``figcaption`` of
``div.read-page--photo-gallery`` (the captions are the article), byline
``a.read-page-box__author__name`` / ``span.read-page--header--author__name``.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, body_text, extract_with, select_first
from kabar.extract.sites.sources import CrawlSources

KEY = "liputan6"
HOSTS = ("liputan6.com",)
SITE_NAMES = ("Liputan6.com", "Liputan6")

# Crawl sources: the Indeks listing; articles /{channel}/read/{id}/{slug}.
CRAWL = CrawlSources(
    origins=("https://www.liputan6.com",),
    listings=("/indeks",),
    article_patterns=(r"^/[\w-]+/read/\d+/[\w-]+/?$",),
    not_article_patterns=(r"^/(?:tag|indeks|search|photo|video)(?:/|$)",),
    listing_links="//article//h4//a | //article//h2//a",
)

TITLE = ("h1.read-page--header--title", "h1.entry-title")
DATE = ("time.read-page--header--author__datetime", "span.read-page-box__author__updated", "time[datetime]")
BODY = ("div.article-content-body__item-content", "div.read-page__content-body")
# photo pages (photo.liputan6.com): the text container is empty and the captions are the text
PHOTO_BODY = ("div.read-page--photo-gallery",)
AUTHORS = (
    "a.read-page-box__author__name",
    "span.read-page--header--author__name",
    "a.read-page--header--author__link",
)
TAGS = ("ul.tags--snippet__list a", "div.tags--snippet a")
NOISE = (
    ".baca-juga",
    ".baca-juga-collections",
    ".read-page--related-article",
    ".article-content-body__item-media",
    ".advertisement-placeholder",
    ".article-ad",
    ".read-page--top-media",
    ".video-wrapper",
    ".promo",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    fields = extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE, tags=TAGS)
    if not fields.get("text", "").strip():
        gallery = select_first(ctx.tree, PHOTO_BODY)
        if gallery is not None:
            fields["text"] = body_text(gallery, NOISE)
    return fields
