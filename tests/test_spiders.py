"""Spider logic without a network: URL patterns, discovery parsing, filters, incremental fetches, paging."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import SITES
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from kabar.crawler.middlewares import retry_after_seconds
from kabar.crawler.spiders import SITE_SPIDERS
from kabar.crawler.spiders.base import NewsSpider, SpiderArgumentError, parse_when
from kabar.crawler.spiders.generic import GenericSpider

MANIFEST = json.loads((SITES / "MANIFEST.json").read_text("utf-8"))
WartakotaSpider = SITE_SPIDERS["wartakota"]
LOCAL = "http://127.0.0.1:8001"


@dataclass
class Seen:
    """What pipelines.state.CrawlState.seen returns, reduced to what spiders read."""

    lastmod: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class FakeState:
    def __init__(self, entries: dict[str, Seen]) -> None:
        self.entries = entries

    def seen(self, url: str) -> Seen | None:
        return self.entries.get(url)


def make(spidercls: type[NewsSpider], **kwargs: Any) -> NewsSpider:
    crawler = get_crawler(spidercls, {"KABAR_INCREMENTAL": False})
    return spidercls.from_crawler(crawler, **kwargs)


def html(url: str, body: str, request: Request | None = None, status: int = 200) -> HtmlResponse:
    return HtmlResponse(url, body=body.encode("utf-8"), encoding="utf-8", request=request, status=status)


def requests_of(output: Any) -> list[Request]:
    return [r for r in output if isinstance(r, Request)]


# --- URL patterns -------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", sorted(MANIFEST))
def test_article_urls_of_the_bundled_site_match_and_others_do_not(site: str) -> None:
    spider = make(SITE_SPIDERS[site])
    entry = MANIFEST[site]
    for url in entry["articles"]:
        assert spider.is_article_url(url), url
    origin = spider.ORIGINS[0]
    for path in ("/tag/pemilu-2024", "/category/nasional/", "/kategori/pemerintahan", "/search?q=asn", "/"):
        assert not spider.is_article_url(origin + path), path


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        ("wartakota", "https://wartakota.tribunnews.com/2024/06/06/warga-antre-air-bersih", True),
        ("wartakota", "https://wartakota.tribunnews.com/lifestyle/887444/fenomena-wajah-kempot", True),
        ("wartakota", "https://wartakota.tribunnews.com/index-news", False),
        ("wartakota", "https://wartakota.tribunnews.com/penulis/dwi-rizki", False),
        ("idntimes", "https://www.idntimes.com/tech/games/game-terlaris-c1c2-01-b11wj-t592xw", True),
        ("idntimes", "https://www.idntimes.com/news/indonesia", False),
        ("idntimes", "https://www.idntimes.com/author/lia-hutasoit", False),
        ("beritajakarta", "https://m.beritajakarta.id/read/121784/asn-pemkot-jakut", True),
        ("beritajakarta", "https://www.beritajakarta.id/en/read/52001/North_Jakarta", True),
        ("beritajakarta", "https://m.beritajakarta.id/berita/terkini", False),
        ("koranjakarta", "https://koran-jakarta.com/2024-01-03/banjir-rob-di-pesisir", True),
        ("koranjakarta", "https://koran-jakarta.com/asn-jakarta-teken-netral-dalam-pemilu-2024", True),
        ("koranjakarta", "https://koran-jakarta.com/tentang-kami", False),
        ("satuarah", "https://satuarah.co/2023/12/02/diskusi-publik-politik-uang/", True),
        ("satuarah", "https://satuarah.co/jaga-netralitas-di-tahun-politik/", True),
        ("satuarah", "https://satuarah.co/category/nasional/page/2/", False),
        ("satuarah", "https://satuarah.co/tentang-kami/", False),
    ],
)
def test_article_url_patterns(site: str, url: str, expected: bool) -> None:
    assert make(SITE_SPIDERS[site]).is_article_url(url) is expected


# --- origin rewriting and arguments -------------------------------------------------------------------


def test_base_url_rewrites_every_site_origin_and_back() -> None:
    spider = make(SITE_SPIDERS["beritajakarta"], base_url=LOCAL + "/")
    assert spider.to_fetch("https://www.beritajakarta.id/read/1/a-b?page=2") == f"{LOCAL}/read/1/a-b?page=2"
    assert spider.to_fetch("https://m.beritajakarta.id/berita/terkini") == f"{LOCAL}/berita/terkini"
    assert spider.to_fetch("https://other.example/x") == "https://other.example/x"
    assert spider.to_real(f"{LOCAL}/read/1/a-b") == "https://m.beritajakarta.id/read/1/a-b"
    assert "127.0.0.1" in spider.allowed_domains and "m.beritajakarta.id" in spider.allowed_domains


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": "25-09-2023"}, "since must be a date"),
        ({"until": "yesterday"}, "until must be a date"),
        ({"since": "2023-10-02", "until": "2023-10-01"}, "is after until"),
        ({"max_articles": "many"}, "max_articles must be a number"),
        ({"max_articles": "0"}, "at least 1"),
        ({"base_url": "127.0.0.1"}, "base_url must be like"),
    ],
)
def test_bad_arguments_are_clear_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(SpiderArgumentError, match=message):
        make(WartakotaSpider, **kwargs)


def test_generic_spider_takes_its_site_from_the_sitemap_url() -> None:
    spider = make(GenericSpider, sitemap="https://www.example-berita.id/sitemap.xml")
    assert spider.site == "example-berita.id"
    assert spider.SITEMAPS == ("/sitemap.xml",)
    assert spider.is_article_url("https://www.example-berita.id/nasional/2023/09/25/asn-ikrar-netral")
    assert not spider.is_article_url("https://www.example-berita.id/tag/asn/")
    with pytest.raises(SpiderArgumentError, match="needs -a sitemap"):
        make(GenericSpider)
    # a registered outlet's host gets the outlet's key, as its own spider gives it (not "satuarah.co")
    for url in ("https://satuarah.co/sitemap_index.xml", "https://www.satuarah.co/feed/"):
        arg = "sitemap" if "sitemap" in url else "feed"
        assert make(GenericSpider, **{arg: url}).site == "satuarah" == SITE_SPIDERS["satuarah"].site


def test_start_requests_cover_sitemaps_feeds_listings_and_the_date_archive() -> None:
    spider = make(WartakotaSpider, base_url=LOCAL, since="2023-01-24", until="2023-01-25")
    urls = [r.url for r in spider.start_requests()]
    assert urls == [
        f"{LOCAL}/sitemap.xml",
        f"{LOCAL}/rss",
        f"{LOCAL}/index-news",
        f"{LOCAL}/index-news?date=2023-01-24",
        f"{LOCAL}/index-news?date=2023-01-25",
    ]


# --- discovery ----------------------------------------------------------------------------------------

SITEMAP_INDEX = """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://wartakota.tribunnews.com/sitemap-news.xml</loc></sitemap></sitemapindex>"""
NEWS_SITEMAP = """<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://wartakota.tribunnews.com/2023/10/16/camat-teken-pakta-integritas-netralitas</loc>
 <lastmod>2023-10-16T10:05:00+07:00</lastmod><news:news><news:publication_date>2023-10-16T10:05:00+07:00</news:publication_date>
 <news:title>Camat Teken Pakta Integritas Netralitas ASN</news:title></news:news></url>
<url><loc>https://wartakota.tribunnews.com/2023/09/30/persija-tahan-imbang-persib</loc>
 <lastmod>2023-09-30T21:45:00+07:00</lastmod></url>
<url><loc>https://wartakota.tribunnews.com/tag/pemilu-2024</loc></url>
</urlset>"""


def xml(url: str, body: str) -> XmlResponse:
    return XmlResponse(url, body=body.encode("utf-8"))


def test_sitemap_index_is_followed_and_urlset_gives_article_requests_with_lastmod() -> None:
    spider = make(WartakotaSpider, base_url=LOCAL)
    followed = requests_of(spider.parse_sitemap(xml(f"{LOCAL}/sitemap.xml", SITEMAP_INDEX)))
    assert [r.url for r in followed] == [f"{LOCAL}/sitemap-news.xml"]
    articles = requests_of(spider.parse_sitemap(xml(f"{LOCAL}/sitemap-news.xml", NEWS_SITEMAP)))
    assert [r.meta["real_url"] for r in articles] == [
        "https://wartakota.tribunnews.com/2023/10/16/camat-teken-pakta-integritas-netralitas",
        "https://wartakota.tribunnews.com/2023/09/30/persija-tahan-imbang-persib",
    ]
    assert articles[0].url.startswith(LOCAL + "/2023/10/16/")
    assert articles[0].meta["lastmod"] == parse_when("2023-10-16T10:05:00+07:00")


def test_since_until_and_query_filter_candidates() -> None:
    spider = make(WartakotaSpider, since="2023-10-01", query="netralitas ASN")
    kept = requests_of(spider.parse_sitemap(xml("https://wartakota.tribunnews.com/s.xml", NEWS_SITEMAP)))
    assert [r.meta["real_url"].rsplit("/", 1)[1] for r in kept] == ["camat-teken-pakta-integritas-netralitas"]
    assert spider.crawler.stats.get_value("kabar/skipped_out_of_range") == 1


def test_max_articles_stops_scheduling() -> None:
    spider = make(WartakotaSpider, max_articles="1")
    kept = requests_of(spider.parse_sitemap(xml("https://wartakota.tribunnews.com/s.xml", NEWS_SITEMAP)))
    assert len(kept) == 1
    assert spider.crawler.stats.get_value("kabar/skipped_max_articles") == 1


def test_listing_links_and_next_pages_use_the_site_markup() -> None:
    spider = make(WartakotaSpider, base_url=LOCAL)
    body = """<ul class="lsi">
      <li class="ptb15"><h4 class="red"><a href="/topic/pemilu">Pemilu</a></h4>
        <h3 class="f16 fbo"><a href="https://wartakota.tribunnews.com/2023/11/27/banjir-rob-muara-angke">Banjir</a></h3></li>
      <li class="ptb15"><h3><a href="/2023/10/09/pasar-murah-beras">Pasar murah</a></h3></li></ul>
      <div class="paging"><a href="/index-news?page=2">2</a></div>
      <a href="/2023/01/01/link-outside-the-listing">not in the list</a>"""
    listing = html(f"{LOCAL}/index-news", body, Request(f"{LOCAL}/index-news", meta={"listing_depth": 1}))
    out = requests_of(spider.parse_listing(listing))
    assert [r.url for r in out] == [
        f"{LOCAL}/2023/11/27/banjir-rob-muara-angke",
        f"{LOCAL}/2023/10/09/pasar-murah-beras",
        f"{LOCAL}/index-news?page=2",
    ]


def test_feed_items_become_candidates() -> None:
    spider = make(SITE_SPIDERS["satuarah"])
    feed = """<rss version="2.0"><channel><item><title>KASN Terima Aduan</title>
      <link>https://satuarah.co/2023/12/28/kasn-terima-ratusan-aduan/</link>
      <pubDate>Thu, 28 Dec 2023 15:45:00 +0700</pubDate></item></channel></rss>"""
    out = requests_of(spider.parse_feed(xml("https://satuarah.co/feed/", feed)))
    assert [r.url for r in out] == ["https://satuarah.co/2023/12/28/kasn-terima-ratusan-aduan/"]


# --- incremental --------------------------------------------------------------------------------------

URL_A = "https://wartakota.tribunnews.com/2023/10/16/camat-teken-pakta-integritas-netralitas"
URL_B = "https://wartakota.tribunnews.com/2023/09/30/persija-tahan-imbang-persib"


def test_unchanged_lastmod_is_skipped_and_seen_urls_are_fetched_conditionally() -> None:
    """The spider marks its article requests; the downloader middleware consults the state."""
    from kabar.crawler.conditional import ConditionalRequestMiddleware, NotModifiedSinceLastCrawl

    state = FakeState(
        {
            URL_A: Seen(lastmod="2023-10-16T10:05:00+07:00", etag='"a"'),
            URL_B: Seen(
                lastmod="2023-09-01T00:00:00+07:00", etag='"b"', last_modified="Sat, 30 Sep 2023 14:45:00 GMT"
            ),
        }
    )
    spider = make(WartakotaSpider)
    out = requests_of(spider.parse_sitemap(xml("https://wartakota.tribunnews.com/s.xml", NEWS_SITEMAP)))
    assert [r.meta["real_url"] for r in out] == [URL_A, URL_B]
    assert all(r.meta["kabar_article"] and 304 in r.meta["handle_httpstatus_list"] for r in out)
    middleware = ConditionalRequestMiddleware("unused", spider.crawler.stats)
    middleware._state = state
    with pytest.raises(NotModifiedSinceLastCrawl):  # A's lastmod did not move: no request
        middleware.process_request(out[0], spider)
    assert middleware.process_request(out[1], spider) is None
    assert out[1].headers.get("If-None-Match") == b'"b"'
    assert out[1].headers.get("If-Modified-Since") == b"Sat, 30 Sep 2023 14:45:00 GMT"
    assert spider.crawler.stats.get_value("kabar/skipped_unchanged") == 1
    # The spider's errback passes the skip over: no fetch_error item.
    assert list(spider.on_error(failure_for(NotModifiedSinceLastCrawl("unchanged"), out[0]))) == []
    unseen = Request("https://wartakota.tribunnews.com/2023/10/17/baru", meta={"kabar_article": True})
    assert middleware.process_request(unseen, spider) is None and not unseen.headers


def test_304_yields_nothing() -> None:
    spider = make(WartakotaSpider)
    request = Request(URL_B, meta={"real_url": URL_B})
    assert list(spider.parse_article(html(URL_B, "", request, status=304))) == []
    assert spider.crawler.stats.get_value("kabar/not_modified") == 1


# --- articles -----------------------------------------------------------------------------------------

ARTICLE = """<html><head><meta property="og:type" content="article">
<script type="application/ld+json">
{{"@type": "NewsArticle", "datePublished": "2023-10-16T10:05:00+07:00"}}</script>
</head><body><div class="side-article txt-article"><p>{text}</p></div>{paging}</body></html>"""
PAGING = """<div class='paging'><a href="{u}">1</a><a href="{u}?page=2">2</a>
<a href="{u}?page=3">3</a></div>"""


def test_multi_page_article_is_one_item_with_all_pages_in_order() -> None:
    spider = make(WartakotaSpider, base_url=LOCAL)
    local = spider.to_fetch(URL_A)
    request = Request(local, meta={"real_url": URL_A, "lastmod": None})
    page1 = html(local, ARTICLE.format(text="satu", paging=PAGING.format(u=URL_A)), request)
    out = list(spider.parse_article(page1))
    assert len(out) == 1 and isinstance(out[0], Request) and out[0].url == f"{local}?page=2"
    page2 = html(out[0].url, ARTICLE.format(text="dua", paging=""), out[0])
    out = list(spider.parse_continuation(page2))
    assert out[0].url == f"{local}?page=3"
    page3 = html(out[0].url, ARTICLE.format(text="tiga", paging=""), out[0])
    (item,) = list(spider.parse_continuation(page3))
    assert item["kind"] == "article" and item["site"] == "wartakota" and item["url"] == URL_A
    assert [p["url"] for p in item["pages"]] == [local, f"{local}?page=2", f"{local}?page=3"]
    assert [b"satu" in p["body"] for p in item["pages"]] == [True, False, False]
    for page in item["pages"]:
        assert page["status"] == 200 and isinstance(page["headers"], dict) and page["fetched_at"]


def test_pages_that_are_not_articles_or_out_of_range_yield_nothing() -> None:
    spider = make(WartakotaSpider, until="2023-10-01")
    request = Request(URL_A, meta={"real_url": URL_A})
    quiz = '<html><head><meta property="og:type" content="website"></head><body>Kuis</body></html>'
    assert list(spider.parse_article(html(URL_A, quiz, request))) == []
    assert list(spider.parse_article(html(URL_A, ARTICLE.format(text="x", paging=""), request))) == []
    assert spider.crawler.stats.get_value("kabar/not_article") == 1
    assert spider.crawler.stats.get_value("kabar/skipped_out_of_range") == 1


def test_visible_date_is_used_when_the_page_has_no_machine_date() -> None:
    spider = make(SITE_SPIDERS["beritajakarta"])
    body = (
        '<div class="content-info"><span><i>access_time</i>Senin, 02 Oktober 2023 10:30 WIB</span>'
        "<span>1234</span></div>"
    )
    when = spider.page_published(html("https://m.beritajakarta.id/read/1/a", body))
    assert when is not None and when.date() == date(2023, 10, 2) and when.hour == 10


# --- failures -----------------------------------------------------------------------------------------


def failure_for(exc: Exception, request: Request) -> Failure:
    try:
        raise exc
    except type(exc):
        failure = Failure()
    failure.request = request  # type: ignore[attr-defined]
    return failure


def test_http_errors_become_fetch_error_items_and_robots_refusals_do_not() -> None:
    spider = make(WartakotaSpider)
    request = Request(URL_A, meta={"real_url": URL_A})
    response = Response(URL_A, status=503, request=request)
    (item,) = spider.on_error(failure_for(HttpError(response), request))
    expected = {"kind": "fetch_error", "site": "wartakota", "url": URL_A, "status": 503, "reason": "HTTP 503"}
    assert item == expected
    assert list(spider.on_error(failure_for(IgnoreRequest("Forbidden by robots.txt"), request))) == []
    (dns,) = spider.on_error(failure_for(OSError("name lookup failed"), request))
    assert dns["status"] is None and "name lookup failed" in dns["reason"]


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2023, 10, 16, 12, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"120") == 120.0
    later = (now + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert retry_after_seconds(later, now=now) == pytest.approx(30.0)
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_search_request_for_a_query_matches_the_bundled_search_page() -> None:
    from kabar.crawler.localserver import resolve

    spider = make(SITE_SPIDERS["beritajakarta"], base_url=LOCAL, query="netralitas ASN")
    search = [r for r in spider.start_requests() if "/news/search" in r.url]
    assert [r.url for r in search] == [f"{LOCAL}/news/search?q=netralitas+asn"]
    parts = search[0].url.split("?", 1)
    host_dir = SITES / MANIFEST["beritajakarta"]["host"]
    assert resolve(host_dir, parts[0].removeprefix(LOCAL), parts[1]) is not None


def test_generic_spider_crawls_a_local_copy_through_base_url() -> None:
    spider = make(GenericSpider, sitemap="https://wartakota.tribunnews.com/sitemap.xml", base_url=LOCAL)
    assert [r.url for r in spider.start_requests()] == [f"{LOCAL}/sitemap.xml"]
    out = requests_of(spider.parse_sitemap(xml(f"{LOCAL}/sitemap-news.xml", NEWS_SITEMAP)))
    assert [r.url for r in out] == [
        f"{LOCAL}/2023/10/16/camat-teken-pakta-integritas-netralitas",
        f"{LOCAL}/2023/09/30/persija-tahan-imbang-persib",
    ]
    # A registered host gets its outlet's key, the same as `scrapy crawl wartakota` gives.
    assert spider.site == "wartakota" == SITE_SPIDERS["wartakota"].site
    assert make(GenericSpider, feed="https://www.satuarah.co/feed/").site == "satuarah"


def test_keywords_match_any_and_query_words_match_all() -> None:
    spider = make(WartakotaSpider, keywords="ikrar, pakta integritas")
    assert spider.matches_query("Camat Teken Pakta Integritas Netralitas")
    assert spider.matches_query("ASN ikrar netral")
    assert not spider.matches_query("Persija tahan imbang Persib")
    both = make(WartakotaSpider, query="netralitas asn", keywords="ikrar")
    assert both.matches_query("Ikrar netralitas ASN Jakut")
    assert not both.matches_query("Sosialisasi netralitas ASN")


def test_backoff_grows_per_retry_prefers_retry_after_and_is_capped() -> None:
    from kabar.crawler.middlewares import BackoffMiddleware

    crawler = get_crawler(WartakotaSpider, {"RETRY_BACKOFF_BASE": 1.0, "RETRY_BACKOFF_MAX": 10.0})
    backoff = BackoffMiddleware.from_crawler(crawler)
    delays = [backoff.delay_for(Request(URL_A, meta={"retry_times": n}), None) for n in range(5)]
    assert delays == [1.0, 2.0, 4.0, 8.0, 10.0]
    assert backoff.delay_for(Request(URL_A), 3.0) == 3.0
    assert backoff.delay_for(Request(URL_A), 3600.0) == 10.0


def test_progress_board_counts_per_site_and_renders_a_total() -> None:
    from rich.console import Console

    from kabar.crawler.progress import Board

    board = Board()
    board.site("wartakota").pages += 3
    board.site("idntimes").stored += 2
    board.site("idntimes").errors += 1
    total = board.totals()
    assert (total.pages, total.stored, total.errors) == (3, 2, 1)
    console = Console(width=120, record=True)
    console.print(board.render())
    text = console.export_text()
    assert "wartakota" in text and "idntimes" in text and "total" in text


def test_a_binary_listing_is_skipped_not_a_crash() -> None:
    spider = make(WartakotaSpider)
    request = Request("https://wartakota.tribunnews.com/index-news", meta={"listing_depth": 1})
    binary = Response(request.url, body=b"\x89PNG\r\n\x1a\n", request=request)
    assert list(spider.parse_listing(binary)) == []
    assert spider.crawler.stats.get_value("kabar/bad_listing") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senin, 06 November 2023 09:45 WIB", datetime(2023, 11, 6, 9, 45)),
        ("22 Oct 2023, 12:00 WIB", datetime(2023, 10, 22, 12, 0)),
        ("06-11-2023", datetime(2023, 11, 6)),
        ("Kamis 2/11/2023 | 07:30", datetime(2023, 11, 2, 7, 30)),
    ],
)
def test_printed_dates_parse_day_first_in_wib(text: str, expected: datetime) -> None:
    from kabar.crawler.spiders.base import JAKARTA, parse_visible_date

    assert parse_visible_date(text) == expected.replace(tzinfo=JAKARTA)


def test_listing_walk_stops_at_a_page_older_than_since() -> None:
    spider = make(SITE_SPIDERS["beritajakarta"], since="2023-11-01")
    body = """<div class="news-list"><ul class="list-index">
      <li><a href="/read/1/Lama_Sekali"><h4>Lama</h4></a><span class="date">06-10-2023</span></li>
      <li><a href="/read/2/Lebih_Lama"><h4>Lebih lama</h4></a><span class="date">01-10-2023</span></li>
      </ul></div><ul class="pagination"><li><a href="/berita/terkini?page=3">3</a></li></ul>"""
    url = "https://m.beritajakarta.id/berita/terkini?page=2"
    out = requests_of(spider.parse_listing(html(url, body, Request(url, meta={"listing_depth": 2}))))
    assert out == []  # both items out of range, and no page 3
    assert spider.crawler.stats.get_value("kabar/skipped_out_of_range") == 2
    assert spider.crawler.stats.get_value("kabar/listing_walk_stopped_by_since") == 1


def test_the_bundled_copy_has_every_archive_day_a_dated_crawl_asks_for() -> None:
    """`kabar crawl --bundled --since … --until …` meets no made-up 404s: the bundled Warta Kota has
    a date-archive page for every day (empty on days without news), as the real site does."""
    from urllib.parse import urlsplit

    from kabar.crawler.localserver import resolve

    spider = make(WartakotaSpider, base_url=LOCAL, since="2023-09-01", until="2023-10-31")
    archive = [r for r in spider.start_requests() if "date=" in r.url]
    assert len(archive) == 61
    host_dir = SITES / MANIFEST["wartakota"]["host"]
    parts = [urlsplit(r.url) for r in archive]
    missing = [p.geturl() for p in parts if resolve(host_dir, p.path, p.query) is None]
    assert not missing
