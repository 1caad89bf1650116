"""Read the Indonesian NER corpora (CoNLL-style, BIO tags) and write spaCy DocBin files.

Two corpora are known, each in its own folder under the data directory (``../shared/ner``):

* ``nergrit_ner-grit/`` (NERGrit via IndoNLU): ``token<TAB>tag``; labels PERSON, PLACE, ORGANISATION.
* ``idner-news-2k/`` (Khairunnisa et al. 2020): ``token UPOS tag`` (space-separated, CRLF);
  labels PER, ORG, LOC.

Both use BIO tags with one token a line and a blank line between sentences; the reader takes the
first column as the token and the last as the tag, so either layout works. Labels are mapped onto
kabar's three: PER, ORG, LOC. Documents are built on the given tokens
(``Doc(vocab, words=..., spaces=...)``) so the gold spans line up exactly with the annotation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "PLACE": "LOC",
}
LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")
SPLITS: tuple[str, ...] = ("train", "dev", "test")


@dataclass(frozen=True)
class Corpus:
    """One corpus: its folder under the data directory and its file for each split."""

    name: str
    folder: str
    files: dict[str, str]


CORPORA: tuple[Corpus, ...] = (
    Corpus(
        "nergrit",
        "nergrit_ner-grit",
        {"train": "train_preprocess.txt", "dev": "valid_preprocess.txt", "test": "test_preprocess.txt"},
    ),
    Corpus("idner-news-2k", "idner-news-2k", {"train": "train.txt", "dev": "dev.txt", "test": "test.txt"}),
)


class CorpusError(ValueError):
    """The data directory or one of its files is missing or not in the expected format."""


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]  # BIO tags with kabar's labels, e.g. "B-PER", "I-PER", "O"


def _map_tag(raw: str, where: str) -> str:
    """Map one corpus tag ("B-PERSON", "I-LOC", "O") onto kabar's labels, or raise CorpusError."""
    if raw == "O":
        return "O"
    prefix, sep, label = raw.partition("-")
    if not sep or prefix not in ("B", "I") or label not in LABEL_MAP:
        raise CorpusError(
            f"{where}: unknown NER tag {raw!r} (expected O, B-X or I-X with X in {sorted(LABEL_MAP)})"
        )
    return f"{prefix}-{LABEL_MAP[label]}"


def read_conll(path: Path) -> list[Sentence]:
    """Read a CoNLL-style BIO file: token first column, tag last column, blank line between sentences.

    An ``I-X`` tag that does not continue an entity of the same label starts one (IOB1 style), so
    a loosely tagged file still yields well-formed spans.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"corpus file not found: {path}")
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text ({exc})") from None
    for lineno, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            if words:
                sentences.append(Sentence(words, tags))
                words, tags = [], []
            continue
        where = f"{path}:{lineno}"
        if len(fields) < 2:
            raise CorpusError(f"{where}: expected 'token ... tag', got {line.strip()!r}")
        tag = _map_tag(fields[-1], where)
        if tag.startswith("I-") and (not tags or tags[-1] == "O" or tags[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        words.append(fields[0])
        tags.append(tag)
    if words:
        sentences.append(Sentence(words, tags))
    if not sentences:
        raise CorpusError(f"{path}: no sentences found")
    return sentences


def find_corpora(data_dir: Path) -> list[Corpus]:
    """The known corpora under ``data_dir``; CorpusError if there are none or one is incomplete."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise CorpusError(f"NER data directory not found: {data_dir}")
    found = [c for c in CORPORA if (data_dir / c.folder).is_dir()]
    if not found:
        expected = ", ".join(f"{c.folder}/" for c in CORPORA)
        raise CorpusError(f"{data_dir}: no NER corpus found (expected at least one of {expected})")
    for corpus in found:
        missing = [f for f in corpus.files.values() if not (data_dir / corpus.folder / f).is_file()]
        if missing:
            raise CorpusError(f"{data_dir / corpus.folder}: missing {', '.join(missing)}")
    return found


def load_split(data_dir: Path, corpus: Corpus, split: str) -> list[Sentence]:
    return read_conll(Path(data_dir) / corpus.folder / corpus.files[split])


def to_docs(sentences: Iterable[Sentence], vocab):
    """spaCy Docs on the given tokens, one per sentence, with the gold entities set."""
    from spacy.tokens import Doc

    docs = []
    for sent in sentences:
        spaces = [True] * len(sent.words)
        spaces[-1] = False
        docs.append(Doc(vocab, words=sent.words, spaces=spaces, ents=sent.tags))
    return docs


def write_docbins(
    data_dir: Path,
    out_dir: Path,
    *,
    synthesise: Callable[[list[Sentence]], list[Sentence]] | None = None,
) -> dict[str, dict[str, dict[str, int]]]:
    """Write ``train.spacy`` and ``dev.spacy`` (all corpora) and ``test-<corpus>.spacy`` (one per corpus).

    ``synthesise`` turns the training sentences into synthetic ones (those naming officials, from
    :mod:`extract.ner.augment`, passed in by the trainer so this module does not depend on it); they
    are added to train only.
    Returns the counts per corpus and split: ``{corpus: {split: {"sentences", "tokens", "entities"}}}``
    (the synthetic ones under ``"synthetic"``).
    """
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("id")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    combined = {"train": DocBin(), "dev": DocBin()}
    counts: dict[str, dict[str, dict[str, int]]] = {}
    train_sentences: list[Sentence] = []
    for corpus in find_corpora(data_dir):
        counts[corpus.name] = {}
        for split in SPLITS:
            sentences = load_split(data_dir, corpus, split)
            if split == "train":
                train_sentences += sentences
            docs = to_docs(sentences, nlp.vocab)
            counts[corpus.name][split] = {
                "sentences": len(docs),
                "tokens": sum(len(d) for d in docs),
                "entities": sum(len(d.ents) for d in docs),
            }
            if split == "test":
                DocBin(docs=docs).to_disk(out_dir / f"test-{corpus.name}.spacy")
            else:
                for doc in docs:
                    combined[split].add(doc)
    if synthesise is not None:
        docs = to_docs(synthesise(train_sentences), nlp.vocab)
        counts["synthetic"] = {
            "train": {
                "sentences": len(docs),
                "tokens": sum(map(len, docs)),
                "entities": sum(len(d.ents) for d in docs),
            }
        }
        for doc in docs:
            combined["train"].add(doc)
    for split, docbin in combined.items():
        docbin.to_disk(out_dir / f"{split}.spacy")
    return counts
