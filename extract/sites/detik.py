"""detik.com and its channels (news., finance., health., inet. …, one template per era).

Markup facts: 2023 fixture (shared/realhtml SITES.md §6): headline ``h1.detail__title``, date
``div.detail__date`` ("Kamis, 02 Nov 2023 20:59 WIB"), byline ``div.detail__author``
("Frieda Isyana Putri - detikHealth"), body ``div.detail__body-text.itp_bodycontent`` with
"Baca juga" boxes and ``parallaxindetail`` ad blocks inside.  2015–16 layout: ``div.text_detail``
(news; 2016 detikNews also ``div.detail_text``, a story set with ``<br>`` after the lead picture
``div.pic_artikel``) and ``div.text_gal`` (``/readfoto/`` photo pages,
whose caption is the article text).
``meta name=pubdate`` is local time with a fake "Z" (handled by ``parse_published``).
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "detik"
HOSTS = ("detik.com",)
SITE_NAMES = ("detikcom", "detikNews", "detikFinance", "detikHealth", "detikInet", "detikSport", "detikOto")

# Crawl sources of detikNews: the Indeks listing; articles /{section?}/d-{id}/{slug} (2015: /read/...).
CRAWL = CrawlSources(
    origins=("https://news.detik.com",),
    listings=("/indeks",),
    article_patterns=(r"^/(?:[\w-]+/)?d-\d+/[\w-]+/?$", r"^/read/\d{4}/\d{2}/\d{2}/\d+/\d+/"),
    not_article_patterns=(r"^/(?:tag|indeks|foto-news|detiktv|search)(?:/|$)",),
    listing_links="//article//h3[contains(@class,'media__title')]/a",
    listing_next="//div[contains(@class,'pagination')]//a[contains(@class,'pagination__item')]",
)

TITLE = ("h1.detail__title", "div.content_detail h1", "div.jdl h1", "article h1")
DATE = ("div.detail__date", "div.content_detail div.date", "div.jdl div.date")
BODY = (
    "div.detail__body-text",
    "div.itp_bodycontent",
    "div.text_detail",
    "#detikdetailtext",
    "div.detail_text",  # 2016 news
    "div.text_gal",  # /readfoto/ pages: the caption is the text
)
AUTHORS = ("div.detail__author", "div.author")
TAGS = ("div.detail__body-tag a", "div.nav a.nav__item")
NOISE = (
    ".parallaxindetail",
    ".staticdetail_container",
    "table.linksisip",
    ".lihatjg",
    ".detail__body-tag",
    ".detail__long-nav",
    ".sisip_embed_sosmed",
    ".sisip_video_ds",
    ".para_caption",
    ".detail__media-caption",
    ".embed",
    ".ads-scrollpage-container",
    "figure",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    fields = extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE, tags=TAGS)
    # "Frieda Isyana Putri - detikHealth": the channel after the dash is not a writer
    fields["authors"] = [
        a.split(" - ")[0].strip() for a in fields.get("authors") or [] if a.split(" - ")[0].strip()
    ]
    return fields
