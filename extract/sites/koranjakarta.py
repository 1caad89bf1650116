"""Koran Jakarta (koran-jakarta.com), the Jakarta daily's news site.

No saved article page of this site exists in the reference material (shared/realhtml/SITES.md
§3), so the selectors follow the fixture modelled on what is known: slug URLs, dates written
"Selasa 26/9/2023 | 06:05" (no zone: WIB), a kicker line above the headline, a photo credit
"Foto : ANTARA/…" and a caption under the image, the "A A A Pengaturan Font" widget, the body,
then "Redaktur : X" / "Penulis : Y", tags, share bar, comments and related lists.  Older
template names (``div.content_news``, ``h2.indextitle``, 2018) are kept as later alternatives.
Anything these selectors miss falls back to the generic extractor.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "koranjakarta"
HOSTS = ("koran-jakarta.com",)
SITE_NAMES = ("Koran Jakarta", "koran-jakarta.com", "Koran-Jakarta.com")

# Crawl sources: no sitemap or feed known, so the home page and sections.
CRAWL = CrawlSources(
    origins=("https://koran-jakarta.com", "https://www.koran-jakarta.com", "http://www.koran-jakarta.com"),
    listings=("/", "/category/nasional/", "/category/megapolitan/"),
    # Newest /{YYYY-MM-DD}/{slug}; older /{slug} (a slug of at least four words, so /tentang-kami is not one).
    article_patterns=(r"^/\d{4}-\d{2}-\d{2}/[\w-]+/?$", r"^/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$"),
    not_article_patterns=(r"^/(?:category|tag|images|page|search|redaksi|tentang-kami)(?:/|$)",),
    # Listing items: div.articleinner > h2.indextitle a.
    listing_links="//div[contains(@class,'articleinner')]//h2[contains(@class,'indextitle')]/a",
    # The date beside an item: "Kamis 2/11/2023 | 07:30".
    listing_date="ancestor::div[contains(@class,'articleinner')][1]//span[contains(@class,'date')]//text()",
    listing_next="//div[contains(@class,'pagination')]//a[contains(@class,'next')]",
)

TITLE = ("h1.title-detail", "div.detail-article h1", "article h1")
DATE = ("div.meta-detail span.date", "div.detail-article span.date", ".meta-detail time", "time[datetime]")
BODY = ("div.text-detail", "#content-detail", "div.detail-article div.content", "div.content_news")
AUTHORS = (".author-detail .penulis a", ".author-detail .penulis", ".penulis")
EDITORS = (".author-detail .redaktur a", ".author-detail .redaktur", ".redaktur")
SECTION = ("ol.breadcrumb li.breadcrumb-item:not(:first-child) a", "ol.breadcrumb li:not(:first-child) a")
TAGS = (".tags-detail a", 'a[href*="/tag/"]')
NOISE = (
    ".font-setting",  # "A A A Pengaturan Font"
    ".foto-credit",
    ".caption-detail",
    "figure",
    "figcaption",
    ".ads",
    '[class*="baca-juga"]',
    ".author-detail",
    ".tags-detail",
    ".share-detail",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(
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
