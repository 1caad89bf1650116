"""The spaCy pipeline used by the fact rules: ``spacy.blank("id")`` plus an EntityRuler.

Built once per process from the vocabulary files (titles and regions become EntityRuler
phrase patterns, matched on lower-cased tokens).  Two measured speed fixes:

* the language is :class:`extract.spacy_id.KabarIndonesian`, without the ~16,000 tokenizer
  exceptions that cost seconds at start-up and ~4 ms per article (0.2 ms without them);
* the tokenizer cache is raised from 10,000 chunks, and callers replace "\\n" by " " before
  tokenising (same length, so offsets hold) because a newline makes the tokenizer re-scan.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kabar.extract.facts.vocab import load
from kabar.extract.spacy_id import KabarIndonesian

TOKENIZER_CACHE = 200_000


@lru_cache(maxsize=1)
def pipeline():
    """The cached ``Language``: tokenizer + EntityRuler (labels TITLE and REGION)."""
    nlp = KabarIndonesian()
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE  # type: ignore[union-attr]  # a Tokenizer
    vocab = load()
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = [{"label": "TITLE", "pattern": t.form, "id": key} for key, t in vocab.titles.items()]
    patterns += [{"label": "REGION", "pattern": r.form, "id": key} for key, r in vocab.regions.items()]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]  # an EntityRuler
    if patterns:
        # EntityRuler.match() counts every pattern list of the ruler on each document, only to
        # warn when there are none (~0.3 ms an article with ~800 titles and regions); these never
        # change after this point, so the check is done once, here.
        ruler._require_patterns = _patterns_present  # type: ignore[attr-defined]
    return nlp


def _patterns_present() -> None:
    """The ruler's emptiness check, already passed (see :func:`pipeline`)."""


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
