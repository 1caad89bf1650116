"""The Berita Jakarta module on the three real mobile pages in ../shared and on old markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from kabar.extract.page import extract_page

# page: (reporter, editor, published_at, section), read off the saved pages by hand
REAL = {
    "sibermu_dki_kjp_plus_m.html": (
        "Aldi Geri Lumban Tobing",
        "Andry",
        "2022-02-14T11:49:00+07:00",
        "Pendidikan",
    ),
    "sibermu_dki_puskesmas_rehab_m.html": (
        "Nurito",
        "Widodo Bogiarto",
        "2015-11-10T20:49:00+07:00",
        "Pembangunan",
    ),
    "sibermu_transjakarta_subsidi_pso_m.html": (
        "Aldi Geri Lumban Tobing",
        "Erikyanri Maulana",
        "2025-02-06T14:50:00+07:00",
        "Transportasi",
    ),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_mobile_pages(shared_dir: Path, name: str) -> None:
    author, editor, published, section = REAL[name]
    record = extract_page((shared_dir / "realhtml" / "beritajakarta" / name).read_bytes(), facts=False)
    assert record["extraction"] == "site:beritajakarta" and record["error"] is None
    assert record["authors"] == [author] and record["editors"] == [editor]
    assert record["published_at"] == published and record["section"] == section
    for noise in ("Reporter", "Editor :", "Beritajakarta.id", "access_time", "Berita Terkait", "Bagikan"):
        assert noise not in record["text"]


def test_pull_quote_and_read_also_link_are_dropped(shared_dir: Path) -> None:
    page = shared_dir / "realhtml" / "beritajakarta" / "sibermu_dki_kjp_plus_m.html"
    record = extract_page(page.read_bytes(), facts=False)
    paragraphs = record["text"].split("\n")
    assert not any(p.startswith("Data DTKS yang kami terima") for p in paragraphs)  # the pull-quote
    assert "Dinas Pendidikan Percepat Pencairan KJP Plus Tahap II" not in record["text"]  # a.read-also
    assert paragraphs[0].startswith("Pemerintah Provinsi (Pemprov) DKI Jakarta")


def test_old_nested_paragraph_markup() -> None:
    html = """<html><head><link rel="canonical" href="https://www.beritajakarta.id/read/2/lama"></head>
    <body><div class="news-read"><div class="content"><h1>Judul Lama</h1>
    <div class="content-info">
    <span><i class="material-icons">access_time</i> Selasa, 10 November 2015 20:49 WIB</span>
    <span><i class="material-icons">person</i> Reporter : Nurito</span>
    <span><i class="material-icons">person</i> Editor : Widodo Bogiarto</span></div>
    <div class="content-body">
    <p class="text-justify"><p>Paragraf pertama dari berita lama yang bersarang.</p></p>
    <p class="text-justify">Paragraf kedua dari berita lama.</p></div></div></div></body></html>"""
    record = extract_page(html, facts=False)
    assert record["text"].split("\n") == [
        "Paragraf pertama dari berita lama yang bersarang.",
        "Paragraf kedua dari berita lama.",
    ]
    assert record["authors"] == ["Nurito"] and record["published_at"] == "2015-11-10T20:49:00+07:00"
