"""Officials: title + name in the forms Indonesian news writes them, titles expanded."""

from __future__ import annotations

import pytest
from officials_helpers import official_pairs

from kabar.extract.facts import extract_facts
from kabar.extract.facts.officials import find_officials


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        # Title, Name
        (
            "Hal itu disampaikan Bupati Karawang, Aep Syaepuloh, saat apel pagi.",
            "Aep Syaepuloh",
            "Bupati Karawang",
        ),
        # kata Title, Name
        (
            '"ASN harus netral," kata Pj Wali Kota Bekasi, Raden Gani Muhammad, Senin.',
            "Raden Gani Muhammad",
            "Penjabat Wali Kota Bekasi",
        ),
        # Title Name, no comma, unknown place after "Kantor Imigrasi"
        (
            "Apel dipimpin Kepala Kantor Imigrasi Pemalang Dwi Santoso Wibowo dan diikuti pegawai.",
            "Dwi Santoso Wibowo",
            "Kepala Kantor Imigrasi Pemalang",
        ),
        # Name, Title
        (
            "Siti Aminah, Camat Tambora, menegaskan pegawainya tidak boleh berkampanye.",
            "Siti Aminah",
            "Camat Tambora",
        ),
        # Name selaku Title
        (
            "Ikrar dibacakan Heru Susanto selaku Sekda Kota Tangerang.",
            "Heru Susanto",
            "Sekretaris Daerah Kota Tangerang",
        ),
        # abbreviation in brackets and region abbreviation
        (
            "Pelaksana Tugas (Plt) Kepala Dinas Pendidikan Jaktim, Rina Marlina, hadir.",
            "Rina Marlina",
            "Pelaksana Tugas Kepala Dinas Pendidikan Jakarta Timur",
        ),
        (
            "Anggota Bawaslu Jabar Zaky Hilmi mengatakan pengawasan diperketat.",
            "Zaky Hilmi",
            "Anggota Bawaslu Jawa Barat",
        ),
        # honorific dropped
        ("Gubernur Banten, H. Andra Soni, membuka acara.", "Andra Soni", "Gubernur Banten"),
        (
            "Kasudin Kominfotik Jakbar, Dedi Kurniawan menyebut ada 20 peserta.",
            "Dedi Kurniawan",
            "Kepala Suku Dinas Kominfotik Jakarta Barat",
        ),
    ],
)
def test_title_and_name_forms(sentence, name, title):
    pairs = official_pairs(sentence)
    assert (name, title) in pairs, pairs


def test_quoted_resident_is_not_an_official():
    text = (
        "Wali Kota Depok, Mohammad Idris, meminta ASN netral.\n"
        'Seorang warga, Budi Santoso, mengaku senang. "Pelayanan jadi adil," kata Budi.\n'
        "Guru SMAN 3 Depok, Ratna Sari, juga setuju."
    )
    names = [n for n, _ in official_pairs(text)]
    assert names == ["Mohammad Idris"]


def test_names_never_hold_day_month_or_kantor():
    text = "Apel dipimpin Kepala Kantor Imigrasi Bogor, Senin (2/10). Hadir Camat Bogor Barat Kamis pagi."
    for name, _ in official_pairs(text):
        assert not {"Senin", "Kamis", "Kantor", "Oktober"} & set(name.split())


def test_same_person_merged_with_longest_title():
    text = (
        "Wali Kota Jaktim, Muhammad Anwar, memimpin apel.\n"
        "Wali Kota Administrasi Jakarta Timur Muhammad Anwar kemudian menandatangani pakta."
    )
    officials = find_officials(text, use_ner=False)
    assert len(officials) == 1
    assert officials[0].title == "Wali Kota Administrasi Jakarta Timur"


def test_main_official_first_and_institution_from_title():
    text = (
        "WARTAKOTALIVE.COM, BEKASI -- Sebanyak 900 ASN Pemkab Bekasi mengikuti ikrar netralitas, "
        "Rabu (4/10/2023).\n"
        "Ikrar dipimpin Penjabat (Pj) Bupati Bekasi, Dani Ramdan.\n"
        "Sebelumnya, Ketua Bawaslu Kabupaten Bekasi, Akbar Khadafi, mengingatkan sanksi bagi ASN."
    )
    facts = extract_facts(text, published_at=None, use_ner=False)
    assert facts["official"]["name"] == "Dani Ramdan"
    assert facts["official"]["title"] == "Penjabat Bupati Bekasi"
    assert facts["official"]["institution"] == "Pemerintah Kabupaten Bekasi"
    assert [o["name"] for o in facts["officials"]] == ["Dani Ramdan", "Akbar Khadafi"]
    start, end = facts["official"]["start"], facts["official"]["end"]
    assert "Dani Ramdan" in text[start:end]


def test_headline_lines_give_no_officials():
    text = "Hadiri Pelantikan Pengurus Forum Pesantren, Ini Harapan Pj Bupati Bekasi Mata Kering Bisa Sakit"
    assert official_pairs(text) == []


def test_ner_fallback_absent_model_is_harmless():
    # use_ner=True must work whether or not the NER model is installed
    facts = extract_facts("Kepala Dinas Kesehatan memimpin apel.", published_at=None, use_ner=True)
    assert set(facts) >= {"official", "officials"}


def test_bracketed_abbreviation_between_titles():
    pairs = official_pairs("Ikrar dipimpin Penjabat (Pj) Gubernur Jateng Nana Sudjana di Lapangan Pancasila.")
    assert pairs == [("Nana Sudjana", "Penjabat Gubernur Jawa Tengah")]


def test_unit_named_in_full_in_text_is_the_officials_institution():
    text = (
        "Seluruh pegawai Kantor Imigrasi Kelas I TPI Bandung mengikuti ikrar netralitas yang dipimpin "
        "Kepala Kanim Bandung Dodi Karnida, Selasa (14/11/2023)."
    )
    facts = extract_facts(text, published_at=None, use_ner=False)
    assert facts["official"]["title"] == "Kepala Kantor Imigrasi Bandung"
    assert facts["official"]["institution"] == "Kantor Imigrasi Kelas I TPI Bandung"
    assert facts["institution"]["name"] == "Kantor Imigrasi Kelas I TPI Bandung"
    assert facts["institution"]["short"] == "Kanim Bandung"


def test_ner_fills_a_name_the_rules_cannot_read(monkeypatch):
    import kabar.extract.ner  # noqa: F401  (loads the submodule)
    from kabar import extract

    text = "Wali Kota Bekasi (nonaktif) Rahmat Effendi hadir dalam sidang."
    start = text.index("Rahmat")
    assert official_pairs(text) == []  # the bracketed remark breaks the rules' reading
    monkeypatch.setattr(
        extract.ner, "person_spans", lambda t: [(start, start + len("Rahmat Effendi"), "PER")]
    )
    officials = find_officials(text, use_ner=True)
    assert [(o.name, o.title) for o in officials] == [("Rahmat Effendi", "Wali Kota Bekasi")]
    # and never when NER is off
    assert find_officials(text, use_ner=False) == []


def test_ner_failure_falls_back_to_rules(monkeypatch):
    import kabar.extract.ner  # noqa: F401  (loads the submodule)
    from kabar import extract

    def broken(text):
        raise RuntimeError("model missing")

    monkeypatch.setattr(extract.ner, "person_spans", broken)
    text = "Bupati Bogor, Iwan Setiawan, memimpin apel. Wali Kota Bekasi (nonaktif) Rahmat Effendi hadir."
    assert [(o.name, o.title) for o in find_officials(text, use_ner=True)] == [
        ("Iwan Setiawan", "Bupati Bogor")
    ]


def test_rank_before_name_is_dropped_and_starts_the_name():
    pairs = official_pairs("Apel turut dihadiri Kapolres Metro Bekasi Kota Kombes Pol Hengki Haryadi.")
    assert pairs == [("Hengki Haryadi", "Kepala Kepolisian Resor Metro Bekasi Kota")]


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Hal itu dikatakan Camat Cilincing M. Yusuf S.Sos saat apel.", ("M. Yusuf", "Camat Cilincing")),
        ("Wakil Presiden Ma'ruf Amin meminta ASN netral.", ("Ma'ruf Amin", "Wakil Presiden")),
        (
            "kata Kadis Dukcapil DKI Budi Awaluddin.",
            ("Budi Awaluddin", "Kepala Dinas Kependudukan dan Pencatatan Sipil DKI Jakarta"),
        ),
        ("Wali Kota Sawahlunto Deri Asta memimpin apel.", ("Deri Asta", "Wali Kota Sawahlunto")),
    ],
)
def test_degrees_places_and_heads_without_a_place(sentence, pair):
    assert official_pairs(sentence) == [pair]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Hal itu disampaikan Budi Santoso, yang juga Ketua DPRD Kendal, kemarin.", "Budi Santoso",
         "Ketua Dewan Perwakilan Rakyat Daerah Kendal"),
        ("Menurut Siti Aminah yang merupakan Kepala Dinas Pendidikan Kendal, sekolah aman.", "Siti Aminah",
         "Kepala Dinas Pendidikan Kendal"),
        ("Penjabat (Pj) Wali Kota Kupang, Nusa Tenggara Timur (NTT), Fransiskus Xaverius Lado memimpin.",
         "Fransiskus Xaverius Lado", "Penjabat Wali Kota Kupang"),
        ("Kapolres Kendal AKBP Budi Santoso, S.I.K., M.H. memimpin apel.", "Budi Santoso",
         "Kepala Kepolisian Resor Kendal"),
        ("Komandan Kodim (Dandim) 0611/Garut Letkol Inf Rio Anggara Putra memimpin.", "Rio Anggara Putra",
         "Komandan Komando Distrik Militer 0611/Garut"),
        ("Naskah dibacakan Wakapolres Lombok Timur Kompol I Made Sujana, S.H., lalu.", "I Made Sujana",
         "Wakil Kepala Kepolisian Resor Lombok Timur"),
        ("Camat Praya Barat Lalu Muhammad Zainul Hakim memimpin ikrar.", "Lalu Muhammad Zainul Hakim",
         "Camat Praya Barat"),
        ("Rapat dipimpin Sekretaris Daerah Banyuwangi, Ir. Mujiono Harsoyo, M.Si., dan diikuti kepala OPD.",
         "Mujiono Harsoyo", "Sekretaris Daerah Banyuwangi"),
    ],
)  # fmt: skip
def test_names_with_ranks_degrees_places_and_links(text, name, title):
    from kabar.extract.facts.officials import find_officials

    (official,) = find_officials(text, use_ner=False)
    assert (official.name, official.title) == (name, title)


@pytest.mark.parametrize(
    "text",
    [
        "Lurah Kebon Kacang meninjau posyandu bersama kader PKK.",
        "Lurah Pluit mengatakan warga diminta waspada banjir.",
        "Warga yang juga Ketua RT setempat hadir.",
        "Sebanyak 1.050 kepala SMA, SMK, dan SLB negeri hadir.",
    ],
)
def test_places_nouns_and_acronyms_are_never_names(text):
    from kabar.extract.facts.officials import find_officials

    assert find_officials(text, use_ner=False) == []
