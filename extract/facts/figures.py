"""Figures: counted things with their number ("450 ASN dilaporkan", "1.398 kasus", "24 kecamatan").

A figure is a number followed by a counted noun: one from ``units.tsv`` (optionally through a
classifier: "450 personel ASN"), or any lower-case noun phrase of up to three words that the
file does not list as ``not_unit`` ("1.450 alat peraga kampanye", "269 desa/kelurahan"); a
bracketed abbreviation after such a phrase is the unit reported ("3.118 tempat pemungutan suara
(TPS)" -> TPS).  Left out: years ("Pemilu 2024"), dates, regulation numbers ("PP 94 tahun
2021"), ages, durations and percentages (``not_unit`` words), list numbers, numbers after
"Nomor", "Pasal", "ke-" and the like, a number that points back to one already given ("Dari
total 450 laporan itu"), and open-vocabulary phrases in subheadings ("6 faktor pelanggaran"
heads a listicle section, it reports nothing).

Numbers are read the Indonesian way: "." groups thousands (1.398 = 1398), "," is the decimal
mark (1,5 juta = 1500000).  Numbers written as words ("tiga laporan", "dua belas ASN",
``number_words.tsv``) count only before a unit the vocabulary knows.  Each figure gets a
``kind`` (``figure_kinds.tsv``: people, reports, money, percent; anything else is other) so that
an analyst never ranks a price with a count of violations.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kabar.extract.facts.vocab import _rows, load

_SCALE = {"ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
          "triliun": 1_000_000_000_000}  # fmt: skip
_NUMBER = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_SKIP_BEFORE = re.compile(
    r"(?<![\w-])(?:nomor|no\.?|nomer|pasal|ayat|ke-|tahun|thn\.?|pukul|jam|tanggal|tgl\.?|rt|rw|kode|"
    r"pp|uu|perpres|permen\w*|perda|perkada|se|pemilu|pilkada|pileg|pilpres|pemilihan|periode|ta)\s*$",
    re.IGNORECASE,
)
# "salah satu peserta" (one of the participants) counts nothing
_NOT_A_COUNT = re.compile(r"\b(?:salah|para|kedua|ketiga|per)\s+$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"^\s*(?:itu|tersebut|tadi)\b", re.IGNORECASE)
# "lima orang per kecamatan", "tiga personel setiap TPS": people allotted to each place, a quota,
# not a count of anyone (money, percentages and goods per day are kept: "Rp 2.200.000 per bulan",
# "2.000 nasi bungkus per hari" are the figures)
_RATE = re.compile(r"\s+(?:per|tiap|setiap)\s+\w", re.IGNORECASE)


def _is_rate(text: str, end: int, unit: str) -> bool:
    return figure_kind(unit) == "people" and bool(_RATE.match(text, end))


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern[str]:
    vocab = load()
    units = sorted((u for u, role in vocab.units.items() if role != "not_unit"), key=len, reverse=True)
    classifiers = [u for u in units if vocab.units[u] == "classifier"]
    alt = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in units)
    cls = "|".join(re.escape(c) for c in classifiers)
    return re.compile(
        r"(?<![\w.,/-])(?P<rp>Rp\.?[^\S\n]?)?"
        + _NUMBER
        + r"(?:[^\S\n]*(?P<scale>ribu|juta|miliar|milyar|triliun))?"
        r"(?:[^\S\n]+(?P<cls>" + cls + r"))?(?:[^\S\n]*(?P<unit>(?:" + alt + r")(?:/[a-z]+)*))?(?![\w-])",
        re.IGNORECASE,
    )


# the open-vocabulary unit: lower-case words ("alat peraga kampanye", "desa/kelurahan")
_PHRASE_WORD = re.compile(r"[^\S\n]+(?P<w>[a-z][a-z]*(?:[/-][a-z]+)*)(?![\w-])")
_ABBREV_AFTER = re.compile(r"[^\S\n]*\((?P<abbr>[A-Z][A-Za-z]{1,9})\)")
# words that end a noun phrase: function words and verbs (me-/ber-/di-/ter- forms)
_FUNCTION = {
    "dan", "atau", "serta", "yang", "di", "ke", "dari", "pada", "untuk", "dengan", "dalam", "oleh",
    "itu", "ini", "tersebut", "tadi", "telah", "sudah", "akan", "masih", "juga", "pun", "hingga",
    "sampai", "sejak", "sebagai", "karena", "bagi", "per", "se", "lainnya", "lain", "tetapi", "namun",
    "sedangkan", "adalah", "ialah", "merupakan", "ada", "tidak", "belum", "mulai", "antara", "atas",
    "terhadap", "tentang", "agar", "supaya", "saat", "ketika", "setelah", "sebelum", "selama", "secara",
    "baik", "kini", "hanya", "saja", "lebih", "kurang", "masing-masing", "setiap", "tiap", "semua", "kepada",
    "seluruh", "para", "bahkan", "sekaligus", "kemudian", "yakni", "yaitu", "sebelumnya", "sekarang",
}  # fmt: skip
# me-/ber-/di-/ter- verbs end the phrase after its first word ("1.373 ASN terbukti"); not ke-:
# "kecamatan", "kegiatan" are nouns
_VERB = re.compile(r"(?:me|ber|di|ter)\w{4,}(?:kan|i|an)?$|(?:me[mn]|meng|meny|ber|ter)\w{3,}$")
MAX_PHRASE_WORDS = 3


def _open_unit(text: str, pos: int) -> tuple[str, int] | None:
    """An open-vocabulary unit right after ``pos``: (unit, end) or None."""
    not_units = {u for u, role in load().units.items() if role == "not_unit"}
    words: list[str] = []
    end = pos
    while len(words) < MAX_PHRASE_WORDS:
        m = _PHRASE_WORD.match(text, end)
        if not m:
            break
        word = m["w"]
        if word in _FUNCTION or word in not_units or (words and _VERB.match(word)):
            break
        words.append(word)
        end = m.end()
    if not words:
        return None
    abbr = _ABBREV_AFTER.match(text, end)
    if abbr:
        return abbr["abbr"], abbr.end()
    return " ".join(words), end


def _is_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2099


def _in_heading(text: str, pos: int) -> bool:
    """Is ``pos`` in a line without a closing stop (a subheading, not prose)?"""
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1 : end if end >= 0 else len(text)].rstrip()
    return line[-1:] not in '.!?"”)'


def parse_number(raw: str) -> float:
    """Indonesian number text to a value: "1.398" -> 1398, "1,5" -> 1.5."""
    return float(raw.replace(".", "").replace(",", "."))


_CLAUSE_END = re.compile(r"[.;:](?=\s|$)|[\n\"“”]")


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a figure: from the last , ; . or quote before it to the next one."""
    # a stop ends a clause only before a space or the line's end: "3.412" is one number
    lefts = [m.start() for m in _CLAUSE_END.finditer(text, max(0, start - 400), start)]
    left = lefts[-1] if lefts else max(-1, text.rfind("\n", 0, start))
    left = max(left, text.rfind(", ", 0, start) if start - text.rfind(", ", 0, start) < 60 else -1)
    right_match = _CLAUSE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    comma = text.find(", ", end)
    if 0 <= comma < right and comma - end > 25:
        right = comma
    clause = text[left + 1 : right].strip(" ,")
    words = clause.split()
    return " ".join(words[:20])


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    kinds = {}
    for kind, unit, *_ in _rows("figure_kinds.tsv", 2):
        if kind not in ("people", "reports", "money", "percent", "other"):
            raise ValueError(f"figure_kinds.tsv: bad kind {kind!r} for {unit!r}")
        kinds[unit.lower()] = kind
    return kinds


def figure_kind(unit: str) -> str:
    """people | reports | money | percent | other, from the unit as reported."""
    kinds = _kinds()
    low = re.sub(r"nya$", "", unit.lower())  # "48 personelnya"
    words = low.split() or [""]
    # the head noun comes first in Indonesian ("kantor camat" counts offices, "kepala OPD" people)
    by_word = kinds.get(words[0]) or kinds.get(words[-1], "other")
    return kinds.get(low) or kinds.get(low.split("/")[0]) or by_word


@lru_cache(maxsize=1)
def _number_words() -> dict[str, tuple[int, str]]:
    return {word.lower(): (int(value), role) for word, value, role, *_ in _rows("number_words.tsv", 3)}


@lru_cache(maxsize=1)
def _word_figure_re() -> re.Pattern[str]:
    """A run of number words, maybe a classifier, and a unit the vocabulary knows."""
    vocab = load()
    words = "|".join(sorted(_number_words(), key=len, reverse=True))
    units = sorted((u for u, role in vocab.units.items() if role != "not_unit"), key=len, reverse=True)
    classifiers = "|".join(re.escape(u) for u in units if vocab.units[u] == "classifier")
    alt = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in units)
    return re.compile(
        r"(?<![\w-])(?P<words>(?:" + words + r")(?:[^\S\n]+(?:" + words + r"))*)"
        r"(?:[^\S\n]+(?P<cls>" + classifiers + r"))?[^\S\n]+(?P<unit>" + alt + r")(?![\w-])",
        re.IGNORECASE,
    )


def words_value(words: str) -> int | None:
    """ "dua belas" -> 12, "tiga ratus dua puluh" -> 320; None for a run that is no number."""
    table = _number_words()
    total = current = 0
    for word in words.lower().split():
        value, role = table[word]
        if role == "digit":
            current += value
        elif role == "whole" and value >= 100:
            if value == 1000:
                total = (total + current + 1) * 1000 if current else (total + 1) * 1000
            else:
                total += 100
            current = 0
        elif role == "whole":
            current += value
        elif role == "teen" and 0 < current < 10:
            current += 10
        elif role == "tens" and 0 < current < 10:
            current *= 10
        elif role == "hundreds" and 0 < current < 10:
            total += current * 100
            current = 0
        elif role == "thousands" and (total or current):
            total = (total + current) * 1000
            current = 0
        else:
            return None
    return total + current or None


def _add(found: list[dict], seen: set, text: str, value: float, unit: str, start: int, end: int) -> None:
    key = (value, unit.lower())
    if key in seen or any(f["start"] <= start < f["end"] for f in found):
        return
    seen.add(key)
    context = _clause(text, start, end)
    found.append({"value": value, "unit": unit, "kind": figure_kind(unit), "context": context,
                  "text": text[start:end], "start": start, "end": end})  # fmt: skip


def find_figures(text: str) -> list[dict]:
    """Figures as ``{value, unit, kind, context, text, start, end}``, first mention of each kept."""
    vocab = load()
    found: list[dict] = []
    seen: set[tuple[float, str]] = set()
    for m in _word_figure_re().finditer(text):
        value: float | None = words_value(m["words"])  # the digit loop below reuses it for floats
        before = text[max(0, m.start() - 12) : m.start()]
        if value is None or _BACK_REFERENCE.match(text[m.end() :]) or _NOT_A_COUNT.search(before):
            continue
        unit_word = m["unit"] or m["cls"]
        unit = vocab.unit_forms.get(re.sub(r"\s+", " ", unit_word.lower()), unit_word)
        if _is_rate(text, m.end(), unit):
            continue
        _add(found, seen, text, value, unit, m.start(), m.end())
    for m in _figure_re().finditer(text):
        unit_word = m["unit"] or m["cls"]
        end = m.end()
        if m["rp"]:
            unit = "rupiah"
        elif unit_word:
            unit = vocab.unit_forms.get(re.sub(r"\s+", " ", unit_word.lower()), unit_word)
        elif _is_year(m["num"]) or m["scale"] or _in_heading(text, m.start()):
            continue
        else:
            found_unit = _open_unit(text, m.end())
            if not found_unit:
                continue
            unit, end = found_unit
        if _SKIP_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        if _BACK_REFERENCE.match(text[end:]) or _is_rate(text, end, unit):
            continue
        value = parse_number(m["num"]) * _SCALE.get((m["scale"] or "").lower(), 1)
        if value.is_integer():
            value = int(value)
        key = (value, unit.lower())
        if key in seen:
            continue
        seen.add(key)
        found.append({"value": value, "unit": unit, "kind": figure_kind(unit),
                      "context": _clause(text, m.start(), end),
                      "text": text[m.start() : end].strip(), "start": m.start(), "end": end})  # fmt: skip
    found.sort(key=lambda f: f["start"])
    return found
