"""kabar's spiders: one module per site, sharing :class:`crawler.spiders.base.NewsSpider`.

``SITE_SPIDERS`` is the small registry of known sites (``kabar crawl SITE``); ``generic`` crawls
any other site from a sitemap or feed and is run with ``scrapy crawl generic -a sitemap=URL``.
"""

from __future__ import annotations

from crawler.spiders.base import NewsSpider
from crawler.spiders.beritajakarta import BeritajakartaSpider
from crawler.spiders.idntimes import IdntimesSpider
from crawler.spiders.koranjakarta import KoranjakartaSpider
from crawler.spiders.satuarah import SatuarahSpider
from crawler.spiders.wartakota import WartakotaSpider

SITE_SPIDERS: dict[str, type[NewsSpider]] = {
    cls.site: cls
    for cls in (WartakotaSpider, IdntimesSpider, KoranjakartaSpider, BeritajakartaSpider, SatuarahSpider)
}
