"""Shared by the officials tests: what a sentence yields, as (name, title) pairs."""

from __future__ import annotations

from kabar.extract.facts.officials import find_officials


def official_pairs(text: str) -> list[tuple[str, str]]:
    """The officials of ``text`` in order, rules only (no NER model, so the tests run without it)."""
    return [(o.name, o.title) for o in find_officials(text, use_ner=False)]
