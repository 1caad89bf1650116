"""The Tribun network: Warta Kota (wartakota.tribunnews.com), www.tribunnews.com and the
regional ``*.tribunnews.com`` sites, which all run one desktop template.

Markup facts (shared/realhtml/SITES.md §1): headline ``h1#arttitle``, date ``time.grey`` (the
``time.timeago`` elements belong to *other* articles in related lists), body
``div.side-article.txt-article`` (the recommendation widget ``div.side-article.mb5`` right after
it has only one of the two classes), byline ``#penulis`` / ``#editor``, tags ``h5.tagcloud3``,
long articles split over ``?page=2`` with a ``div.paging`` pager.  The body starts with a
dateline ("WARTAKOTALIVE.COM, JAKARTA--"), which kabar keeps as part of the first paragraph on
every site.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.paging import next_page_urls
from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "wartakota"
HOSTS = ("tribunnews.com",)
SITE_NAMES = ("Wartakotalive.com", "Warta Kota", "Tribunnews.com", "Tribunnews", "Tribun Network")
NETWORK_HOST = "tribunnews.com"

# Crawl sources of Warta Kota: sitemap, index-news (with per-day archives), RSS; ?page=N articles.
CRAWL = CrawlSources(
    origins=("https://wartakota.tribunnews.com", "http://wartakota.tribunnews.com"),
    sitemaps=("/sitemap.xml",),
    feeds=("/rss",),
    listings=("/index-news",),
    date_archive="/index-news?date={date}",
    # Legacy /{section?}/{yyyy}/{mm}/{dd}/{slug} and the 2025 /{section}/{numericId}/{slug}.
    article_patterns=(r"^/(?:[\w-]+/)?\d{4}/\d{2}/\d{2}/[\w-]+/?$", r"^/[\w-]+/\d{5,}/[\w-]+/?$"),
    not_article_patterns=(
        r"^/(?:tag|topic|search|penulis|editor|index-news|video|foto|images|webstories|epaper|api)(?:/|$)",
    ),
    # index-news: `ul.lsi > li` with `h3 > a`; the date archive: `li.ptb15` with `h3.f16.fbo a`.
    listing_links="//ul[contains(@class,'lsi')]/li//h3/a | //li[contains(@class,'ptb15')]//h3/a",
    # The date beside an index-news item: "Senin, 27 November 2023 08:14 WIB".
    listing_date="ancestor::li[1]//time//text()",
    listing_next="//div[contains(@class,'paging')]//a[contains(@href,'page=')]",
    paging_links="//div[contains(@class,'paging')]//a[contains(@href,'page=')]",
)

TITLE = ("h1#arttitle", "#article h1", "h1.f50")
DATE = ("#article time.grey:not(.timeago)", "time.grey:not(.timeago)", "time[datetime]:not(.timeago)")
BODY = (
    "div.side-article.txt-article",
    "div.txt-article",
    "#article_con div.side-article:not(.mb5)",
    "div.side-article:not(.mb5)",
)
# 2016–2024: separate #penulis and #editor; 2025: one ``h5#penulis`` "Penulis: <b><a>W</a></b> |
# Editor: <b><a>E</a></b>" (public scraper docs), where the first <b> is the writer, the second the editor
AUTHORS = ("#penulis > b:first-of-type a", "#penulis a", "#penulis")
EDITORS = ("#editor a", "#editor", "#penulis > b:nth-of-type(2) a")
SECTION = (
    '[itemtype$="BreadcrumbList"] [itemprop="itemListElement"]:not(:first-child) [itemprop="name"]',
    ".breadcrumb li:not(:first-child) a",
)
TAGS = ("h5.tagcloud3 a", ".tagcloud3 a", 'a[href*="/tag/"].rd2')
NOISE = (
    "p.baca",  # "Baca juga: <a>…</a>" between paragraphs
    ".baca-juga",
    "blockquote.summary-article",  # "Ringkasan Berita:" box
    ".ads-placeholder",
    '[id^="div-"]',  # inline ad slots (div-Inside-MediumRectangle …)
    '[id^="ads"]',
    "figure",
    "figcaption",
    "div.paging",
    "div.side-article.mb5",  # "Sesuai Minatmu" / next-page button nested by some templates
    "h4.hide",  # the hidden summary (a dek) some templates put inside the body
)


def site_key(host: str) -> str:
    """``wartakota.tribunnews.com`` → ``wartakota``; ``www.tribunnews.com`` → ``tribunnews``;
    ``jakarta.tribunnews.com`` → ``jakarta`` (mobile ``m.`` prefixes ignored)."""
    labels = host.lower().removesuffix(NETWORK_HOST).strip(".").split(".")
    labels = [label for label in labels if label not in ("", "www", "m", "amp")]
    return labels[-1] if labels else "tribunnews"


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
    fields["next_pages"] = next_page_urls(ctx)
    return fields
