"""Stable identities: institutions (id, canonical name, parent, Kemendagri region) and people.

Post-processes the facts of one article (see :func:`add_identities`), so the extractors stay as
they are and every record carries ids that are the same across articles, outlets and spellings:

* ``institution.id`` is built from the institution's kind and the code of its region, plus its
  name without the place words where the kind alone does not say who it is: ``pemkot@31.72``
  for "Pemkot Jakut" and "Pemerintah Kota Administrasi Jakarta Utara", ``kpu@31`` for "KPU DKI"
  and "KPU DKI Jakarta", ``dinas:dinas-kesehatan@31``.  The rules per kind are data
  (``extract/data/institution_kinds.tsv``), the regions and codes come from the Kemendagri code
  list (:mod:`extract.facts.regions`).
* ``official.person_id`` is the name without titles, ranks and degrees, folded for case, accents,
  old spellings (Soeharto = Suharto) and doubled letters (Muhammad = Muhamad): ``per:juaini``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kabar.extract.facts import regions
from kabar.extract.facts.regions import Region
from kabar.extract.facts.vocab import DATA_DIR, VocabError, read_rows, read_sections


@dataclass(frozen=True)
class KindRule:
    level: int | None
    canonical: str  # template, or "-"
    parent: str  # territorial | same_up | local | -


@dataclass
class _Rules:
    kinds: dict[str, KindRule]
    synonyms: list[tuple[re.Pattern[str], str]]
    drop: list[re.Pattern[str]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    kinds, synonyms, drop = {}, [], []
    for cols in read_rows("institution_kinds.tsv", 2):
        if cols[0] == "synonym" and len(cols) >= 3:
            synonyms.append((re.compile(rf"(?<![\w-]){re.escape(cols[1])}(?![\w-])"), cols[2]))
        elif cols[0] == "drop":
            drop.append(re.compile(rf"(?<![\w-]){cols[1]}(?![\w-])"))
        elif len(cols) >= 4:
            level = None if cols[1] == "-" else int(cols[1])
            kinds[cols[0]] = KindRule(level, cols[2], cols[3])
        else:
            raise VocabError(f"institution_kinds.tsv: expected kind, level, canonical, parent: {cols!r}")
    return _Rules(kinds, synonyms, drop)


def area_name(region: Region) -> str:
    """The region as it follows an institution's name: "Provinsi Jawa Barat", "Kota Bekasi",
    "Kecamatan Cilincing", "Kelurahan Kalibaru"."""
    if region.level == 1:
        return f"Provinsi {region.name}"
    if region.level == 3:
        return f"Kecamatan {region.name}"
    if region.level == 4:
        return f"{region.type.capitalize()} {region.name}"
    return region.name


def _short_area(region: Region) -> str:
    """The region without its level word ("Jakarta Timur", "Jawa Barat")."""
    if region.level == 2:
        return re.sub(r"^(?:Kabupaten|Kota)(?: Administrasi)? ", "", region.name)
    return region.name


def _slug(text: str) -> str:
    return regions.norm(text).replace(" ", "-")


def _body_of(region: Region) -> str:
    """The id of the territorial body that governs ``region``."""
    kind = {1: "pemprov", 3: "kecamatan", 4: "kelurahan"}.get(region.level)
    if kind is None:
        kind = "pemkot" if region.type == "kota" else "pemkab"
    return f"{kind}@{region.code}"


def _parent_region(region: Region) -> Region | None:
    return regions.get(region.code.rsplit(".", 1)[0]) if "." in region.code else None


def _parent_id(kind: str, rule: KindRule, region: Region | None) -> str | None:
    if region is None:
        return kind if rule.parent == "same_up" and kind else None
    if rule.parent == "territorial":
        up = _parent_region(region)
        return _body_of(up) if up else None
    if rule.parent == "same_up":
        up = _parent_region(region)
        return f"{kind}@{up.code}" if up else kind
    if rule.parent == "local":
        return _body_of(region)
    return None


def resolve_institution(institution: dict[str, Any], context: list[Region]) -> dict[str, Any]:
    """Identity fields for one institution dict of the facts (``name``, ``kind`` …)."""
    name = institution.get("name") or institution.get("short") or ""
    kind = institution.get("kind") or "lainnya"
    rules = _rules()
    rule = rules.kinds.get(kind, KindRule(None, "-", "-"))
    level2_type = {"pemkot": "kota", "pemkab": "kabupaten"}.get(kind)
    region, span = None, None
    if rule.level != 0:  # 0: a national body, whatever place its name ends with
        region, span = regions.resolve(name, level=rule.level, level2_type=level2_type, context=context)
    if region is None and rule.level != 0 and institution.get("short"):
        region, _ = regions.resolve(institution["short"], level=rule.level, level2_type=level2_type,
                                    context=context)  # fmt: skip
    local_without_region = region is None and (
        rule.level not in (None, 0) or regions.LEVEL_PHRASE.search(name) is not None
    )
    if local_without_region:  # "Kecamatan Xyz" not in the code list: its name, never the bare kind
        canonical, ident = name, f"{kind}:{_slug(name)}"
    elif rule.canonical != "-":
        canonical = rule.canonical.format(
            area=area_name(region) if region else "", region=region.name if region else ""
        ).strip()
        ident = f"{kind}@{region.code}" if region else kind
    else:
        if region is not None and span is not None:
            written = name[span[0] : span[1]]
            official = area_name(region) if regions.LEVEL_PHRASE.match(written) else _short_area(region)
            canonical, core = name[: span[0]] + official + name[span[1] :], name[: span[0]] + name[span[1] :]
        else:
            canonical = core = name
        for pattern in rules.drop:
            core = pattern.sub(" ", core)
        for pattern, replacement in rules.synonyms:
            core = pattern.sub(replacement, core)
        ident = f"{kind}:{_slug(core)}" + (f"@{region.code}" if region else "")
    province = regions.get(region.province_code) if region else None
    return {
        "id": ident,
        "canonical": canonical or None,
        "parent_id": _parent_id(kind, rule, region),
        "region_code": region.code if region else None,
        "region_name": region.name if region else None,
        "region_level": region.type if region else None,
        "province_code": region.province_code if region else None,
        "province_name": province.name if province else None,
        "regency_code": region.regency_code if region else None,
    }


@dataclass
class _People:
    prefixes: set[str]
    suffixes: set[str]
    same: dict[str, str]


@lru_cache(maxsize=1)
def _people() -> _People:
    sections = read_sections("person_affixes.txt")
    for needed in ("prefix", "suffix", "same"):
        if needed not in sections:
            raise VocabError(f"{DATA_DIR / 'person_affixes.txt'}: no [{needed}] section")
    fold = _fold_word
    same = {}
    for line in sections["same"]:
        spellings = [fold(w) for w in line.split()]
        for word in spellings:
            same[word] = spellings[0]
    return _People(
        {w.replace(".", "") for w in sections["prefix"]},
        {w.replace(".", "") for w in sections["suffix"]},
        same,
    )


def _fold_word(word: str) -> str:
    """Old spellings and doubled letters folded: Soeharto -> suharto, Muhammad -> muhamad."""
    word = regions.norm(word).replace(" ", "")
    for old, new in (("oe", "u"), ("dj", "j"), ("tj", "c"), ("ch", "kh")):
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)


def person_id(name: str | None) -> str | None:
    """``per:<name key>``: the same for one person across articles and spellings of the name."""
    if not name:
        return None
    people = _people()
    words = [w for w in re.split(r"[\s,]+", name) if w]
    keys = [regions.norm(w).replace(" ", "") for w in words]
    while len(keys) > 1 and keys[0] in people.prefixes:
        words, keys = words[1:], keys[1:]
    kept = [w for i, (w, k) in enumerate(zip(words, keys, strict=True)) if i == 0 or k not in people.suffixes]
    folded = [people.same.get(f, f) for f in (_fold_word(w) for w in kept) if f]
    return "per:" + "-".join(folded) if folded else None


def add_identities(facts: dict[str, Any], text: str) -> None:
    """Add the identity fields to ``facts`` in place (institution, official, officials)."""
    institution = facts.get("institution")
    if institution:
        context = regions.mentioned(text[:5000])
        institution.update(resolve_institution(institution, context))
    for official in [facts.get("official"), *facts.get("officials", [])]:
        if official:
            official["person_id"] = person_id(official.get("name"))
