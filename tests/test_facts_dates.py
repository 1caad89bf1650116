"""Event dates: the news forms, the year from the publish date, New-Year rollback, weekdays."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from kabar.extract.facts import extract_facts
from kabar.extract.facts.dates import find_dates, resolve

WIB = timezone(timedelta(hours=7))


def _event(text: str, published: datetime | None) -> dict:
    return extract_facts(text, published_at=published, use_ner=False)["event"]


@pytest.mark.parametrize(
    ("phrase", "published", "expected", "weekday_ok"),
    [
        ("Selasa (3/10)", date(2023, 10, 3), date(2023, 10, 3), True),
        ("Kamis (2/11/2023)", date(2023, 11, 3), date(2023, 11, 2), True),
        ("Rabu (14/12/22)", date(2022, 12, 15), date(2022, 12, 14), True),
        ("Sabtu (30/12)", date(2024, 1, 2), date(2023, 12, 30), True),  # New Year: previous year
        ("Senin (1/1)", date(2024, 1, 1), date(2024, 1, 1), True),
        ("Jum'at (5/1/2024)", date(2024, 1, 6), date(2024, 1, 5), True),
        ("Minggu (8/10)", date(2023, 10, 9), date(2023, 10, 8), True),
        ("Senin (4/10/2023)", date(2023, 10, 5), date(2023, 10, 4), False),  # 4 Oct 2023 was a Wednesday
        ("pada Kamis, 12 Oktober 2023", date(2023, 10, 13), date(2023, 10, 12), True),
        ("Jumat, 3 Nov 2023", date(2023, 11, 3), date(2023, 11, 3), True),
    ],
)
def test_date_forms_resolve(phrase, published, expected, weekday_ok):
    mentions = find_dates(f"Apel itu digelar {phrase} di halaman kantor.")
    assert len(mentions) == 1
    start, _, ok = resolve(mentions[0], published)
    assert start == expected
    assert ok is weekday_ok


def test_range_gives_start_and_end():
    (mention,) = find_dates("Bimtek berlangsung Senin-Selasa (9-10/10/2023) di Bandung.")
    start, end, ok = resolve(mention, date(2023, 10, 11))
    assert (start, end, ok) == (date(2023, 10, 9), date(2023, 10, 10), True)


def test_written_range_across_months():
    (mention,) = find_dates("Pencermatan dibuka 28 September sampai 4 Oktober.")
    start, end, _ = resolve(mention, date(2023, 9, 20))
    assert (start, end) == (date(2023, 9, 28), date(2023, 10, 4))


def test_event_date_skips_election_day_and_law_year():
    text = (
        "Pemerintah Kabupaten Sleman menggelar ikrar netralitas ASN menjelang pemungutan suara pada "
        "14 Februari 2024.\n"
        "Ikrar dibacakan di Lapangan Pemkab Sleman, Selasa (16/1/2024), sesuai PP 94 tahun 2021."
    )
    event = _event(text, datetime(2024, 1, 16, 15, tzinfo=WIB))
    assert event["date"] == "2024-01-16"
    assert event["date_text"] == "Selasa (16/1/2024)"
    assert event["weekday_ok"] is True


def test_event_date_prefers_main_event_over_background():
    text = (
        "Sebanyak 300 pegawai Kecamatan Tambora mengikuti apel ikrar netralitas, Kamis (12/10).\n"
        "Sebelumnya, Bawaslu mencatat pelanggaran serupa dalam rapat pada Senin (2/10/2023)."
    )
    event = _event(text, datetime(2023, 10, 12, 18, tzinfo=WIB))
    assert event["date"] == "2023-10-12"


def test_weekday_mismatch_is_flagged_not_dropped():
    text = "Wali Kota Depok memimpin apel ikrar netralitas ASN, Selasa (12/12/2023)."  # a Tuesday? no: Tue
    event = _event(text, datetime(2023, 12, 13, tzinfo=WIB))
    assert event["date"] == "2023-12-12"
    assert event["weekday_ok"] is True
    wrong = _event(text.replace("Selasa", "Kamis"), datetime(2023, 12, 13, tzinfo=WIB))
    assert wrong["date"] == "2023-12-12"
    assert wrong["weekday_ok"] is False


def test_new_year_rollback_in_full_extraction():
    text = "ASN Pemkot Bogor mengucapkan ikrar netralitas di Balai Kota Bogor, Jumat (29/12)."
    event = _event(text, datetime(2024, 1, 2, 9, tzinfo=WIB))
    assert event["date"] == "2023-12-29"
    assert event["weekday_ok"] is True


def test_date_after_publication_is_not_the_event():
    text = (
        "Bupati Garut mengingatkan ASN agar netral. Masa kampanye berlangsung hingga Sabtu (10/2/2024).\n"
        "Imbauan itu disampaikan dalam apel pagi, Senin (8/1/2024)."
    )
    event = _event(text, datetime(2024, 1, 8, 12, tzinfo=WIB))
    assert event["date"] == "2024-01-08"


def test_no_publish_date_takes_year_from_weekday():
    (mention,) = find_dates("Apel digelar Senin (25/9).")
    start, _, ok = resolve(mention, None)
    assert start is not None and start.month == 9 and start.day == 25 and start.weekday() == 0
    assert ok is True


def test_no_date_in_text():
    event = _event("ASN diminta menjaga netralitas selama masa kampanye.", None)
    assert event["date"] is None and event["date_text"] is None


def test_early_january_written_in_late_december_is_next_year():
    (mention,) = find_dates("Apel digelar Selasa (2/1).")
    start, _, ok = resolve(mention, date(2023, 12, 30))
    assert (start, ok) == (date(2024, 1, 2), True)
