"""Rebuild the articles table (and the crawl state) from the raw WARC store.

Used after the extractor improves (``extractor_version`` changes) or a schema change: every
stored page is extracted again, in fetch order, through the same extract -> validate -> dedup
-> store steps as a crawl, so versions come out as they would have.  Extraction, the costly part,
runs in a process pool (:func:`extract_and_validate` is a pure function of the raw item); dedup
and writing stay in this process, in order.

The new tables are built in a hidden staging directory and swapped in at the end, under the
output lock: a reader sees the old tables until the swap, and a failed rebuild leaves them alone.
Fetch errors (which have no raw pages) are carried over from the old errors table.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from pipelines.dedup import apply_dedup
from pipelines.extract import Extractor, extract_item
from pipelines.lock import OutputLock
from pipelines.raw import RAW_DIRNAME, count_raw_articles, iter_raw_articles, recover_open_files
from pipelines.state import STATE_DIRNAME, CrawlState
from pipelines.store import ARTICLES_DIRNAME, ERRORS_DIRNAME, TableWriter
from pipelines.validate import ValidatePipeline
from schemas.article import ERRORS_SCHEMA

log = logging.getLogger(__name__)

_VALIDATE = ValidatePipeline()


def extract_and_validate(item: dict[str, Any], extractor: Extractor | None = None) -> dict[str, Any]:
    """Raw article item -> validated stage item (record or error).  Pure; runs in a worker."""
    return _VALIDATE.process_item(extract_item(item, extractor))


def _ordered_map(fn: Callable[[Any], Any], items: Iterable[Any], workers: int) -> Iterator[Any]:
    """``map`` in input order over a process pool, with at most ``workers * 4`` items in flight
    (``Executor.map`` would read the whole raw store into memory first)."""
    if workers <= 1:
        yield from map(fn, items)
        return
    # forkserver: workers are forked from a clean server process (never from this one, which holds
    # SQLite handles and pyarrow threads), and the preload makes each worker start in milliseconds.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipelines.reextract", "extract.page"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: deque[Future] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= workers * 4:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


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
        work = functools.partial(extract_and_validate, extractor=extractor)

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
                for stage_item in _ordered_map(work, items, workers):
                    counts["raw_articles"] += 1
                    bar.advance(task)
                    result = apply_dedup(stage_item, state)
                    if result is None:
                        counts["unchanged"] += 1
                    elif result["kind"] == "record":
                        writer.add_article(result["row"])
                        counts["rows"] += 1
                    else:
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
