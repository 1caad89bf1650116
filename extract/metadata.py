"""Structured metadata readers: JSON-LD, ``<meta>`` tags, canonical URL, titles, dates, bylines.

Fundus' lesson: what a publisher declares in ld+json and OpenGraph is more reliable than any
guess made from the visible page, so site modules and the generic extractor read these first
and only fall back to heuristics when a field is missing.  Every function here takes the
already-parsed lxml tree (parse once, reuse) and never raises on odd input.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from kabar.extract.controls import CONTROL_CHARS
from kabar.extract.months import month_numbers
from kabar.extract.wib import JAKARTA

DATA_DIR = Path(__file__).resolve().parent / "data"

ARTICLE_LD_TYPES: tuple[str, ...] = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "Article",
    "BlogPosting",
    "WebPage",  # last resort: some outlets (tribunnews AMP) declare only a WebPage with headline/dates
)


def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file in ``extract/data`` (analysts extend these)."""
    path = DATA_DIR / name
    lines = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return tuple(lines)


# --------------------------------------------------------------------------------------------
# JSON-LD
# --------------------------------------------------------------------------------------------

_CONTROL_CHARS = re.compile(f"[{CONTROL_CHARS}]")  # JSON allows tab and line breaks as white space
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")


def _decode_json_blocks(text: str) -> list[Any]:
    """All JSON values in ``text`` (some pages put two objects in one script without an array)."""
    decoder = json.JSONDecoder(strict=False)  # strict=False: raw newlines/tabs inside strings are common
    values: list[Any] = []
    pos, end = 0, len(text)
    while pos < end:
        while pos < end and text[pos] in " \t\r\n;,":
            pos += 1
        if pos >= end:
            break
        value, pos = decoder.raw_decode(text, pos)
        values.append(value)
    return values


def _parse_ld_text(text: str) -> list[Any]:
    """Parse one ld+json script body, repairing the usual publisher mistakes before giving up."""
    text = _WRAPPERS.sub("", text.strip())
    try:
        return _decode_json_blocks(text)
    except RecursionError:  # nested deeper than Python's parser goes: junk, not an article's data
        return []
    except ValueError:
        pass
    repaired = _TRAILING_COMMA.sub(r"\1", _CONTROL_CHARS.sub(" ", text))
    repaired = repaired.replace("\n", " ").replace("\r", " ")
    try:
        return _decode_json_blocks(repaired)
    except (ValueError, RecursionError):
        return []


def _flatten_ld(value: Any, out: list[dict]) -> None:
    if isinstance(value, list):
        for item in value:
            _flatten_ld(item, out)
    elif isinstance(value, dict):
        graph = value.get("@graph")
        if graph is not None:
            rest = {k: v for k, v in value.items() if k != "@graph"}
            if "@type" in rest:
                out.append(rest)
            _flatten_ld(graph, out)
        else:
            out.append(value)


def read_ld_json(tree: Any) -> list[dict]:
    """Every JSON-LD object on the page, ``@graph`` flattened, malformed blocks skipped."""
    objects: list[dict] = []
    if tree is None:
        return objects
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip():
            continue
        for value in _parse_ld_text(text):
            _flatten_ld(value, objects)
    return objects


def ld_types(obj: dict) -> list[str]:
    """The ``@type`` of a JSON-LD object as a list (it may be a string or a list)."""
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def find_article_ld(objs: Sequence[dict]) -> dict | None:
    """The article object among ``objs``: NewsArticle first, then Article-like types."""
    for wanted in ARTICLE_LD_TYPES:
        for obj in objs:
            if wanted in ld_types(obj):
                if wanted == "WebPage" and not (obj.get("headline") or obj.get("datePublished")):
                    continue
                return obj
    return None


# --------------------------------------------------------------------------------------------
# <meta> and <link>
# --------------------------------------------------------------------------------------------


def _meta_pairs(tree: Any) -> Iterable[tuple[str, str]]:
    if tree is None:
        return
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        content = content.strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = meta.get(attr)
            if key:
                yield key.strip().lower(), content


def read_meta(tree: Any) -> dict[str, str]:
    """``<meta>`` name/property/itemprop → content, keys lower-cased, first non-empty value wins."""
    result: dict[str, str] = {}
    for key, content in _meta_pairs(tree):
        result.setdefault(key, content)
    return result


def read_meta_all(tree: Any, key: str) -> list[str]:
    """Every value of a repeated ``<meta>`` key (``article:tag`` is often given once per tag)."""
    key = key.lower()
    return [content for k, content in _meta_pairs(tree) if k == key]


def canonical_url(tree: Any, meta: dict[str, str]) -> str | None:
    """``<link rel=canonical>``, else ``og:url``; None when the page declares neither.

    A template that prints a site-wide canonical (the home page) before the page's own one
    (Maxim Indonesia 2017) would make every article a "home page": a canonical naming the
    site's root gives way to a later one, or to ``og:url``, that names a path."""
    og_url = meta.get("og:url", "").strip()
    og_url = og_url if og_url.startswith(("http://", "https://")) else ""
    found: list[str] = []
    if tree is not None:
        for link in tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            href = (link.get("href") or "").strip()
            if "canonical" in rel and href.startswith(("http://", "https://")):
                found.append(href)
    with_path = [u for u in [*found, og_url] if u and urlsplit(u).path.strip("/")]
    if found and not urlsplit(found[0]).path.strip("/") and with_path:
        return with_path[0]
    return found[0] if found else og_url or None


# --------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—•»:]{1,2})\s+")
_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|co|net|org|news)$", re.I)
_SITE_COLON_PREFIX = re.compile(r"([^:]{2,40}):\s+")
# Page markers that kompas & co. put in the title of paginated / "show all" views.
_PAGE_MARKER = re.compile(r"^(?:halaman|page)\s+(?:all|semua|\d+)$", re.I)


def _norm_name(name: str) -> str:
    return re.sub(r"[\s.\-_]+", "", name.lower())


@lru_cache(maxsize=1)
def _known_site_names() -> frozenset[str]:
    return frozenset(_norm_name(n) for n in load_lines("noise_title_suffixes.txt"))


def _is_site_name(segment: str, extra: frozenset[str]) -> bool:
    seg = segment.strip()
    if not seg:
        return True
    norm = _norm_name(seg)
    return (
        norm in _known_site_names()
        or norm in extra
        or bool(_DOMAIN_LIKE.match(seg))
        or bool(_PAGE_MARKER.match(seg))
    )


_MAX_BRAND_WORDS = 4


def clean_title(title: str, site_names: Sequence[str] = ()) -> str:
    """The headline without the site name glued to either end (" - Tribunnews.com", "IDN Times | …").

    Only segments that are a known site name (data file ``noise_title_suffixes.txt``, plus
    ``site_names``) or look like a domain are removed, so a headline that itself contains
    " - " ("Jokowi - Prabowo Bertemu") survives.
    """
    if not title:
        return ""
    extra = frozenset(_norm_name(n) for n in site_names if n)
    text = " ".join(html.unescape(title).split())  # og:title is sometimes escaped twice
    # "KapanLagi.com: FOTO: Dian …": a known site name glued to the headline by a colon
    glued = _SITE_COLON_PREFIX.match(text)
    if glued and _is_site_name(glued.group(1), extra) and not _PAGE_MARKER.match(glued.group(1)):
        text = text[glued.end() :]
    changed = True
    while changed:
        changed = False
        parts = _TITLE_SEPARATORS.split(text)
        if len(parts) < 2:
            break
        seps = _TITLE_SEPARATORS.findall(text)
        if _is_site_name(parts[-1], extra):
            text = text[: text.rfind(seps[-1])].strip()
            changed = True
        elif _is_site_name(parts[0], extra):
            text = text[text.find(seps[0]) + len(seps[0]) :].strip()
            changed = True
    # "Headline | Balikpapan Pos": a pipe is the mark of a brand; headlines use dashes and colons
    head, bar, brand = text.rpartition(" | ")
    if bar and len(brand.split()) <= _MAX_BRAND_WORDS and len(head.split()) >= 3 and "|" not in head:
        text = head.strip()
    return text


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

_ZONES = {"wib": 7, "wita": 8, "wit": 9, "gmt+7": 7, "utc+7": 7, "gmt+07:00": 7}

_MONTHS = month_numbers(("id", "en"))  # page dates: "22 Oct 2023" (IDN Times) and "22 Okt 2023"

_TIME = r"(?:\s*[,|\-–—]?\s*(?:pukul\s+|jam\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?)?"
_ZONE = r"(?:\s*(?P<zone>WIB|WITA|WIT|GMT\+7|UTC\+7|GMT\+07:00))?"

# "Kamis, 22 Agustus 2024 10:45 WIB", "02 Nov 2023 20:59 WIB", "17 Jul 2024, 10:21 WIB",
# "Senin, 25 September 2023"
_DAY_MONTH_YEAR = re.compile(
    r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4}|\d{2}(?!\d))" + _TIME + _ZONE,
    re.I,
)
# "02/11/2023, 21:34 WIB", "2/11/2023 21:34"
_NUMERIC_DMY = re.compile(r"(?P<d>\d{1,2})[/.-](?P<mo>\d{1,2})[/.-](?P<y>\d{4})" + _TIME + _ZONE, re.I)
# "2023/11/02 20:59:53" (detik publishdate), "2015-11-05 T10:08:58Z" and "2023-11-02T20-59-53Z":
# detik writes local WIB time with a "Z" that does NOT mean UTC, so the Z is ignored on purpose.
_NUMERIC_YMD = re.compile(
    r"^(?P<y>\d{4})[/-](?P<mo>\d{1,2})[/-](?P<d>\d{1,2})(?:\s*T?\s*(?P<h>\d{1,2})[:-](?P<mi>\d{2})"
    r"(?:[:-](?P<s>\d{2}))?)?\s*Z?" + _ZONE + r"\s*$",
    re.I,
)


def _zone_for(name: str | None) -> timezone | ZoneInfo:
    if not name:
        return JAKARTA
    return timezone(timedelta(hours=_ZONES.get(name.lower(), 7)))


def _build(y: str, mo: int, d: str, m: re.Match) -> datetime | None:
    year = int(y) if len(y) == 4 else 2000 + int(y)  # "09 Aug 21 | 07:44" (idntimes 2021)
    try:
        return datetime(
            year,
            mo,
            int(d),
            int(m.group("h") or 0),
            int(m.group("mi") or 0),
            int(m.group("s") or 0),
            tzinfo=_zone_for(m.group("zone")),
        )
    except ValueError:
        return None


def _parse_indonesian(text: str) -> datetime | None:
    m = _NUMERIC_YMD.match(text)
    if m:
        return _build(m.group("y"), int(m.group("mo")), m.group("d"), m)
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        month = _MONTHS.get(m.group("mon").lower())
        if month:
            return _build(m.group("y"), month, m.group("d"), m)
    m = _NUMERIC_DMY.search(text)
    if m:
        return _build(m.group("y"), int(m.group("mo")), m.group("d"), m)
    return None


def _parse_with_dateparser(text: str) -> datetime | None:
    import dateparser  # imported lazily: it takes ~0.3 s to load its language data

    try:
        value = dateparser.parse(
            text,
            languages=["id", "en"],
            settings={
                "TIMEZONE": JAKARTA.key,  # the zone name dateparser takes
                "RETURN_AS_TIMEZONE_AWARE": True,
                "DATE_ORDER": "DMY",
                "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month", "year"],
            },
        )
    except Exception:  # dateparser raises assorted errors on junk; a bad date is just "unknown"
        return None
    return value


def parse_published(value: str | None) -> datetime | None:
    """A tz-aware datetime from any publish-date string seen on Indonesian news pages.

    Three tiers, cheapest first, because this runs for every page and usually on clean
    machine-readable values:

    1. ``datetime.fromisoformat`` (~0.15 µs) handles ld+json / OpenGraph ISO 8601 values
       and kompas' ``2023-11-02 21:34:19``;
    2. compiled regexes (a few µs) handle the Indonesian display forms ("Kamis, 22 Agustus
       2024 10:45 WIB", "02/11/2023, 21:34 WIB", WITA = +08, WIT = +09) and detik's
       ``2023-11-02T20-59-53Z`` whose "Z" is really local time;
    3. dateparser (1–2 ms) with Indonesian and English for anything else.

    Naive values are taken as Asia/Jakarta (WIB), which is what Indonesian outlets mean.
    The offset the page gave is kept; convert with ``.astimezone(JAKARTA)`` if needed.
    """
    if not value:
        return None
    text = " ".join(str(value).split())
    if not text or len(text) > 200:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None and not _looks_like_detik_zulu(text):
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=JAKARTA)
    parsed = _parse_indonesian(text)
    if parsed is not None:
        return parsed
    if not re.search(r"\d{4}", text):  # no year at all: not a publish date we can trust
        return None
    return _parse_with_dateparser(text)


def _looks_like_detik_zulu(text: str) -> bool:
    """detik's ``T20-59-53Z`` (dash-separated time) never parses as ISO; kept as a named check
    so that a real ``...T20:59:53Z`` stays UTC."""
    return bool(re.search(r"T\d{2}-\d{2}-\d{2}Z$", text))


# --------------------------------------------------------------------------------------------
# Authors
# --------------------------------------------------------------------------------------------

_BYLINE_PREFIX = re.compile(
    r"^(?:oleh|penulis|reporter|pewarta|wartawan|kontributor|by|laporan\s+wartawan\s+\S+|"
    r"laporan\s+reporter\s+\S+)\s*[:,]?\s*",
    re.I,
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|/|\s&\s|\sdan\s|\sand\s)\s*", re.I)


@lru_cache(maxsize=1)
def _org_names() -> frozenset[str]:
    names = load_lines("noise_authors.txt") + load_lines("noise_title_suffixes.txt")
    return frozenset(_norm_name(n) for n in names)


def clean_author(name: str) -> str | None:
    """A writer's name without byline words; None for organisations, URLs and junk."""
    text = " ".join(str(name).split())
    text = _BYLINE_PREFIX.sub("", text).strip(" -|:,")
    if not text or len(text) > 80 or text.startswith(("http://", "https://", "@")):
        return None
    if _norm_name(text) in _org_names() or not re.search(r"[A-Za-z]", text):
        return None
    if _DOMAIN_LIKE.match(text):
        return None
    return text


def _ld_names(value: Any) -> list[str]:
    names: list[str] = []
    if isinstance(value, str):
        names.append(value)
    elif isinstance(value, list):
        for item in value:
            names.extend(_ld_names(item))
    elif isinstance(value, dict):
        if "Organization" in ld_types(value) or "NewsMediaOrganization" in ld_types(value):
            return names
        name = value.get("name")
        if isinstance(name, str):
            names.append(name)
    return names


def split_authors(values: Iterable[str]) -> list[str]:
    """Clean, de-duplicated writer names from raw byline strings ("A, B dan C" → 3 names)."""
    result: list[str] = []
    seen: set[str] = set()
    for value in values:
        if str(value).strip().startswith(("http://", "https://")):
            continue  # a profile URL (article:author on kompas & co.), not a name
        for part in _AUTHOR_SPLIT.split(_BYLINE_PREFIX.sub("", " ".join(str(value).split()))):
            name = clean_author(part)
            if name and name.lower() not in seen:
                seen.add(name.lower())
                result.append(name)
    return result


AUTHOR_META_KEYS: tuple[str, ...] = (
    "author",
    "article:author",
    "dc.creator",
    "content_author",
    "parsely-author",
    "sailthru.author",
    "twitter:creator",
)


def authors_from(ld: dict | None, meta: dict[str, str]) -> list[str]:
    """Writers from the article's JSON-LD ``author`` first, else from byline ``<meta>`` tags.

    Editors are not authors (``editor`` in ld is ignored here); organisation names such as
    "Tribunnews.com" or "Redaksi" are dropped (data file ``noise_authors.txt``).
    """
    if ld:
        names = split_authors(_ld_names(ld.get("author")))
        if names:
            return names
    for key in AUTHOR_META_KEYS:
        if key in meta:
            names = split_authors([meta[key]])
            if names:
                return names
    return []


def editors_from(ld: dict | None, meta: dict[str, str]) -> list[str]:
    """Editors from JSON-LD ``editor`` or ``content_editor``-style meta tags."""
    if ld and ld.get("editor"):
        names = split_authors(_ld_names(ld.get("editor")))
        if names:
            return names
    for key in ("content_editor", "editor", "article:editor"):
        if key in meta:
            names = split_authors([meta[key]])
            if names:
                return names
    return []


# --------------------------------------------------------------------------------------------
# Convenience readers over ld + meta, shared by the generic extractor and site modules
# --------------------------------------------------------------------------------------------

DATE_META_KEYS: tuple[str, ...] = (
    "article:published_time",
    "datepublished",
    "content_publisheddate",
    "publishdate",
    "pubdate",
    "og:published_time",
    "dc.date.issued",
    "dc.date",
    "date",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "article:published",
    "dtk:publishdate",
)


def published_from(ld: dict | None, meta: dict[str, str]) -> datetime | None:
    """Publish time from ld ``datePublished`` first, then the usual meta keys."""
    if ld:
        value = ld.get("datePublished") or ld.get("dateCreated")
        if isinstance(value, str):
            parsed = parse_published(value)
            if parsed:
                return parsed
    for key in DATE_META_KEYS:
        if key in meta:
            parsed = parse_published(meta[key])
            if parsed:
                return parsed
    return None


def ld_text(ld: dict | None, key: str) -> str | None:
    """A string field of a JSON-LD object, whitespace-normalised (None when missing or not text)."""
    if not ld:
        return None
    value = ld.get(key)
    if isinstance(value, list) and value and isinstance(value[0], str):
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    # JSON-LD strings are often HTML-escaped by the CMS ("Inspirasi &amp; Misi")
    value = " ".join(html.unescape(value).split())
    return value or None


def keywords_from(ld: dict | None, meta: dict[str, str], tree: Any = None) -> list[str]:
    """Tags: ld ``keywords``, else repeated ``article:tag``, else ``news_keywords``/``keywords``."""
    raw: list[str] = []
    if ld:
        value = ld.get("keywords")
        if isinstance(value, str):
            raw = value.split(",")
        elif isinstance(value, list):
            raw = [v for v in value if isinstance(v, str)]
    if not raw and tree is not None:
        raw = read_meta_all(tree, "article:tag")
    if not raw:
        for key in ("news_keywords", "keywords"):
            if key in meta:
                raw = meta[key].split(",")
                break
    tags: list[str] = []
    seen: set[str] = set()
    for item in raw:
        tag = " ".join(item.split()).strip(" ,;")
        if tag and tag.lower() not in seen and len(tag) <= 80:
            seen.add(tag.lower())
            tags.append(tag)
    return tags


# --------------------------------------------------------------------------------------------
# The date the page shows next to its headline
# --------------------------------------------------------------------------------------------

# "September 2, 2013", "Sep 2, 2013 10:00" (English-language WordPress themes)
_MONTH_DAY_YEAR = re.compile(
    r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),\s+(?P<y>\d{4})" + _TIME + _ZONE, re.I
)
# a date line is short ("Rabu, 10 Februari 2016 14:11", "M Rodhi Aulia - 11 Februari 2016 06:38 wib");
# longer text nodes are sentences whose dates are events, not the publish date
_MAX_DATE_LINE = 120
_DATE_SCAN_AFTER = 60  # text nodes looked at after the headline
# ... but never past the story: after this many story-length text nodes the dates are a sidebar's
# or a related list's, not the article's
_DATE_SCAN_STORY_NODES = 1
_STORY_NODE_CHARS = 120
_DATE_SCAN_BEFORE = 15  # ... and before it (kicker lines such as "PERISTIWA | 17 Juni 2021 11:38")
_NO_TEXT_TAGS = frozenset(("script", "style", "noscript", "template", "option", "select"))


# an ISO-like date and clock time written in a date line: "Diterbitkan: 2023-10-16 17:30"
_ISO_IN_TEXT = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
    r"[ T]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?" + _ZONE,
    re.I,
)


@lru_cache(maxsize=1)
def _update_label_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r})" for r in load_lines("date_update_labels.txt")), re.I)


def date_line(text: str) -> datetime | None:
    """The publish time written in a short date line, or None: a month name is required (or a
    numeric date with a clock time), so "(8/2/2016)" inside a sentence never counts."""
    text = " ".join(text.split())
    if not text or len(text) > _MAX_DATE_LINE or not re.search(r"(?:19|20)\d\d", text):
        return None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            month = _MONTHS.get(m.group("mon").lower())
            if month and len(m.group("y")) == 4:
                return _build(m.group("y"), month, m.group("d"), m)
    numeric = _NUMERIC_DMY.search(text)
    if numeric and numeric.group("h"):
        return _build(numeric.group("y"), int(numeric.group("mo")), numeric.group("d"), numeric)
    iso = _ISO_IN_TEXT.search(text)
    if iso:
        return _build(iso.group("y"), int(iso.group("mo")), iso.group("d"), iso)
    return None


def _text_nodes(tree: Any) -> Iterator[tuple[Any, str]]:
    """(element, text) for every visible text node in document order (text, then tails)."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            if el.tail and el.tail.strip():
                yield el, el.tail
            continue
        if el.tag not in _NO_TEXT_TAGS and el.text and el.text.strip():
            yield el, el.text
        if el.tail and el.tail.strip():
            yield el.getparent(), el.tail


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _headline_element(tree: Any, title: str | None, headings_only: bool = False) -> Any:
    """The element showing the headline: an h1–h3 whose whole text is the title, else (on
    table-less layouts) any element whose own text is the title, else the first non-empty h1."""
    wanted = _folded(title or "")
    if wanted:
        headings = tree.iter("h1", "h2", "h3")
        headline = next((h for h in headings if _folded(h.text_content()) == wanted), None)
        if headline is not None or headings_only:
            return headline
        nodes = _text_nodes(tree)
        headline = next((el for el, text in nodes if el is not None and _folded(text) == wanted), None)
        if headline is not None:
            return headline
    if headings_only:
        return None
    return next((el for el in tree.iter("h1") if el.text_content().strip()), None)


def _around(tree: Any, headline: Any) -> tuple[list[str], list[str]] | None:
    """The text nodes after the headline (nearest first) and before it (nearest first), in one
    pass that stops :data:`_DATE_SCAN_AFTER` nodes past the headline."""
    inside = set(headline.iter())
    before: deque[str] = deque(maxlen=_DATE_SCAN_BEFORE)
    after: list[str] = []
    seen = False
    story = 0
    for el, text in _text_nodes(tree):
        if el in inside:
            seen = True
        elif not seen:
            before.append(text)
        else:
            after.append(text)
            story += len(text.strip()) >= _STORY_NODE_CHARS
            if len(after) >= _DATE_SCAN_AFTER or story >= _DATE_SCAN_STORY_NODES:
                break
    return (after, list(reversed(before))) if seen else None


def visible_date(tree: Any, title: str | None, *, headings_only: bool = False) -> datetime | None:
    """The publish time the page shows beside its headline: the date line nearest to the
    headline, looking alternately after and before it.

    Sidebars, related lists and "terpopuler" boxes carry later dates of other articles, and
    meta tags sometimes carry a false zone, so the date line nearest the headline is what a
    reader (and the gold) takes as the publish date.  ``headings_only``: the headline must be
    an h1–h3 showing exactly ``title`` (a test of "is this one article?").
    """
    headline = _headline_element(tree, title, headings_only)
    window = _around(tree, headline) if headline is not None else None
    if window is None:
        return None
    after, before = window
    for i in range(max(len(after), len(before))):
        for side in (after, before):
            if i < len(side) and not _update_label_re().search(side[i]):
                shown = date_line(side[i])
                # above the headline, a date without a clock time is the header's "today"
                if shown and (side is after or shown.hour or shown.minute):
                    return shown
    return None


def reconcile_published(
    declared: datetime | None, shown: datetime | None, *, from_publisher: bool = False
) -> datetime | None:
    """The publish time, when the declared (JSON-LD / meta / guessed) one and the shown one may
    disagree.

    Same Jakarta day: the declared value (it has seconds and a real offset).  Declared clock
    time on the shown day but another day in Jakarta: the offset is false (detik's local time
    with "Z", WordPress's "+00:00", merdeka's "-07:00"), so the clock time is read as WIB.
    Another day altogether: the declared date came from elsewhere (a sidebar, the capture
    date), and the shown date wins, unless the declared value is the publisher's own metadata
    (``from_publisher``) and the shown line has no clock time: a bare date (a header's "today")
    is weaker evidence than JSON-LD or ``<meta>``.
    """
    if declared is None or shown is None:
        return declared or shown
    shown_day = shown.astimezone(JAKARTA).date() if shown.tzinfo else shown.date()
    local = declared.astimezone(JAKARTA) if declared.tzinfo else declared.replace(tzinfo=JAKARTA)
    if local.date() == shown_day:
        # a declared day without a clock time (htmldate, a date-only meta) takes the shown time
        if not (declared.hour or declared.minute or declared.second) and (shown.hour or shown.minute):
            return shown
        return declared
    if declared.date() == shown_day:
        return declared.replace(tzinfo=JAKARTA)
    if from_publisher and not (shown.hour or shown.minute):
        return declared
    return shown


def settled_published(declared: datetime | None, tree: Any, title: str | None, ctx: Any) -> datetime | None:
    """:func:`reconcile_published` of ``declared`` with the date shown beside the headline;
    ``ctx`` (a :class:`extract.sites.base.PageContext`) tells whether ``declared`` is the
    publisher's own JSON-LD / ``<meta>`` value or a guess."""
    shown = visible_date(tree, title)
    from_publisher = declared is not None and declared == published_from(ctx.article_ld, ctx.meta)
    if not from_publisher and (marked := _marked_published(tree, title)) is not None:
        declared, from_publisher = marked, True  # the publisher's markup beats a guess
    settled = reconcile_published(declared, shown, from_publisher=from_publisher)
    if settled is not None and not (settled.hour or settled.minute or settled.second):
        return _clock_from_markup(tree, settled) or settled
    return settled


# machine-readable publish times in the page body (WordPress `time.entry-date.published`,
# microdata): the one marked as the publish time first, then any <time datetime>
_MARKUP_TIMES = (
    "//time[@datetime][contains(@class,'publish')]",
    "//*[@itemprop='datePublished'][@datetime or @content]",
    "//time[@datetime]",
)


def _marked_published(tree: Any, title: str | None) -> datetime | None:
    """The publish time the page's markup declares when no JSON-LD or ``<meta>`` does:
    ``itemprop="datePublished"`` or a ``<time datetime>`` with a publish class anywhere, else a
    ``<time datetime>`` in the few elements right under the headline (outside a sidebar).  Its
    visible text may say nothing ("3 hari lalu"), so the attribute is read."""
    for xpath in _MARKUP_TIMES[:2]:
        for el in tree.xpath(xpath):
            parsed = parse_published(el.get("datetime") or el.get("content") or "")
            if parsed is not None:
                return parsed
    headline = _headline_element(tree, title)
    if headline is None:
        return None
    for el in list(headline.itersiblings())[:_HEADLINE_TIME_SIBLINGS]:
        if not isinstance(el.tag, str) or el.tag in _SIDE_TAGS:
            continue
        for time_el in [el] if el.tag == "time" else el.iter("time"):
            parsed = parse_published(time_el.get("datetime") or "")
            if parsed is not None:
                return parsed
    return None


# the article's own <time> stands right under its headline (a byline row, a date line)
_HEADLINE_TIME_SIBLINGS = 3


# page furniture beside the article: their <time>s belong to other articles
_SIDE_TAGS = frozenset(("aside", "nav", "footer"))


def _clock_from_markup(tree: Any, day: datetime) -> datetime | None:
    """A publish time with a clock time for ``day`` (settled without one, e.g. from a shown
    "3 September 2024" or htmldate), read from ``<time datetime>`` markup on the same Jakarta day;
    a time on another day (a sidebar's, a comment's) is never taken."""
    wanted = day.astimezone(JAKARTA).date() if day.tzinfo else day.date()
    for xpath in _MARKUP_TIMES:
        for el in tree.xpath(xpath):
            value = el.get("datetime") or el.get("content") or ""
            if "T" not in value and ":" not in value:
                continue
            parsed = parse_published(value)
            if parsed is None or not (parsed.hour or parsed.minute):
                continue
            local = parsed.astimezone(JAKARTA) if parsed.tzinfo else parsed.replace(tzinfo=JAKARTA)
            if local.date() == wanted:
                return parsed
    return None
