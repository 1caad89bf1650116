"""Figures: counted things with their number ("450 ASN dilaporkan", "1.398 kasus").

A figure is a number followed by a counted noun from ``units.tsv`` (optionally through a
classifier: "450 personel ASN").  That requirement alone keeps out years ("Pemilu 2024"),
dates, regulation numbers ("PP 94 tahun 2021"), list numbers and phone numbers; a number after
"Nomor", "Pasal", "ke-" and the like is skipped as well, and so is a number that points back to
one already given ("Dari total 450 laporan itu").

Numbers are read the Indonesian way: "." groups thousands (1.398 = 1398), "," is the decimal
mark (1,5 juta = 1500000).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.facts.vocab import load

_SCALE = {"ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
          "triliun": 1_000_000_000_000}  # fmt: skip
_NUMBER = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_SKIP_BEFORE = re.compile(
    r"(?:nomor|no\.?|nomer|pasal|ayat|ke-|tahun|thn\.?|pukul|jam|tanggal|tgl\.?|rt|rw|kode|"
    r"pp|uu|perpres|permen\w*|perda|perkada|se|pemilu|pilkada|pileg|pilpres|pemilihan|periode|ta)\s*$",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(r"^\s*(?:itu|tersebut|tadi)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern[str]:
    vocab = load()
    units = sorted(vocab.units, key=len, reverse=True)
    classifiers = [u for u in units if vocab.units[u] == "classifier"]
    alt = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in units)
    cls = "|".join(re.escape(c) for c in classifiers)
    return re.compile(
        r"(?<![\w.,/-])(?P<rp>Rp\.?[^\S\n]?)?"
        + _NUMBER
        + r"(?:[^\S\n]*(?P<scale>ribu|juta|miliar|milyar|triliun))?"
        r"(?:[^\S\n]+(?P<cls>" + cls + r"))?(?:[^\S\n]*(?P<unit>" + alt + r"))?(?![\w-])",
        re.IGNORECASE,
    )


def parse_number(raw: str) -> float:
    """Indonesian number text to a value: "1.398" -> 1398, "1,5" -> 1.5."""
    return float(raw.replace(".", "").replace(",", "."))


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a figure: from the last , ; . or quote before it to the next one."""
    left = max(text.rfind(ch, 0, start) for ch in '.;\n"“”:')
    left = max(left, text.rfind(", ", 0, start) if start - text.rfind(", ", 0, start) < 60 else -1)
    right_candidates = [i for i in (text.find(ch, end) for ch in '.;\n"“”') if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    comma = text.find(", ", end)
    if 0 <= comma < right and comma - end > 25:
        right = comma
    clause = text[left + 1 : right].strip(" ,")
    words = clause.split()
    return " ".join(words[:20])


def find_figures(text: str) -> list[dict]:
    """Figures as ``{value, unit, context, text, start, end}``, first mention of each kept."""
    vocab = load()
    found: list[dict] = []
    seen: set[tuple[float, str]] = set()
    for m in _figure_re().finditer(text):
        unit_word = m["unit"] or m["cls"]
        if m["rp"]:
            unit = "rupiah"
        elif unit_word:
            unit = vocab.unit_forms.get(re.sub(r"\s+", " ", unit_word.lower()), unit_word)
        else:
            continue
        if _SKIP_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        if _BACK_REFERENCE.match(text[m.end() :]):
            continue
        value = parse_number(m["num"]) * _SCALE.get((m["scale"] or "").lower(), 1)
        if value.is_integer():
            value = int(value)
        key = (value, unit.lower())
        if key in seen:
            continue
        seen.add(key)
        found.append({"value": value, "unit": unit, "context": _clause(text, m.start(), m.end()),
                      "text": m.group(0).strip(), "start": m.start(), "end": m.end()})  # fmt: skip
    return found
