"""Dedup stage: one row per article text, versions for changed texts.

Keyed by ``article_id`` (hash of the canonical URL) and ``content_hash`` (hash of the normalised
text), looked up in :class:`pipelines.state.CrawlState` (SQLite, bounded memory — no in-memory
set that grows with the crawl):

* unseen article -> ``version`` 1, stored;
* same text as the stored version -> dropped (the fetch data in the state is refreshed);
* different text -> ``version`` + 1, stored as a new row (analysts read ``articles_latest``).

Error items with a ``dedup`` block (pages that gave no article) are deduplicated the same way,
so an unchanged re-crawl adds no error rows either.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from kabar.pipelines.settings import Settingsish, out_dir_from
from kabar.pipelines.state import CrawlState, article_id_for
from kabar.pipelines.validate import error_row
from kabar.schemas.items import Item, RecordItem

log = logging.getLogger(__name__)


class Unchanged(DropItem):
    """Dropped because the stored version has the same text (logged at DEBUG, not WARNING)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")


def apply_dedup(item: Item, state: CrawlState) -> Item | None:
    """The item with its version set, or None when it repeats what is stored.  Records the state."""
    if item["kind"] != "record" and item["kind"] != "error":
        return item
    info = item.get("dedup")
    if not info:
        return item
    if info.get("claimed_canonical") and item["kind"] == "record":
        item = _settle_canonical_claim(item, state)
        info = item["dedup"]
    entry = state.get(info["article_id"])
    unchanged = entry is not None and entry.content_hash == info["content_hash"]
    if item["kind"] == "record":
        version = entry.version if entry and unchanged else (entry.version + 1 if entry else 1)
    else:  # an error keeps the version of the last good text (0: never stored)
        version = entry.version if entry else 0
    state.record(
        article_id=info["article_id"],
        canonical_url=info["canonical_url"],
        content_hash=info["content_hash"],
        fetched_at=info["fetched_at"],
        version=version,
        urls=info.get("urls") or (),
        lastmod=info.get("lastmod"),
        etag=info.get("etag"),
        last_modified=info.get("last_modified"),
    )
    if unchanged:
        return None
    if item["kind"] == "record":
        return {**item, "row": {**item["row"], "version": version}}
    return item


def _settle_canonical_claim(item: RecordItem, state: CrawlState) -> RecordItem:
    """A page declared another URL as its canonical (see :func:`pipelines.extract.trusted_canonical`).

    When the article at that URL is stored with the very same text, this page is another address
    of it: the item takes its id (and is then dropped as unchanged).  Otherwise the page stays an
    article of its own and an errors row (``canonical_conflict``) records the claim.
    """
    info, row = item["dedup"], item["row"]
    claimed = info["claimed_canonical"]
    claimed_id = article_id_for(claimed)
    entry = state.get(claimed_id)
    if entry is not None and entry.content_hash == info["content_hash"]:
        info = {**info, "canonical_url": claimed, "article_id": claimed_id}
        return {**item, "dedup": info, "row": {**row, "url": claimed, "article_id": claimed_id}}
    why = "a different text is stored there" if entry else "not the URL fetched"
    note = error_row(
        url=row.get("requested_url") or row.get("url"),
        site=row.get("site"),
        stage="dedup",
        code="canonical_conflict",
        time=row.get("fetched_at"),
        reason=f"declares {claimed} as its canonical URL, but that is another article "
        f"({why}); stored under its own URL",
    )
    return {**item, "notes": [*(item.get("notes") or []), note]}


class DedupPipeline:
    """Item pipeline 400 (see the module doc)."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self.state: CrawlState | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        return cls.from_settings(crawler.settings)

    @classmethod
    def from_settings(cls, settings: Settingsish) -> DedupPipeline:
        return cls(out_dir_from(settings))

    def open_spider(self, spider: Any = None) -> None:
        self.state = CrawlState.shared(self.out_dir)

    def process_item(self, item: Item, spider: Any = None) -> Item:
        if self.state is None:
            self.open_spider()
        assert self.state is not None
        result = apply_dedup(item, self.state)
        if result is None:
            assert item["kind"] == "record" or item["kind"] == "error"  # only these are ever unchanged
            raise Unchanged(f"unchanged since the last crawl: {item['dedup']['canonical_url']}")
        return result

    def close_spider(self, spider: Any = None) -> None:
        # The store pipeline (closed before this one) has flushed and committed; close for good.
        if self.state is not None:
            self.state.close()
            self.state = None
