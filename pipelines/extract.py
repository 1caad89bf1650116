"""Extract stage: a spider's article item (raw pages) -> a row of the articles table.

:func:`extract_item` is a pure function of the item (bytes in, dicts out, no Scrapy, no I/O), so
``kabar reextract`` runs it in a process pool and the crawl can move it there too.  It returns a
*stage item*:

* ``{"kind": "record", "row": {...}, "dedup": {...}}`` — every record field plus ``article_id``,
  ``requested_url``, ``content_hash``, ``fetched_at`` and a provisional ``version`` (the dedup
  stage sets the real one);
* ``{"kind": "error", "row": {...errors columns...}, "dedup": {...}}`` — the page gave no article
  text (the extractor's ``error`` says why).

``dedup`` carries what :class:`pipelines.state.CrawlState` stores (ids, hash, fetch headers).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote, urlsplit

from kabar.pipelines.normalize import content_hash, normalise_record
from kabar.pipelines.state import article_id_for
from kabar.schemas.items import ArticleItem, DedupInfo, ErrorItem, StageItem

log = logging.getLogger(__name__)

Extractor = Callable[..., dict]

# The canonical link sits in <head>; parsing only that much keeps the second look cheap.
_HEAD_LIMIT = 256 * 1024


def declared_canonical(body: bytes | str) -> str | None:
    """The page's ``<link rel=canonical>`` / ``og:url``, when it is a real article URL.

    A canonical that points at a site's home page (a common template bug) would merge every
    article into one id, so it is ignored.
    """
    try:
        import lxml.html

        from kabar.extract.decode import bound_markup
        from kabar.extract.metadata import canonical_url, read_meta

        head = body[:_HEAD_LIMIT]
        if isinstance(head, bytes):
            head = head.decode("utf-8", errors="replace")
        end = head.lower().find("</head>")
        # bounded like every parse of a fetched page (a hostile <head> must not stall the crawl)
        head = bound_markup(head[: end + len("</head>")] if end >= 0 else head)[0]
        tree = lxml.html.fromstring(head.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
        url = canonical_url(tree, read_meta(tree))
    except Exception:  # unparsable head: fall back to the requested URL
        return None
    if not url or urlsplit(url).path.strip("/") == "":
        return None
    return url


_HOST_PREFIXES = ("www.", "m.", "amp.")


def _article_key(url: str) -> tuple[str, str]:
    """(host, path) as two URLs of one article share them: scheme, ``www.``/``m.``/``amp.``, a
    trailing slash or ``/amp``, the query and the case of the path do not count."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    path = unquote(parts.path).rstrip("/").casefold()
    path = path.removesuffix("/amp").removeprefix("/amp/").rstrip("/")
    return host, path


def trusted_canonical(
    declared: str | None, requested: str, fetched: str | None = None
) -> tuple[str, str | None]:
    """The URL the article is keyed by, and the declared canonical when it was not trusted.

    Any page can declare another article's ``<link rel=canonical>``; trusted blindly, it became
    a new version of that article (which then vanished from ``articles_latest`` and, its
    sitemap lastmod never moving, was never fetched again).  So a canonical is trusted only when
    it names the requested URL up to normalisation (:func:`_article_key`), or, on the same site,
    the path the page was really served from (``fetched``, after redirects; its host may be a
    local copy's 127.0.0.1:port, hence the path alone).  Otherwise the article
    keeps its own URL and the claim goes on to the dedup stage, which joins the two only when the
    named article is stored with the same text (:func:`pipelines.dedup.apply_dedup`) and records
    the conflict otherwise.
    """
    if not declared or not requested:
        return declared or requested, None
    claimed_host, claimed_path = _article_key(declared)
    if (claimed_host, claimed_path) == _article_key(requested):
        return declared, None
    if fetched and claimed_host == _article_key(requested)[0] and claimed_path == _article_key(fetched)[1]:
        return declared, None  # an on-site redirect: the page names where it now lives
    return requested, declared


def _header(headers: dict[str, Any], name: str) -> str | None:
    for key, value in (headers or {}).items():
        if str(key).lower() == name:
            return str(value)
    return None


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


def extract_item(item: ArticleItem, extractor: Extractor | None = None) -> StageItem:
    """Turn one article item into a stage item (see the module doc).  Never raises."""
    pages = item.get("pages") or []
    requested = str(item.get("url") or (pages[0].get("url") if pages else "") or "")
    site = item.get("site")
    first: dict[str, Any] = dict(pages[0]) if pages else {}
    fetched_at = first.get("fetched_at") or _now_iso()
    bodies = [p.get("body") or b"" for p in pages]
    dedup: DedupInfo = {
        "canonical_url": requested,
        "urls": [requested],
        "fetched_at": fetched_at,
        "lastmod": item.get("lastmod"),
        "etag": _header(first.get("headers") or {}, "etag"),
        "last_modified": _header(first.get("headers") or {}, "last-modified"),
    }

    def error(code: str, reason: str) -> ErrorItem:
        raw = hashlib.sha256(b"".join(b if isinstance(b, bytes) else b.encode() for b in bodies))
        dedup["article_id"] = article_id_for(dedup["canonical_url"] or "about:blank")
        dedup["content_hash"] = "raw:" + raw.hexdigest()[:32]
        row = {
            "url": requested or None,
            "site": site,
            "stage": "extract",
            "status": first.get("status"),
            "code": code,
            "reason": reason,
            "time": fetched_at,
        }
        return {"kind": "error", "row": row, "dedup": dedup}

    if not pages:
        return error("no_pages", "the item carries no fetched page")
    try:
        record = (extractor or load_extractor(DEFAULT_EXTRACTOR))(
            bodies[0], url=requested or None, extra_pages=tuple(bodies[1:])
        )
    except Exception as exc:  # the extractor promises not to raise; a bug must not stop the crawl
        log.exception("extractor failed on %s", requested)
        return error("extractor_crashed", f"{type(exc).__name__}: {exc}")

    record = normalise_record(dict(record))
    canonical, claimed = trusted_canonical(
        declared_canonical(bodies[0]) or record.get("url"), requested, first.get("url")
    )
    if claimed:
        dedup["claimed_canonical"] = claimed
    text: str = record["text"] if isinstance(record.get("text"), str) else ""
    if not text.strip():
        err = record.get("error") or {}
        dedup["canonical_url"] = canonical
        return error(
            str(err.get("code") or "no_text"),
            str(err.get("message") or "the extractor found no article text"),
        )

    record.update(
        url=canonical,
        site=site or record.get("site"),
        article_id=article_id_for(canonical),
        requested_url=requested,
        content_hash=content_hash(text),
        fetched_at=fetched_at,
        version=1,
    )
    dedup["canonical_url"] = canonical
    dedup["article_id"] = record["article_id"]
    dedup["content_hash"] = record["content_hash"]
    return {"kind": "record", "row": record, "dedup": dedup}


DEFAULT_EXTRACTOR = "kabar.extract.page.extract_page"


@functools.lru_cache(maxsize=4)
def load_extractor(path: str) -> Extractor:
    """The extractor function named by a dotted path (``KABAR_EXTRACTOR``)."""
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def extract_item_with(item: ArticleItem, extractor_path: str) -> StageItem:
    """:func:`extract_item` with the extractor named by path: picklable, for worker processes."""
    return extract_item(item, load_extractor(extractor_path))
