"""One spider per registered outlet, built from its site module's ``CRAWL`` data.

An outlet lives in one module, ``extract/sites/<key>.py``: its key, hosts and names, its crawl
sources (:class:`extract.sites.sources.CrawlSources`) and its extraction selectors.  This module
turns every such module into a :class:`OutletSpider` subclass named by the key, so Scrapy's
spider loader finds ``scrapy crawl <key>`` for each, and ``kabar crawl <key>`` uses the same
class.  No spider is written by hand per site.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any, ClassVar

import kabar.extract.sites  # noqa: F401  (loads the submodule)
from kabar import extract
from kabar.crawler.spiders.base import NewsSpider
from kabar.extract.sites.sources import CrawlSources


class OutletSpider(NewsSpider):
    """A :class:`NewsSpider` whose constants come from an outlet's :class:`CrawlSources`."""

    sources: ClassVar[CrawlSources]


def spider_for(key: str, module: ModuleType) -> type[OutletSpider]:
    """The spider class of the outlet ``key`` described by the site module ``module``."""
    sources: CrawlSources = module.CRAWL
    attrs: dict[str, Any] = {
        "__module__": __name__,
        "__doc__": f"Spider of {key} ({sources.host}), built from {module.__name__}.CRAWL.",
        "name": key,
        "site": key,
        "sources": sources,
        "ORIGINS": sources.origins,
        "SITEMAPS": sources.sitemaps,
        "FEEDS": sources.feeds,
        "LISTINGS": sources.listings,
        "DATE_ARCHIVE": sources.date_archive,
        "SEARCH": sources.search,
        "ARTICLE_PATTERNS": tuple(re.compile(p) for p in sources.article_patterns),
        "NOT_ARTICLE_PATTERNS": tuple(re.compile(p) for p in sources.not_article_patterns),
        "LISTING_LINKS": sources.listing_links,
        "LISTING_NEXT": sources.listing_next,
        "LISTING_DATE": sources.listing_date,
        "PAGING_LINKS": sources.paging_links,
        "PUBLISHED_TEXT": sources.published_text,
        "custom_settings": dict(sources.settings),
    }
    class_name = "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", key)) + "Spider"
    return type(class_name, (OutletSpider,), attrs)


def build_spiders() -> dict[str, type[OutletSpider]]:
    """A spider class per crawlable site module, by outlet key (sorted)."""
    return {key: spider_for(key, module) for key, module in sorted(extract.sites.crawlable().items())}


SPIDERS = build_spiders()
# Module-level names, so Scrapy's spider loader (which scans SPIDER_MODULES for Spider
# subclasses defined in each module) finds every outlet's spider.
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
