"""WARC files of the bundled sites, written three independent ways, for the ingest tests.

* :func:`write_kabar_warc`: kabar's own raw-store writer (fastwarc records, a gzip member each);
* :func:`write_warcio_warc`: warcio, with what real archives hold besides pages: the same pages
  again (duplicates), some with a changed text (new versions), ``revisit`` records, a 404,
  non-HTML responses, ``request`` records, a page of an unregistered host, and a truncated last
  member;
* :func:`write_ccnews_warc`: bytes laid out by hand like a Common Crawl CC-NEWS file (WARC/1.0,
  ``warcinfo`` first, ``response`` records with ``WARC-Target-URI``, gzip per record), mostly
  pages of other outlets, a few bundled pages with a changed text.

Nothing here is fetched: pages are read from the bundled sites (``crawler/bundled``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from kabar.crawler.localserver import SITES_ROOT, resolve

CHANGED = b" Redaksi menambahkan keterangan: acara ini diikuti pula oleh perwakilan Bawaslu setempat."
CAPTURE = "2024-01-15T03:00:00Z"
LATER = "2024-02-20T03:00:00Z"


def bundled_pages() -> list[tuple[str, str, bytes]]:
    """(site key, URL, HTML) of every bundled article, in manifest order."""
    manifest = json.loads((SITES_ROOT / "MANIFEST.json").read_text("utf-8"))
    pages = []
    for site, info in manifest.items():
        for url in info["articles"]:
            parts = urlsplit(url)
            path = resolve(SITES_ROOT / parts.hostname, parts.path, parts.query)
            if path is not None:
                pages.append((site, url, path.read_bytes()))
    return pages


def changed(html: bytes) -> bytes:
    """The page with one more sentence in its first paragraph (a new version of the article)."""
    return html.replace(b"</p>", CHANGED + b"</p>", 1)


def write_kabar_warc(raw_dir: Path) -> Path:
    from kabar.pipelines.raw import WarcStore

    store = WarcStore(raw_dir)
    for site, url, html in bundled_pages():
        page = {
            "url": url,
            "status": 200,
            "headers": {"Content-Type": "text/html; charset=utf-8"},
            "body": html,
            "fetched_at": "2024-01-10T10:00:00+07:00",
        }
        store.write_article({"kind": "article", "site": site, "url": url, "pages": [page]})
    store.close()
    [path] = store.closed_files
    return path


def write_warcio_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = bundled_pages()
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)

        def response(url: str, body: bytes, status: str = "200 OK", ctype: str = "text/html", date=CAPTURE):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)

        for index, (_, url, html) in enumerate(pages):
            request = StatusAndHeaders(f"GET {urlsplit(url).path} HTTP/1.1", [], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            response(url, changed(html) if index % 5 == 0 else html)  # every 5th: a second version
            if index % 7 == 0:
                revisit = writer.create_revisit_record(
                    url, "sha1:" + hashlib.sha1(html).hexdigest(), url, CAPTURE, warc_headers_dict={}
                )
                writer.write_record(revisit)
        host = urlsplit(pages[0][1]).hostname
        response(f"https://{host}/read/999999/tidak-ada", b"<html>Not Found</html>", "404 Not Found")
        response(f"https://{host}/sitemap.xml", b"<?xml version='1.0'?><urlset/>", ctype="application/xml")
        response(f"https://{host}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), ctype="image/png")
        response("https://news.example.org/2024/01/15/x", pages[0][2])  # not a registered outlet
        response(pages[1][1], changed(pages[1][2]), date=LATER)
    data = path.read_bytes()
    # A last member cut in the middle: a download or a crawl that stopped while writing.
    tail = io.BytesIO()
    tail_writer = WARCWriter(tail, gzip=True)
    body = pages[2][2]
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    tail_writer.write_record(
        tail_writer.create_warc_record(
            pages[2][1], "response", payload=io.BytesIO(body), length=len(body), http_headers=http
        )
    )
    path.write_bytes(data + tail.getvalue()[: len(tail.getvalue()) // 2])
    return path


def _ccnews_record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n")


def write_ccnews_warc(path: Path, foreign: int = 200) -> Path:
    """A CC-NEWS-shaped file: ``foreign`` pages of other outlets around every 3rd bundled page
    (changed: a later version, captured later)."""
    info = b"software: StormCrawler 1.x https://stormcrawler.net/\r\nformat: WARC File Format 1.0\r\n"
    members = [
        _ccnews_record(
            [
                ("WARC-Type", "warcinfo"),
                ("WARC-Date", "2024-03-01T00:00:00Z"),
                ("WARC-Filename", path.name),
                ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
                ("Content-Type", "application/warc-fields"),
            ],
            info,
        )
    ]
    bundled = bundled_pages()[::3]
    filler = (
        b"<html><head><title>Other news</title></head><body><p>"
        + b"World news. " * 200
        + b"</p></body></html>"
    )
    for index in range(max(foreign, len(bundled))):
        pages = [(f"https://www.news{index % 17}.example.com/{index}/story.html", filler)]
        if index < len(bundled):
            pages.append((bundled[index][1], changed(bundled[index][2])))
        for url, body in pages:
            http = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nX-Crawler-Content-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
            )
            members.append(
                _ccnews_record(
                    [
                        ("WARC-Type", "response"),
                        ("WARC-Date", "2024-03-01T05:00:00Z"),
                        ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
                        ("WARC-Target-URI", url),
                        ("Content-Type", "application/http; msgtype=response"),
                        ("WARC-Payload-Digest", "sha1:" + hashlib.sha1(body).hexdigest()),
                    ],
                    http + body,
                )
            )
    path.write_bytes(b"".join(members))
    return path


def write_all(directory: Path) -> list[Path]:
    """The three files in ``directory`` (the kabar one under ``kabar/``), in the order to ingest."""
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write_kabar_warc(directory / "kabar"),
        write_warcio_warc(directory / "archive-it.warc.gz"),
        write_ccnews_warc(directory / "CC-NEWS-20240301000000-00001.warc.gz"),
    ]
