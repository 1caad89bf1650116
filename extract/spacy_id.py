"""Indonesian for spaCy without the ~16,000 tokenizer exceptions that make it slow to load.

``spacy.lang.id`` ships ~16,000 tokenizer special cases, ~15,600 of them hyphenated
reduplications ("anak-anak") and ~130 emoticons.  Each is tokenised when a pipeline is built
(3-8 s at start-up, twice for a saved model: once at init, once from disk) and special cases
holding punctuation make the tokenizer run its special-case matcher over every chunk
(~4 ms per article).  Neither the fact rules nor the NER need reduplications or emoticons as one
token, so both use these defaults, which keep only the alphanumeric exceptions (abbreviations
such as "S.H.", "dll.").  Subclassing the language's ``Defaults`` is spaCy's documented way to
customise a language; the registered tokenizer lets a saved model load with them.
"""

from __future__ import annotations

from spacy.lang.id import Indonesian
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

TOKENIZER_NAME = "kabar.IndonesianTokenizer.v1"


class _Defaults(Indonesian.Defaults):  # type: ignore[valid-type,misc]  # spaCy declares Defaults as a class attribute
    tokenizer_exceptions = {
        k: v for k, v in Indonesian.Defaults.tokenizer_exceptions.items() if k.replace(".", "").isalnum()
    }


class KabarIndonesian(Indonesian):
    """``spacy.blank("id")`` with only the alphanumeric tokenizer exceptions."""

    Defaults = _Defaults


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer():
    """The tokenizer factory of :class:`KabarIndonesian`, for ``[nlp.tokenizer]`` in a config."""

    def create(nlp) -> Tokenizer:
        defaults = _Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return create
