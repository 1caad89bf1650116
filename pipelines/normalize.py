"""Text normalisation for stored records: Unicode NFC, no stray control characters.

The body ``text`` is special: facts carry character offsets into it, so its normalisation must
keep them pointing at the same characters.  Control characters are replaced by a space (same
length); NFC can merge a base letter and its combining accents into one character, so when it
changes the length an old-to-new offset map is built and applied to every fact offset.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from kabar.extract.controls import CONTROL_CHARS

# C0/C1 controls except tab and newline, plus zero-width and bidi marks that break matching.
_CONTROL = re.compile(rf"[{CONTROL_CHARS}\r\u200b\u200e\u200f\u202a-\u202e\u2060\ufeff]")
_ONE_LINE_SPACE = re.compile(r"\s+")


def clean_line(value: str | None) -> str | None:
    """A one-line field (title, name): NFC, controls and runs of white space become one space."""
    if value is None:
        return None
    value = _ONE_LINE_SPACE.sub(" ", _CONTROL.sub(" ", unicodedata.normalize("NFC", value))).strip()
    return value or None


def _nfc_with_map(text: str) -> tuple[str, list[int]]:
    """NFC of ``text`` cluster by cluster, and where each old offset lands in the result."""
    out: list[str] = []
    mapping = [0] * (len(text) + 1)
    pos = 0
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        for k in range(i, j):
            mapping[k] = pos
        out.append(piece)
        pos += len(piece)
        i = j
    mapping[len(text)] = pos
    return "".join(out), mapping


def normalise_text(text: str) -> tuple[str, Callable[[int | None], int | None]]:
    """The normalised body and a function moving an old offset to the new text."""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text)
    if unicodedata.is_normalized("NFC", text):
        return text, lambda offset: offset
    new, mapping = _nfc_with_map(text)

    def move(offset: int | None) -> int | None:
        if isinstance(offset, int) and 0 <= offset < len(mapping):
            return mapping[offset]
        return offset

    return new, move


def content_hash(text: str) -> str:
    """Hash of the text with white space collapsed: re-flowed paragraphs are not a new version."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:32]


_OFFSET_KEYS = ("start", "end")


def _move_offsets(obj: Any, move: Callable[[int | None], int | None]) -> None:
    if isinstance(obj, dict):
        for key in _OFFSET_KEYS:
            if key in obj:
                obj[key] = move(obj[key])
    elif isinstance(obj, list):
        for entry in obj:
            _move_offsets(entry, move)


_ONE_LINE_FIELDS = ("title", "section", "description", "language", "extraction")
_NAME_LISTS = ("authors", "editors", "tags")


def normalise_record(record: dict[str, Any]) -> dict[str, Any]:
    """Normalise a record's strings in place (and return it); fact offsets follow the text."""
    text = record.get("text")
    if isinstance(text, str):
        record["text"], move = normalise_text(text)
        for key in ("event", "institution", "official", "officials", "pledge_spans", "figures"):
            _move_offsets(record.get(key), move)
    for key in _ONE_LINE_FIELDS:
        if isinstance(record.get(key), str):
            record[key] = clean_line(record[key])
    for key in _NAME_LISTS:  # empty names are dropped
        if isinstance(record.get(key), list):
            cleaned = (clean_line(v) if isinstance(v, str) else v for v in record[key])
            record[key] = [v for v in cleaned if v is not None]
    if isinstance(record.get("pledge_points"), list):  # kept one-for-one: pledge_spans is parallel
        points = record["pledge_points"]
        record["pledge_points"] = [clean_line(v) if isinstance(v, str) else v for v in points]
    return record
