"""Serve the bundled offline copies of the news sites (``crawler/bundled/<host>/``) on 127.0.0.1.

One port per host, so each copy has its own ``/robots.txt`` and the spiders see the site's real
URL layout under ``base_url`` (``http://127.0.0.1:PORT``)::

    with SiteServer() as server:
        server.base_urls["wartakota.tribunnews.com"]   # -> "http://127.0.0.1:40123"

    python -m kabar.crawler.localserver            # serve all hosts until Ctrl-C, printing their URLs

How a URL maps onto files (the build script ``tests/fixtures/build_sites.py`` writes them so):

* ``/robots.txt``, ``/sitemap.xml`` … → the file of that name;
* ``/2023/01/25/slug`` (a folder) → ``2023/01/25/slug/index.html`` (or ``index.xml`` for feeds);
* a query string selects a variant: ``/slug?page=2`` → ``slug/index.page=2.html``; parameters are
  sorted and URL-encoded (``/index-news?date=2023-01-25`` → ``index-news/index.date=2023-01-25.html``).

Responses carry a content ETag and Last-Modified (the file's mtime) and answer conditional
requests with 304, like a real site, so incremental crawls can be tested. ``requests`` records
every request (host, method, path, status) for assertions. :meth:`SiteServer.add_behaviour` lets a
test (or the reliability engineer's fault endpoints) take over chosen paths: 404/500/503 with
Retry-After, slow drips, resets, redirect loops …
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import re
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

# Package data: installed with the package, so `kabar crawl --bundled` works outside the repository.
SITES_ROOT = Path(__file__).resolve().parent / "bundled"
INDEX_NAMES = ("index.html", "index.xml")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".css": "text/css",
}
FEED_NAME_RE = re.compile(r"(?:^|/)(?:rss|feed)(?:/|$)")

# A behaviour gets the request handler; it answers the request itself and returns True,
# or returns False to let the file be served normally.
Behaviour = Callable[[BaseHTTPRequestHandler], bool]


@dataclass(frozen=True)
class Served:
    """One request the server answered."""

    host: str
    method: str
    path: str  # path and query as requested
    status: int
    headers: dict[str, str]


def query_suffix(query: str) -> str:
    """The file-name part for a query string: sorted, URL-encoded parameters ("" for none)."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return urlencode(pairs)


def resolve(host_dir: Path, path: str, query: str = "") -> Path | None:
    """The file that answers ``path?query`` inside ``host_dir``, or None (→ 404)."""
    rel = unquote(path).lstrip("/")
    if any(part in ("..", ".") for part in rel.split("/")):
        return None
    target = host_dir / rel if rel else host_dir
    suffix = query_suffix(query)
    if suffix:
        folder = target if target.is_dir() else None
        if folder is None:
            return None
        for name in INDEX_NAMES:
            stem, ext = name.rsplit(".", 1)
            candidate = folder / f"{stem}.{suffix}.{ext}"
            if candidate.is_file():
                return candidate
        return None
    if target.is_file():
        return target
    if target.is_dir():
        for name in INDEX_NAMES:
            if (target / name).is_file():
                return target / name
    return None


def content_type(path: Path, url_path: str) -> str:
    if path.suffix == ".xml" and FEED_NAME_RE.search(url_path):
        return "application/rss+xml; charset=utf-8"
    return CONTENT_TYPES.get(path.suffix, "application/octet-stream")


class _HostHandler(BaseHTTPRequestHandler):
    """Serves one host folder; ``server`` is a :class:`_HostServer`."""

    server: _HostServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: requests are recorded in ``SiteServer.requests`` instead of printed."""

    def _record(self, status: int) -> None:
        self.server.owner._record(
            Served(self.server.host, self.command, self.path, status, {k: v for k, v in self.headers.items()})
        )

    def send_response(self, code: int, message: str | None = None) -> None:
        self._record(code)
        super().send_response(code, message)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(body=False)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        for pattern, behaviour in self.server.owner.behaviours_for(self.server.host):
            if pattern.search(self.path) and behaviour(self):
                return
        parts = urlsplit(self.path)
        file = resolve(self.server.host_dir, parts.path, parts.query)
        if file is None:
            self._plain(404, b"not found\n", body)
            return
        data = file.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest()[:20] + '"'
        mtime = int(file.stat().st_mtime)
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        if self._not_modified(etag, mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type(file, parts.path))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return mtime <= since
        return False

    def _plain(self, status: int, text: bytes, body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        if body:
            self.wfile.write(text)


class _HostServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the stdlib's 5 refuses connections when a crawl opens many at once

    def __init__(self, owner: SiteServer, host: str, host_dir: Path, port: int) -> None:
        self.owner = owner
        self.host = host
        self.host_dir = host_dir
        super().__init__(("127.0.0.1", port), _HostHandler)


class SiteServer:
    """The bundled sites on 127.0.0.1, one port per host folder of ``root``."""

    def __init__(self, root: Path | str = SITES_ROOT, hosts: list[str] | None = None, port: int = 0) -> None:
        """``hosts``: host folders to serve (default: all); ``port``: first port (0 = any free)."""
        self.root = Path(root)
        if not self.root.is_dir():
            raise FileNotFoundError(f"no bundled sites at {self.root}")
        available = sorted(p.name for p in self.root.iterdir() if p.is_dir() and "." in p.name)
        unknown = sorted(set(hosts or []) - set(available))
        if unknown:
            raise ValueError(f"no bundled copy of {', '.join(unknown)} (have: {', '.join(available)})")
        self.hosts = list(hosts) if hosts else available
        self.available = available
        self.port = port
        self.base_urls: dict[str, str] = {}
        self.requests: list[Served] = []
        self._behaviours: list[tuple[str | None, re.Pattern[str], Behaviour]] = []
        self._servers: list[_HostServer] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    # --- lifecycle -----------------------------------------------------------------------------
    def start(self) -> SiteServer:
        for host in self.hosts:
            server = _HostServer(self, host, self.root / host, self.port_of(host))
            thread = threading.Thread(target=server.serve_forever, name=f"site-{host}", daemon=True)
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
            self.base_urls[host] = f"http://127.0.0.1:{server.server_address[1]}"
        return self

    def port_of(self, host: str) -> int:
        """The fixed port of ``host``: the first port plus the host's place among all bundled hosts
        in name order (also when only some are served), or 0 (any free port) without a first port."""
        return self.port + self.available.index(host) if self.port else 0

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- behaviours and records ----------------------------------------------------------------
    def add_behaviour(self, path_regex: str, behaviour: Behaviour, host: str | None = None) -> None:
        """Let ``behaviour`` answer requests whose path+query matches ``path_regex`` (on ``host``)."""
        self._behaviours.append((host, re.compile(path_regex), behaviour))

    def behaviours_for(self, host: str) -> list[tuple[re.Pattern[str], Behaviour]]:
        return [(p, b) for h, p, b in self._behaviours if h in (None, host)]

    def _record(self, served: Served) -> None:
        with self._lock:
            self.requests.append(served)

    def requested(self, host: str | None = None) -> list[Served]:
        """A snapshot of the requests answered so far (for one host, or all)."""
        with self._lock:
            return [r for r in self.requests if host in (None, r.host)]


def bundled_sites(spiders: Mapping[str, Any], root: Path = SITES_ROOT) -> list[str]:
    """The outlet keys (of ``spiders``: key -> spider class) whose canonical host has a bundled copy."""
    hosts = {p.name for p in root.iterdir() if p.is_dir()} if root.is_dir() else set()
    return [key for key, spider in spiders.items() if spider.origin_host() in hosts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Serve the bundled offline news sites on 127.0.0.1, each host on its own fixed port "
        "(--port plus the host's place in name order: by default koran-jakarta.com 8001, "
        "m.beritajakarta.id 8002, satuarah.co 8003, wartakota.tribunnews.com 8004, www.idntimes.com 8005)."
    )
    parser.add_argument("--root", type=Path, default=SITES_ROOT, help="folder with one sub-folder per host")
    parser.add_argument("--port", type=int, default=8001, help="first port (default: %(default)s)")
    parser.add_argument("hosts", nargs="*", metavar="HOST", help="serve only these hosts (default: all)")
    args = parser.parse_args(argv)
    try:
        server = SiteServer(args.root, hosts=args.hosts or None, port=args.port).start()
    except (FileNotFoundError, ValueError, OSError) as exc:
        print(f"localserver: {exc}", file=sys.stderr)
        return 2
    for host, url in server.base_urls.items():
        print(f"{host:32} {url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
