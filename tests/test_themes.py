"""Pledge themes of pledge points (extract/data/pledge_themes.tsv) and figure kinds."""

from __future__ import annotations

from conftest import FIXTURES

from extract.facts.themes import add_themes, point_themes, themes

HELDOUT = FIXTURES / "themes" / "heldout.tsv"


def heldout() -> list[tuple[str, set[str]]]:
    rows = []
    for line in HELDOUT.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            point, gold = line.split("\t")
            rows.append((point, set(gold.split(","))))
    return rows


def test_the_heldout_points_get_their_gold_themes():
    rows = heldout()
    wrong = [(p, g, point_themes(p)) for p, g in rows if {t for t, _ in point_themes(p)} != g]
    assert len(rows) == 100
    assert 1 - len(wrong) / len(rows) >= 0.95, wrong


def test_every_gold_theme_is_in_the_taxonomy_with_a_label():
    keys = {t.key: t.label for t in themes()}
    assert all(keys.values())
    assert {g for _, gold in heldout() for g in gold} <= set(keys)


def test_four_wordings_of_the_social_media_commitment_share_one_theme():
    wordings = [
        "tidak mengunggah maupun membagikan konten kampanye di media sosial",
        "bersikap bijak dalam bermedia sosial",
        "Menggunakan media sosial secara bijak serta tidak mengunggah, menyukai, maupun membagikan konten",
        "tidak memberikan tanda suka pada unggahan peserta pemilu",
    ]
    assert all("media_sosial" in {t for t, _ in point_themes(w)} for w in wordings)


def test_evidence_is_the_words_found_and_the_campaign_period_is_no_campaigning():
    assert point_themes("menolak politik uang dalam bentuk apa pun") == [("politik_uang", "politik uang")]
    got = dict(point_themes("tetap melayani warga selama masa kampanye"))
    assert "kampanye_partisan" not in got and got["pelayanan_publik"] == "melayani"


def test_add_themes_indexes_points():
    facts = {"pledge_points": ["menjaga netralitas", "menolak politik uang"]}
    add_themes(facts)
    assert facts["pledge_themes"] == [
        {"point": 0, "theme": "netralitas", "evidence": "netralitas"},
        {"point": 1, "theme": "politik_uang", "evidence": "politik uang"},
    ]
