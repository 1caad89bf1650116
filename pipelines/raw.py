"""Raw store: every fetched article page, as WARC, before anything else can go wrong.

Why WARC (and not raw Parquet): it is the web-archiving standard, every page is a self-contained
gzip member (a crash loses at most the record being written), and tools outside kabar (warcio,
pywb, ``zcat``) read it.  The raw store is what ``kabar reextract`` rebuilds the articles table from.

Layout: ``<out>/raw/kabar-<UTC time>-<pid>-<seq>-<random>.warc.gz``.  The file being written is named
``.kabar-....warc.gz.open`` (a dot file, so readers and globs skip it); it is renamed when closed
(rotation at ``KABAR_WARC_MAX_BYTES`` or spider close).  After a SIGKILL the ``.open`` file keeps
every record flushed so far and is renamed on the next start (:func:`recover_open_files`).

Each page is one ``response`` record (HTTP status line, headers and the body as Scrapy gave it)
with kabar's own WARC header fields to rebuild the spider item:

* ``Kabar-Site``: site key; ``Kabar-Article``: the page-1 URL as requested;
* ``Kabar-Page``: ``i/n`` (page i of an n-page article); ``Kabar-Fetched-At``: ISO time with offset;
* ``Kabar-Lastmod``: the sitemap ``lastmod`` the spider saw, when it passed one.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import re
import time
import uuid
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from http.client import responses as _REASONS
from io import BytesIO
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from kabar.pipelines.settings import Settingsish, out_dir_from
from kabar.pipelines.swap import finish_interrupted_reextract
from kabar.pipelines.warcread import Damage, read_warc
from kabar.schemas.items import ArticleItem, Item, Page

log = logging.getLogger(__name__)

RAW_DIRNAME = "raw"
OPEN_SUFFIX = ".open"
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
FSYNC_SECONDS = 5.0

# Scrapy hands over the decoded body; these headers describe the wire form and would make a WARC
# reader try to decode it again, so they are dropped (the block length is recomputed by fastwarc).
_BREAKS = {"\r", "\n"}  # a header line that would end the header block early is left out
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_ONE_LINE = re.compile(r"[\r\n]+")  # a WARC header value on one line


def _warc_date(iso: str | None) -> str:
    """WARC-Date wants UTC with a ``Z``; fall back to now for a missing or unreadable time."""
    try:
        moment = datetime.fromisoformat(iso) if iso else datetime.now(timezone.utc)
    except ValueError:
        moment = datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def recover_open_files(raw_dir: Path) -> list[Path]:
    """Rename ``.open`` files left by a killed crawl so their records are read again.

    Only call this while holding the output lock (no other writer can own those files).
    """
    recovered = []
    for path in sorted(raw_dir.glob(f".*.warc.gz{OPEN_SUFFIX}")):
        final = path.with_name(path.name[1 : -len(OPEN_SUFFIX)])
        os.replace(path, final)
        recovered.append(final)
        log.warning("raw store: recovered %s from an interrupted crawl", final.name)
    return recovered


def _gzip(data: bytes) -> bytes:
    """``data`` as one gzip member (one per record: what lets a reader skip a damaged record).

    The window is sized to the data (``wbits`` 9-15, +16 for gzip framing): a window larger than
    the data compresses no better, and setting up zlib's default 32 KB window and hash tables
    cost more than compressing a small page (0.5 of 0.6 ms for 3 KB; the same bytes for any
    record of 32 KB or more).
    """
    wbits = min(15, max(9, len(data).bit_length()))
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + wbits)
    return compressor.compress(data) + compressor.flush()


def _gzip_member(record: WarcRecord) -> bytes:
    """A fastwarc record (with its block digest) as one gzip member."""
    buffer = BytesIO()
    record.write(buffer, checksum_data=True)
    return _gzip(buffer.getvalue())


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _response_member(fields: dict[str, str], head: bytes, body: bytes) -> bytes:
    """One WARC/1.1 ``response`` record (HTTP head + body) with block and payload digests, as a
    gzip member.

    Written here rather than through fastwarc's ``WarcRecord``: building a record there
    (header map, ``set_bytes_content``, ``write`` into a buffer) cost about twice these few
    formatted lines, in the crawl process where every page's cost delays the downloads.
    fastwarc, warcio and ``zcat`` read the result like any other record (tests/test_warcread.py).
    """
    block = head + body
    lines = [
        "WARC/1.1",
        "WARC-Type: response",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
        *(f"{key}: {_ONE_LINE.sub(' ', value)}" for key, value in fields.items()),
        f"WARC-Block-Digest: {_digest(block)}",
        f"WARC-Payload-Digest: {_digest(body)}",
        f"Content-Length: {len(block)}",
    ]
    return _gzip(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n")


class WarcStore:
    """Appends article pages to rotating gzip WARC files."""

    def __init__(
        self, raw_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, name_prefix: str | None = None
    ) -> None:
        """``name_prefix`` replaces the time and pid part of the file names (``kabar ingest``
        names its files by run and source so they sort in source order)."""
        self.raw_dir = Path(raw_dir)
        self.name_prefix = name_prefix
        self.raw_dir.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self._seq = 0
        self._file: Any = None
        self._open_path: Path | None = None
        self.closed_files: list[Path] = []
        self._synced = time.monotonic()

    def _open(self) -> None:
        self._seq += 1
        # Microseconds keep the names in write order across crawls; the random part keeps two
        # writers (or a reused pid) from ever choosing the same name.
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        prefix = self.name_prefix or f"{stamp}-{os.getpid()}"
        name = f"kabar-{prefix}-{self._seq:05d}-{uuid.uuid4().hex[:6]}.warc.gz"
        self._open_path = self.raw_dir / f".{name}{OPEN_SUFFIX}"
        # Unbuffered: a failed write (disk full) leaves nothing in a buffer to be written later,
        # after the file was cut back to its last whole record (see _append).
        self._file = open(self._open_path, "wb", buffering=0)  # noqa: SIM115 - closed in _close
        info = WarcRecord()
        info.init_headers(record_type=WarcRecordType.warcinfo)
        info.headers.append("WARC-Filename", name)
        info.headers.append("Content-Type", "application/warc-fields")
        info.set_bytes_content(b"software: kabar\r\nformat: WARC File Format 1.1\r\n")
        self._append(_gzip_member(info))

    def _append(self, data: bytes) -> None:
        """Write whole records or nothing: on an error (disk full, EFBIG) the file is cut back to
        where it was, so no half record stays to read as damage, and the error is raised."""
        start = self._file.tell()
        view = memoryview(data)
        try:
            while view:
                view = view[self._file.write(view) :]
        except OSError:
            with contextlib.suppress(OSError):
                self._file.truncate(start)
                self._file.seek(start)
            raise

    def _close(self) -> None:
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        assert self._open_path is not None
        final = self._open_path.with_name(self._open_path.name[1 : -len(OPEN_SUFFIX)])
        os.replace(self._open_path, final)
        self.closed_files.append(final)
        self._file = self._open_path = None

    def write_article(self, item: ArticleItem) -> None:
        """Write every page of one article item, then flush (a later crash cannot lose them)."""
        if self._file is None:
            self._open()
        pages = item.get("pages") or []
        members: list[bytes] = []
        for index, page in enumerate(pages, start=1):
            status = int(page.get("status") or 200)
            head = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}"]
            head += [
                f"{k}: {v}"
                for k, v in (page.get("headers") or {}).items()
                if str(k).lower() not in _WIRE_HEADERS and not _BREAKS & set(f"{k}{v}")
            ]
            body = page.get("body") or b""
            if isinstance(body, str):
                body = body.encode("utf-8")
            fields = {
                "WARC-Date": _warc_date(page.get("fetched_at")),
                "WARC-Target-URI": str(page.get("url") or item.get("url") or ""),
                "Content-Type": "application/http; msgtype=response",
                "Kabar-Site": str(item.get("site") or ""),
                "Kabar-Article": str(item.get("url") or page.get("url") or ""),
                "Kabar-Page": f"{index}/{len(pages)}",
                "Kabar-Fetched-At": str(page.get("fetched_at") or ""),
            }
            if item.get("lastmod"):
                fields["Kabar-Lastmod"] = str(item["lastmod"])
            head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "surrogateescape")
            members.append(_response_member(fields, head_bytes, body))
        self._append(b"".join(members))  # in the OS now (unbuffered): survives a killed process
        if time.monotonic() - self._synced >= FSYNC_SECONDS:  # and, every few seconds, a power cut
            os.fsync(self._file.fileno())
            self._synced = time.monotonic()
        if self._file.tell() >= self.max_bytes:
            self._close()

    def close(self) -> None:
        self._close()


def raw_files(raw_dir: str | Path) -> list[Path]:
    """Closed WARC files in write order (names sort by time, process and sequence)."""
    return sorted(Path(raw_dir).glob("kabar-*.warc.gz"))


_KABAR_HEADERS = ("Kabar-Site", "Kabar-Article", "Kabar-Page", "Kabar-Fetched-At", "Kabar-Lastmod")


def _read_records(
    path: Path, damage: list[Damage], start: int = 0, end: int | None = None
) -> Iterator[tuple[int, dict[str, str], Page]]:
    """(offset, kabar headers, page dict) per response record from byte ``start`` on; unreadable
    records before ``end`` go to ``damage``, those after it are the next range's to report (a
    damage's offset is where the unreadable record begins: every reader names the same one)."""
    for entry in read_warc(path, start=start):
        if isinstance(entry, Damage):
            if end is None or entry.offset < end:
                log.warning(
                    "raw store: %s: unreadable record at byte %d (%s)", path, entry.offset, entry.reason
                )
                damage.append(entry)
            continue
        if entry.rec_type != "response":
            continue
        meta = {key: entry.warc_headers.get(key) or "" for key in _KABAR_HEADERS}
        page: Page = {
            "url": entry.target_uri,
            "status": entry.status,
            "headers": entry.http_headers,
            "body": entry.body,
            "fetched_at": meta["Kabar-Fetched-At"] or entry.warc_date,
        }
        yield entry.offset, meta, page


def file_articles(
    path: str | Path, damage: list[Damage], start: int = 0, end: int | None = None
) -> Iterator[ArticleItem]:
    """The article items of one raw WARC file whose first page starts in ``[start, end)``
    (``start``: a record's offset; ``end`` None: the file end), in fetch order.

    The last article is read to its last page even past ``end``; records before the first
    page 1 belong to the previous range's article and are passed over.  So byte ranges that meet
    at record offsets (:func:`pipelines.warcread.next_record_member`) give, one after another,
    exactly the articles of the whole file.
    """
    path = Path(path)
    current: ArticleItem | None = None
    expected = 0
    for offset, meta, page in _read_records(path, damage, start, end):
        index_s, _, total_s = meta["Kabar-Page"].partition("/")
        index, total = int(index_s or 1), int(total_s or 1)
        if index == 1:
            if current is not None:
                damage.append(Damage(str(path), -1, f"incomplete article {current['url']}"))
                current = None
            if end is not None and offset >= end:
                return
            current = {
                "kind": "article",
                "site": meta["Kabar-Site"],
                "url": meta["Kabar-Article"] or page["url"],
                "lastmod": meta["Kabar-Lastmod"] or None,
                "pages": [],
            }
            expected = total
        if current is None:
            continue
        current["pages"].append(page)
        if len(current["pages"]) == expected:
            yield current
            current = None
    if current is not None:
        damage.append(Damage(str(path), -1, f"incomplete article {current['url']} at the file end"))


def iter_raw_articles(raw_dir: str | Path, damage: list[Damage] | None = None) -> Iterator[ArticleItem]:
    """Rebuild the spiders' article items, in fetch order, from every closed WARC file.

    Unreadable records (a truncated or garbled file) are appended to ``damage``; an article whose
    pages are not all readable is reported there too (as the offset of its first page) and skipped.
    """
    damage = damage if damage is not None else []
    for path in raw_files(raw_dir):
        yield from file_articles(path, damage)


def count_raw_articles(raw_dir: str | Path) -> int:
    """How many page-1 records the raw store holds (for a progress bar's total; headers only)."""
    total = 0
    for path in raw_files(raw_dir):
        try:
            with open(path, "rb") as stream:
                for record in ArchiveIterator(stream, record_types=WarcRecordType.response):
                    if (record.headers.get("Kabar-Page") or "").startswith("1/"):
                        total += 1
        except OSError:  # a damaged file: counted up to there (read_warc reports the damage)
            continue
    return total


class RawStorePipeline:
    """Item pipeline 100: writes article pages to the raw store and passes every item on."""

    def __init__(self, out_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        from kabar.pipelines.lock import OutputLock

        self.out_dir = Path(out_dir)
        self.lock = OutputLock(self.out_dir)
        self.max_bytes = max_bytes
        self.store: WarcStore | None = None
        self.stats: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> RawStorePipeline:
        pipeline = cls.from_settings(crawler.settings)
        pipeline.stats = crawler.stats
        return pipeline

    @classmethod
    def from_settings(cls, settings: Settingsish) -> RawStorePipeline:
        return cls(out_dir_from(settings), int(settings.get("KABAR_WARC_MAX_BYTES") or DEFAULT_MAX_BYTES))

    def open_spider(self, spider: Any = None) -> None:
        self.lock.acquire()
        raw_dir = self.out_dir / RAW_DIRNAME
        raw_dir.mkdir(parents=True, exist_ok=True)
        recover_open_files(raw_dir)
        finish_interrupted_reextract(self.out_dir)  # before any table is opened
        self.store = WarcStore(raw_dir, self.max_bytes)

    def process_item(self, item: Item, spider: Any = None) -> Item:
        if "kind" in item and item["kind"] == "article":
            if self.store is None:
                self.open_spider()
            assert self.store is not None
            try:
                self.store.write_article(item)
            except OSError as exc:
                # Disk full or read-only: the WARC keeps only whole records (see WarcStore._append)
                # and the article goes on to the tables; the run counts a failed write (exit 1).
                log.error("raw store: writing %s failed (%s); not in the raw store", item.get("url"), exc)
                if self.stats is not None:
                    self.stats.inc_value("kabar/write_failures")
        return item

    def close_spider(self, spider: Any = None) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        self.lock.release()
