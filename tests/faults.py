"""Misbehaving-server faults for the local site server (:class:`crawler.localserver.SiteServer`).

Scheduled crawls run for months against sites that fail in every way a server can.  Each fault
here is a *behaviour*: a callable the server hands the request to (see
:meth:`SiteServer.add_behaviour`); it answers the request itself and returns True, or returns
False to let the bundled file be served normally.  Every fault counts the requests it saw
(``calls``), so a test can assert that a 500 was retried and a 404 was not::

    with SiteServer(root, hosts=["satuarah.co"]) as server:
        gone = faults.Status(410)
        server.add_behaviour(r"^/2023/12/13/", gone)
        ...                                    # crawl
        assert gone.calls == 1                 # 410 is final: never retried

What the crawl does with each fault is in the README section "Reliability: faults and what kabar
does"; ``tests/test_reliability_*.py`` check it.
"""

from __future__ import annotations

import gzip
import shutil
import socket
import struct
import threading
import time
from functools import cache
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.sax.saxutils import escape

HTML = "text/html; charset=utf-8"


class Fault:
    """Base of the behaviours: counts calls (thread-safe) and sends simple responses."""

    def __init__(self) -> None:
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, handler: BaseHTTPRequestHandler) -> bool:
        with self._lock:
            self.calls += 1
            call = self.calls
        try:
            return self.answer(handler, call)
        except OSError:  # the client gave up (timeout, size limit): nothing more to send
            handler.close_connection = True
            return True

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        raise NotImplementedError

    @staticmethod
    def send(
        handler: BaseHTTPRequestHandler,
        status: int,
        body: bytes = b"",
        content_type: str = HTML,
        headers: dict[str, str] | None = None,
    ) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)


class Status(Fault):
    """Always answer ``status`` (404, 410, 500, 503 …), optionally with ``Retry-After``."""

    def __init__(self, status: int, retry_after: str | None = None, body: bytes = b"error\n") -> None:
        super().__init__()
        self.status, self.retry_after, self.body = status, retry_after, body

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        headers = {"Retry-After": self.retry_after} if self.retry_after else None
        self.send(handler, self.status, self.body, "text/plain; charset=utf-8", headers)
        return True


class FailFirst(Status):
    """Answer ``status`` to the first ``times`` requests, then serve the real file (a flaky site)."""

    def __init__(self, status: int, times: int = 1, retry_after: str | None = None) -> None:
        super().__init__(status, retry_after)
        self.times = times
        self.served_at: list[float] = []  # monotonic time of each request, to check the back-off

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        self.served_at.append(time.monotonic())
        return super().answer(handler, call) if call <= self.times else False


class Body(Fault):
    """Serve these exact bytes (a hostile page) with ``content_type`` and extra headers."""

    def __init__(self, body: bytes, content_type: str = HTML, headers: dict[str, str] | None = None) -> None:
        super().__init__()
        self.body, self.content_type, self.headers = body, content_type, headers

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        self.send(handler, 200, self.body, self.content_type, self.headers)
        return True


@cache
def gzip_bomb_bytes(decompressed_mb: int) -> bytes:
    """``decompressed_mb`` MB of zeros, gzip-compressed (≈1 kB per MB on the wire)."""
    return gzip.compress(b"\0" * (decompressed_mb * 1024 * 1024), compresslevel=9)


class GzipBomb(Body):
    """A small ``Content-Encoding: gzip`` body that inflates to ``decompressed_mb`` MB."""

    def __init__(self, decompressed_mb: int = 64) -> None:
        super().__init__(gzip_bomb_bytes(decompressed_mb), HTML, {"Content-Encoding": "gzip"})


class Huge(Fault):
    """An endless-looking page: ``size`` bytes streamed WITHOUT a Content-Length (the server
    closes the connection at the end), so the client's limit must act while reading."""

    def __init__(self, size: int = 30 * 1024 * 1024, head: bytes = b"<html><body>") -> None:
        super().__init__()
        self.size, self.head = size, head
        self.sent = 0

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        chunk = b"<p>isi pengisi halaman raksasa</p>\n" * 2000
        handler.wfile.write(self.head)
        self.sent = len(self.head)
        while self.sent < self.size:
            handler.wfile.write(chunk)
            self.sent += len(chunk)
        return True


class Truncated(Fault):
    """Promise ``len(body) + missing`` bytes in Content-Length, send ``body``, hang up."""

    def __init__(self, body: bytes, missing: int = 5000) -> None:
        super().__init__()
        self.body, self.missing = body, missing

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Content-Length", str(len(self.body) + self.missing))
        handler.end_headers()
        handler.wfile.write(self.body)
        handler.close_connection = True
        return True


class Reset(Fault):
    """Read the request, then reset the TCP connection (RST, no response at all)."""

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        conn = handler.connection
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.rfile.close()  # the last reference besides the socket: close() now really closes
        conn.close()
        handler.close_connection = True
        return True


class Hang(Fault):
    """Say nothing for ``seconds`` (a server that accepted and stalled), then hang up."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        time.sleep(self.seconds)
        handler.close_connection = True
        return True


class Drip(Fault):
    """Send the headers at once, then the body ``chunk`` bytes every ``interval`` seconds."""

    def __init__(self, body: bytes, interval: float = 0.2, chunk: int = 1) -> None:
        super().__init__()
        self.body, self.interval, self.chunk = body, interval, chunk

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        for start in range(0, len(self.body), self.chunk):
            handler.wfile.write(self.body[start : start + self.chunk])
            handler.wfile.flush()
            time.sleep(self.interval)
        return True


class Slow(Fault):
    """Wait ``seconds``, then let the real file be served (keeps a crawl busy, fails nothing)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        time.sleep(self.seconds)
        return False


class Gate(Fault):
    """Hold each request until :meth:`open` (or ``limit`` seconds, so a test that fails never
    hangs the server), then let the real file be served.  A test that needs a crawl still busy
    waits for a condition, not for a pause that a loaded machine may outlast."""

    def __init__(self, limit: float = 120.0) -> None:
        super().__init__()
        self.limit = limit
        self._opened = threading.Event()

    def open(self) -> None:
        self._opened.set()

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        self._opened.wait(self.limit)
        return False


class Redirect(Fault):
    """``status`` redirect to ``location`` (absolute, or a path on the same server)."""

    def __init__(self, location: str, status: int = 302) -> None:
        super().__init__()
        self.location, self.status = location, status

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        self.send(handler, self.status, b"", headers={"Location": self.location})
        return True


class RedirectLoop(Fault):
    """Redirect ``/path`` → ``/path?hop=1`` → ``?hop=2`` … forever (every URL new, so only a
    redirect limit stops it, not the duplicate filter)."""

    def answer(self, handler: BaseHTTPRequestHandler, call: int) -> bool:
        path, _, query = handler.path.partition("?")
        hop = int(query.split("hop=")[-1]) + 1 if "hop=" in query else 1
        self.send(handler, 302, b"", headers={"Location": f"{path}?hop={hop}"})
        return True


# --- hostile documents -------------------------------------------------------------------------


def entity_bomb(levels: int = 9, root: str = "urlset") -> bytes:
    """A "billion laughs" XML document: ``levels`` of 10x entity expansion inside ``root``."""
    dtd = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels + 1)
    )
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE {root} [{dtd}]>'
        f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>&lol{levels};</loc></url></{root}>"
    )
    return doc.encode()


# --- a disposable copy of a bundled site -------------------------------------------------------


def copy_site(sites_root: Path, host: str, dest_root: Path) -> Path:
    """Copy one bundled host folder under ``dest_root`` (a test may then edit it freely)."""
    target = dest_root / host
    shutil.copytree(sites_root / host, target)
    return target


def add_to_sitemap(sitemap: Path, urls: list[str]) -> None:
    """Append ``<url>`` entries to a copied sitemap so the spider discovers fault URLs."""
    entries = "".join(f"<url><loc>{escape(u)}</loc></url>\n" for u in urls)
    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(text.replace("</urlset>", entries + "</urlset>"), encoding="utf-8")
