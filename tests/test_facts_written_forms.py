"""Written forms the rules once missed on blind held-out pages, checked with new sentences
(names and places here appear in no fixture): long comma-listed titles, degrees around a name,
title abbreviations, open-vocabulary figures, text-defined abbreviations, regional offices,
list items joined by "dan", "siap ..." points and a time of day before a short date."""

from __future__ import annotations

from datetime import datetime

from kabar.extract.facts import extract_facts
from kabar.extract.facts.figures import find_figures
from kabar.extract.facts.institutions import find_institutions
from kabar.extract.facts.officials import find_officials
from kabar.extract.facts.pledges import find_pledge_points


def _officials(text: str) -> dict[str, str]:
    return {o.name: o.title for o in find_officials(text, use_ner=False)}


def test_title_first_with_a_comma_listed_unit_and_a_comma_before_the_name():
    text = (
        "Hadir pula Koordinator Divisi Hukum, Data, dan Informasi Bawaslu Kabupaten Garut, "
        "Lina Marlina. Ia meminta camat mengawasi pegawainya."
    )
    title = "Koordinator Divisi Hukum, Data, dan Informasi Bawaslu Kabupaten Garut"
    assert _officials(text) == {"Lina Marlina": title}


def test_title_comma_name_without_a_second_comma():
    text = "Direktur RSUD Cibabat, Ratih Kusumawardani menuturkan, pegawai rumah sakit tidak berkampanye."
    assert _officials(text) == {"Ratih Kusumawardani": "Direktur Rumah Sakit Umum Daerah Cibabat"}


def test_name_between_degrees_after_a_subheading_ending_in_an_acronym():
    text = (
        "Diawasi BKD\nKepala Badan Kepegawaian Daerah (BKD) Kabupaten Sumedang, Drs. Wawan Setiawan, "
        "M.Si., mengatakan laporan akan diperiksa."
    )
    assert _officials(text) == {"Wawan Setiawan": "Kepala Badan Kepegawaian Daerah Kabupaten Sumedang"}


def test_police_and_secretariat_title_abbreviations_are_expanded():
    text = (
        "Kapolres Metro Bekasi Kota Kombes Pol Dani Hamdani hadir. Yuni Astuti selaku Asisten "
        "Pemerintahan dan Kesra Setda Kabupaten Kuningan menambahkan, apel digelar serentak."
    )
    titles = _officials(text)
    assert titles["Dani Hamdani"] == "Kepala Kepolisian Resor Metro Bekasi Kota"
    assert titles["Yuni Astuti"] == (
        "Asisten Pemerintahan dan Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Kuningan"
    )


def test_counted_places_and_things_are_figures_but_years_and_durations_are_not():
    text = (
        "Pemilih tersebar di 31 kecamatan dan 412 desa/kelurahan dengan 2.905 tempat pemungutan suara "
        "(TPS). Petugas menurunkan 1.275 spanduk kampanye yang melanggar aturan sepanjang 2023. "
        "Rekomendasi ditindaklanjuti paling lambat 14 hari, kata Sari (41)."
    )
    got = {(f["value"], f["unit"]) for f in find_figures(text)}
    assert got == {(31, "kecamatan"), (412, "desa/kelurahan"), (2905, "TPS"), (1275, "spanduk kampanye")}


def test_a_thousands_dot_never_cuts_a_figures_context():
    text = "Sebanyak 2.718 warga binaan akan memilih di 9 TPS khusus pada hari pemungutan suara."
    figures = {f["unit"]: f for f in find_figures(text)}
    assert figures["TPS khusus"]["value"] == 9
    assert "2.718 warga binaan" in figures["TPS khusus"]["context"]
    assert figures["warga binaan"]["value"] == 2718


def test_numbers_in_a_listicle_subheading_are_not_figures():
    text = "4 alasan pegawai wajib netral\nKepala dinas menjelaskan alasannya kepada 250 pegawai."
    assert {(f["value"], f["unit"]) for f in find_figures(text)} == {(250, "pegawai")}


def test_a_full_name_with_a_bracketed_abbreviation_defines_the_abbreviation():
    text = (
        "Badan Pengawas Pemilihan Umum (Bawaslu) Provinsi Lampung menerima laporan. Komisi Aparatur "
        "Sipil Negara (KASN) meminta data. Kemudian Bawaslu Lampung dan KASN bertemu."
    )
    names = {m.text: m.name for m in find_institutions(text)}
    assert names["Bawaslu Lampung"] == "Badan Pengawas Pemilihan Umum Provinsi Lampung"
    assert names["KASN"] == "Komisi Aparatur Sipil Negara"


def test_regional_ministry_office_keeps_its_region_and_short_form_as_written():
    text = (
        "Seluruh ASN Kantor Kementerian Agama (Kemenag) Kabupaten Tegal mengikuti ikrar netralitas "
        "di halaman Kantor Kemenag Tegal, Senin (6/11/2023). Kepala Kantor Kementerian Agama "
        "Kabupaten Tegal, Ahmad Fauzan, memimpin apel."
    )
    facts = extract_facts(text, published_at=datetime(2023, 11, 6, 12), use_ner=False)
    assert facts["institution"]["name"] == "Kantor Kementerian Agama Kabupaten Tegal"
    assert facts["institution"]["short"] in {"Kantor Kemenag Tegal", "Kemenag Kabupaten Tegal"}


def test_a_building_is_never_an_alias():
    text = (
        "ASN Pemerintah Kota (Pemkot) Cimahi mengikuti apel netralitas Pemilu 2024 "
        "di halaman Gedung Pusat Pemerintahan Kota "
        "Cimahi, Rabu (4/10/2023). Wali Kota Cimahi, Ngatiyana, memimpin apel di Balai Kota Cimahi."
    )
    facts = extract_facts(text, published_at=datetime(2023, 10, 4, 12), use_ner=False)
    aliases = facts["institution"]["aliases"]
    assert facts["institution"]["short"] == "Pemkot Cimahi"
    assert not any(a.startswith(("Pemerintahan", "Balai")) for a in aliases)


def test_dan_inside_a_numbered_item_does_not_split_it_and_siap_is_kept():
    text = (
        "Isi ikrar ASN Pemkab Sleman: 1) menjaga netralitas dan tidak memihak kepada calon mana pun; "
        "2) tidak memasang atribut partai; dan 3) siap menerima sanksi apabila melanggar ikrar ini."
    )
    points = [p for p, _, _ in find_pledge_points(text)]
    assert points == [
        "menjaga netralitas dan tidak memihak kepada calon mana pun",
        "tidak memasang atribut partai",
        "siap menerima sanksi apabila melanggar ikrar ini",
    ]


def test_time_of_day_between_weekday_and_short_date():
    text = (
        "Ikrar dibacakan di halaman kantor kecamatan pada Jumat sore (10/11/2023). Camat Lembang, "
        "Dodi Irawan, memimpin."
    )
    facts = extract_facts(text, published_at=datetime(2023, 11, 10, 20), use_ner=False)
    assert facts["event"]["date"] == "2023-11-10"
    assert facts["event"]["date_text"].startswith("Jumat sore (10/11/2023)")


def test_regional_agency_abbreviations_name_the_agency_with_its_region():
    text = "Kepala BPBD Kabupaten Ciamis, Nana Suryana, hadir. Disdukcapil Kota Banjar membuka layanan."
    names = {m.text: m.name for m in find_institutions(text)}
    assert names["BPBD Kabupaten Ciamis"] == "Badan Penanggulangan Bencana Daerah Kabupaten Ciamis"
    assert names["Disdukcapil Kota Banjar"] == "Dinas Kependudukan dan Pencatatan Sipil Kota Banjar"
    assert _officials(text) == {"Nana Suryana": "Kepala Badan Penanggulangan Bencana Daerah Kabupaten Ciamis"}


def test_open_vocabulary_units_stop_at_adverbs_clock_times_and_articles():
    text = (
        "Dari semula 320 bus kini hanya 210 bus yang beroperasi. Acara usai pukul setengah 6 pagi. "
        "Ia dijerat Pasal 12 atau 5 ayat (2)."
    )
    got = {(f["value"], f["unit"]) for f in find_figures(text)}
    assert got == {(320, "bus"), (210, "bus")}
