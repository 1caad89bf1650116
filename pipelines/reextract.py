"""Rebuild the articles table (and the crawl state) from the raw WARC store.

Used after the extractor improves (``extractor_version`` changes) or a schema change: every
stored page is extracted again, in fetch order, through the same extract -> validate -> dedup
-> store steps as a crawl, so versions come out as they would have.  Extraction, the costly part,
runs in :class:`pipelines.pool.ExtractionPool` (the crawl's pool: warm workers, crash- and
hang-proof; :func:`extract_and_validate` is a pure function of the raw item); dedup
and writing stay in this process, in order.

The new tables are built in a hidden staging directory and swapped in at the end, under the
output lock: a reader sees the old tables until the swap, and a failed rebuild leaves them alone.
Fetch errors (which have no raw pages) are carried over from the old errors table.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from pipelines.dedup import apply_dedup
from pipelines.extract import DEFAULT_EXTRACTOR, Extractor, extract_item, load_extractor
from pipelines.lock import OutputLock
from pipelines.raw import RAW_DIRNAME, count_raw_articles, iter_raw_articles, recover_open_files
from pipelines.state import STATE_DIRNAME, CrawlState
from pipelines.store import ARTICLES_DIRNAME, ERRORS_DIRNAME, TableWriter
from pipelines.validate import ValidatePipeline
from schemas.article import ERRORS_SCHEMA
from schemas.items import ArticleItem, Item

log = logging.getLogger(__name__)

_VALIDATE = ValidatePipeline()


def extract_and_validate(item: ArticleItem, extractor: Extractor | None = None) -> Item:
    """Raw article item -> validated stage item (record or error).  Pure, no I/O."""
    return _VALIDATE.process_item(extract_item(item, extractor))


def _stage_items(
    items: Iterable[ArticleItem], workers: int, extractor: Extractor | None, extractor_path: str
) -> Iterator[Item]:
    """Validated stage items in input order: inline for one worker, else in an
    :class:`pipelines.pool.ExtractionPool` (warm workers; a page that kills or hangs a worker
    becomes an error row instead of stopping the rebuild)."""
    if workers <= 1:
        chosen = extractor or load_extractor(extractor_path)
        for item in items:
            yield extract_and_validate(item, chosen)
        return
    from pipelines.pool import ExtractionPool

    if extractor is not None:  # workers import the extractor by name
        extractor_path = f"{extractor.__module__}.{extractor.__qualname__}"
    pool = ExtractionPool(workers, extractor_path)
    loop = asyncio.new_event_loop()
    pending: deque[asyncio.Future] = deque()
    try:
        # Ordered, with at most max_in_flight pages read ahead (bounded memory).
        for item in items:
            pending.append(loop.create_task(pool.extract(item)))
            if len(pending) >= pool.max_in_flight:
                yield _VALIDATE.process_item(loop.run_until_complete(pending.popleft()))
        while pending:
            yield _VALIDATE.process_item(loop.run_until_complete(pending.popleft()))
    finally:
        for task in pending:
            task.cancel()
        pool.close()
        loop.close()


def _old_fetch_errors(out_dir: Path) -> list[dict[str, Any]]:
    errors_dir = out_dir / ERRORS_DIRNAME
    if not any(errors_dir.glob("*.parquet")):
        return []
    table = ds.dataset(errors_dir, format="parquet").to_table(filter=ds.field("stage") == "fetch")
    return table.select(ERRORS_SCHEMA.names).to_pylist()


def _swap_in(out_dir: Path, staging: Path) -> None:
    """Replace articles/, errors/ and state/ by the rebuilt ones (old ones removed afterwards)."""
    trash = out_dir / f".reextract-old-{os.getpid()}"
    trash.mkdir()
    for name in (ARTICLES_DIRNAME, ERRORS_DIRNAME, STATE_DIRNAME):
        if (out_dir / name).exists():
            os.replace(out_dir / name, trash / name)
        if (staging / name).exists():
            os.replace(staging / name, out_dir / name)
    shutil.rmtree(trash)
    shutil.rmtree(staging, ignore_errors=True)


def reextract(
    out_dir: str | Path,
    *,
    workers: int = 1,
    extractor: Extractor | None = None,
    extractor_path: str = DEFAULT_EXTRACTOR,
    progress: bool = True,
    flush_rows: int = 1000,
) -> dict[str, int]:
    """Rebuild ``out_dir``'s tables from its raw store; returns counts (articles, versions, errors,
    unchanged, pages).  Raises :class:`pipelines.lock.OutputLocked` while a crawl runs."""
    out = Path(out_dir)
    raw_dir = out / RAW_DIRNAME
    counts = {"raw_articles": 0, "rows": 0, "errors": 0, "unchanged": 0}
    with OutputLock(out):
        if raw_dir.is_dir():
            recover_open_files(raw_dir)
        for leftover in out.glob(".reextract-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        staging = out / f".reextract-new-{os.getpid()}"
        staging.mkdir()
        state = CrawlState(staging)
        writer = TableWriter(staging, flush_rows)
        total = count_raw_articles(raw_dir) if raw_dir.is_dir() else 0
        items = iter_raw_articles(raw_dir) if raw_dir.is_dir() else iter(())

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(
            TextColumn("re-extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not progress,
        )
        try:
            with bar:
                task = bar.add_task("reextract", total=total)
                for stage_item in _stage_items(items, workers, extractor, extractor_path):
                    counts["raw_articles"] += 1
                    bar.advance(task)
                    result = apply_dedup(stage_item, state)
                    if result is None:
                        counts["unchanged"] += 1
                    elif result["kind"] == "record":
                        writer.add_article(result["row"])
                        counts["rows"] += 1
                    elif result["kind"] == "error":
                        writer.add_error(result["row"])
                        counts["errors"] += 1
                    if writer.full:
                        writer.flush()
                        state.commit()
            for row in _old_fetch_errors(out):
                writer.add_error(row)
            writer.flush()
            writer.compact()
            state.close()
        except BaseException:
            state.close()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap_in(out, staging)
    return counts
