"""The spaCy pipeline used by the fact rules: ``spacy.blank("id")`` plus an EntityRuler.

Built once per process from the vocabulary files (titles and regions become EntityRuler
phrase patterns, matched on lower-cased tokens).  Two measured speed fixes:

* the Indonesian tokenizer ships ~16,000 special cases, ~15,600 of them hyphenated
  reduplications ("anak-anak") and ~130 emoticons; special cases holding punctuation make the
  tokenizer run its special-case matcher over every chunk, so a 4 KB article takes ~4-5 ms
  even from a warm cache, and ~0.2 ms with only the alphanumeric ones (abbreviations such as
  "S.H.", "dll.").  The rules here need neither reduplications nor emoticons as one token;
* the tokenizer cache is raised from 10,000 chunks, and callers replace "\\n" by " " before
  tokenising (same length, so offsets hold) because a newline makes the tokenizer re-scan.
"""

from __future__ import annotations

from functools import lru_cache

from extract.facts.vocab import load

TOKENIZER_CACHE = 200_000


@lru_cache(maxsize=1)
def pipeline():
    """The cached ``Language``: tokenizer + EntityRuler (labels TITLE and REGION)."""
    import spacy

    nlp = spacy.blank("id")
    tokenizer = nlp.tokenizer
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k.replace(".", "").isalnum()}
    tokenizer.max_cache_size = TOKENIZER_CACHE
    vocab = load()
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = [{"label": "TITLE", "pattern": t.form, "id": key} for key, t in vocab.titles.items()]
    patterns += [{"label": "REGION", "pattern": r.form, "id": key} for key, r in vocab.regions.items()]
    ruler.add_patterns(patterns)
    return nlp


def parse(text: str):
    """A Doc of ``text`` with newlines blanked (offsets unchanged)."""
    return pipeline()(text.replace("\n", " "))
