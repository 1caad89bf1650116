"""The site registry and the page extractor's choice of module, fallback and metadata merge."""

from __future__ import annotations

import logging

import pytest

import kabar.extract.sites  # noqa: F401  (loads the submodule)
from kabar import extract
from kabar.extract.page import extract_page
from kabar.extract.sites import module_name, site_for, site_key


def test_the_five_target_sites_are_registered() -> None:
    assert {"wartakota", "idntimes", "koranjakarta", "beritajakarta", "satuarah"} <= set(extract.sites.SITES)


@pytest.mark.parametrize(
    ("where", "module", "key"),
    [
        ("https://wartakota.tribunnews.com/2023/01/25/x", "tribun", "wartakota"),
        ("https://m.wartakota.tribunnews.com/amp/2023/01/25/x", "tribun", "wartakota"),
        ("https://www.tribunnews.com/nasional/2023/01/25/x", "tribun", "tribunnews"),
        ("tribunnews.com", "tribun", "tribunnews"),
        ("https://jakarta.tribunnews.com/2024/x", "tribun", "jakarta"),
        ("https://www.idntimes.com/news/indonesia/x-00-ab12c-d34e5f", "idntimes", "idntimes"),
        ("https://koran-jakarta.com/asn-jakarta", "koranjakarta", "koranjakarta"),
        ("https://www.koran-jakarta.com/asn-jakarta/", "koranjakarta", "koranjakarta"),
        ("https://m.beritajakarta.id/read/1/x", "beritajakarta", "beritajakarta"),
        ("https://WWW.BeritaJakarta.id:443/read/1/x", "beritajakarta", "beritajakarta"),
        ("beritajakarta.id", "beritajakarta", "beritajakarta"),
        ("https://satuarah.co/judul/", "satuarah", "satuarah"),
    ],
)
def test_hosts_map_to_their_module_and_site_key(where: str, module: str, key: str) -> None:
    found = site_for(where)
    assert found is not None and module_name(found) == module
    assert site_key(where) == key


@pytest.mark.parametrize(
    ("where", "key"),
    [
        ("https://www.example.co.id/berita/1", "example.co.id"),
        ("https://notidntimes.com/a", "notidntimes.com"),  # a suffix match needs a dot boundary
        ("https://beritajakarta.id.evil.example/a", "beritajakarta.id.evil.example"),
    ],
)
def test_unknown_hosts_have_no_module_and_key_by_host(where: str, key: str) -> None:
    assert site_for(where) is None
    assert site_key(where) == key


def test_no_host_no_module() -> None:
    assert site_for(None) is None and site_for("") is None and site_key(None) is None


PAGE = """<html><head><title>Judul Lengkap | Berita Jakarta</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Judul Lengkap",
"datePublished": "2024-03-01T09:15:00+07:00",
"author": {{"@type": "Person", "name": "Budi Santoso"}}}}</script>
</head><body><nav><a href="/">Beranda</a> <a href="/kategori">Kategori</a></nav>
{body}
<footer>Hak cipta Pemerintah Provinsi DKI Jakarta. Semua hak dilindungi.</footer></body></html>"""
ARTICLE_BODY = "".join(
    f"<p>Kalimat ke-{i} dari artikel ini menjelaskan kegiatan ikrar netralitas aparatur sipil negara "
    f"di kantor wali kota dengan cukup panjang agar terbaca sebagai isi.</p>"
    for i in range(1, 7)
)
URL = "https://m.beritajakarta.id/read/1/judul"


def test_layout_drift_falls_back_to_generic(caplog: pytest.LogCaptureFixture) -> None:
    """The Berita Jakarta module finds no ``div.content-body``: the generic extractor takes over."""
    html = PAGE.format(body=f'<div class="baru-artikel"><h1>Judul Lengkap</h1>{ARTICLE_BODY}</div>')
    with caplog.at_level(logging.WARNING, logger="kabar.extract.page"):
        record = extract_page(html, URL, facts=False)
    assert record["extraction"] == "generic-fallback"
    assert record["error"] is None
    assert "Kalimat ke-3" in record["text"] and "Hak cipta" not in record["text"]
    assert record["title"] == "Judul Lengkap" and record["authors"] == ["Budi Santoso"]
    assert record["published_at"] == "2024-03-01T09:15:00+07:00"
    assert any("beritajakarta" in m and "no body" in m for m in caplog.messages)


def test_a_raising_site_module_falls_back_to_generic(monkeypatch: pytest.MonkeyPatch) -> None:
    module = site_for(URL)

    def broken(ctx):
        raise IndexError("selector drift")

    monkeypatch.setattr(module, "extract", broken)
    html = PAGE.format(body=f'<div class="content-body">{ARTICLE_BODY}</div>')
    record = extract_page(html, URL, facts=False)
    assert record["extraction"] == "generic-fallback" and record["error"] is None
    assert "Kalimat ke-6" in record["text"]


def test_unknown_site_uses_generic_and_host_as_site() -> None:
    html = PAGE.format(body=f"<article>{ARTICLE_BODY}</article>")
    record = extract_page(html, "https://www.contoh-berita.id/a/1", facts=False)
    assert record["extraction"] == "generic" and record["site"] == "contoh-berita.id"
    assert record["title"] == "Judul Lengkap"


def test_page_without_article_text_says_so() -> None:
    page = "<html><body><div><img src='a.jpg'></div><script>x()</script></body></html>"
    record = extract_page(page, facts=False)
    assert record["text"] == "" and record["error"]["code"] == "no_text"


def test_published_at_is_always_jakarta_time() -> None:
    html = PAGE.format(body=f'<div class="content-body">{ARTICLE_BODY}</div>').replace(
        "2024-03-01T09:15:00+07:00", "2024-03-01T02:15:00Z"
    )
    assert extract_page(html, URL, facts=False)["published_at"] == "2024-03-01T09:15:00+07:00"


def test_every_registered_outlet_is_crawlable_by_its_key() -> None:
    """One outlet, one module: each site module's CRAWL gives a spider named by its key, which
    Scrapy's spider loader finds (``scrapy crawl <key>``) and which crawls the module's hosts."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    from kabar.crawler.spiders import SITE_SPIDERS

    assert set(SITE_SPIDERS) == set(extract.sites.SITES)
    loader = SpiderLoader.from_settings(get_project_settings())
    for key, module in extract.sites.crawlable().items():
        spider = loader.load(key)
        assert spider is SITE_SPIDERS[key] and spider.name == spider.site == key
        assert spider.ORIGINS == module.CRAWL.origins
        assert site_key(spider.ORIGINS[0]) == key, "the crawl's canonical origin is one of the module's hosts"
