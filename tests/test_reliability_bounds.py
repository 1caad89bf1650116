"""Reliability, second pass (issue 12): one bad value, page or file spoils only itself.

Each test here failed on the code before its fix: a date past year 9999 dropping a whole sitemap,
a hostile page hanging the parser, a canonical link hijacking another article, off-origin
requests dropped without a row.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request, XmlResponse
from scrapy.utils.test import get_crawler

from kabar.crawler.spiders import SITE_SPIDERS
from kabar.crawler.spiders.base import Candidate, NewsSpider

WartakotaSpider = SITE_SPIDERS["wartakota"]

ROOT = Path(__file__).resolve().parents[1]
LOCAL = "http://127.0.0.1:8001"
WK = "https://wartakota.tribunnews.com"


def make(spidercls: type[NewsSpider], **kwargs: Any) -> NewsSpider:
    crawler = get_crawler(spidercls, {"KABAR_INCREMENTAL": False})
    spider = spidercls.from_crawler(crawler, **kwargs)
    spider.crawl_state = None
    return spider


def xml(url: str, body: str) -> XmlResponse:
    return XmlResponse(url, body=body.encode("utf-8"))


def requests_of(output: Any) -> list[Request]:
    return [r for r in output if isinstance(r, Request)]


# --- item 2: one bad date spoils only itself ----------------------------------------------------------

SITEMAP_9999 = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <url><loc>{WK}/2023/10/16/camat-teken-pakta</loc><lastmod>9999-12-31T23:30:00Z</lastmod></url>
 <url><loc>{WK}/2023/10/17/bupati-ikrar-netralitas</loc><lastmod>2023-10-17T10:00:00+07:00</lastmod></url>
</urlset>"""


def test_a_lastmod_past_year_9999_spoils_only_its_own_url() -> None:
    spider = make(WartakotaSpider, since="2023-10-01", until="2023-10-31")
    urls = [r.meta["real_url"] for r in requests_of(spider.parse_sitemap(xml(f"{WK}/s.xml", SITEMAP_9999)))]
    assert f"{WK}/2023/10/17/bupati-ikrar-netralitas" in urls


def test_a_feed_pubdate_past_year_9999_spoils_only_its_own_item() -> None:
    spider = make(SITE_SPIDERS["satuarah"], since="2023-12-01")
    feed = """<rss version="2.0"><channel>
      <item><title>A</title><link>https://satuarah.co/2023/12/27/a-b-c/</link>
        <pubDate>Fri, 31 Dec 9999 23:59:00 -0500</pubDate></item>
      <item><title>B</title><link>https://satuarah.co/2023/12/28/kasn-terima-ratusan-aduan/</link>
        <pubDate>Thu, 28 Dec 2023 15:45:00 +0700</pubDate></item></channel></rss>"""
    out = requests_of(spider.parse_feed(xml("https://satuarah.co/feed/", feed)))
    assert "https://satuarah.co/2023/12/28/kasn-terima-ratusan-aduan/" in [r.url for r in out]


ARTICLE_TEXT = " ".join(["Bupati memimpin ikrar netralitas aparatur sipil negara di pendopo kabupaten."] * 8)


def test_a_published_time_in_year_9999_does_not_drop_the_article() -> None:
    from kabar.extract.page import extract_page

    page = f"""<html><head><title>Ikrar</title>
      <meta property="article:published_time" content="9999-12-31T23:30:00-05:00"></head>
      <body><article><h1>Ikrar netralitas</h1><p>{ARTICLE_TEXT}</p></article></body></html>"""
    record = extract_page(page, "https://example.com/2023/10/17/ikrar", facts=False)
    assert record["text"], record["error"]
    assert not record["error"] or record["error"]["code"] != "internal", record["error"]


def test_ld_json_nested_200k_deep_does_not_drop_the_article() -> None:
    from kabar.extract.page import extract_page

    deep = "[" * 200_000 + "]" * 200_000
    page = f"""<html><head><title>Ikrar</title>
      <script type="application/ld+json">{deep}</script></head>
      <body><article><h1>Ikrar netralitas</h1><p>{ARTICLE_TEXT}</p></article></body></html>"""
    record = extract_page(page, "https://example.com/2023/10/17/ikrar", facts=False)
    assert record["text"], record["error"]
    assert not record["error"] or record["error"]["code"] != "internal", record["error"]


def test_the_spider_reads_deep_ld_json_without_raising() -> None:
    spider = make(WartakotaSpider)
    deep = "[" * 200_000 + "]" * 200_000
    body = f"""<html><head><script type="application/ld+json">{deep}</script>
      <script type="application/ld+json">{{"@type": "NewsArticle"}}</script></head><body>x</body></html>"""
    response = HtmlResponse(f"{WK}/2023/10/17/a", body=body.encode(), encoding="utf-8")
    assert spider.is_article_page(response)


# --- item 1: no parse of untrusted HTML runs unbounded -----------------------------------------------


def crowded_page(attributes: int = 200_000) -> str:
    """The issue's page: 1.7 MB, one <p> with 200,000 attributes, no og:type."""
    attrs = " ".join(f'a{i}="x"' for i in range(attributes))
    return f"<html><head><title>Ikrar</title></head><body><p {attrs}>{ARTICLE_TEXT}</p></body></html>"


def run_bounded(code: str, tmp_path: Any, seconds: float = 60) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter; a parse that hangs fails the test instead of the suite."""
    page = tmp_path / "crowded.html"
    page.write_text(crowded_page(), "utf-8")
    try:
        return subprocess.run(
            [sys.executable, "-c", code, str(page)],
            capture_output=True,
            text=True,
            timeout=seconds,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still parsing after {seconds} s")


@pytest.mark.slow
def test_extract_page_bounds_a_page_with_200k_attributes(tmp_path: Any) -> None:
    started = time.monotonic()
    done = run_bounded(
        "import sys; from extract.page import extract_page; "
        "r = extract_page(open(sys.argv[1], 'rb').read(), 'https://example.com/a/b', facts=False); "
        "print(r['error'], len(r['text'] or ''))",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert time.monotonic() - started < 30


@pytest.mark.slow
def test_the_spider_checks_a_page_with_200k_attributes_without_stalling(tmp_path: Any) -> None:
    done = run_bounded(
        "import sys; from tests.test_reliability_bounds import spider_verdict; "
        "print(spider_verdict(sys.argv[1]))",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "not an article"


def spider_verdict(path: str) -> str:
    """What the spider makes of the page at ``path`` (run in a subprocess by the test above)."""
    spider = make(WartakotaSpider, since="2023-10-01")
    body = open(path, "rb").read()
    url = f"{WK}/2023/10/17/a"
    request = Request(url, meta={"real_url": url})
    response = HtmlResponse(url, body=body, encoding="utf-8", request=request)
    out = list(spider.parse_article(response))
    spider.page_published(response)  # a tree-based check runs on the bounded tree
    listing = list(spider.parse_listing(response))
    return "article" if out else f"not an article{'' if listing is not None else '?'}"


def test_bound_markup_caps_attributes_and_elements_and_leaves_real_markup_alone() -> None:
    from kabar.extract.decode import MAX_ATTRIBUTES, MAX_PARSE_ELEMENTS, bound_markup, parse_html

    for sep in (" ", "/", ""):  # libxml2 also reads a/b/c and a="x"b="y" as separate attributes
        tag = "<p " + sep.join(f'a{i}="x"' for i in range(5000)) + ">hi</p>"
        root = parse_html(f"<html><body>{tag}</body></html>")
        assert len(root.find(".//p").attrib) == MAX_ATTRIBUTES
        assert root.find(".//p").text == "hi"
    text, note = bound_markup("<b>x</b>" * (MAX_PARSE_ELEMENTS + 10))
    assert note and text.count("<b>") == MAX_PARSE_ELEMENTS
    real = '<html><body><a href="/x" class="y" data-id=3 hidden>link</a><p>2 < 3 and 4 > 1</p></body></html>'
    assert bound_markup(real) == (real, None)


# --- items 8 and 9: off-origin requests are refused with a row; scheme, host and port compared ------


def project_crawler(spidercls: type[NewsSpider], **kwargs: Any) -> Any:
    """A crawler with kabar's own settings (middlewares included) and an opened spider."""
    from kabar.crawler import settings as kabar_settings

    settings = {k: getattr(kabar_settings, k) for k in dir(kabar_settings) if k.isupper()}
    crawler = get_crawler(spidercls, {**settings, "KABAR_INCREMENTAL": False})
    crawler.spider = spidercls.from_crawler(crawler, **kwargs)
    crawler.spider.crawl_state = None
    return crawler


def guard_of(crawler: Any) -> Any:
    from kabar.crawler.middlewares import OriginGuardMiddleware

    return OriginGuardMiddleware.from_crawler(crawler)


def refused_row(crawler: Any, request: Request, exc: Exception) -> dict:
    from twisted.python.failure import Failure

    failure = Failure(exc)
    failure.request = request  # type: ignore[attr-defined]
    rows = list(crawler.spider.on_error(failure))
    assert len(rows) == 1, "a refused request must leave an errors row"
    return rows[0]


def test_scrapy_offsite_and_url_length_filters_are_replaced_by_ones_that_leave_a_row() -> None:
    from kabar.crawler import settings as kabar_settings

    downloader = kabar_settings.DOWNLOADER_MIDDLEWARES
    assert downloader["scrapy.downloadermiddlewares.offsite.OffsiteMiddleware"] is None
    assert kabar_settings.SPIDER_MIDDLEWARES["scrapy.spidermiddlewares.urllength.UrlLengthMiddleware"] is None
    assert "kabar.crawler.middlewares.OriginGuardMiddleware" in kabar_settings.DOWNLOADER_MIDDLEWARES


def test_a_sitemap_index_entry_on_another_port_is_refused_with_a_row() -> None:
    from scrapy.exceptions import IgnoreRequest

    crawler = project_crawler(WartakotaSpider, base_url=LOCAL)
    index = """<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://127.0.0.1:8001/sitemap-news.xml</loc></sitemap>
      <sitemap><loc>http://127.0.0.1:9/secret.xml</loc></sitemap></sitemapindex>"""
    requests = requests_of(crawler.spider.parse_sitemap(xml(f"{LOCAL}/sitemap.xml", index)))
    guard = guard_of(crawler)
    assert guard.process_request(requests[0]) is None
    offsite = [r for r in requests if ":9/" in r.url]
    assert offsite, "an off-site sitemap entry must reach the guard, which records it"
    with pytest.raises(IgnoreRequest) as refused:
        guard.process_request(offsite[0])
    row = refused_row(crawler, offsite[0], refused.value)
    assert "127.0.0.1:9" in row["reason"] and "off the site" in row["reason"]


def test_a_redirect_to_another_port_of_the_same_host_is_refused() -> None:
    from scrapy.exceptions import IgnoreRequest

    from kabar.crawler.middlewares import RedirectGuardMiddleware

    crawler = project_crawler(WartakotaSpider, base_url=LOCAL)
    request = Request(f"{LOCAL}/2023/10/17/a", meta={"real_url": f"{WK}/2023/10/17/a"})
    response = HtmlResponse(
        request.url, status=302, headers={"Location": "http://127.0.0.1:9/admin"}, request=request
    )
    with pytest.raises(IgnoreRequest, match="off the site"):
        RedirectGuardMiddleware.from_crawler(crawler).process_response(request, response)


def test_an_off_site_meta_refresh_is_refused_with_a_row() -> None:
    from scrapy.exceptions import IgnoreRequest

    from kabar.crawler.middlewares import RedirectGuardMiddleware

    crawler = project_crawler(WartakotaSpider, base_url=LOCAL)
    request = Request(f"{LOCAL}/2023/10/17/a", meta={"real_url": f"{WK}/2023/10/17/a"})
    body = b'<html><head><meta http-equiv="refresh" content="0; url=https://evil.example/x"></head></html>'
    response = HtmlResponse(request.url, body=body, request=request)
    with pytest.raises(IgnoreRequest) as refused:
        RedirectGuardMiddleware.from_crawler(crawler).process_response(request, response)
    assert "meta refresh" in refused_row(crawler, request, refused.value)["reason"]


def test_a_url_over_2083_characters_is_refused_with_a_row() -> None:
    from scrapy.exceptions import IgnoreRequest

    crawler = project_crawler(WartakotaSpider)
    url = f"{WK}/2023/10/17/" + "a" * 2100
    requests = requests_of(crawler.spider.consider(Candidate(url)))
    assert requests, "the spider schedules it; the guard refuses it loudly"
    with pytest.raises(IgnoreRequest) as refused:
        guard_of(crawler).process_request(requests[0])
    assert "2,083" in refused_row(crawler, requests[0], refused.value)["reason"]


def test_the_real_site_keeps_both_schemes_and_its_subdomains_but_not_other_ports() -> None:
    spider = make(WartakotaSpider)
    assert spider.origin_allowed(f"{WK}/a")
    assert spider.origin_allowed("http://wartakota.tribunnews.com/a")
    assert not spider.origin_allowed("https://wartakota.tribunnews.com:8443/a")
    assert not spider.origin_allowed("https://evil.example/a")
    local = make(WartakotaSpider, base_url=LOCAL)
    assert local.origin_allowed(f"{LOCAL}/a")
    assert not local.origin_allowed("http://127.0.0.1:8002/a")
    assert not local.origin_allowed("https://127.0.0.1:8001/a")


# --- item 3: a canonical link is trusted only for the same article -------------------------------------


def page_with_canonical(canonical: str, words: str) -> bytes:
    body = " ".join([f"Bupati {words} memimpin ikrar netralitas aparatur sipil negara di pendopo."] * 6)
    return (
        f'<html><head><title>{words}</title><link rel="canonical" href="{canonical}">'
        f'<meta property="og:type" content="article"></head>'
        f"<body><article><h1>{words}</h1><p>{body}</p></article></body></html>"
    ).encode()


def stored(url: str, body: bytes, state: Any) -> dict | None:
    from kabar.extract.page import extract_page
    from kabar.pipelines.dedup import apply_dedup
    from kabar.pipelines.extract import extract_item

    item = {
        "kind": "article",
        "site": "wartakota",
        "url": url,
        "lastmod": None,
        "pages": [
            {
                "url": url,
                "status": 200,
                "headers": {},
                "body": body,
                "fetched_at": "2023-10-17T03:00:00+00:00",
            }
        ],
    }
    stage = extract_item(item, lambda html, url=None, extra_pages=(): extract_page(html, url, facts=False))
    return apply_dedup(stage, state)


def test_a_page_cannot_take_over_another_articles_id_with_its_canonical(tmp_path: Path) -> None:
    from kabar.pipelines.state import CrawlState, article_id_for

    state = CrawlState(tmp_path)
    victim = f"{WK}/2023/10/16/camat-teken-pakta"
    first = stored(victim, page_with_canonical(victim, "Camat"), state)
    assert first and first["row"]["article_id"] == article_id_for(victim)
    hijack = stored(f"{WK}/2023/10/17/lain", page_with_canonical(victim, "Penipu"), state)
    assert hijack and hijack["row"]["article_id"] == article_id_for(f"{WK}/2023/10/17/lain")
    assert hijack["row"]["url"] == f"{WK}/2023/10/17/lain"
    assert state.get(article_id_for(victim)).version == 1  # the victim keeps its one version
    notes = hijack.get("notes") or []
    assert [n["code"] for n in notes] == ["canonical_conflict"] and victim in notes[0]["reason"]


def test_five_articles_sharing_one_canonical_stay_five_articles(tmp_path: Path) -> None:
    from kabar.pipelines.state import CrawlState

    state = CrawlState(tmp_path)
    shared = f"{WK}/2023/10/01/beranda-berita"
    ids = {
        stored(f"{WK}/2023/10/0{n}/artikel-{n}", page_with_canonical(shared, f"Artikel{n}"), state)["row"][
            "article_id"
        ]
        for n in range(1, 6)
    }
    assert len(ids) == 5


def test_a_canonical_on_another_site_is_not_trusted(tmp_path: Path) -> None:
    from kabar.pipelines.state import CrawlState, article_id_for

    url = f"{WK}/2023/10/17/ikrar"
    page = page_with_canonical("https://example.com/2023/10/17/ikrar", "Ikrar")
    result = stored(url, page, CrawlState(tmp_path))
    assert result["row"]["article_id"] == article_id_for(url)


def test_a_canonical_for_the_same_article_is_still_followed(tmp_path: Path) -> None:
    from kabar.pipelines.state import CrawlState, article_id_for

    state = CrawlState(tmp_path)
    canonical = "https://wartakota.tribunnews.com/2023/10/17/ikrar"
    for requested in ("http://wartakota.tribunnews.com/2023/10/17/ikrar/", f"{WK}/2023/10/17/ikrar/amp"):
        result = stored(requested, page_with_canonical(canonical, "Ikrar"), state)
        if result is not None:
            assert result["row"]["article_id"] == article_id_for(canonical)
    assert state.get(article_id_for(canonical)) is not None


def test_an_alternate_url_with_the_same_text_joins_the_canonical_article(tmp_path: Path) -> None:
    from kabar.pipelines.state import CrawlState, article_id_for

    state = CrawlState(tmp_path)
    canonical = f"{WK}/2023/10/17/ikrar"
    assert stored(canonical, page_with_canonical(canonical, "Ikrar"), state)
    again = stored(f"{WK}/read/555/ikrar-mirror", page_with_canonical(canonical, "Ikrar"), state)
    assert again is None  # the same text as the stored article: unchanged, not a new article
    assert state.get(article_id_for(f"{WK}/read/555/ikrar-mirror")) is None


# --- item 5: sitemap URLs are streamed, not queued all at once ------------------------------------------


def big_urlset(n: int) -> str:
    urls = "".join(f"<url><loc>{WK}/2023/10/17/artikel-{i}</loc></url>" for i in range(n))
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


class FakeEngine:
    def __init__(self) -> None:
        self.crawled: list[Request] = []

    def crawl(self, request: Request) -> None:
        self.crawled.append(request)


def test_a_huge_sitemap_is_streamed_into_the_queue_and_capped() -> None:
    from kabar.crawler.spiders.base import MAX_QUEUED, MAX_SITEMAP_URLS

    spider = make(WartakotaSpider)
    out = list(spider.parse_sitemap(xml(f"{WK}/s.xml", big_urlset(MAX_SITEMAP_URLS + 10))))
    requests = requests_of(out)
    assert len(requests) == MAX_QUEUED  # not 50,000 requests in Scrapy's memory queue
    assert [i["reason"] for i in out if isinstance(i, dict)] == [
        f"sitemap lists over {MAX_SITEMAP_URLS:,} URLs (the protocol's limit); the rest were not read"
    ]
    spider.crawler.engine = FakeEngine()
    spider.crawler.stats.set_value("scheduler/enqueued", MAX_QUEUED)
    spider.crawler.stats.set_value("scheduler/dequeued", MAX_QUEUED)  # the queue has drained
    spider.top_up()
    assert len(spider.crawler.engine.crawled) == MAX_QUEUED
    fed = len(requests)
    while spider.top_up():
        spider.crawler.stats.inc_value("scheduler/dequeued", MAX_QUEUED)
        spider.crawler.stats.inc_value("scheduler/enqueued", MAX_QUEUED)
    fed += len(spider.crawler.engine.crawled)
    assert fed == MAX_SITEMAP_URLS  # every listed URL is scheduled in the end, none twice


def test_a_sitemap_index_is_fetched_a_few_sitemaps_at_a_time() -> None:
    spider = make(WartakotaSpider)
    entries = "".join(f"<sitemap><loc>{WK}/sitemap-{i}.xml</loc></sitemap>" for i in range(21))
    index = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
    first = requests_of(spider.parse_sitemap(xml(f"{WK}/sitemap.xml", index)))
    assert 1 <= len(first) <= 4
    spider.crawler.engine = FakeEngine()
    while spider.top_up():
        pass
    urls = [r.url for r in first + spider.crawler.engine.crawled]
    assert sorted(urls) == sorted(f"{WK}/sitemap-{i}.xml" for i in range(21))


def test_a_canonical_naming_where_a_redirect_led_is_followed(tmp_path: Path) -> None:
    from kabar.pipelines.extract import trusted_canonical

    moved, old = f"{WK}/2023/12/05/artikel-yang-dipindah/", f"{WK}/2023/12/01/lama/"
    served = f"{LOCAL}/2023/12/05/artikel-yang-dipindah/"  # where the redirect led (a local copy)
    assert trusted_canonical(moved, old, served) == (moved, None)
    other = f"{WK}/2023/12/06/korban/"
    assert trusted_canonical(other, old, served) == (old, other)
