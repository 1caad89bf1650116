"""kabar's spiders: one per registered outlet, built from its site module, plus ``generic``.

``SITE_SPIDERS`` maps each outlet key to its spider class (``kabar crawl SITE``); it is generated
from the site registry (:func:`extract.sites.crawlable`, see :mod:`crawler.spiders.outlets`), so
adding an outlet is adding ``extract/sites/<key>.py`` with a ``CRAWL`` block, nothing here.
``generic`` crawls any other site from a sitemap, feed or listing page and is run with
``scrapy crawl generic -a sitemap=URL``.
"""

from __future__ import annotations

from kabar.crawler.spiders.base import NewsSpider
from kabar.crawler.spiders.outlets import SPIDERS

SITE_SPIDERS: dict[str, type[NewsSpider]] = dict(SPIDERS)
