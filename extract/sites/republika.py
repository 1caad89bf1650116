"""republika.co.id and its sister brands on the same CMS (ihram.co.id …).

Markup facts: 2016–17 fixtures: news pages ``div.jdl-detail h2`` headline, ``div.date-detail``
date ("Senin, 15 Februari 2016, 16:15 WIB"), body ``div.content-detail``; photo pages
(``/inpicture/``): ``div.jdl-pic`` headline, ``div.date-pic`` date, ``div.teaser-pic`` text;
Ihram: ``div.h5.global-detail`` headline, ``div.date-detail.global-detail`` date,
``div.teaser.global-detail`` body.  The page's ``<h1>`` is the channel name.  2025 (public
scraper code, unverified here): ``h1`` headline, ``div.date.date-item__headline``, body
``div.article-content article``.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "republika"
HOSTS = ("republika.co.id", "ihram.co.id")
SITE_NAMES = ("Republika Online", "Republika.co.id", "Republika", "ihram.co.id", "Ihram")

# Crawl sources: the RSS feed; articles /berita/{code}/{slug}
# (2016: /berita/{sections}/{yy}/{mm}/{dd}/{code}-{slug}).
CRAWL = CrawlSources(
    origins=("https://www.republika.co.id",),
    feeds=("/rss",),
    article_patterns=(
        r"^/berita/[a-z0-9]+/[\w-]+/?$",
        r"^/berita/[\w/-]+/\d{2}/\d{2}/\d{2}/[a-z0-9]+-[\w-]+/?$",
    ),
    not_article_patterns=(r"^/(?:tag|kanal|search|foto|video)(?:/|$)",),
)

TITLE = (
    "div.max-card__title h1",
    "div.jdl-detail h2",
    "div.wrap_detail_set h1",
    "div.jdl-pic",
    "div.h5.global-detail",
)
DATE = (
    "div.date.date-item__headline",
    "div.date-detail:not(:empty)",
    "div.wrap_detail_set div.date_detail",
    "div.date-pic",
    "div.date-detail.global-detail:not(:empty)",
)
BODY = (
    "div.article-content article",
    "div.content-detail",
    "div.teaser_detail div.artikel",
    "div.teaser-pic",
    "div.teaser.global-detail",
)
NOISE = (
    "div.baca-juga",
    "div[class*='terkait']",
    "div.picked-article",
    "div.ads",
    "figure",
    "figcaption",
    "div.caption",
    "div.taiching",  # 2018 standfirst above the story
    "div.img_set_teaser",  # 2018 picture caption and credit
    "script",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, date=DATE)
