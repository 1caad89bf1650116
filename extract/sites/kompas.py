"""kompas.com and its channels (nasional., regional., money., bola., otomotif. …).

Markup facts: 2023 fixture (SITES.md §6): headline ``h1.read__title``, date ``div.read__time``
("Kompas.com - 02/11/2023, 21:34 WIB"), body ``div.read__content`` with many "Baca juga" links,
``?page=2`` / ``?page=all`` paging; ``content_PublishedDate`` is WIB while JSON-LD
``datePublished`` is UTC (both parse to the same instant).  2015–16 layouts: the ``<h1>`` is the
channel name and the headline is ``div.kcm-read-top h2`` / ``div.kcm-read-content-top h2``;
bodies ``div.kcm-read-text``, ``div.kcm-read-content-text``, ``div.div-read`` (otomotif).
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "kompas"
HOSTS = ("kompas.com",)
SITE_NAMES = ("Kompas.com", "KOMPAS.com", "Kompas")

# Crawl sources of the nasional channel: its front page; articles /read/{yyyy}/{mm}/{dd}/{id}/{slug}.
CRAWL = CrawlSources(
    origins=("https://nasional.kompas.com",),
    listings=("/",),
    article_patterns=(r"^/read/\d{4}/\d{2}/\d{2}/\d+/[\w.-]+/?$",),
    not_article_patterns=(r"^/(?:tag|search|image)(?:/|$)",),
    listing_links="//a[contains(@class,'article__link')] | //h3[contains(@class,'article__title')]/a",
    paging_links="//div[contains(@class,'paging')]//a[contains(@href,'page=')]",
)

# never a bare "h1": on the old layouts it is the channel name ("Regional")
TITLE = ("h1.read__title", "div.kcm-read-top h2", "div.kcm-read-content-top h2", "div.baca-content h1")
DATE = ("div.read__time", "div.kcm-date", "div.kcm-read-top div.msmall", "div.read__date")
BODY = (
    "div.read__content",
    "div.kcm-read-text",
    "div.kcm-read-content-text span[class^='kcmread']",
    "div.kcm-read-content-text",
    "div.div-read",
)
# The credit box lists writer and editor together; the writer comes from meta content_author
# (read by structured_fields), so no byline selector here.
AUTHORS: tuple[str, ...] = ()
SECTION = ("ul.breadcrumb__wrap li:last-child a", "div.breadcrumb a:last-child")
TAGS = ("ul.tag__article__wrap a", "div.read__tagging a")
NOISE = (
    ".inner-link-baca-juga",
    "a.inner-link-baca-juga",
    ".kompasidRec",
    ".ads-on-body",
    ".read__paging",
    ".paging",
    ".video-wrap",
    ".kgnw-container",
    ".jixie",
    "figure",
    "figcaption",
    ".photo__caption",
    "div.read__more",
    ".kcm-read-more",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(
        ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE, section=SECTION, tags=TAGS
    )
