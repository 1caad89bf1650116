"""Pledge themes of each pledge point.

Post-processes the facts of one article (:func:`add_themes`):

* ``pledge_themes``: one entry per (point, theme) with the words that gave the theme, from the
  taxonomy in ``extract/data/pledge_themes.tsv`` ("tidak mengunggah konten kampanye di media
  sosial" -> kampanye_partisan "kampanye", media_sosial "media sosial").  Four wordings of the
  same social-media commitment share the theme ``media_sosial``, so they count as one
  commitment in the report.

(A figure's kind, people/reports/money/percent/other, is given by the figures extractor:
:func:`extract.facts.figures.figure_kind`.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extract.facts.vocab import VocabError, read_rows


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    evidence: re.Pattern[str]


@lru_cache(maxsize=1)
def themes() -> list[Theme]:
    """The taxonomy, one entry per theme (rows of a theme joined), in file order."""
    labels: dict[str, str] = {}
    patterns: dict[str, list[str]] = {}
    for key, label, evidence, *_ in read_rows("pledge_themes.tsv", 3):
        labels.setdefault(key, label)
        patterns.setdefault(key, []).append(evidence)
    out = []
    for key, alternatives in patterns.items():
        try:
            regex = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
        except re.error as exc:
            raise VocabError(f"pledge_themes.tsv: bad evidence pattern for {key!r}: {exc}") from exc
        out.append(Theme(key, labels[key], regex))
    return out


def point_themes(point: str) -> list[tuple[str, str]]:
    """(theme, evidence words) of one pledge point; evidence = the matches joined by ", "."""
    found = []
    for theme in themes():
        words = list(dict.fromkeys(m.group(0) for m in theme.evidence.finditer(point)))
        if words:
            found.append((theme.key, ", ".join(words)))
    return found


def add_themes(facts: dict[str, Any]) -> None:
    """Add ``pledge_themes`` to ``facts`` in place."""
    facts["pledge_themes"] = [
        {"point": i, "theme": key, "evidence": evidence}
        for i, point in enumerate(facts.get("pledge_points") or [])
        for key, evidence in point_themes(point)
    ]
