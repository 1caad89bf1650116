"""The Koran Jakarta module: body boilerplate and the older 2018 template."""

from __future__ import annotations

from kabar.extract.page import extract_page

URL = "https://koran-jakarta.com/judul-berita"
LONG = "dengan kalimat panjang tentang pakta integritas aparatur sipil negara di Jakarta"


def test_boilerplate_inside_the_body_container_goes() -> None:
    html = f"""<html><head><title>Judul Berita - Koran Jakarta</title></head><body>
    <div class="detail-article"><div class="sub-title">Kicker Di Atas Judul</div>
    <h1 class="title-detail">Judul Berita</h1>
    <div class="meta-detail"><span class="date">Rabu 4/10/2023 | 05:50</span></div>
    <div class="text-detail">
      <div class="font-setting"><a>A</a> <a>A</a> <a>A</a> <span>Pengaturan Font</span></div>
      <p><strong>JAKARTA</strong> - Paragraf pertama {LONG}.</p>
      <div class="foto-credit">Foto : ANTARA/Fulan</div>
      <p><strong>Baca Juga :</strong> <a href="/lain">Judul Artikel Lain</a></p>
      <p>Paragraf kedua {LONG}.</p>
      <p>Redaktur : Fulan Bin Fulan</p>
      <p>Penulis : Fulanah</p>
    </div>
    <div class="author-detail"><div class="redaktur">Redaktur : <a>Fulan Bin Fulan</a></div>
    <div class="penulis">Penulis : <a>Fulanah</a></div></div>
    </div></body></html>"""
    record = extract_page(html, URL, facts=False)
    assert record["extraction"] == "site:koranjakarta"
    assert record["title"] == "Judul Berita"
    assert record["authors"] == ["Fulanah"] and record["editors"] == ["Fulan Bin Fulan"]
    assert record["published_at"] == "2023-10-04T05:50:00+07:00"
    assert record["text"].split("\n") == [f"JAKARTA - Paragraf pertama {LONG}.", f"Paragraf kedua {LONG}."]


def test_2018_template_body() -> None:
    html = f"""<html><body><h1>Judul Lama</h1><span class="date">Senin 19/3/2018 | 06:17</span>
    <div class="content_news"><p>JAKARTA &ndash; Paragraf pertama {LONG}.</p>
    <p>Paragraf kedua {LONG}. <strong>sur/AR-3</strong></p></div></body></html>"""
    record = extract_page(html, URL, facts=False)
    assert record["extraction"] == "site:koranjakarta"
    # the site module does not trust a bare span.date (in listings and related boxes it dates
    # *other* articles); the date line right beside the headline is the article's own
    assert record["published_at"] == "2018-03-19T06:17:00+07:00"
    assert record["text"].startswith(f"JAKARTA – Paragraf pertama {LONG}.")
    assert record["text"].endswith(f"Paragraf kedua {LONG}.") and record["signoff"] == "sur/AR-3"


def test_a_span_date_far_from_the_headline_is_not_the_publish_date() -> None:
    related = "".join(
        f"<li><a href='/x{i}/'>Berita lain {i}</a> <span class='date'>Senin 2{i}/3/2018 | 06:17</span></li>"
        for i in range(3)
    )
    html = f"""<html><body><h1>Judul Lama</h1>
    <div class="content_news"><p>JAKARTA &ndash; Paragraf pertama {LONG}.</p>
    <p>Paragraf kedua {LONG}.</p></div>{"<p>Sisi halaman.</p>" * 70}<ul>{related}</ul></body></html>"""
    record = extract_page(html, URL, facts=False)
    assert record["published_at"] is None
