"""Institution ids, canonical names, parents and Kemendagri region codes; person ids."""

from __future__ import annotations

import pytest

from kabar.extract.facts import regions
from kabar.extract.facts.identity import person_id, resolve_institution


def ident(name: str, kind: str, short: str | None = None, text: str = "") -> dict:
    return resolve_institution({"name": name, "short": short, "kind": kind}, regions.mentioned(text))


@pytest.mark.parametrize(
    ("forms", "kind", "expected_id", "region"),
    [
        (["Pemerintah Kota Administrasi Jakarta Utara", "Pemkot Jakut", "Pemkot Jakarta Utara"], "pemkot",
         "pemkot@31.72", "31.72"),
        (["Komisi Pemilihan Umum Provinsi DKI Jakarta", "KPU DKI", "KPU DKI Jakarta",
          "KPU Provinsi DKI Jakarta"], "kpu", "kpu@31", "31"),
        (["Pemerintah Kabupaten Administrasi Kepulauan Seribu", "Pemkab Kepulauan Seribu"], "pemkab",
         "pemkab@31.01", "31.01"),
        (["Pemerintah Kabupaten Bekasi", "Pemkab Bekasi"], "pemkab", "pemkab@32.16", "32.16"),
        (["Pemerintah Kota Bekasi", "Pemkot Bekasi"], "pemkot", "pemkot@32.75", "32.75"),
        (["Badan Pengawas Pemilu Kabupaten Bogor", "Badan Pengawas Pemilihan Umum Kabupaten Bogor",
          "Bawaslu Kabupaten Bogor"], "bawaslu", "bawaslu@32.01", "32.01"),
        (["Kantor Imigrasi Kelas I TPI Jakarta Timur", "Kantor Imigrasi Jakarta Timur"], "imigrasi",
         "imigrasi:kantor-imigrasi@31.75", "31.75"),
        (["Kantor Wilayah Kementerian Agama Provinsi DKI Jakarta",
          "Kantor Wilayah Kementerian Agama DKI Jakarta"], "kanwil",
         "kanwil:kantor-wilayah-kementerian-agama@31", "31"),
        (["Pemerintah Provinsi Jawa Tengah", "Pemprov Jateng"], "pemprov", "pemprov@33", "33"),
        (["Komisi Aparatur Sipil Negara"], "kasn", "kasn", None),
    ],
)  # fmt: skip
def test_written_forms_of_one_institution_share_its_id_and_region(forms, kind, expected_id, region):
    for form in forms:
        got = ident(form, kind)
        assert (got["id"], got["region_code"]) == (expected_id, region), form


def test_canonical_name_parent_and_province():
    got = ident("KPU DKI", "kpu")
    assert got["canonical"] == "Komisi Pemilihan Umum Provinsi Daerah Khusus Ibukota Jakarta"
    assert got["parent_id"] == "kpu" and got["province_name"] == "Daerah Khusus Ibukota Jakarta"
    bekasi = ident("Pemkab Bekasi", "pemkab")
    assert bekasi["canonical"] == "Pemerintah Kabupaten Bekasi" and bekasi["parent_id"] == "pemprov@32"
    assert bekasi["region_level"] == "kabupaten" and bekasi["regency_code"] == "32.16"
    cilincing = ident("Kecamatan Cilincing", "kecamatan", text="Camat Cilincing, Jakarta Utara")
    assert cilincing["id"] == "kecamatan@31.72.04" and cilincing["parent_id"] == "pemkot@31.72"
    dinas = ident("Dinas Kesehatan Provinsi DKI Jakarta", "dinas")
    assert dinas["id"] == "dinas:dinas-kesehatan@31" and dinas["parent_id"] == "pemprov@31"


def test_an_ambiguous_place_gets_only_what_its_candidates_share():
    # Bekasi is a kabupaten (32.16) and a kota (32.75): without a level word only the province is sure
    got = ident("Kantor Kementerian Agama Bekasi", "kemenag_daerah")
    assert got["region_code"] == "32" and got["region_level"] == "provinsi"


def test_a_place_word_that_is_no_region_at_the_end_of_a_name_is_ignored():
    assert ident("Lembaga Pemasyarakatan Kelas I Cipinang", "lapas")["region_code"] is None


def test_region_codes_come_from_the_code_list():
    assert regions.get("32.16").name == "Kabupaten Bekasi"
    assert regions.get("31.72.04").name == "Cilincing"
    region, span = regions.resolve("Pemerintah Kota Administrasi Jakarta Utara")
    assert region.code == "31.72" and span == (11, 42)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Juaini", "H. Juaini, S.Sos., M.Si.", "Drs. H. Juaini"], "per:juaini"),
        (["Muhammad Anwar", "Mochamad Anwar", "Mohammad Anwar, S.H."], "per:muhamad-anwar"),
        (["Soeharto", "Suharto"], "per:suharto"),
        (["Kombes Pol. Dr. Ahmad Yani", "AKBP Achmad Yani"], "per:ahmad-yani"),
    ],
)
def test_person_id_is_the_same_across_spellings_degrees_and_ranks(names, expected):
    assert {person_id(n) for n in names} == {expected}


def test_different_people_get_different_ids():
    assert person_id("Ratna Dewi") != person_id("Ratna Sari")
    assert person_id(None) is None and person_id("") is None


def test_a_local_body_whose_place_is_not_in_the_code_list_keeps_its_name_in_the_id():
    # never the bare kind, which would link unrelated events of two unknown kecamatan
    assert ident("Kecamatan Antah Berantah", "kecamatan")["id"] == "kecamatan:kecamatan-antah-berantah"
    assert ident("KPU Kota Antah", "kpu")["id"] == "kpu:kpu-kota-antah"
    assert ident("Komisi Pemilihan Umum", "kpu")["id"] == "kpu"  # the national body
