"""kabar.extract.text: paragraphs from markup, boilerplate lines, duplicates, normalisation."""

from __future__ import annotations

import pytest

from kabar.extract.decode import parse_html
from kabar.extract.text import (
    clean_paragraphs,
    guess_language,
    is_noise_line,
    normalise_space,
    paragraphs,
    split_signoff,
    trim_head,
)


def test_block_elements_and_br_split_paragraphs_inline_ones_do_not() -> None:
    root = parse_html(
        "<div><p>Kalimat <b>tebal</b> dan <a href='#'>tautan</a>.<br>Baris baru</p>ekor teks"
        "<ul><li>satu</li><li>dua</li></ul><script>var x = 1;</script><h2>Subjudul</h2></div>"
    )
    expected = ["Kalimat tebal dan tautan.", "Baris baru", "ekor teks", "satu", "dua", "Subjudul"]
    assert paragraphs(root.find(".//div")) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Judul Lain",
        "BACA JUGA : Judul Lain",
        "Baca: Judul Lain",
        "Artikel Terkait",
        "BERITA TERKAIT",
        "Berita Terkini Lainnya",
        "A   A   A   Pengaturan Font",
        "Topik:",
        "Bagikan ke :",
        "Komentar",
        "Top",
        "BANG JAKI +indeks",
        "Isi komentar sepenuhnya adalah tanggung jawab pengguna dan diatur dalam UU ITE.",
        "Laporan Wartawan Wartakotalive.com, Yolanda Putri Dewanti",
        "Ikuti saluran WhatsApp Wartakotalive.com untuk berita terbaru",
        "Simak berita lainnya di Google News",
        "Sumber: Antara",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_noise_line(normalise_space(line))


@pytest.mark.parametrize(
    "line",
    [
        "Mundur",  # a crosshead
        "1. ASN harus jaga nama baik",  # IDN Times numbered subheading
        "6 faktor pelanggaran netralitas ASN saat pemilu",
        "Baca buku pedoman netralitas, kata dia.",
        "PNS/ASN",
        "Topik utama rapat itu adalah netralitas ASN menjelang pilkada serentak.",
        "Laporan itu diterima Bawaslu pada Senin.",
        "Sumber dana kegiatan berasal dari APBD, kata dia.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert not is_noise_line(line)


def test_exact_duplicates_go_short_repeats_stay() -> None:
    long = "Kalimat panjang yang diulang oleh kutipan tarik di tengah artikel."
    assert clean_paragraphs([long, "Ya", "Ya", long.upper(), "Akhir."]) == [long, "Ya", "Ya", "Akhir."]


def test_normalisation() -> None:
    assert normalise_space("  Cafe\u0301\u00a0 di\u200b Jakarta\x07 \n lagi ") == "Café di Jakarta lagi"


def test_dropped_strings_such_as_the_headline_are_removed() -> None:
    assert clean_paragraphs(["Judul Berita", "Isi berita."], drop=["Judul  Berita"]) == ["Isi berita."]


def test_link_label_alone_takes_its_headline_but_not_the_next_subheading() -> None:
    paras = ["Isi pertama.", "Baca Juga:", "Judul Artikel Lain", "2. Subjudul bernomor", "Isi kedua."]
    assert clean_paragraphs(paras) == ["Isi pertama.", "2. Subjudul bernomor", "Isi kedua."]


def test_related_box_heading_takes_the_headlines_and_dates_after_it() -> None:
    paras = [
        "Isi terakhir artikel.",
        "BERITA TERKAIT",
        "Ratusan ASN Pemkot Jaksel Ikrar Netralitas Pemilu 2024",
        "Senin, 25 September 2023 4275",
        "Terpopuler",
        "Dishub Gandeng Waze Luncurkan Fitur Navigasi Ganjil Genap",
    ]
    assert clean_paragraphs(paras) == ["Isi terakhir artikel."]


def test_a_sentence_ends_the_box() -> None:
    paras = ["Artikel Terkait", "Judul Lain", "Kalimat isi setelah kotak tetap ada."]
    assert clean_paragraphs(paras) == ["Kalimat isi setelah kotak tetap ada."]


def test_language_guess() -> None:
    indonesian = "Wali kota mengatakan bahwa ASN yang tidak netral akan dikenai sanksi di kantor ini."
    english = "The governor said that civil servants in the city are required to stay neutral."
    assert guess_language(indonesian) == "id" and guess_language(english) == "en"
    assert guess_language("Jakarta") == "id"


@pytest.mark.parametrize(
    ("text", "body", "signoff"),
    [
        ("Kata dia.\n(ant/mr)", "Kata dia.", "(ant/mr)"),
        ("Kata dia.\nant/P-4", "Kata dia.", "ant/P-4"),
        ('"Kami siap," tukas dia. AZF', '"Kami siap," tukas dia.', "AZF"),
        ("Laga batal, bebernya. (gk-54)", "Laga batal, bebernya.", "(gk-54)"),
        ("Posisi pertama klasemen. [tm]", "Posisi pertama klasemen.", "[tm]"),
        ("Rabu 1 Februari. (Sportsmole) (PAT)", "Rabu 1 Februari.", "(Sportsmole) (PAT)"),
        ("Pertama.\nDia menutup acara. (*)", "Pertama.\nDia menutup acara.", "(*)"),
        # furniture after the code (an editor's name, a promo) goes with it
        ("Miriskan? [ds/islampos/upi]\nDini Sri Mulyati", "Miriskan?", "[ds/islampos/upi]"),
        ("8. Tol Buahbatu (mdk/yan)\nYuk daftarkan mereka!\nDaftarkan", "8. Tol Buahbatu", "(mdk/yan)"),
        # a desk or unit credit in brackets after the last sentence (government and TNI sites)
        ("Disaksikan Camat Alok. (Kominfo Sikka/MYM)", "Disaksikan Camat Alok.", "(Kominfo Sikka/MYM)"),
        ("Ikrar serupa pekan ini. (Pendim 0611/Grt)", "Ikrar serupa pekan ini.", "(Pendim 0611/Grt)"),
        ("Pilkada 27 November 2024.\n(Prokompim Sikka)", "Pilkada 27 November 2024.", "(Prokompim Sikka)"),
        # a public-relations office of up to six words with the writer's initials after a slash
        (
            "Rapat digelar pada 14 Februari 2024. (Humas Bawaslu Kota Sukamaju/tp)",
            "Rapat digelar pada 14 Februari 2024.",
            "(Humas Bawaslu Kota Sukamaju/tp)",
        ),
        (
            "Apel ditutup doa.\n(Humas Setda Kabupaten Sukamaju/ad)",
            "Apel ditutup doa.",
            "(Humas Setda Kabupaten Sukamaju/ad)",
        ),
        ("Apel ditutup doa. (Diskominfo/rz)", "Apel ditutup doa.", "(Diskominfo/rz)"),
        ("Apel ditutup doa.(Prokopim/ys)", "Apel ditutup doa.", "(Prokopim/ys)"),
        # a desk code with the editor's name (Republika)
        ("Kata dia. (wan/ed: fitriyan zamzami)", "Kata dia.", "(wan/ed: fitriyan zamzami)"),
    ],
)
def test_signoff_codes_leave_the_text(text: str, body: str, signoff: str) -> None:
    assert split_signoff(text) == (body, signoff)


STORY = "bupati memimpin ikrar netralitas aparatur sipil negara di halaman kantor bupati"


@pytest.mark.parametrize(
    "text",
    [
        "Kata dia (2016) bahwa acara berjalan lancar.",
        "Ketua DPR RI",  # capitals without a sentence end are a name, not a code
        "Acara dibuka Presiden. Hadir pula Menteri PUPR",
        "Pertama (ant/mr) lalu panjang.\n" + "Paragraf panjang sekali. " * 20,
        # an expanded name in brackets ends a sentence, it is no credit
        "Hadir Kepala BKD (Badan Kepegawaian Daerah)",
        # a long expansion in brackets without initials after a slash is no office credit
        "Rapat dipimpin Kepala BKPSDM. (Badan Kepegawaian Pengembangan Sumber Daya Manusia)",
        # a one-word bracket in the last lines is a photo credit when story sentences follow it
        "Bupati saat memimpin ikrar. (Istimewa)\n" + "\n".join([f"Paragraf {n} {STORY}." for n in range(2)]),
    ],
)
def test_text_without_signoff_is_kept(text: str) -> None:
    assert split_signoff(text) == (text, None)


def test_captions_bylines_and_date_lines_above_the_first_paragraph_go() -> None:
    lead = "JAKARTA - Musisi Ahmad Dhani mengkritik banyak pemimpin yang memikirkan perekonomian saja."
    text = "\n".join(
        [
            "M Rodhi Aulia - 11 Februari 2016 06:38 wib",
            "Ahmad Dhani.",
            "Tabo Cottage di Tuk Tuk, Pulau Samosir. | KOMPAS.COM/FITRI PRAWITASARI",
            "LIPUTAN ABRAHAM JOHAN DARI BALIKPAPAN",
            "Andi Abdullah Sururi Panjang Sekali - detikSport",
            "Andi Wijaya - Kabar Timur",
            lead,
            "Short.",
        ]
    )
    assert trim_head(text) == f"{lead}\nShort."


def test_a_page_of_captions_only_keeps_them() -> None:
    captions = "\n".join(f"Foto {i} penyanyi di karpet merah. (REUTERS / Danny Moloshok)" for i in range(6))
    assert trim_head(captions) == captions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Laporan Wartawan Tribun Medan / Tommy Simatupang TRIBUN-MEDAN.com, SIANTAR - Isi berita.\nDua.",
            "TRIBUN-MEDAN.com, SIANTAR - Isi berita.\nDua.",
        ),
        ("Oleh: Fulan Bin Fulan KOMPAS.com - Isi berita.\nDua.", "KOMPAS.com - Isi berita.\nDua."),
        # a sentence that starts like a byline but has no outlet dateline stays whole
        ("Laporan itu diterima Bawaslu pada Senin dari KPU.com, kata dia.\nDua.", None),
    ],
)
def test_a_byline_glued_before_the_dateline_goes(text: str, expected: str | None) -> None:
    assert trim_head(text) == (expected or text)


def test_tag_boxes_inside_a_site_body_go_but_link_paragraphs_stay() -> None:
    from kabar.extract.sites.base import body_text

    root = parse_html(
        "<div class='detail__body-text'><p>Banjir merendam 900 rumah di kawasan yang sama.</p>"
        "<p>Kata <a href='#'>Bupati</a> dan <a href='#'>Camat</a> hari ini.</p>"
        "<div class='detail_tag'><a href='#'>banjir</a><a href='#'>dayeuhkolot</a></div>"
        "<div class='post-tags'>Tags: <a href='#'>ASN</a>, <a href='#'>Pemilu</a></div></div>"
    )
    assert body_text(root.find(".//div"), ()).split("\n") == [
        "Banjir merendam 900 rumah di kawasan yang sama.",
        "Kata Bupati dan Camat hari ini.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Bupati Lokal saat memimpin ikrar. (Istimewa)",
        "Ilustrasi ASN. (Shutterstock)",
        "Bupati Lokal saat memimpin ikrar. [Dok. Pemkab]",
        "Bupati memimpin ikrar/Foto: Humas",
        "Keterangan foto: Bupati memimpin ikrar",
        "Bupati saat membacakan ikrar. ANTARA FOTO/Fulan",
    ],
)
def test_caption_lines_with_a_credit(line: str) -> None:
    from kabar.extract.text import is_caption_line

    assert is_caption_line(line)
    assert not is_caption_line(f"Paragraf {STORY} yang panjang, kata dia (Istimewa, 2023) kepada wartawan.")
