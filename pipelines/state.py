"""What the crawler has already stored: one small SQLite database per output directory.

Spiders ask :meth:`CrawlState.seen` before fetching an article (skip it when the sitemap's
``lastmod`` has not moved, or send ``If-None-Match`` / ``If-Modified-Since``); the dedup pipeline
asks it whether an extracted article is new, unchanged or a new version, and records the answer.

Why SQLite and not an in-memory set: a crawl that runs for months sees millions of URLs, so the
memory must stay bounded, and what was stored must survive a crash or a restart.  WAL mode lets a
reader (a spider, ``kabar report``) read while the crawl writes.

Durability is tied to the Parquet files: :meth:`record` writes inside an open transaction that
:meth:`commit` closes only after the store pipeline has renamed its Parquet files into place.  A
crash in between rolls the state back, so the next crawl fetches those articles again instead of
believing rows exist that were never written.  Use :meth:`CrawlState.shared` so the spider and the
pipelines of one process share that connection (and see each other's uncommitted writes).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

log = logging.getLogger(__name__)

STATE_DIRNAME = "state"
STATE_FILENAME = "crawl.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id    TEXT PRIMARY KEY,
    canonical_url TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    lastmod       TEXT,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL,
    version       INTEGER NOT NULL
);
-- Every URL an article was reached by (requested page-1 URL, canonical URL) -> its article.
CREATE TABLE IF NOT EXISTS urls (
    url        TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(article_id)
);
"""


@dataclass(frozen=True)
class SeenEntry:
    """What was stored the last time an article was crawled."""

    article_id: str
    canonical_url: str
    content_hash: str
    lastmod: str | None  # sitemap <lastmod> as the spider saw it (ISO string), if any
    etag: str | None  # ETag response header of page 1
    last_modified: str | None  # Last-Modified response header of page 1
    fetched_at: str  # ISO 8601 with offset
    version: int  # 1 for the first stored text, +1 for each changed text


def normalize_url(url: str) -> str:
    """The form URLs are keyed by: lower-case scheme and host, no fragment, no default port.

    Deliberately conservative (query strings are kept: ``?page=2`` or ``?id=`` can matter);
    sites' canonical links do the rest.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def article_id_for(canonical_url: str) -> str:
    """Stable id of an article: the first 16 hex digits of SHA-256 of its normalised canonical URL."""
    return hashlib.sha256(normalize_url(canonical_url).encode("utf-8")).hexdigest()[:16]


class CrawlState:
    """SQLite-backed memory of stored articles under ``out_dir/state/``."""

    _shared: dict[Path, CrawlState] = {}
    _shared_lock = threading.Lock()

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / STATE_DIRNAME / STATE_FILENAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed" …
            self._set_aside(exc)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        # check_same_thread=False: Scrapy calls spiders and pipelines from the reactor thread, but
        # tests and the CLI may open and close from another one.
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            self._prepare(db)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _set_aside(self, exc: Exception) -> None:
        """Move a corrupt state database aside; the store rebuilds the state from the Parquet
        tables (:func:`pipelines.recover.reconcile_state`), as for a missing one."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                os.replace(part, part.with_name(f"{part.name}.corrupt-{stamp}"))
        log.warning(
            "state: %s is not a readable SQLite database (%s); set aside as *.corrupt-%s and "
            "rebuilt from the Parquet tables",
            self.path,
            exc,
            stamp,
        )

    @staticmethod
    def _prepare(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit (once per Parquet flush) survives a power cut too, so the state never
        # forgets rows that are on disk (which would store them again as new articles).
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(_SCHEMA)
        db.commit()

    @classmethod
    def shared(cls, out_dir: str | Path) -> CrawlState:
        """One instance per output directory and process, shared by the spider and the pipelines."""
        key = Path(out_dir).resolve()
        with cls._shared_lock:
            state = cls._shared.get(key)
            if state is None or state._db is None:
                state = cls._shared[key] = cls(key)
            return state

    # -- reading ---------------------------------------------------------------------------

    def seen(self, url: str) -> SeenEntry | None:
        """The stored entry for an article reached by ``url`` (requested or canonical), or None."""
        row = self._db.execute(
            "SELECT a.article_id, a.canonical_url, a.content_hash, a.lastmod, a.etag, a.last_modified,"
            " a.fetched_at, a.version FROM urls u JOIN articles a USING (article_id) WHERE u.url = ?",
            (normalize_url(url),),
        ).fetchone()
        return SeenEntry(*row) if row else None

    def get(self, article_id: str) -> SeenEntry | None:
        """The stored entry of one article by its id, or None."""
        row = self._db.execute(
            "SELECT article_id, canonical_url, content_hash, lastmod, etag, last_modified, fetched_at,"
            " version FROM articles WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        return SeenEntry(*row) if row else None

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # -- writing ---------------------------------------------------------------------------

    def record(
        self,
        *,
        article_id: str,
        canonical_url: str,
        content_hash: str,
        fetched_at: str,
        version: int,
        urls: tuple[str, ...] | list[str] = (),
        lastmod: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Remember a stored article (or refresh the fetch data of an unchanged one).

        ``urls`` are the other URLs it was reached by (the requested page-1 URL); the canonical
        URL is always added.  Not durable until :meth:`commit`.
        """
        self._db.execute(
            "INSERT INTO articles (article_id, canonical_url, content_hash, lastmod, etag, last_modified,"
            " fetched_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET canonical_url=excluded.canonical_url,"
            " content_hash=excluded.content_hash, lastmod=coalesce(excluded.lastmod, lastmod),"
            " etag=excluded.etag, last_modified=excluded.last_modified, fetched_at=excluded.fetched_at,"
            " version=excluded.version",
            (article_id, canonical_url, content_hash, lastmod, etag, last_modified, fetched_at, version),
        )
        for url in {normalize_url(canonical_url), *(normalize_url(u) for u in urls if u)}:
            self._db.execute(
                "INSERT INTO urls (url, article_id) VALUES (?, ?)"
                " ON CONFLICT(url) DO UPDATE SET article_id=excluded.article_id",
                (url, article_id),
            )

    def commit(self) -> None:
        """Make every :meth:`record` so far durable (called after the Parquet files are in place)."""
        self._db.commit()

    def rollback(self) -> None:
        """Forget uncommitted records (their rows never reached Parquet)."""
        self._db.rollback()

    def close(self) -> None:
        """Commit and close; a later :meth:`shared` call opens a fresh instance."""
        if self._db is not None:
            self._db.commit()
            self._db.close()
            self._db = None  # type: ignore[assignment]
