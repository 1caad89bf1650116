"""Issue 9 classes: a recalled past pledge is neutrality news without points; a Rumah Tahanan is
named in its official form ("Rumah Tahanan Negara"); a public hospital or university whose ASN
hold the event is the institution itself, not its parent dinas or ministry.  Invented sentences."""

from __future__ import annotations

from datetime import datetime

import pytest

from kabar.extract.facts import extract_facts
from kabar.extract.facts.institutions import find_institutions

_WHEN = datetime(2024, 11, 5, 10)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Pj Wali Kota Malang Ingatkan Ikrar Netralitas Tahun Lalu",
            "MALANG - Pj Wali Kota Malang Wahyu Hidayat mengingatkan kembali ikrar netralitas yang diucapkan "
            "ASN tahun lalu dalam rapat koordinasi, Senin (4/11/2024).\nDalam ikrar itu ASN berjanji tidak "
            "memihak, tidak menggunakan fasilitas negara untuk kampanye, dan menjaga netralitas.",
        ),
        (
            "Bupati Temui ASN Jelang Pilkada",
            "SLEMAN - Bupati Sleman mengingatkan ikrar netralitas ASN yang telah diucapkan di hadapan warga "
            "dalam apel pagi, Senin (4/11/2024).\nIsi ikrar: 1. menjaga netralitas; 2. tidak memihak "
            "calon; 3. tidak menggunakan fasilitas negara.",
        ),
    ],
)
def test_a_recalled_pledge_gives_neutrality_news_and_no_points(title: str, body: str) -> None:
    facts = extract_facts(body, published_at=_WHEN, title=title, use_ner=False)
    assert facts["topic"] == "neutrality"
    assert facts["pledge_points"] == []


def test_a_pledge_held_now_still_gives_its_points_after_ikrar_itu() -> None:
    body = (
        "MALANG - Ratusan ASN Pemkot Malang mengikuti ikrar netralitas, Senin (4/11/2024).\n"
        "Dalam ikrar itu ASN berjanji: 1. menjaga netralitas; 2. tidak memihak pasangan calon; "
        "3. tidak menggunakan fasilitas negara."
    )
    facts = extract_facts(body, published_at=_WHEN, title="ASN Pemkot Malang Ikrar Netralitas", use_ner=False)
    assert facts["topic"] == "pledge"
    assert len(facts["pledge_points"]) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Pegawai Rumah Tahanan Kelas I Surabaya berikrar.",
        "Pegawai Rumah Tahanan Negara Kelas I Surabaya berikrar.",
        "Pegawai Rutan Kelas I Surabaya berikrar.",
    ],
)
def test_a_rutan_is_named_rumah_tahanan_negara(text: str) -> None:
    (mention,) = find_institutions(text)
    assert (mention.name, mention.kind) == ("Rumah Tahanan Negara Kelas I Surabaya", "rutan")


@pytest.mark.parametrize(
    ("title", "body", "name", "kind"),
    [
        (
            "ASN RSUD Kendal Ikrar Netralitas",
            "KENDAL - Sebanyak 412 ASN RSUD dr. H. Soewondo Kendal mengikuti ikrar netralitas ASN, Senin "
            "(4/11/2024).\nKepala Dinas Kesehatan Kabupaten Kendal turut hadir dalam ikrar itu.",
            "Rumah Sakit Umum Daerah dr. H. Soewondo Kendal",
            "rumah_sakit",
        ),
        (
            "ASN Unnes Ikrar Netralitas",
            "SEMARANG - Ratusan ASN Universitas Negeri Semarang (Unnes) mengikuti ikrar netralitas ASN di "
            "kampus Sekaran, Senin (4/11/2024).\nIkrar dipimpin pejabat Kementerian Pendidikan Tinggi.",
            "Universitas Negeri Semarang",
            "perguruan_tinggi",
        ),
    ],
)
def test_a_public_hospital_or_university_holding_the_pledge_is_the_institution(
    title: str, body: str, name: str, kind: str
) -> None:
    facts = extract_facts(body, published_at=_WHEN, title=title, use_ner=False)
    assert (facts["institution"]["name"], facts["institution"]["kind"]) == (name, kind)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pegawai RSUP Dr. Kariadi Semarang hadir di aula.", "Rumah Sakit Umum Pusat Dr. Kariadi Semarang"),
        ("Dosen Politeknik Negeri Jakarta hadir pada pagi hari.", "Politeknik Negeri Jakarta"),
    ],
)
def test_hospital_and_state_campus_names(text: str, name: str) -> None:
    (mention,) = find_institutions(text)
    assert mention.name == name
