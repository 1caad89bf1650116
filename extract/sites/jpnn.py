"""jpnn.com (and its regional editions on ``*.jpnn.com``).

Markup facts (2021 page, Wayback capture in shared/realhtml; SITES.md §6): headline
``h1.judul``, date ``span.date-publish`` ("Minggu, 18 Juli 2021 – 18:52 WIB"), JSON-LD
``datePublished`` with +07:00, body in the first ``div.page-content``, which also holds the
headline, date, lead photo, a "Yuk, Simak Juga Video ini!" embed with its ``<h4>`` summary and
the ``p.waktu`` "Redaktur & Reporter : …" line.  Bodies end with a "(boy/jpnn)" sign-off.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "jpnn"
HOSTS = ("jpnn.com",)
SITE_NAMES = ("JPNN.com", "JPNN", "jpnn.com")

# Crawl sources: the sitemap; articles /news/{slug}.
CRAWL = CrawlSources(
    origins=("https://www.jpnn.com", "https://jpnn.com"),
    sitemaps=("/sitemap.xml",),
    listings=("/",),
    article_patterns=(r"^/news/[a-z0-9]+(?:-[a-z0-9]+){2,}/?$",),
    not_article_patterns=(r"^/(?:tag|kanal|video|foto|search)(?:/|$)",),
)

TITLE = ("h1.judul", "div.page-content h1")
DATE = ("span.date-publish", "div.page-content [itemprop='datePublished']")
# the story's own container where the page marks it (a lead-photo caption and the share bar
# stand between the headline and it inside div.page-content); else the whole div.page-content
BODY = ("div.page-content [itemprop='articleBody']", "div.page-content-detail", "div.page-content")
NOISE = (
    "h1",
    "div.relative",
    "h4",
    "p.waktu",
    "div.pagination",
    "div.creator-medsos",
    "div.shareit",
    "iframe",
    "figure",
    "figcaption",
    "div.baca-juga",
    "script",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, date=DATE)
