"""The README's "Adding a site" checklist, followed for a toy outlet: one module, then a crawl.

The outlet module is written into a temporary folder named by ``KABAR_SITES_PATH`` (searched like
``extract/sites/``), its site copy into a temporary root served by :class:`SiteServer`; nothing
else is edited, so if adding an outlet ever needs a second place, this test fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from kabar.crawler.localserver import SiteServer
from kabar.pipelines.dataset import connect

HOST = "www.toyberita.test"

# Step 1 of the checklist: extract/sites/<key>.py with identity, crawl sources and selectors.
MODULE = '''
"""Toy Berita (toyberita.test): a sitemap, articles at /berita/{id}/{slug}."""

from typing import Any

from kabar.extract.sites.base import PageContext, extract_with
from kabar.extract.sites.sources import CrawlSources

KEY = "toyberita"
HOSTS = ("toyberita.test",)
SITE_NAMES = ("Toy Berita",)

CRAWL = CrawlSources(
    origins=("https://www.toyberita.test",),
    sitemaps=("/sitemap.xml",),
    article_patterns=(r"^/berita/\\d+/[a-z0-9-]+$",),
)

TITLE = ("h1.judul",)
BODY = ("div.isi",)
AUTHORS = ("span.penulis",)
DATE = ("time.tanggal",)


def extract(ctx: PageContext) -> dict[str, Any]:
    return extract_with(ctx, body=BODY, title=TITLE, authors=AUTHORS, date=DATE)
'''

ARTICLE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} - Toy Berita</title>
<meta property="og:type" content="article"><link rel="canonical" href="https://{host}{path}"></head>
<body><nav><a href="/">Beranda</a></nav><article><h1 class="judul">{title}</h1>
<span class="penulis">Sari Wulandari</span>
<time class="tanggal" datetime="{date}T09:30:00+07:00">{date}</time>
<div class="isi"><p>{first}</p>
<p>Kegiatan itu diikuti seluruh pegawai di halaman kantor wali kota pada pagi hari.</p>
<p>Panitia menyebut acara serupa akan digelar lagi tahun depan dengan peserta yang lebih banyak.</p></div>
</article><footer>Hak cipta Toy Berita</footer></body></html>"""

STORIES = {
    "/berita/101/asn-kota-contoh-ikrar-netralitas": ("ASN Kota Contoh Ikrar Netralitas", "2023-11-02",
        "Sebanyak 300 aparatur sipil negara Pemerintah Kota Contoh mengucapkan ikrar netralitas."),
    "/berita/102/warga-contoh-bersihkan-sungai": ("Warga Contoh Bersihkan Sungai", "2023-11-05",
        "Ratusan warga Kota Contoh membersihkan sungai yang melintasi permukiman mereka."),
}  # fmt: skip


def write_site(root: Path) -> None:
    """The outlet's copy in the bundled server's layout (``/a/b`` -> ``a/b/index.html``)."""
    site = root / HOST
    site.mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /cari\n", "utf-8")
    urls = "".join(f"<url><loc>https://{HOST}{path}</loc></url>" for path in [*STORIES, "/tentang-kami"])
    xmlns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    sitemap = f'<?xml version="1.0"?><urlset xmlns="{xmlns}">{urls}</urlset>'
    (site / "sitemap.xml").write_text(sitemap, "utf-8")
    for path, (title, day, first) in STORIES.items():
        page = site / path.strip("/") / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(ARTICLE.format(title=title, date=day, first=first, host=HOST, path=path), "utf-8")


def test_a_new_outlet_is_one_module_and_crawls_from_the_bundled_server(tmp_path: Path) -> None:
    modules = tmp_path / "outlets"
    modules.mkdir()
    (modules / "toyberita.py").write_text(MODULE, "utf-8")
    write_site(tmp_path / "sites")
    out = tmp_path / "out"
    env = {**os.environ, "KABAR_SITES_PATH": str(modules)}
    with SiteServer(tmp_path / "sites") as server:
        cmd = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "toyberita",
            "-a",
            f"base_url={server.base_urls[HOST]}",
            "-s",
            f"KABAR_OUT={out}",
            "-s",
            "AUTOTHROTTLE_ENABLED=0",
            "-s",
            "DOWNLOAD_DELAY=0",
        ]
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=180, env=env)
        requested = {r.path for r in server.requested(HOST)}
    assert result.returncode == 0, result.stderr[-3000:]
    assert "/tentang-kami" not in requested  # not an article URL by the module's pattern
    con = connect(out)
    try:
        stored = con.execute("SELECT site, url, title, authors, text FROM articles ORDER BY url").fetchall()
    finally:
        con.close()
    assert [(site, url, title) for site, url, title, _, _ in stored] == [
        ("toyberita", f"https://{HOST}{path}", title) for path, (title, _, _) in STORIES.items()
    ]
    for (_, _, _, authors, text), (_, _, first) in zip(stored, STORIES.values(), strict=True):
        assert list(authors) == ["Sari Wulandari"]
        assert text.startswith(first) and "Hak cipta" not in text and "Beranda" not in text
