"""Officials in ordinary news: the written forms real outlets use beyond the pledge genre.

Each sentence is written for the test (not copied from a page) and stands for a class: a short
name in brackets, initials in capitals, degrees and ranks around a name, countries and a
company's own name inside the title, minister abbreviations, a title after a saying verb, a
possessor after a field title, hyphenated field words.
"""

from __future__ import annotations

import pytest
from officials_helpers import official_pairs

from kabar.extract.facts.officials import find_officials


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a short name in brackets after the name; the later "Title Alias" is the same person
        (
            "Wakil Gubernur Banten Andika Hazrumy (Aa) meresmikan pasar. "
            "Kata Wakil Gubernur Aa, pasar rampung.",
            [("Andika Hazrumy", "Wakil Gubernur Banten")],
        ),
        (
            "Ketua Umum Partai Hanura Oesman Sapta Odang (OSO) menghadiri rapat itu.",
            [("Oesman Sapta Odang", "Ketua Umum Partai Hanura")],
        ),
        # initials in capitals inside a name, degrees without dots stay out of it
        (
            "Menko Perekonomian Darmin MS Nasution membuka rapat.",
            [("Darmin MS Nasution", "Menteri Koordinator Perekonomian")],
        ),
        ("Ketua Bawaslu Abhan Misbah SH menegaskan aturan itu.", [("Abhan Misbah", "Ketua Bawaslu")]),
        # police degrees after a name ("SIK MH") are no initials
        (
            "Kapolres Cianjur AKBP Doni Hermawan SIK MH memimpin apel.",
            [("Doni Hermawan", "Kepala Kepolisian Resor Cianjur")],
        ),
        # degrees after a name and ranks before it in "N, T"
        (
            '"Semua siap," kata Rudi Hartanto, S.Sos, M.Si, Kepala Bidang Humas Polres Cianjur.',
            [("Rudi Hartanto", "Kepala Bidang Humas Kepolisian Resor Cianjur")],
        ),
        (
            "Hal itu dijelaskan Mayor Adm Teguh Waluyo, Kepala Dinas Personel Lanud Supadio.",
            [("Teguh Waluyo", "Kepala Dinas Personel Pangkalan TNI Angkatan Udara Supadio")],
        ),
        # a numbered school and its place belong to the title
        (
            "Kepala SMPN 4 Ciawi Hj. Nurlela Sari mengatakan ujian lancar.",
            [("Nurlela Sari", "Kepala SMPN 4 Ciawi")],
        ),
        # a country after the title
        (
            "Perdana Menteri Selandia Baru Jacinda Ardern berkunjung.",
            [("Jacinda Ardern", "Perdana Menteri Selandia Baru")],
        ),
        # countries as the press writes them, not as CLDR does ("China", not only "Tiongkok")
        (
            "Juru bicara Kementerian Luar Negeri China Wang Wenbin membantah laporan itu.",
            [("Wang Wenbin", "Juru bicara Kementerian Luar Negeri China")],
        ),
        ("Perdana Menteri Inggris Boris Johnson tiba.", [("Boris Johnson", "Perdana Menteri Inggris")]),
        # a country after a title that needs a unit; a hyphenated name word
        (
            "Pemimpin Korea Utara Kim Jong Un menerima surat itu.",
            [("Kim Jong Un", "Pemimpin Korea Utara")],
        ),
        (
            "Presiden Korea Selatan Yoon Suk-yeol tiba di Jakarta.",
            [("Yoon Suk-yeol", "Presiden Korea Selatan")],
        ),
        # the company's, council's or faculty's own name after PT, Dewan, Fakultas
        (
            "Dirut PT Garuda Indonesia Irfan Setiaputra menjelaskan rute baru.",
            [("Irfan Setiaputra", "Direktur Utama PT Garuda Indonesia")],
        ),
        (
            "Ketua Dewan Masjid Indonesia Jusuf Kalla membuka muktamar.",
            [("Jusuf Kalla", "Ketua Dewan Masjid Indonesia")],
        ),
        # minister abbreviations and ministry fields
        ("Menhan Prabowo Subianto meninjau pabrik.", [("Prabowo Subianto", "Menteri Pertahanan")]),
        (
            "Menteri Pertahanan Ryamizard Ryacudu meninjau pabrik.",
            [("Ryamizard Ryacudu", "Menteri Pertahanan")],
        ),
        (
            "Wamen ESDM Hendra Wijayakusuma hadir.",
            [("Hendra Wijayakusuma", "Wakil Menteri Energi dan Sumber Daya Mineral")],
        ),
        # a lower-case title in commas after a saying verb
        (
            '"Kami terus mencoba," ujar ketua tim peneliti, Ratna Dewi Anggraini kepada wartawan.',
            [("Ratna Dewi Anggraini", "ketua tim peneliti")],
        ),
        # "oleh" introduces the person as a saying verb does; a lower-case word of the title
        (
            "Pasar itu diresmikan oleh kepala desa setempat, Wahyu Hidayat Nur.",
            [("Wahyu Hidayat Nur", "kepala desa setempat")],
        ),
        # an Arabic article inside an organisation's own name
        (
            "Ketua Yayasan Al Hikmah Muhammad Ridwan membuka acara.",
            [("Muhammad Ridwan", "Ketua Yayasan Al Hikmah")],
        ),
        # hyphenated field word; "yang merupakan" links the title to the name before it
        (
            "Adapun Tom Baxter yang merupakan pelatih set-piece Leeds tampak senang. Ia bangga.",
            [("Tom Baxter", "pelatih set-piece Leeds")],
        ),
        # full rank words (Jenderal Polisi, Marsekal Madya) are no name
        (
            "Kepala Basarnas Marsekal Madya TNI Henri Alfiandi meninjau lokasi.",
            [("Henri Alfiandi", "Kepala Basarnas")],
        ),
        # initials before a name in "N yang merupakan mantan T"; "menjadi" links a name to a title
        (
            "Pemeriksaan HM Prasetyo yang merupakan mantan Dirut Pelindo III berlangsung lama.",
            [("HM Prasetyo", "mantan Direktur Utama Pelindo III")],
        ),
        (
            "Sejak Maret, Agus Salim Harahap kini menjadi Kepala Dinas Sosial Kota Medan.",
            [("Agus Salim Harahap", "Kepala Dinas Sosial Kota Medan")],
        ),
        # a unit that lists its fields, closed by its abbreviation
        (
            "Kepala Badan Riset, Inovasi, dan Teknologi (BRIT) Sari Handayani membuka pameran.",
            [("Sari Handayani", "Kepala Badan Riset, Inovasi, dan Teknologi")],
        ),
        # an institution written before its province: the name after it is the person's whole name
        (
            "Kepala Dinas Sosial Sumatera Utara Rudi Hartono Siregar meninjau dapur umum.",
            [("Rudi Hartono Siregar", "Kepala Dinas Sosial Sumatera Utara")],
        ),
        # Roman numbers of DPR commissions, committees, representative offices
        (
            "Ketua Komisi IX DPR Felly Estelita Runtuwene memimpin rapat.",
            [("Felly Estelita Runtuwene", "Ketua Komisi IX DPR")],
        ),
        # the age in brackets between a name and its title
        (
            "Menurut Warsini (48), Ketua Kelompok Wanita Tani Melati, panen tahun ini naik.",
            [("Warsini", "Ketua Kelompok Wanita Tani Melati")],
        ),
        # the same person named by one word later is merged into the full name
        (
            "Kapolsek Ciomas AKP Yudi Rahmat Hidayat mengatakan pelaku kabur. Menurut Kapolsek Yudi, "
            "pelaku dua orang.",
            [("Yudi Rahmat Hidayat", "Kepala Kepolisian Sektor Ciomas")],
        ),
        # a second rank word ("Laksamana Pertama") and a navy corps letter in brackets
        (
            "Apel dipimpin Komandan Lanal Palu Laksamana Pertama TNI Rudi Gunawan Saputra, didampingi "
            "Wakil Komandan Lanal Palu Letkol Laut (P) Dedi Kurniawan.",
            [
                ("Rudi Gunawan Saputra", "Komandan Pangkalan TNI Angkatan Laut Palu"),
                ("Dedi Kurniawan", "Wakil Komandan Pangkalan TNI Angkatan Laut Palu"),
            ],
        ),
        # the short form of the title in brackets is no second official
        (
            "Komandan Kodim 0912/Kutai Barat (Dandim 0912/KBR) Letkol Inf Bayu Prasetya membuka apel.",
            [("Bayu Prasetya", "Komandan Komando Distrik Militer 0912/Kutai Barat")],
        ),
        # police posts
        (
            "Irwasda Polda Sulteng Kombes Pol Heru Santosa menambahkan, pengawasan ketat.",
            [("Heru Santosa", "Inspektur Pengawasan Daerah Kepolisian Daerah Sulawesi Tengah")],
        ),
        # "N (T)": the title in brackets after the name, as in lists of guests
        (
            "Rapat dihadiri Hendra Gunawan (Kepala Dinas Sosial) dan Rina Marlina (Camat Koja).",
            [("Hendra Gunawan", "Kepala Dinas Sosial"), ("Rina Marlina", "Camat Koja")],
        ),
        # a member's faction or party after "dari" belongs to the title
        (
            "Anggota Komisi VIII DPR dari Fraksi PKB Maman Imanulhaq menilai anggaran haji cukup.",
            [("Maman Imanulhaq", "Anggota Komisi VIII DPR dari Fraksi PKB")],
        ),
        # a lower-case title closing the sentence after "Name," is said of that name
        (
            '"Harga cabai naik," ujar Wawan Setiawan, ketua umum Perhimpunan Petani Cabai.',
            [("Wawan Setiawan", "ketua umum Perhimpunan Petani Cabai")],
        ),
        # "saat itu": who held the title then; a lower-case honorific marks a one-word name
        (
            "Bupati Sleman saat itu, Sri Purnomo, meresmikan pasar.",
            [("Sri Purnomo", "Bupati Sleman")],
        ),
        (
            "Kepala Puskesmas Ciomas drg. Lestari mengatakan vaksin cukup.",
            [("Lestari", "Kepala Puskesmas Ciomas")],
        ),
        # company and English roles
        ("Founder Ruangguru Belva Devara hadir.", [("Belva Devara", "Founder Ruangguru")]),
        ("Kanselir Austria Sebastian Kurz tiba.", [("Sebastian Kurz", "Kanselir Austria")]),
    ],
)
def test_real_news_forms(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert official_pairs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # the name after a field ending in a possessor noun owns the spokesperson or lawyer
        "Dihubungi terpisah, juru bicara keluarga Hartono menolak berkomentar.",
        "Menurut kuasa hukum korban Dewi Lestari, laporan sudah masuk.",
        # a bare "ketua" after a saying verb is no title
        '"Kami siap," kata ketua, Ahmad Fauzi.',
        # "dari" ends a field: the club after it is not a person
        "Ia sebelumnya menjadi pelatih kiper dari Borneo FC.",
        # one capitalised field of a unit's list is no name
        "Kepala Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) mengimbau warga waspada.",
        # a title inside the name of a regulation: "Nomor" is no person
        "Aturan itu merujuk Surat Edaran Menteri PANRB Nomor 2 Tahun 2022 tentang netralitas.",
        # a team name with an age group is no person
        "Pelatih Timnas Australia U-23 mengaku puas.",
        # a bracketed unit abbreviation with no name
        "Kepala Dinas Pendidikan Kota Bekasi (Disdik) mengatakan sekolah dibuka.",
    ],
)
def test_no_official(sentence: str) -> None:
    assert official_pairs(sentence) == []


def test_bracket_alias_kept() -> None:
    (official,) = find_officials("Wakil Presiden Jusuf Kalla (JK) membuka rapat itu.", use_ner=False)
    assert official.aliases == ["JK"]


def test_possessor_comma_names_the_lawyer() -> None:
    assert official_pairs("Menurut kuasa hukum korban, Hotman Sitorus, laporan sudah masuk.") == [
        ("Hotman Sitorus", "kuasa hukum korban")
    ]
