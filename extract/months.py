"""Month names and abbreviations (``extract/data/months.tsv``): the one month table of kabar.

Page dates (:mod:`extract.metadata`) read Indonesian and English forms; dates in article text
(:mod:`extract.facts.dates`) read the Indonesian ones only.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

MONTHS_FILE = Path(__file__).resolve().parent / "data" / "months.tsv"


@cache
def _rows() -> tuple[tuple[str, int, str], ...]:
    rows = []
    for number, line in enumerate(MONTHS_FILE.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        form, month, language = line.split("\t")
        if not (month.isdigit() and 1 <= int(month) <= 12 and language in ("id", "en")):
            raise ValueError(f"{MONTHS_FILE.name}:{number}: expected form<TAB>1-12<TAB>id|en, got {line!r}")
        rows.append((form, int(month), language))
    return tuple(rows)


def month_numbers(languages: Iterable[str] = ("id", "en")) -> dict[str, int]:
    """``{"januari": 1, "jan": 1, …}`` for the forms of ``languages``."""
    wanted = set(languages)
    return {form: month for form, month, language in _rows() if language in wanted}
