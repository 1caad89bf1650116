"""Furniture on an unknown outlet's page, by class (issue 10): every route's cleanup must leave the
journalistic text only, with sign-off codes in ``signoff`` and listing pages flagged."""

from __future__ import annotations

import pytest

from kabar.extract.page import extract_page

SENTENCE = "kegiatan pemerintah daerah berlangsung hari ini di kantor wali kota dihadiri ratusan pegawai"
URL = "https://portalberita.example.id/nasional/2024/03/04/wali-kota-lantik"
PARAS = [f"Paragraf {n} {SENTENCE}." for n in ("pertama", "kedua", "ketiga", "keempat")]


def page(head: str = "", body: str = "", h1: str = "<h1>Nasional</h1>") -> str:
    return f"""<html><head><title>Wali Kota Lantik Pejabat Baru - Portal Berita</title>{head}</head><body>
    <div class="menu"><a href="/">Home</a><a href="/nasional">Nasional</a></div>
    {h1}<h2 class="judul">Wali Kota Lantik Pejabat Baru</h2>
    <div class="meta">Senin, 4 Maret 2024 | 20:30 WIB</div>
    <div class="isi">{body}</div></body></html>"""


FURNITURE_BODY = f"""
<p>Oleh: Fulan Bin Fulan</p>
<figure><img src="x.jpg"><figcaption>Wali kota saat pelantikan © Reuters</figcaption></figure>
<p><strong>BANDUNG</strong> - {PARAS[0]} (Baca juga: Judul Lain yang Terkait Sekali)</p>
<p>{PARAS[1]}</p>
<p>Wali kota berpidato di depan pejabat (Foto: Dok. Humas)</p>
<h3>BERITA REKOMENDASI</h3>
<ul><li><a href="/a">Judul satu yang direkomendasikan redaksi</a></li>
<li><a href="/b">Judul dua yang direkomendasikan redaksi</a></li></ul>
<p>{PARAS[2]} Baca selengkapnya</p>
<p>{PARAS[3]} (ant/mr)</p>
<p>Sumber - Antara</p>
<p>EDITOR  |  Budi Santoso</p>
<p>Kontributor Bandung, Fulanah</p>
<p>Read more: Judul lain di sini</p>
"""


def test_furniture_classes_leave_the_text() -> None:
    record = extract_page(page(body=FURNITURE_BODY), URL, facts=False)
    assert record["extraction"] == "generic" and record["error"] is None
    assert record["text"].split("\n") == [f"BANDUNG - {PARAS[0]}", *PARAS[1:]]
    assert record["signoff"] == "(ant/mr)"


def test_channel_label_h1_is_not_the_headline() -> None:
    record = extract_page(page(body="".join(f"<p>{p}</p>" for p in PARAS)), URL, facts=False)
    assert record["title"] == "Wali Kota Lantik Pejabat Baru"


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        # a true UTC instant that is the next day in Jakarta, with the page showing that day
        ("2024-03-04T13:30:00Z", "2024-03-04T20:30:00+07:00"),
        # a false zone: the local clock time written with "Z" (the shown date wins the day)
        ("2024-03-04T20:30:00Z", "2024-03-04T20:30:00+07:00"),
        # a sidebar date taken by a date guesser: the shown date beside the headline wins
        ("2024-03-19T08:00:00+07:00", "2024-03-04T20:30:00+07:00"),
    ],
)
def test_publish_date_agrees_with_the_date_shown_beside_the_headline(declared: str, expected: str) -> None:
    head = f'<meta property="article:published_time" content="{declared}">'
    record = extract_page(page(head=head, body="".join(f"<p>{p}</p>" for p in PARAS)), URL, facts=False)
    assert record["published_at"] == expected


def test_an_index_page_is_not_an_article() -> None:
    teasers = (
        "".join(
            f"<div class='item'><h3><a href='/nasional/2024/03/0{i}/berita-{i}'>Judul berita nomor {i} "
            f"yang cukup panjang untuk tautan</a></h3><span>0{i} Maret 2024</span></div>"
            for i in range(1, 10)
        )
        * 2
    )
    html = f"<html><head><title>Berita Nasional Terkini</title></head><body>{teasers}</body></html>"
    record = extract_page(html, "https://portalberita.example.id/nasional/", facts=False)
    assert record["error"]["code"] == "not_article" and record["text"] == ""
    home = extract_page(html, "https://portalberita.example.id/", facts=False)
    assert home["error"]["code"] == "not_article"


_SECTION_SENTENCE = f"{SENTENCE} dari berbagai dinas dan instansi vertikal"
_LONG_BLURB = f"{_SECTION_SENTENCE} {_SECTION_SENTENCE}"


def _section_page(head: str = "", blurb: str = "Ringkasan singkat berita ini") -> str:
    teasers = "".join(
        f'<div class="item"><h3><a href="/read/2019/05/0{i % 9 + 1}/{1000 + i}/judul-berita-nomor-{i}">'
        f"Judul berita nomor {i} tentang pemerintah daerah</a></h3>"
        f"<span>Senin, 6 Mei 2019 10:{10 + i} WIB</span><p>{blurb}</p></div>"
        for i in range(12)
    )
    return f"""<html><head><title>Politik - Portal Berita</title>{head}</head><body>
    <nav><a href="/">Beranda</a></nav><h1>Politik</h1><div class="list">{teasers}</div>
    <footer>© 2019 Portal Berita</footer></body></html>"""


@pytest.mark.parametrize(
    ("path", "head", "blurb"),
    [
        # a section name as the only "headline", dated teaser headings under it
        ("/politik", "", "Ringkasan singkat berita ini"),
        # WordPress archives under a listing segment, deeper than two levels
        ("/category/berita/politik/", "", _LONG_BLURB),
        ("/tag/asn/page/2/", "", _LONG_BLURB),
        # the publisher's own word
        (
            "/news-politik",
            '<script type="application/ld+json">{"@type": "CollectionPage"}</script>',
            SENTENCE * 3,
        ),
    ],
)
def test_section_archive_and_collection_pages_are_not_articles(path: str, head: str, blurb: str) -> None:
    record = extract_page(_section_page(head, blurb), "https://www.portalberita.co.id" + path, facts=False)
    assert record["error"]["code"] == "not_article"


def test_an_article_filed_under_a_listing_segment_is_still_an_article() -> None:
    url = "https://portalberita.example.id/kanal/politik/wali-kota-lantik-pejabat-baru-hari-ini"
    record = extract_page(page(body="".join(f"<p>{p}</p>" for p in PARAS)), url, facts=False)
    assert record["error"] is None and record["text"].split("\n") == PARAS


def test_an_old_template_without_known_classes_still_gives_its_text() -> None:
    body = "".join(f"<font size=2><p>{p}</p></font>" for p in PARAS)
    html = f"""<html><head><title>Judul Lama</title></head><body><table><tr><td>
    <div style="padding-top:20px"><h1>Judul Lama Sekali</h1>{body}</div></td></tr></table></body></html>"""
    url = "https://www.idntimes.com/news/indonesia/fulan/judul-lama-sekali"
    record = extract_page(html, url, facts=False)
    assert record["text"] and "Paragraf keempat" in record["text"]


def test_story_paragraphs_dropped_at_the_ends_of_the_container_come_back() -> None:
    import lxml.html

    from kabar.extract.generic import _completed

    html = "<div><p>" + "</p><p>".join(PARAS) + "</p><p>Pendek.</p></div>"
    tree = lxml.html.fromstring(f"<html><body>{html}<div><p>{PARAS[0]}x</p></div></body></html>")
    # trafilatura kept only the middle two paragraphs: the lead and the closing one come back,
    # the short line does not
    assert _completed(tree, "\n".join(PARAS[1:3])) == "\n".join(PARAS)
    # lines that are not paragraphs of one container are left as they are
    assert _completed(tree, f"{PARAS[1]}\nSomething else entirely") == f"{PARAS[1]}\nSomething else entirely"


def test_a_brand_spelled_like_the_address_leaves_the_title() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    title = "<title>Wali Kota Lantik Pejabat - Kabar Priangan</title>"
    html = f"<html><head>{title}</head><body>{body}</body></html>"
    record = extract_page(html, "https://www.kabar-priangan.co.id/bandung/2024/wali-kota-lantik", facts=False)
    assert record["title"] == "Wali Kota Lantik Pejabat"


def test_the_header_date_of_today_above_the_headline_is_not_the_publish_date() -> None:
    head = '<meta property="article:published_time" content="2024-03-04T20:30:00+07:00">'
    html = (
        page(head=head, body="".join(f"<p>{p}</p>" for p in PARAS))
        .replace('<div class="meta">Senin, 4 Maret 2024 | 20:30 WIB</div>', "")
        .replace('<div class="menu">', '<div class="today">Kamis, 3 Desember 2026</div><div class="menu">')
    )
    record = extract_page(html, URL, facts=False)
    assert record["published_at"] == "2024-03-04T20:30:00+07:00"


def test_a_bare_date_beside_the_first_h1_does_not_override_the_publishers_date() -> None:
    head = '<meta property="article:published_time" content="2024-03-04T20:30:00+07:00">'
    html = page(
        head=head,
        body="".join(f"<p>{p}</p>" for p in PARAS),
        h1="<h1>Portal</h1><div>Kamis, 3 Desember 2026</div>",
    )
    html = html.replace('<div class="meta">Senin, 4 Maret 2024 | 20:30 WIB</div>', "").replace(
        '<h2 class="judul">Wali Kota Lantik Pejabat Baru</h2>', ""
    )
    record = extract_page(html, URL, facts=False)
    assert record["published_at"] == "2024-03-04T20:30:00+07:00"


RELATED_UNDER_LABEL = f"""
<p>{PARAS[0]}</p>
<p><strong>Artikel Terkait</strong></p>
<ul><li><a href="/a">Judul satu artikel terkait</a></li><li><a href="/b">Judul dua artikel terkait</a></li>
<li><a href="/c">Judul tiga artikel terkait</a></li></ul>
<p>{PARAS[1]}</p>
<p>Isi ikrar sebagai berikut:</p>
<ul><li>Menjaga netralitas ASN</li><li>Tidak ikut kampanye</li></ul>
<p>{PARAS[2]}</p>
"""


def test_a_list_of_links_under_a_short_label_is_a_related_box_but_a_points_list_stays() -> None:
    record = extract_page(page(body=RELATED_UNDER_LABEL), URL, facts=False)
    assert record["text"].split("\n") == [
        PARAS[0],
        PARAS[1],
        "Isi ikrar sebagai berikut:",
        "- Menjaga netralitas ASN",
        "- Tidak ikut kampanye",
        PARAS[2],
    ]


def _short_page(head: str, body: str) -> str:
    return f"""<html><head><title>Bupati Pimpin Ikrar | Kabar Timur</title>{head}</head><body>
    <h1>Bupati Pimpin Ikrar</h1><div class="isi">{body}</div>
    <div class="sidebar"><h3>Terbaru</h3><div>Rabu, 25 Oktober 2023 10:00 WITA</div></div></body></html>"""


def test_a_sidebar_date_after_a_short_story_is_not_the_publish_date() -> None:
    ld = '{"@type": "NewsArticle", "datePublished": "2023-10-16T23:30:00Z"}'
    body = f"<p>JAYAPURA - {PARAS[0]}</p><p>{PARAS[1]}</p>"
    head = f'<script type="application/ld+json">{ld}</script>'
    record = extract_page(_short_page(head, body), URL, facts=False)
    assert record["published_at"] == "2023-10-17T06:30:00+07:00"


def test_a_shown_clock_time_in_another_zone_completes_a_date_only_guess() -> None:
    body = f"<div class='date'>17/10/2023 08:30 WIT</div><p>JAYAPURA - {PARAS[0]}</p><p>{PARAS[1]}</p>"
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["published_at"] == "2023-10-17T06:30:00+07:00"


@pytest.mark.parametrize(
    "caption",
    [
        "Bupati membacakan ikrar. ANTARA FOTO/Fulan Wijaya",
        "Ikrar netralitas kepala desa se-Kecamatan Praya Barat. Foto: Fitri/Portal.com",
        "Kapolda memimpin deklarasi di lapangan, Senin (27/11). Foto: Humas Polda",
        "Suasana pelantikan pejabat. FOTO: DOK. HUMAS PEMKAB",
        "Bupati melantik pejabat di pendopo. (Berita Daerah/Fulan)",
    ],
)
def test_a_caption_ending_in_an_agency_credit_goes(caption: str) -> None:
    body = f"<p>{PARAS[0]}</p><p>{caption}</p><p>{PARAS[1]}</p>"
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == PARAS[:2]


@pytest.mark.parametrize(
    "tail",
    [
        "Laporan: Andi Wijaya",
        "***",
        "Artikel ini merupakan bagian dari KG Media.",
        "[Gambas:Video CNN]",
        "Tanggapi berita ini",
        "Kata Kunci: ASN, Pemilu",
        "Pilihan Editor: Judul Lain yang Dipilih Redaksi",
        "**) Ikuti berita terbaru Portal Berita di Google News klik link ini dan jangan lupa follow.",
        "( Image : Ist)",
    ],
)
def test_furniture_lines_at_the_end_go(tail: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + f"<p>{tail}</p>"
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == PARAS[:3]


@pytest.mark.parametrize(
    "shown",
    [
        "<div>Diterbitkan: 2023-10-16 17:30</div>",
        "<div>Diperbarui: 18 Oktober 2023 10:00 WIB</div><div>Terbit: 16 Oktober 2023 17:30 WIB</div>",
    ],
)
def test_the_shown_publish_line_is_read_and_an_update_line_passed_over(shown: str) -> None:
    body = shown + "".join(f"<p>{p}</p>" for p in PARAS[:2])
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["published_at"] == "2023-10-16T17:30:00+07:00"


@pytest.mark.parametrize(
    "dek",
    [
        "<p class='lead'>Ribuan ASN mengucapkan ikrar netralitas menjelang Pemilu 2024.</p>",
        "<p><strong><em>Ribuan ASN mengucapkan ikrar netralitas menjelang Pemilu 2024.</em></strong></p>",
        "<blockquote class='standfirst'>Ribuan ASN berikrar netral menjelang Pemilu.</blockquote>",
    ],
)
def test_a_standfirst_above_the_dateline_paragraph_is_not_the_body(dek: str) -> None:
    body = dek + f"<p>KOTA - {PARAS[0]}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p>"
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == [f"KOTA - {PARAS[0]}", *PARAS[1:3]]


def test_a_first_paragraph_without_dateline_stays_when_no_dateline_follows() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3])
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == PARAS[:3]


def test_a_related_list_whose_items_carry_dates_goes() -> None:
    box = (
        "<h3>Berita Lainnya</h3>"
        "<ul><li><a href='/a'>KPU Tetapkan DPT Pemilu 2024</a> <span>16/10/2023</span></li>"
        "<li><a href='/b'>Ratusan Kades Ikuti Sosialisasi</a> <span>15/10/2023</span></li></ul>"
    )
    body = f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>{box}<p>{PARAS[2]}</p>"
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == PARAS[:3]


def test_a_short_closing_paragraph_with_a_titlecase_signoff_code_is_not_a_caption() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "<p>Demikian disampaikan bupati. (Ant/Rr)</p>"
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == [*PARAS[:3], "Demikian disampaikan bupati."]
    assert record["signoff"] == "(Ant/Rr)"


def test_a_self_closed_html_start_tag_does_not_hide_the_page() -> None:
    html = page(body="".join(f"<p>{p}</p>" for p in PARAS)).replace("<html>", '<html lang="id" />', 1)
    record = extract_page(html, URL, facts=False)
    assert record["error"] is None and record["text"].split("\n") == PARAS


def test_a_photo_page_keeps_its_credited_captions() -> None:
    credit = " (REUTERS / Danny Moloshok)"
    captions = [
        "Penyanyi A memeluk penyanyi B saat berpose di karpet merah, Senin (15/2)." + credit,
        "Penyanyi B tampak berbincang dengan penyanyi A di ajang penghargaan musik." + credit,
        "Keduanya tertawa saat difoto bersama para penggemar di luar gedung acara." + credit,
    ]
    record = extract_page(_short_page("", "".join(f"<p>{c}</p>" for c in captions)), URL, facts=False)
    assert record["text"].split("\n") == captions


def test_a_subheading_before_the_first_paragraph_is_a_dek() -> None:
    dek = "Pemkab memastikan pelantikan berjalan lancar dan tertib"
    paras = [f"{p[:-1]} dari berbagai dinas." for p in PARAS]
    html = f"""<html><head><title>Bupati Lantik Pejabat | Berita Daerah</title></head><body>
    <h1>Bupati Lantik Pejabat</h1><div>Senin, 6 Mei 2019 10:15 WIB</div>
    <div class="content"><h2>{dek}</h2>{"".join(f"<p>{p}</p>" for p in paras)}</div>
    <footer><p>Berita Daerah adalah portal berita terpercaya yang menyajikan informasi daerah setiap
    hari untuk pembaca di seluruh Indonesia.</p></footer></body></html>"""
    assert extract_page(html, URL, facts=False)["text"].split("\n") == paras


@pytest.mark.parametrize(
    "declared",
    [
        '<meta property="og:title" content="HEBOH! Wali Kota Lantik Pejabat Baru, Warga Kaget">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Wali Kota Lan…"}</script>',
    ],
)
def test_a_declared_headline_shown_nowhere_gives_way_to_the_shown_one(declared: str) -> None:
    html = page(head=declared, h1="", body="".join(f"<p>{p}</p>" for p in PARAS))
    assert extract_page(html, URL, facts=False)["title"] == "Wali Kota Lantik Pejabat Baru"


def test_a_row_of_asterisks_glued_after_the_last_sentence_goes() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + f"<p>{PARAS[3]} *** (rls)</p>"
    assert extract_page(_short_page("", body), URL, facts=False)["text"].split("\n") == PARAS


@pytest.mark.parametrize(
    "credit",
    [
        "Humas Dinas Kominfo Kota Baru",
        "(Humas Kanwil Kementerian Daerah)",
        "(Fulan Wijaya/CN26/Kota Network)",
    ],
)
def test_a_closing_credit_line_goes_to_the_signoff(credit: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS) + f"<p><em>{credit}</em></p>"
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == PARAS
    assert record["signoff"] == credit


def test_a_closing_titlecase_line_after_an_unfinished_line_stays() -> None:
    # not after a sentence end: a list or a heading, not a credit
    tail = "<p>Isi ikrar sebagai berikut</p><p>Setia Kepada Pancasila</p>"
    body = "".join(f"<p>{p}</p>" for p in PARAS) + tail
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n")[-1] == "Setia Kepada Pancasila"


def test_a_syndication_notice_at_the_end_goes() -> None:
    notice = "Artikel ini telah naik di detikDaerah dan bisa dibaca selengkapnya di sini."
    body = "".join(f"<p>{p}</p>" for p in PARAS) + f"<p>{notice}</p>"
    assert extract_page(_short_page("", body), URL, facts=False)["text"].split("\n") == PARAS


def test_a_bold_dateline_alone_before_the_first_paragraph_opens_the_text() -> None:
    body = "<strong>Jakarta</strong> -" + "".join(f"<p>{p}</p>" for p in PARAS)
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == [f"Jakarta - {PARAS[0]}", *PARAS[1:]]


def test_a_dateline_lead_set_as_a_div_before_the_paragraphs_opens_the_text() -> None:
    body = f"<div>BANDUNG - {PARAS[0]}</div>" + "".join(f"<p>{p}</p>" for p in PARAS[1:])
    record = extract_page(_short_page("", body), URL, facts=False)
    assert record["text"].split("\n") == [f"BANDUNG - {PARAS[0]}", *PARAS[1:]]


LINKED = [
    "<a href='/a'>Bupati Resmikan Jalan Baru di Desa</a>",
    "<a href='/b'>DPRD Sahkan Perda Anggaran Daerah</a>",
]


@pytest.mark.parametrize(
    "box",
    [
        # a label, then one linked headline per paragraph
        "<p><strong>Artikel Menarik Lainnya:</strong></p>" + "".join(f"<p>{a}</p>" for a in LINKED),
        # a row of linked headlines in one paragraph
        f"<p>{' | '.join(LINKED)}</p>",
    ],
)
def test_related_headlines_outside_a_list_go(box: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + box + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    assert extract_page(_short_page("", body), URL, facts=False)["text"].split("\n") == PARAS


def test_linked_addresses_under_a_label_are_not_a_related_box() -> None:
    # a press release's contact lines: links, but no headlines
    from lxml import html as lxml_html

    from kabar.extract.sites.base import related_link_lists

    contact = ["<a href='http://a.example.org/'>http://a.example.org/</a>", "<a href='/b'>Facebook</a>"]
    root = lxml_html.fromstring("<div><p>KONTAK:</p>" + "".join(f"<p>{c}</p>" for c in contact) + "</div>")
    assert related_link_lists(root) == []
    headlines = lxml_html.fromstring(
        "<div><p>KONTAK:</p>" + "".join(f"<p>{a}</p>" for a in LINKED) + "</div>"
    )
    assert len(related_link_lists(headlines)) == 3


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("BERITA PILIHAN:", False),
        ("Artikel Menarik Lainnya:", False),
        ("Berikut klasemen sementara liga:", True),
    ],
)
def test_a_capitalised_label_closing_the_text_goes(last: str, kept: bool) -> None:
    from kabar.extract.text import without_dangling_label

    text = "\n".join([*PARAS, last])
    assert without_dangling_label(text) == (text if kept else "\n".join(PARAS))


def _table_layout_page(story: str) -> str:
    """An older template: a layout table with the headline, the story and a sidebar in cells."""
    side = "".join(f"<li><a href='/r{n}'>Judul berita lain nomor {n} di sini</a></li>" for n in range(3))
    return f"""<html><head><title>Wali Kota Lantik Pejabat Baru - Portal</title></head><body>
    <table><tr><td><a href="/">Home</a> | <a href="/politik">Politik</a></td></tr></table>
    <table width="100%"><tr><td valign="top"><h1>Wali Kota Lantik Pejabat Baru</h1>
    <div class="date">Senin, 04/03/2024 10:00 WIB</div>{story}</td>
    <td width="300"><ul>{side}</ul><div>Iklan</div></td></tr></table>
    <div class="footer">Copyright 2024 Portal. All rights reserved.</div></body></html>"""


@pytest.mark.parametrize("wrapper", ["<div class='isi'>{}</div>", "{}"])
def test_a_story_in_a_layout_table_split_at_br_is_the_text(wrapper: str) -> None:
    story = wrapper.format("<strong>Jakarta</strong> - " + "<br><br>".join(PARAS))
    record = extract_page(_table_layout_page(story), URL, facts=False)
    assert record["text"].split("\n") == [f"Jakarta - {PARAS[0]}", *PARAS[1:]]
    assert record["title"] == "Wali Kota Lantik Pejabat Baru"


def test_a_story_split_into_sibling_containers_around_an_ad_is_whole() -> None:
    from lxml import html as lxml_html

    from kabar.extract.generic import _with_continuations

    half = "".join(f"<p>{p}</p>" for p in PARAS[:2]), "".join(f"<p>{p}</p>" for p in PARAS[2:])
    ad = "<div class='ad'>Advertisement</div>"
    other = "<div class='comments'><p>Komentar pembaca yang panjang sekali tentang berita ini.</p></div>"
    tree = lxml_html.fromstring(
        f"<div><div class='teks'>{half[0]}</div>{ad}<div class='teks'>{half[1]}</div>{other}</div>"
    )
    assert _with_continuations(tree, "\n".join(PARAS[:2])).split("\n") == PARAS
    assert _with_continuations(tree, "\n".join(PARAS[2:])).split("\n") == PARAS


@pytest.mark.parametrize("pager", ["Halaman: 1 2 Selanjutnya", "Page 1 2 3 Next »", "halaman 1 2 3 terakhir"])
def test_a_pager_line_with_words_is_noise(pager: str) -> None:
    from kabar.extract.generic import strip_noise

    assert strip_noise("\n".join([*PARAS, pager])).split("\n") == PARAS


@pytest.mark.parametrize(
    "line", ["Oleh: Fulan Wijaya", "Writer: Fulan", "Scroll untuk melanjutkan membaca", "--"]
)
def test_a_byline_scroll_prompt_or_rule_after_the_story_goes(line: str) -> None:
    from kabar.extract.generic import finish_text

    text, _ = finish_text("\n".join([*PARAS, line]), drop=[])
    assert text.split("\n") == PARAS


@pytest.mark.parametrize(
    "tags", ["#KumhamPASTI #KemenkumhamSukamaju #RutanSukamaju", "#PemiluDamai, #ASNNetral"]
)
def test_a_closing_line_of_hashtags_only_goes(tags: str) -> None:
    from kabar.extract.generic import finish_text

    assert finish_text("\n".join([*PARAS, tags]), drop=[])[0].split("\n") == PARAS


def test_a_hashtag_inside_a_sentence_stays() -> None:
    from kabar.extract.generic import finish_text

    closing = "Kegiatan ini bagian dari gerakan #ASNNetral yang digaungkan pemerintah daerah sejak Januari."
    assert finish_text("\n".join([*PARAS, closing]), drop=[])[0].split("\n") == [*PARAS, closing]


def test_a_caption_above_an_outlet_in_brackets_dateline_goes() -> None:
    from kabar.extract.generic import finish_text

    caption = "Pj. Bupati Sukamaju saat memimpin apel netralitas di halaman kantor bupati, Jumat (9/10)."
    for dateline in ("Sukamaju, (Kabarkita.com)- ", "Sukamaju (kabarkita.com) – "):
        lead = (
            dateline + "Dalam upaya menjaga netralitas, pemerintah daerah menggelar apel bersama seluruh ASN."
        )
        text, _ = finish_text("\n".join([caption, lead, *PARAS]), drop=[])
        assert text.split("\n") == [lead, *PARAS]


def test_a_paragraph_opening_with_oleh_karena_itu_stays() -> None:
    from kabar.extract.generic import finish_text

    closing = "Oleh karena itu, seluruh pegawai diminta menjaga netralitas selama masa kampanye berlangsung."
    assert finish_text("\n".join([*PARAS, closing]), drop=[])[0].split("\n") == [*PARAS, closing]


def _titled_page(head: str, top: str, title: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<html><head><title>{title}</title>{head}</head><body><nav><a href="/">Home</a></nav>
    {top}<div class="meta">Senin, 4 Maret 2024 | 20:30 WIB</div><div class="isi">{body}</div></body></html>"""


@pytest.mark.parametrize(
    ("head", "top", "title", "expected"),
    [
        # the shown headline differs from the declared one in its quote marks only
        (
            '<meta property="og:title" content=\'Wali Kota: "Pejabat Harus Netral"\'>',
            "<h1>Wali Kota: “Pejabat Harus Netral”</h1>",
            'Wali Kota: "Pejabat Harus Netral" - Portal',
            "Wali Kota: “Pejabat Harus Netral”",
        ),
        # a label inside the <h1> and an unlisted brand in <title>
        (
            "",
            "<h1>Wali Kota Lantik Pejabat Baru <span>VIDEO</span></h1>",
            "Wali Kota Lantik Pejabat Baru - Portal",
            "Wali Kota Lantik Pejabat Baru",
        ),
        # an SEO og:title shown nowhere; the one <h1> is the headline
        (
            '<meta property="og:title" content="Pelantikan Pejabat Pemkot 2024">',
            "<h1>Wali Kota Lantik Pejabat Baru</h1>",
            "Pelantikan Pejabat Pemkot 2024 - Portal",
            "Wali Kota Lantik Pejabat Baru",
        ),
        # ... but a widget label in the <h1> is not preferred to the declared headline
        (
            '<meta property="og:title" content="Wali Kota Lantik Pejabat Baru">',
            "<h1>Kabar Terkini Hari Ini Dari Kami</h1><div class='judul'>Wali Kota Lantik Pejabat Baru</div>",
            "Wali Kota Lantik Pejabat Baru - Portal",
            "Wali Kota Lantik Pejabat Baru",
        ),
    ],
)
def test_the_shown_headline_is_the_title(head: str, top: str, title: str, expected: str) -> None:
    assert extract_page(_titled_page(head, top, title), URL, facts=False)["title"] == expected


def test_later_paragraphs_set_as_plain_divs_are_kept() -> None:
    paras = [f"Paragraf {n} {SENTENCE}." for n in ("satu", "dua", "tiga", "empat", "lima", "enam")]
    body = "".join(f"<p>{p}</p>" for p in paras[:3]) + "".join(f"<div>{p}</div>" for p in paras[3:])
    html = f"""<html><head><title>Wali Kota Lantik Pejabat Baru - Portal</title></head><body>
    <nav><a href="/">Home</a> <a href="/p">Politik</a></nav><main><h1>Wali Kota Lantik Pejabat Baru</h1>
    <div class="meta">Senin, 4 Maret 2024 20:30 WIB</div><article class="post">{body}</article></main>
    <aside><h3>Terpopuler</h3><ul><li><a href="/x">Harga Cabai Naik Lagi di Pasar Induk</a></li>
    <li><a href="/y">Banjir Rendam Tiga Kecamatan di Selatan</a></li></ul></aside>
    <footer><p>Portal adalah portal berita daerah.</p></footer></body></html>"""
    assert extract_page(html, URL, facts=False)["text"].split("\n") == paras


@pytest.mark.parametrize(
    "marked",
    [
        "<time datetime='2024-03-04T08:00:00+07:00'>3 hari lalu</time>",
        "<span itemprop='datePublished' content='2024-03-04T08:00:00+07:00'>Senin</span>",
    ],
)
def test_a_publish_time_in_markup_beats_a_later_sidebar_date(marked: str) -> None:
    side = "".join(
        f"<li><a href='/{n}'>Judul berita lain nomor {n} di sini</a> <span>{n} Maret 2024</span></li>"
        for n in (9, 10)
    )
    html = f"""<html><head><title>Wali Kota Lantik Pejabat Baru - Portal</title></head><body>
    <main><h1>Wali Kota Lantik Pejabat Baru</h1>{marked}
    <div class="isi">{"".join(f"<p>{p}</p>" for p in PARAS)}</div></main>
    <aside><h3>Terbaru</h3><ul>{side}</ul></aside></body></html>"""
    assert extract_page(html, URL, facts=False)["published_at"] == "2024-03-04T08:00:00+07:00"


CAPTION = "Wali kota saat melantik para pejabat baru di aula balai kota."


@pytest.mark.parametrize(
    "picture",
    [
        f"<p><img src='a.jpg'></p><p><em>{CAPTION}</em></p>",
        f"<p><img src='a.jpg'><br><small>{CAPTION}</small></p>",
        f"<p style='text-align:center'><img src='a.jpg'><br>{CAPTION}</p>",
    ],
)
@pytest.mark.parametrize("at", [0, 2])
def test_a_caption_without_credit_under_its_picture_goes(picture: str, at: int) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:at]) + picture + "".join(f"<p>{p}</p>" for p in PARAS[at:])
    html = f"""<html><head><title>Wali Kota Lantik Pejabat Baru - Portal</title></head><body>
    <main><h1>Wali Kota Lantik Pejabat Baru</h1><div class="meta">Senin, 4 Maret 2024 20:30 WIB</div>
    <div class="entry-content">{body}</div></main>
    <aside><h3>Terpopuler</h3><ul><li><a href="/x">Harga Cabai Naik Lagi di Pasar Induk</a></li>
    <li><a href="/y">Banjir Rendam Tiga Kecamatan di Selatan</a></li></ul></aside></body></html>"""
    assert extract_page(html, URL, facts=False)["text"].split("\n") == PARAS


def test_a_paragraph_with_an_inline_picture_after_its_text_stays() -> None:
    from lxml import html as lxml_html

    from kabar.extract.generic import _image_captions

    root = lxml_html.fromstring(
        f"<div><p>{PARAS[0]} <img src='grafik.png'></p><p><em>{CAPTION}</em></p></div>"
    )
    assert _image_captions(root) == []


ALT = "Warga antre air bersih di posko bantuan Kelurahan Sukamaju, Senin (4/3/2024)."


@pytest.mark.parametrize(
    "credit",
    [
        "<span class='author'>ANTARA/FULAN BIN FULAN</span> ",
        "<small>Dok. Humas</small> ",
        "",
    ],
)
def test_a_picture_block_repeating_its_alt_text_is_a_caption(credit: str) -> None:
    """A picture nested in a <p> with its caption and credit beside it; the story goes on after
    the picture inside the same <p> (the parser leaves it as the picture block's tail)."""
    picture = f"<div class='gambar'><img src='a.jpg' alt='{ALT}'>{credit}{ALT}</div>"
    body = f"<p>{PARAS[0]}</p><p>{picture}{PARAS[1]}</p>" + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    record = extract_page(page(body=body), URL, facts=False)
    assert record["text"].split("\n") == PARAS


def test_a_site_module_body_loses_a_picture_block_repeating_its_alt_text() -> None:
    picture = f"<div class='foto-x'><img src='a.jpg' alt='{ALT}'><span>KOMPAS.com/FULAN</span> {ALT}</div>"
    paras = [f"{p[:-1]} di Jakarta." for p in PARAS]
    html = f"""<html><head><title>Warga Antre Air - Kompas.com</title></head><body>
    <h1 class="read__title">Warga Antre Air</h1><div class="read__time">04/03/2024, 20:30 WIB</div>
    <div class="read__content"><p>{paras[0]}</p><p>{picture}{paras[1]}</p><p>{paras[2]}</p>
    <p>{paras[3]}</p></div></body></html>"""
    record = extract_page(html, "https://regional.kompas.com/read/2024/03/04/203000/warga-antre", facts=False)
    assert record["extraction"] == "site:kompas"
    assert record["text"].split("\n") == paras


def test_a_story_paragraph_holding_a_picture_with_the_same_alt_stays() -> None:
    from lxml import html as lxml_html

    from kabar.extract.sites.base import alt_captions

    # the paragraph is much longer than its picture's alt plus a credit: story, not a caption
    root = lxml_html.fromstring(f"<div><p><img src='a.jpg' alt='{ALT}'>{ALT} {PARAS[0]} {PARAS[1]}</p></div>")
    assert alt_captions(root) == []
    # a one-word alt says nothing about its block
    root = lxml_html.fromstring("<div><div><img src='a.jpg' alt='Ilustrasi'>Ilustrasi</div></div>")
    assert alt_captions(root) == []


@pytest.mark.parametrize("cut", ["...", "…", " ..."])
def test_a_declared_title_cut_with_an_ellipsis_gives_way_to_the_whole_headline(cut: str) -> None:
    head = f'<meta name="title" content="Wali Kota Lantik Pejabat Baru di Balai{cut}">'
    html = f"""<html><head><title>Wali Kota Lantik Pejabat Baru di Balai{cut}</title>{head}</head><body>
    <h1>Wali Kota Lantik Pejabat Baru di Balai Kota Sukamaju</h1><div>Senin, 4 Maret 2024 20:30 WIB</div>
    <div class="isi">{"".join(f"<p>{p}</p>" for p in PARAS)}</div></body></html>"""
    assert (
        extract_page(html, URL, facts=False)["title"]
        == "Wali Kota Lantik Pejabat Baru di Balai Kota Sukamaju"
    )


@pytest.mark.parametrize(
    ("closing", "code"),
    [
        ("<p>(beritaku.id - Sosial Budaya)</p>", "(beritaku.id - Sosial Budaya)"),
        ("<p>(portal.co.id/Gaya Hidup)</p>", "(portal.co.id/Gaya Hidup)"),
    ],
)
def test_an_outlet_and_desk_sign_off_goes_to_the_signoff(closing: str, code: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS) + closing
    record = extract_page(page(body=body), URL, facts=False)
    assert record["text"].split("\n") == PARAS and record["signoff"] == code


@pytest.mark.parametrize(
    "embed",
    [
        "<p>View this post on Instagram</p><p>A post shared by Pemkot Sukamaju (@pemkotsukamaju) on "
        "May 1, 2018 at 2:00am PDT</p>",
        "<p>Lihat postingan ini di Instagram</p><p>Sebuah kiriman dibagikan oleh Pemkot (@pemkot)</p>",
        "<p>Pelantikan pejabat baru hari ini di aula balai kota pic.twitter.com/AbC123xyz — Humas Kota "
        "(@humaskota) March 4, 2024</p>",
    ],
)
def test_the_text_an_embedded_post_leaves_goes(embed: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + embed + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    assert extract_page(page(body=body), URL, facts=False)["text"].split("\n") == PARAS


def test_a_cross_link_label_and_its_link_on_their_own_lines_in_a_br_story_go() -> None:
    box = "<strong>Baca Juga:</strong><br><a href='/x'>Harga Beras Turun di Pasar Induk Kota</a>"
    body = f"<div>{'<br><br>'.join(PARAS[:2])}<br><br>{box}<br><br>{'<br><br>'.join(PARAS[2:])}</div>"
    assert extract_page(page(body=body), URL, facts=False)["text"].split("\n") == PARAS


def test_a_bold_label_without_a_link_in_a_br_story_is_not_a_cross_link_box() -> None:
    from lxml import html as lxml_html

    from kabar.extract.furniture import prefixed_blocks

    long_story = "<br><br>".join(PARAS * 3)
    root = lxml_html.fromstring(f"<div>{long_story}<br><br><strong>Baca juga:</strong><br>{PARAS[0]}</div>")
    assert prefixed_blocks(root) == []


@pytest.mark.parametrize(
    "caption",
    [
        "<p>Warga antre di posko air bersih.(BERITAKU.com/FULAN)</p>",
        "<p>Warga antre di posko air bersih (ANTARA FOTO/Fulan Wijaya)</p>",
        "<div class='photo'><img src='a.jpg' alt=''><span>BERITAKU.com/FULAN BIN</span> Warga antre.</div>",
    ],
)
def test_a_caption_with_a_newsroom_credit_before_or_after_it_goes(caption: str) -> None:
    body = f"<p>{PARAS[0]}</p>{caption}" + "".join(f"<p>{p}</p>" for p in PARAS[1:])
    assert extract_page(page(body=body), URL, facts=False)["text"].split("\n") == PARAS


def test_a_story_line_with_a_bracketed_signoff_is_not_a_caption() -> None:
    from kabar.extract.text import is_caption_line

    assert not is_caption_line("Pelantikan berlangsung tertib dan lancar. (ANT/MR)")
    assert not is_caption_line("KOMPAS.com - Pelantikan berlangsung tertib dan lancar di balai kota.")


@pytest.mark.parametrize("code", ["(Fulan/Budi)", "(ant/mr)", "(tirto.id - Hukum)"])
def test_a_code_glued_to_the_last_sentence_without_a_space_is_the_signoff(code: str) -> None:
    """Not a caption's credit: the story's last sentence stays, the code goes to ``signoff``."""
    body = "".join(f"<p>{p}</p>" for p in PARAS[:-1]) + f"<p>{PARAS[-1]}{code}</p>"
    record = extract_page(page(body=body), URL, facts=False)
    assert record["text"].split("\n") == PARAS and record["signoff"] == code


VIDEO_PROMO = (
    "<div class='klip'><iframe src='https://player.example.id/v/123'></iframe>"
    "<span>Portal TV</span> Ribuan warga mengungsi setelah sungai meluap di tiga kecamatan.</div>"
)


def test_a_video_player_block_and_its_blurb_after_the_story_go() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS) + VIDEO_PROMO
    assert extract_page(page(body=body), URL, facts=False)["text"].split("\n") == PARAS


def test_a_site_body_loses_a_video_player_block_but_keeps_a_paragraph_holding_a_player() -> None:
    from lxml import html as lxml_html

    from kabar.extract.sites.base import body_text

    story_with_player = (
        f"<div>{PARAS[1]} <iframe src='https://player.example.id/v/9'></iframe> {SENTENCE}.</div>"
    )
    root = lxml_html.fromstring(f"<div><p>{PARAS[0]}</p>{story_with_player}{VIDEO_PROMO}</div>")
    assert body_text(root, ()).split("\n") == [PARAS[0], f"{PARAS[1]} {SENTENCE}."]


def test_teaser_rows_of_a_related_list_read_as_text_go_with_their_headlines() -> None:
    teasers = (
        "<div class='terkait'><a href='/a'><h4>Bupati Resmikan Jembatan Gantung Baru</h4>"
        "<span>Daerah • 02 May 2019 18:57</span></a>"
        "<a href='/b'><h4>Harga Cabai Merah Naik Jelang Lebaran</h4>"
        "<span>Ekonomi • 1 Mei 2019 10:08</span></a></div>"
    )
    body = "<br><br>".join(PARAS) + "<br><br>(abc/def)" + teasers
    record = extract_page(page(body=f"<div>{body}</div>"), URL, facts=False)
    assert record["text"].split("\n") == PARAS and record["signoff"] == "(abc/def)"


def test_a_teaser_meta_line_keeps_a_story_sentence_above_it() -> None:
    from kabar.extract.generic import strip_noise

    lines = [PARAS[0], "Nasional | 3 jam yang lalu", PARAS[1]]
    assert strip_noise("\n".join(lines)).split("\n") == [PARAS[0], PARAS[1]]


def test_a_closing_line_of_sources_and_writer_joined_by_bars_is_the_signoff() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS) + "<p>REUTERS | THE GUARDIAN | FULAN WIJAYA</p>"
    record = extract_page(page(body=body), URL, facts=False)
    assert (
        record["text"].split("\n") == PARAS and record["signoff"] == "REUTERS | THE GUARDIAN | FULAN WIJAYA"
    )


def test_a_simak_cross_link_inside_the_story_goes() -> None:
    link = "<p>Simak: <a href='/x'>Begini Cara Warga Menghadapi Banjir Tahunan</a></p>"
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + link + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    assert extract_page(page(body=body), URL, facts=False)["text"].split("\n") == PARAS


def test_a_summary_above_a_dateline_naming_the_outlet_address_is_a_standfirst() -> None:
    summary = "<p><em>Pejabat baru dilantik untuk mengisi kekosongan jabatan di tiga dinas.</em></p>"
    lead = f"<p>portalberita.id - {PARAS[0]}</p>"
    body = summary + lead + "".join(f"<p>{p}</p>" for p in PARAS[1:])
    text = extract_page(page(body=body), URL, facts=False)["text"].split("\n")
    assert text == [f"portalberita.id - {PARAS[0]}", *PARAS[1:]]


def test_a_br_story_keeps_the_paragraph_after_a_picture_table_whose_caption_went() -> None:
    picture = (
        "<table class='sisip'><tbody><tr><td><div class='bingkai'><div class='foto'>"
        "<img src='a.jpg' alt='Pelantikan pejabat di balai kota'>"
        "Pelantikan pejabat di balai kota (PORTAL/Fulan Wijaya)</div></div></td></tr></tbody></table>\n"
    )
    body = f"<span>{'<br><br>'.join(PARAS[:2])}<br><br>{picture}{'<br><br>'.join(PARAS[2:])}</span>"
    assert extract_page(page(body=body), URL, facts=False)["text"].split("\n") == PARAS


def test_a_picture_table_emptied_by_the_caption_rule_leaves_no_empty_block_before_the_story() -> None:
    """trafilatura drops a <br> story's paragraph that follows an empty block (seen on a real
    2018 template with several picture tables); the emptied wrapper goes, its tail stays."""
    from lxml import html as lxml_html

    from kabar.extract.generic import pruned_copy

    picture = (
        "<table class='sisip'><tbody><tr><td><div class='foto'>"
        "<img src='a.jpg' alt='Pelantikan pejabat di balai kota'>"
        "Pelantikan pejabat di balai kota (PORTAL/Fulan Wijaya)</div></td></tr></tbody></table>"
    )
    tree = lxml_html.fromstring(
        page(body=f"<span>{PARAS[0]}<br><br>{picture}{PARAS[1]}<br><br>{PARAS[2]}</span>")
    )
    story = pruned_copy(tree).xpath("//span")[0]
    assert "Pelantikan" not in story.text_content() and PARAS[1] in story.text_content()
    assert all(
        el.text_content().strip() or el.find(".//img") is not None for el in story.iter("div", "table")
    )
