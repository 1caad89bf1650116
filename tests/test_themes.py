"""Pledge themes of pledge points (extract/data/pledge_themes.tsv) and figure kinds."""

from __future__ import annotations

from conftest import FIXTURES

from kabar.extract.facts.themes import add_themes, point_themes, themes

HELDOUT = FIXTURES / "themes" / "heldout.tsv"
BLIND_B = FIXTURES / "themes" / "blind_b.tsv"
BLIND_C = FIXTURES / "themes" / "blind_c.tsv"


def gold(path=HELDOUT) -> list[tuple[str, set[str]]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            point, themes_ = line.split("\t")
            rows.append((point, set(themes_.split(","))))
    return rows


def heldout() -> list[tuple[str, set[str]]]:
    return gold(HELDOUT)


def exact_share(rows: list[tuple[str, set[str]]]) -> tuple[float, list]:
    """Share of points whose themes are exactly the gold set, and the misses."""
    wrong = [(p, g, point_themes(p)) for p, g in rows if {t for t, _ in point_themes(p)} != g]
    return 1 - len(wrong) / len(rows), wrong


def test_the_heldout_points_get_their_gold_themes():
    rows = heldout()
    share, wrong = exact_share(rows)
    assert len(rows) == 100
    assert share >= 0.95, wrong


def test_the_blind_labellers_batch_b_points_get_their_gold_themes():
    """A labeller who never saw the code labelled these; the floor is the issue's 90 %."""
    rows = gold(BLIND_B)
    share, wrong = exact_share(rows)
    assert len(rows) == 36
    assert share >= 0.9, wrong


def test_the_blind_labellers_batch_c_points_get_their_gold_themes():
    """Batch C's labeller; one point is labelled against batch B's convention (an
    institution's activities "untuk kepentingan pasangan calon": misuse only in B, misuse and
    partisanship in C), so the floor leaves room for it."""
    rows = gold(BLIND_C)
    share, wrong = exact_share(rows)
    assert len(rows) == 39
    assert share >= 0.95, wrong


def test_a_contestant_named_as_beneficiary_yields_to_the_commitment():
    assert dict(point_themes("tidak menggunakan dana desa untuk kepentingan pasangan calon")).keys() == {
        "fasilitas_negara"
    }
    assert dict(point_themes("tidak berpihak kepada pasangan calon mana pun")).keys() == {"netralitas"}
    both = dict(point_themes("tidak memihak dan tidak memberikan dukungan kepada kontestan"))
    assert both == {"netralitas": "memihak", "kampanye_partisan": "dukungan"}


def test_every_gold_theme_is_in_the_taxonomy_with_a_label():
    keys = {t.key: t.label for t in themes()}
    assert all(keys.values())
    assert {g for path in (HELDOUT, BLIND_B) for _, gs in gold(path) for g in gs} <= set(keys)


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
