"""Store stage: buffered, atomic writes of the articles and errors Parquet tables.

* ``<out>/articles/site=<site>/month=<YYYY-MM>/part-<time>-<id>.parquet`` (hive partitions);
* ``<out>/errors/part-<time>-<id>.parquet``.

Rows are buffered (bounded: flushed every ``KABAR_FLUSH_ROWS`` rows, every
``KABAR_FLUSH_SECONDS`` seconds when items keep coming, and at spider close).  Each file is
written under a dot-name ending in ``.tmp`` in its final directory, fsynced and renamed: a reader
sees a complete file or none (dot files and ``.tmp`` are skipped by pyarrow, pandas, polars and
the DuckDB globs).  Leftover temp files of a killed crawl are deleted on the next start.

Only after the files are in place is the crawl state committed (see :mod:`pipelines.state`), so a
crash never leaves the state claiming rows that were not written.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from kabar.pipelines.lock import OutputLock
from kabar.pipelines.recover import reconcile_state
from kabar.pipelines.settings import Settingsish, out_dir_from
from kabar.pipelines.state import CrawlState
from kabar.pipelines.validate import error_row
from kabar.schemas.article import article_file_schema, errors_file_schema
from kabar.schemas.items import Item

log = logging.getLogger(__name__)

ARTICLES_DIRNAME = "articles"
ERRORS_DIRNAME = "errors"
DEFAULT_FLUSH_ROWS = 1000
DEFAULT_FLUSH_SECONDS = 300.0
# Row groups of ~20k rows keep DuckDB's parallel scans and min/max pruning useful without tiny
# groups; a flush file is usually a single group.
ROW_GROUP_ROWS = 20_000
TMP_SUFFIX = ".tmp"
# Files below this size are merged by compact_directory (at spider close).
SMALL_FILE_BYTES = 32 * 1024 * 1024
COMPACTED_SUFFIX = "-c"
REPLACES_KEY = b"kabar.replaces"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def partition_value(value: str) -> str:
    """A string safe as a hive directory value (site keys are; hosts of unknown sites nearly)."""
    return _UNSAFE.sub("_", value) or "_"


def fsync_dir(path: Path) -> None:
    """Make a directory's renames durable (the rename of a file or table inside it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Statistics and dictionaries only where they pay: min/max of ids and times let DuckDB skip row
# groups; on body text or nested facts they only fatten the footer (a one-row file: 32 -> 18 KB).
_WRITE_OPTIONS: dict[str, dict[str, list[str]]] = {
    "articles": {
        "write_statistics": ["article_id", "version", "published_at", "fetched_at"],
        "use_dictionary": ["language", "section", "extraction", "extractor_version"],
    },
    "errors": {
        "write_statistics": ["time", "stage", "site"],
        "use_dictionary": ["site", "stage", "code"],
    },
}


def write_parquet_atomic(table: pa.Table, directory: Path, suffix: str = "") -> Path:
    """Write ``table`` as a new ``part-*.parquet`` in ``directory``: complete or absent."""
    return write_parquet_stream_atomic([table], table.schema, directory, suffix)


def write_parquet_stream_atomic(
    tables: Iterable[pa.Table], schema: pa.Schema, directory: Path, suffix: str = ""
) -> Path:
    """Write ``tables`` (all of ``schema``) one after another into one new ``part-*.parquet``.

    Only one table is in memory at a time, so merging a large partition costs no more memory
    than its largest piece; the file is complete or absent, as with :func:`write_parquet_atomic`.
    """
    directory.mkdir(parents=True, exist_ok=True)
    name = f"part-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:12]}{suffix}.parquet"
    tmp = directory / f".{name}{TMP_SUFFIX}"
    final = directory / name
    kind = (schema.metadata or {}).get(b"kabar.table", b"").decode()
    options = _WRITE_OPTIONS.get(kind, {"write_statistics": True, "use_dictionary": True})
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd", compression_level=6, **options) as writer:
            for table in tables:
                writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        fsync_dir(directory)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def compact_directory(directory: Path, small_bytes: int = SMALL_FILE_BYTES) -> Path | None:
    """Merge the small ``part-*.parquet`` files of one directory into one file.

    Every flush writes one file per partition it touched, so a crawl running for months leaves
    many small files; each carries a ~20 KB footer and slows every scan.  The merged file lists
    the files it replaces in its metadata (``kabar.replaces``) and is renamed into place before
    they are deleted: a crash in between is finished by :func:`finish_compactions` on the next
    start.  Until then (milliseconds) the ``articles`` view may count those rows twice;
    ``articles_latest`` never does.  The files are streamed in groups of about
    :data:`ROW_GROUP_ROWS` rows, so memory stays bounded however large the partition is.
    """
    files = sorted(p for p in directory.glob("part-*.parquet") if p.stat().st_size < small_bytes)
    if len(files) < 2:
        return None
    schemas = [pq.read_schema(f) for f in files]
    metadata = dict(schemas[-1].metadata or {})
    metadata[REPLACES_KEY] = json.dumps([f.name for f in files]).encode()
    # Older files may lack columns added since (schema evolution): they read as nulls.
    schema = pa.unify_schemas(schemas, promote_options="default").with_metadata(metadata)
    merged = write_parquet_stream_atomic(_row_groups(files, schema), schema, directory, COMPACTED_SUFFIX)
    for f in files:
        f.unlink(missing_ok=True)
    fsync_dir(directory)
    return merged


def _row_groups(files: list[Path], schema: pa.Schema) -> Iterator[pa.Table]:
    """The rows of ``files`` conformed to ``schema``, in tables of about ROW_GROUP_ROWS rows."""
    pending: list[pa.Table] = []
    rows = 0
    for path in files:
        table = pq.read_table(path)
        present = set(table.column_names)
        columns = [
            table.column(f.name).cast(f.type) if f.name in present else pa.nulls(len(table), f.type)
            for f in schema
        ]
        pending.append(pa.Table.from_arrays(columns, schema=schema))
        rows += len(table)
        if rows >= ROW_GROUP_ROWS:
            yield pa.concat_tables(pending)
            pending, rows = [], 0
    if pending:
        yield pa.concat_tables(pending)


def finish_compactions(out_dir: Path) -> int:
    """Delete files a merged file replaced when a crash stopped the deletion (under the lock)."""
    removed = 0
    pattern = f"part-*{COMPACTED_SUFFIX}.parquet"
    for merged in [*(out_dir / ARTICLES_DIRNAME).rglob(pattern), *(out_dir / ERRORS_DIRNAME).glob(pattern)]:
        for name in json.loads((pq.read_schema(merged).metadata or {}).get(REPLACES_KEY, b"[]")):
            if (merged.parent / name).exists():
                (merged.parent / name).unlink()
                removed += 1
    return removed


QUARANTINE_DIRNAME = "quarantine"


def _data_files(out_dir: Path) -> Iterator[Path]:
    yield from sorted((out_dir / ARTICLES_DIRNAME).rglob("*.parquet"))
    yield from sorted((out_dir / ERRORS_DIRNAME).glob("*.parquet"))


def unreadable_files(out_dir: Path) -> Iterator[tuple[Path, str]]:
    """Parquet files of the dataset whose footer cannot be read, and why (one short line).

    Reading the footer (a few kB) catches what breaks every reader at once: junk, a truncated
    copy, a file that is not Parquet.  Hidden files (``.part-*.tmp`` being written) are skipped.
    """
    for path in _data_files(out_dir):
        if path.name.startswith("."):
            continue
        try:
            pq.read_metadata(path)
        except (OSError, pa.ArrowException) as exc:
            yield path, str(exc).splitlines()[0][:200]


def quarantine_unreadable(out_dir: Path) -> list[Path]:
    """Move unreadable Parquet files to ``<out>/quarantine/`` (same relative path), one log line
    each, so that one bad file does not stop every crawl, query and report (call under the lock)."""
    moved = []
    for path, why in list(unreadable_files(out_dir)):
        target = out_dir / QUARANTINE_DIRNAME / path.relative_to(out_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        moved.append(target)
        log.warning("store: %s is not readable Parquet (%s); moved to %s", path, why, target)
    return moved


def clean_temp_files(out_dir: Path) -> list[Path]:
    """Delete temp Parquet files a killed writer left behind (call while holding the lock)."""
    removed = []
    for sub in (ARTICLES_DIRNAME, ERRORS_DIRNAME):
        root = out_dir / sub
        if root.is_dir():
            for path in root.rglob(f".*{TMP_SUFFIX}"):
                path.unlink(missing_ok=True)
                removed.append(path)
    if removed:
        log.warning("store: removed %d unfinished file(s) of an interrupted run", len(removed))
    return removed


class TableWriter:
    """Buffers rows of both tables and writes them out in atomic files."""

    def __init__(self, out_dir: str | Path, flush_rows: int = DEFAULT_FLUSH_ROWS) -> None:
        self.out_dir = Path(out_dir)
        self.flush_rows = max(1, flush_rows)
        self._articles: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        self._errors: list[dict[str, Any]] = []
        self.pending = 0
        self.written: list[Path] = []
        self._article_schema = article_file_schema()
        self._errors_schema = errors_file_schema()

    def add_article(self, row: dict[str, Any]) -> None:
        self._articles[(row["site"], row["month"])].append(row)
        self.pending += 1

    def add_error(self, row: dict[str, Any]) -> None:
        self._errors.append(row)
        self.pending += 1

    @property
    def full(self) -> bool:
        return self.pending >= self.flush_rows

    def _articles_table(self, rows: list[dict[str, Any]]) -> pa.Table:
        """The rows as a table; a row the schema refuses (validation missed it) becomes an error."""
        try:
            return pa.Table.from_pylist(rows, schema=self._article_schema)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            good = []
            for row in rows:
                try:
                    pa.Table.from_pylist([row], schema=self._article_schema)
                    good.append(row)
                except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
                    self._store_error(row, "schema_mismatch", str(exc))
            return pa.Table.from_pylist(good, schema=self._article_schema)

    def flush(self) -> list[Path]:
        """Write every buffered row; returns the new files."""
        new: list[Path] = []
        for (site, month), rows in sorted(self._articles.items()):
            table = self._articles_table(rows)
            if table.num_rows:
                directory = (
                    self.out_dir
                    / ARTICLES_DIRNAME
                    / f"site={partition_value(site)}"
                    / f"month={partition_value(month)}"
                )
                new.append(write_parquet_atomic(table, directory))
        self._articles.clear()
        if self._errors:
            table = pa.Table.from_pylist(self._errors, schema=self._errors_schema)
            new.append(write_parquet_atomic(table, self.out_dir / ERRORS_DIRNAME))
            self._errors.clear()
        self.pending = 0
        self.written.extend(new)
        return new

    def compact(self) -> list[Path]:
        """Merge the small files of every directory this writer wrote to."""
        merged = [compact_directory(d) for d in sorted({p.parent for p in self.written})]
        self.written = [m for m in merged if m is not None]
        return self.written

    def _store_error(self, row: dict[str, Any], code: str, reason: str) -> None:
        """An article row the store could not write becomes a row of the errors table."""
        self._errors.append(
            error_row(url=row.get("url"), site=row.get("site"), stage="store", code=code, reason=reason)
        )

    def drain_as_errors(self, reason: str) -> None:
        """After a failed flush: turn the buffered articles into store errors (kept for the log)."""
        for rows in self._articles.values():
            for row in rows:
                self._store_error(row, "write_failed", reason)
        self._articles.clear()


class StorePipeline:
    """Item pipeline 500: buffers stage items into the Parquet tables."""

    def __init__(
        self,
        out_dir: str | Path,
        flush_rows: int = DEFAULT_FLUSH_ROWS,
        flush_seconds: float = DEFAULT_FLUSH_SECONDS,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.flush_seconds = flush_seconds
        self.writer = TableWriter(self.out_dir, flush_rows)
        self.lock = OutputLock(self.out_dir)
        self.state: CrawlState | None = None
        self._last_flush = time.monotonic()
        self.opened = False
        self.stats: Any = None  # the crawler's stats: failed writes decide the crawl's exit code

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        from scrapy import signals

        pipeline = cls.from_settings(crawler.settings)
        pipeline.stats = crawler.stats
        # A spider waiting for slow sites (or a long politeness delay) is a good moment to write
        # what is buffered, rather than holding it until the next item arrives.
        crawler.signals.connect(pipeline.flush_if_pending, signal=signals.spider_idle)
        return pipeline

    def flush_if_pending(self, *args: Any, **kwargs: Any) -> None:
        if self.opened and self.writer.pending:
            self.flush()

    @classmethod
    def from_settings(cls, settings: Settingsish) -> StorePipeline:
        return cls(
            out_dir_from(settings),
            int(settings.get("KABAR_FLUSH_ROWS") or DEFAULT_FLUSH_ROWS),
            float(settings.get("KABAR_FLUSH_SECONDS") or DEFAULT_FLUSH_SECONDS),
        )

    def open_spider(self, spider: Any = None) -> None:
        self.lock.acquire()
        clean_temp_files(self.out_dir)
        quarantine_unreadable(self.out_dir)
        finish_compactions(self.out_dir)
        self.state = CrawlState.shared(self.out_dir)
        reconcile_state(self.out_dir, self.state)  # rows a crash wrote before the state commit
        self.opened = True

    def process_item(self, item: Item, spider: Any = None) -> Item:
        if not self.opened:
            self.open_spider()
        kind = item.get("kind")
        notes: list[dict[str, Any]] = item.get("notes") or []  # type: ignore[assignment]  # RecordItem only
        for note in notes:  # e.g. a canonical conflict beside a stored article
            self.writer.add_error(note)
        if "kind" in item and item["kind"] == "record":
            self.writer.add_article(item["row"])
        elif "kind" in item and item["kind"] == "error":
            self.writer.add_error(item["row"])
        else:  # an item no stage understood: say so in the errors table rather than lose it
            self.writer.add_error(
                error_row(
                    url=item.get("url"),
                    site=item.get("site"),
                    stage="store",
                    code="unknown_item",
                    reason=f"item of kind {kind!r} not stored",
                )
            )
        if self.writer.full or time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffers, then make the crawl state durable (never the other way round)."""
        self._last_flush = time.monotonic()
        try:
            self.writer.flush()
        except OSError as exc:
            log.error("store: writing Parquet failed (%s); the rows go to the errors table", exc)
            if self.stats is not None:
                self.stats.inc_value("kabar/write_failures")
            if self.state is not None:
                self.state.rollback()  # those articles count as not stored: the next crawl retries
            self.writer.drain_as_errors(f"Parquet write failed: {exc}")
            try:
                self.writer.flush()
            except OSError as again:
                log.error("store: the errors table cannot be written either (%s)", again)
            return
        if self.state is not None:
            self.state.commit()

    def close_spider(self, spider: Any = None) -> None:
        if not self.opened:
            return
        self.flush()
        try:
            self.writer.compact()
        except (OSError, pa.ArrowException) as exc:  # the small files stay valid; merged next time
            log.warning("store: merging small Parquet files failed: %s", exc)
        self.opened = False
        self.lock.release()
