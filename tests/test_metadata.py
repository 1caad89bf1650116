"""Structured metadata readers: JSON-LD, meta tags, canonical URL, titles, dates and bylines."""

from __future__ import annotations

from datetime import datetime, timedelta

import lxml.html
import pytest

from kabar.extract.metadata import (
    JAKARTA,
    authors_from,
    canonical_url,
    clean_title,
    editors_from,
    find_article_ld,
    keywords_from,
    parse_published,
    published_from,
    read_ld_json,
    read_meta,
    settled_published,
)
from kabar.extract.sites.base import PageContext

PAGE = """<html><head>
<title>Pemkot Jakut Gelar Ikrar Netralitas ASN - Warta Kota</title>
<link rel="canonical" href="https://wartakota.tribunnews.com/2023/09/25/ikrar-netralitas">
<meta property="og:url" content="https://wartakota.tribunnews.com/amp/2023/09/25/ikrar-netralitas">
<meta property="OG:Title" content="Pemkot Jakut Gelar Ikrar Netralitas ASN">
<meta name="author" content="Redaksi">
<meta name="keywords" content="ASN, netralitas , Pemilu 2024, asn">
<meta property="article:tag" content="ikrar">
<meta property="article:tag" content="Jakarta Utara">
<meta name="empty" content="  ">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "name": "Warta Kota"},
  {"@type": ["NewsArticle"], "headline": "Pemkot Jakut Gelar Ikrar",
   "author": [{"@type": "Person", "name": "Rangga Baskoro"}, {"@type": "Organization", "name": "Warta Kota"}],
   "editor": {"@type": "Person", "name": "Dian Anditya Mutiara"},
   "datePublished": "2023-09-25T14:10:00+07:00"}
]}
</script>
<script type="application/ld+json">
{"@type": "BreadcrumbList", "name": "broken	tab",}
</script>
<script type=" Application/LD+JSON ">{not json at all</script>
</head><body><p>x</p></body></html>"""


@pytest.fixture(scope="module")
def tree():
    return lxml.html.fromstring(PAGE)


def test_read_ld_json_flattens_graph_and_repairs_trailing_comma(tree) -> None:
    objs = read_ld_json(tree)
    types = [o.get("@type") for o in objs]
    assert "Organization" in types
    assert ["NewsArticle"] in types
    # the second block has a raw tab and a trailing comma: repaired, not dropped
    assert "BreadcrumbList" in types
    assert len(objs) == 3  # the unrepairable third block is skipped without raising


def test_read_ld_json_concatenated_objects() -> None:
    html = '<html><head><script type="application/ld+json">{"@type":"A"}{"@type":"NewsArticle"}</script>'
    objs = read_ld_json(lxml.html.fromstring(html + "</head></html>"))
    assert [o["@type"] for o in objs] == ["A", "NewsArticle"]


def test_find_article_ld_prefers_news_article(tree) -> None:
    article = find_article_ld(read_ld_json(tree))
    assert article is not None and article["headline"] == "Pemkot Jakut Gelar Ikrar"
    assert find_article_ld([{"@type": "WebSite"}]) is None


def test_read_meta_lowercases_keys_and_skips_empty(tree) -> None:
    meta = read_meta(tree)
    assert meta["og:title"] == "Pemkot Jakut Gelar Ikrar Netralitas ASN"
    assert "empty" not in meta
    assert meta["article:tag"] == "ikrar"  # first value wins; keywords_from reads all of them


def test_canonical_url_prefers_link_then_og(tree) -> None:
    meta = read_meta(tree)
    assert canonical_url(tree, meta) == "https://wartakota.tribunnews.com/2023/09/25/ikrar-netralitas"
    bare = lxml.html.fromstring('<html><head><meta property="og:url" content="https://x.id/a"></head></html>')
    assert canonical_url(bare, read_meta(bare)) == "https://x.id/a"
    assert canonical_url(lxml.html.fromstring("<html><p>x</p></html>"), {}) is None


def test_authors_are_writers_not_orgs_or_editors(tree) -> None:
    objs = read_ld_json(tree)
    article = find_article_ld(objs)
    meta = read_meta(tree)
    assert authors_from(article, meta) == ["Rangga Baskoro"]
    assert editors_from(article, meta) == ["Dian Anditya Mutiara"]
    # meta author "Redaksi" is an organisation placeholder, not a writer
    assert authors_from(None, meta) == []
    assert authors_from(None, {"author": "Laporan Wartawan Tribunnews.com, Fransiskus Adhiyuda"}) == [
        "Fransiskus Adhiyuda"
    ]
    assert authors_from(None, {"author": "Ani Lestari dan Budi Santoso"}) == ["Ani Lestari", "Budi Santoso"]
    assert authors_from(None, {"article:author": "https://www.facebook.com/kompascom"}) == []


def test_keywords_from_meta_dedupes(tree) -> None:
    assert keywords_from(None, read_meta(tree), tree) == ["ikrar", "Jakarta Utara"]
    assert keywords_from(None, read_meta(tree)) == ["ASN", "netralitas", "Pemilu 2024"]
    assert keywords_from({"keywords": ["a", "B", "b"]}, {}) == ["a", "B"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Pemkot Jakut Gelar Ikrar Netralitas ASN - Warta Kota", "Pemkot Jakut Gelar Ikrar Netralitas ASN"),
        ("Camat Tebet Imbau ASN Netral - Tribunnews.com", "Camat Tebet Imbau ASN Netral"),
        ("5 Fakta Ikrar Netralitas | IDN Times", "5 Fakta Ikrar Netralitas"),
        ("Berita Jakarta - Wali Kota Lantik Lurah", "Wali Kota Lantik Lurah"),
        ("Menhub Bocorkan Harga Tiket - Halaman all - Kompas.com", "Menhub Bocorkan Harga Tiket"),
        ("Ikrar ASN Kota Bekasi - koran-jakarta.com", "Ikrar ASN Kota Bekasi"),
        # a headline that itself contains " - " keeps it
        ("Jokowi - Prabowo Bertemu di Istana", "Jokowi - Prabowo Bertemu di Istana"),
        ("  Judul   dengan  spasi  ", "Judul dengan spasi"),
        ("KapanLagi.com: FOTO: Dian Sastro Saat Berusia 13 Tahun", "FOTO: Dian Sastro Saat Berusia 13 Tahun"),
        # a colon after something that is not a site name is part of the headline
        ("Kamrussamad: PPKM Darurat Dihentikan", "Kamrussamad: PPKM Darurat Dihentikan"),
        ("", ""),
    ],
)
def test_clean_title(title: str, expected: str) -> None:
    assert clean_title(title) == expected


def test_clean_title_extra_site_names() -> None:
    cleaned = clean_title("Lurah Dilantik :: Portal Kota Baru", site_names=["Portal Kota Baru"])
    assert cleaned == "Lurah Dilantik"


def _wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("value", "expected_local", "offset_hours"),
    [
        ("2023-09-25T14:10:00+07:00", (2023, 9, 25, 14, 10), 7),
        ("2023-11-02 21:34:19", (2023, 11, 2, 21, 34, 19), 7),  # kompas content_PublishedDate, naive
        ("2023-11-02T20-59-53Z", (2023, 11, 2, 20, 59, 53), 7),  # detik: the Z is not UTC
        ("2015-11-05 T10:08:58Z", (2015, 11, 5, 10, 8, 58), 7),  # older detik pubdate
        ("2023/11/02 20:59:53", (2023, 11, 2, 20, 59, 53), 7),
        ("Kamis, 22 Agustus 2024 10:45 WIB", (2024, 8, 22, 10, 45), 7),
        ("Senin, 25 September 2023", (2023, 9, 25), 7),
        ("Kamis, 02 Nov 2023 20:59 WIB", (2023, 11, 2, 20, 59), 7),
        ("02/11/2023, 21:34 WIB", (2023, 11, 2, 21, 34), 7),
        ("Rabu, 3 Januari 2024 08:00 WITA", (2024, 1, 3, 8, 0), 8),
        ("Rabu, 3 Januari 2024 | 08.00 WIT", (2024, 1, 3, 8, 0), 9),
        ("17 Jul 2024, 10:21 WIB", (2024, 7, 17, 10, 21), 7),
        ("2016-02-16T13:01:52+0700", (2016, 2, 16, 13, 1, 52), 7),
    ],
)
def test_parse_published_forms(value: str, expected_local: tuple, offset_hours: int) -> None:
    parsed = parse_published(value)
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed.replace(tzinfo=None) == datetime(*expected_local)
    assert parsed.utcoffset() == timedelta(hours=offset_hours)


def test_parse_published_real_utc_is_kept() -> None:
    parsed = parse_published("2023-11-02T14:34:19Z")
    assert parsed is not None and parsed.astimezone(JAKARTA) == _wib(2023, 11, 2, 21, 34, 19)


def test_parse_published_dateparser_fallback_and_junk() -> None:
    parsed = parse_published("Diterbitkan pada tanggal 5 Oktober 2023 pukul sembilan")
    assert parsed is not None and parsed.date() == datetime(2023, 10, 5).date()
    assert parse_published("kemarin sore") is None
    assert parse_published("") is None
    assert parse_published(None) is None


def test_published_from_ld_then_meta(tree) -> None:
    article = find_article_ld(read_ld_json(tree))
    assert published_from(article, {}) == _wib(2023, 9, 25, 14, 10)
    kompas = {"content_publisheddate": "2023-11-02 21:34:19"}
    assert published_from(None, kompas) == _wib(2023, 11, 2, 21, 34, 19)
    assert published_from(None, {}) is None


def _settled(html: str):
    tree = lxml.html.fromstring(html)
    ctx = PageContext(html=html, tree=tree, url=None, host=None)
    return settled_published(parse_published("3 September 2024"), tree, "Judul Berita", ctx)


def test_a_date_without_clock_time_takes_the_time_markup_of_the_same_day() -> None:
    page = (
        "<html><body><h1>Judul Berita</h1><span>Diposting pada "
        '<time class="entry-date published" datetime="2024-09-03T15:05:00+08:00">3 September 2024</time>'
        "</span><p>Isi.</p>"
        '<aside><time datetime="2024-09-05T09:00:00+07:00">5 Sep</time></aside></body></html>'
    )
    assert _settled(page).astimezone(JAKARTA) == _wib(2024, 9, 3, 14, 5)


def test_time_markup_of_another_day_is_never_taken() -> None:
    page = (
        "<html><body><h1>Judul Berita</h1><span>3 September 2024</span>"
        '<aside><time datetime="2024-09-05T09:00:00+07:00">5 Sep</time></aside></body></html>'
    )
    assert _settled(page) == _wib(2024, 9, 3)


def test_a_site_wide_canonical_before_the_pages_own_gives_way() -> None:
    from kabar.extract.decode import parse_html
    from kabar.extract.metadata import canonical_url

    own = "https://majalah.example.id/article/2017/1/3515/Judul-Artikel"
    tree = parse_html(
        f'<html><head><link rel="canonical" href="https://majalah.example.id" />'
        f'<link rel="canonical" href="{own}" /></head><body></body></html>'
    )
    assert canonical_url(tree, {}) == own
    home = parse_html('<html><head><link rel="canonical" href="https://majalah.example.id/"></head></html>')
    assert canonical_url(home, {}) == "https://majalah.example.id/"
