"""Item pipeline 200, the extract stage in a crawl: article items become stage items.

It runs :func:`pipelines.extract.extract_item` in the crawl process or hands the item to a pool
of worker processes (:mod:`pipelines.pool`).  A module of its own so that the stage function and
the pool do not import each other.
"""

from __future__ import annotations

import logging
from typing import Any

from kabar.pipelines.extract import DEFAULT_EXTRACTOR, Extractor, extract_item, load_extractor
from kabar.pipelines.pool import ExtractionPool, workers_from
from kabar.schemas.items import Item

log = logging.getLogger(__name__)


class ExtractPipeline:
    """Item pipeline 200: article items become stage items; other items pass unchanged.

    Settings: ``KABAR_EXTRACTOR`` (dotted path of the extractor, default
    ``extract.page.extract_page``) and ``KABAR_EXTRACT_WORKERS`` (0: extract in the crawl
    process; N: in a pool of N processes (:class:`pipelines.pool.ExtractionPool`), so parsing
    never blocks the downloads — needs Scrapy's asyncio reactor, the default; unset: cores - 1).
    """

    def __init__(
        self, extractor: Extractor | None = None, *, extractor_path: str = DEFAULT_EXTRACTOR, workers: int = 0
    ) -> None:
        self.extractor = extractor
        self.extractor_path = extractor_path
        self.workers = workers
        self.pool: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        settings = crawler.settings
        return cls(
            extractor_path=settings.get("KABAR_EXTRACTOR") or DEFAULT_EXTRACTOR,
            workers=workers_from(settings),
        )

    def open_spider(self, spider: Any = None) -> None:
        if self.workers <= 0 or self.extractor is not None:
            return
        from scrapy.utils.reactor import is_asyncio_reactor_installed

        if not is_asyncio_reactor_installed():
            log.warning("KABAR_EXTRACT_WORKERS needs the asyncio reactor; extracting in the crawl process")
            return
        # The workers validate too: the crawl process only writes the raw store, deduplicates
        # and stores (the validate stage passes validated items on).
        # prewarm=False: the models load in the worker while the reactor goes on downloading.
        self.pool = ExtractionPool(self.workers, self.extractor_path, validate=True, prewarm=False)
        self.pool.start()  # the models load during discovery (robots.txt, sitemaps), not at the first page

    def process_item(self, item: Item, spider: Any = None) -> Any:
        if "kind" not in item or item["kind"] != "article":  # others pass on unchanged
            return item
        if self.pool is None:
            return extract_item(item, self.extractor or load_extractor(self.extractor_path))
        # An awaitable: Scrapy awaits it, and other responses are downloaded meanwhile.
        return self.pool.extract(item)

    def close_spider(self, spider: Any = None) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None
