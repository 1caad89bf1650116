"""Pledge themes of each pledge point.

Post-processes the facts of one article (:func:`add_themes`):

* ``pledge_themes``: one entry per (point, theme) with the words that gave the theme, from the
  taxonomy in ``extract/data/pledge_themes.tsv`` ("tidak mengunggah konten kampanye di media
  sosial" -> kampanye_partisan "kampanye", media_sosial "media sosial").  Four wordings of the
  same social-media commitment share the theme ``media_sosial``, so they count as one
  commitment in the report.

A point takes the theme of what it commits to, not of whom it would benefit: a taxonomy row may
*yield* to other themes found on the same point (the file's ``yields`` column), so "tidak
menggunakan dana desa untuk kepentingan pasangan calon" is fasilitas_negara alone.  Readable
patterns rather than a trained classifier: a few hundred labelled points are too few to train
on, and every theme must be traceable to the words that gave it.

(A figure's kind, people/reports/money/percent/other, is given by the figures extractor:
:func:`extract.facts.figures.figure_kind`.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kabar.extract.facts.vocab import VocabError, read_rows

ANY = "*"


@dataclass(frozen=True)
class Evidence:
    """One row of the taxonomy: a pattern and the themes it yields to (``ANY`` = any other)."""

    pattern: re.Pattern[str]
    yields: frozenset[str]


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    evidence: tuple[Evidence, ...]


@lru_cache(maxsize=1)
def themes() -> list[Theme]:
    """The taxonomy, one entry per theme (its rows in file order), in file order."""
    labels: dict[str, str] = {}
    rows: dict[str, list[Evidence]] = {}
    for key, label, evidence, *rest in read_rows("pledge_themes.tsv", 3):
        labels.setdefault(key, label)
        yields = rest[0] if rest else "-"
        try:
            regex = re.compile(r"(?<![\w-])(?:" + evidence + r")(?![\w-])", re.IGNORECASE)
        except re.error as exc:
            raise VocabError(f"pledge_themes.tsv: bad evidence pattern for {key!r}: {exc}") from exc
        names = frozenset() if yields == "-" else frozenset(y.strip() for y in yields.split(","))
        rows.setdefault(key, []).append(Evidence(regex, names))
    unknown = {y for ev in rows.values() for e in ev for y in e.yields} - set(rows) - {ANY}
    if unknown:
        raise VocabError(f"pledge_themes.tsv: 'yields' names unknown themes {sorted(unknown)}")
    return [Theme(key, labels[key], tuple(ev)) for key, ev in rows.items()]


def point_themes(point: str) -> list[tuple[str, str]]:
    """(theme, evidence words) of one pledge point; evidence = the matches joined by ", ".

    Two passes, because a row's ``yields`` depends on the point's other themes: first every
    row's matches, then a row is dropped when the point has another theme it yields to
    (the partisan words of "tidak menggunakan dana desa untuk kepentingan pasangan calon" name
    whom the misuse would serve; the commitment is fasilitas_negara).
    """
    matched: list[tuple[str, Evidence, list[str]]] = []
    for theme in themes():
        for row in theme.evidence:
            words = [m.group(0) for m in row.pattern.finditer(point)]
            if words:
                matched.append((theme.key, row, words))
    keys = {key for key, _, _ in matched}
    found: dict[str, list[str]] = {}
    for key, row, words in matched:
        others = keys - {key}
        if (ANY in row.yields and others) or (row.yields & others):
            continue
        found.setdefault(key, []).extend(words)
    return [(key, ", ".join(dict.fromkeys(words))) for key, words in found.items()]


def add_themes(facts: dict[str, Any]) -> None:
    """Add ``pledge_themes`` to ``facts`` in place."""
    facts["pledge_themes"] = [
        {"point": i, "theme": key, "evidence": evidence}
        for i, point in enumerate(facts.get("pledge_points") or [])
        for key, evidence in point_themes(point)
    ]
