"""Officials in ordinary news, round 6: classes seen on real pages and in news sentences of the
shared NER corpora (their misses were sorted into classes; no page has a rule of its own).

Each sentence is written for the test (invented names, not copied from a page) and stands for a
class: initials that begin a name, staff of a body, neighbourhood units with numbers, a
commission's own name, a capitalised title qualifier, "dan" inside a unit, a meeting named after
who meets, body abbreviations and sentence openers that are no name, countries the press writes
its own way.
"""

from __future__ import annotations

import pytest
from officials_helpers import official_pairs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # initials standing for a name's first words begin the name; they are no unit's acronym
        ("Sekda FX Hadi Susanto membuka acara itu.", [("FX Hadi Susanto", "Sekretaris Daerah")]),
        ("Bupati Sleman, FX Danu Wirawan, menegaskan hal itu.", [("FX Danu Wirawan", "Bupati Sleman")]),
        (
            "Kepala Desa Sukamaju HM Sudarmo mengatakan warga siap.",
            [("HM Sudarmo", "Kepala Desa Sukamaju")],
        ),
        # staff and officers of a body are named with their post, before or after the name
        (
            '"Kami sedang mendata," kata Ranto Mahmudi, staf Balai Wilayah Sungai Sulawesi (BWS) II, Selasa.',
            [("Ranto Mahmudi", "staf Balai Wilayah Sungai Sulawesi II")],
        ),
        (
            "Menurut Elsa Pusparini (35), petugas pengamat Pos Sungai Induk, air sudah setinggi jendela.",
            [("Elsa Pusparini", "petugas pengamat Pos Sungai Induk")],
        ),
        (
            "Petugas Satpol PP Kota Bogor, Dedi Haryanto, mengatakan penertiban berlanjut.",
            [("Dedi Haryanto", "Petugas Satuan Polisi Pamong Praja Kota Bogor")],
        ),
        # ... but a post with no name is nobody
        ("Staf Dinas Kesehatan membagikan masker kepada warga Kota Bogor.", []),
        # "Kepala Staf" is still one title
        (
            "Kepala Staf Angkatan Darat Jenderal Budi Marsono meninjau latihan.",
            [("Budi Marsono", "Kepala Staf Angkatan Darat")],
        ),
        # RT / RW with their numbers are the unit of a neighbourhood head
        (
            "Ketua RT 8 RW 03, Emil Saputra mengatakan api berasal dari dapur.",
            [("Emil Saputra", "Ketua Rukun Tetangga 8 RW 03")],
        ),
        # a national commission's own name follows "Komnas"; the person comes after it
        (
            "Komisioner Komnas Perempuan Tifa Anggraini menilai aturan itu perlu dibenahi.",
            [("Tifa Anggraini", "Komisioner Komnas Perempuan")],
        ),
        (
            "Kasus itu menjerat mantan Kepala SKK Migas Rudi Harsono.",
            [("Rudi Harsono", "mantan Kepala SKK Migas")],
        ),
        # a capitalised qualifier belongs to the title
        (
            "Hal itu disampaikan Presiden Terpilih Joko Santosa di Jakarta.",
            [("Joko Santosa", "Presiden Terpilih")],
        ),
        # the word after "dan" inside a unit is the unit's; a bracketed short form closes the unit
        (
            "Direktur Pemasaran dan Niaga Hanung Budiman mengatakan stok aman.",
            [("Hanung Budiman", "Direktur Pemasaran dan Niaga")],
        ),
        (
            "Usai pertemuan Presiden Susilo Bambang Wiyono (SBW) dan Sultan di Istana, Mendagri bicara.",
            [("Susilo Bambang Wiyono", "Presiden")],
        ),
        # a meeting named after who meets has no title in it
        ("Pada Oktober digelar Rapat Pimpinan Nasional Golkar, yang agendanya sudah jelas.", []),
        ("Turnamen Piala Wali Kota Bogor Cup 2019 resmi dibuka.", []),
        # a body's abbreviation is never a name, at the end of a title either
        ("Sejak itu Susanto tak lagi menjabat Kabareskrim Polri.", []),
        (
            "Penutupan didampingi Direktur Pembinaan SMK Kemdikbud Mustafirin.",
            [("Mustafirin", "Direktur Pembinaan SMK Kemdikbud")],
        ),
        # time words and conditionals opening a sentence are no name
        ("Kemarin, Presiden dan Wapres terus bekerja hingga tengah malam.", []),
        ("Seandainya Ani menjadi ketua umum, ia akan mengatur teknis.", []),
        # the press's own names of countries are places
        (
            "Ia bertemu Presiden Palestina Mahdi Abdullah di Ramallah.",
            [("Mahdi Abdullah", "Presiden Palestina")],
        ),
        # the word after "PT" names the company; a company's bracketed short form ends it, no name
        (
            "Hal itu diungkapkan Rahmat Budiarso, Wakil Presiden Direktur PT Hutchi 3 Indonesia (Tri), "
            "kemarin.",
            [("Rahmat Budiarso", "Wakil Presiden Direktur PT Hutchi")],
        ),
        ("Kata pria yang menjabat Presiden Direktur PT Isaki Astra Motor Indonesia (IAMI) ini.", []),
        (
            "Direktur PT Sinar Jaya Abadi Budi Hartanto mengatakan itu.",
            [("Budi Hartanto", "Direktur PT Sinar Jaya Abadi")],
        ),
        # a medical specialist's degree (and a sub-specialty joined to it) ends the name
        (
            "Staf Divisi Endokrin Fakultas Kedokteran dr Wulan Wisnu SpPD-KEMD mengungkap hal itu.",
            [("Wulan Wisnu", "Staf Divisi Endokrin Fakultas Kedokteran")],
        ),
        # words of a club's name (United, City, Hotspur) and Dutch name particles
        (
            "Menurut pelatih Bali United Stefano Cugurra timnya siap.",
            [("Stefano Cugurra", "pelatih Bali United")],
        ),
        (
            "Pelatih Manchester United Erik ten Hoeve mengatakan timnya siap.",
            [("Erik ten Hoeve", "Pelatih Manchester United")],
        ),
        # kin and personal staff before a title: the name after the comma is theirs, not the holder's
        ("Istri Gubernur Jawa Barat, Rina Marlina, membuka bazar itu.", []),
        ("Polisi memeriksa sopir Bupati Bogor, Rudi Hartanto, yang menabrak pagar.", []),
        ("Ia adalah istri Presiden Kim Dae-sung.", [("Kim Dae-sung", "Presiden")]),
        # sections of prosecutors' offices and courts, committees and regiments are units
        (
            "Kepala Seksi Pidana Umum Kejari Garut Wahyu Sudrajatno mengatakan itu.",
            [("Wahyu Sudrajatno", "Kepala Seksi Pidana Umum Kejaksaan Negeri Garut")],
        ),
        (
            "Ketua Mahkamah Konstitusi Anwar Usmanto mengatakan itu.",
            [("Anwar Usmanto", "Ketua Mahkamah Konstitusi")],
        ),
        # a noble prefix and a hyphenated word stay in a name read backwards from "N, T"
        (
            "Lalu Moh Fauzan, Kepala Dinas Pariwisata NTB, mengatakan itu.",
            [("Lalu Moh Fauzan", "Kepala Dinas Pariwisata Nusa Tenggara Barat")],
        ),
        (
            "Sementara itu, Kim Jae-hun, Presiden Korsel, mengatakan itu.",
            [("Kim Jae-hun", "Presiden Korsel")],
        ),
        # a particle glued by a hyphen ("al-", "el-") or standing between name words stays in the name
        (
            "Ia bertemu Perdana Menteri Irak Nuri al-Malik di Baghdad.",
            [("Nuri al-Malik", "Perdana Menteri Irak")],
        ),
        (
            "Ketua Yayasan Al Azhar Budi bin Ahmadi mengatakan itu.",
            [("Budi bin Ahmadi", "Ketua Yayasan Al Azhar")],
        ),
        # "setempat" (local) qualifies the title; "Republik" is a word of a country's name
        (
            "Ketua RT setempat, Budi Santosa, mengatakan api cepat dipadamkan.",
            [("Budi Santosa", "Ketua Rukun Tetangga")],
        ),
        (
            "Presiden Republik Indonesia Joko Wirawan meresmikan jalan tol itu.",
            [("Joko Wirawan", "Presiden Republik Indonesia")],
        ),
        # a district the code list knows ends a greedy institution match before the name
        (
            "Kepala Desa Sukamaju Kecamatan Cibinong Budi Santosa mengatakan itu.",
            [("Budi Santosa", "Kepala Desa Sukamaju Kecamatan Cibinong")],
        ),
        # "TNI" is a rank's word only after a rank; right after a title it is the unit
        (
            "Panglima TNI Laksamana Yudi Margana memimpin upacara.",
            [("Yudi Margana", "Panglima TNI")],
        ),
        (
            "Kasad Jenderal TNI Dudi Abdurahman hadir.",
            [("Dudi Abdurahman", "Kepala Staf Angkatan Darat")],
        ),
        # a unit word in lower case inside a title, and the field after it ("bidang Komunikasi")
        (
            "Wakil Ketua DPR bidang Korpolkam Azis Syamsuri mengatakan itu.",
            [("Azis Syamsuri", "Wakil Ketua Dewan Perwakilan Rakyat bidang Korpolkam")],
        ),
        (
            "Hal itu dikatakan Staf Khusus Presiden bidang Komunikasi Politik Daniel Sparta, siang ini.",
            [("Daniel Sparta", "Staf Khusus Presiden bidang Komunikasi Politik")],
        ),
        ("Ketua kelas Budi Santosa mengatakan itu.", []),
        # a term of office between the unit and the name belongs to the title
        (
            "Ketua Umum Gaikindo periode 2016-2019 Johan Nangoy, mengatakan, pasar tumbuh.",
            [("Johan Nangoy", "Ketua Umum Gaikindo periode 2016-2019")],
        ),
        (
            "Bupati Bogor periode 2008-2013 Rahmat Yasinta hadir.",
            [("Rahmat Yasinta", "Bupati Bogor periode 2008-2013")],
        ),
        # a lower-case title with a lower-case unit and its field, in commas after the name
        (
            "Sementara itu, Jean-Marc Okwo Bela, kepala divisi vaksin WHO, kepada radio mengatakan itu.",
            [("Jean-Marc Okwo Bela", "kepala divisi vaksin WHO")],
        ),
        ("Budi Santoso, ketua kelas, mengatakan itu.", []),
        # a capitalised word after "di" is a place, never the name of "N, T"
        ("Rapat digelar di Istana, Mendagri hadir.", []),
    ],
)
def test_round6_classes(sentence, expected):
    assert official_pairs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # after a title above the village, a word that is no known place begins the name
        (
            "Program itu dicetuskan Gubernur Anwar Baswara.",
            [("Anwar Baswara", "Gubernur")],
        ),
        (
            "Acara dihadiri Wakil Bupati Helmi Budiarto, dan Sekda Iman Alirahmat.",
            [("Helmi Budiarto", "Wakil Bupati"), ("Iman Alirahmat", "Sekretaris Daerah")],
        ),
        # ... unless the code list knows it ("Sawahlunto") or the text writes it as a place
        (
            "Wali Kota Sawahlunto Deri Asta meninjau lokasi banjir.",
            [("Deri Asta", "Wali Kota Sawahlunto")],
        ),
        ("Bupati Kukar Edi mengatakan itu. Banjir melanda sejumlah desa di Kukar.", []),
        # a village title keeps reading an unknown word as its place
        ("Lurah Kebon Kacang meninjau lokasi banjir.", []),
    ],
)
def test_name_after_a_title_that_takes_a_place(sentence, expected):
    assert official_pairs(sentence) == expected


def test_two_word_name_after_a_village_title_needs_the_ner(monkeypatch):
    """After a village title two unknown words are a place and a one-word name by the rules
    ("Lurah Kebon Kacang"); they are a person's name when the NER tags both as one person."""
    import kabar.extract.ner  # noqa: F401  (loads the submodule)
    from kabar import extract
    from kabar.extract.facts.officials import find_officials

    def tag(text: str, words: str) -> None:  # the NER tags ``words`` of ``text`` as one person
        start = text.index(words)
        monkeypatch.setattr(extract.ner, "person_spans", lambda t: [(start, start + len(words), "PER")])

    def pairs(text: str) -> list[tuple[str, str]]:
        return [(o.name, o.title) for o in find_officials(text, use_ner=True)]

    text = "Lurah Yusran Effendi meninjau lokasi banjir."
    tag(text, "Yusran Effendi")
    assert pairs(text) == [("Yusran Effendi", "Lurah")]
    assert find_officials(text, use_ner=False) == []
    # a known place is never taken for a first name, whatever the NER says
    text = "Wali Kota Sawahlunto Deri Asta meninjau lokasi banjir."
    tag(text, "Sawahlunto Deri")
    assert pairs(text) == [("Deri Asta", "Wali Kota Sawahlunto")]
