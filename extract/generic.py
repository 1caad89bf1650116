"""The generic extractor: a good record from any Indonesian news page, known site or not.

Structured data first (JSON-LD, OpenGraph, ``<meta>``), then trafilatura's guesses for what is
still missing; the body comes from trafilatura run on the already-parsed tree, with Indonesian
newsroom noise ("Baca juga", bylines, photo credits …) removed twice: as page elements before
extraction and as lines after it.  The noise rules are data files in ``extract/data`` so an
analyst can extend them without touching code:

* ``noise_prefixes.txt``: a paragraph starting with one of these is not article text;
* ``noise_glued.txt``: cross-link markers glued to the end of a paragraph ("…dimaksud.Baca juga : X");
* ``noise_lines.txt``: regexes for whole lines (photo credits, comment counters, pagers);
* ``noise_inline.txt``: regexes for fragments inside a line ("(Foto: …)", "(dok. …)").

Site modules reuse :func:`body_text` (with their own container / prune XPaths) and
:func:`strip_noise`, so the same rules apply everywhere.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

import trafilatura

from extract.metadata import (
    authors_from,
    clean_title,
    editors_from,
    find_article_ld,
    keywords_from,
    ld_text,
    load_lines,
    parse_published,
    published_from,
    split_authors,
)

# trafilatura logs a warning for every page it finds too short ("discarding data"); kabar turns
# that into an empty body and a record-level error instead, so the log line is only noise.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Elements that are never article text on Indonesian news pages, pruned before extraction.
# Class/id fragments are matched with contains(), the usual names of related/popular/share blocks.
_NOISE_CLASS_FRAGMENTS: tuple[str, ...] = (
    "related",
    "baca-juga",
    "bacajuga",
    "read-also",
    "readalso",
    "terkait",
    "populer",
    "popular",
    "terpopuler",
    "share",
    "social",
    "newsletter",
    "comment",
    "komentar",
    "caption",
    "breadcrumb",
    "tags",
    "tag-list",
    "advert",
    "ads-",
    "iklan",
    "promo",
    "author-box",
    "recommend",
    "rekomendasi",
)
_SHORT_BLOCK_TAGS = (
    "p",
    "div",
    "span",
    "strong",
    "b",
    "em",
    "i",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "table",
    "blockquote",
)
_MAX_NOISE_BLOCK_CHARS = 300

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"


def _xpath_literal(text: str) -> str:
    return f'"{text}"' if '"' not in text else f"'{text}'"


@lru_cache(maxsize=1)
def noise_prune_xpaths() -> tuple[str, ...]:
    """XPath expressions for page elements that are noise (figure captions, related lists,
    short blocks starting with a noise prefix), handed to trafilatura's ``prune_xpath``."""
    lowered = f"translate(normalize-space(.), '{_UPPER}', '{_LOWER}')"
    starts = " or ".join(
        f"starts-with({lowered}, {_xpath_literal(p.lower())})" for p in load_lines("noise_prefixes.txt")
    )
    tags = " or ".join(f"self::{t}" for t in _SHORT_BLOCK_TAGS)
    classes = " or ".join(
        f"contains(translate(@class, '{_UPPER}', '{_LOWER}'), '{c}')"
        f" or contains(translate(@id, '{_UPPER}', '{_LOWER}'), '{c}')"
        for c in _NOISE_CLASS_FRAGMENTS
    )
    return (
        f"//*[{tags}][string-length(normalize-space(.)) < {_MAX_NOISE_BLOCK_CHARS}][{starts}]",
        "//figcaption | //figure | //*[@class='wp-caption-text']",
        # related/share/comment blocks: only when they are small, so a wrapper whose class merely
        # mentions "share" around the whole article is left alone
        f"//*[self::div or self::ul or self::section or self::aside or self::p or self::span]"
        f"[{classes}][string-length(normalize-space(.)) < 1500]",
    )


# ---------------------------------------------------------------------------------------------
# Text-level noise rules
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _line_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    prefixes = sorted(load_lines("noise_prefixes.txt"), key=len, reverse=True)
    prefix_re = re.compile(
        r"^[\s\W_]{0,3}(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s*") for p in prefixes) + r")",
        re.I,
    )
    glued_re = re.compile(
        r"(?<=[.!?\"”')\]])\s*(?:" + "|".join(load_lines("noise_glued.txt")) + r").*$",
        re.I,
    )
    lines_re = re.compile(
        r"^\s*(?:" + "|".join(f"(?:{r})" for r in load_lines("noise_lines.txt")) + r")\s*$", re.I
    )
    inline_re = re.compile("|".join(f"(?:{r})" for r in load_lines("noise_inline.txt")), re.I)
    return prefix_re, glued_re, lines_re, inline_re


def strip_noise(text: str) -> str:
    """Article text without Indonesian newsroom noise lines, paragraphs joined by ``\\n``.

    Drops lines that start with a noise prefix ("Baca juga:", "Editor:", "Simak juga" …) or
    match a noise line pattern (photo credits, comment counters), cuts cross-links glued to the
    end of a paragraph, removes "(Foto: …)" style credits inside lines, and collapses blank
    lines and runs of spaces.
    """
    prefix_re, glued_re, lines_re, inline_re = _line_rules()
    kept: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.replace("\xa0", " ").split())
        if not line or prefix_re.match(line) or lines_re.match(line):
            continue
        line = glued_re.sub("", line)
        line = " ".join(inline_re.sub(" ", line).split())
        if line:
            kept.append(line)
    return "\n".join(kept)


# ---------------------------------------------------------------------------------------------
# Body
# ---------------------------------------------------------------------------------------------


def run_trafilatura(
    tree: Any,
    url: str | None,
    *,
    prune_xpath: Sequence[str] = (),
    favor_precision: bool = False,
    with_metadata: bool = True,
) -> Any:
    """``trafilatura.bare_extraction`` on an already-parsed tree (it copies the tree, so the
    caller's tree is left untouched); None when trafilatura finds nothing."""
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=with_metadata,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=favor_precision,
            deduplicate=False,
            prune_xpath=list(noise_prune_xpaths()) + list(prune_xpath),
        )
    except Exception:  # trafilatura raises assorted errors on pathological markup
        return None


def body_text(
    tree: Any,
    url: str | None = None,
    *,
    prune_xpath: Sequence[str] = (),
    favor_precision: bool = False,
) -> str:
    """Clean article text of ``tree`` (a whole page or a site module's body container)."""
    doc = run_trafilatura(
        tree, url, prune_xpath=prune_xpath, favor_precision=favor_precision, with_metadata=False
    )
    return strip_noise(doc.text or "") if doc is not None else ""


# ---------------------------------------------------------------------------------------------
# The generic extractor
# ---------------------------------------------------------------------------------------------


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


def _section(ld: dict | None, meta: dict[str, str], doc: Any) -> str | None:
    section = ld_text(ld, "articleSection") or meta.get("article:section")
    if not section and doc is not None and doc.categories:
        section = doc.categories[0]
    return _first(section)


def extract_generic(ctx: Any) -> dict[str, Any]:
    """A partial record (title, authors, editors, published_at, section, tags, description,
    text) for any host, from a :class:`extract.sites.base.PageContext`.

    ``published_at`` is a tz-aware :class:`datetime` (None when unknown); the page extractor
    serialises it.  Fields that nothing on the page gives are None / empty.
    """
    ld = find_article_ld(ctx.ld or [])
    meta = ctx.meta or {}
    doc = run_trafilatura(ctx.tree, ctx.url)

    title = _first(ld_text(ld, "headline"), meta.get("og:title"), meta.get("twitter:title"))
    if not title and doc is not None:
        title = doc.title
    site_names = [n for n in (meta.get("og:site_name"), doc.sitename if doc is not None else None) if n]
    title = clean_title(title or "", site_names) or None

    authors = authors_from(ld, meta)
    if not authors and doc is not None and doc.author:
        authors = split_authors(doc.author.split(";"))

    published: datetime | None = published_from(ld, meta)
    if published is None and doc is not None and doc.date:
        published = parse_published(doc.date)

    tags = keywords_from(ld, meta, ctx.tree)
    if not tags and doc is not None and doc.tags:
        tags = [t for t in doc.tags if t]

    description = _first(meta.get("og:description"), meta.get("description"), ld_text(ld, "description"))
    if not description and doc is not None:
        description = _first(doc.description)

    return {
        "title": title,
        "authors": authors,
        "editors": editors_from(ld, meta),
        "published_at": published,
        "section": _section(ld, meta, doc),
        "tags": tags,
        "description": description,
        "text": strip_noise(doc.text or "") if doc is not None else "",
    }
