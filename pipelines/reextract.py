"""Rebuild the articles table (and the crawl state) from the raw WARC store.

Used after the extractor improves (``extractor_version`` changes) or a schema change: every
stored page is extracted again, in fetch order, through the same extract -> validate -> dedup
-> store steps as a crawl, so versions come out as they would have.  Extraction, the costly part,
runs in :class:`pipelines.pool.ExtractionPool` (the crawl's pool: warm workers, crash- and
hang-proof; :func:`extract_and_validate` is a pure function of the raw item), whose workers
read their own byte ranges of the raw store (:mod:`pipelines.rawsegments`); dedup and writing
stay in this process, in order.

The new tables are built in a hidden staging directory and swapped in at the end, under the
output lock: a reader sees the old tables until the swap, and a failed rebuild leaves them alone.
Unreadable raw records (a truncated or garbled WARC) are counted and named; a rebuild with fewer
articles than the tables hold is refused unless forced.  The swap is journalled (each table is
exchanged atomically where Linux allows) and a killed swap is finished at the next start.
Fetch errors (which have no raw pages) are carried over from the old errors table.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq

from kabar.pipelines.dedup import apply_dedup
from kabar.pipelines.extract import DEFAULT_EXTRACTOR, Extractor, extract_item, load_extractor
from kabar.pipelines.lock import OutputLock
from kabar.pipelines.pool import ExtractionPool, validated
from kabar.pipelines.raw import RAW_DIRNAME, count_raw_articles, iter_raw_articles, recover_open_files
from kabar.pipelines.state import CrawlState
from kabar.pipelines.store import ARTICLES_DIRNAME, ERRORS_DIRNAME, TableWriter
from kabar.pipelines.swap import finish_interrupted_reextract, swap_in
from kabar.pipelines.warcread import Damage
from kabar.schemas.article import ERRORS_SCHEMA
from kabar.schemas.items import ArticleItem, StageItem

log = logging.getLogger(__name__)


def extract_and_validate(item: ArticleItem, extractor: Extractor | None = None) -> StageItem:
    """Raw article item -> validated stage item (record or error).  Pure, no I/O."""
    return validated(extract_item(item, extractor))


def start_pool(workers: int, extractor: Extractor | None, extractor_path: str) -> ExtractionPool | None:
    """The pool of ``workers`` processes (None for one: extraction runs here).

    The extractor is warmed up here and the workers are forked from this process
    (:class:`pipelines.pool.ExtractionPool` ``fork_from_here``): they start with the models in
    memory at the moment this process has them, which is as early as one process extracting
    alone would start; a forkserver would import and load everything once more before the
    first page (seconds of CPU, on the cores the workers need).  Call it before anything
    starts a thread (the progress bar): a process with threads is not forked (the pool then
    falls back to the forkserver)."""
    if workers <= 1:
        return None
    from kabar.pipelines.prewarm import warm_up

    if extractor is not None:  # workers import the extractor by name
        extractor_path = f"{extractor.__module__}.{extractor.__qualname__}"
    warm_up(extractor_path)
    return ExtractionPool(
        workers, extractor_path, validate=True, max_in_flight=workers * 2, fork_from_here=True
    )


def _stage_items(
    raw_dir: Path,
    damage: list[Damage],
    pool: ExtractionPool | None,
    extractor: Extractor | None,
    extractor_path: str,
) -> Iterator[StageItem]:
    """Validated stage items of the raw store in fetch order.

    No pool: read and extract here.  A pool (:func:`start_pool`): the store is cut into byte
    ranges (:mod:`pipelines.rawsegments`) that its workers read, extract and validate on their
    own (warm workers; a page that hangs is stopped in the worker, a page that kills one becomes
    an error row); this process only names the ranges and takes their rows in order, at most
    ``max_in_flight`` ranges ahead (bounded memory).  Closes the pool when done."""
    if pool is None:
        if raw_dir.is_dir():
            chosen = extractor or load_extractor(extractor_path)
            for item in iter_raw_articles(raw_dir, damage):
                yield extract_and_validate(item, chosen)
        return
    from kabar.pipelines.rawsegments import plan_segments

    loop = asyncio.new_event_loop()
    pending: deque[asyncio.Task[tuple[list[StageItem], list[Damage]]]] = deque()
    try:
        for segment in plan_segments(raw_dir, pool.workers) if raw_dir.is_dir() else []:
            pending.append(loop.create_task(pool.extract_segment(segment)))
            while len(pending) >= pool.max_in_flight or (pending and pending[0].done()):
                items, more_damage = loop.run_until_complete(pending.popleft())
                damage.extend(more_damage)
                yield from items
        while pending:
            items, more_damage = loop.run_until_complete(pending.popleft())
            damage.extend(more_damage)
            yield from items
    finally:
        for task in pending:
            task.cancel()
        pool.close()
        loop.close()


def _old_fetch_errors(out_dir: Path) -> list[dict[str, Any]]:
    """Fetch errors of the old errors table (they have no raw pages); an unreadable file is skipped
    with a warning (it is replaced by the rebuilt table, which is the point of a rebuild)."""
    rows: list[dict[str, Any]] = []
    for path in sorted((out_dir / ERRORS_DIRNAME).glob("*.parquet")):
        try:
            table = ds.dataset(path, format="parquet").to_table(filter=ds.field("stage") == "fetch")
            rows.extend(table.select(ERRORS_SCHEMA.names).to_pylist())
        except Exception as exc:  # a junk or truncated file: pyarrow raises several error types
            log.warning("reextract: %s is unreadable (%s); its fetch errors are not carried over", path, exc)
    return rows


def stored_article_ids(out_dir: Path) -> int:
    """Distinct ``article_id`` values in ``out_dir``'s articles table (unreadable files skipped)."""
    ids: set[str] = set()
    for path in sorted((out_dir / ARTICLES_DIRNAME).rglob("*.parquet")):
        if path.name.startswith("."):
            continue
        try:
            ids.update(pq.read_table(path, columns=["article_id"]).column(0).to_pylist())
        except Exception as exc:  # a junk or truncated file
            log.warning("reextract: %s is unreadable (%s)", path, exc)
    return len(ids)


class FewerArticles(RuntimeError):
    """The rebuild would replace the tables with fewer articles than they hold (see --force)."""


def reextract(
    out_dir: str | Path,
    *,
    workers: int = 1,
    extractor: Extractor | None = None,
    extractor_path: str = DEFAULT_EXTRACTOR,
    progress: bool = True,
    flush_rows: int = 1000,
    force: bool = False,
) -> dict[str, Any]:
    """Rebuild ``out_dir``'s tables from its raw store; returns counts (raw_articles, rows, errors,
    unchanged, unreadable, articles_before, articles_after) and ``damage`` (one line per unreadable
    record).  Raises :class:`pipelines.lock.OutputLocked` while a crawl runs, and
    :class:`FewerArticles` (tables left alone) when the rebuild holds fewer articles than the
    tables and ``force`` is not set: a damaged raw store must not shrink the dataset."""
    out = Path(out_dir)
    raw_dir = out / RAW_DIRNAME
    counts: dict[str, Any] = {"raw_articles": 0, "rows": 0, "errors": 0, "unchanged": 0}
    started = time.perf_counter()
    damage: list[Damage] = []
    with OutputLock(out):
        if raw_dir.is_dir():
            recover_open_files(raw_dir)
        finish_interrupted_reextract(out)
        staging = out / f".reextract-new-{os.getpid()}"
        staging.mkdir()
        state = CrawlState(staging)
        writer = TableWriter(staging, flush_rows)
        # The bar's total costs a second read of the whole raw store: only when a terminal shows it.
        progress = progress and sys.stderr.isatty()
        total = count_raw_articles(raw_dir) if progress and raw_dir.is_dir() else None
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
        pool = start_pool(workers, extractor, extractor_path) if raw_dir.is_dir() else None
        try:
            with bar:
                task = bar.add_task("reextract", total=total)
                for stage_item in _stage_items(raw_dir, damage, pool, extractor, extractor_path):
                    if not counts["raw_articles"]:  # models loaded, pool warm: the rest is throughput
                        counts["first_article_s"] = time.perf_counter() - started
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
            counts["unreadable"] = len(damage)
            counts["damage"] = [f"{d.path} at byte {d.offset}: {d.reason}" for d in damage]
            counts["articles_before"] = stored_article_ids(out)
            counts["articles_after"] = stored_article_ids(staging)
            if counts["articles_after"] < counts["articles_before"] and not force:
                raise FewerArticles(
                    f"the rebuild holds {counts['articles_after']} article(s), the tables "
                    f"{counts['articles_before']}; {len(damage)} unreadable raw record(s); tables "
                    "left unchanged (--force replaces them anyway)"
                )
        except BaseException:
            if pool is not None:
                pool.close()  # already closed when the extraction ran to its end
            state.close()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        swap_in(out, staging)
    counts["seconds"] = time.perf_counter() - started
    return counts
