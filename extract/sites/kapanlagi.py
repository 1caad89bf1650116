"""kapanlagi.com (entertainment; ``www.``, ``musik.`` … channels).

Markup facts: 2025 (public scraper code, unverified here): headline ``h1.detail__header_title``,
date ``time.headermetabox-datetime-text``, byline ``a.headermetabox-author-name``, body
``div.main-content``.  2015–16 fixtures: headline ``h1.entertainment-newsdetail-title-new`` /
``h1.v7-music-newsdetail-title``, date ``span.newsdetail-schedule-new`` /
``span.v7-music-newsdetail-schedule`` ("Kamis, 05 November 2015 11:52", WIB implied), body
``div.entertainment-detail-news`` / ``div.v7-music-detail-news``; inside it image captions
(``div.*-image-caption``, "… © Twitter.com") and a "Jangan Lewatkan!" box of tracked links.
og:title carries a "KapanLagi.com: " prefix and sometimes a channel ("Musik - "), so the
visible headline is preferred.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "kapanlagi"
HOSTS = ("kapanlagi.com",)
SITE_NAMES = ("KapanLagi.com", "Kapanlagi.com", "KapanLagi")

# Crawl sources: the showbiz news section; articles end in a six-hex-digit id: /{...}/{slug}-{hex6}.html.
CRAWL = CrawlSources(
    origins=("https://www.kapanlagi.com",),
    listings=("/showbiz/",),
    article_patterns=(r"^/[\w/-]+-[0-9a-f]{6}\.html$",),
    not_article_patterns=(r"^/(?:tag|foto|video|search)(?:/|$)",),
)

TITLE = (
    "h1.detail__header_title",
    "h1.entertainment-newsdetail-title-new",
    "h1.v7-music-newsdetail-title",
    "h1[class*='newsdetail-title']",
)
DATE = (
    "time.headermetabox-datetime-text",
    "span.newsdetail-schedule-new",
    "span.v7-music-newsdetail-schedule",
    "span[class*='newsdetail-schedule']",
)
BODY = (
    "div.main-content",
    "div.entertainment-detail-news",
    "div.v7-music-detail-news",
    "div[class$='-detail-news']",
)
AUTHORS = ("a.headermetabox-author-name",)
NOISE = (
    "div[class*='image-caption']",
    "a[onclick*='Insert Link']",  # "Jangan Lewatkan!" related links
    "div[class*='related']",
    "div.lifestyle-in-content",  # "Simak Lifestyle Populer Lainnya" tag box
    "div[class*='baca-juga']",
    "figure",
    "figcaption",
    "h2",  # in-body box headings ("Jangan Lewatkan!"); kapanlagi bodies carry no subheads
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE)
