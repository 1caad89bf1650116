"""Event type and place, and the shape of ``extract_facts`` output."""

from __future__ import annotations

from datetime import datetime

import pytest

from kabar.extract.facts import extract_facts
from kabar.extract.record import EVENT_TYPES, empty_facts


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Pegawai Pemkot Bogor Ucapkan Ikrar Netralitas",
            "ASN Pemkot Bogor mengikrarkan netralitas, Senin (2/10).",
            "ikrar",
        ),
        (
            "Camat dan Lurah Teken Pakta Integritas",
            "Para camat menandatangani pakta integritas netralitas.",
            "pakta_integritas",
        ),
        ("Wali Kota Minta ASN Jaga Netralitas", "Wali Kota mengimbau ASN tidak ikut kampanye.", "imbauan"),
        (
            "Bawaslu Terima 20 Laporan ASN Tak Netral",
            "Bawaslu menerima 20 laporan dugaan ASN melanggar.",
            "laporan_pelanggaran",
        ),
        ("KPU Tetapkan DCT", "KPU menetapkan daftar calon tetap dalam rapat pleno.", "penetapan"),
        (
            "Disdik Gelar Sosialisasi Netralitas",
            "Sosialisasi netralitas ASN digelar bagi guru.",
            "sosialisasi",
        ),
    ],
)
def test_event_type(title, text, expected):
    assert extract_facts(text, published_at=None, title=title, use_ner=False)["event"]["type"] == expected


def test_location_from_event_sentence():
    text = (
        "Sebanyak 500 ASN mengikuti apel ikrar netralitas di halaman Kantor Wali Kota Tangerang, "
        "Jalan Satria Sudirman, Senin (9/10)."
    )
    event = extract_facts(text, published_at=datetime(2023, 10, 9), use_ner=False)["event"]
    assert event["location"] == "halaman Kantor Wali Kota Tangerang, Jalan Satria Sudirman"
    assert event["start"] == 0 and event["end"] == len(text)


def test_output_has_exactly_the_contract_keys():
    facts = extract_facts(
        "ASN Pemkot Depok ikrar netralitas, Senin (2/10).", published_at=None, use_ner=False
    )
    assert set(facts) == set(empty_facts())
    assert set(facts["event"]) == set(empty_facts()["event"])
    assert facts["event"]["type"] in EVENT_TYPES


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "123", "(((", "Senin (99/99)"])
def test_bad_or_empty_text_gives_empty_facts(text):
    facts = extract_facts(text, published_at=None)
    assert set(facts) == set(empty_facts())
    assert facts["pledge_points"] == [] and facts["officials"] == []


def test_published_at_as_iso_string_is_understood():
    facts = extract_facts("Ikrar netralitas digelar Jumat (29/12).", published_at="2024-01-02T08:00:00+07:00")
    assert facts["event"]["date"] == "2023-12-29"


@pytest.mark.parametrize(
    "junk",
    [
        "(" * 60_000,  # spaCy's tokenizer is quadratic in a space-free run
        "." * 60_000,  # the sentence splitter must not rescan a run of dots
        "di halaman Kantor Wali Kota Bekasi Jalan Ahmad Yani " * 1_200,  # a venue with no end
        "Isi ikrar yakni menjaga netralitas, tidak memihak, dan menolak politik uang, " * 800,
        "1.234 ASN 5,6 juta pegawai (12/12/2023) Senin " * 1_400,
    ],
)
def test_pathological_text_stays_fast(junk):
    import time

    start = time.perf_counter()
    facts = extract_facts(junk, published_at=None, use_ner=False)
    assert time.perf_counter() - start < 10.0
    assert set(facts) == set(empty_facts())
    assert len(facts["pledge_points"]) <= 15


def test_publish_time_in_utc_is_read_as_the_wib_day():
    from datetime import timezone

    # 20:00 UTC on 31 December 2023 is 03:00 WIB on 1 January 2024: "Senin (1/1)" is 2024's
    facts = extract_facts(
        "Apel ikrar netralitas digelar Senin (1/1).",
        published_at=datetime(2023, 12, 31, 20, tzinfo=timezone.utc),
    )
    assert facts["event"]["date"] == "2024-01-01"
    assert facts["event"]["weekday_ok"] is True
