"""Scrapy item pipelines in stages: raw store, extract, validate, deduplicate, store.

``ITEM_PIPELINES`` order and what each stage does with the item (a plain dict):

=====  ====================================  ====================================================
 100   ``raw.RawStorePipeline``              writes every page of an ``article`` item to the WARC
                                             raw store
 200   ``extract_pipeline.ExtractPipeline``  ``article`` -> ``record`` (a row) or ``error`` (no
                                             article text), in-process or in a worker pool
 300   ``validate.ValidatePipeline``         checks/normalises the row; misfits and
                                             ``fetch_error`` -> ``error``
 400   ``dedup.DedupPipeline``               drops unchanged articles, sets ``version``
                                             (:mod:`state`)
 500   ``store.StorePipeline``               buffers rows, writes Parquet atomically, commits
                                             the state
=====  ====================================  ====================================================

Items are typed in :mod:`schemas.items` (TypedDicts). Spider items: ``{"kind": "article", "site",
"url", "lastmod"?, "pages": [{"url", "status", "headers", "body", "fetched_at"}, ...]}`` and
``{"kind": "fetch_error", "site", "url", "status", "reason"}``.  Stage items:
``{"kind": "record" | "error", "row": {...}, "dedup": {...}}``.

Settings: ``KABAR_OUT`` (output directory), ``KABAR_FLUSH_ROWS`` (1000), ``KABAR_FLUSH_SECONDS``
(300), ``KABAR_WARC_MAX_BYTES`` (100 MB), ``KABAR_EXTRACTOR`` (``extract.page.extract_page``),
``KABAR_EXTRACT_WORKERS`` (0: extract in the crawl process).  The reading side is
:mod:`pipelines.dataset` (DuckDB views, summary), :mod:`pipelines.report` and
:mod:`pipelines.reextract`.
"""
