"""The items that flow from the spiders through the pipelines, typed (Scrapy's ``items.py``).

They stay plain dicts at run time (picklable for the extraction workers, JSON-able for the
raw store, what Scrapy's item adapters expect), typed as :class:`typing.TypedDict` so mypy checks
every producer and consumer; ``kind`` is a literal, so ``if item["kind"] == "record"`` narrows the
union to :class:`RecordItem`.

Spider items: :class:`ArticleItem` (one article, all its fetched pages) and
:class:`FetchErrorItem`.  Stage items, from the extract stage on: :class:`RecordItem` (a row of
the articles table) and :class:`ErrorItem` (a row of the errors table).
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict


class Page(TypedDict):
    """One fetched page of an article (page 1, then ``?page=2`` …)."""

    url: str  # what was really fetched (maybe a local copy's URL)
    status: int | None  # None: a raw-store record without HTTP headers
    headers: dict[str, str]
    body: bytes
    fetched_at: str  # ISO 8601, UTC


class ArticleItem(TypedDict):
    kind: Literal["article"]
    site: str
    url: str  # page 1 on the site's real origin
    lastmod: str | None  # the sitemap's lastmod, ISO 8601
    pages: list[Page]


class FetchErrorItem(TypedDict):
    kind: Literal["fetch_error"]
    site: str
    url: str
    status: int | None
    reason: str


class DedupInfo(TypedDict, total=False):
    """What the incremental state stores about an article (:class:`pipelines.state.CrawlState`)."""

    canonical_url: str
    urls: list[str]
    fetched_at: str
    lastmod: str | None
    etag: str | None
    last_modified: str | None
    article_id: str
    content_hash: str
    claimed_canonical: str  # a canonical URL the page declared but that is not trusted (yet)


class _RecordItem(TypedDict):
    kind: Literal["record"]
    row: dict[str, Any]  # every column of the articles table (schemas.article)
    dedup: DedupInfo


class RecordItem(_RecordItem, total=False):
    notes: list[dict[str, Any]]  # errors rows stored beside the article (a canonical conflict)
    validated: bool  # the validate stage ran already (in an extraction worker)


class _ErrorItem(TypedDict):
    kind: Literal["error"]
    row: dict[str, Any]  # the columns of the errors table


class ErrorItem(_ErrorItem, total=False):
    dedup: DedupInfo  # absent for fetch errors (nothing was stored)
    validated: bool  # the validate stage ran already (in an extraction worker)


SpiderItem = ArticleItem | FetchErrorItem
StageItem = RecordItem | ErrorItem
Item = ArticleItem | FetchErrorItem | RecordItem | ErrorItem
