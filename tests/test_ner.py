"""The statistical NER model: the committed model, the corpus reader and the train-ner command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kabar.extract.ner import MODEL_DIR, load_ner, person_spans
from kabar.extract.ner.augment import TITLES, official_sentences
from kabar.extract.ner.corpus import CorpusError, find_corpora, read_conll, write_docbins

ROOT = Path(__file__).resolve().parent.parent


def _entities(text: str, label: str) -> list[str]:
    return [text[s:e] for s, e, lab in person_spans(text) if lab == label]


# --- the committed model -------------------------------------------------------------------


def test_committed_model_is_small_and_has_scores():
    files = [p for p in MODEL_DIR.rglob("*") if p.is_file()]
    assert (MODEL_DIR / "meta.json").is_file()
    assert sum(p.stat().st_size for p in files) < 15_000_000
    scores = json.loads((MODEL_DIR / "scores.json").read_text("utf-8"))
    assert set(scores["test"]) == {"nergrit", "idner-news-2k"}
    for corpus_scores in scores["test"].values():
        assert set(corpus_scores["per_label"]) == {"PER", "ORG", "LOC"}


def test_model_has_only_tok2vec_and_ner():
    nlp = load_ner()
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert load_ner() is nlp  # cached


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Wakil Wali Kota Jakarta Utara Juaini meminta ASN menjaga netralitas.", "Juaini"),
        (
            "Sekretaris Daerah Provinsi Jawa Barat Herman Suryatman memimpin apel pagi di Bandung.",
            "Herman Suryatman",
        ),
        ("Menurut Budi Santoso, seluruh pegawai sudah menandatangani pakta integritas.", "Budi Santoso"),
    ],
)
def test_model_finds_person_in_news_sentence(text, person):
    assert person in _entities(text, "PER")


def test_spans_are_char_offsets_into_original_text_with_newlines():
    text = "Apel digelar di halaman kantor.\nBupati Bogor Iwan Setiawan\nmengingatkan pegawai agar netral."
    spans = person_spans(text)
    assert spans, "expected at least one entity"
    for start, end, label in spans:
        assert label in {"PER", "ORG", "LOC"}
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    assert "Iwan Setiawan" in _entities(text, "PER")


def test_missing_model_is_a_clear_error(tmp_path, monkeypatch):
    import kabar.extract.ner as ner

    monkeypatch.setattr(ner, "MODEL_DIR", tmp_path / "ner-id")
    load_ner.cache_clear()
    try:
        with pytest.raises(ner.NerModelMissing, match="kabar train-ner"):
            load_ner()
    finally:
        load_ner.cache_clear()


def test_empty_text_gives_no_spans():
    assert person_spans("") == []
    assert person_spans("  \n ") == []


# --- the corpus reader ---------------------------------------------------------------------

NERGRIT_SAMPLE = (
    "Gubernur\tO\nAni\tB-PERSON\nWijaya\tI-PERSON\nmengunjungi\tO\nSurabaya\tB-PLACE\n.\tO\n\n"
    "Kantor\tO\nBadan\tB-ORGANISATION\nKepegawaian\tI-ORGANISATION\nNegara\tI-ORGANISATION\nbuka\tO\n\n"
)
IDNER_SAMPLE = (
    "Camat PROPN O\r\nDedi PROPN B-PER\r\nberbicara VERB O\r\ndi ADP O\r\nMedan PROPN B-LOC\r\n\r\n"
    "Pengurus NOUN O\r\nPPP PROPN B-ORG\r\nhadir VERB O\r\n. PUNCT O\r\n"
)


def _write_corpora(root: Path, nergrit: str = NERGRIT_SAMPLE, idner: str = IDNER_SAMPLE) -> Path:
    (root / "nergrit_ner-grit").mkdir(parents=True)
    for name in ("train_preprocess.txt", "valid_preprocess.txt", "test_preprocess.txt"):
        (root / "nergrit_ner-grit" / name).write_text(nergrit, "utf-8")
    (root / "idner-news-2k").mkdir()
    for name in ("train.txt", "dev.txt", "test.txt"):
        (root / "idner-news-2k" / name).write_bytes(idner.encode("utf-8"))
    return root


def test_read_conll_maps_nergrit_labels(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text(NERGRIT_SAMPLE, "utf-8")
    sents = read_conll(path)
    assert [s.words for s in sents][0] == ["Gubernur", "Ani", "Wijaya", "mengunjungi", "Surabaya", "."]
    assert sents[0].tags == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    assert sents[1].tags == ["O", "B-ORG", "I-ORG", "I-ORG", "O"]


def test_read_conll_reads_three_column_crlf(tmp_path):
    path = tmp_path / "i.txt"
    path.write_bytes(IDNER_SAMPLE.encode("utf-8"))
    sents = read_conll(path)
    assert len(sents) == 2
    assert sents[0].words == ["Camat", "Dedi", "berbicara", "di", "Medan"]
    assert sents[0].tags == ["O", "B-PER", "O", "O", "B-LOC"]
    assert sents[1].tags == ["O", "B-ORG", "O", "O"]


def test_read_conll_turns_stray_inside_tag_into_begin(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("kata\tO\nRina\tI-PERSON\nKota\tI-PLACE\n", "utf-8")
    assert read_conll(path)[0].tags == ["O", "B-PER", "B-LOC"]


def test_read_conll_rejects_unknown_tag_with_location(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("Ani\tB-PERSON\nJakarta\tB-CITY\n", "utf-8")
    with pytest.raises(CorpusError, match=r"bad\.txt:2.*B-CITY"):
        read_conll(path)


def test_read_conll_rejects_single_column_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("Ani\tB-PERSON\njustaword\n", "utf-8")
    with pytest.raises(CorpusError, match=r"bad\.txt:2"):
        read_conll(path)


def test_find_corpora_reports_missing_split(tmp_path):
    _write_corpora(tmp_path)
    (tmp_path / "idner-news-2k" / "dev.txt").unlink()
    with pytest.raises(CorpusError, match="dev.txt"):
        find_corpora(tmp_path)


def test_find_corpora_rejects_folder_without_corpora(tmp_path):
    with pytest.raises(CorpusError, match="no NER corpus"):
        find_corpora(tmp_path)


@pytest.mark.slow
def test_write_docbins_aligns_entities_to_given_tokens(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    counts = write_docbins(_write_corpora(tmp_path / "data"), tmp_path / "bins")
    assert counts["nergrit"]["train"] == {"sentences": 2, "tokens": 11, "entities": 3}
    assert counts["idner-news-2k"]["test"] == {"sentences": 2, "tokens": 9, "entities": 3}
    vocab = spacy.blank("id").vocab
    train = list(DocBin().from_disk(tmp_path / "bins" / "train.spacy").get_docs(vocab))
    assert len(train) == 4  # both corpora
    ents = {(e.text, e.label_) for doc in train for e in doc.ents}
    assert ents == {
        ("Ani Wijaya", "PER"),
        ("Surabaya", "LOC"),
        ("Badan Kepegawaian Negara", "ORG"),
        ("Dedi", "PER"),
        ("Medan", "LOC"),
        ("PPP", "ORG"),
    }
    assert (tmp_path / "bins" / "test-nergrit.spacy").is_file()
    assert (tmp_path / "bins" / "test-idner-news-2k.spacy").is_file()


def test_official_sentences_recombine_training_entities(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text(NERGRIT_SAMPLE, "utf-8")
    train = read_conll(path)
    synthetic = official_sentences(train, 30, seed=1)
    assert len(synthetic) == 30
    assert official_sentences(train, 30, seed=1) == synthetic  # reproducible
    for sent in synthetic:
        assert len(sent.words) == len(sent.tags)
        text = " ".join(sent.words)
        assert any(title in text for title in TITLES)
        people = [w for w, t in zip(sent.words, sent.tags, strict=True) if t.endswith("PER")]
        places = [w for w, t in zip(sent.words, sent.tags, strict=True) if t.endswith("LOC")]
        assert " ".join(people) == "Ani Wijaya"  # the sample's only person
        assert set(places) == {"Surabaya"}  # and its only place
        assert "ORG" not in " ".join(sent.tags)


def test_official_sentences_need_people_and_places(tmp_path):
    path = tmp_path / "o.txt"
    path.write_text("Kantor\tO\nBKN\tB-ORGANISATION\n", "utf-8")
    assert official_sentences(read_conll(path), 10) == []


def test_shared_corpora_read_with_expected_sizes(shared_dir):
    data = shared_dir / "ner"
    if not data.is_dir():
        pytest.skip("../shared/ner is absent")
    corpora = {c.name: c for c in find_corpora(data)}
    sents = read_conll(data / corpora["idner-news-2k"].folder / "test.txt")
    assert len(sents) == 509
    assert sum(len(s.words) for s in sents) == 10588


# --- the train-ner command -----------------------------------------------------------------


def _kabar(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kabar.crawler.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_train_ner_end_to_end_on_tiny_corpus(tmp_path):
    import spacy

    data = _write_corpora(tmp_path / "data")
    out = tmp_path / "model"
    result = _kabar("train-ner", "--data", str(data), "--out", str(out), "--max-steps", "20")
    assert result.returncode == 0, result.stderr
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    scores = json.loads((out / "scores.json").read_text("utf-8"))
    assert set(scores["test"]) == {"nergrit", "idner-news-2k"}
    assert scores["training"]["corpora"]["nergrit"]["train"]["sentences"] == 2


def test_train_ner_missing_data_dir_is_a_clear_error(tmp_path):
    result = _kabar("train-ner", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "m"))
    assert result.returncode != 0
    assert "NER data directory not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m").exists()


@pytest.mark.slow
def test_train_ner_malformed_corpus_is_a_clear_error(tmp_path):
    data = _write_corpora(tmp_path / "data", nergrit="Ani\tB-HUMAN\n")
    result = _kabar("train-ner", "--data", str(data), "--out", str(tmp_path / "m"))
    assert result.returncode != 0
    assert "B-HUMAN" in result.stderr
    assert "Traceback" not in result.stderr
