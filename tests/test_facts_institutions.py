"""Institutions: full names from abbreviations, short forms as written, the organiser chosen."""

from __future__ import annotations

import pytest

from kabar.extract.facts import extract_facts
from kabar.extract.facts.institutions import find_institutions, institution_in


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("Pemkot Jaktim", "Pemerintah Kota Administrasi Jakarta Timur"),
        ("Pemkot Jakbar", "Pemerintah Kota Administrasi Jakarta Barat"),
        ("Pemerintah Kota Jakarta Pusat", "Pemerintah Kota Administrasi Jakarta Pusat"),
        ("Pemkab Kepulauan Seribu", "Pemerintah Kabupaten Administrasi Kepulauan Seribu"),
        ("Pemkot Bogor", "Pemerintah Kota Bogor"),
        ("Pemprov Jateng", "Pemerintah Provinsi Jawa Tengah"),
        ("Kanwil Kemenkumham Sumut", "Kantor Wilayah Kementerian Hukum dan HAM Sumatera Utara"),
        ("Kantor Imigrasi Kelas II TPI Pemalang", "Kantor Imigrasi Kelas II TPI Pemalang"),
        ("Bawaslu Jatim", "Badan Pengawas Pemilu Provinsi Jawa Timur"),
        ("KPU Kota Depok", "Komisi Pemilihan Umum Kota Depok"),
    ],
)
def test_full_names(written, full):
    mentions = find_institutions(f"Apel digelar {written} pekan ini.")
    assert [m.name for m in mentions] == [full]


def test_bracketed_abbreviation_gives_short_form():
    text = "Pemerintah Kabupaten (Pemkab) Sleman menggelar apel."
    (mention,) = find_institutions(text)
    assert mention.name == "Pemerintah Kabupaten Sleman"
    assert mention.short_form == "Pemkab Sleman"
    assert text[mention.start : mention.end] == "Pemerintah Kabupaten (Pemkab) Sleman"


@pytest.mark.parametrize(
    ("title", "institution"),
    [
        ("Wali Kota Jakarta Utara", "Pemerintah Kota Administrasi Jakarta Utara"),
        ("Penjabat Bupati Bogor", "Pemerintah Kabupaten Bogor"),
        ("Kepala Kantor Imigrasi Cilacap", "Kantor Imigrasi Cilacap"),
        ("Camat Koja", "Kecamatan Koja"),
        ("Menteri Dalam Negeri", "Kementerian Dalam Negeri"),
    ],
)
def test_institution_of_a_title(title, institution):
    assert institution_in(title) == institution


def test_organiser_beats_referee_and_province():
    text = (
        "Ratusan ASN di lingkungan Pemprov DKI Jakarta dari Jakarta Barat mengikuti ikrar netralitas di "
        "halaman Kantor Wali Kota Jakbar, Selasa (26/9).\n"
        "Ikrar dipimpin Wali Kota Jakbar, Uus Kuswanto.\n"
        "Anggota Bawaslu DKI, Puadi, ikut memantau."
    )
    institution = extract_facts(text, published_at=None, title="ASN Pemkot Jakbar Ikrar Netral")[
        "institution"
    ]
    assert institution["name"] == "Pemerintah Kota Administrasi Jakarta Barat"
    assert institution["short"] == "Pemkot Jakbar"
    assert institution["kind"] == "pemkot"
    assert "Kantor Wali Kota Jakbar" not in institution["aliases"]  # a building, not a name
    assert text[institution["start"] : institution["end"]] == "Kantor Wali Kota Jakbar"


def test_no_institution():
    assert extract_facts("Warga diminta datang ke TPS.", published_at=None)["institution"] is None


@pytest.mark.parametrize(
    ("title", "institution"),
    [
        ("Sekretaris Daerah DKI Jakarta", "Pemerintah Provinsi DKI Jakarta"),
        ("Sekretaris Daerah Kota Bekasi", "Pemerintah Kota Bekasi"),
        (
            "Asisten Pemerintahan Sekretaris Kota Jakarta Selatan",
            "Pemerintah Kota Administrasi Jakarta Selatan",
        ),
        (
            "Kepala Suku Dinas Pendidikan Wilayah II Jakarta Utara",
            "Suku Dinas Pendidikan Wilayah II Jakarta Utara",
        ),
    ],
)
def test_secretaries_serve_their_regional_government(title, institution):
    assert institution_in(title) == institution


def test_city_hall_of_a_province_is_the_province():
    names = [m.name for m in find_institutions("Apel di Balai Kota DKI Jakarta.")]
    assert names == ["Pemerintah Provinsi DKI Jakarta"]


def test_headline_verb_is_not_part_of_a_name():
    (mention,) = find_institutions("Dinas Pendidikan Gelar Festival Literasi")
    assert mention.name == "Dinas Pendidikan"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("ASN Polres Bogor mengikuti apel.", "Kepolisian Resor Bogor", "polres"),
        ("Personel Kodim 0611/Garut hadir.", "Komando Distrik Militer 0611/Garut", "kodim"),
        ("Pegawai Rutan Kendal berikrar.", "Rumah Tahanan Negara Kendal", "rutan"),
        ("Perangkat Pemerintah Desa Sukamaju hadir.", "Pemerintah Desa Sukamaju", "desa"),
        ("Anggota Satpol PP Kota Bekasi hadir.", "Satuan Polisi Pamong Praja Kota Bekasi", "dinas"),
        ("Pimpinan DPRD Kabupaten Kendal hadir.", "Dewan Perwakilan Rakyat Daerah Kabupaten Kendal", "dprd"),
    ],
)
def test_police_military_village_and_local_bodies(text, name, kind):
    mention = find_institutions(text)[0]
    assert (mention.name, mention.kind) == (name, kind)
