"""Officials in ordinary news, round 5: classes seen on real 2018 pages of eight outlets.

Each sentence is written for the test (not copied from a page) and stands for a class: police
and military ranks written in full, a corps written in full after a rank or inside a unit name,
particles glued to a name, a title said of the name before "sebagai", sentence connectives,
lists of titles and names, a title glossed in brackets before a name.
"""

from __future__ import annotations

import pytest
from officials_helpers import official_pairs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a police rank written in full is neither the title nor the name
        (
            "Kepala Satuan Reserse Narkoba Polres Kendal Ajun Komisaris Dedi Kurniawan membenarkan hal itu.",
            [("Dedi Kurniawan", "Kepala Satuan Reserse Narkoba Kepolisian Resor Kendal")],
        ),
        (
            "Penangkapan dipimpin Kepala Unit Reskrim Ajun Inspektur Satu Heru Wibowo.",
            [("Heru Wibowo", "Kepala Unit Reskrim")],
        ),
        (
            "Kepala Kepolisian Daerah Jawa Barat Inspektur Jenderal Suntana membenarkan kabar itu.",
            [("Suntana", "Kepala Kepolisian Daerah Jawa Barat")],
        ),
        (
            "Wakil Kepala Kepolisian Negara Republik Indonesia (Wakapolri), Komisaris Jenderal "
            "Agus Andrianto, meninjau lokasi.",
            [("Agus Andrianto", "Wakil Kepala Kepolisian Negara Republik Indonesia")],
        ),
        # alone, "Komisaris" and "Inspektur" are still titles (a company's, an inspectorate's)
        (
            "Komisaris PT Jaya Abadi Rudi Hartono mengundurkan diri.",
            [("Rudi Hartono", "Komisaris PT Jaya Abadi")],
        ),
        (
            "Inspektur Kabupaten Kendal Slamet Riyadi memeriksa laporan itu.",
            [("Slamet Riyadi", "Inspektur Kabupaten Kendal")],
        ),
        # ... and "Inspektur Jenderal" before its unit is the inspector general, not a rank
        (
            "Inspektur Jenderal Kemendagri, Tomsi Tohir, memeriksa laporan itu.",
            [("Tomsi Tohir", "Inspektur Jenderal Kementerian Dalam Negeri")],
        ),
        # an event after a role word is no name
        (
            "Bertindak sebagai Inspektur Upacara, Bupati Kendal Dico Ganinduto.",
            [("Dico Ganinduto", "Bupati Kendal")],
        ),
        # a corps written in full after a rank; inside a unit name it belongs to the title
        (
            "Komandan Kodim 0733 Semarang, Letkol Infanteri Budi Santoso mengatakan pasukannya siap.",
            [("Budi Santoso", "Komandan Komando Distrik Militer 0733 Semarang")],
        ),
        (
            "Komandan Batalyon Infanteri 715 Letkol Inf Budi Santoso hadir.",
            [("Budi Santoso", "Komandan Batalyon Infanteri 715")],
        ),
        (
            "Komandan Kodim Letnan Kolonel Czi Agus Susanto hadir.",
            [("Agus Susanto", "Komandan Komando Distrik Militer")],
        ),
        # a particle glued with a hyphen is no part of the name
        ('"Presiden Jokowi-pun setuju," kata Rudi.', [("Jokowi", "Presiden")]),
        (
            'Gubernur Jawa Tengah Ganjar Pranowo datang. "Gubernur Ganjar-lah contohnya," kata Rudi.',
            [("Ganjar Pranowo", "Gubernur Jawa Tengah")],
        ),
        # a title said of a name before "sebagai" does not pass to the name after the comma
        ("Warga mendukung Pak Andi sebagai Ketua RW, Budi Hartono juga setuju.", []),
        ("Rapat itu memilih Andi sebagai calon bupati, Budi Hartono adalah tokoh yang cocok.", []),
        # ... but a sentence opening with it names who follows
        (
            "Dalam apel itu, bertindak sebagai Pembina Apel, Sekda Kendal Budi Santoso.",
            [("Budi Santoso", "Sekretaris Daerah Kendal")],
        ),
        # a sentence connective before a comma is no name
        (
            "Pelatih itu ragu. Sebab, mantan pelatih klub asal Malaysia Kedah FA tersebut, masih ragu.",
            [],
        ),
        # a list "T1 N1, T2 N2 dan T3 N3": each title keeps its own name
        (
            "Sidang dihadiri Ketua Komisi VIII DPR Ali Taher, Ketua MUI Ma'ruf Amin dan "
            "Imam Besar Masjid Istiqlal Nasaruddin Umar.",
            [
                ("Ali Taher", "Ketua Komisi VIII DPR"),
                ("Ma'ruf Amin", "Ketua MUI"),
                ("Nasaruddin Umar", "Imam Besar Masjid Istiqlal"),
            ],
        ),
        # a title glossed in brackets before the name
        (
            '"Kami tidak mau seperti (Menteri Keuangan) Sri Mulyani, (Menteri Perdagangan) Enggartiasto '
            'Lukita, yang lamban," katanya.',
            [("Sri Mulyani", "Menteri Keuangan"), ("Enggartiasto Lukita", "Menteri Perdagangan")],
        ),
        ("Budi Santoso (Kepala Dinas Pendidikan) hadir.", [("Budi Santoso", "Kepala Dinas Pendidikan")]),
        ("Rapat membahas anggaran (Dinas Pendidikan) Kota Kendal tahun ini.", []),
        # an area with a number in its name, in commas between the title and the name
        (
            "Ketua RT 04 RW02, Kelurahan 3 Ilir, Kecamatan Sukarame, Joni mengatakan api cepat membesar.",
            [("Joni", "Ketua Rukun Tetangga 04 RW02")],
        ),
        # a lower-case title, whose it is ("mereka"), then the name
        (
            "Klub itu mencari pengganti pelatih fisik mereka Andre Santoso yang pindah ke Persib.",
            [("Andre Santoso", "pelatih fisik mereka")],
        ),
        ("Menurut pelatih mereka, tim belum siap.", []),
    ],
)
def test_officials_round5(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert official_pairs(sentence) == expected
