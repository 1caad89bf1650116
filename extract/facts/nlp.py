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

import re
from functools import lru_cache

from extract.facts.vocab import load

TOKENIZER_CACHE = 200_000


def _indonesian():
    """``spacy.blank("id")`` with only the alphanumeric tokenizer exceptions.

    Loading the ~16,000 exceptions costs 3-8 s at start-up (each one is tokenised on load) and
    ~4 ms per article afterwards (see the module docstring), so the Indonesian defaults are
    subclassed, the documented way to customise a language, with the exceptions filtered.
    """
    from spacy.lang.id import Indonesian

    class _Defaults(Indonesian.Defaults):
        tokenizer_exceptions = {
            k: v for k, v in Indonesian.Defaults.tokenizer_exceptions.items() if k.replace(".", "").isalnum()
        }

    class KabarIndonesian(Indonesian):
        Defaults = _Defaults

    return KabarIndonesian()


@lru_cache(maxsize=1)
def pipeline():
    """The cached ``Language``: tokenizer + EntityRuler (labels TITLE and REGION)."""
    nlp = _indonesian()
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    vocab = load()
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = [{"label": "TITLE", "pattern": t.form, "id": key} for key, t in vocab.titles.items()]
    patterns += [{"label": "REGION", "pattern": r.form, "id": key} for key, r in vocab.regions.items()]
    ruler.add_patterns(patterns)
    return nlp


_LONG_RUN = re.compile(r"[^\s]{60}")


def tokenizer_safe(text: str) -> str:
    """``text`` with newlines blanked and very long space-free runs broken, same length.

    spaCy's tokenizer strips prefixes and suffixes one character at a time from a chunk
    between spaces, which is quadratic in the chunk: 8,000 "(" in a row took a minute.  No
    word, name or date is 60 characters long, so a space is put in place of every 60th
    character of such a run (URLs and junk only); replacing one character with one keeps every
    offset valid.
    """
    return _LONG_RUN.sub(lambda m: m.group(0)[:-1] + " ", text.replace("\n", " "))


def parse(text: str):
    """A Doc of ``text`` (see :func:`tokenizer_safe`; offsets unchanged)."""
    return pipeline()(tokenizer_safe(text))
