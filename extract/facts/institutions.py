"""Institution mentions (Pemkot Jakut, Kantor Imigrasi Cilacap, Bawaslu ...) and their full names.

Patterns and expansions come from ``institutions.tsv`` and ``regions.tsv``; the same matcher
also reads the unit inside an official's title ("Kepala Kantor Imigrasi Cilacap" -> "Kantor
Imigrasi Cilacap").  Which mention is *the* institution holding the event is decided in
:mod:`extract.facts.event` from position and agreement with the main official.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.facts.vocab import load, region_kind


@dataclass
class InstitutionMention:
    start: int
    end: int
    text: str  # as written
    name: str  # full name
    kind: str
    is_short: bool


def _adm(place: str) -> str:
    kind = region_kind(place)
    return "Administrasi " if kind in ("kota_adm", "kab_adm") else ""


def _expand_words(name: str) -> str:
    """Expand `abbr` words and region abbreviations inside a name written as-is."""
    vocab = load()
    name = vocab.region_re.sub(lambda m: vocab.regions[m.group(0).lower()].full, name)
    return " ".join(vocab.abbreviations.get(word, word) for word in name.split(" "))


def full_name(kind: str, template: str, written: str, place: str | None) -> str:
    """The full name of a matched institution from its template."""
    if template == "-":
        return _expand_words(written)
    expanded_place = ""
    if place:
        region = load().regions.get(place.lower())
        expanded_place = region.full if region else place
    adm = _adm(place) if place else ""
    if kind == "pemkab" and adm:  # Kepulauan Seribu: "Kabupaten Administrasi"
        adm = "Administrasi "
    return template.replace("{adm}", adm).replace("{place}", expanded_place)


def find_institutions(text: str) -> list[InstitutionMention]:
    """Every institution mention, longest match first at each position, non-overlapping."""
    hits: list[InstitutionMention] = []
    for pattern in load().institutions:
        for m in pattern.regex.finditer(text):
            written = m.group(0).rstrip(" ,.")
            if not written:
                continue
            place = next((v for k, v in m.groupdict().items() if k.startswith("place") and v), None)
            name = full_name(pattern.kind, pattern.template, written, place)
            hits.append(InstitutionMention(m.start(), m.start() + len(written), written, name,
                                           pattern.kind, pattern.is_short))  # fmt: skip
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    result: list[InstitutionMention] = []
    for hit in hits:
        if result and hit.start < result[-1].end:
            continue
        result.append(hit)
    return result


def institution_in(title: str) -> str | None:
    """The full name of the unit inside a title ("Wali Kota Jaktim" -> its Pemkot), if any."""
    mentions = find_institutions(title)
    if mentions:
        return max(mentions, key=lambda m: m.end - m.start).name
    head = re.match(r"(?:(?:Wakil|Penjabat|Pelaksana Tugas|Pelaksana Harian)\s+)*(Wali Kota|Bupati|Gubernur)"
                    r"(?:\s+Administrasi)?\s+(.+)$", title)  # fmt: skip
    if head:
        place = head.group(2).strip()
        kind = {"Wali Kota": "pemkot", "Bupati": "pemkab", "Gubernur": "pemprov"}[head.group(1)]
        template = {
            "pemkot": "Pemerintah Kota {adm}{place}",
            "pemkab": "Pemerintah Kabupaten {adm}{place}",
            "pemprov": "Pemerintah Provinsi {place}",
        }[kind]
        return full_name(kind, template, place, place)
    minister = re.match(r"Menteri\s+(.+)$", title)
    if minister:
        return "Kementerian " + minister.group(1)
    return None
