"""Pledge points in every shape articles list them, and none where there is no list."""

from __future__ import annotations

from datetime import datetime

import pytest

from kabar.extract.facts import extract_facts
from kabar.extract.facts.pledges import find_pledge_points


def _points(text: str) -> list[str]:
    found = find_pledge_points(text)
    for point, start, end in found:  # spans point at the text
        assert text[start:end] == point
    return [p for p, _, _ in found]


def test_separate_lines_after_colon():
    text = (
        "Seluruh pegawai Kecamatan Koja membacakan ikrar netralitas dengan isi sebagai berikut:\n"
        "Menjaga netralitas dalam setiap tahapan pemilu;\n"
        "Tidak memasang atribut partai di kantor;\n"
        "Menolak politik uang.\n"
        "Camat Koja berharap ikrar itu dijalankan."
    )
    assert _points(text) == [
        "Menjaga netralitas dalam setiap tahapan pemilu",
        "Tidak memasang atribut partai di kantor",
        "Menolak politik uang",
    ]


def test_numbered_paragraphs():
    text = (
        "Berikut empat butir pakta integritas yang diteken para lurah:\n"
        "1. Bersikap netral terhadap semua peserta pemilu.\n"
        "2. Tidak mengarahkan warga memilih calon tertentu.\n"
        "3) Menjaga kerahasiaan data pemilih.\n"
        "4. Melaporkan dugaan pelanggaran kepada atasan.\n"
        "Pakta itu disimpan di kantor kelurahan."
    )
    points = _points(text)
    assert len(points) == 4
    assert points[2] == "Menjaga kerahasiaan data pemilih"


def test_numbers_inside_one_quote():
    text = (
        '"Isi ikrarnya yaitu 1. menjaga netralitas; 2. tidak ikut kampanye; 3. tidak mengunggah dukungan di '
        'media sosial," ujar Sekda.\n'
        "Menurutnya, ASN yang melanggar akan diperiksa inspektorat."
    )
    assert _points(text) == [
        "menjaga netralitas",
        "tidak ikut kampanye",
        "tidak mengunggah dukungan di media sosial",
    ]


def test_ordinal_words():
    text = (
        "Ada tiga hal yang diikrarkan pegawai. Pertama, menjaga netralitas ASN; kedua, tidak memakai mobil "
        "dinas untuk kampanye; dan ketiga, menolak segala bentuk politik uang."
    )
    assert _points(text) == [
        "menjaga netralitas ASN",
        "tidak memakai mobil dinas untuk kampanye",
        "menolak segala bentuk politik uang",
    ]


def test_yakni_with_commas_and_dan():
    text = (
        "Isi ikrar tersebut yakni menjaga netralitas, tidak memihak pasangan calon mana pun, "
        "dan menolak pemberian dalam bentuk apa pun."
    )
    assert _points(text) == [
        "menjaga netralitas",
        "tidak memihak pasangan calon mana pun",
        "menolak pemberian dalam bentuk apa pun",
    ]


def test_antara_lain_dash_lines():
    text = (
        "Poin pakta integritas antara lain:\n"
        "- tidak menggunakan fasilitas negara\n"
        "- tidak terlibat kampanye\n"
        "Kepala BKD menambahkan, sanksi disiplin menanti pelanggar."
    )
    assert _points(text) == ["tidak menggunakan fasilitas negara", "tidak terlibat kampanye"]


def test_prose_over_two_paragraphs_with_subjects_dropped():
    text = (
        "Dalam pakta integritas itu, ASN berjanji menjaga netralitas, tidak terlibat kampanye, serta "
        "tidak memakai fasilitas kantor untuk kepentingan politik.\n"
        "Mereka juga wajib menolak politik uang. Kemudian bersikap bijak dalam bermedia sosial.\n"
        "Acara ditutup dengan doa bersama."
    )
    assert _points(text) == [
        "menjaga netralitas",
        "tidak terlibat kampanye",
        "tidak memakai fasilitas kantor untuk kepentingan politik",
        "menolak politik uang",
        "bersikap bijak dalam bermedia sosial",
    ]


def test_passive_after_negation_stays_with_its_point():
    text = (
        "Isi ikrar antara lain menggunakan media sosial secara bijak, tidak dipakai untuk mendukung calon, "
        "tidak menyebarkan hoaks."
    )
    assert _points(text) == [
        "menggunakan media sosial secara bijak, tidak dipakai untuk mendukung calon",
        "tidak menyebarkan hoaks",
    ]


def test_verb_coordination_is_not_split():
    text = "Isi ikrar yaitu tidak menghadiri, mengikuti, maupun mendukung kampanye; menolak politik uang."
    assert _points(text) == ["tidak menghadiri, mengikuti, maupun mendukung kampanye", "menolak politik uang"]


def test_no_points_for_appeal_report_or_bare_mention():
    texts = [
        # a bare mention of a signed pact
        "Kegiatan dilanjutkan dengan penandatanganan pakta integritas oleh seluruh pejabat struktural.",
        # an appeal
        "Wali Kota meminta ASN menjaga netralitas, tidak memihak, dan tidak ikut kampanye.",
        # a violation report with an ordinal list of causes
        "Bawaslu menyebut ada tiga faktor pelanggaran. Pertama, kedekatan dengan calon. Kedua, "
        "iming-iming jabatan. Ketiga, lemahnya sanksi.",
        # numbered subheadings of an ordinary article
        "1. ASN harus jaga nama baik\nMunjirin meminta ASN menjaga nama baik.\n2. Masalah wilayah\nIa juga "
        "meminta masalah wilayah ditindaklanjuti.",
        # a KPU decision
        "KPU menetapkan daftar calon tetap yang terdiri dari 1.652 calon dari 18 partai politik.",
    ]
    for text in texts:
        assert _points(text) == [], text


def test_points_split_at_commas_but_not_at_a_bare_dan_or_maupun():
    text = (
        "Ikrar yang diucapkan, yakni bersikap netral dan tidak memihak, menjaga integritas dalam pelayanan, "
        "serta tidak mengunggah maupun membagikan konten kampanye."
    )
    # a bare "dan" inside the first item joins its halves (the blind gold writes "bersikap
    # netral dan tidak memihak ..." as one point); the commas separate the points
    assert _points(text) == [
        "bersikap netral dan tidak memihak",
        "menjaga integritas dalam pelayanan",
        "tidak mengunggah maupun membagikan konten kampanye",
    ]


def test_quote_after_line_list_ends_it():
    text = (
        "Adapun isi ikrar tersebut, yakni:\n"
        "Menjaga netralitas ASN\n"
        "Tidak terlibat kampanye\n"
        '"Jangan ada lagi ASN yang berfoto dengan pose jari," ujar Wali Kota.'
    )
    assert _points(text) == ["Menjaga netralitas ASN", "Tidak terlibat kampanye"]


def test_points_of_an_appeal_are_not_pledge_points():
    from kabar.extract.facts import extract_facts

    text = (
        "Wali Kota Bogor mengimbau ASN menjaga netralitas. Ada tiga poin yang diminta, yakni menjaga "
        "netralitas, tidak memasang atribut partai, dan menolak politik uang."
    )
    facts = extract_facts(text, published_at=None, title="Wali Kota Minta ASN Netral", use_ner=False)
    assert facts["event"]["type"] == "imbauan"
    assert facts["pledge_points"] == [] and facts["pledge_spans"] == []
    # the same list in an ikrar article is the pledge
    ikrar = text.replace("Ada tiga poin yang diminta", "Ada tiga poin ikrar yang dibacakan")
    assert len(extract_facts(ikrar, published_at=None, use_ner=False)["pledge_points"]) == 3


def test_pledge_quoted_as_one_paragraph_after_colon():
    text = (
        "Ratusan pegawai mengikuti apel di halaman kantor. Ikrar berbunyi:\n"
        '"Kami ASN Kota Depok berjanji: satu, menjaga netralitas; dua, tidak terlibat politik praktis; '
        'tiga, menolak politik uang."\n'
        "Sekda Kota Depok mengatakan ikrar itu menjadi pengingat."
    )
    assert _points(text) == ["menjaga netralitas", "tidak terlibat politik praktis", "menolak politik uang"]


def test_numbered_lines_after_a_colon_cue_whatever_their_first_word():
    text = (
        "Berikut isi ikrar yang dibacakan para pegawai:\n"
        "1. Setia kepada Pancasila dan UUD 1945.\n"
        "2. Netralitas dijunjung dalam setiap tahapan pemilu.\n"
        "3. Pelayanan diberikan sama kepada semua warga.\n"
        "Kepala kantor berharap ikrar itu ditaati."
    )
    assert _points(text) == [
        "Setia kepada Pancasila dan UUD 1945",
        "Netralitas dijunjung dalam setiap tahapan pemilu",
        "Pelayanan diberikan sama kepada semua warga",
    ]


def test_numbered_subheadings_without_a_cue_are_not_points():
    text = (
        "Ikrar netralitas digelar di Balai Kota.\n"
        "1. Dipimpin Wali Kota\n"
        "Wali Kota memimpin langsung.\n"
        "2. Diikuti ribuan ASN\n"
        "Ribuan ASN hadir."
    )
    assert _points(text) == []


_LEAD = (
    "KENDAL - Sebanyak 3.600 ASN Pemkab Kendal mengikuti ikrar netralitas ASN di Pendopo Kabupaten "
    "Kendal, Kamis (12/10/2023).\n"
)
_THREE = ["menjaga netralitas ASN", "tidak memihak peserta pemilu", "menolak politik uang"]


@pytest.mark.parametrize(
    "body",
    [
        "Isi ikrar tersebut yakni (1) menjaga netralitas ASN; (2) tidak memihak peserta pemilu; (3) menolak "
        "politik uang.\nBupati berharap ASN konsisten.",
        "Ikrar yang dibacakan berisi: a. menjaga netralitas ASN; b. tidak memihak peserta pemilu; c. menolak "
        "politik uang.\nAcara ditutup doa.",
        "Dalam ikrar itu ASN menyatakan menjaga netralitas ASN; tidak memihak peserta pemilu; "
        "menolak politik uang.\nAcara ditutup doa.",
        "\"Kami berikrar, satu, menjaga netralitas ASN, dua, tidak memihak peserta pemilu, tiga, "
        "menolak politik uang,\" ujar para ASN serempak.\nAcara ditutup doa.",
        "Ada tiga poin ikrar yang dibacakan.\nPertama, menjaga netralitas ASN.\nKedua, tidak memihak peserta "
        "pemilu.\nKetiga, menolak politik uang.\nBupati berharap ASN konsisten.",
        "Berikut isi ikrar netralitas ASN Pemkab Kendal:\n1. Menjaga netralitas ASN\n"
        "2. Tidak memihak peserta pemilu\n3. Menolak politik uang,\" demikian isi pernyataan itu.\n"
        "Bupati berharap ASN konsisten.",
    ],
)  # fmt: skip
def test_pledge_point_forms(body):
    """Numbers in brackets, letters, bare semicolons, number words in a quote, ordinal
    paragraphs, numbered lines closed by an attribution: the same three points."""
    facts = extract_facts(_LEAD + body, published_at=datetime(2023, 10, 12, 15), use_ner=False)
    assert [p.lower() for p in facts["pledge_points"]] == [p.lower() for p in _THREE]


def test_a_quoted_old_pledge_and_a_list_of_prohibitions_give_no_points():
    old = (
        "KENDAL - Rapat koordinasi netralitas ASN digelar Pemkab Kendal, Kamis (12/10/2023).\nSekda "
        "mengingatkan kembali ikrar netralitas yang diucapkan ASN pada 2019 silam, yakni menjaga netralitas, "
        "tidak memihak, dan menolak politik uang.\nRapat ditutup doa."
    )
    briefing = (
        "KENDAL - Bawaslu Kendal menggelar sosialisasi netralitas ASN, Kamis (12/10/2023).\n"
        "ASN dilarang: a. ikut kampanye; b. memasang APK; c. mengunggah dukungan di media sosial.\n"
        "Sosialisasi diikuti 200 ASN."
    )
    for text in (old, briefing):
        facts = extract_facts(text, published_at=datetime(2023, 10, 12, 15), use_ner=False)
        assert facts["topic"] == "neutrality" and facts["pledge_points"] == []
