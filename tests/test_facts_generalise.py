"""Written forms of pledges, events, institutions and officials that unseen pages use.

Each case is a class of writing (a pledge in a table, points named "Poin pertama", a quote the
participants recite, a rally, a club's coach after a name), not a page; the sentences are
written for this test.
"""

from __future__ import annotations

from datetime import datetime

import lxml.html
import pytest

from kabar.extract.facts import extract_facts
from kabar.extract.facts.institutions import find_institutions, institution_in
from kabar.extract.facts.officials import find_officials
from kabar.extract.facts.pledges import find_pledge_points
from kabar.extract.generic import extract_generic
from kabar.extract.sites.base import build_context
from kabar.extract.text import paragraphs, table_rows

PUBLISHED = datetime(2023, 10, 30)
LEAD = (
    "Sebanyak 300 ASN Pemerintah Kota Palu mengucapkan ikrar netralitas di halaman Balai Kota Palu, "
    "Senin (16/10/2023), dipimpin Sekretaris Daerah Kota Palu."
)
AFTER = (
    "Sekda meminta seluruh kepala perangkat daerah mengawasi bawahannya selama tahapan pemilu berlangsung."
)


def _points(text: str) -> list[str]:
    return [p for p, _, _ in find_pledge_points(text)]


# -- a pledge in a table --------------------------------------------------------------------------
def _table(rows: list[tuple[str, str]], header: tuple[str, str] | None = None) -> str:
    head = f"<tr><td>{header[0]}</td><td>{header[1]}</td></tr>" if header else ""
    return "<table>" + head + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows) + "</table>"


POINTS = [
    "Menjaga netralitas dalam setiap tahapan Pemilu 2024",
    "Tidak menggunakan fasilitas negara untuk kegiatan kampanye",
    "Tidak mengunggah dukungan kepada peserta pemilu di media sosial",
]


def test_numbered_table_rows_are_list_lines_and_the_header_goes():
    table = lxml.html.fromstring(_table([(str(i), p) for i, p in enumerate(POINTS, 1)], ("No", "Isi Ikrar")))
    assert table_rows(table) == [f"{i}. {p}" for i, p in enumerate(POINTS, 1)]


def test_a_layout_table_is_left_to_the_paragraph_walk():
    table = lxml.html.fromstring("<table><tr><td><div><p>Baca juga: Berita lain</p></div></td></tr></table>")
    assert table_rows(table) is None
    assert paragraphs(table) == ["Baca juga: Berita lain"]


@pytest.mark.parametrize(
    ("marks", "expected_first"),
    [(["1", "2", "3"], "1. "), (["Kesatu", "Kedua", "Ketiga"], "Kesatu: ")],
)
def test_a_pledge_table_in_a_plain_page_reaches_the_body_and_the_points(marks, expected_first):
    page = (
        "<html><body><div class='content'><h1>ASN Pemkot Palu Ikrar Netralitas</h1>"
        f"<p>{LEAD}</p><p>Adapun isi ikrar netralitas tersebut sebagai berikut:</p>"
        + _table(list(zip(marks, POINTS, strict=True)))
        + f"<p>{AFTER}</p></div></body></html>"
    )
    text = extract_generic(build_context(page, lxml.html.fromstring(page), None))["text"]
    assert f"{expected_first}{POINTS[0]}" in text.split("\n")
    assert [p.lower() for p in _points(text)] == [p.lower() for p in POINTS]


# -- points however written -----------------------------------------------------------------------
def test_points_named_by_their_number_each_in_a_sentence():
    text = (
        f'{LEAD}\nPoin pertama ikrar berbunyi "tenaga pendidik menjaga netralitas dalam Pemilu 2024".\n'
        'Poin kedua, "sekolah tidak digunakan untuk kegiatan kampanye".\n'
        "Adapun poin ketiga adalah tidak mengunggah dukungan kepada calon di media sosial."
    )
    assert _points(text) == [
        "tenaga pendidik menjaga netralitas dalam Pemilu 2024",
        "sekolah tidak digunakan untuk kegiatan kampanye",
        "tidak mengunggah dukungan kepada calon di media sosial",
    ]


def test_a_pledge_quote_recited_by_the_participants():
    text = (
        f'{LEAD}\n"Kami pegawai Dinas Perhubungan menyatakan netral dalam Pilkada 2024, tidak menjadi '
        'anggota tim sukses, dan tidak menggunakan kendaraan dinas untuk kampanye," ucap para pegawai '
        "menirukan Kepala Dinas."
    )
    assert _points(text) == [
        "netral dalam Pilkada 2024",
        "tidak menjadi anggota tim sukses",
        "tidak menggunakan kendaraan dinas untuk kampanye",
    ]


def test_a_bare_dan_before_tidak_joins_one_duty_and_a_ready_passive_is_a_point():
    text = (
        "Isi ikrar itu ialah bersikap netral dan tidak memihak kepada peserta pemilu, tidak memasang "
        "atribut partai di kantor, serta siap dikenai sanksi apabila melanggar."
    )
    assert _points(text) == [
        "bersikap netral dan tidak memihak kepada peserta pemilu",
        "tidak memasang atribut partai di kantor",
        "siap dikenai sanksi apabila melanggar",
    ]


def test_one_list_of_two_duties_joined_by_dan_tidak_is_still_two_points():
    text = (
        "Pakta integritas itu memuat komitmen untuk tidak memihak kepada calon dan tidak menggunakan "
        "kewenangan."
    )
    assert _points(text) == ["tidak memihak kepada calon", "tidak menggunakan kewenangan"]


def test_an_ordinary_quote_with_a_recitation_word_but_no_duties_gives_no_points():
    text = (
        f'{LEAD}\n"Suasananya khidmat sekali, semua hafal isinya," kata seorang peserta yang ikut membacakan.'
    )
    assert _points(text) == []


# -- event types ---------------------------------------------------------------------------------
def _facts(text: str, title: str) -> dict:
    return extract_facts(text, published_at=PUBLISHED, title=title, use_ner=False)


def test_a_campaign_rally_is_lainnya_and_has_no_host():
    facts = _facts(
        "Sekitar 40.000 simpatisan memadati stadion dalam kampanye akbar pasangan calon presiden, "
        "Minggu (28/1/2024).\nKapolres Sleman AKBP Yuswanto Ardi mengatakan pihaknya mengerahkan 900 "
        "personel untuk mengamankan jalannya kampanye. Bawaslu menemukan satu dugaan pelanggaran.",
        "Kampanye Akbar di Stadion Dihadiri 40 Ribu Simpatisan",
    )
    assert facts["event"]["type"] == "lainnya"
    assert facts["official"] is None and facts["institution"] is None
    assert [o["name"] for o in facts["officials"]] == ["Yuswanto Ardi"]  # named, not the host


def test_a_dprd_hearing_on_reported_asn_is_lainnya():
    facts = _facts(
        "Komisi A DPRD Kabupaten Jember memanggil BKPSDM dalam rapat dengar pendapat, Senin (15/7/2024), "
        "membahas laporan dugaan ASN tidak netral.",
        "Komisi A DPRD Jember Panggil BKPSDM soal ASN Dilaporkan Tak Netral",
    )
    assert facts["event"]["type"] == "lainnya"


def test_a_disciplinary_sanction_is_a_violation_report():
    facts = _facts(
        "Pemerintah Kabupaten Lombok Barat menjatuhkan hukuman disiplin berat kepada seorang kepala "
        "sekolah yang mengampanyekan calon, Rabu (13/3/2024). Ia dibebaskan dari jabatannya.",
        "Kampanyekan Caleg, Kepala Sekolah Diturunkan Jadi Guru",
    )
    assert facts["event"]["type"] == "laporan_pelanggaran"


# -- institutions --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("Dinkes Kota Medan", "Dinas Kesehatan Kota Medan"),
        ("Kejari Kota Bekasi", "Kejaksaan Negeri Kota Bekasi"),
        (
            "BKPSDM Kabupaten Sumbawa",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Sumbawa",
        ),
        ("Kemenag Pidie", "Kantor Kementerian Agama Kabupaten Pidie"),
        ("Kemenag Jatim", "Kantor Wilayah Kementerian Agama Provinsi Jawa Timur"),
        ("Kemenkumham Bali", "Kantor Wilayah Kementerian Hukum dan HAM Bali"),
        ("Pemda Kabupaten Berau", "Pemerintah Kabupaten Berau"),
        ("Kelurahan Kota Uneng", "Kelurahan Kota Uneng"),
        ("Desa Merak Batin", "Pemerintah Desa Merak Batin"),
        ("kepala desa se-Kecamatan Natar", "Kecamatan Natar"),
    ],
)
def test_short_forms_with_a_level_word_get_the_full_official_name(written, full):
    assert [m.name for m in find_institutions(f"Apel digelar {written} pekan ini.")] == [full]


# -- officials in ordinary news ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        ("Bos Lippo Group James Riady hadir dalam acara itu.", "James Riady", "Bos Lippo Group"),
        ("Kuasa hukum tersangka, Hotman Paris Hutapea, membantah.", "Hotman Paris Hutapea",
         "Kuasa hukum tersangka"),
        ("Guru besar hukum tata negara Ahmad Fauzi menilai putusan itu keliru.", "Ahmad Fauzi",
         "Guru besar hukum tata negara"),
        ("Pemilik klub Chelsea, Roman Abramovich, tidak hadir.", "Roman Abramovich", "Pemilik klub Chelsea"),
        ("Menurut Jose Mourinho, manajer Manchester United, timnya buruk.", "Jose Mourinho",
         "manajer Manchester United"),
        ("Kata pak Achsanul Qosasi [pemilik Madura United] kepada wartawan.", "Achsanul Qosasi",
         "pemilik Madura United"),
    ],
)  # fmt: skip
def test_business_club_and_legal_titles_before_or_after_the_name(sentence, name, title):
    assert [(o.name, o.title) for o in find_officials(sentence, use_ner=False)] == [(name, title)]


def test_an_expert_or_observer_is_described_not_titled():
    """ "pakar", "pengamat", "analis" say what someone knows, not a position they hold (both real-news
    gold sets leave them out), so no official is read from them."""
    for sentence in ("Pakar hukum tata negara Refly Harun menilai putusan itu keliru.",
                     "Hal itu disampaikan Budi Santoso, pakar hukum tata negara, di Jakarta.",
                     "Pengamat politik Rina Wulandari menilai hal itu wajar."):  # fmt: skip
        assert find_officials(sentence, use_ner=False) == []


def test_a_country_after_a_title_is_not_a_name():
    text = "Selama ini Presiden Indonesia tidak disematkan bintang lima. Menteri Luar Negeri Jepang hadir."
    assert [o.name for o in find_officials(text, use_ner=False)] == []


def test_a_capitalised_unit_word_after_the_title_stays_in_the_title():
    found = find_officials("Menteri Kesehatan Publik Rajata Rajatanavin hadir.", use_ner=False)
    assert [(o.name, o.title) for o in found] == [("Rajata Rajatanavin", "Menteri Kesehatan Publik")]


def test_a_field_title_without_a_name_is_nobody():
    assert find_officials("Manajer lainnya seperti Eddie Howe juga disebut.", use_ner=False) == []
    assert find_officials("Pakar menilai hal itu wajar.", use_ner=False) == []


def test_an_acting_camat_belongs_to_the_kecamatan():
    assert institution_in("Pelaksana Tugas Camat Natar") == "Kecamatan Natar"
