"""Officials and institutions in forms seen on unseen pages: military units with a named number,
navy ranks with their corps, degrees written without dots, police sub-units, ministries by
name and abbreviation, the level word of a regency's body, and the body acting in the lead.

The sentences are written for this test (names and places invented or generic).
"""

from __future__ import annotations

import pytest
from officials_helpers import official_pairs

from kabar.extract.facts.event import choose_institution
from kabar.extract.facts.institutions import find_institutions
from kabar.extract.facts.officials import find_officials


@pytest.mark.parametrize(
    ("text", "name", "title_has"),
    [
        # a unit number with the unit's name after a slash, an abbreviation in brackets, then a rank
        (
            "Komandan Korem 071/Wijayakusuma (Danrem 071/Wk) Kolonel Inf Dedi Kurniawan membuka acara.",
            "Dedi Kurniawan",
            "Komando Resor Militer 071/Wijayakusuma",
        ),
        ("Acara dibuka Kasrem 052/Wkr Kolonel Kav Hendra Saputra di aula.", "Hendra Saputra", "Kepala Staf"),
        # a navy rank of two words, and a navy rank with its corps in brackets
        (
            "Upacara dipimpin Komandan Lantamal IV Laksamana Pertama TNI Yosef Manurung di dermaga.",
            "Yosef Manurung",
            "Pangkalan Utama TNI Angkatan Laut IV",
        ),
        (
            "Hadir pula Wakil Komandan Lantamal II Kolonel Laut (P) Rudi Hartono bersama staf.",
            "Rudi Hartono",
            "Wakil Komandan",
        ),
        # an air force corps after the rank
        (
            "Materi disampaikan Kepala Dinas Personel Lanud Adisutjipto Kolonel Adm Sugeng Riyadi.",
            "Sugeng Riyadi",
            "Kepala Dinas Personel",
        ),
        # degrees written without dots end the name
        (
            "Apel dipimpin Sekda Kudus Drs Bambang Wicaksono MM. Peserta apel hadir lengkap.",
            "Bambang Wicaksono",
            "Sekretaris Daerah",
        ),
        (
            "Kepala Dinas Kesehatan Kota Bogor Rina Marlina SKM MKes meninjau lokasi.",
            "Rina Marlina",
            "Dinas Kesehatan",
        ),
        # a police sub-unit title
        (
            "Kegiatan dipimpin Kasubbid Paminal Bid Propam Polda Jambi AKBP Taufik Hidayat di aula.",
            "Taufik Hidayat",
            "Kepala Subbidang Paminal",
        ),
    ],
)
def test_officials_in_unit_forms(text: str, name: str, title_has: str) -> None:
    pairs = official_pairs(text)
    assert [n for n, _ in pairs] == [name], pairs
    assert title_has in pairs[0][1]


def test_a_slash_name_inside_brackets_is_not_a_person() -> None:
    names = [
        n
        for n, _ in official_pairs(
            "Komandan Korem 071/Wijayakusuma (Danrem 071/Wk) Kolonel Inf Dedi Kurniawan hadir."
        )
    ]
    assert "Wk" not in names


def test_a_degree_word_never_starts_or_joins_a_name() -> None:
    assert official_pairs("Kepala Dinas Sosial Kota Bogor, Sri Lestari MSi, membuka acara.") == [
        ("Sri Lestari", "Kepala Dinas Sosial Kota Bogor")
    ]


@pytest.mark.parametrize(
    ("text", "full"),
    [
        (
            "Pegawai Kementerian Koperasi dan Usaha Kecil dan Menengah berkumpul.",
            "Kementerian Koperasi dan Usaha Kecil dan Menengah",
        ),
        ("Pegawai Kemenperin berkumpul di halaman.", "Kementerian Perindustrian"),
        ("Pegawai Kementerian Pertanian Senin pagi berkumpul.", "Kementerian Pertanian"),
        (
            "Prajurit Pangkalan Utama TNI AL (Lantamal) V Surabaya berkumpul.",
            "Pangkalan Utama TNI Angkatan Laut V Surabaya",
        ),
        ("Prajurit Lanud Adisutjipto berkumpul.", "Pangkalan TNI Angkatan Udara Adisutjipto"),
        # a regency's body: the level word the code list gives, where only one region has the name
        (
            "Kepala BKPSDM Sidoarjo hadir.",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Sidoarjo",
        ),
        ("Bawaslu Palembang menerima laporan.", "Badan Pengawas Pemilu Kota Palembang"),
    ],
)
def test_institution_full_names(text: str, full: str) -> None:
    assert full in [m.name for m in find_institutions(text)]


def test_a_place_that_is_a_regency_and_a_city_gets_no_level() -> None:
    names = [m.name for m in find_institutions("Kepala BKPSDM Bekasi hadir.")]
    assert names == ["Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Bekasi"]


def test_the_body_acting_in_the_lead_is_the_institution() -> None:
    text = (
        "Pemerintah Kota (Pemkot) Tegal menjatuhkan hukuman disiplin kepada dua ASN. "
        "Surat keputusan diserahkan di Kantor Badan Kepegawaian Daerah (BKD) Kota Tegal.\n"
        "Kepala BKD Kota Tegal, Rudi Susanto, menjelaskan sanksi itu."
    )
    officials = find_officials(text, use_ner=False)
    institution, _ = choose_institution(text, "Dua ASN Dijatuhi Sanksi", officials[0])
    assert institution is not None and institution["name"] == "Pemerintah Kota Tegal"


def test_a_body_named_with_and_without_its_city_is_one() -> None:
    text = (
        "Prajurit Pangkalan Utama TNI AL (Lantamal) III Jakarta mengikuti apel.\n"
        "Apel dipimpin Komandan Lantamal III Laksamana Pertama TNI Agus Salim."
    )
    officials = find_officials(text, use_ner=False)
    institution, _ = choose_institution(text, None, officials[0])
    assert institution is not None and institution["name"] == "Pangkalan Utama TNI Angkatan Laut III Jakarta"


# -- ordinary news ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nickname in brackets after the name; the nickname later is the same person
        (
            "Gubernur Jawa Barat Ridwan Kamil (Emil), meninjau lokasi. Menurut Emil, jalan diperbaiki.",
            [("Ridwan Kamil", "Gubernur Jawa Barat")],
        ),
        (
            "Sebagai Presiden, Jokowi hadir. Presiden Joko Widodo (Jokowi) lalu menyapa warga.",
            [("Joko Widodo", "Presiden")],
        ),
        # a foreign official: the country belongs to the title
        (
            "Perdana Menteri Malaysia Anwar Ibrahim tiba di Jakarta.",
            [("Anwar Ibrahim", "Perdana Menteri Malaysia")],
        ),
        (
            "Menteri Luar Negeri Arab Saudi Faisal bin Farhan bertemu mitranya.",
            [("Faisal bin Farhan", "Menteri Luar Negeri Arab Saudi")],
        ),
        # an English job title in a company
        (
            "Sementara itu Marketing Manager Plaza Senayan, Dewi Lestari, mengatakan toko tutup.",
            [("Dewi Lestari", "Marketing Manager Plaza Senayan")],
        ),
    ],
)
def test_officials_in_ordinary_news(text: str, expected: list[tuple[str, str]]) -> None:
    assert official_pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ketika dihubungi, juru bicara keluarga Budiman menyatakan rumah itu sudah dijual.",
        "Kuasa hukum korban Andi Saputra meminta polisi bergerak cepat.",
    ],
)
def test_a_name_after_whom_the_title_serves_is_not_its_holder(text: str) -> None:
    assert official_pairs(text) == []


def test_a_comma_makes_the_name_the_holder_again() -> None:
    assert official_pairs("Kuasa hukum korban, Andi Saputra, meminta polisi bergerak cepat.") == [
        ("Andi Saputra", "Kuasa hukum korban")
    ]


# -- a meeting that recalls an earlier pledge -------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Jelang Pilkada, Bupati Ingatkan Lagi Ikrar Netralitas ASN",
            "Bupati Contoh meminta ASN Pemkab Contoh kembali memegang teguh ikrar netralitas.\n"
            "Ia membacakan ulang butir ikrar yang dulu diucapkan, yaitu menjaga netralitas. "
            '"Ikrar itu masih berlaku," ujarnya.',
        ),
        (
            "Sekda Ingatkan ASN soal Ikrar Netralitas Tahun Lalu",
            "Sekda Contoh mengingatkan ASN agar kembali membaca ikrar netralitas yang diucapkan tahun lalu.\n"
            '"Ikrar itu tidak kedaluwarsa," katanya dalam rapat koordinasi.',
        ),
    ],
)
def test_a_recalled_pledge_is_neutrality_news_not_a_pledge(title: str, body: str) -> None:
    from kabar.extract.facts.topic import classify

    assert classify(body, title).topic == "neutrality"


def test_a_pledge_held_again_is_still_a_pledge() -> None:
    from kabar.extract.facts.topic import classify

    title = "ASN Pemkab Contoh Kembali Ikrar Netralitas Jelang Pilkada"
    body = (
        "Sebanyak 900 ASN Pemkab Contoh kembali mengucapkan ikrar netralitas di alun-alun, Senin (2/9/2024)."
    )
    assert classify(body, title).topic == "pledge"


# -- companies, hyphenated names, schools, two-word kecamatan ---------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Direktur PT Cahaya Timur Sentosa Rudi Hermawan mengatakan pabrik tutup.",
            [("Rudi Hermawan", "Direktur PT Cahaya Timur Sentosa")],
        ),
        (
            "Direktur PT Mekar Sari, Nur-Aini Pohan, menjelaskan rencana itu.",
            [("Nur-Aini Pohan", "Direktur PT Mekar Sari")],
        ),
        (
            "Kepala Desa Sukamaju Abdul-Karim Nasution mengatakan warga antusias.",
            [("Abdul-Karim Nasution", "Kepala Desa Sukamaju")],
        ),
        (
            "Kepala SMA Negeri 2 Bogor Hendra Wijaya membuka acara.",
            [("Hendra Wijaya", "Kepala SMA Negeri 2 Bogor")],
        ),
        ("Camat Medan Johor Rahmat Hidayat membuka acara.", [("Rahmat Hidayat", "Camat Medan Johor")]),
    ],
)
def test_officials_of_companies_schools_and_districts(text: str, expected: list[tuple[str, str]]) -> None:
    assert official_pairs(text) == expected


def test_a_hyphen_before_digits_is_no_name() -> None:
    assert official_pairs("Pelatih Timnas U-23 itu mengatakan timnya siap.") == []


def test_numbered_points_after_a_colon_in_a_quote_following_the_pledge() -> None:
    from kabar.extract.facts.pledges import find_pledge_points

    text = (
        "Deklarasi netralitas dipimpin Sekda Contoh.\n"
        '"Kami ASN Pemkab Contoh menyatakan: satu, bersikap netral dalam pemilu; dua, tidak menghadiri '
        'kampanye peserta pemilu; tiga, tidak memakai mobil dinas untuk kegiatan politik," ucap Sekda.'
    )
    assert [p for p, _, _ in find_pledge_points(text)] == [
        "bersikap netral dalam pemilu",
        "tidak menghadiri kampanye peserta pemilu",
        "tidak memakai mobil dinas untuk kegiatan politik",
    ]


def test_a_lower_case_group_leader_named_in_commas() -> None:
    assert official_pairs('"Alatnya ringan," kata ketua tim, Rina Kartika Sari kepada wartawan.') == [
        ("Rina Kartika Sari", "ketua tim")
    ]
    assert official_pairs("Menurut ketua panitia, Dedi Suryadi, acara lancar.") == [
        ("Dedi Suryadi", "ketua panitia")
    ]
    assert official_pairs("Ketua tim, yang juga dosen, menjelaskan alat itu.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit listing its fields with commas and "dan", then the name
        (
            "Kepala Biro Perencanaan, Keuangan, dan Kerja Sama BKN Hadi Wibowo mengatakan hal itu.",
            [("Hadi Wibowo", "Kepala Biro Perencanaan, Keuangan, dan Kerja Sama Badan Kepegawaian Negara")],
        ),
        # a division named by its task, then the body and the name
        (
            "Koordinator Divisi Penanganan Pelanggaran Bawaslu Sleman Dewi Anggraini menambahkan.",
            [("Dewi Anggraini", "Koordinator Divisi Penanganan Pelanggaran Bawaslu Sleman")],
        ),
        # Yogyakarta's district head
        ("Panewu Playen, Sigit Pramono, mengaku siap.", [("Sigit Pramono", "Panewu Playen")]),
    ],
)
def test_officials_of_listed_units_and_regional_titles(text: str, expected: list[tuple[str, str]]) -> None:
    assert official_pairs(text) == expected


def test_a_regulation_number_is_not_a_name() -> None:
    assert official_pairs("Hal itu sesuai Surat Edaran Menteri PANRB Nomor 1 Tahun 2023.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kanselir Austria Karl Nehammer tiba di Jakarta.", [("Karl Nehammer", "Kanselir Austria")]),
        (
            "Menteri Pertahanan Jepang Minoru Kihara mengatakan.",
            [("Minoru Kihara", "Menteri Pertahanan Jepang")],
        ),
        (
            "Kepala Puskesmas Kecamatan Koja dr. Rina Marlina mengatakan.",
            [("Rina Marlina", "Kepala Puskesmas Kecamatan Koja")],
        ),
        (
            "Anggota Komisi II DPR RI dari Fraksi Golkar Ahmad Fauzi menyampaikan hal itu.",
            [("Ahmad Fauzi", "Anggota Komisi II DPR RI dari Fraksi Golkar")],
        ),
        (
            "Rektor Telkom University Suyanto Wibowo mengatakan.",
            [("Suyanto Wibowo", "Rektor Telkom University")],
        ),
    ],
)
def test_foreign_medical_party_and_campus_titles(text: str, expected: list[tuple[str, str]]) -> None:
    assert official_pairs(text) == expected


def test_a_title_with_its_area_is_no_person_where_the_text_names_the_area() -> None:
    text = 'Hadir Camat Lembang, Asep Sunarya, di Kecamatan Lembang. "Jaga netralitas," tegas Camat Lembang.'
    assert official_pairs(text) == [("Asep Sunarya", "Camat Lembang")]
