"""A body line echoing another part of the page is furniture: another article's linked headline,
whatever box it came from, or a picture's alt text (its caption)
(issue 10, round 7): the class that the earlier rounds fixed box by box (labels, class names,
teaser rows).  Own text, invented outlet; no copied page."""

from __future__ import annotations

import time

import lxml.html

from kabar.extract.page import extract_page
from kabar.extract.page_echoes import without_echoes

URL = "https://kabarkita.example.id/daerah/2024/03/04/bupati-lantik-pejabat-eselon-baru"
STORY = [
    "SUKAMAJU - Bupati Sukamaju melantik dua puluh pejabat eselon baru di pendopo, Senin (4/3/2024).",
    "Pelantikan dihadiri para kepala dinas, camat dan anggota DPRD yang datang sejak pagi hari.",
    'Bupati meminta pejabat baru bekerja cepat melayani warga. "Jangan tunggu perintah," katanya.',
]
HEADLINES = [
    "Jalan Provinsi di Sukamaju Rusak Parah Usai Banjir",
    "Harga Cabai Rawit Naik Jelang Ramadan",
]


def _tree(links: str) -> object:
    return lxml.html.fromstring(f"<html><body><div class=side>{links}</div></body></html>")


def _links(*items: tuple[str, str]) -> str:
    return "".join(f'<a href="{href}">{text}</a>' for href, text in items)


OTHERS = _links(("/daerah/2024/03/03/jalan-rusak", HEADLINES[0]), ("/ekonomi/2024/03/02/cabai", HEADLINES[1]))


def test_linked_headlines_go_anywhere_in_the_text() -> None:
    text = "\n".join([STORY[0], HEADLINES[0], STORY[1], STORY[2], HEADLINES[1]])
    assert without_echoes(text, _tree(OTHERS), URL) == "\n".join(STORY)


def test_a_label_before_and_a_teaser_date_after_go_with_the_headline() -> None:
    card = f"<h2>{HEADLINES[0]}</h2><span>Daerah</span> • 03 Mar 2024 10:08"
    teaser = _links(("/daerah/2024/03/03/jalan-rusak", card))
    lines = [
        STORY[0],
        f"Simak: {HEADLINES[0]}",
        STORY[1],
        STORY[2],
        f"{HEADLINES[0]} Daerah • 03 Mar 2024 10:08",
        HEADLINES[0],  # a route that reads the teaser's headline and its date line apart
        "Daerah • 03 Mar 2024 10:08",
    ]
    assert without_echoes("\n".join(lines), _tree(teaser), URL) == "\n".join(STORY)


def test_story_lines_that_only_share_words_with_links_stay() -> None:
    links = _links(
        ("/ekonomi/2024/03/01/tips", "Inspirasi Gaya Lebaran di Rumah Aja dari Selebgram"),
        ("/daerah/2024/03/01/sambutan", "Bupati meminta pejabat baru bekerja cepat melayani warga."),
        ("/daerah/2024/03/01/pelantikan", "Pelantikan dihadiri para kepala dinas"),
    )
    lines = [
        "Tips outfit Lebaran di rumah aja",  # a subheading: a run from the middle of a link
        "Bupati meminta pejabat baru bekerja cepat melayani warga.",  # a sentence stays
        STORY[1],  # a link covering the start of a paragraph (an inline link) is not the line
    ]
    text = "\n".join(lines)
    assert without_echoes(text, _tree(links), URL) == text


def test_links_to_the_article_itself_and_addresses_are_not_headlines() -> None:
    own = _links(
        (
            "https://m.kabarkita.example.id/amp/bupati-lantik-pejabat-eselon-baru",
            "Pelantikan Pejabat di Pendopo",
        ),
        ("mailto:redaksi@kabarkita.example.id", "Kirim tulisan ke redaksi kami"),
        ("http://www.kabarkita.example.id/kontak", "http://www.kabarkita.example.id/kontak"),
    )
    lines = [
        STORY[0],
        "Pelantikan Pejabat di Pendopo",
        "Kirim tulisan ke redaksi kami",
        "http://www.kabarkita.example.id/kontak",
        STORY[1],  # (at the text's edges, rows of whole links are navigation: see below)
    ]
    text = "\n".join(lines)
    assert without_echoes(text, _tree(own), URL) == text


def test_a_roundup_of_linked_headlines_keeps_its_text() -> None:
    text = "\n".join(["Berita pilihan hari ini", *HEADLINES])
    assert without_echoes(text, _tree(OTHERS), URL) == text


def test_dated_linked_headlines_between_story_paragraphs() -> None:
    """Teasers of a box nobody listed, one per <p> with the date beside the link (longer than
    the row rule's extra allowance), between two story paragraphs: the text keeps the story."""
    box = "".join(
        f'<p><a href="/daerah/2024/03/0{i}/b{i}">{h}</a> 03 Mar 2024 10:08</p>'
        for i, h in enumerate(HEADLINES)
    )
    paras = [f"<p>{p}</p>" for p in STORY]
    html = f"""<html><head><title>Bupati Lantik Pejabat Eselon Baru</title></head><body>
    <h1>Bupati Lantik Pejabat Eselon Baru</h1><div class="tgl">Senin, 4 Maret 2024 10:00 WIB</div>
    <div class="konten">{paras[0]}{box}{"".join(paras[1:])}<p>(ant/mr)</p></div></body></html>"""
    record = extract_page(html, URL, facts=False)
    assert record["text"].split("\n") == STORY
    assert record["signoff"] == "(ant/mr)"


def test_a_teaser_excerpt_inside_its_link_goes() -> None:
    excerpt = "Warga Desa Sukamaju mengeluhkan jalan provinsi yang berlubang sejak banjir pekan lalu..."
    card = f"<h3>{HEADLINES[0]}</h3><p>{excerpt}</p>"
    teaser = _links(("/daerah/2024/03/03/jalan-rusak", card))
    text = "\n".join([*STORY, HEADLINES[0], excerpt])
    assert without_echoes(text, _tree(teaser), URL) == "\n".join(STORY)
    # the same words closing a link of a few words only, or ending as a sentence, stay
    short = _links(("/daerah/2024/03/03/jalan", "Jalan Rusak Parah Sejak Banjir Pekan Lalu"))
    lines = [*STORY, "Sejak banjir pekan lalu", "Rusak parah sejak banjir pekan lalu."]
    assert without_echoes("\n".join(lines), _tree(short), URL) == "\n".join(lines)


def _pictures(*alts: str) -> object:
    imgs = "".join(f'<div class="x"><img src="p{i}.jpg" alt="{alt}"></div>' for i, alt in enumerate(alts))
    return lxml.html.fromstring(f"<html><body>{imgs}</body></html>")


def test_a_line_repeating_a_pictures_alt_is_its_caption() -> None:
    caption = "Bupati Sukamaju melantik pejabat eselon di pendopo kabupaten"
    lines = [STORY[0], f"{caption}. | KABARKITA/FULAN BIN FULAN", STORY[1], caption, STORY[2]]
    assert without_echoes("\n".join(lines), _pictures(caption), URL) == "\n".join(STORY)


def test_an_alt_repeating_the_lead_or_a_short_alt_proves_nothing() -> None:
    lead = STORY[0]
    tree = _pictures(lead, "Foto pelantikan")
    text = "\n".join([*STORY, "Foto pelantikan"])
    # the CMS filled the alt with the description, which is the lead paragraph: it stays
    assert without_echoes(text, tree, URL, skip=(lead,)) == text
    # a story line longer than a caption that merely starts with an alt's words stays
    long_line = f"{HEADLINES[0]} " + "menurut warga setempat yang ditemui di lokasi kejadian " * 4
    text = "\n".join([*STORY, long_line.strip()])
    assert without_echoes(text, _pictures(HEADLINES[0]), URL) == text


def test_the_outlets_own_promo_near_the_end_goes() -> None:
    tree = _tree(OTHERS)
    promos = [
        "Berita ini dapat dibaca melalui m.kabarkita.example.id dan aplikasi KabarKita. Install sekarang!",
        "Jangan lewatkan liputan KabarKita lainnya di kanal video kami",
    ]
    text = "\n".join([*STORY, *promos])
    assert without_echoes(text, tree, URL, names=("KabarKita",)) == "\n".join(STORY)


def test_lines_crediting_the_outlet_or_far_from_the_end_stay() -> None:
    tree = _tree(OTHERS)
    lines = [
        "KABARKITA.EXAMPLE.ID, SUKAMAJU - Warga diminta membaca pengumuman di papan desa, Senin (4/3/2024).",
        "Simak pula pengumuman lain di kabarkita.example.id, kata kepala desa saat pelantikan.",
        *STORY,
        "Hal itu disampaikan camat kepada kabarkita.example.id seusai acara, Senin siang.",
        "Warga bisa mendaftar lewat aplikasi desa mulai pekan depan.",  # a call, but no outlet
    ]
    text = "\n".join(lines)
    assert without_echoes(text, tree, URL, names=("KabarKita",)) == text


def test_a_reader_box_after_the_last_paragraph_goes() -> None:
    tree = _tree(OTHERS)
    for box in (
        "Apakah Anda sudah mengecek nama di DPT?",
        "Sudahkah Anda terdaftar sebagai pemilih?",
        "Cek nama Anda di daftar pemilih di sini",
    ):
        assert without_echoes("\n".join([*STORY, box]), tree, URL) == "\n".join(STORY)


def test_a_question_to_the_reader_inside_the_story_stays() -> None:
    tree = _tree(OTHERS)
    for lines in (
        [*STORY[:-1], STORY[-1] + " Bagaimana, apakah Anda tertarik untuk mencobanya?"],  # glued: story
        [*STORY, "Apakah Anda sudah mengecek nama di DPT?", STORY[0]],  # not the last line
        [*STORY, "Ia bertanya kepada warga: apakah Anda tahu?"],  # no box wording
    ):
        text = "\n".join(lines)
        assert without_echoes(text, tree, URL) == text


def test_rows_of_links_at_the_edges_go_and_linked_lines_inside_stay() -> None:
    nav = _links(
        ("/daerah", "Daerah"),
        ("/daerah/sukamaju", "Sukamaju"),
        ("/tag/pelantikan", "pelantikan"),
        ("/tag/bupati-sukamaju", "bupati sukamaju"),
        ("/", "see more >>"),
        ("/dokumen/sk-bupati.pdf", "SK Bupati Nomor 12 Tahun 2024"),
        ("?page=3", "3"),
        ("/tag/netral", "Netral"),
    )
    lines = ["Daerah", "Sukamaju", STORY[0], "SK Bupati Nomor 12 Tahun 2024", *STORY[1:]]
    text = "\n".join([*lines, "pelantikan bupati sukamaju", "see more >>"])
    assert without_echoes(text, _tree(nav), URL) == "\n".join(lines[2:])
    # a numbered point closing the story is no row, though a pager's "3" and a tag cover it
    text = "\n".join([*STORY, "3. Netral"])
    assert without_echoes(text, _tree(nav), URL) == text


def test_a_link_around_a_huge_subtree_stays_fast() -> None:
    """A hostile page: one link around thousands of nested blocks of one repeated word, and the
    same words as a line of the text.  Each key indexes a few links only, and a link larger than
    a teaser card is read whole, so the cost stays linear (it was quadratic: seconds per page)."""
    blocks = "<div>kata kata kata kata " * 10_000 + "</div>" * 10_000
    tree = lxml.html.fromstring(f"<html><body><a href='/lain/berita'>{blocks}</a></body></html>")
    text = "\n".join([*STORY, "kata " * 40_000])
    start = time.perf_counter()
    without_echoes(text, tree, URL)
    assert time.perf_counter() - start < 5.0
