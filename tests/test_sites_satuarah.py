"""The Satu Arah module: WordPress theme conventions, UTC dates converted to WIB."""

from __future__ import annotations

from kabar.extract.page import extract_page

URL = "https://satuarah.co/judul-berita/"
LONG = "dengan kalimat panjang tentang ikrar netralitas pegawai kantor imigrasi di Cilacap"


def test_other_wordpress_theme_and_utc_date() -> None:
    html = f"""<html><head>
    <meta property="article:published_time" content="2022-12-13T03:14:27+00:00">
    <title>Judul Berita - SATUARAH.CO</title></head><body>
    <article><h1 class="entry-title">Judul Berita</h1>
    <span class="byline">Oleh
    <span class="author vcard"><a href="/author/hendri/">Hendri Kusuma</a></span></span>
    <div class="td-post-content">
      <div class="wp-caption"><img src="a.jpg">
      <p class="wp-caption-text">Keterangan foto (Foto: Istimewa)</p></div>
      <p><strong>SATUARAH.CO</strong> - Paragraf pertama {LONG}.</p>
      <p><strong>Baca Juga: <a href="/lain/">Judul Artikel Lain</a></strong></p>
      <div class="code-block"><ins class="adsbygoogle"></ins></div>
      <p>Paragraf kedua {LONG}.</p>
      <div id="jp-relatedposts" class="jp-relatedposts"><h3>Artikel Terkait</h3><p>Judul Terkait</p></div>
    </div>
    <span class="tags-links">Tags: <a rel="tag" href="/tag/ikrar/">Ikrar</a></span>
    </article></body></html>"""
    record = extract_page(html, URL, facts=False)
    assert record["extraction"] == "site:satuarah"
    assert record["title"] == "Judul Berita" and record["authors"] == ["Hendri Kusuma"]
    assert record["published_at"] == "2022-12-13T10:14:27+07:00"
    assert record["tags"] == ["Ikrar"]
    assert record["text"].split("\n") == [
        f"SATUARAH.CO - Paragraf pertama {LONG}.",
        f"Paragraf kedua {LONG}.",
    ]


def test_byline_lines_in_the_body_fill_writer_and_editor() -> None:
    html = f"""<html><head><link rel="canonical" href="{URL}"></head><body><article>
    <h1 class="entry-title">Judul Berita</h1><div class="entry-content">
    <p>SATUARAH.CO - Paragraf pertama {LONG}.</p>
    <p>Penulis: Hendri Kusuma</p><p>Editor : Budi Santoso</p></div></article></body></html>"""
    record = extract_page(html, facts=False)
    assert record["authors"] == ["Hendri Kusuma"] and record["editors"] == ["Budi Santoso"]
    assert record["text"] == f"SATUARAH.CO - Paragraf pertama {LONG}."
