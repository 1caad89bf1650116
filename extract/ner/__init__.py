"""Statistical Indonesian NER: person, organisation and place names in article text.

The model is a small spaCy pipeline (blank ``id`` tokenizer, CNN tok2vec, transition-based NER)
trained by ``kabar train-ner`` on NERGrit and idner-news-2k and committed at
``extract/models/ner-id/``. Use :func:`person_spans` for char-offset spans; the rule extractors
use them to find officials' names.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner-id"

# spaCy's default of 10,000 cached chunks fills up on a few hundred articles; past that every
# new word is re-split against the ~16,000 Indonesian special cases.
TOKENIZER_CACHE_SIZE = 500_000

# Line breaks and tabs become plain spaces (one char for one, so offsets hold).
_WHITESPACE_TO_SPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


class NerModelMissing(RuntimeError):
    """The trained model is not where kabar expects it."""


@lru_cache(maxsize=1)
def load_ner():
    """Load the committed NER pipeline once per process (cached)."""
    if not (MODEL_DIR / "meta.json").is_file():
        raise NerModelMissing(
            f"NER model not found at {MODEL_DIR}; train it with 'kabar train-ner --data ../shared/ner'"
        )
    import spacy

    from kabar.extract.spacy_id import TOKENIZER_NAME  # registers the fast tokenizer

    # The saved tokenizer holds spaCy's ~16,000 Indonesian special cases (5 s to load); the
    # registered one without them builds in milliseconds and tokenises names the same way.
    nlp = spacy.load(
        MODEL_DIR, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}, exclude=["tokenizer"]
    )
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_SIZE  # type: ignore[union-attr]  # a Tokenizer
    return nlp


def person_spans(text: str) -> list[tuple[int, int, str]]:
    """Named entities in ``text`` as ``(start, end, label)`` char offsets, label PER, ORG or LOC.

    Despite the name (the contract's), all three labels are returned; filter on ``"PER"`` for
    people. Newlines (and CR, tab) are replaced by spaces before tokenising: same length, so
    offsets hold. spaCy's tokenizer otherwise makes whitespace tokens of them and sends chunks
    holding them down its slow path (past its cache and ~16,000 Indonesian special cases), and
    the model never saw such tokens in training.
    """
    if not text or not text.strip():
        return []
    nlp = load_ner()
    doc = nlp(text.translate(_WHITESPACE_TO_SPACE))
    return [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
