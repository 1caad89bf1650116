"""IDN Times (www.idntimes.com).

Markup facts (shared/realhtml/SITES.md §2): the 2024–2026 Next.js pages carry rich ``<meta>``
tags (``content_creator_fullname`` = writer, ``content_editor``, ``content_subcategory``,
``content_tag``, ``content_published_date`` in local time without a zone) and a NewsArticle
JSON-LD whose ``keywords`` may hold the junk "Update me" and whose ``articleBody`` has its
paragraph breaks stripped (so the body is read from the page: ``#article-description``).
Numbered subheadings ("1. ASN harus jaga nama baik") are content and stay; each is followed by
a figure whose caption is a photo credit and goes, as do the "Baca Juga" boxes, the topic list
("Topik:") and "Berita Terkini Lainnya".  The 2021 PHP template (``h1.title-text``,
``article#article-content``, ``time.date`` "09 Aug 21 | 07:44", numbered sections in
``div.split-page`` each opening with a ``div.embed-image`` whose ``span.main-article-source`` is
the caption; seen on a real 2021 page) is kept as the later alternative, and so is the 2019
template (``h1.article__title``, ``p.article__excerpt`` dek, ``.article__date time[datetime]``
date only, body ``div#article-content.article__content`` with ``div.embed-image`` credits and a
``div.editors-pick`` box; its ``<html … />`` start tag is self-closed, which
:func:`extract.decode.parse_html` repairs).  A template neither
selector set knows falls back to the generic extractor, whose last resort is the
densest block of story paragraphs, so such a page never loses its text.
"""

from __future__ import annotations

from typing import Any

from kabar.extract import metadata
from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "idntimes"
HOSTS = ("idntimes.com",)
SITE_NAMES = ("IDN Times", "IDNTimes", "idntimes.com")

# Crawl sources: the sitemap (advertised in robots.txt) and the category hub cards.
CRAWL = CrawlSources(
    origins=("https://www.idntimes.com", "https://idntimes.com"),
    sitemaps=("/sitemap.xml",),
    listings=("/news", "/news/indonesia"),
    # 2024–: /{category}/{subcategory}/{slug}-{author5}-{article6}; up to 2021: /{cat}/{sub}/{author}/{slug}.
    article_patterns=(
        r"^/[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+-[a-z0-9]{5}-[a-z0-9]{6}/?$",
        r"^/[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+/[a-z0-9]+(?:-[a-z0-9]+){2,}/?$",
    ),
    not_article_patterns=(r"^/(?:author|tag|search|ajax|v1|tag-manager|indeks)(?:/|$)",),
    # Cards: <a><h2 data-cy="ds-card-article-title">…</h2></a>.
    listing_links="//a[.//h2[@data-cy='ds-card-article-title']]",
    # The card's date: "22 Oct 2023, 12:00 WIB" (English month abbreviations).
    listing_date="ancestor::div[1]//*[@data-cy='ds-card-article-pubdate']//text()",
)

TITLE = ('h1[data-cy="article-title"]', "h1.article-title", "h1.title-text", "h1.article__title")
DATE = ("time.article-date", "article time[datetime]", "time.date", ".article__date time[datetime]")
BODY = (
    "#article-description",
    # 2021: article#article-content; 2019 (BEM classes): div#article-content.article__content
    "#article-content",
    # 2018-era pages (class only, as a public scraper of the time selects them:
    # h1.title-text, div.excerpt, div.author-name a, article.content-post-description p)
    ".content-post-description",
    "div.article-content",
)
AUTHORS = (".article-credit .author-name", ".article-author .author-name", ".author-name a", ".author-name")
EDITORS = (".article-credit .editor-name", ".editor-name")
SECTION = ("nav.breadcrumb li:not(:first-child) a", "ol.breadcrumb li:not(:first-child) a")
TAGS = ('[data-cy="ds-tag"]', ".article-topic a", ".tag-list a")
NOISE = (
    ".baca-juga",
    '[data-cy="baca-juga"]',
    "figure",
    "figcaption",
    ".share-bar",
    ".article-topic",
    '[class*="ads-"]',
    '[id^="div-gpt"]',
    # 2021 template: each numbered section (div.split-page) opens with an image whose caption is
    # span.main-article-source in div.embed-image; in-article ads and page markers between them
    ".embed-image",
    ".main-article-source",
    ".inarticle-ads",
    ".show-page",
    # 2019 template: an "Editors' picks" link box ("Lanjutkan membaca artikel di bawah") mid-body
    ".editors-pick",
)
# Values of JSON-LD ``keywords`` that are CMS placeholders, not tags.
JUNK_TAGS = frozenset({"update me"})


def extract(ctx: PageContext) -> dict[str, Any]:
    fields = extract_with(
        ctx,
        body=BODY,
        noise=NOISE,
        title=TITLE,
        authors=AUTHORS,
        editors=EDITORS,
        date=DATE,
        section=SECTION,
        tags=TAGS,
    )
    meta = ctx.meta
    if not fields.get("published_at") and meta.get("content_published_date"):
        fields["published_at"] = metadata.parse_published(meta["content_published_date"])  # WIB, no zone
    if not fields.get("authors") and meta.get("content_creator_fullname"):
        fields["authors"] = metadata.split_authors([meta["content_creator_fullname"]])
    if not fields.get("editors") and meta.get("content_editor"):
        fields["editors"] = metadata.split_authors([meta["content_editor"]])
    if meta.get("content_subcategory"):
        fields["section"] = meta["content_subcategory"]
    if meta.get("content_tag"):
        fields["tags"] = meta["content_tag"].split(",")
    fields["tags"] = [t for t in fields.get("tags", []) if t.strip().casefold() not in JUNK_TAGS]
    return fields
