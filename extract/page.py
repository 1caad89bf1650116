"""One saved page (plus its continuation pages) → one article record.  Never raises.

The extraction sequence: this docstring is the one place that describes it; each step is one
call in :func:`_extract_single` / :func:`extract_page`, and the data only flows forward.

====  ===========  ======================================================================
step  what         where
====  ===========  ======================================================================
1     decode       :func:`extract.decode.decode_html`: bytes → text (charset chain, mojibake
                   repair, size cap); empty or binary input → a record with ``error``
2     parse        :func:`extract.decode.parse_html`: text → one lxml tree
3     context      :func:`extract.sites.base.build_context`: the :class:`PageContext` (tree,
                   URL, host, JSON-LD, ``<meta>``), read once and shared by everything below
4     body         :func:`_body_and_fields`: the site module of the host
                   (:func:`extract.sites.site_for`), else :func:`extract.generic.extract_generic`;
                   a site module that raises or finds no body falls back to the generic extractor
                   (``extraction = "generic-fallback"``, a log line says why)
5     metadata     same call: per field, what the module found, else what the publisher declared
                   (:func:`extract.sites.base.structured_fields`: JSON-LD, OpenGraph)
6     cleanup      :func:`_fill`: title without the brand, ISO date in WIB, lists de-duplicated,
                   lines echoing another article's linked headline, a picture's alt text or
                   the outlet's own promo dropped (:func:`extract.page_echoes.without_echoes`),
                   the text cleaned once (:func:`extract.text.clean_text`: NFC, controls, boilerplate
                   lines; then :func:`extract.generic.strip_noise`), language guessed; then the
                   error checks (too large, too complex, no text, paywall)
7     pages        :func:`extract.paging.join_pages`: continuation pages (``extra_pages``),
                   each through steps 1–6, joined into one record
8     facts        :func:`extract.facts.extract_facts` on the final text (event, institution,
                   officials, pledge points, figures, with offsets into ``text``)
====  ===========  ======================================================================

The text is normalised in step 6 only; the storage stage (:mod:`pipelines.normalize`) finds it
already normal and changes nothing (it exists for other extractors named by ``KABAR_EXTRACTOR``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from types import ModuleType
from typing import Any

from kabar.extract import metadata
from kabar.extract.decode import DecodeError, decode_html, parse_html
from kabar.extract.page_echoes import without_echoes
from kabar.extract.paging import join_pages
from kabar.extract.record import empty_facts, empty_record, make_error
from kabar.extract.sites import module_name, site_for, site_key
from kabar.extract.sites.base import PageContext, build_context, structured_fields
from kabar.extract.text import MAX_TEXT_CHARS, clean_inline, guess_language, truncate_text

log = logging.getLogger(__name__)

# Decode errors after which there is no page to extract anything from.
FATAL_CODES = frozenset({"empty", "not_html"})
_LIST_FIELDS = ("authors", "editors", "tags")
_INLINE_FIELDS = ("section", "description")
# trafilatura's time grows faster than linearly with the page (≈4 s for 8,000 paragraphs on
# one core), so pathological pages (a 10 MB pile of divs) would stall a crawl for minutes.
# Real article pages have 500–2,500 elements (the largest in shared/realhtml: 2,220).
MAX_GENERIC_ELEMENTS = 15_000
# A site module's body shorter than this is taken as layout drift (the selector matched some
# other small element); even a brief news item is longer.
MIN_SITE_BODY_CHARS = 80
# The first element of a feed or sitemap: such a document lists articles, it is not one.
# (og:type is no help for HTML listings: real article pages also say "website".)
_FEED_ROOT_RE = re.compile(
    r"\A\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w-]+:)?(rss|feed|urlset|sitemapindex|RDF)\b",
    re.IGNORECASE | re.DOTALL,
)


class TooComplex(Exception):
    """The page is too big for the generic extractor; becomes a ``too_complex`` error."""


def extract_page(
    html: bytes | str,
    url: str | None = None,
    *,
    extra_pages: Sequence[bytes | str] = (),
    facts: bool = True,
    use_ner: bool = True,
) -> dict[str, Any]:
    """The article record of one saved page; bad input gives a record with ``error`` set.

    ``url`` is the page's address (it picks the site module and becomes the record's ``url``);
    without it the page's canonical URL is used.  ``extra_pages`` are the article's
    continuation pages (Tribun ``?page=2`` …) in order.  ``facts=False`` skips the event layer;
    ``use_ner=False`` keeps it rule-based (no spaCy model).
    """
    try:
        record = _extract_single(html, url)  # steps 1-6
        if extra_pages and not _is_fatal(record):  # step 7
            more = [_extract_continuation(page, record["url"] or url) for page in extra_pages]
            record = join_pages([record, *more])
        if facts and record["text"]:  # step 8
            _add_facts(record, use_ner=use_ner)
        return record
    except Exception as exc:  # the contract: never raise, whatever the page did to us
        log.exception("extraction failed for %s", url or "<no url>")
        record = empty_record(url)
        record["site"] = site_key(url)
        record["error"] = make_error("internal", f"extraction failed: {type(exc).__name__}: {exc}")
        return record


def _extract_continuation(html: bytes | str, url: str | None) -> dict[str, Any]:
    """A continuation page's record; its failure is reported by ``join_pages``, not raised."""
    try:
        return _extract_single(html, url)
    except Exception as exc:
        log.exception("continuation page of %s failed", url or "<no url>")
        record = empty_record(url)
        record["error"] = make_error("internal", f"{type(exc).__name__}: {exc}")
        return record


def _is_fatal(record: dict[str, Any]) -> bool:
    return bool(record["error"]) and record["error"]["code"] in FATAL_CODES


def _extract_single(html: bytes | str, url: str | None) -> dict[str, Any]:
    """Steps 1–6 for one page: a record without facts."""
    record = empty_record(url)
    record["site"] = site_key(url)
    try:
        decoded = decode_html(html)  # 1 decode
        tree = parse_html(decoded.text)  # 2 parse
    except DecodeError as exc:
        record["error"] = make_error(exc.code, exc.message)
        return record
    ctx = build_context(decoded.text, tree, url)  # 3 context
    record["url"] = ctx.url
    record["site"] = site_key(ctx.url)
    feed = _FEED_ROOT_RE.match(decoded.text[:4096])
    if feed:
        record["error"] = make_error(
            "not_article", f"this is a feed or sitemap (<{feed.group(1)}>), not an article page"
        )
        return record
    module = site_for(ctx.host)
    too_complex = None
    try:
        fields, record["extraction"] = _body_and_fields(ctx, module)  # 4 body, 5 metadata
    except TooComplex as exc:
        fields, too_complex = structured_fields(ctx), make_error("too_complex", str(exc))
    text_cut = _fill(record, fields, module, ctx)  # 6 cleanup
    if decoded.truncated:  # the root cause, even when the cut page was also too complex
        size_mb = decoded.original_size / 1024 / 1024
        record["error"] = make_error(
            "too_large", f"page is {size_mb:.1f} MB; only the first 10 MB were extracted"
        )
    elif too_complex or decoded.capped:
        record["error"] = too_complex or make_error("too_complex", str(decoded.capped))
    elif text_cut:
        record["error"] = make_error(
            "too_large", f"article text over {MAX_TEXT_CHARS:,} characters; the rest was dropped"
        )
    elif listing := _listing(ctx, record):
        record["error"] = make_error("not_article", f"a listing, not an article: {listing}")
        record["text"], record["signoff"] = "", None
    elif not record["text"]:
        record["error"] = make_error("no_text", "no article text found on the page")
    elif _paywalled(ctx):  # the teaser is kept (it is what the site shows), flagged for analysts
        record["error"] = make_error(
            "paywall_teaser",
            "the publisher marks the article as not free (isAccessibleForFree: "
            "false / content_tier locked): the text may be only the free teaser",
        )
    return record


def _listing(ctx: PageContext, record: dict[str, Any]) -> str | None:
    from kabar.extract.generic import listing_reason  # imported lazily: trafilatura takes a while to load

    generic_route = not (record["extraction"] or "").startswith("site:")
    return listing_reason(ctx, record["title"], record["text"], generic_route=generic_route)


def _paywalled(ctx: PageContext) -> bool:
    """schema.org ``isAccessibleForFree: false`` (on the article or one of its ``hasPart``) or
    ``<meta property="article:content_tier" content="locked">``."""
    objects = list(ctx.ld)
    for obj in ctx.ld:
        part = obj.get("hasPart")
        objects.extend(p for p in (part if isinstance(part, list) else [part]) if isinstance(p, dict))
    for obj in objects:
        free = obj.get("isAccessibleForFree")
        if free is False or (isinstance(free, str) and free.strip().lower() == "false"):
            return True
    return ctx.meta.get("article:content_tier", "").strip().lower() == "locked"


def _body_and_fields(ctx: PageContext, module: ModuleType | None) -> tuple[dict[str, Any], str]:
    """The merged partial record and the ``extraction`` label.

    Precedence per field: what the site module (or generic extractor) found, else what the
    publisher declared in JSON-LD / ``<meta>``.  Site modules read structured data first
    themselves, so their answer already reflects it.
    """
    fields = structured_fields(ctx)
    if module is not None:
        name = module_name(module)
        try:
            partial = module.extract(ctx)
        except Exception as exc:  # layout drift must not lose the article: fall back below
            log.warning(
                "site module %s raised %s: %s on %s; using the generic extractor",
                name,
                type(exc).__name__,
                exc,
                ctx.url,
            )
            partial = {}
        else:
            if len((partial.get("text") or "").strip()) >= MIN_SITE_BODY_CHARS:
                fields.update(_non_empty(partial))
                return fields, f"site:{name}"
            log.warning(
                "site module %s found no body on %s (layout drift?); using the generic extractor",
                name,
                ctx.url,
            )
        generic = _generic(ctx)
        fields.update(_non_empty(generic))
        fields.update(_non_empty({k: v for k, v in partial.items() if k != "text"}))
        return fields, "generic-fallback"
    fields.update(_non_empty(_generic(ctx)))
    return fields, "generic"


def _generic(ctx: PageContext) -> dict[str, Any]:
    from kabar.extract.generic import extract_generic  # imported lazily: trafilatura takes a while to load

    elements = sum(1 for _ in ctx.tree.iter())
    if elements > MAX_GENERIC_ELEMENTS:
        raise TooComplex(
            f"page has {elements:,} elements, over the generic extractor's limit of "
            f"{MAX_GENERIC_ELEMENTS:,} (real article pages have under 3,000)"
        )
    return extract_generic(ctx)


def _non_empty(partial: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in partial.items() if v not in (None, "", [], ())}


def _fill(
    record: dict[str, Any], fields: dict[str, Any], module: ModuleType | None, ctx: PageContext
) -> bool:
    """Normalise the merged fields into the record (title cleaned, date as ISO, text cleaned);
    True when the text had to be cut at :data:`MAX_TEXT_CHARS`."""
    from kabar.extract.generic import finish_text  # the shared newsroom noise rules (data files)

    site_names = [*getattr(module, "SITE_NAMES", ()), ctx.meta.get("og:site_name", "")]
    title = clean_inline(fields.get("title"))
    record["title"] = clean_inline(metadata.clean_title(title, site_names)) if title else None
    for key in _INLINE_FIELDS:
        record[key] = clean_inline(fields.get(key))
    for key in _LIST_FIELDS:
        record[key] = _clean_list(fields.get(key) or [])
    declared = fields.get("published_at")
    declared = metadata.parse_published(declared) if isinstance(declared, str) else declared
    record["published_at"] = _iso(metadata.settled_published(declared, ctx.tree, record["title"], ctx))
    raw_text, text_cut = truncate_text(fields.get("text") or "")
    if not (record["authors"] and record["editors"]):
        writers, editors = _byline_lines(raw_text)
        record["authors"] = record["authors"] or writers
        record["editors"] = record["editors"] or editors
    # before the sign-off split: a related box after the code would hide the code at the end
    echoed = (record["title"] or "", record["description"] or "")
    raw_text = without_echoes(raw_text, ctx.tree, ctx.url, skip=echoed, names=site_names)
    record["text"], record["signoff"] = finish_text(raw_text, drop=[record["title"] or ""])
    record["language"] = guess_language(record["text"])
    return text_cut


_BYLINE_LINE = re.compile(
    r"^\s*(?:(?P<writer>penulis|reporter|pewarta|wartawan)|(?P<editor>editor|redaktur|penyunting))\s*:\s*"
    r"(?P<names>[^:]{2,80})$",
    re.I,
)


def _byline_lines(text: str) -> tuple[list[str], list[str]]:
    """Writers and editors from "Penulis : X" / "Redaktur : Y" lines in the body (dropped from the
    text later), for pages whose byline is nowhere else (print-style and WordPress footers)."""
    writers: list[str] = []
    editors: list[str] = []
    for line in text.split("\n"):
        match = _BYLINE_LINE.match(line)
        if match:
            (writers if match.group("writer") else editors).append(match.group("names"))
    return metadata.split_authors(writers), metadata.split_authors(editors)


def _clean_list(values: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        item = clean_inline(value)
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            result.append(item)
    return result


def _iso(value: datetime | str | None) -> str | None:
    """ISO 8601 in Asia/Jakarta (``+07:00``); naive values are WIB, as Indonesian outlets mean them.

    Everything is converted to Jakarta time so that analysts can compare and group by day
    without caring that one outlet wrote UTC (Yoast) and another WITA.
    """
    if isinstance(value, str):
        value = metadata.parse_published(value)
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=metadata.JAKARTA)
    try:
        return value.astimezone(metadata.JAKARTA).isoformat()
    except (OverflowError, ValueError):  # year 9999 in another zone: a bad date, not a lost article
        return None


@cache
def _facts_function() -> Callable[..., dict[str, Any]] | None:
    """``extract.facts.extract_facts``, or None while that function does not exist yet.

    Only the absence of the function itself is tolerated; any other import error (a broken
    facts module, a missing dependency) propagates and becomes an ``internal`` error record.
    """
    try:
        from kabar.extract.facts import extract_facts
    except ImportError as exc:
        if exc.name == "kabar.extract.facts" and "extract_facts" in str(exc):
            log.warning("kabar.extract.facts.extract_facts is not available: records carry no event facts")
            return None
        raise
    return extract_facts


def _add_facts(record: dict[str, Any], *, use_ner: bool) -> None:
    extract_facts = _facts_function()
    if extract_facts is None:
        return
    published = datetime.fromisoformat(record["published_at"]) if record["published_at"] else None
    try:
        found = extract_facts(record["text"], published_at=published, title=record["title"], use_ner=use_ner)
    except Exception as exc:  # the article text is still worth keeping
        log.exception("event facts failed for %s", record["url"])
        if not record["error"]:
            record["error"] = make_error("facts_failed", f"event facts failed: {type(exc).__name__}: {exc}")
        return
    for key in empty_facts():
        if key in found:
            record[key] = found[key]
