"""Figures: counts with their unit and clause; years, dates, regulations, list numbers are not."""

from __future__ import annotations

import pytest

from kabar.extract.facts.figures import find_figures, parse_number


def _values(text: str) -> list[tuple[float, str]]:
    return [(f["value"], f["unit"]) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("raw", "value"), [("1.398", 1398), ("12.500.000", 12500000), ("1,5", 1.5), ("80", 80), ("2.077", 2077)]
)
def test_indonesian_number_format(raw, value):
    assert parse_number(raw) == value


def test_counts_with_units_and_separators():
    text = (
        "Bawaslu mencatat 2.077 dugaan pelanggaran netralitas, sementara Sebanyak 312 ASN dilaporkan ke BKN. "
        "Dari jumlah itu, 1,5 ribu pegawai sudah diklarifikasi."
    )
    assert _values(text) == [(2077, "dugaan pelanggaran"), (312, "ASN"), (1500, "pegawai")]


def test_classifier_before_unit_and_multiword_unit():
    assert _values("Ada 450 personel ASN yang diperiksa.") == [(450, "ASN")]
    assert _values("Sekitar 700 aparatur sipil negara (ASN) hadir.") == [(700, "ASN")]
    assert _values("Sebanyak 35 orang dilaporkan.") == [(35, "orang")]


def test_money_is_rupiah():
    assert _values("Anggaran pengawasan Rp2,5 miliar disiapkan.") == [(2_500_000_000, "rupiah")]


def test_not_figures():
    text = (
        "Sesuai PP Nomor 94 Tahun 2021 dan UU No 20 tahun 2023, Pemilu 2024 digelar 14 Februari 2024. "
        "1. ASN harus netral. Hubungi 0812-3456-7890 atau pasal 9 ayat 2. Peringatan HUT ke-78."
    )
    assert _values(text) == []


def test_back_reference_not_counted_twice():
    text = "Ada 36 laporan masuk. Dari 36 laporan tersebut, 21 laporan diteruskan ke BKN."
    assert _values(text) == [(36, "laporan"), (21, "laporan")]


def test_context_and_offsets():
    text = (
        "Menurut data BKN, sebanyak 183 laporan dugaan pelanggaran diterima hingga Januari. Lainnya ditolak."
    )
    (figure,) = find_figures(text)
    assert text[figure["start"] : figure["end"]] == figure["text"] == "183 laporan"
    assert "183 laporan dugaan pelanggaran diterima" in figure["context"]
    assert "Lainnya" not in figure["context"]
