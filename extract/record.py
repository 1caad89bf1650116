"""The shape of one article record, shared by the extractor, the pipelines and the schema.

A record is a plain ``dict`` so it serialises to JSON Lines unchanged and maps 1:1 onto the
Arrow schema in :mod:`schemas.article`.  Every field is always present, with an empty value when
unknown, so the shape is stable for analysts whatever the page looked like.

Offsets (``start``/``end``) in event facts are character offsets into the record's ``text``,
so every fact can be checked against the sentence it came from: ``text[start:end]``.

Fields
------
url              canonical URL: ``--url`` if given, else ``<link rel=canonical>``, else ``og:url``
site             short site key (``wartakota``, ``idntimes`` …) or the host for unknown sites
title            headline only, no site suffix
authors          writers (list of str); editors are in ``editors``
editors          editors (list of str)
published_at     ISO 8601 string with offset (``+07:00`` for WIB), or None
section          site section / category, or None
tags             list of str
language         ISO 639-1 code, ``id`` for Indonesian
description      the page's summary / lead, or None
text             clean article body, paragraphs separated by ``\\n``
signoff          the editors' sign-off codes that closed the body ("(ant/mr)", "AZF"), or None
pages            how many pages the article spans (Tribun ``?page=2`` etc.)
extraction       how the body was found: ``site:<module>``, ``generic``, or ``generic-fallback``
extractor_version  :data:`EXTRACTOR_VERSION`
error            None, or ``{"code": "...", "message": "..."}`` (the record is still emitted)
topic            what the article is about: ``pledge`` (reports a pledge held as an event),
                 ``neutrality`` (ASN neutrality / election integrity, no pledge of its own) or
                 ``other`` (ordinary news); None when no facts were read
topic_confidence how sure the topic is, 0..1
event            ``{type, date, date_text, date_start, date_end, weekday_ok, location, start, end}``,
                 None for topic ``other`` (ordinary news reports no event)
institution      ``{name, short, kind, aliases, start, end}`` or None
official         ``{name, title, institution, start, end}`` or None (the main official)
officials        list of official dicts, main one first
pledge_points    list of str, each point as written, no numbering
pledge_spans     list of ``{start, end}``, parallel to ``pledge_points``
pledge_themes    list of ``{point, theme, evidence}``: the themes of each point (index into pledge_points)
figures          list of ``{value, unit, kind, context, text, start, end}``; kind is ``people``,
                 ``reports``, ``money``, ``percent`` or ``other``
"""

from __future__ import annotations

from typing import Any

# Bump when extraction output changes for the same input; stored with every record so analysts
# can tell which records `kabar reextract` should refresh.
EXTRACTOR_VERSION = "0.1.0"

RECORD_FIELDS: tuple[str, ...] = (
    "url",
    "site",
    "title",
    "authors",
    "editors",
    "published_at",
    "section",
    "tags",
    "language",
    "description",
    "text",
    "signoff",
    "pages",
    "extraction",
    "extractor_version",
    "error",
    "topic",
    "topic_confidence",
    "event",
    "institution",
    "official",
    "officials",
    "pledge_points",
    "pledge_spans",
    "pledge_themes",
    "figures",
)

TOPICS: tuple[str, ...] = ("pledge", "neutrality", "other")

EVENT_TYPES: tuple[str, ...] = (
    "ikrar",
    "pakta_integritas",
    "apel",
    "imbauan",
    "sosialisasi",
    "laporan_pelanggaran",
    "penetapan",
    "lainnya",
)


def empty_event() -> dict[str, Any]:
    """An event with nothing found: every key present, every value empty."""
    return {
        "type": None,
        "date": None,
        "date_text": None,
        "date_start": None,
        "date_end": None,
        "weekday_ok": None,
        "location": None,
        "start": None,
        "end": None,
    }


def empty_facts() -> dict[str, Any]:
    """The event-fact part of a record with nothing found."""
    return {
        "topic": None,
        "topic_confidence": None,
        "event": empty_event(),
        "institution": None,
        "official": None,
        "officials": [],
        "pledge_points": [],
        "pledge_spans": [],
        "pledge_themes": [],
        "figures": [],
    }


def empty_record(url: str | None = None) -> dict[str, Any]:
    """A record with every field present and empty; extractors fill it in."""
    record: dict[str, Any] = {
        "url": url,
        "site": None,
        "title": None,
        "authors": [],
        "editors": [],
        "published_at": None,
        "section": None,
        "tags": [],
        "language": "id",
        "description": None,
        "text": "",
        "signoff": None,
        "pages": 1,
        "extraction": None,
        "extractor_version": EXTRACTOR_VERSION,
        "error": None,
    }
    record.update(empty_facts())
    assert tuple(record) == RECORD_FIELDS
    return record


def make_error(code: str, message: str) -> dict[str, str]:
    """A machine-readable reason (``code``) plus a sentence for people (``message``)."""
    return {"code": code, "message": message}
