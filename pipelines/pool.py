"""Extraction in worker processes, so the crawl's event loop keeps downloading while pages parse.

A Scrapy crawl is one process on one core: the reactor downloads, and every ``process_item``
that runs :func:`pipelines.extract.extract_item` (lxml + trafilatura + spaCy, ~10-40 ms a page)
stops the downloads meanwhile.  :class:`ExtractionPool` moves that work into a
:class:`~concurrent.futures.ProcessPoolExecutor` and hands the crawl an awaitable instead::

    pool = ExtractionPool(workers=1)
    stage_item = await pool.extract(item)     # inside Scrapy's asyncio reactor (the default)

* **models load once per worker**: the workers are forked from a forkserver that has already
  imported the extractor module, and an initializer warms the extractor up (spaCy pipelines,
  dateparser, compiled patterns) before the first real page; a process that has warmed the
  extractor itself can fork its first workers directly instead (``fork_from_here``: they start
  with the models in memory, no second interpreter imports and loads them again);
* **bounded**: at most ``max_in_flight`` items wait for a worker; further ``extract`` calls wait
  on a semaphore, their items stay in Scrapy's scraper slot, and Scrapy stops feeding responses
  when that slot is full (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``): memory stays flat however fast the
  downloads are;
* **a dead worker is an extract error, not a hang**: when a worker dies (segfault, OOM kill,
  ``os._exit``) every item it had in flight fails with ``BrokenProcessPool``; the pool is
  rebuilt and each such item is tried once more in the new pool (most of them were innocent
  bystanders); an item that breaks the pool twice becomes an ``extractor_crashed`` error row.  An
  item that takes longer than ``timeout`` seconds becomes an ``extract_timeout`` error row and
  the pool is rebuilt (a stuck worker cannot be interrupted any other way);
* **no orphans**: workers watch the crawl process and exit when it is gone (SIGKILL included).

Setting (:func:`workers_from`): ``KABAR_EXTRACT_WORKERS`` (default: cores - 1, at least 1;
``0`` = extract in the crawl process).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, NoReturn

from kabar.pipelines.extract import (
    DEFAULT_EXTRACTOR,
    Extractor,
    extract_item,
    extract_item_with,
    load_extractor,
)
from kabar.pipelines.prewarm import forkserver_context, warm_up
from kabar.pipelines.signals import signals_deferred
from kabar.pipelines.timeguard import PageTimeout, page_time_limit
from kabar.pipelines.warcread import Damage
from kabar.schemas.items import ArticleItem, Item, StageItem

# What a worker runs for one page: (article item, extractor path) -> stage item.
Task = Callable[[ArticleItem, str], StageItem]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 300.0


def default_workers() -> int:
    """Cores minus one (the crawl process keeps one), at least one."""
    return max(1, (os.cpu_count() or 1) - 1)


def workers_from(settings: Any) -> int:
    """``KABAR_EXTRACT_WORKERS`` from Scrapy settings (or a dict): unset -> :func:`default_workers`."""
    value = settings.get("KABAR_EXTRACT_WORKERS")
    if value in (None, ""):
        return default_workers()
    try:
        workers = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"KABAR_EXTRACT_WORKERS must be a whole number, got {value!r}") from None
    if workers < 0:
        raise ValueError(f"KABAR_EXTRACT_WORKERS must be 0 (in-process) or more, got {workers}")
    return workers


def validated(item: Item) -> StageItem:
    """The validate stage on a stage item (it stays a stage item: record or error)."""
    from kabar.pipelines.validate import ValidatePipeline

    checked = ValidatePipeline().process_item(item)
    if checked["kind"] == "record" or checked["kind"] == "error":
        checked["validated"] = True  # the crawl's own validate stage passes it on
        return checked
    raise TypeError(f"the validate stage turned a stage item into {checked['kind']!r}")  # never: a bug


def extract_validate_with(item: ArticleItem, extractor_path: str) -> StageItem:
    """:func:`extract_item_with` followed by the validate stage, in the worker."""
    return validated(extract_item_with(item, extractor_path))


def error_stage(item: ArticleItem, code: str, message: str, validate: bool = False) -> StageItem:
    """An error stage item for ``item`` built by :func:`extract_item` itself (same ids, hash and
    columns as any extract error), with ``code`` and ``message``."""
    stage = extract_item(item, _raiser(message))
    stage["row"].update(code=code, reason=message)
    return validated(stage) if validate else stage


def guarded_stage(
    item: ArticleItem, extractor: Extractor, timeout: float | None, validate: bool
) -> StageItem:
    """Extract (and validate) one page inside a worker, stopped after ``timeout`` seconds
    (:mod:`pipelines.timeguard`): a pathological page becomes an ``extract_timeout`` error row and
    the worker goes on with the next page."""
    try:
        with page_time_limit(timeout):
            stage = extract_item(item, extractor)
            return validated(stage) if validate else stage
    except PageTimeout:
        message = f"extraction stopped after {timeout:.0f} s"
        log.warning("%s: %s", item.get("url"), message)
        return error_stage(item, "extract_timeout", message, validate)


def extract_segment(
    segment: Any, extractor_path: str, timeout: float | None
) -> tuple[list[StageItem], list[Damage]]:
    """Worker task of :meth:`ExtractionPool.extract_segment`: read the articles of one byte range
    of the raw store (:mod:`pipelines.rawsegments`), extract and validate them, each page under
    the time guard.  Returns the validated stage items in fetch order and the range's damage."""
    from kabar.pipelines.rawsegments import segment_articles

    extractor = load_extractor(extractor_path)
    damage: list[Damage] = []
    items = [guarded_stage(item, extractor, timeout, True) for item in segment_articles(segment, damage)]
    return items, damage


def _warm_up(extractor_path: str, owner_pid: int) -> None:
    """Worker initializer: exit with the crawl process, and load the extractor's models now."""
    threading.Thread(target=_exit_with, args=(owner_pid,), name="owner-watch", daemon=True).start()
    warm_up(extractor_path)  # quick when the forkserver warmed it already (pipelines.prewarm)


def _started() -> None:
    """Worker task of :meth:`ExtractionPool.start`: nothing (the initializer did the work)."""


def _exit_with(owner_pid: int, every: float = 1.0) -> None:
    """End this worker once the crawl process is gone.

    A crawl killed with SIGKILL cannot shut its pool down, and a pool worker waits for work on a
    queue whose writing end it holds itself, so without this it would wait forever.
    """
    while True:
        time.sleep(every)
        try:
            os.kill(owner_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the pid now belongs to someone else's process: ours is gone
            os._exit(0)


def can_fork_here() -> bool:
    """Whether forking this process is safe: Linux (``fork`` is the only start method that copies
    a warm process; macOS's system libraries are not fork-safe) and no Python thread but this
    one (a thread holding a lock at the fork leaves it held forever in the child).  Threads of C
    libraries remain, and are fork-safe by design: OpenBLAS's pool (numpy) and jemalloc's
    background thread (pyarrow) both reset themselves around a fork with ``pthread_atfork``."""
    return (
        os.name == "posix"
        and os.path.isdir("/proc/self/task")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


class _WorkerDied(RuntimeError):
    """Raised into :func:`extract_item` so a dead worker becomes an ordinary error row."""


def _raiser(message: str) -> Extractor:
    def extractor(*args: Any, **kwargs: Any) -> NoReturn:
        raise _WorkerDied(message)

    return extractor


class ExtractionPool:
    """A process pool running :func:`pipelines.extract.extract_item_with` (see the module doc)."""

    def __init__(
        self,
        workers: int,
        extractor_path: str = DEFAULT_EXTRACTOR,
        *,
        max_in_flight: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        validate: bool = False,
        prewarm: bool = True,
        fork_from_here: bool = False,
    ) -> None:
        """``validate``: the workers also run the validate stage (``kabar reextract``: the main
        process then only deduplicates and writes, which is what lets a second core pay off).
        ``prewarm``: load the models once in the forkserver (:mod:`pipelines.prewarm`; the first
        ``extract`` call waits for it) instead of in each worker (the crawl: its reactor keeps
        downloading meanwhile).
        ``fork_from_here``: fork the workers from this process, now, when :func:`can_fork_here`
        (``kabar reextract``, which has warmed the extractor itself: the workers start warm at no
        cost, where a forkserver would import and load everything a second time, seconds of CPU
        before the first page).  Pools that replace them after a crash come from the forkserver:
        by then this process runs the executor's threads."""
        if workers < 1:
            raise ValueError("an ExtractionPool needs at least one worker (0 means: no pool)")
        self.workers = workers
        self.extractor_path = extractor_path
        self.max_in_flight = max_in_flight or workers * 4
        self.timeout = timeout
        self.restarts = 0
        self.task: Task = extract_validate_with if validate else extract_item_with
        self.validate = validate
        # forkserver: never fork the crawl process itself (reactor threads, open SQLite/DuckDB
        # handles); the forkserver loads the models once for all workers (pipelines.prewarm).
        self._prewarm = prewarm
        self._ctx: BaseContext | None = None
        if fork_from_here and can_fork_here():
            self._executor = self._forked_executor(workers)
        else:
            self._executor = self._new_executor(workers)
        self._quarantine: ProcessPoolExecutor | None = None  # one worker, one suspect at a time
        self._slots: asyncio.Semaphore | None = None
        self._quarantine_lock: asyncio.Lock | None = None

    def start(self) -> None:
        """Start the workers now instead of at the first page.  Each loads the extractor's models
        in its initializer (seconds of CPU); started here, a crawl's worker does that while the
        crawl process reads robots.txt, sitemaps and listings, not while the first articles wait."""
        with signals_deferred():  # a worker half started by submit would print a traceback
            for _ in range(self.workers):
                self._executor.submit(_started)  # one task per worker: the executor forks one each

    def _new_executor(self, workers: int) -> ProcessPoolExecutor:
        if self._ctx is None:
            self._ctx = forkserver_context(self.extractor_path, prewarm=self._prewarm)
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=self._ctx,
            initializer=_warm_up,
            initargs=(self.extractor_path, os.getpid()),
        )

    def _forked_executor(self, workers: int) -> ProcessPoolExecutor:
        """An executor whose workers are forked from this process right now.  A ``fork``
        executor starts all its workers at its first task, before its own manager thread; that
        first task is :meth:`start`'s, here.  ``gc.freeze`` first: the collector then leaves
        the objects inherited from here alone, so the children do not copy the pages that hold
        them (copy-on-write) just to scan them."""
        executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_warm_up,
            initargs=(self.extractor_path, os.getpid()),
        )
        gc.freeze()
        with signals_deferred():
            executor.submit(_started)  # forks every worker, in this thread, now
        return executor

    @staticmethod
    def _kill(executor: ProcessPoolExecutor) -> None:
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.kill()  # a stuck worker would otherwise keep its core forever
        executor.shutdown(wait=False, cancel_futures=True)

    def _restart(self, broken: ProcessPoolExecutor, why: str) -> None:
        """Replace the main executor ``broken`` (once, however many of its items notice)."""
        if broken is not self._executor:
            return  # another item already restarted it
        self.restarts += 1
        log.warning("extraction pool restarted (%s)", why)
        self._kill(broken)
        self._executor = self._new_executor(self.workers)

    async def _run(self, executor: ProcessPoolExecutor, item: ArticleItem) -> StageItem:
        with signals_deferred():  # a worker half started by submit would print a traceback
            future = executor.submit(self.task, item, self.extractor_path)
        return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)

    async def extract(self, item: ArticleItem) -> StageItem:
        """The stage item for ``item``, computed in a worker.  Never raises for a bad page."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_in_flight)
            self._quarantine_lock = asyncio.Lock()
        async with self._slots:
            executor = self._executor
            try:
                return await self._run(executor, item)
            except BrokenProcessPool:
                self._restart(executor, "a worker died")
            except (asyncio.TimeoutError, TimeoutError):
                if executor is self._executor:  # else: it waited behind the stuck page, a bystander
                    self._restart(executor, f"a page took over {self.timeout:.0f} s")
                    message = f"extraction stopped after {self.timeout:.0f} s"
                    return self._error(item, "extract_timeout", message)
            # Every item the dead worker's pool held lands here.  Retried alone, one at a time,
            # in a one-worker pool: the page that kills it again is the culprit.
            assert self._quarantine_lock is not None
            async with self._quarantine_lock:
                if self._quarantine is None:
                    self._quarantine = self._new_executor(1)
                try:
                    return await self._run(self._quarantine, item)
                except BrokenProcessPool:
                    reason = "extractor_crashed", "the extraction worker died on this page"
                except (asyncio.TimeoutError, TimeoutError):
                    reason = "extract_timeout", f"extraction stopped after {self.timeout:.0f} s"
                self._kill(self._quarantine)
                self._quarantine = None
                return self._error(item, *reason)

    def _error(self, item: ArticleItem, code: str, message: str) -> StageItem:
        return error_stage(item, code, message, self.validate)

    async def extract_segment(self, segment: Any) -> tuple[list[StageItem], list[Damage]]:
        """The validated stage items and the damage of one byte range of the raw store
        (:class:`pipelines.rawsegments.Segment`), read and extracted by a worker: only the range's
        name goes out and the finished rows come back, so the parent does no per-page work.

        Each page is bounded inside the worker (:func:`guarded_stage`).  A range that kills its
        worker, or outlasts two page limits and a minute (a page stuck in C code, out of the
        guard's reach), is read again here and its pages done one by one through
        :meth:`extract`, which isolates the culprit."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_in_flight)
            self._quarantine_lock = asyncio.Lock()
        async with self._slots:
            executor = self._executor
            with signals_deferred():  # a worker half started by submit would print a traceback
                future = executor.submit(extract_segment, segment, self.extractor_path, self.timeout)
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), 2 * self.timeout + 60)
            except BrokenProcessPool:
                self._restart(executor, "a worker died")
            except (asyncio.TimeoutError, TimeoutError):
                self._restart(executor, f"a range of the raw store took over {2 * self.timeout + 60:.0f} s")
        from kabar.pipelines.rawsegments import segment_articles

        damage: list[Damage] = []
        items = [await self.extract(item) for item in segment_articles(segment, damage)]
        return items, damage

    def close(self) -> None:
        """Wait for the workers to exit (items still queued are dropped: call after the crawl)."""
        for executor in (self._executor, self._quarantine):
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
        self._quarantine = None
