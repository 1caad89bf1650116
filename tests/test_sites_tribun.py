"""The Tribun network module on markup variants beyond the fixture page (2026 template, no JSON-LD)."""

from __future__ import annotations

from kabar.extract.page import extract_page

LONG = "dengan kalimat yang cukup panjang tentang netralitas aparatur sipil negara menjelang pemilu"

TEMPLATE_2026 = f"""<html><head><title>Judul Berita Baru - Tribunnews.com</title>
<link rel="canonical" href="https://www.tribunnews.com/nasional/7858656/judul-berita-baru">
<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
 {{"@type": "NewsArticle", "headline": "Judul Berita Baru", "datePublished": "2026-07-24T12:40:00+07:00",
   "author": [{{"@type": "Person", "name": "Reza Deni"}}], "articleSection": "Nasional",
   "keywords": ["ASN", "Netralitas"]}},
 {{"@type": "BreadcrumbList", "itemListElement": []}}]}}</script>
</head><body>
<ul><li><time class="grey foot timeago" title="2020-05-03 16:29:06">12 jam lalu</time></li></ul>
<div id="article">
<h2><a href="/topic/pemilu-2024">Pemilu 2024</a></h2>
<h1 id="arttitle">Judul Berita Baru</h1>
<span>Tayang:</span><time datetime="2026-07-24T12:40+07:00">Jumat, 24 Juli 2026 12:40 WIB</time>
<div class="side-article txt-article multi-fontsize editcontent">
<p><strong>TRIBUNNEWS.COM, JAKARTA</strong> - Paragraf pertama {LONG}.</p>
<blockquote class="summary-article"><p>Ringkasan Berita:</p>
<ul><li>Poin ringkasan yang bukan isi</li></ul></blockquote>
<p class="baca">Baca: <a href="/x">Judul Artikel Lain Di Kotak Baca</a></p>
<p>Baca juga: Judul Artikel Lain Tanpa Kelas</p>
<figure><img src="a.jpg">
<figcaption>Keterangan foto yang panjang. (Tribunnews.com/Jeprima)</figcaption></figure>
<div id="div-Inside-MediumRectangle" class="ads-placeholder"><script>googletag.display()</script></div>
<p>Paragraf kedua {LONG}.</p>
<blockquote class="twitter-tweet"><p>Cuitan warganet yang disematkan</p></blockquote>
<p><strong>Subjudul di dalam artikel</strong></p>
<p>Paragraf ketiga {LONG}.</p>
</div>
<div class="side-article mb5"><p>Sesuai Minatmu: Artikel Rekomendasi Lain</p></div>
<div id="penulis">Penulis: <a href="/penulis/reza-deni">Reza Deni</a></div>
<div id="editor">Editor: <a href="/editor/wahyu-aji">Wahyu Aji</a></div>
</div></body></html>"""


def test_2026_template_with_graph_ld() -> None:
    record = extract_page(TEMPLATE_2026, facts=False)
    assert record["site"] == "tribunnews" and record["extraction"] == "site:tribun"
    assert record["title"] == "Judul Berita Baru"
    assert record["authors"] == ["Reza Deni"] and record["editors"] == ["Wahyu Aji"]
    assert record["published_at"] == "2026-07-24T12:40:00+07:00"
    assert record["section"] == "Nasional" and record["tags"] == ["ASN", "Netralitas"]
    assert record["text"].split("\n") == [
        f"TRIBUNNEWS.COM, JAKARTA - Paragraf pertama {LONG}.",
        f"Paragraf kedua {LONG}.",
        "Subjudul di dalam artikel",
        f"Paragraf ketiga {LONG}.",
    ]


def test_visible_date_used_without_json_ld_and_related_timeago_ignored() -> None:
    html = TEMPLATE_2026.split("<script", 1)[0] + "</head>" + TEMPLATE_2026.split("</head>", 1)[1]
    html = html.replace(
        '<time datetime="2026-07-24T12:40+07:00">Jumat, 24 Juli 2026 12:40 WIB</time>',
        '<time class="grey">Senin, 4 Mei 2020 04:25 WIB</time>',
    )
    record = extract_page(html, "https://jateng.tribunnews.com/2020/05/04/judul", facts=False)
    assert record["site"] == "jateng"
    assert record["published_at"] == "2020-05-04T04:25:00+07:00"
    assert record["authors"] == ["Reza Deni"] and record["title"] == "Judul Berita Baru"


def test_next_pages_do_not_leak_into_the_record() -> None:
    html = TEMPLATE_2026.replace(
        '<div class="side-article mb5">',
        '<div class="paging"><a href="?page=2">2</a><span class="total-page">Halaman 1/2</span></div>'
        '<div class="side-article mb5">',
    )
    record = extract_page(html, facts=False)
    assert "next_pages" not in record and "Halaman" not in record["text"]


def test_2025_credit_line_holds_writer_and_editor_and_hidden_summary_is_not_body() -> None:
    html = TEMPLATE_2026.replace(
        '<div id="penulis">Penulis: <a href="/penulis/reza-deni">Reza Deni</a></div>\n'
        '<div id="editor">Editor: <a href="/editor/wahyu-aji">Wahyu Aji</a></div>',
        '<div class="credit"><h5 id="penulis">Penulis: <b><a href="/p/d">David Yohanes</a></b> <span>|</span>'
        ' Editor: <b><a href="/e/i">irwan sy</a></b></h5></div>',
    ).replace(
        "<p><strong>TRIBUNNEWS.COM",
        "<h4 class='hide'>Ringkasan tersembunyi berita ini</h4><p><strong>TRIBUNNEWS.COM",
    )
    record = extract_page(html, facts=False)
    assert record["authors"] == ["David Yohanes"] and record["editors"] == ["irwan sy"]
    assert record["text"].startswith("TRIBUNNEWS.COM, JAKARTA - Paragraf pertama")
