"""Berita Jakarta (beritajakarta.id; mobile ``m.``, desktop ``www.``), the Jakarta provincial
government's news site.

Markup facts (shared/realhtml/SITES.md §4, three real mobile pages): no JSON-LD, no
``article:published_time`` and an empty ``meta author``, so everything but the title comes from
the page: ``div.content-info`` spans hold the date ("Senin, 25 September 2023 15:37 WIB"), the
view count, "Reporter : X" and "Editor : Y", each behind a Material icon whose ligature name
("access_time", "person") is text and must be skipped.  Body ``div.content-body`` with
``p.text-justify``; inside it a pull-quote ``<blockquote>`` repeats a phrase of the body, a
related link ``a.read-also`` sits between paragraphs, and invisible ``sceditor`` marker spans
appear in old articles.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from kabar.extract import metadata
from kabar.extract.sites.base import PageContext, extract_with, parse_date, select_all
from kabar.extract.sites.sources import CrawlSources
from kabar.extract.text import normalise_space

KEY = "beritajakarta"
HOSTS = ("beritajakarta.id",)
SITE_NAMES = ("Beritajakarta.id", "Berita Jakarta", "BeritaJakarta")

# Crawl sources (mobile site): the Indeks /berita/terkini, sections and search; no sitemap or feed.
CRAWL = CrawlSources(
    origins=("https://m.beritajakarta.id", "https://www.beritajakarta.id", "https://beritajakarta.id"),
    listings=("/berita/terkini", "/kategori/pemerintahan"),
    search="/news/search?q={query}",
    article_patterns=(r"^/(?:en/)?read/\d+/[\w-]+/?$",),
    not_article_patterns=(r"^/(?:kategori|wilayah|berita|siaran-pers|news)(?:/|$)",),
    # Indeks and section items: div.news-list ul.list-index > li > a.
    listing_links=(
        "//div[contains(@class,'news-list')]//ul[contains(@class,'list-index')]/li//a[contains(@href,'/read/')]"
    ),
    # The date beside an Indeks item: "06-11-2023".
    listing_date="ancestor::li[1]//span[contains(@class,'date')]//text()",
    listing_next="//ul[contains(@class,'pagination')]//a[contains(@href,'page=')]",
    # No JSON-LD, no article:published_time: the first span of div.content-info holds the date
    # (its own text only: the icon <i>access_time</i> inside it is not part of the date).
    published_text="(//div[contains(@class,'content-info')]//span)[1]/text()",
)

TITLE = ("div.news-read div.content h1", "div.read h1", "div.news-read h1")
BODY = ("div.news-read div.content-body", "div.content-body", "div.news-content")
# The info line: the date, the views, "Reporter : X", "Editor : Y" (mobile); desktop older code
# put the date in `div.text-secondary.font-italic`.
INFO_ITEMS = ("div.content-info span", "div.text-secondary.font-italic")
SECTION = ("ul.breadcrumbs li.active a", "ul.breadcrumbs li:last-child a")
NOISE = (
    "blockquote",  # pull-quote repeating a body phrase
    "a.read-also",  # related article link between paragraphs
    ".sceditor-selection",
    ".sceditor-ignore",
    "div.image-info",  # photo credit
    "i.material-icons",
)
AUTHOR_LABELS = ("Reporter", "Penulis")
EDITOR_LABELS = ("Editor", "Redaktur")


def _own_text(el: HtmlElement) -> str:
    """The element's text without its children's (the icon ligature is a child ``<i>``)."""
    return normalise_space(" ".join(el.xpath("text()")))


def _labelled(item: str, labels: tuple[str, ...]) -> str | None:
    match = re.match(r"^(?:" + "|".join(labels) + r")\s*:\s*(.+)$", item, re.I)
    return match.group(1) if match else None


def extract(ctx: PageContext) -> dict[str, Any]:
    fields = extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, section=SECTION)
    # one item per span on mobile; "Reporter : X | Editor : Y" in one element on some layouts
    items = [
        part.strip()
        for selector in INFO_ITEMS
        for el in select_all(ctx.tree, selector)
        for part in _own_text(el).split("|")
    ]
    authors, editors = [], []
    for item in items:
        if (name := _labelled(item, AUTHOR_LABELS)) is not None:
            authors.append(name)
        elif (name := _labelled(item, EDITOR_LABELS)) is not None:
            editors.append(name)
        elif not fields.get("published_at") and re.search(r"\d{4}", item):
            fields["published_at"] = parse_date(item)
    if authors:
        fields["authors"] = metadata.split_authors(authors)
    if editors:
        fields["editors"] = metadata.split_authors(editors)
    return fields
