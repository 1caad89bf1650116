"""The domain vocabulary, read once from the analyst-editable files in ``extract/data/``.

Every rule in :mod:`extract.facts` takes its words from here, so teaching kabar a new title,
region, institution or cue is a one-line edit of a data file (formats: ``extract/data/README.md``
and the header comment of each file).  Loading is cached: the files are read and the regular
expressions compiled once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kabar.extract.facts.codelist import level2_names
from kabar.extract.facts.prefilter import LazyPattern, literal_prefixes
from kabar.extract.facts.shared_compile import PLACEHOLDERS
from kabar.extract.months import month_numbers

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

DAY_NAMES = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad")
MONTHS = month_numbers(("id",))  # extract/data/months.tsv, the Indonesian forms


class VocabError(ValueError):
    """A vocabulary file has a malformed line; the message names the file and line."""


def _rows(name: str, min_cols: int) -> list[list[str]]:
    """Non-comment, non-blank TAB-separated rows of a data file, checked for column count."""
    path = DATA_DIR / name
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < min_cols:
            raise VocabError(f"{path}:{number}: expected {min_cols} TAB-separated columns, got {line!r}")
        rows.append(cols)
    return rows


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a one-item-per-line data file."""
    text = (DATA_DIR / name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _sections(name: str) -> dict[str, list[str]]:
    """``[section]``-headed word lists of a text data file."""
    path = DATA_DIR / name
    sections: dict[str, list[str]] = {}
    current = None
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        elif current is None:
            raise VocabError(f"{path}:{number}: entry {line!r} before any [section] header")
        else:
            current.append(line.lower())
    return sections


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of ``words`` folded into a prefix tree ("Jakarta( Utara| Timur|...)").

    Python's ``re`` tries the branches of ``a|b|c`` one by one at every position; with ~150
    region names inside ~40 institution patterns that was most of the facts layer's time.  A
    prefix tree lets a position fail after its first character.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return "(?:" + build(trie) + ")"


def words_regex(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of whole words/phrases, longest first (so phrases beat words)."""
    alts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", flags)


@dataclass(frozen=True)
class Title:
    form: str
    expansion: str
    role: str  # modifier | head | needs_unit
    takes_place: bool = False  # "Wali Kota <place>", "Camat <place>"
    takes_org: bool = False  # "Pelatih <club> <name>", "CEO <company> <name>"
    takes_field: bool = False  # "pakar hukum tata negara <name>", "kuasa hukum tersangka, <name>"


@dataclass(frozen=True)
class Region:
    form: str
    full: str
    kind: str


@dataclass(frozen=True)
class InstitutionPattern:
    kind: str
    regex: LazyPattern
    template: str
    is_short: bool
    trigger: str | None = None  # a word every match starts with: skip the regex if it is absent
    prefixes: tuple[str, ...] | None = None  # every match begins with one (prefilter.finditer)


def _trigger(pattern: str) -> str | None:
    """The literal first word of a pattern without a top-level alternation, else None."""
    depth = 0
    for i, ch in enumerate(pattern):
        if ch == "\\":
            continue
        if ch == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and pattern[i - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
    m = re.match(r"[A-Za-z]{3,}", pattern)
    return m.group(0) if m else None


@dataclass
class Vocab:
    titles: dict[str, Title]  # lower-cased form -> Title
    unit_words: set[str]  # lower-cased words of organisational units (never in a name)
    unit_takes_place: set[str]  # unit words a place name follows ("Polres Kendal", "Desa Sukamaju")
    unit_takes_org: set[str]  # unit words an organisation's own name follows ("PT Pertamina", "Dewan Pers")
    ranks: set[str]  # ranks and honorifics before a name (ranks.txt), lower case
    rank_tails: set[str]  # second words of ranks, ranks only after one ("+madya" in ranks.txt)
    # first words of ranks written in full that are titles alone ("Komisaris Jenderal",
    # "Inspektur Polisi"): ranks only before a rank word ("komisaris>" in ranks.txt)
    rank_heads: set[str]
    name_prefixes: set[str]  # words that begin a name and stay in it (name_prefixes.txt): Lalu, Teuku
    possessor_nouns: set[str]  # "juru bicara keluarga N": N owns, does not hold (possessor_nouns.txt)
    degrees: set[str]  # degrees after a name, dots removed ([suffix] of person_affixes.txt): MM, SSos
    regions: dict[str, Region]  # lower-cased form -> Region
    region_re: re.Pattern[str]
    institutions: list[InstitutionPattern]
    abbreviations: dict[str, str]
    keep_in_titles: set[str]  # abbreviations left as written inside officials' titles
    phrases: list[tuple[re.Pattern[str], str]]  # a name's phrase written short -> its official form
    event_cues: list[tuple[str, float, re.Pattern[str]]]
    hostless_cues: list[re.Pattern[str]]  # events no ASN body holds (campaign rallies)
    speech_types: set[str]  # event types told by what was said (imbauan): flag `speech`
    occasion_cues: list[tuple[str, re.Pattern[str]]]  # (type, cue) naming the gathering: flag `occasion`
    pledge: dict[str, list[str]]
    units: dict[str, str]  # lower-cased word -> unit|classifier|not_unit
    unit_forms: dict[str, str]  # lower-cased word -> form as written in the file
    places: list[str]
    compiled: dict[str, re.Pattern[str]] = field(default_factory=dict)


def _place_regex(regions: dict[str, Region]) -> str:
    """``{place}``: a known region (longest first) or a capitalised word plus compass point.

    ``{region}`` in a pattern is the known regions only: used where the place is optional and
    a capitalised word after the name is more likely a person ("Anggota Bawaslu Puadi").
    """
    compass = r"(?: (?:Utara|Selatan|Timur|Barat|Tengah|Pusat|Raya))?"
    return (
        r"(?:"
        + trie_pattern([r.form for r in regions.values()])
        + r"(?![\w-])"
        + "|[A-Z][a-z]{2,}"
        + compass
        + ")"
    )


_LEVEL = r"(?:(?:Kabupaten|Kab\.|Kota|Provinsi) (?:Administrasi )?)?"
# no level is added where the pattern gives the level itself, or after a village-level body
# ("Kelurahan Kota Uneng": "Kota" is part of the place there)
_LEVEL_BEFORE = re.compile(
    r"(?:Kabupaten|Kota|Provinsi)[^{}]{0,40}$|(?:Kelurahan|Kecamatan|Desa|Pemdes|Dusun|Kampung|Nagari|Gampong)[^{}]{0,3}$"
)


# placeholders of {place} and {region} in the institution patterns' templates (shared_compile)
_SHARED = {"place": PLACEHOLDERS[0], "region": PLACEHOLDERS[1]}


@lru_cache(maxsize=1)
def load() -> Vocab:
    """Read and compile every vocabulary file (once per process)."""
    titles, unit_words, unit_takes_place, unit_takes_org = {}, set(), set(), set()
    for form, expansion, role, *rest in _rows("titles.tsv", 3):
        if role not in ("modifier", "head", "needs_unit", "unit"):
            raise VocabError(f"titles.tsv: bad role {role!r} for {form!r} (modifier/head/needs_unit/unit)")
        follows = rest[0] if rest else ""
        if follows not in ("", "place", "org", "field"):
            raise VocabError(f"titles.tsv: bad fourth column {follows!r} for {form!r} (place/org/field)")
        if role == "unit":
            unit_words.add(form.lower())
            if follows == "place":
                unit_takes_place.add(form.lower())
            elif follows == "org":
                unit_takes_org.add(form.lower())
            continue
        expanded = form if expansion == "-" else expansion
        titles[form.lower()] = Title(form, expanded, role, follows == "place", follows in ("org", "field"),
                                     follows == "field")  # fmt: skip
    regions = {}
    for form, full, kind, *_ in _rows("regions.tsv", 3):
        regions[form.lower()] = Region(form, form if full == "-" else full, kind)
    skipped = set(_lines("region_names_skipped.txt"))
    for name, kind in level2_names().items():  # the code list's kabupaten/kota, rows above win
        if name not in skipped:
            regions.setdefault(name.lower(), Region(name, name, kind))
    region_re = re.compile(r"(?<![\w-])" + trie_pattern([r.form for r in regions.values()]) + r"(?![\w-])")
    place = _place_regex(regions)
    known = region_re.pattern
    institutions, abbreviations, keep_in_titles = [], {}, set()
    phrases: list[tuple[re.Pattern[str], str]] = []
    for cols in _rows("institutions.tsv", 3):
        kind, pattern, full = cols[0], cols[1], cols[2]
        if kind == "phrase":  # "Rumah Tahanan" -> "Rumah Tahanan Negara" unless so written
            tail = full[len(pattern) :] if full.startswith(pattern) else ""
            guard = f"(?!{re.escape(tail)}(?![\\w-]))" if tail else ""
            phrases.append((re.compile(rf"(?<![\w-]){re.escape(pattern)}(?![\w-]){guard}"), full))
            continue
        if kind == "abbr":
            abbreviations[pattern] = full
            if len(cols) > 3 and cols[3] == "keep":
                keep_in_titles.add(pattern)
            continue
        try:
            # each {place}/{region} gets its own group: place0, place1 ...
            parts = re.split(r"\{(place|region)\}", pattern)
            body = template = parts[0]  # template: with a placeholder for each trie (shared_compile)
            for i in range(1, len(parts), 2):
                alternative = place if parts[i] == "place" else known
                # "Dinkes Kota Medan", "Kejari Kabupaten Bekasi": a level word may stand before
                # any place the pattern does not give one for (never read as the place itself)
                level = "" if _LEVEL_BEFORE.search(body) else _LEVEL
                body += f"{level}(?P<place{i}>{alternative})" + parts[i + 1]
                template += f"{level}(?P<place{i}>{_SHARED[parts[i]]})" + parts[i + 1]
            # "se-Kecamatan Natar" (every body of that area) names the kecamatan too
            source = r"(?:(?<![\w-])|(?<=\bse-))(?:" + body + r")"
            re.compile(re.sub(r"\{(?:place|region)\}", ".", pattern))  # a syntax error shows now
            # compiled when a text first holds one of its prefixes, the tries parsed once
            template = r"(?:(?<![\w-])|(?<=\bse-))(?:" + template + r")"
            tries = {_SHARED["place"]: place, _SHARED["region"]: known}
            regex = LazyPattern(source, template=template, parts=tries)
        except re.error as exc:
            raise VocabError(f"institutions.tsv: bad pattern {pattern!r}: {exc}") from exc
        short = len(cols) > 3 and cols[3] == "1"
        prefixes = literal_prefixes(re.sub(r"\{(?:place|region)\}", ".", pattern))  # the place ends them
        institutions.append(InstitutionPattern(kind, regex, full, short, _trigger(pattern), prefixes))
    event_cues, hostless_cues = [], []
    speech_types: set[str] = set()
    occasion_cues: list[tuple[str, re.Pattern[str]]] = []
    for type_, weight, cue, *flags in _rows("event_types.tsv", 3):
        compiled = re.compile(r"(?<![\w-])(?:" + cue + r")(?![\w-])", re.I)
        event_cues.append((type_, float(weight), compiled))
        if flags and flags[0] not in ("hostless", "speech", "occasion"):
            raise VocabError(f"event_types.tsv: bad flag {flags[0]!r} (hostless/speech/occasion)")
        if flags and flags[0] == "hostless":
            hostless_cues.append(compiled)
        if flags and flags[0] == "speech":
            speech_types.add(type_)
        if flags and flags[0] == "occasion":
            occasion_cues.append((type_, compiled))
    units, unit_forms = {}, {}
    for word, role, *rest in _rows("units.tsv", 2):
        if role not in ("unit", "classifier", "not_unit"):
            raise VocabError(f"units.tsv: bad role {role!r} for {word!r} (unit/classifier/not_unit)")
        units[word.lower()] = role
        unit_forms[word.lower()] = rest[0] if rest and rest[0] else word
    places = [line.lower() for line in _lines("places.txt")]
    ranks = {
        line.lower() for line in _lines("ranks.txt") if not line.startswith("+") and not line.endswith(">")
    }
    rank_heads = {line[:-1].lower() for line in _lines("ranks.txt") if line.endswith(">")}
    rank_tails = {line[1:].lower() for line in _lines("ranks.txt") if line.startswith("+")}
    name_prefixes = set(_lines("name_prefixes.txt"))
    degrees = {w.replace(".", "") for w in _sections("person_affixes.txt").get("suffix", [])}
    return Vocab(
        name_prefixes=name_prefixes,
        possessor_nouns=set(_lines("possessor_nouns.txt")),
        degrees=degrees,
        titles=titles,
        unit_words=unit_words,
        unit_takes_place=unit_takes_place,
        unit_takes_org=unit_takes_org,
        ranks=ranks,
        rank_tails=rank_tails,
        rank_heads=rank_heads,
        regions=regions,
        region_re=region_re,
        institutions=institutions,
        abbreviations=abbreviations,
        keep_in_titles=keep_in_titles,
        phrases=phrases,
        event_cues=event_cues,
        hostless_cues=hostless_cues,
        speech_types=speech_types,
        occasion_cues=occasion_cues,
        pledge=_sections("pledge_cues.txt"),
        units=units,
        unit_forms=unit_forms,
        places=places,
    )


def compile_all() -> None:
    """Compile every institution pattern now, not when a text first needs it: for a process that
    will extract many pages (a worker, the forkserver its workers are forked from)."""
    for pattern in load().institutions:
        pattern.regex.compiled  # noqa: B018 - the property compiles


def expand_region(text: str) -> str:
    """``Jaktim`` -> ``Jakarta Timur``; unknown names come back unchanged."""
    region = load().regions.get(text.lower())
    return region.full if region else text


def region_kind(text: str) -> str | None:
    region = load().regions.get(text.lower())
    if region:
        return region.kind
    full = load().regions.get(expand_region(text).lower())
    return full.kind if full else None


# The same readers for the data files of the identity, region and theme modules.
read_rows = _rows
read_sections = _sections
read_lines = _lines
