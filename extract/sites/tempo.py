"""tempo.co (Indonesian channels: ``nasional.``, ``gaya.`` … and English ``en.tempo.co``).

Markup facts: 2015 fixtures: Indonesian headline ``div.artikel h1``, date
``div.block-tanggal`` ("Kamis, 05 November 2015 | 11:13 WIB"), body ``div.artikel`` paragraphs
(the header ``<h1>`` is the channel name); English headline ``div.judul-konten``, date
``div.tanggal`` right before it ("Wednesday, 04 November, 2015 | 07:28 WIB"; the other
``div.tanggal`` elements date the sidebar lists), body ``div.tubuh-berita``.  2018 (saved pages
of bola./cantik.tempo.co): ``<article>`` with ``h1[itemprop=headline]`` (the page's first ``<h1>``s
are "Fokus" widget labels), ``span#date[itemprop=datePublished]`` ("Selasa, 1 Mei 2018 05:20 WIB"),
body ``div#isi[itemprop=articleBody]`` holding an ad slot ``div#inarticle``, a gallery picture with
``div.img-gal-caption`` and bold "Artikel lainnya:" / "Baca juga:" boxes; tags ``div.tags``
after it.  2025 (public scraper code, unverified here): body ``div#content-wrapper``.
"""

from __future__ import annotations

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "tempo"
HOSTS = ("tempo.co",)
SITE_NAMES = ("Tempo.co", "TEMPO.CO", "Tempo", "Tempo Gaya", "Tempo English")

# Crawl sources: the front page; articles /{section}/{slug}-{id}
# (2015: /read/news/{yyyy}/{mm}/{dd}/{id}/{slug}).
CRAWL = CrawlSources(
    origins=("https://www.tempo.co",),
    listings=("/",),
    article_patterns=(r"^/[\w-]+/[\w-]+-\d{5,}/?$", r"^/read/(?:news/)?\d{4}/\d{2}/\d{2}/\d+/[\w-]+"),
    not_article_patterns=(r"^/(?:tag|indeks|search|foto|video|penulis)(?:/|$)",),
)

TITLE = ("div.artikel h1", "div.judul-konten", "article h1[itemprop='headline']", "article h1")
DATE = ("div.block-tanggal", "div.blok-foto-konten ~ div.tanggal", "article span#date", "p.date")
BODY = ("div#content-wrapper", "div#isi[itemprop='articleBody']", "div.tubuh-berita", "div.artikel")
AUTHORS = ("div.author a", "span[itemprop='author']")
NOISE = (
    "div.artikel > h1",
    "div.block-tanggal",
    "div.box-embed",
    "div.bacajuga",
    "div.baca-juga",
    "div.share",
    "figure",
    "figcaption",
    "div.foto-desc",
    "div.deskripsi",  # lead photo caption
    "div.img-gal-caption",  # 2018 gallery picture caption
    "div#inarticle",  # 2018 ad slot
    "div.tags",
    "ul.block-kanal-map",  # breadcrumb (home / gaya / kesehatan)
    "script",
)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, noise=NOISE, title=TITLE, authors=AUTHORS, date=DATE)
