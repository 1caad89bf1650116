"""Archive ingest: news pages from WARC files of any origin (CC-NEWS, Wayback/Archive-It exports,
kabar's own raw store) into the same dataset a crawl writes.

The work is split where it is cheap to split:

* **per WARC file, anywhere** (:func:`process_file`, a pure function of the file and the
  options): read the records with fastwarc (:mod:`pipelines.warcread`), keep the HTML ``200``
  responses of the outlets asked for, extract and validate them, and write the records used to a
  raw WARC file of the dataset (so ``kabar reextract`` rebuilds ingested articles like crawled
  ones).  It returns the validated stage items, the skip counts and the unreadable stretches.
  This is what an engine (a process pool here, Dask workers on a cluster) runs;
* **in order, in one place** (:func:`ingest`): the stage items of file 1, then file 2, ... go
  through the crawl's own dedup and store pipelines, so versions come out the same whichever
  worker read which file and in which order the workers finished; a file is marked done in the
  ingest state (``<out>/ingest-state.sqlite3``) only after its rows and the crawl state are
  committed, so a second run over the same files adds nothing and a killed run redoes at most the
  files it had not finished.

Which records are kept (the rest is counted in the summary, never silently): ``response`` records
whose ``WARC-Target-URI`` host is asked for (:func:`host_filter`); ``revisit`` records (no body)
are counted; non-200 responses of those hosts become ``errors`` rows (stage ``ingest``); non-HTML
bodies are counted; truncated records and broken gzip members become ``errors`` rows naming the
file and byte offset.  ``--since/--until`` compare the capture time (``WARC-Date``).
"""

from __future__ import annotations

import glob
import logging
import os
import pickle
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from kabar.pipelines.raw import RAW_DIRNAME, WarcStore
from kabar.pipelines.signals import signals_deferred
from kabar.pipelines.validate import error_row
from kabar.pipelines.warcread import Damage, is_url, read_warc
from kabar.schemas.items import ArticleItem, StageItem

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
INGEST_STATE = "ingest-state.sqlite3"


# -- which pages ----------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def registered_site(host: str) -> str | None:
    """The dataset's ``site`` for a host served by a registered outlet, else None.

    The one place that asks the outlet registry (today :mod:`extract.sites`: suffix match, so
    Tribun's regional hosts match ``tribunnews.com``).
    """
    from kabar.extract.sites import site_for, site_key

    return site_key(host) if site_for(host) is not None else None


def host_filter(hosts: Sequence[str] | None) -> Callable[[str], str | None]:
    """URL -> site key when its host is wanted, else None.  ``hosts``: suffixes (``tribunnews.com``
    matches ``jakarta.tribunnews.com``); None: the registered outlets."""
    from kabar.extract.sites import site_key
    from kabar.extract.sites.base import host_of

    suffixes = tuple(h.lower().strip(".") for h in hosts) if hosts else None

    def site_of(url: str) -> str | None:
        host = host_of(url) if url else None
        if not host:
            return None
        if suffixes is None:
            return registered_site(host)
        if any(host == s or host.endswith("." + s) for s in suffixes):
            return site_key(host)
        return None

    return site_of


def _is_html(headers: dict[str, str], body: bytes) -> bool:
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "").lower()
    if ctype:
        return "html" in ctype
    return body[:512].lstrip().lower().startswith((b"<!doctype html", b"<html"))


def _capture_time(warc_date: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# -- per file (runs on the engine's workers) -------------------------------------------------


@dataclass(frozen=True)
class IngestOptions:
    """What :func:`process_file` needs besides the file: small and picklable (sent to workers)."""

    out_dir: str
    hosts: tuple[str, ...] | None = None  # None: the registered outlets
    since: datetime | None = None
    until: datetime | None = None
    extractor_path: str = "kabar.extract.page.extract_page"
    run_stamp: str = ""  # names the raw files of one run so they sort in source order
    page_timeout: float | None = 300.0  # seconds per page, then an extract_timeout errors row


SPOOL_DIRNAME = ".ingest-spool"


@dataclass
class FileResult:
    """What one WARC file gave: counts, unreadable stretches, and its stage items in file order,
    spooled to a file under ``<out>/.ingest-spool/`` as they are made (a worker holds one page at
    a time however large the WARC, and an engine moves only this small object)."""

    path: str
    spool: str
    counts: dict[str, int] = field(default_factory=dict)
    damage: list[str] = field(default_factory=list)
    seconds: float = 0.0
    _handle: Any = field(default=None, repr=False, compare=False)

    def add(self, item: StageItem) -> None:
        if self._handle is None:
            Path(self.spool).parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.spool, "wb")  # noqa: SIM115 - closed in finish()
        pickle.dump(item, self._handle, protocol=pickle.HIGHEST_PROTOCOL)

    def finish(self) -> FileResult:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        return self

    def items(self) -> Iterator[StageItem]:
        """The stage items, read back (written by our own worker: pickle is safe here), then the
        spool file is deleted."""
        path = Path(self.spool)
        if not path.exists():
            return
        with open(path, "rb") as handle:
            while True:
                try:
                    yield pickle.load(handle)
                except EOFError:
                    break
        path.unlink()


COUNT_KEYS = (
    "records",
    "kept",
    "other_hosts",
    "revisits",
    "not_ok",
    "not_html",
    "out_of_range",
    "unreadable",
)


def _pages(path: str, options: IngestOptions, result: FileResult) -> Iterator[ArticleItem]:
    """Spider-shaped article items of ``path`` (one page each), counting what is skipped."""
    site_of = host_filter(options.hosts)
    counts = result.counts
    now = datetime.now(timezone.utc).isoformat()

    def keep(uri: str) -> bool:
        counts["records"] += 1
        wanted = site_of(uri) is not None
        if not wanted:
            counts["other_hosts"] += 1
        return wanted

    for entry in read_warc(path, keep=keep):
        if isinstance(entry, Damage):
            counts["unreadable"] += 1
            result.damage.append(f"{entry.path} at byte {entry.offset}: {entry.reason}")
            row = error_row(
                url=f"{entry.path}#offset={entry.offset}",
                site=None,
                stage="ingest",
                code="unreadable_record",
                reason=entry.reason,
                time=now,
            )
            result.add({"kind": "error", "row": row})
            continue
        site = site_of(entry.target_uri)
        captured = _capture_time(entry.warc_date)
        if (options.since and (captured is None or captured < options.since)) or (
            options.until and (captured is None or captured >= options.until)
        ):
            counts["out_of_range"] += 1
            continue
        if entry.rec_type == "revisit":
            counts["revisits"] += 1
            continue
        if entry.status != 200:
            counts["not_ok"] += 1
            row = error_row(
                url=entry.target_uri,
                site=site,
                stage="ingest",
                status=entry.status,
                code=f"http_{entry.status}" if entry.status else "not_http",
                reason=f"archived response status {entry.status}" if entry.status else "no HTTP response",
                time=captured.isoformat() if captured else now,
            )
            result.add({"kind": "error", "row": row})
            continue
        if not _is_html(entry.http_headers, entry.body):
            counts["not_html"] += 1
            continue
        counts["kept"] += 1
        fetched_at = (captured or datetime.now(timezone.utc)).isoformat()
        yield {
            "kind": "article",
            "site": site or "",
            "url": entry.target_uri,
            "lastmod": None,
            "pages": [
                {
                    "url": entry.target_uri,
                    "status": 200,
                    "headers": entry.http_headers,
                    "body": entry.body,
                    "fetched_at": fetched_at,
                }
            ],
        }


def process_file(path: str, index: int, options: IngestOptions) -> FileResult:
    """Read, filter, extract and validate one WARC file; write the records used to the raw store.

    Runs in any process that sees ``options.out_dir`` (an engine's worker); the raw file is
    written under a dot name and renamed when complete (:class:`pipelines.raw.WarcStore`).  Each
    page is bounded by ``options.page_timeout`` inside the worker
    (:func:`pipelines.pool.guarded_stage`): a pathological page becomes an ``extract_timeout``
    errors row instead of stalling the file.
    """
    from kabar.pipelines.extract import load_extractor
    from kabar.pipelines.pool import guarded_stage

    started = time.perf_counter()
    extractor = load_extractor(options.extractor_path)
    spool = Path(options.out_dir) / SPOOL_DIRNAME / f"{options.run_stamp}-{index:06d}.pickle"
    result = FileResult(path=path, spool=str(spool), counts=dict.fromkeys(COUNT_KEYS, 0))
    store = WarcStore(
        Path(options.out_dir) / RAW_DIRNAME, name_prefix=f"{options.run_stamp}-ingest-{index:06d}"
    )
    try:
        for item in _pages(path, options, result):
            store.write_article(item)
            result.add(guarded_stage(item, extractor, options.page_timeout, validate=True))
    except OSError as exc:  # the file vanished or cannot be read at all
        result.counts["unreadable"] += 1
        result.damage.append(f"{path}: {exc}")
        row = error_row(url=path, site=None, stage="ingest", code="unreadable_file", reason=str(exc))
        result.add({"kind": "error", "row": row})
    finally:
        store.close()
        result.finish()
    result.seconds = time.perf_counter() - started
    return result


# -- which files ----------------------------------------------------------------------------


def expand_sources(sources: Iterable[str]) -> tuple[list[str], list[str]]:
    """WARC files named by files, directories (searched recursively), globs and URLs (``s3://…``,
    globs allowed, through fsspec), sorted, without repeats; and the sources that named none (for
    a one-line error)."""
    found: dict[str, str] = {}
    empty: list[str] = []
    for source in sources:
        before = len(found)
        if is_url(source):
            import fsspec

            for opened in fsspec.open_files(source, "rb"):
                url = opened.full_name
                if url.endswith(WARC_SUFFIXES):
                    found.setdefault(url, url)
        else:
            for match in [Path(p) for p in sorted(glob.glob(source, recursive=True))] or [Path(source)]:
                candidates = sorted(match.rglob("*")) if match.is_dir() else [match]
                for path in candidates:
                    if (
                        path.is_file()
                        and (path.name.endswith(WARC_SUFFIXES) or path == match)
                        and not path.name.startswith(".")
                    ):
                        found.setdefault(str(path.resolve()), str(path))
        if len(found) == before:
            empty.append(source)
    return sorted(found.values()), empty


def source_identity(source: str) -> tuple[str, int, str]:
    """(resolved name, size, modification stamp) of a local file or a URL (fsspec ``info``)."""
    if is_url(source):
        import fsspec

        fs, path = fsspec.core.url_to_fs(source)
        info = fs.info(path)
        stamp = info.get("LastModified") or info.get("mtime") or info.get("ETag") or ""
        return source, int(info.get("size") or 0), str(stamp)
    stat = Path(source).stat()
    return str(Path(source).resolve()), stat.st_size, str(stat.st_mtime_ns)


class IngestState:
    """Which source files are done: keyed by resolved path (or URL), size and modification time,
    so a file that grew or was replaced is read again (dedup then adds only what changed)."""

    def __init__(self, out_dir: Path) -> None:
        self._db = sqlite3.connect(out_dir / INGEST_STATE, timeout=30)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, path TEXT, size INTEGER,"
            " records INTEGER, kept INTEGER, finished_at TEXT)"
        )
        self._db.commit()

    @staticmethod
    def key(source: str) -> str:
        return "|".join(str(part) for part in source_identity(source))

    def done(self, source: str) -> bool:
        row = self._db.execute("SELECT 1 FROM files WHERE key = ?", (self.key(source),)).fetchone()
        return row is not None

    def mark(self, source: str, counts: dict[str, int]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.key(source),
                source,
                source_identity(source)[1],
                counts.get("records", 0),
                counts.get("kept", 0),
                datetime.now(timezone.utc).isoformat(),
            ),
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


# -- engines --------------------------------------------------------------------------------


def _local_results(
    tasks: list[tuple[str, int]], options: IngestOptions, workers: int
) -> Iterator[FileResult]:
    """Results in task order: in this process, or in a pool of ``workers`` processes (one file
    per task; at most 2 files per worker ahead of the writer, so memory stays bounded)."""
    if workers <= 1:
        for path, index in tasks:
            yield process_file(path, index, options)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from kabar.pipelines.prewarm import forkserver_context

    context = forkserver_context(options.extractor_path, "kabar.pipelines.ingest")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque = deque()
        queue = iter(tasks)
        while True:
            while len(pending) < 2 * workers and (task := next(queue, None)) is not None:
                with signals_deferred():  # a worker half started by submit would print a traceback
                    pending.append(pool.submit(process_file, *task, options))
            if not pending:
                return
            yield pending.popleft().result()


def _dask_results(
    tasks: list[tuple[str, int]], options: IngestOptions, scheduler: str | None, workers: int
) -> Iterator[FileResult]:
    """Results in task order from a Dask cluster: ``scheduler`` is its address
    (``tcp://host:8786``), or None for a ``LocalCluster`` of ``workers`` single-threaded processes.
    Each task is one whole WARC file; every worker must see ``options.out_dir`` (shared storage)."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # its shutdown chatter ("still alive, killing") is not ours
        )
    client = Client(scheduler or cluster)
    try:
        futures = [
            client.submit(process_file, path, index, options, key=f"kabar-ingest-{options.run_stamp}-{index}")
            for path, index in tasks
        ]
        for future in futures:
            result = future.result()
            future.release()
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the run --------------------------------------------------------------------------------


def ingest(
    sources: Sequence[str | Path],
    out_dir: str | Path,
    *,
    hosts: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    extractor_path: str = "kabar.extract.page.extract_page",
    page_timeout: float | None = 300.0,
    progress: Callable[[FileResult], None] | None = None,
) -> dict[str, Any]:
    """Ingest WARC files into ``out_dir`` (see the module doc); returns the summed counts plus
    ``files``, ``skipped_files`` (done in an earlier run), ``rows``, ``unchanged``, ``errors``
    and ``damage`` (one line per unreadable stretch).  ``engine``: ``local`` or ``dask``.
    Raises :class:`pipelines.lock.OutputLocked` while another kabar process writes ``out_dir``."""
    from kabar.pipelines.dedup import DedupPipeline, Unchanged
    from kabar.pipelines.raw import RawStorePipeline
    from kabar.pipelines.store import StorePipeline

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths, _ = expand_sources(str(s) for s in sources)
    settings = {"KABAR_OUT": str(out)}
    raw = RawStorePipeline.from_settings(settings)  # output lock, recovery of a killed run
    dedup = DedupPipeline.from_settings(settings)
    store = StorePipeline.from_settings(settings)
    totals: dict[str, Any] = dict.fromkeys(COUNT_KEYS, 0)
    totals.update(files=0, skipped_files=0, rows=0, unchanged=0, errors=0, damage=[])
    raw.open_spider()
    shutil.rmtree(out / SPOOL_DIRNAME, ignore_errors=True)  # left by a killed run (under the lock)
    try:
        store.open_spider()
        dedup.open_spider()
        state = IngestState(out)
        try:
            todo = []
            for index, path in enumerate(paths):
                if state.done(path):
                    totals["skipped_files"] += 1
                else:
                    todo.append((path, index))
            options = IngestOptions(
                out_dir=str(out),
                hosts=tuple(hosts) if hosts else None,
                since=since,
                until=until,
                extractor_path=extractor_path,
                page_timeout=page_timeout,
                run_stamp=datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:6],
            )
            if engine == "dask":
                results = _dask_results(todo, options, scheduler, workers)
            elif engine == "local":
                results = _local_results(todo, options, workers)
            else:
                raise ValueError(f"unknown engine {engine!r} (local or dask)")
            for result in results:
                for item in result.items():
                    try:
                        stored = store.process_item(dedup.process_item(item))
                    except Unchanged:
                        totals["unchanged"] += 1
                        continue
                    totals["rows" if stored["kind"] == "record" else "errors"] += 1
                store.flush()  # rows and crawl state durable before the file is marked done
                state.mark(result.path, result.counts)
                for key in COUNT_KEYS:
                    totals[key] += result.counts.get(key, 0)
                totals["damage"].extend(result.damage)
                totals["files"] += 1
                if progress is not None:
                    progress(result)
        finally:
            state.close()
            store.close_spider()  # flushes and commits the crawl state, which dedup then closes
            dedup.close_spider()
    finally:
        raw.close_spider()
    return totals


def parse_day(value: str) -> datetime:
    """``2023-09-01`` (or a full ISO time) -> aware UTC datetime (``--since``/``--until``)."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def default_workers() -> int:
    return os.cpu_count() or 1
