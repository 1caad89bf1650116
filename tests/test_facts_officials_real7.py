"""Officials in ordinary news, round 7: classes of person names misread on fresh real pages.

Each sentence is written for the test (invented names, not copied from a page) and stands for a
class: Balinese names (I/Ni and a birth-order or caste word, Ida Bagus, Anak Agung), regional
noble prefixes that belong to the name (TB, Tubagus, Datu, Dg), East Asian names after a title
that takes a club, lower-case medical honorifics after a title holding "&", units joined by a
hyphen to an acronym or written with a code and a slash, and "se Kecamatan X" (all the units of
an area), which is no person.
"""

from __future__ import annotations

import pytest
from officials_helpers import official_pairs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 1. Balinese names: "I"/"Ni" and a birth-order or caste word begin the name; "I" is no
        # Roman numeral of the unit there
        (
            "Pjs. Bupati Tabanan I Wayan Sudarsana mengatakan hal itu.",
            [("I Wayan Sudarsana", "Penjabat Sementara Bupati Tabanan")],
        ),
        ("Bupati Gianyar, I Made Artawan, menegaskan hal itu.", [("I Made Artawan", "Bupati Gianyar")]),
        (
            "Kepala Dinas Pariwisata Ni Luh Putu Sekarini mengatakan hal itu.",
            [("Ni Luh Putu Sekarini", "Kepala Dinas Pariwisata")],
        ),
        (
            "Kepala Dinas Kesehatan Kota Denpasar Ida Bagus Wiranata mengatakan hal itu.",
            [("Ida Bagus Wiranata", "Kepala Dinas Kesehatan Kota Denpasar")],
        ),
        ("Camat Kuta Anak Agung Gede Wirya mengatakan hal itu.", [("Anak Agung Gede Wirya", "Camat Kuta")]),
        # ... but "I" after a unit word stays the unit's numeral
        (
            "Ketua Komisi I DPRD Bali Nyoman Sutarsa mengatakan hal itu.",
            [("Nyoman Sutarsa", "Ketua Komisi I Dewan Perwakilan Rakyat Daerah Bali")],
        ),
        # 2. regional noble prefixes written as part of the name
        (
            "Anggota Komisi I DPR RI TB Hasanah mengatakan hal itu.",
            [("TB Hasanah", "Anggota Komisi I DPR RI")],
        ),
        (
            "Ketua DPRD Kabupaten Sumbawa Datu Ruslan mengatakan hal itu.",
            [("Datu Ruslan", "Ketua Dewan Perwakilan Rakyat Daerah Kabupaten Sumbawa")],
        ),
        ("Camat Tamalate Dg Sarro mengatakan hal itu.", [("Dg Sarro", "Camat Tamalate")]),
        (
            "Kepala Dinas Sosial Kabupaten Aceh Besar Cut Rahmawati mengatakan hal itu.",
            [("Cut Rahmawati", "Kepala Dinas Sosial Kabupaten Aceh Besar")],
        ),
        ("Bupati Garut R. Surya Wijaya mengatakan hal itu.", [("R. Surya Wijaya", "Bupati Garut")]),
        # 3. East Asian names of three words after a title that takes a club
        (
            "Dalam latihan, asisten pelatih Park Min Seok memimpin sesi.",
            [("Park Min Seok", "asisten pelatih")],
        ),
        ("Menurut pelatih Lee Dong-hwan, tim sudah siap.", [("Lee Dong-hwan", "pelatih")]),
        # ... a club before the surname stays the club
        (
            "Pelatih Persikota Kim Sang Woo memimpin latihan.",
            [("Kim Sang Woo", "Pelatih Persikota")],
        ),
        # 4. lower-case medical honorifics after "Dr", a title with "&" and "dari Tim ..."
        (
            "Ketua Tim Pedoman & Protokol dari Tim Mitigasi PB IDI, Dr dr Rina Kartika, SpPD-KKV "
            "mengatakan hal itu.",
            [("Rina Kartika", "Ketua Tim Pedoman & Protokol dari Tim Mitigasi PB IDI")],
        ),
        # 5. a unit's word joined by a hyphen to an acronym; a unit code with a slash
        ("Kasat Pol-PP Jemmy Rorong mengatakan hal itu.", [("Jemmy Rorong", "Kepala Satuan Pol-PP")]),
        (
            "Hadir pula Plh Danramil 1302-12/Belang Harun, Kapolsek Belang dan para camat.",
            [("Harun", "Pelaksana Harian Komandan Komando Rayon Militer 1302-12/Belang")],
        ),
        # 6. "se Kecamatan X": the area belongs to the title, it is no person
        ("Ketua BPD se Kecamatan Tombatu hadir dalam acara itu.", []),
        (
            "Ketua BPD se-Kecamatan Tombatu, Roni Lumintang, mengatakan hal itu.",
            [("Roni Lumintang", "Ketua BPD se-Kecamatan Tombatu")],
        ),
    ],
)
def test_round7_classes(sentence, expected):
    assert official_pairs(sentence) == expected


def test_area_tagged_by_the_ner_is_no_person(monkeypatch):
    """Where the rules find no name the NER is asked for a person next to the title; a span it
    tags as a person that is an area ("se-Kabupaten Tombatu" before ", Ketua BPD") is refused,
    a person's name in the same place is read."""
    import kabar.extract.ner  # noqa: F401  (loads the submodule)
    from kabar import extract
    from kabar.extract.facts.officials import find_officials

    def tagged(text: str, words: str) -> list[str]:  # names found when the NER tags ``words``
        start = text.index(words)
        monkeypatch.setattr(extract.ner, "person_spans", lambda t: [(start, start + len(words), "PER")])
        return [o.name for o in find_officials(text, use_ner=True)]

    text = "Hadir para hukum tua se-Kabupaten Tombatu, Ketua BPD dan tokoh masyarakat."
    assert tagged(text, "se-Kabupaten Tombatu") == []
    text = "Hadir para hukum tua Roni Lumintang, Ketua BPD dan tokoh masyarakat."
    assert tagged(text, "Roni Lumintang") == ["Roni Lumintang"]
