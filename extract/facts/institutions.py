"""Institution mentions (Pemkot Jakut, Kantor Imigrasi Cilacap, Bawaslu ...) and their full names.

Patterns and expansions come from ``institutions.tsv`` and ``regions.tsv``; the same matcher
also reads the unit inside an official's title ("Kepala Kantor Imigrasi Cilacap" -> "Kantor
Imigrasi Cilacap").  Which mention is *the* institution holding the event is decided in
:mod:`extract.facts.event` from position and agreement with the main official.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from kabar.extract.facts import regions
from kabar.extract.facts.prefilter import finditer
from kabar.extract.facts.vocab import load, region_kind


@dataclass(frozen=True)
class InstitutionMention:
    start: int
    end: int
    text: str  # as written, a bracketed abbreviation left out
    name: str  # full name
    kind: str
    is_short: bool
    short_form: str | None = None  # "Pemkot Bekasi" from "Pemerintah Kota (Pemkot) Bekasi"


# "(Pemkot)", "(Kanwil Kemenag)", "(BKPSDM)": an abbreviation in brackets inside a name
_BRACKET = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z.&-]*(?: [A-Z][A-Za-z.&-]*){0,2})\)")
# Bodies whose full name says "Provinsi" before the province ("KPU Provinsi DKI Jakarta")
_PROVINCIAL_KINDS = {"kpu", "bawaslu", "dinas", "badan"}


def _without_brackets(text: str) -> tuple[str, list[int], list[tuple[int, int, str]]]:
    """The text with bracketed abbreviations cut out, a map from its offsets to the original
    ones, and the cuts as (clean offset, original offset, abbreviation)."""
    clean: list[str] = []
    mapping: list[int] = []
    cuts: list[tuple[int, int, str]] = []
    pos = 0
    for m in _BRACKET.finditer(text):
        clean.append(text[pos : m.start()])
        mapping.extend(range(pos, m.start()))
        cuts.append((len(mapping), m.start(), m["abbr"]))
        pos = m.end()
    clean.append(text[pos:])
    mapping.extend(range(pos, len(text) + 1))
    return "".join(clean), mapping, cuts


def _adm(place: str) -> str:
    kind = region_kind(place)
    return "Administrasi " if kind in ("kota_adm", "kab_adm") else ""


def _expand_words(name: str) -> str:
    """Expand `abbr` words and region abbreviations inside a name written as-is, and say its
    `phrase` rows in their official form ("Rumah Tahanan Kelas I" is "Rumah Tahanan Negara ...")."""
    vocab = load()
    name = vocab.region_re.sub(lambda m: vocab.regions[m.group(0).lower()].full, name)
    name = " ".join(vocab.abbreviations.get(word, word) for word in name.split(" "))
    for phrase, official in vocab.phrases:
        name = phrase.sub(official, name)
    return name


def _provincial(kind: str, name: str) -> str:
    """ "Bawaslu DKI Jakarta" is "Bawaslu Provinsi DKI Jakarta", "BKPSDM Lombok Barat" is
    "BKPSDM Kabupaten Lombok Barat": say the level as the body does.  A regency or city gets
    its level word only where the code list knows one region of that name at that level and
    no province of it ("Bekasi" is a kabupaten and a kota: left as written)."""
    if kind not in _PROVINCIAL_KINDS:
        return name
    vocab = load()
    for m in vocab.region_re.finditer(name):
        if name[: m.start()].rstrip().endswith(("Provinsi", "Kota", "Kabupaten", "Administrasi")):
            continue
        region = vocab.regions[m.group(0).lower()]
        if region.kind == "provinsi":
            return name[: m.start()] + "Provinsi " + name[m.start() :]
        if region.kind in ("kota", "kabupaten") and m.end() == len(name):
            found = regions.candidates(m.group(0), level=2)
            if len(found) == 1 and not regions.candidates(m.group(0), level=1):
                return name[: m.start()] + found[0].type.capitalize() + " " + name[m.start() :]
    return name


def _jakarta(place: str) -> bool:
    """Jakarta is a province with no city of its name: its "Balai Kota" seats the province.
    (Bengkulu, Jambi, Gorontalo ... are cities too: "Kota Bengkulu" is the city.)"""
    region = load().regions.get(place.lower())
    full = region.full if region else place
    return region_kind(place) == "provinsi" and "Jakarta" in full


def full_name(kind: str, template: str, written: str, place: str | None) -> str:
    """The full name of a matched institution from its template."""
    if template == "-":
        return _provincial(kind, _expand_words(written))
    if "|" in template:  # "<for a regency or city>|<for a province>": "Kemenag Pidie", "Kemenag Jatim"
        local, provincial = template.split("|", 1)
        template = provincial if place and region_kind(place) == "provinsi" else local
    expanded_place = ""
    if place:
        region = load().regions.get(place.lower())
        expanded_place = region.full if region else place
    adm = _adm(place) if place else ""
    level_word = r"\b(Kabupaten|Kab\.|Kota|Provinsi) (?:Administrasi )?"
    written_level = re.search(level_word + re.escape(place or ""), written)
    level = {"kabupaten": "Kabupaten ", "kab_adm": "Kabupaten ", "kota": "Kota ", "kota_adm": "Kota ",
             "provinsi": "Provinsi "}.get(region_kind(place) or "", "") if place else ""  # fmt: skip
    if written_level and place:  # the level as the text writes it ("Kemenag Kota Bekasi")
        level = written_level.group(1).replace("Kab.", "Kabupaten") + " "
    template = template.replace("{level}", level)
    if kind in ("pemkot", "pemkab") and place and _jakarta(place):
        # "Balai Kota DKI Jakarta" is the seat of the province's government
        return f"Pemerintah Provinsi {expanded_place}"
    return template.replace("{adm}", adm).replace("{place}", expanded_place)


def _title_case_line(text: str, pos: int) -> bool:
    """Is ``pos`` in a headline-like line (most words capitalised)?  There a name's open run of
    capitalised words may run on into the headline's verb ("Dinas Pendidikan Gelar Festival")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = re.findall(r"[A-Za-z]\w*", text[start : end if end >= 0 else len(text)])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.75


def _headline_cut(written: str) -> str:
    """A name read from a headline, cut before the first word (after its first two) that no
    vocabulary file knows as a word of a unit, a region or an abbreviation."""
    vocab = load()
    words = written.split(" ")
    for i in range(2, len(words)):
        w = words[i]
        known = (w.lower() in vocab.unit_words or w.lower() in vocab.regions or w in vocab.abbreviations
                 or w == "dan" or (w.isupper() and len(w) > 1) or re.fullmatch(r"[IVX]+", w))  # fmt: skip
        if not known and not vocab.region_re.match(" ".join(words[i:])):
            return " ".join(words[:i])
    return written


def find_institutions(text: str, *, headline: bool = True) -> list[InstitutionMention]:
    """Every institution mention (see :func:`_find`); cached, as the officials walker, the
    institution choice and the title reader ask about the same strings.  ``headline=False``:
    ``text`` is an official's title, capitalised throughout, never a headline with a verb."""
    return list(_find(text, headline))


@lru_cache(maxsize=512)
def _find(text: str, headline: bool = True) -> tuple[InstitutionMention, ...]:
    """Every institution mention, longest match first at each position, non-overlapping.

    Names are matched with bracketed abbreviations cut out ("Kantor Wilayah Kementerian Agama
    (Kanwil Kemenag) Provinsi DKI Jakarta"); such an abbreviation plus the rest of the name gives
    the short form ("Kanwil Kemenag Provinsi DKI Jakarta").  Offsets are into ``text``.
    """
    clean, mapping, cuts = _without_brackets(text)
    hits: list[InstitutionMention] = []
    for pattern in load().institutions:
        if pattern.trigger and pattern.trigger not in clean:
            continue
        for m in finditer(pattern.regex, pattern.prefixes, clean):  # = pattern.regex.finditer(clean)
            written = m.group(0).rstrip(" ,.")
            group = next((k for k, v in m.groupdict().items() if k.startswith("place") and v), None)
            place = m.group(group) if group else None
            if (
                place
                and group
                and re.fullmatch(r"(?: [A-Z][a-z]+)+", clean[m.end(group) : m.end()].rstrip(" ,."))
            ):
                place += clean[m.end(group) : m.end()].rstrip(" ,.")  # "Desa Merak Batin": a two-word name
            if headline and pattern.template == "-" and not place and _title_case_line(clean, m.start()):
                written = _headline_cut(written)  # an open run of capitalised words, no place read
            words = written.split(" ")
            while len(words) > 2 and words[-1].lower() in load().ranks:  # "Lanud Iswahjudi Kolonel ..."
                words.pop()
            written = " ".join(words)
            if not written:
                continue
            c_start, c_end = m.start(), m.start() + len(written)
            name = full_name(pattern.kind, pattern.template, written, place)
            short = written if pattern.is_short else None
            for cut_at, _, abbr in cuts:
                if c_start < cut_at <= c_end and not short:
                    short = (abbr + " " + clean[cut_at:c_end].strip()).strip()
            start, end = mapping[c_start], mapping[c_end - 1] + 1
            hits.append(InstitutionMention(start, end, written, name, pattern.kind, short is not None, short))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    result: list[InstitutionMention] = []
    for hit in hits:
        if result and hit.start < result[-1].end:
            continue
        result.append(hit)
    return tuple(_as_defined(result, clean, mapping, cuts))


def _definitions(hits: list[InstitutionMention], clean: str, mapping: list[int],
                 cuts: list[tuple[int, int, str]]) -> dict[str, str]:  # fmt: skip
    """Abbreviations the text defines: "Komisi Aparatur Sipil Negara (KASN)" and "Badan
    Pengawas Pemilihan Umum (Bawaslu) Provinsi Jawa Tengah" define KASN and Bawaslu as the
    words before the bracket.  The text's own definition beats the vocabulary's expansion."""
    defined: dict[str, str] = {}
    if not cuts:  # no bracketed abbreviation, no definition (and no offset map to build)
        return defined
    starts = {h.start: h for h in hits}

    def clean_start(orig: int) -> int | None:  # mapping rises strictly: a bisect, not a dict of the text
        i = bisect_left(mapping, orig)
        return i if i < len(mapping) and mapping[i] == orig else None

    for cut_at, original, abbr in cuts:
        if " " in abbr:
            continue
        for start, hit in starts.items():
            c_start = clean_start(start)
            if c_start is not None and start < original <= hit.end + 1 and c_start < cut_at:
                words = clean[c_start:cut_at].strip()
                if len(words.split()) >= 2 and abbr not in words:
                    defined.setdefault(abbr, words)
    return defined


def _as_defined(hits: list[InstitutionMention], clean: str, mapping: list[int],
                cuts: list[tuple[int, int, str]]) -> list[InstitutionMention]:  # fmt: skip
    """Mentions written with an abbreviation the text defines get the text's full name
    ("KASN" after "Komisi Aparatur Sipil Negara (KASN)"), and count as short forms."""
    defined = _definitions(hits, clean, mapping, cuts)
    if not defined:
        return hits
    abbreviations = load().abbreviations
    result = []
    for hit in hits:
        abbr = hit.text.split(" ", 1)[0]
        # only where the name is the written words expanded (templates such as "Pemkot {place}"
        # already give the full name, with "Administrasi" where it belongs)
        expanded_here = abbr in abbreviations or abbr in hit.name.split()
        if abbr in defined and expanded_here and not hit.text.startswith(defined[abbr]):
            rest = hit.text[len(abbr) :]
            name = _provincial(hit.kind, _expand_words(defined[abbr] + rest))
            hit = replace(hit, name=name, is_short=True, short_form=hit.short_form or hit.text)
        result.append(hit)
    return result


def institution_in(title: str) -> str | None:
    """The full name of the unit inside a title ("Wali Kota Jaktim" -> its Pemkot), if any."""
    mentions = find_institutions(title, headline=False)
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
    secretary = re.match(
        r"(?:Sekretaris Daerah|Sekretaris Kota|Sekretaris Kabupaten|Asisten [A-Z][a-z]+(?: dan [A-Z][a-z]+)?"
        r"(?: Sekretaris (?:Daerah|Kota|Kabupaten))?)"
        r"\s+(?:(Provinsi|Kota|Kabupaten)\s+)?(?:Administrasi\s+)?(.+)$",
        title,
    )
    if secretary:  # the regional secretary serves the regional government
        level, place = secretary.group(1), secretary.group(2).strip()
        kind = {"Kota": "pemkot", "Kabupaten": "pemkab", "Provinsi": "pemprov"}.get(level or "") or {
            "provinsi": "pemprov",
            "kabupaten": "pemkab",
            "kab_adm": "pemkab",
        }.get(region_kind(place) or "", "pemkot")
        template = {"pemkot": "Pemerintah Kota {adm}{place}", "pemkab": "Pemerintah Kabupaten {adm}{place}",
                    "pemprov": "Pemerintah Provinsi {place}"}[kind]  # fmt: skip
        if load().region_re.fullmatch(place):
            return full_name(kind, template, place, place)
    local = re.match(
        r"(?:(?:Wakil|Penjabat|Pelaksana Tugas|Pelaksana Harian)\s+)*(Camat|Lurah)\s+(.+)$", title
    )
    if local:
        return ("Kecamatan " if local.group(1) == "Camat" else "Kelurahan ") + local.group(2)
    minister = re.match(r"Menteri\s+(.+)$", title)
    if minister:
        return "Kementerian " + minister.group(1)
    return None
