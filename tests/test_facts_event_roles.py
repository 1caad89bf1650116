"""Who held the event, what it was, its pledge points and figures: classes of writing seen on
unseen pages (blind batches D to F), each with sentences written for this test and invented names.

Each test is a class, not a page: a reminder about a past pledge is no pledge event; "A bersama B
dan C menggelar" is held by A; everyone in a list of attendees only attended; a body acting in
the lead hosts its work at a campaign rally; an appeal told at a named sosialisasi is that
sosialisasi; numbered items are points whatever their first word; a rate is not a count.
"""

from __future__ import annotations

from datetime import datetime

from kabar.extract.facts import extract_facts
from kabar.extract.facts.figures import find_figures
from kabar.extract.facts.pledges import find_pledge_points

PUBLISHED = datetime(2024, 10, 9, 9, 0)


def _facts(title: str, *paras: str) -> dict:
    return extract_facts("\n".join(paras), published_at=PUBLISHED, title=title, use_ner=False)


def _points(*paras: str) -> list[str]:
    return [p for p, _, _ in find_pledge_points("\n".join(paras))]


# -- a reminder about a pledge made before ------------------------------------------------------------
RAKOR = (
    "Polsek Wates bersama Koramil 0812/04 Wates dan Pemerintah Kecamatan Wates menggelar rapat "
    "koordinasi tiga pilar pengamanan Pilkada 2024 di Pendopo Kecamatan Wates, Selasa (8/10/2024)."
)
ATTENDEES = (
    "Rapat dihadiri Kapolsek Wates AKP Darsono Wiryo, S.H., Danramil 0812/04 Wates Kapten Inf Lukas "
    "Pranoto, Camat Wates Drs. Heru Wicaksana, M.Si. serta 12 kepala desa."
)
RECALLED = (
    '"Bapak ibu dulu sudah berikrar: satu, netral dan tidak berpihak; dua, tidak menggunakan dana desa '
    'untuk politik; tiga, menjaga kondusivitas desa," tutur AKP Darsono Wiryo.'
)


def test_a_headline_reminding_of_a_pledge_is_neutrality_news_without_points():
    title = "Rakor Tiga Pilar, Kapolsek Ingatkan Kades soal Ikrar Netralitas"
    facts = _facts(title, RAKOR, ATTENDEES, RECALLED)
    assert facts["topic"] == "neutrality"
    assert facts["pledge_points"] == []
    assert facts["event"]["type"] != "ikrar"


def test_a_pledge_held_now_stays_a_pledge_when_a_reminder_follows():
    facts = _facts(
        "ASN Pemkab Wates Ikrar Netralitas",
        "Sebanyak 900 ASN Pemkab Wates mengucapkan ikrar netralitas di halaman kantor bupati, "
        "Senin (7/10/2024).",
        "Usai ikrar, Bupati Wates Hendra Gunawan mengingatkan ASN soal netralitas di media sosial.",
    )
    assert facts["topic"] == "pledge"


# -- who held it ----------------------------------------------------------------------------------------
def test_the_body_before_bersama_holds_the_event_and_the_first_attendee_leads():
    facts = _facts("Rakor Tiga Pilar Jelang Pilkada", RAKOR, ATTENDEES)
    assert facts["institution"]["short"] == "Polsek Wates" or "Sektor Wates" in facts["institution"]["name"]
    # all three are named only as attending: the first named, in protocol order, not the second
    assert facts["official"]["name"] == "Darsono Wiryo"


def test_a_leader_named_after_the_attendees_still_leads():
    facts = _facts(
        "Rakor Netralitas ASN Kecamatan Wates",
        "Pemerintah Kecamatan Wates menggelar rakor netralitas ASN, Selasa (8/10/2024).",
        "Rapat dihadiri Kapolsek Wates AKP Darsono Wiryo, Danramil Wates Kapten Inf Lukas Pranoto. "
        "Rapat dipimpin Camat Wates, Heru Wicaksana.",
    )
    assert facts["official"]["name"] == "Heru Wicaksana"


RALLY_TITLE = "Kampanye Akbar Hari Terakhir, Ribuan Massa Padati Lapangan"


def test_a_body_acting_in_the_lead_hosts_its_work_at_a_rally():
    facts = _facts(
        RALLY_TITLE,
        "Badan Pengawas Pemilu (Bawaslu) Kota Sukabumi menurunkan 300 pengawas untuk memantau kampanye akbar "
        "salah satu pasangan calon, Sabtu (5/10/2024).",
        "Ketua Bawaslu Kota Sukabumi Rendra Wijaya mengatakan pengawas mencatat kendaraan dinas di lokasi.",
    )
    assert "Pengawas Pemilu Kota Sukabumi" in facts["institution"]["name"]
    assert facts["official"]["name"] == "Rendra Wijaya"


def test_a_rally_that_no_body_holds_has_no_host():
    facts = _facts(
        RALLY_TITLE,
        "Sekitar 20.000 simpatisan memadati Lapangan Merdeka dalam kampanye akbar salah satu pasangan calon, "
        "Sabtu (5/10/2024).",
        "Kapolres Wates AKBP Rendra Wijaya mengatakan 900 personel gabungan mengamankan kegiatan itu.",
    )
    assert facts["institution"] is None and facts["official"] is None


# -- what kind of event -----------------------------------------------------------------------------
def test_an_appeal_told_at_a_named_sosialisasi_is_that_sosialisasi():
    facts = _facts(
        "Daftar Larangan ASN Jelang Pilkada: Like Postingan Paslon pun Dilarang",
        "Kementerian Wates kembali mengingatkan aparatur sipil negara (ASN) agar menjaga netralitas "
        "menjelang Pilkada 2024.",
        "Pengingat itu disampaikan dalam sosialisasi netralitas ASN yang diikuti perwakilan 500 daerah, "
        "Senin (7/10/2024).",
        "Berikut larangan bagi ASN: dilarang memasang baliho, dilarang menghadiri deklarasi bakal calon.",
    )
    assert facts["event"]["type"] == "sosialisasi"


def test_an_appeal_told_at_a_meeting_stays_an_appeal():
    facts = _facts(
        "Sekda Wates Ingatkan ASN Jaga Netralitas",
        "Sekretaris Daerah Wates Rina Kartika mengingatkan kepala perangkat daerah agar menjaga netralitas.",
        "Pesan itu disampaikan dalam rapat koordinasi netralitas ASN di ruang rapat Sekda, "
        "Senin (7/10/2024).",
    )
    assert facts["event"]["type"] == "imbauan"


def test_a_body_holding_a_neutrality_rakor_holds_a_briefing():
    facts = _facts(
        "Jelang Pilkada, Pemkab Wates Ingatkan ASN soal Ikrar Tahun Lalu",
        "Pemerintah Kabupaten Wates menggelar rapat koordinasi netralitas ASN, Kamis (3/10/2024).",
        "Dalam paparannya, Sekda mengingatkan kembali ikrar yang telah diucapkan ASN tahun lalu.",
    )
    assert facts["event"]["type"] == "sosialisasi"


# -- pledge points ------------------------------------------------------------------------------------
CUE = "Sebanyak 800 prajurit Yonif 999 mengucapkan deklarasi netralitas, Kamis (1/2/2024)."


def test_items_numbered_inline_are_points_whatever_their_first_word():
    points = _points(
        CUE,
        "Isi deklarasi tersebut yakni 1) Prajurit dan PNS Yonif 999 bersikap netral dalam Pemilu 2024, "
        "2) tidak menggunakan kendaraan dan fasilitas dinas untuk politik praktis, dan 3) siap mengamankan "
        "jalannya Pemilu 2024.",
    )
    assert points == [
        "Prajurit dan PNS Yonif 999 bersikap netral dalam Pemilu 2024",
        "tidak menggunakan kendaraan dan fasilitas dinas untuk politik praktis",
        "siap mengamankan jalannya Pemilu 2024",
    ]


def test_spoken_ordinals_in_a_quote_are_points():
    points = _points(
        CUE,
        '"Saya ingatkan lagi apa yang baru kita ikrarkan: satu, prajurit netral dan tidak memihak; dua, '
        'prajurit tidak menggunakan hak pilih; tiga, menjaga keamanan pemilu," kata Letkol Inf Budi '
        "Santosa.",
    )
    assert points == [
        "prajurit netral dan tidak memihak",
        "prajurit tidak menggunakan hak pilih",
        "menjaga keamanan pemilu",
    ]


def test_ordinal_sentences_after_a_count_are_points():
    points = _points(
        "Sekitar 5.000 ASN Pemkab Wates menyatakan ikrar netralitas, Senin (8/1/2024). Ikrar tersebut memuat "
        "tiga poin.",
        "Pertama, ASN Pemkab Wates menjaga netralitas dan tidak berpihak.",
        "Kedua, tidak menyalahgunakan wewenang untuk menguntungkan calon tertentu.",
        "Ketiga, memberikan pelayanan yang sama kepada semua warga.",
        '"Jangan ada pengerahan bawahan," kata Bupati.',
    )
    assert len(points) == 3
    assert points[1] == "tidak menyalahgunakan wewenang untuk menguntungkan calon tertentu"
    assert points[0] == "ASN Pemkab Wates menjaga netralitas dan tidak berpihak"  # the subject stays


def test_a_quoted_opening_line_above_numbered_lines_keeps_the_first_point():
    points = _points(
        "Naskah ikrar dibacakan oleh Kepala BKPSDM Wates, Rudi Hartono.",
        "Isi Ikrar",
        '"Kami Aparatur Sipil Negara Pemerintah Kabupaten Wates berikrar:',
        "1. Bersikap netral dalam Pemilihan Bupati Wates;",
        "2. Tidak terlibat dalam kegiatan kampanye;",
        '3. Siap menerima sanksi apabila melanggar," demikian bunyi ikrar tersebut.',
    )
    assert points == [
        "Bersikap netral dalam Pemilihan Bupati Wates",
        "Tidak terlibat dalam kegiatan kampanye",
        "Siap menerima sanksi apabila melanggar",
    ]


def test_commas_inside_semicolon_items_enumerate():
    points = _points(
        "Isi ikrar itu antara lain menjaga netralitas ASN; tidak memposting, mengomentari, dan membagikan "
        "konten politik di media sosial; serta melaporkan kepada atasan jika ada pelanggaran."
    )
    assert points == [
        "menjaga netralitas ASN",
        "tidak memposting, mengomentari, dan membagikan konten politik di media sosial",
        "melaporkan kepada atasan jika ada pelanggaran",
    ]


# -- figures and dates ------------------------------------------------------------------------------
def test_people_per_place_is_a_quota_but_money_and_goods_per_day_are_figures():
    figures = find_figures(
        "Anggota PPK berasal dari 26 kecamatan, masing-masing lima orang per kecamatan. Honor ketua "
        "Rp 2.200.000 per bulan. Dapur umum menyiapkan 900 nasi bungkus per hari."
    )
    found = {(f["value"], f["unit"]) for f in figures}
    assert (5, "orang") not in found  # people allotted to each place: a quota
    assert (2200000, "rupiah") in found and (26, "kecamatan") in found
    assert (900, "nasi bungkus") in found  # goods per day are the figure


def test_people_counted_by_role_are_people():
    figures = find_figures(
        "KPU menetapkan 23 bakal calon, kementerian memberhentikan 24 pendamping desa, dan 35 tenaga "
        "kontrak yang ikut apel; banjir merendam 1.340 rumah warga."
    )
    kinds = {f["unit"]: f["kind"] for f in figures}
    assert kinds["bakal calon"] == "people"
    assert kinds["pendamping desa"] == "people"
    assert kinds["tenaga kontrak"] == "people"
    assert next(k for u, k in kinds.items() if u.startswith("rumah")) == "other"


def test_a_day_recalled_inside_a_quote_is_not_the_event_day():
    facts = _facts(
        "Pemkot Wates Jatuhkan Sanksi kepada Empat ASN",
        "Pemerintah Kota Sukabumi menjatuhkan hukuman disiplin kepada empat ASN yang tidak netral.",
        '"Dua orang kami jatuhi hukuman disiplin sedang," kata Sekda Wates Yusran Hakim di Balai Kota, '
        "Selasa (8/10).",
        '"Surat keputusan pemberhentian sudah diteken pada Jumat (4/10) lalu," kata Kepala BKPSDM.',
    )
    assert facts["event"]["date"] == "2024-10-08"


def test_the_day_an_affair_began_is_not_the_day_of_the_reported_step():
    facts = _facts(
        "Bawaslu Bantul Temukan Lurah Hadiri Kampanye",
        "Bawaslu Bantul menemukan tiga ASN menghadiri kampanye seorang calon anggota DPRD.",
        "Ketua Bawaslu Bantul Agus Pranowo mengatakan temuan itu berawal dari patroli pengawasan pada "
        "Minggu (6/10). Hasil klarifikasi terhadap ketiganya dirampungkan Selasa (8/10).",
    )
    assert facts["event"]["date"] == "2024-10-08"


def test_a_long_run_of_capitals_between_two_names_stays_fast():
    import time

    from kabar.extract.facts.event import _SAME_LIST

    gap = " " + "A" * 36 + " - "  # read one way only, or the attendee-list pattern backtracks for minutes
    started = time.perf_counter()
    assert _SAME_LIST.fullmatch(gap) is None
    assert _SAME_LIST.fullmatch(", S.H., M.Si. serta ") is not None  # what it is for
    assert time.perf_counter() - started < 0.5
