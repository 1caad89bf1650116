"""The generic extractor and the shared Indonesian noise rules, on a page of an unknown outlet."""

from __future__ import annotations

import copy
from datetime import datetime

import lxml.etree
import lxml.html
import pytest

from kabar.extract.generic import extract_generic, is_noise_line, strip_noise
from kabar.extract.metadata import JAKARTA
from kabar.extract.sites.base import build_context

PARAGRAPHS = [
    "KOTABARU, Portal Kota - Sebanyak 1.250 aparatur sipil negara (ASN) di lingkungan Pemerintah Kota "
    "Kotabaru mengikuti apel ikrar netralitas di halaman Balai Kota, Senin (25/9/2023).",
    "Wali Kota Kotabaru, Hendra Wijaya, mengatakan ikrar tersebut menjadi pengingat bahwa ASN wajib "
    "menjaga netralitas menjelang Pemilu 2024 dan tidak terlibat politik praktis dalam bentuk apa pun.",
    "Menurut dia, pelanggaran netralitas akan ditindak sesuai ketentuan yang berlaku. Badan Kepegawaian "
    "dan Pengembangan Sumber Daya Manusia juga membuka kanal pengaduan bagi masyarakat.",
    "Kepala BKPSDM Kotabaru, Rina Marlina, menambahkan bahwa sosialisasi aturan netralitas akan "
    "dilakukan di setiap kecamatan hingga akhir Oktober 2023 agar seluruh pegawai memahaminya.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="id"><head>
<meta charset="utf-8">
<title>ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024 - Portal Kota</title>
<meta property="og:title" content="ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024 | Portal Kota">
<meta property="og:site_name" content="Portal Kota">
<meta property="og:description" content="Ribuan ASN Kotabaru mengikuti apel ikrar netralitas.">
<link rel="canonical" href="https://portalkota.example.id/berita/2023/09/25/asn-ikrar-netralitas">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024",
  "datePublished": "2023-09-25T10:15:00+07:00",
  "author": {{"@type": "Person", "name": "Dewi Kartika"}},
  "articleSection": "Pemerintahan",
  "keywords": "ASN, netralitas, Pemilu 2024"}}
</script>
</head><body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/politik">Politik</a></li></ul></nav>
<article>
<h1>ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024</h1>
<figure><img src="/foto.jpg">
<figcaption>Apel ikrar netralitas ASN di Balai Kota. (Foto: Humas Pemkot)</figcaption></figure>
<p>{PARAGRAPHS[0]}</p>
<p class="baca-juga"><strong>Baca juga: <a href="/x">Camat Diminta Awasi Netralitas Lurah</a></strong></p>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}Baca juga : Bawaslu Terima Tiga Laporan</p>
<p>Simak juga: <a href="/y">Video Apel ASN</a></p>
<p>{PARAGRAPHS[3]}</p>
<p>Editor: Budi Santoso</p>
</article>
<div class="related-posts"><h3>Berita Terkait</h3><ul>
<li><a href="/a">Pemkot Gelar Sosialisasi Netralitas ASN untuk Seluruh Kecamatan di Kotabaru</a></li>
<li><a href="/b">Bawaslu Ingatkan Kepala Desa Agar Tidak Ikut Kampanye Peserta Pemilu 2024</a></li>
</ul></div>
<footer>Copyright © 2023 Portal Kota. All rights reserved.</footer>
</body></html>"""


@pytest.fixture(scope="module")
def record() -> dict:
    tree = lxml.html.fromstring(PAGE)
    return extract_generic(build_context(PAGE, tree, None))


def test_body_keeps_every_paragraph(record: dict) -> None:
    lines = record["text"].split("\n")
    assert lines[0].startswith("KOTABARU, Portal Kota - Sebanyak 1.250")
    for paragraph in (PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3]):
        assert paragraph in lines
    # the cross-link glued to the end of a paragraph is cut, the paragraph itself is kept whole
    assert PARAGRAPHS[2] in lines


def test_body_drops_newsroom_noise(record: dict) -> None:
    text = record["text"]
    for noise in (
        "Baca juga",
        "Simak juga",
        "Editor",
        "Bawaslu Terima",
        "Foto: Humas",
        "Berita Terkait",
        "Copyright",
        "Beranda",
    ):
        assert noise not in text, noise


def test_metadata_comes_from_structured_data(record: dict) -> None:
    assert record["title"] == "ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024"
    assert record["authors"] == ["Dewi Kartika"]
    assert record["published_at"] == datetime(2023, 9, 25, 10, 15, tzinfo=JAKARTA)
    assert record["section"] == "Pemerintahan"
    assert record["tags"] == ["ASN", "netralitas", "Pemilu 2024"]
    assert record["description"] == "Ribuan ASN Kotabaru mengikuti apel ikrar netralitas."


def test_generic_leaves_the_callers_tree_untouched() -> None:
    tree = lxml.html.fromstring(PAGE)
    before = lxml.etree.tostring(copy.deepcopy(tree))
    extract_generic(build_context(PAGE, tree, "https://portalkota.example.id/berita/1"))
    assert lxml.etree.tostring(tree) == before


def test_generic_without_structured_data_falls_back_to_page_guesses() -> None:
    page = (
        "<html><head><title>Lurah Dilantik di Kantor Camat - Portal Kota</title></head><body>"
        "<h1>Lurah Dilantik di Kantor Camat</h1>"
        "<p class='date'>Selasa, 10 Oktober 2023 09:30 WIB</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</body></html>"
    )
    record = extract_generic(build_context(page, lxml.html.fromstring(page), None))
    assert record["title"] == "Lurah Dilantik di Kantor Camat"
    assert PARAGRAPHS[1] in record["text"]


@pytest.mark.parametrize(
    "page",
    [
        "<html><body></body></html>",
        "<html><body><nav><ul><li><a href='/'>Beranda</a></li><li><a href='/p'>Politik</a></li></ul></nav>"
        "<footer><p>Copyright 2023 Portal Kota</p></footer></body></html>",
    ],
)
def test_generic_on_a_page_without_article_gives_empty_text(page: str) -> None:
    record = extract_generic(build_context(page, lxml.html.fromstring(page), None))
    assert record["text"] == ""
    assert record["title"] is None


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Camat Diminta Awasi Netralitas",
        "BACA JUGA : Camat Diminta Awasi Netralitas",
        "Baca: Ini Daftar Lurah",
        "Editor : Indriyani Astuti",
        "Penulis: Dewi Kartika",
        "Redaktur & Reporter : Boy",
        "Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel mediaindonesia.com",
        "(Foto: Humas Pemkot)",
        "Foto : Dok. Humas Pemkot Kotabaru",
        "0 Komentar",
        "ADVERTISEMENT",
        "Halaman 1 2 3",
        "Yuk, Simak Juga Video ini!",
        # pagination, tags, bylines, counters and ad leftovers in other shapes
        "1 2 3",
        "1 of 8 Next »",
        "Next : 1. William dan Kate Middleton",
        "Tags Imlek lalu lintas jeneponto",
        "TAG: real madrid Arsenal arsene wenger",
        "Rep: Gilang Akbar Prambadi/ Red: Israr Itah",
        "Posted by: Andika 30 Januari 2017",
        "9,397 Views",
        "Dibaca 640",
        "Share this:",
        "Be Sociable, Share!",
        "Laporkan iklan?",
        "googletag.cmd.push(function(){googletag.display('div-gpt-ad-1477642290967-0');});",
        "Sumber - Antara",
        "SUMBER Bola.net",
        "EDITOR | Budi Santoso",
        "Editor Budi Santoso",
        "Kontributor Bandung, Fulanah",
        "Berita ini juga dapat dibaca melalui m.detik.com dan aplikasi detikcom",
    ],
)
def test_noise_lines(line: str) -> None:
    assert is_noise_line(line)
    assert strip_noise(line) == ""


@pytest.mark.parametrize(
    "line",
    [
        "Bacaan Al-Quran mengawali apel ikrar netralitas ASN di halaman Balai Kota.",
        "Editorial kebijakan netralitas dibahas dalam rapat pimpinan daerah, kata Hendra.",
        "Fotografer dan wartawan ikut meliput apel ikrar netralitas ASN tersebut.",
        "Penulis buku tentang birokrasi itu hadir sebagai narasumber dalam sosialisasi.",
        "Next year, the government will raise fuel prices again.",
        "Tagihan listrik naik tahun ini menurut PLN dan pemerintah.",
        "Sumber daya manusia aparatur menjadi fokus rapat itu.",
        "Editor senior itu menyampaikan kritik kepada pemerintah daerah.",
        "Selanjutnya, ASN diminta menandatangani pakta integritas.",
    ],
)
def test_content_lines_that_look_like_noise_survive(line: str) -> None:
    assert not is_noise_line(line)
    assert strip_noise(line) == line


def test_strip_noise_inline_credit_glued_link_and_dateline() -> None:
    text = (
        "Jakarta -\n"
        "Gedung Balai Kota (Foto: Antara/Ali) dipenuhi peserta apel.\n"
        "Ikrar dibacakan bersama.Baca juga : Bawaslu Terima Laporan\n"
        "Sebanyak 450 ASN dilaporkan (dok. Humas) ke Bawaslu."
    )
    assert strip_noise(text).split("\n") == [
        "Jakarta - Gedung Balai Kota dipenuhi peserta apel.",
        "Ikrar dibacakan bersama.",
        "Sebanyak 450 ASN dilaporkan ke Bawaslu.",
    ]


def test_pull_quote_repeating_a_paragraph_is_dropped() -> None:
    quote = "Jangan sampai ada warga pulau yang merasa dianaktirikan"
    body = f'Ridwan mengatakan, "{quote}," kata dia di Pulau Pramuka.'
    page = (
        "<html><body><article><h1>ASN Kepulauan Seribu Teken Pakta Integritas</h1>"
        f"<p>{PARAGRAPHS[0]}</p><blockquote>{quote}</blockquote><p>{body}</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
        + "</article></body></html>"
    )
    record = extract_generic(build_context(page, lxml.html.fromstring(page), None))
    assert quote not in record["text"].split("\n")
    assert body in record["text"].split("\n")


def test_a_quoted_pledge_point_repeated_in_text_stays() -> None:
    point = "Menjaga netralitas dalam penyelenggaraan Pemilu 2024"
    assert (
        strip_noise(f"ASN berikrar: {point.lower()}.\n{point}") == f"ASN berikrar: {point.lower()}.\n{point}"
    )


def test_dek_heading_repeating_the_description_is_not_body() -> None:
    dek = "Ribuan ASN Kotabaru mengikuti apel ikrar netralitas di halaman Balai Kota."
    page = (
        f"<html><head><meta property='og:description' content='{dek}'></head><body><article>"
        f"<h1>ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024</h1><h4>{dek}</h4>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    record = extract_generic(build_context(page, lxml.html.fromstring(page), None))
    assert dek not in record["text"]
    assert record["description"] == dek
    assert record["text"].split("\n")[0] == PARAGRAPHS[0]


def test_first_paragraph_equal_to_description_stays() -> None:
    page = (
        f"<html><head><meta name='description' content='{PARAGRAPHS[0]}'></head><body><article>"
        "<h1>ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    record = extract_generic(build_context(page, lxml.html.fromstring(page), None))
    assert record["text"].split("\n")[0] == PARAGRAPHS[0]


def test_bare_dateline_lead_paragraph_is_recovered() -> None:
    """The lead is bare text after a bold dateline, the rest are <p>s: trafilatura drops the lead."""
    page = (
        "<html><body><div class='main'><h1>ASN Kotabaru Ikrar Netralitas Jelang Pemilu 2024</h1>"
        "<div class='read'><strong>Kotabaru, Portal Kota</strong> - Sebanyak 1.250 aparatur sipil negara "
        "(ASN) mengikuti apel ikrar netralitas di halaman Balai Kota, Senin (25/9/2023)."
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
        + "</div></div><div class='side'><p><b>Jakarta</b> - Teaser lain di sidebar yang tidak boleh "
        "masuk ke dalam teks artikel ini sama sekali.</p></div></body></html>"
    )
    record = extract_generic(build_context(page, lxml.html.fromstring(page), None))
    lines = record["text"].split("\n")
    assert lines[0].startswith("Kotabaru, Portal Kota - Sebanyak 1.250 aparatur")
    assert lines[0].endswith("Senin (25/9/2023).")
    assert PARAGRAPHS[1] in lines
    assert "Teaser lain" not in record["text"]


def test_long_paragraph_starting_with_a_label_word_is_content() -> None:
    line = "Editor: " + "kata " * 60
    assert not is_noise_line(line.strip())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kata dia menutup acara. Penulis: Fulan Editor: Budi", "Kata dia menutup acara."),
        ("Kata dia menutup acara (Sumber: Antara) kemarin.", "Kata dia menutup acara kemarin."),
        ("Acara selesai. Artikel ini telah tayang di Kompas.com dengan judul X", "Acara selesai."),
        ("Menurut dia, Editor: itu hal biasa.", "Menurut dia, Editor: itu hal biasa."),
    ],
)
def test_bylines_and_sources_glued_to_a_paragraph_go(line: str, expected: str) -> None:
    assert strip_noise(line) == expected
