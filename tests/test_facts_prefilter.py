"""The literal prefilters of :mod:`extract.facts.prefilter` give exactly what the plain regexes give."""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import pytest

from kabar.extract.facts.institutions import _without_brackets
from kabar.extract.facts.prefilter import (
    FOLDS_TO_ASCII,
    LazyPattern,
    LiteralFilter,
    any_search,
    finditer,
    literal_prefixes,
    union,
)
from kabar.extract.facts.shared_compile import PLACEHOLDERS, compile_shared, parse_shared
from kabar.extract.facts.topic import _cues as _topic_cues
from kabar.extract.facts.vocab import load

_parser = importlib.import_module("re._parser")
_compiler = importlib.import_module("re._compiler")
PAGES = Path(__file__).parent / "fixtures" / "pages"
# places where a prefilter could go wrong: a match glued to a word, "se-" before a name, a prefix
# inside a longer word, one prefix inside another, brackets, a text ending in a prefix
EDGE_TEXTS = [
    "se-Kecamatan Natar dan sePemkot Bekasi, xPemkot Bekasi, Pemkot Pemkot Bekasi.",
    "KPUD Kota Bekasi, KPU RI dan KPU, Bawaslu Provinsi DKI Jakarta (Bawaslu DKI) serta BawasluRI",
    "Pemerintah Kota (Pemkot) Bekasi, Pemerintahan Kabupaten Bogor, Pemerintah Provinsi Jawa Barat",
    "Kantor Walikota Jakarta Utara, Kantor Wali Kota Jaktim, Balaikota DKI Jakarta, Balai Kota Bogor",
    "TP-PKK Kota Bekasi, TP PKK Kabupaten Bogor, PT Bank DKI, Bank Jateng, Kejari Bekasi, Kejati",
    "Kodim 0611/Garut, Korem 061/Surya Kencana, Koramil 1710-01/Mimika Baru, Lanud Iswahjudi",
    "Desa Merak Batin, Kelurahan Kota Uneng, Dinas Pendidikan Kota Bekasi, Kemenag",
]


def _texts() -> list[str]:
    texts = list(EDGE_TEXTS)
    for path in sorted(PAGES.glob("*/*.expected.json")):
        record = json.loads(path.read_text("utf-8"))
        texts += [record.get("text") or "", record.get("title") or ""]
    return [t for t in texts if t]


def test_prefixes_of_literal_alternatives_and_optional_parts():
    assert literal_prefixes(r"Pemerintah(?:an)? Kota .") == ("Pemerintah Kota ", "Pemerintahan")
    assert literal_prefixes(r"Kantor Wali ?[Kk]ota") == ("Kantor Wali ", "Kantor WaliKota", "Kantor Walikota")
    assert literal_prefixes(r"(?:(?<![\w-])|(?<=\bse-))(?:KPU(?:D)?(?: RI)?)") == ("KPU",)
    assert literal_prefixes(r"Kemenag|Kemendagri|Kemen(?:keu|PAN)") == (
        "KemenPAN",
        "Kemenag",
        "Kemendagri",
        "Kemenkeu",
    )
    assert literal_prefixes(r"a*b") == ("a", "b")


@pytest.mark.parametrize(
    "pattern",
    [r"[A-Z][a-z]+ Kota", r"(?i)pemkot", r"(?i:Pemkot) Bekasi", r"x?", r"\d+ ASN", r".Kota", r"(?:)Kota|"],
)
def test_no_prefixes_where_a_match_may_begin_otherwise(pattern):
    assert literal_prefixes(pattern) is None


def test_institution_patterns_compile():
    for pattern in load().institutions:
        assert isinstance(pattern.regex.compiled, re.Pattern)


def test_prefiltered_finditer_equals_finditer_for_every_institution_pattern():
    patterns = load().institutions
    assert sum(p.prefixes is not None for p in patterns) > len(patterns) * 0.9  # the filter is used
    compared = 0
    for text in _texts():
        clean = _without_brackets(text)[0]
        for pattern in patterns:
            plain = [(m.span(), m.groupdict()) for m in pattern.regex.finditer(clean)]
            fast = [(m.span(), m.groupdict()) for m in finditer(pattern.regex, pattern.prefixes, clean)]
            assert fast == plain, (pattern.kind, pattern.prefixes, text[:80])
            compared += len(plain)
    assert compared > 300  # the texts hold many institution names: the comparison means something


def test_lazy_pattern_compiles_on_first_use_only():
    lazy = LazyPattern(r"(?P<w>Pemkot) \w+")
    assert lazy._compiled is None
    assert list(finditer(lazy, ("Pemkot ",), "tidak ada di sini")) == []
    assert lazy._compiled is None  # no prefix in the text: never compiled
    assert [m.group("w") for m in finditer(lazy, ("Pemkot ",), "Pemkot Bekasi")] == ["Pemkot"]
    assert lazy._compiled is not None


def test_union_matches_where_any_pattern_matches():
    cues = [re.compile(r"(?<![\w-])(?:ikrar|pakta integritas)(?![\w-])", re.I), re.compile(r"\bASN\b")]
    joined = union(cues)
    for text in [*EDGE_TEXTS, "Ikrar netralitas", "para asn", "ASN Kota Bekasi", "pakta-integritas", ""]:
        assert any_search(joined, text) == any(c.search(text) for c in cues), text


def test_union_refuses_what_it_cannot_join():
    assert union([re.compile(r"(a)\1"), re.compile("b")]) is None
    assert union([re.compile(r"(?P<x>a)"), re.compile(r"(?P<x>b)")]) is None
    assert union([re.compile("a b", re.VERBOSE)]) is None
    assert any_search(None, "anything")


@pytest.mark.slow  # ~2 s: every code point
def test_the_case_folding_exceptions_are_every_code_point_that_folds_to_ascii():
    """:data:`FOLDS_TO_ASCII` holds every non-ASCII character ``re.IGNORECASE`` equates with an ASCII
    letter or whose ``str.lower()`` holds one: elsewhere ``text.lower()`` is an exact prefilter."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {
        chr(c)
        for c in range(128, sys.maxunicode + 1)
        if letter.fullmatch(chr(c)) or any(ch.isascii() and ch.isalpha() for ch in chr(c).lower())
    }
    assert found == set(FOLDS_TO_ASCII)
    # and everywhere else str.lower() is one character for one: Spots' offsets are the text's
    longer = {chr(c) for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1}
    assert longer <= set(FOLDS_TO_ASCII)


def test_literal_filter_lets_through_every_cue_that_matches_a_part_of_the_text():
    topic_cues = [cue for group in _topic_cues().values() for _, cue in group]
    event_cues = [cue for _, _, cue in load().event_cues]
    for cues in (topic_cues, event_cues):
        keep = LiteralFilter(cues)
        assert sum(prefixes is not None for _, prefixes in keep._needs) == len(cues)  # all filtered
        for text in [*_texts(), "İKRAR NETRALITAS ASN", "PAKTA INTEGRITAS", "Ikrar ASN ditandatangani"]:
            kept = keep.keep(cues, text)
            for part in (text, *text.split("\n"), *text.split(". ")):
                for cue in cues:
                    if cue.search(part):
                        assert cue in kept, (cue.pattern[:60], part[:80])


def _most_tries(count: int) -> list:
    """The institution patterns with the most tries in them (the hardest to splice)."""
    return sorted(load().institutions, key=lambda p: -p.regex._template.count(PLACEHOLDERS[0]))[:count]


@pytest.mark.parametrize(
    "patterns",
    [
        pytest.param(lambda: _most_tries(6), id="most-tries"),
        pytest.param(lambda: load().institutions, id="all", marks=pytest.mark.slow),  # ~5 s: parses each
    ],
)
def test_shared_compile_gives_the_code_of_the_written_out_pattern(patterns):
    """Institution patterns compiled with their region tries parsed once have the very opcodes
    ``re`` compiles from the written-out pattern (so they match exactly the same)."""
    for pattern in patterns():
        lazy = pattern.regex
        assert lazy._template is not None and PLACEHOLDERS[0] not in lazy.pattern
        spliced = _compiler._code(parse_shared(lazy._template, lazy._parts), 0)
        assert spliced == _compiler._code(_parser.parse(lazy.pattern), 0), pattern.kind
        assert lazy.compiled.groupindex == re.compile(lazy.pattern).groupindex


def test_shared_compile_falls_back_and_refuses_groups_in_a_shared_part():
    parts = {PLACEHOLDERS[0]: r"(?:Jakarta(?: Utara| Timur)?|Bekasi)"}
    regex = compile_shared(r"Pemkot (?P<place>" + PLACEHOLDERS[0] + ")", parts)
    assert regex.match("Pemkot Jakarta Timur")["place"] == "Jakarta Timur"
    grouped = compile_shared("x" + PLACEHOLDERS[0], {PLACEHOLDERS[0]: "(a)"})  # written out instead
    assert grouped.pattern == "x(a)" and grouped.match("xa")[1] == "a"


def test_spots_hold_every_part_a_cue_matches_in():
    """Where a cue matches in a part of a text (a sentence, a paragraph, any slice), its spots
    say it may: skipping the parts they rule out loses nothing."""
    topic_cues = [cue for group in _topic_cues().values() for _, cue in group]
    event_cues = [cue for _, _, cue in load().event_cues]
    for cues in (topic_cues, event_cues):
        keep = LiteralFilter(cues)
        for text in [*_texts(), "İKRAR NETRALITAS ASN. Ikrar  ASN", "pakta integritas ditandatangani."]:
            bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+", text)]
            bounds += [(0, len(text)), (3, len(text) - 3), (len(text) // 2, len(text))]
            for cue, spots in zip(cues, keep.spots(text), strict=True):
                for start, end in bounds:
                    if cue.search(text[start:end]):
                        assert spots.within(start, end), (cue.pattern[:60], text[start:end][:80])
