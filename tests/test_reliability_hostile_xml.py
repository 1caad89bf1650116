"""Hostile sitemaps, feeds and robots.txt, and a disk that fills while the raw WARC is written
(issue 12, second pass): the real spider against a copy of satuarah.co served on 127.0.0.1.

Every sitemap or feed that cannot be read is an errors row (its URLs are lost: that must show);
no entity is ever expanded or loaded (no billion laughs, no file read); a ``.xml.gz`` stops at
DOWNLOAD_MAXSIZE; robots.txt is read up to the 500 KiB RFC 9309 asks for; a failed WARC write
leaves only whole records and exits 1 with one line.
"""

from __future__ import annotations

import base64
import os
import resource
import signal
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from reliability_helpers import (
    HOST,
    REAL_ARTICLES,
    ROOT,
    articles_by_url,
    crawl_command,
    env,
    errors_by_url,
    run_crawl,
    site_copy,
    table,
)

from kabar.crawler.localserver import SiteServer
from kabar.pipelines.raw import iter_raw_articles, raw_files
from kabar.pipelines.warcread import Damage, read_warc

pytestmark = pytest.mark.slow

SECRET = "kabar-secret-6f1c"  # the content of a local file an external entity names
SITEMAPS = {
    "invalid-sitemap.xml": b"\x00\x01<<urlset this is not XML at all \xff\xfe",
    "html-sitemap.xml": b"<html><body><p>Maaf, halaman tidak ditemukan</p></body></html>",
    "bomb-sitemap.xml.gz": None,  # filled in by gzip_bomb()
    "xxe-sitemap.xml": None,  # needs the secret file's path
}


def gzip_bomb(gigabytes: int = 2) -> bytes:
    """A valid gzip file that inflates to ``gigabytes`` GiB of a sitemap (≈1 MB per GiB).

    Built from one compressed 16 MiB block repeated (each block starts after a full flush, so
    the copies are independent): compressing 2 GiB outright takes most of a minute here."""
    head_xml = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    chunk = b"\0" * (16 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = deflate.compress(head_xml) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.flush(zlib.Z_FINISH)
    copies = (gigabytes << 30) // len(chunk)
    crc = zlib.crc32(head_xml)
    for _ in range(copies):
        crc = zlib.crc32(chunk, crc)
    size = len(head_xml) + copies * len(chunk)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"
    return header + head + block * copies + tail + struct.pack("<II", crc, size & 0xFFFFFFFF)


def entity_dtd(root: str, secret_file: Path) -> str:
    """Billion laughs (9 levels) and an external entity naming a local file."""
    laughs = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return f'<!DOCTYPE {root} [{laughs}<!ENTITY xxe SYSTEM "file://{secret_file}">]>'


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("hostile-xml")
    secret_file = tmp / "secret.txt"
    secret_file.write_text(SECRET)
    root = site_copy(tmp, [])
    site = root / HOST
    sitemaps = dict(SITEMAPS, **{"bomb-sitemap.xml.gz": gzip_bomb()})
    sitemaps["xxe-sitemap.xml"] = (
        '<?xml version="1.0"?>'
        + entity_dtd("urlset", secret_file)
        + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "<url><loc>https://satuarah.co/2023/12/01/&xxe;&lol9;/</loc></url></urlset>"
    ).encode()
    for name, body in sitemaps.items():
        (site / name).write_bytes(body)
    index = site / "sitemap_index.xml"
    entries = "".join(f"<sitemap><loc>https://satuarah.co/{name}</loc></sitemap>" for name in sitemaps)
    index.write_text(index.read_text().replace("</sitemapindex>", entries + "</sitemapindex>"))
    # The feed keeps its items, behind a DTD with both bombs and an item that uses them.
    feed = site / "feed" / "index.xml"
    text = feed.read_text("utf-8")
    declaration, _, rest = text.partition("?>")
    bombed_item = "<item><title>&lol9;&xxe;</title><link>https://satuarah.co/2023/12/01/&xxe;/</link></item>"
    rest = rest.replace("<item>", bombed_item + "<item>", 1)
    feed.write_text(declaration + "?>" + entity_dtd("rss", secret_file) + rest, "utf-8")
    with SiteServer(root) as server:
        run = run_crawl(server.base_urls[HOST], tmp / "out", timeout=240)
        requests = server.requested()
    return {"run": run, "out": tmp / "out", "requests": requests}


def test_hostile_sitemaps_and_feed_leave_the_crawl_whole_in_bounded_time_and_memory(crawled) -> None:
    run = crawled["run"]
    assert run.returncode == 0, run.log[-3000:]
    assert "Traceback" not in run.log, run.log[-3000:]
    assert run.seconds < 180  # measured 20-40 s on two busy cores; a 2 GiB inflate or 10^9 laughs: never
    assert 0 < run.max_rss_mb < 1024, f"peak memory {run.max_rss_mb:.0f} MB"
    assert any(r.path.startswith("/feed") for r in crawled["requests"])  # the bombed feed was read
    assert len(articles_by_url(crawled["out"])) >= REAL_ARTICLES


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("invalid-sitemap.xml", "not XML"),
        ("html-sitemap.xml", "root element <html>"),
        ("bomb-sitemap.xml.gz", "gzip body not read"),
    ],
)
def test_an_unreadable_sitemap_is_an_errors_row_that_says_why(crawled, name: str, reason: str) -> None:
    row = errors_by_url(crawled["out"])[f"https://satuarah.co/{name}"]
    assert (row["stage"], row["code"]) == ("fetch", "fetch_failed")
    assert reason in row["reason"]


def test_no_entity_is_expanded_and_no_local_file_is_read(crawled) -> None:
    for request in crawled["requests"]:
        assert SECRET not in request.path and "lollol" not in request.path
    for row in table(crawled["out"], "SELECT * FROM articles"):
        assert SECRET not in str(row) and "lollollol" not in str(row)
    for row in table(crawled["out"], "SELECT * FROM errors"):
        assert SECRET not in str(row) and "lollollol" not in str(row)


@pytest.mark.parametrize(
    "robots",
    [
        # 8 MB of rules: parsed up to 500 KiB (RFC 9309 §2.5), not for seconds per request
        b"User-agent: *\n" + b"".join(b"Disallow: /private-%d/x\n" for i in range(300_000)),
        bytes(range(256)) * 4096,  # 1 MB of binary: no rules (Scrapy reads it as empty)
    ],
    ids=["huge", "binary"],
)
def test_a_huge_or_binary_robots_txt_still_crawls_the_site(tmp_path: Path, robots: bytes) -> None:
    root = site_copy(tmp_path, [], keep=4)
    (root / HOST / "robots.txt").write_bytes(robots)
    with SiteServer(root) as server:
        run = run_crawl(server.base_urls[HOST], tmp_path / "out", timeout=240)
    assert run.returncode == 0, run.log[-3000:]
    assert "Traceback" not in run.log, run.log[-3000:]
    assert len(articles_by_url(tmp_path / "out")) >= 4  # the sitemap's four (and what listings link)
    assert run.seconds < 120


LIMIT = 150_000  # bytes per file: RLIMIT_FSIZE stands for a full disk (EFBIG, as ENOSPC)


def heavy_site(tmp_path: Path) -> Path:
    """Six articles whose pages carry 50 kB of incompressible comment: the raw WARC passes
    LIMIT after two of them while the tables (clean text only) stay far below it."""
    root = site_copy(tmp_path, [], keep=6)
    for page in (root / HOST).rglob("index.html"):
        padding = base64.b64encode(os.urandom(37_500)).decode()
        page.write_text(page.read_text("utf-8").replace("</body>", f"<!-- {padding} --></body>"), "utf-8")
    return root


def full_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def test_a_disk_that_fills_during_the_warc_write_leaves_whole_records(tmp_path: Path) -> None:
    root = heavy_site(tmp_path)
    out = tmp_path / "out"

    with SiteServer(root) as server:
        cmd = crawl_command(server.base_urls[HOST], out, KABAR_EXTRACT_WORKERS="0")
        proc = subprocess.run(
            cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=240, preexec_fn=full_disk
        )
    log = proc.stdout + proc.stderr
    assert "Traceback" not in log, log[-3000:]
    assert "raw store: writing" in log and "failed" in log
    warcs = raw_files(out / "raw")
    assert warcs and not list((out / "raw").glob(".*.open"))
    for path in warcs:  # only whole records: nothing half-written reads as damage
        assert not [e for e in read_warc(path) if isinstance(e, Damage)], path
        assert os.path.getsize(path) <= LIMIT
    in_raw = {a["url"] for a in iter_raw_articles(out / "raw")}
    assert 0 < len(in_raw) < 6  # the disk filled part way
    # Every article is a row or an errors row (the tables are small enough to be written).
    assert len(articles_by_url(out)) + len(errors_by_url(out)) >= 6


def test_kabar_crawl_exits_1_with_one_line_when_the_warc_write_fails(tmp_path: Path) -> None:
    import sys

    root = heavy_site(tmp_path)
    out = tmp_path / "out"
    with SiteServer(root) as server:
        cmd = [sys.executable, "-m", "kabar.crawler.cli", "crawl", "satuarah"]
        cmd += ["--base-url", server.base_urls[HOST], "--out", str(out), "-s", "KABAR_EXTRACT_WORKERS=0"]
        proc = subprocess.run(
            cmd, cwd=ROOT, capture_output=True, text=True, timeout=240, preexec_fn=full_disk
        )
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "satuarah: " in proc.stderr and "write(s) to the dataset failed" in proc.stderr
