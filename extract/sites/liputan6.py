"""liputan6.com and its channels (news., tekno., showbiz., photo. …).

Markup facts (2016 fixtures; 2025 from public scraper code): headline
``h1.read-page--header--title``, body ``div.article-content-body__item-content`` (2025) or
``div.read-page__content-body`` (2016), photo pages: ``figcaption`` of
``div.read-page--photo-gallery`` (the captions are the article), byline
``a.read-page-box__author__name`` / ``span.read-page--header--author__name``.

A long article is split into pages that all stand in ONE document (2017–2025 markup):
``div.article-content-body__item-page[data-page=N]``, each with its page title
(``h2.article-content-body__item-title``, pages 2…) and its ``div.article-content-body__item-content``;
the pages are read in order and joined, not only the first page's container.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, body_text, extract_with, select_all, select_first
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
# the article's pages inside one document: the pages' container, and in it each page's title and text
PAGED_BODY = "div.article-content-body"
PAGE_PARTS = "h2.article-content-body__item-title, div.article-content-body__item-content"
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
    paged = _paged_text(ctx)
    if paged:
        fields["text"] = paged
    if not fields.get("text", "").strip():
        gallery = select_first(ctx.tree, PHOTO_BODY)
        if gallery is not None:
            fields["text"] = body_text(gallery, NOISE)
    return fields


def _paged_text(ctx: PageContext) -> str | None:
    """The text of every page of a paged article (page titles and texts in page order), or None
    when the document holds fewer than two text parts (one page: :data:`BODY` reads it)."""
    container = select_first(ctx.tree, (PAGED_BODY,))
    if container is None:
        return None
    parts = select_all(container, PAGE_PARTS)
    if sum(part.tag == "div" for part in parts) < 2:
        return None
    texts = (body_text(part, NOISE) for part in parts)
    return "\n".join(text for text in texts if text.strip())
