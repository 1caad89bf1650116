"""Shared by the reliability tests: a disposable copy of one bundled site, its fault URLs, and the
real spider run in a subprocess (Twisted's reactor cannot restart inside pytest) with short
timeouts, so every fault resolves in seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import faults

from kabar.crawler.localserver import SITES_ROOT

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
HOST = "satuarah.co"
ORIGIN = "https://satuarah.co"
SITE = "satuarah"
# The articles of the bundled satuarah.co copy, as its build script recorded them.
REAL_ARTICLES = len(json.loads((SITES_ROOT / "MANIFEST.json").read_text())[SITE]["articles"])

# Fast failure: 2 s per download, 2 retries with a 0.1 s back-off, no politeness delays (our
# own server on 127.0.0.1).  Everything else is kabar's real settings.
FAST_SETTINGS = {
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "2",
    "RETRY_BACKOFF_BASE": "0.1",
    "RETRY_BACKOFF_MAX": "2",
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "TELNETCONSOLE_ENABLED": "False",
    "LOG_LEVEL": "INFO",
}


def fault_url(name: str) -> str:
    """A URL on the site's real origin that the spider takes for an article (dated permalink)."""
    return f"{ORIGIN}/2023/12/01/{name}/"


def fault_path(name: str) -> str:
    return f"^/2023/12/01/{name}/"


def site_copy(tmp_path: Path, fault_names: list[str], keep: int | None = None) -> Path:
    """A copy of the bundled satuarah.co under ``tmp_path/sites`` whose post sitemap also lists
    ``fault_names``; returns the sites root to serve.

    ``keep``: a smaller site for tests that crawl it several times: only the first ``keep``
    articles of the post sitemap, and robots.txt keeps the spider off the feed and the listings
    (which link every article).
    """
    root = tmp_path / "sites"
    root.mkdir()
    site = faults.copy_site(SITES_ROOT, HOST, root)
    if keep is not None:
        sitemap = site / "post-sitemap.xml"
        head, _, rest = sitemap.read_text(encoding="utf-8").partition("<url>")
        entries = ("<url>" + rest).split("</url>")[:-1]
        sitemap.write_text(head + "</url>".join(entries[:keep]) + "</url>\n</urlset>\n", encoding="utf-8")
        robots = site / "robots.txt"
        robots.write_text(robots.read_text() + "\nUser-agent: *\nDisallow: /category/\nDisallow: /feed/\n")
    faults.add_to_sitemap(site / "post-sitemap.xml", [fault_url(n) for n in fault_names])
    return root


def article_html(
    url: str,
    title: str,
    paragraphs: list[str],
    *,
    charset: str = "utf-8",
    ld: str | None = None,
    extra_head: str = "",
    published: str = "2023-12-01T09:00:00+07:00",
) -> str:
    """An article page in Satu Arah's WordPress markup."""
    if ld is None:
        ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": published,
            }
        )
    charset_tag = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="id"><head>{charset_tag}
<title>{title} - Satu Arah</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Satu Arah">
<meta property="article:published_time" content="{published}">{extra_head}
<script type="application/ld+json">{ld}</script>
</head>
<body class="single single-post"><article class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{title}</h1></header>
<div class="entry-content">
{body}</div></article></body></html>"""


PARAGRAPHS = [
    "SATUARAH.CO - Ratusan aparatur sipil negara mengucapkan ikrar netralitas di halaman kantor wali kota, "
    "Jumat (1/12), disaksikan unsur Forkopimda dan Bawaslu.",
    "Wali kota meminta seluruh pegawai menjaga sikap netral selama masa kampanye dan tidak mengunggah "
    "dukungan kepada peserta pemilu di media sosial.",
    "Kepala badan kepegawaian menyebut kafé dan ruang publik lain juga termasuk tempat yang diawasi "
    "bersama tim pemantau netralitas.",
]


@dataclass
class CrawlRun:
    returncode: int
    log: str
    seconds: float
    max_rss_mb: float


def crawl_command(base_url: str, out: Path, jobdir: Path | None = None, **settings: str) -> list[str]:
    args = [sys.executable, "-m", "scrapy", "crawl", SITE, "-a", f"base_url={base_url}"]
    args += ["-s", f"KABAR_OUT={out}"]
    for name, value in {**FAST_SETTINGS, **settings}.items():
        args += ["-s", f"{name}={value}"]
    if jobdir is not None:
        args += ["-s", f"JOBDIR={jobdir}"]
    return args


def env() -> dict[str, str]:
    path = os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])  # tests/faults.py
    return dict(os.environ, PYTHONPATH=path, SCRAPY_SETTINGS_MODULE="kabar.crawler.settings")


# Runs `scrapy` and then reports the peak memory of the crawl and of its worker processes.
_MEASURED_SCRAPY = """
import resource, sys
from scrapy.cmdline import execute
try:
    execute(["scrapy", *sys.argv[1:]])
finally:
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"KABAR_PEAK_RSS_KB {peak}", file=sys.stderr, flush=True)
"""


def run_crawl(base_url: str, out: Path, timeout: float = 90, **settings: str) -> CrawlRun:
    """``scrapy crawl satuarah`` against ``base_url`` into ``out``; bounded by ``timeout``."""
    import re
    import time

    command = [sys.executable, "-c", _MEASURED_SCRAPY, *crawl_command(base_url, out, **settings)[3:]]
    start = time.monotonic()
    proc = subprocess.run(command, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=timeout)
    seconds = time.monotonic() - start
    peak = re.search(r"KABAR_PEAK_RSS_KB (\d+)", proc.stderr)
    return CrawlRun(proc.returncode, proc.stdout + proc.stderr, seconds, int(peak[1]) / 1024 if peak else 0.0)


def table(out: Path, sql: str) -> list[dict]:
    from kabar.pipelines.dataset import connect

    con = connect(out)
    try:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def errors_by_url(out: Path) -> dict[str, dict]:
    return {r["url"]: r for r in table(out, "SELECT * FROM errors")}


def articles_by_url(out: Path) -> dict[str, dict]:
    return {r["url"]: r for r in table(out, "SELECT * FROM articles")}


def article_by_url_or_none(out: Path, url: str) -> dict | None:
    return articles_by_url(out).get(url)
