"""kabar's extraction layer: pure functions from one saved HTML page to one article record.

Nothing in this package imports Scrapy, so it can be used from the command line, from tests,
from a process pool, or from a notebook. The entry point is :func:`extract.page.extract_page`.
"""

from kabar.extract.record import EXTRACTOR_VERSION, empty_record

__all__ = ["EXTRACTOR_VERSION", "empty_record"]
