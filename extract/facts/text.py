"""Paragraphs and sentences of an article body, with character offsets into the body.

Every fact keeps ``start``/``end`` offsets into the record text, so segmentation never copies or
normalises text: it only cuts it.  A regex splitter is used instead of a statistical sentence
segmenter because news prose is regular and this runs on every article (microseconds, not ms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Short words that end with a period without ending the sentence ("H. Ahmad", "No. 5").
_ABBREV = {
    "h", "hj", "dr", "drs", "dra", "ir", "prof", "no", "nomor", "kab", "kec", "kel", "jl", "jln",
    "st", "sh", "s", "m", "mr", "ny", "tn", "kh", "bpk", "ibu", "dll", "dsb", "tgl", "kep", "rt", "rw",
}  # fmt: skip
# starts at the first mark of a run, possessive: a long run of dots is scanned once, not n times
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"”’')]*+\s+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph in the body
    index: int  # index of the sentence in the body

    def text(self, body: str) -> str:
        return body[self.start : self.end]


@lru_cache(maxsize=64)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each non-blank line, whitespace trimmed (cached per text)."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return tuple(spans)


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 40) : match.start()]
    word = re.search(r"([\w.]+)$", before)
    following = text[match.end() : match.end() + 1]
    if not following:
        return True
    if word:
        w = word.group(1).lower().rstrip(".")
        if w in _ABBREV or (len(w) == 1 and w.isalpha()):
            return False
        if "." in w and len(w) <= 6:  # S.H., M.Si, a.n.
            return False
        if w.isdigit() and len(w) <= 2:  # "1. Menjaga ...; 2. Tidak ...": list numbers
            return False
    if following.islower() or following in ",;:":
        return False
    return True


MAX_SENTENCE = 1_500  # longer runs without a full stop are cut at a space (lists, broken pages)


def _cut_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut + 1
    pieces.append((start, end))
    return pieces


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of each paragraph, in order; a sentence never crosses a paragraph boundary
    (cached per text: the date, location and pledge readers all walk them)."""
    result: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        chunk = text[p_start:p_end]
        s_start = 0
        for match in _BOUNDARY.finditer(chunk):
            if not _is_boundary(chunk, match):
                continue
            cut = match.end() - (len(match.group(0)) - len(match.group(0).rstrip()))
            if chunk[s_start:cut].strip():
                for a, b in _cut_long(p_start + s_start, p_start + cut, text):
                    result.append(Sentence(a, b, p_index, len(result)))
            s_start = match.end()
        if chunk[s_start:].strip():
            for a, b in _cut_long(p_start + s_start, p_end, text):
                result.append(Sentence(a, b, p_index, len(result)))
    return tuple(result)
