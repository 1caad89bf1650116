"""Scrapy's HTTP/1.1 download handler, with bounded response headers.

Twisted's HTTP client limits one header line (16 kB) but not how many lines there are: a server
that sends header lines forever grew the crawl to 1.4 GB before any middleware saw a response.
:class:`BoundedHTTPClientParser` stops reading after :data:`MAX_HEADER_LINES` lines or
:data:`MAX_HEADER_BYTES` bytes; Twisted then aborts the connection and fails the request, so the
spider's errback writes an errors row (``... response headers over ...``).

Neither Twisted nor Scrapy offers a setting or hook for this.  Scrapy's protocol swaps the class
of each new parser for the module-level ``_LenientHTTPClientParser`` of its ``http11`` handler;
:class:`BoundedHTTPDownloadHandler` (``DOWNLOAD_HANDLERS`` in ``crawler/settings.py``) points that
name at the bounded subclass when Scrapy builds it.  Like Scrapy's, the subclass adds no state
that its constructor would set (the counters start as class attributes).
"""

from __future__ import annotations

from typing import Any

from scrapy.core.downloader.handlers import http11

MAX_HEADER_LINES = 256  # real responses send 10-40 header lines
MAX_HEADER_BYTES = 256 * 1024


class HeadersTooLarge(Exception):
    """The response's header block is over the limits above."""


class BoundedHTTPClientParser(http11._LenientHTTPClientParser):
    """Scrapy's response parser, refusing a header block over the limits."""

    _lines = 0
    _bytes = 0

    def lineReceived(self, line: bytes) -> None:  # noqa: N802 - Twisted's naming
        # Only the status line and headers arrive here: the body is read in raw mode.
        self._lines += 1
        self._bytes += len(line) + 2
        if self._lines > MAX_HEADER_LINES or self._bytes > MAX_HEADER_BYTES:
            raise HeadersTooLarge(
                f"response headers over {MAX_HEADER_LINES} lines or {MAX_HEADER_BYTES // 1024} kB; not read"
            )
        super().lineReceived(line)


class BoundedHTTPDownloadHandler(http11.HTTP11DownloadHandler):
    """``HTTP11DownloadHandler`` whose connections parse responses with the bounded parser."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        http11._LenientHTTPClientParser = BoundedHTTPClientParser  # type: ignore[misc]
        super().__init__(*args, **kwargs)
